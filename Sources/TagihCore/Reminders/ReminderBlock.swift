/// Why a message chosen for today does not go (CONTRACT §10): the contact
/// policy's reason without the moment's details, or what the channel lacks.
/// `tagih remind` and Reports → Reminders count a stage's blocked messages
/// by these, and show them in the reader's language (`Strings.reminderBlock`);
/// `key` is the stable English name the CSV export keeps.
public enum ReminderBlock: Hashable, Sendable {
    case notAContactDay
    case holiday(String)
    case beforeHours, afterHours, dailyLimit, weeklyPhoneLimit
    /// A rest after a conversation (or a later call the rest would cover).
    case restAfterConversation
    case onHold(HoldKind)
    /// The debtor has phones, none usable today (marked wrong, do-not-call…).
    case noUsableNumber
    case noPhoneNumber
    /// The number's own rules refuse a message today (its consent or status).
    case numberRefused
    case noEmail, noPostalAddress

    public init(_ reason: BlockReason) {
        switch reason {
        case .notAContactDay: self = .notAContactDay
        case .holiday(let name): self = .holiday(name)
        case .beforeHours: self = .beforeHours
        case .afterHours: self = .afterHours
        case .dailyLimit: self = .dailyLimit
        case .weeklyPhoneLimit, .weeklyPhoneLimitAhead: self = .weeklyPhoneLimit
        case .restAfterConversation, .laterPhoneAttempt: self = .restAfterConversation
        case .onHold(let kind, _): self = .onHold(kind)
        }
    }

    /// `daily limit`, `holiday (Natal)`, `on hold (dispute)`: the CSV's key.
    public var key: String {
        switch self {
        case .notAContactDay: "not a contact day"
        case .holiday(let name): "holiday (\(name))"
        case .beforeHours: "before hours"
        case .afterHours: "after hours"
        case .dailyLimit: "daily limit"
        case .weeklyPhoneLimit: "weekly phone limit"
        case .restAfterConversation: "rest after a conversation"
        case .onHold(let kind): "on hold (\(kind.rawValue))"
        case .noUsableNumber: "no usable number"
        case .noPhoneNumber: "no phone number"
        case .numberRefused: "number refused"
        case .noEmail: "no e-mail address"
        case .noPostalAddress: "no postal address"
        }
    }
}

extension Strings {
    /// A blocked message's reason in the reader's language.
    public func reminderBlock(_ b: ReminderBlock) -> String {
        guard language == .id else { return b.key }
        switch b {
        case .notAContactDay: return "bukan hari kontak"
        case .holiday(let name): return "hari libur (\(name))"
        case .beforeHours: return "sebelum jam kontak"
        case .afterHours: return "setelah jam kontak"
        case .dailyLimit: return "batas harian"
        case .weeklyPhoneLimit: return "batas telepon mingguan"
        case .restAfterConversation: return "jeda setelah percakapan"
        case .onHold(let kind): return "ditahan (\(holdKind(kind)))"
        case .noUsableNumber: return "tidak ada nomor yang dapat dipakai"
        case .noPhoneNumber: return "tidak ada nomor telepon"
        case .numberRefused: return "nomor menolak"
        case .noEmail: return "tidak ada alamat e-mail"
        case .noPostalAddress: return "tidak ada alamat surat"
        }
    }

    /// Blocked messages counted per reason, `daily limit 1, on hold (dispute) 2`,
    /// in the order of the reasons' words.
    public func reminderBlocks(_ counts: [ReminderBlock: Int]) -> String {
        counts.map { (reminderBlock($0.key), $0.value) }.sorted { $0.0 < $1.0 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
}
