/// Indonesia's stamp duty (UU No. 10 Tahun 2020): a document about a sum
/// above Rp5.000.000 bears a Rp10.000 e-Meterai.
public enum StampDuty {
    public static let threshold = Money(minor: 5_000_000_00)
    public static let duty = Money(minor: 10_000_00)
    public static func applies(to m: Money) -> Bool { m > threshold }
}

/// A past-due charge as a letter lists it.
public struct LetterCharge: Sendable, Equatable {
    public var ref: String
    public var due: Day
    public var open: Money
    public init(ref: String, due: Day, open: Money) { self.ref = ref; self.due = due; self.open = open }
}

/// What a warning letter says (CONTRACT §10): the debtor, the account, each
/// past-due charge with its due date and days late, the sum to pay and how,
/// the deadline, the sender, and the e-Meterai note above Rp5.000.000 — in
/// the debtor's language, as a `LetterDocument` (laid out by TagihLetters).
public struct WarningLetterText: Sendable {
    public var letter: String
    /// SP1, SP2 or SP3; nil for a `[[reminders]]` stage on the letter channel,
    /// whose own text (`body`) is the letter's message.
    public var level: WarningLetter?
    public var body: String?
    public var accountNo: String
    public var name: String
    public var address: String?
    public var vaNumber: String?
    public var charges: [LetterCharge]
    public var day: Day
    public var rules: LetterRules
    public var city: String
    public var currency: Currency
    public var language: Language

    public init(letter: String, level: WarningLetter?, body: String? = nil, accountNo: String, name: String, address: String?,
                vaNumber: String?, charges: [LetterCharge], day: Day, rules: LetterRules, city: String, currency: Currency,
                language: Language) {
        self.letter = letter; self.level = level; self.body = body; self.accountNo = accountNo; self.name = name
        self.address = address; self.vaNumber = vaNumber; self.charges = charges; self.day = day; self.rules = rules
        self.city = city; self.currency = currency; self.language = language
    }

    /// The sum the letter asks for: every past-due charge's open amount.
    public var total: Money { Money(minor: charges.reduce(0) { $0 &+ $1.open.minor }) }

    /// The day by which to pay.
    public var deadline: Day { day.adding(days: rules.payWithinDays) }

    public var document: LetterDocument {
        let id = language == .id
        let str = Strings(language)
        let money = MoneyFormatter(currency: currency, language: language)
        let ordinal: String = switch level {
        case .sp1?: id ? "PERTAMA" : "FIRST"
        case .sp2?: id ? "KEDUA" : "SECOND"
        case .sp3?: id ? "KETIGA" : "THIRD"
        case nil: ""
        }
        let title = level == nil ? (id ? "PEMBERITAHUAN TAGIHAN" : "PAYMENT REMINDER")
                                 : (id ? "SURAT PERINGATAN \(ordinal) (\(letter))" : "\(ordinal) WARNING LETTER (\(letter))")
        var blocks: [LetterDocument.Block] = [
            .lines([rules.senderName, rules.senderAddress]),
            .space,
            .title(title),
            .lines([(id ? "Nomor: " : "Number: ") + "\(letter)/\(accountNo)/\(day.iso)", "\(city), \(str.longDate(day))"]),
            .lines([id ? "Kepada Yth." : "To", name] + (address.map { [$0] } ?? [])),
        ]
        if let body { blocks.append(.paragraph(body)) }
        blocks.append(.paragraph(id ? "Menurut catatan kami, tagihan berikut atas akun \(accountNo) telah lewat jatuh tempo dan belum dibayar:"
                                    : "Our records show that the following charges on account \(accountNo) are past due and unpaid:"))
        blocks.append(.table(header: id ? ["Ref", "Jatuh tempo", "Hari terlambat", "Sisa"] : ["Ref", "Due date", "Days late", "Open"],
                             rows: charges.map { [$0.ref, str.longDate($0.due), String(max(0, day.ordinal - $0.due.ordinal)), money.format($0.open)] },
                             right: [2, 3]))
        blocks.append(.emphasis((id ? "Jumlah yang harus dibayar: " : "Amount to pay: ") + money.format(total)))
        blocks.append(.paragraph(id ? "Mohon lunasi paling lambat \(str.longDate(deadline))."
                                    : "Please pay it by \(str.longDate(deadline))."))
        if let va = vaNumber, !va.isEmpty {
            blocks.append(.paragraph(id ? "Bayar ke Virtual Account \(va), atau melalui transfer bank, QRIS, atau gerai minimarket (Alfamart, Indomaret) dengan mencantumkan nomor akun \(accountNo)."
                                        : "Pay to virtual account \(va), or by bank transfer, QRIS or at a minimarket (Alfamart, Indomaret), quoting account \(accountNo)."))
        } else {
            blocks.append(.paragraph(str.format(.letterChannels, accountNo)))
        }
        switch level {
        case .sp3?:
            blocks.append(.paragraph(id ? "Ini adalah peringatan terakhir. Bila tidak ada pembayaran atau tanggapan sampai tanggal tersebut, kami akan menempuh langkah penagihan berikutnya sesuai perjanjian dan peraturan yang berlaku."
                                        : "This is the final warning. If we receive no payment or reply by that date, we will take the next collection steps under the agreement and the applicable regulations."))
        case .sp1?, .sp2?:
            blocks.append(.paragraph(id ? "Bila Anda sudah membayar, abaikan surat ini. Bila ada kesulitan, hubungi kami untuk membicarakan rencana pembayaran."
                                        : "If you have already paid, please disregard this letter. If you have difficulty paying, contact us to agree a payment plan."))
        case nil: break
        }
        blocks.append(.space)
        blocks.append(.lines([id ? "Hormat kami," : "Yours sincerely,", rules.senderName]))
        if StampDuty.applies(to: total) {
            blocks.append(.space)
            blocks.append(.note(str.format(.warningLetterMeterai, money.format(StampDuty.duty))))
        }
        return LetterDocument(title: "\(letter) \(accountNo)", date: day, author: rules.senderName, blocks: blocks)
    }
}
