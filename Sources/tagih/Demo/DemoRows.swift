import Foundation
import TagihCore
import TagihStore

/// One account's rows for `LedgerLoader`, reused from account to account.
struct DemoHistory {
    var account: LedgerLoader.Account?
    var charges: [LedgerLoader.NewCharge] = []
    var credits: [LedgerLoader.NewCredit] = []
    var reversals: [LedgerLoader.NewReversal] = []
    /// A buffer the file formatting writes into, to make the same refs as text.
    var scratch = DemoCSVSink()

    mutating func text(_ write: (inout DemoCSVSink) -> Void) -> String {
        scratch.buf.removeAll(keepingCapacity: true)
        write(&scratch)
        return String(decoding: scratch.buf, as: UTF8.self)
    }
}

/// Where each generated row goes: the import files, or — when the generator
/// loads a ledger directly — `LedgerLoader` for the history and the files
/// only for the entries dated on or after the cutoff (last night's batch).
/// Both ways the rows are the same: the refs are formatted by the same code.
extension DemoGenerator {
    func isHistory(_ day: Int32) -> Bool { direct != nil && day < cutoff }

    /// The account's row, or the account held until its entries are ready.
    mutating func emitAccount() throws {
        guard direct != nil else {
            accountsOut.bytes(accountNo)
            accountsOut.comma()
            accountsOut.field(name)
            accountsOut.comma()
            accountsOut.bytes(phone)
            accountsOut.comma()
            accountsOut.bytes(email)
            accountsOut.comma()
            accountsOut.field(address)
            accountsOut.comma()
            accountsOut.bytes(DemoData.zones[zone])
            accountsOut.comma()
            accountsOut.bytes(DemoData.segments[segment])
            accountsOut.comma()
            if let c = collector { accountsOut.bytes(DemoData.collectors[c]) }
            try accountsOut.endRow()
            return
        }
        func text(_ b: [UInt8]) -> String? { b.isEmpty ? nil : String(decoding: b, as: UTF8.self) }
        history.account = LedgerLoader.Account(
            accountNo: text(accountNo)!, name: text(name) ?? "", phone: text(phone), email: text(email), address: text(address),
            timezone: DemoData.zoneNames[zone], segment: DemoData.segmentNames[segment], collector: collector.map { DemoData.collectorNames[$0] })
    }

    /// The account's invoices, payments and adjustments.
    mutating func writeEntries() throws {
        for inv in invoices {
            if isHistory(inv.issue) { historyCharge(inv) } else { try csvCharge(inv) }
        }
        for p in payments {
            if isHistory(p.date) { historyPayment(p) } else { try csvPayment(p) }
        }
        for a in adjustments {
            adjustmentCounter += 1
            if isHistory(a.date) { historyAdjustment(a) } else { try csvAdjustment(a) }
        }
        if let loader = direct, let account = history.account {
            try loader.add(account, charges: history.charges, credits: history.credits, reversals: history.reversals)
            history.account = nil
            history.charges.removeAll(keepingCapacity: true)
            history.credits.removeAll(keepingCapacity: true)
            history.reversals.removeAll(keepingCapacity: true)
        }
    }

    // MARK: files

    mutating func csvCharge(_ inv: DemoInvoice) throws {
        chargesOut.bytes(accountNo)
        chargesOut.comma()
        chargesOut.invoiceRef(inv.month, digits)
        chargesOut.comma()
        chargesOut.date(inv.issue, dates)
        chargesOut.comma()
        chargesOut.date(inv.due, dates)
        chargesOut.comma()
        chargesOut.money(inv.amount, unit: unit, minorDigits: minorDigits)
        chargesOut.comma()
        chargesOut.description(inv.month)
        try chargesOut.endRow()
    }

    mutating func csvPayment(_ p: DemoPayment) throws {
        paymentsOut.bytes(accountNo)
        paymentsOut.comma()
        paymentsOut.paymentRef(p.channel, p.ref, width: paymentRefWidth)
        paymentsOut.comma()
        paymentsOut.date(p.date, dates)
        paymentsOut.comma()
        paymentsOut.money(p.amount, unit: unit, minorDigits: minorDigits)
        paymentsOut.comma()
        paymentsOut.bytes(DemoData.channelNames[p.channel])
        paymentsOut.comma()
        if p.target >= 0 { paymentsOut.invoiceRef(invoices[p.target].month, digits) }
        try paymentsOut.endRow()
    }

