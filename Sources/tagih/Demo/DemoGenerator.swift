import Foundation
import TagihCore
import TagihStore

enum DemoProfile { case lancar, telat, macet, tidakBayar }

struct DemoInvoice {
    var month: Int    // year * 12 + month - 1
    var issue: Int32  // day ordinals
    var due: Int32
    var amount: Int64 // minor units
    var payDate: Int32
}

struct DemoPayment {
    var date: Int32
    var amount: Int64
    var target: Int   // invoice index named by invoice_ref, or -1
    var first: Int    // earliest invoice this payment is for (its date is on or after that invoice's issue date)
    var channel: Int = 0
    var ref: Int = 0
    var reversedOn: Int32 = -1
}

enum DemoAdjustmentKind { case debit, credit, writeoff, reversal }

struct DemoAdjustment {
    var kind: DemoAdjustmentKind
    var date: Int32
    var amount: Int64 = 0
    var invoice: Int = -1
    var payment: Int = -1
}

/// Writes the demo ledger account by account (DemoAccount.swift: who an
/// account is; DemoEntries.swift: its history; DemoRows.swift: the rows
/// written), streaming each row to its file or, before the cutoff, to the
/// ledger directly.
struct DemoGenerator {
    let ledger: DemoLedger
    let today: Int32
    let todayYear: Int, todayMonth: Int, todayDay: Int
    let unit: Int64
    let minorDigits: Int
    let fixedCharges: Int?
    let fixedPayments: Int?
    let accountWidth: Int
    let paymentRefWidth: Int
    let adjustmentRefWidth: Int

    var accountsOut: DemoCSVSink
    var chargesOut: DemoCSVSink
    var paymentsOut: DemoCSVSink
    var adjustmentsOut: DemoCSVSink

    let dates: DemoDateTable

    // Counters for refs unique across each file.
    var channelCounters = [Int](repeating: 0, count: 6)
    var adjustmentCounter = 0

    // Per-account scratch, reused.
    var accountNo: [UInt8] = []
    var digits: [UInt8] = []
    var name: [UInt8] = []
    var phone: [UInt8] = []
    var email: [UInt8] = []
    var address: [UInt8] = []
    var zone = 0, segment = 0
    var collector: Int?
    var invoices: [DemoInvoice] = []
    var payments: [DemoPayment] = []
    var adjustments: [DemoAdjustment] = []

    var accountRows: Int { accountsOut.rows }
    var chargeRows: Int { chargesOut.rows }
    var paymentRows: Int { paymentsOut.rows }
    var adjustmentRows: Int { adjustmentsOut.rows }

    /// Where the history goes instead of the files, when loading a ledger
    /// directly (see DemoRows.swift): the entries dated before `cutoff`;
    /// later ones still go to the files, as last night's batch.
    let direct: LedgerLoader?
    let cutoff: Int32
    var history = DemoHistory()

    init(ledger: DemoLedger, paths: [String], direct: LedgerLoader? = nil, cutoff: Day? = nil) throws {
        self.ledger = ledger
        self.direct = direct
        self.cutoff = cutoff?.ordinal ?? Int32.min
        today = ledger.today.ordinal
        (todayYear, todayMonth, todayDay) = ledger.today.components
        unit = ledger.currency.unit
        minorDigits = ledger.currency.minorDigits
        fixedCharges = ledger.chargesPerAccount
        fixedPayments = ledger.paymentsPerAccount
        accountWidth = max(7, String(ledger.accounts).count)
        let perAccount = max(fixedPayments ?? 12, 1)
        paymentRefWidth = max(8, String(ledger.accounts * perAccount).count)
        adjustmentRefWidth = max(7, String(ledger.accounts * 4).count)

        // Entries reach back at most a few years; due dates at most 31 days ahead.
        dates = DemoDateTable(from: today - 4000, to: today + 100)

        accountsOut = try DemoCSVSink(path: paths[0])
        do {
            chargesOut = try DemoCSVSink(path: paths[1])
            paymentsOut = try DemoCSVSink(path: paths[2])
            adjustmentsOut = try DemoCSVSink(path: paths[3])
        } catch {
            accountsOut.abandon()
            throw error
        }
        invoices.reserveCapacity(32)
        payments.reserveCapacity(32)
        adjustments.reserveCapacity(16)
    }

    mutating func abandon() {
        accountsOut.abandon(); chargesOut.abandon(); paymentsOut.abandon(); adjustmentsOut.abandon()
    }

    mutating func run() throws {
        accountsOut.bytes(Array("account_no,name,phone,email,address,timezone,segment,collector".utf8))
        accountsOut.endHeader()
        chargesOut.bytes(Array("account_no,ref,issue_date,due_date,amount,description".utf8))
        chargesOut.endHeader()
        paymentsOut.bytes(Array("account_no,ref,paid_on,amount,channel,invoice_ref".utf8))
        paymentsOut.endHeader()
        adjustmentsOut.bytes(Array("account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,due_date,reason".utf8))
        adjustmentsOut.endHeader()
        if ledger.accounts > 0 {
            for i in 1...ledger.accounts { try account(i) }
        }
        try accountsOut.close()
        try chargesOut.close()
        try paymentsOut.close()
        try adjustmentsOut.close()
    }

    /// Invoices per account: new accounts weigh in, a long tail of old ones.
    func tenure(_ r: inout DemoRandom) -> Int {
        1 + r.weighted([22, 24, 18, 11, 8, 5, 4, 3, 2, 1, 1, 1])
    }

    mutating func sortPayments() { Self.sortByDate(&payments) { $0.date } }

    mutating func sortAdjustments() { Self.sortByDate(&adjustments) { $0.date } }

    /// Insertion sort by date: a handful of rows per account, stable, and no
    /// allocation (the generator writes millions of accounts).
    static func sortByDate<Row>(_ rows: inout [Row], _ date: (Row) -> Int32) {
        if rows.count < 2 { return }
        for i in 1..<rows.count {
            let x = rows[i]
            var j = i
            while j > 0 && date(rows[j - 1]) > date(x) { rows[j] = rows[j - 1]; j -= 1 }
            rows[j] = x
        }
    }

    static func appendInt(_ b: inout [UInt8], _ value: Int, width: Int = 1) {
        var v = value
        let start = b.count
        repeat {
            b.append(UInt8(truncatingIfNeeded: 0x30 + v % 10))
            v /= 10
        } while v > 0
        while b.count - start < width { b.append(0x30) }
        var i = start, j = b.count - 1
        while i < j { b.swapAt(i, j); i += 1; j -= 1 }
    }

    /// Letters only, lowercased (ASCII).
    static func appendLower(_ b: inout [UInt8], _ word: [UInt8]) {
        for c in word {
            if c >= 0x41 && c <= 0x5A { b.append(c + 0x20) } else if c >= 0x61 && c <= 0x7A { b.append(c) }
        }
    }
}
