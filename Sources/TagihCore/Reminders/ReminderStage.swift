/// How a reminder reaches the debtor (CONTRACT §10).
public enum ReminderChannel: String, Sendable, CaseIterable, Comparable {
    case sms, whatsapp, email, letter

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// One `[[reminders]]` stage of the ledger's rules: a message on `channel`
/// when a charge is `days` from its due date (negative: before it), in the
/// debtor's language.
public struct ReminderStage: Sendable, Equatable {
    public var name: String
    public var days: Int
    public var channel: ReminderChannel
    public var templates: [Language: MessageTemplate]

    public init(name: String, days: Int, channel: ReminderChannel, templates: [Language: MessageTemplate]) {
        self.name = name; self.days = days; self.channel = channel; self.templates = templates
    }

    /// The template for `language`, else the Indonesian one (the rules must
    /// give it), else any.
    public func template(_ language: Language) -> MessageTemplate? {
        templates[language] ?? templates[.id] ?? templates.values.first
    }

    /// The longest a stage may sit from the due date, either way: ten years.
    public static let dayRange: ClosedRange<Int> = -3650...3650

    /// Built-in stages: a WhatsApp three days before the due date, an SMS the
    /// day after it, a WhatsApp a week late. A ledger's rules replace them.
    public static let standard: [ReminderStage] = {
        func t(_ s: String) -> MessageTemplate { try! MessageTemplate(s) }
        return [
            ReminderStage(name: "pre-due", days: -3, channel: .whatsapp, templates: [
                .id: t("Yth. {name}, tagihan {account_no} sebesar {amount_due} jatuh tempo {due_date}."),
                .en: t("Dear {name}, {amount_due} on {account_no} is due on {due_date}."),
            ]),
            ReminderStage(name: "due-1", days: 1, channel: .sms, templates: [
                .id: t("Yth. {name}, tagihan {account_no} sebesar {amount_due} telah jatuh tempo {due_date}. Bayar ke VA {va_number}."),
                .en: t("Dear {name}, {amount_due} on {account_no} was due on {due_date}. Pay to VA {va_number}."),
            ]),
            ReminderStage(name: "late-7", days: 7, channel: .whatsapp, templates: [
                .id: t("Yth. {name}, tagihan {account_no} sebesar {amount_due} terlambat {days_late} hari. Mohon segera dibayar."),
                .en: t("Dear {name}, {amount_due} on {account_no} is {days_late} days late. Please pay it now."),
            ]),
        ]
    }()
}

/// `[letters]`: the warning letters SP1, SP2 and SP3, by days past due of the
/// account's oldest open charge, and the sender printed on them.
public struct LetterRules: Sendable, Equatable {
    public var sp1Days: Int
    public var sp2Days: Int
    public var sp3Days: Int
    public var senderName: String
    public var senderAddress: String
    /// The letter asks for payment within this many days of its date.
    public var payWithinDays: Int

    public init(sp1Days: Int = 7, sp2Days: Int = 30, sp3Days: Int = 60,
                senderName: String = "PT Tagih Nusantara", senderAddress: String = "Jakarta", payWithinDays: Int = 7) {
        self.sp1Days = sp1Days; self.sp2Days = sp2Days; self.sp3Days = sp3Days
        self.senderName = senderName; self.senderAddress = senderAddress; self.payWithinDays = payWithinDays
    }

    /// The letters in order: (`SP1`, its threshold), …
    public var thresholds: [(letter: WarningLetter, days: Int)] {
        [(.sp1, sp1Days), (.sp2, sp2Days), (.sp3, sp3Days)]
    }

    /// The most advanced letter due at `daysPastDue`, if any.
    public func letter(daysPastDue: Int) -> WarningLetter? {
        thresholds.last(where: { daysPastDue >= $0.days })?.letter
    }
}

/// The three warning letters (Surat Peringatan).
public enum WarningLetter: String, Sendable, CaseIterable, Comparable {
    case sp1 = "SP1", sp2 = "SP2", sp3 = "SP3"

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