    // account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,due_date,reason
    mutating func csvAdjustment(_ a: DemoAdjustment) throws {
        adjustmentsOut.bytes(accountNo)
        adjustmentsOut.comma()
        adjustmentsOut.adjustmentRef(a.kind, adjustmentCounter, width: adjustmentRefWidth)
        adjustmentsOut.comma()
        adjustmentsOut.date(a.date, dates)
        adjustmentsOut.comma()
        switch a.kind {
        case .debit:
            adjustmentsOut.bytes(Array("debit,".utf8))
            adjustmentsOut.money(a.amount, unit: unit, minorDigits: minorDigits)
            adjustmentsOut.comma()
            adjustmentsOut.invoiceRef(invoices[a.invoice].month, digits)
            adjustmentsOut.bytes([0x2C, 0x2C, 0x2C])
            adjustmentsOut.date(a.date, dates)
            adjustmentsOut.comma()
            adjustmentsOut.bytes(DemoData.reasonLateFee)
        case .credit:
            adjustmentsOut.bytes(Array("credit,".utf8))
            adjustmentsOut.money(a.amount, unit: unit, minorDigits: minorDigits)
            adjustmentsOut.comma()
            adjustmentsOut.invoiceRef(invoices[a.invoice].month, digits)
            adjustmentsOut.bytes([0x2C, 0x2C, 0x2C, 0x2C])
            adjustmentsOut.bytes(DemoData.reasonCreditNote)
        case .writeoff:
            adjustmentsOut.bytes(Array("writeoff,".utf8))
            adjustmentsOut.money(a.amount, unit: unit, minorDigits: minorDigits)
            adjustmentsOut.bytes([0x2C, 0x2C, 0x2C, 0x2C, 0x2C])
            adjustmentsOut.bytes(DemoData.reasonWriteOff)
        case .reversal:
            let p = payments[a.payment]
            adjustmentsOut.bytes(Array("reversal,,,".utf8))
            adjustmentsOut.paymentRef(p.channel, p.ref, width: paymentRefWidth)
            adjustmentsOut.comma()
            adjustmentsOut.bytes(DemoData.channelNames[p.channel])
            adjustmentsOut.bytes([0x2C, 0x2C])
            adjustmentsOut.bytes(DemoData.reversalReason(channel: p.channel))
        }
        try adjustmentsOut.endRow()
    }

    // MARK: history
    //
    // An entry dated before the cutoff has every entry it names dated before
    // it too (a payment on or after its invoice's issue date, a reversal on
    // or after its payment), and invoices and payments are in date order: so
    // the history's invoices and payments are prefixes of the account's, and
    // their indexes are the loader's indexes.

    mutating func historyCharge(_ inv: DemoInvoice) {
        let ref = invoiceRef(inv.month)
        let description = history.text { $0.description(inv.month) }
        history.charges.append(.init(kind: .invoice, ref: ref, issue: Day(ordinal: inv.issue), due: Day(ordinal: inv.due),
                                     amount: Money(minor: inv.amount), description: description))
    }

    mutating func historyPayment(_ p: DemoPayment) {
        let ref = history.text { [paymentRefWidth] in $0.paymentRef(p.channel, p.ref, width: paymentRefWidth) }
        history.credits.append(.init(kind: .payment, channel: DemoData.channelText[p.channel], ref: ref, date: Day(ordinal: p.date),
                                     amount: Money(minor: p.amount), target: p.target >= 0 ? p.target : nil, note: nil))
    }

    mutating func historyAdjustment(_ a: DemoAdjustment) {
        let ref = history.text { [adjustmentCounter, adjustmentRefWidth] in $0.adjustmentRef(a.kind, adjustmentCounter, width: adjustmentRefWidth) }
        let date = Day(ordinal: a.date), amount = Money(minor: a.amount)
        switch a.kind {
        case .debit:
            history.charges.append(.init(kind: .debit, ref: ref, issue: date, due: date, amount: amount,
                                         description: DemoData.lateFeeText))
        case .credit:
            history.credits.append(.init(kind: .credit, channel: "", ref: ref, date: date, amount: amount, target: a.invoice,
                                         note: DemoData.creditNoteText))
        case .writeoff:
            history.credits.append(.init(kind: .writeoff, channel: "", ref: ref, date: date, amount: amount, target: nil,
                                         note: DemoData.writeOffText))
        case .reversal:
            history.reversals.append(.init(ref: ref, date: date, credit: a.payment,
                                           reason: DemoData.reversalText(channel: payments[a.payment].channel)))
        }
    }

    mutating func invoiceRef(_ month: Int) -> String {
        history.text { [digits] in $0.invoiceRef(month, digits) }
    }
}

extension DemoCSVSink {
    /// `Tagihan <bulan> <tahun>`.
    mutating func description(_ month: Int) {
        bytes([0x54, 0x61, 0x67, 0x69, 0x68, 0x61, 0x6E, 0x20]) // "Tagihan "
        bytes(DemoData.months[month % 12])
        byte(0x20)
        int(month / 12, width: 4)
    }

    /// `DENDA-0000012` for a late fee, `ADJ-0000012` for the others.
    mutating func adjustmentRef(_ kind: DemoAdjustmentKind, _ n: Int, width: Int) {
        switch kind {
        case .debit: bytes([0x44, 0x45, 0x4E, 0x44, 0x41, 0x2D]) // DENDA-
        default: bytes([0x41, 0x44, 0x4A, 0x2D]) // ADJ-
        }
        int(n, width: width)
    }
}

extension DemoData {
    static func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }
    static let zoneNames = zones.map(text)
    static let segmentNames = segments.map(text)
    static let collectorNames = collectors.map(text)
    static let channelText = channelNames.map(text)
    static let lateFeeText = text(reasonLateFee), creditNoteText = text(reasonCreditNote), writeOffText = text(reasonWriteOff)
    static let chargebackText = text(reasonChargeback), bouncedText = text(reasonBounced)
    /// A QRIS payment (channel 2) comes back as a chargeback; the others bounce.
    static func isChargeback(_ channel: Int) -> Bool { channel == 2 }
    static func reversalReason(channel: Int) -> [UInt8] { isChargeback(channel) ? reasonChargeback : reasonBounced }
    static func reversalText(channel: Int) -> String { isChargeback(channel) ? chargebackText : bouncedText }
}
