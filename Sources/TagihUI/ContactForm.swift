import TagihCore

/// The Log contact form (DESIGN §4): channel, outcome, delay reason, note,
/// the promise when the outcome is one, the next action's day, and — after
/// the policy blocked a save — a lead's override reason. Plain values: the
/// shell keeps a draft of it on disk after every change, so a dropped SSH
/// session loses nothing.
public struct ContactForm: Equatable, Sendable {
    public enum Field: String, Sendable, CaseIterable {
        /// `number`: the phone used (issue 17), shown when the account has more than one usable.
        case channel, number = "to", outcome, reason, note, promiseAmount = "promise_amount", promiseDate = "promise_date", nextAction = "next_action", override
    }

    public var accountID: Int64
    public var accountNo: String
    public var channel: Channel = .phone
    /// An outcome code of the config, or nil until one is chosen.
    public var outcome: String?
    public var reason: DelayReason?
    public var note = ""
    public var promiseAmount = ""
    public var promiseDate = ""
    public var nextAction = ""
    public var override = ""
    public var focus: Field = .channel {
        didSet { if focus != oldValue { caret = nil } }
    }
    /// The cursor in the focused text field (nil: at its end).
    public var caret: Int?
    /// Fields the form filled in (the past-due amount, a date a week out):
    /// the first character typed replaces them.
    public var suggested: Set<Field> = []
    /// The policy blocked the last save and the user may override it.
    public var offerOverride = false
    /// Esc was pressed once on a form with input: a second Esc discards it.
    public var confirmDiscard = false
    /// The ledger's refusal of the last save, shown whole in the form (the
    /// status line holds one line); not kept in the draft.
    public var refusal: String?
    /// The account's phones (CONTRACT §9), and the one chosen: by default
    /// the debtor's first usable number; nil leaves it to the ledger.
    public var parties: [Phone] = []
    public var to: String?
    /// The numbers that may be chosen: those not marked wrong, disconnected or do-not-call today.
    public var usable: [String] = []

    public init(accountID: Int64, accountNo: String) {
        self.accountID = accountID
        self.accountNo = accountNo
    }

    /// Whether anything was entered (a form left untouched needs no draft).
    public var hasInput: Bool {
        outcome != nil || reason != nil || !note.isEmpty || !promiseAmount.isEmpty || !nextAction.isEmpty || channel != .phone
    }

    /// The fields shown, in order: the promise only for a promise outcome,
    /// the override only once the policy has blocked a save.
    public func fields(_ outcomes: OutcomeTable) -> [Field] {
        var out: [Field] = [.channel]
        if usable.count > 1 && channel.usesNumber { out.append(.number) }
        out += [.outcome, .reason, .note]
        if let o = outcome, outcomes[o]?.promise == true { out += [.promiseAmount, .promiseDate] }
        out.append(.nextAction)
        if offerOverride { out.append(.override) }
        return out
    }

    public func isChoice(_ f: Field) -> Bool { f == .channel || f == .number || f == .outcome || f == .reason }

    /// The phones and the default number, from the account as it stands on `day`.
    public mutating func choosePhones(_ phones: [Phone], on day: Day) {
        parties = phones
        usable = phones.filter { !$0.status(on: day).refusesContact }.map(\.number)
        to = phones.firstUsableDebtor(on: day)?.number ?? usable.first
    }

    /// The text of a text field.
    public func text(_ f: Field) -> String {
        switch f {
        case .note: note
        case .promiseAmount: promiseAmount
        case .promiseDate: promiseDate
        case .nextAction: nextAction
        case .override: override
        default: ""
        }
    }

    mutating func setText(_ f: Field, _ value: String) {
        switch f {
        case .note: note = value
        case .promiseAmount: promiseAmount = value
        case .promiseDate: promiseDate = value
        case .nextAction: nextAction = value
        case .override: override = value
        default: break
        }
    }

    /// Steps a choice field through its options (the reason also through "none").
    mutating func cycle(_ f: Field, by step: Int, outcomes: OutcomeTable) {
        switch f {
        case .channel:
            let all = Channel.allCases
            channel = all[((all.firstIndex(of: channel) ?? 0) + step + all.count) % all.count]
        case .outcome:
            let codes = outcomes.codes.map(\.code)
            guard !codes.isEmpty else { return }
            let i = outcome.flatMap { codes.firstIndex(of: $0) } ?? (step > 0 ? -1 : 0)
            outcome = codes[(i + step + codes.count) % codes.count]
        case .reason:
            let all: [DelayReason?] = [nil] + DelayReason.allCases
            let i = all.firstIndex(of: reason) ?? 0
            reason = all[(i + step + all.count) % all.count]
        case .number:
            guard !usable.isEmpty else { return }
            let i = to.flatMap { usable.firstIndex(of: $0) } ?? 0
            to = usable[(i + step + usable.count) % usable.count]
        default:
            break
        }
    }

    /// Typing on a choice field jumps to the next option starting with that letter.
    mutating func choose(_ f: Field, startingWith c: Character, outcomes: OutcomeTable, names: (Field, String) -> String) {
        let options: [String]
        switch f {
        case .channel: options = Channel.allCases.map(\.rawValue)
        case .outcome: options = outcomes.codes.map(\.code)
        case .reason: options = DelayReason.allCases.map(\.rawValue)
        default: return
        }
        let current: String? = switch f {
        case .channel: channel.rawValue
        case .outcome: outcome
        default: reason?.rawValue
        }
        let start = current.flatMap { options.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
        for k in 0..<options.count {
            let candidate = options[(start + k) % options.count]
            let label = names(f, candidate)
            guard label.lowercased().first == Character(c.lowercased()) || candidate.lowercased().first == Character(c.lowercased()) else { continue }
            switch f {
            case .channel: channel = Channel(rawValue: candidate) ?? channel
            case .outcome: outcome = candidate
            default: reason = DelayReason(rawValue: candidate)
            }
            return
        }
    }

    /// The form as a request, or the first problem as (field, message key).
    func request(outcomes: OutcomeTable, currency: Currency, at: Int64, day: Day,
                 clock: LocalClock = .fixed("UTC", hours: 0, abbreviation: "UTC")) -> Result<ContactRequest, FormProblem> {
        guard let code = outcome, let o = outcomes[code] else { return .failure(FormProblem(field: .outcome, message: .formNeedOutcome)) }
        var promise: (amount: Money, due: Day)?
        if o.promise {
            guard let amount = Money.typed(promiseAmount, currency: currency), amount.isPositive else {
                return .failure(FormProblem(field: .promiseAmount, message: .formBadAmount))
            }
            guard let due = Day(iso: promiseDate.trimmingSpaces) else { return .failure(FormProblem(field: .promiseDate, message: .formBadDate)) }
            promise = (amount, due)
        }
        var next: Day?
        var nextAt: Int64?
        let nextText = String(nextAction.trimmingSpaces)
        if !nextText.isEmpty {
            // A day, or a day and a time for a call back: 2026-11-24 14:00.
            let parts = nextText.split(whereSeparator: { $0 == " " || $0 == "T" })
            guard let d = Day(iso: parts[0]) else { return .failure(FormProblem(field: .nextAction, message: .formBadDate)) }
            next = d
            if parts.count == 2 {
                let hm = parts[1].split(separator: ":")
                guard hm.count == 2, let h = Int(hm[0]), let m = Int(hm[1]), (0...23).contains(h), (0...59).contains(m) else {
                    return .failure(FormProblem(field: .nextAction, message: .formBadDate))
                }
                nextAt = clock.instant(day: d, minute: h * 60 + m)
            } else if parts.count > 2 {
                return .failure(FormProblem(field: .nextAction, message: .formBadDate))
            }
        }
        let why = override.trimmingSpaces
        return .success(ContactRequest(accountNo: accountNo, channel: channel, outcome: o, reason: reason,
                                       note: note.trimmingSpaces.isEmpty ? nil : String(note.trimmingSpaces), promise: promise,
                                       nextAction: next, nextActionAt: nextAt, at: at, day: day,
                                       override: offerOverride && !why.isEmpty ? String(why) : nil,
                                       to: channel.usesNumber ? to : nil))
    }

    /// The form as a request with fixed time and standard outcomes (tests).
    public func testRequest() -> ContactRequest? {
        try? request(outcomes: .standard, currency: .idr, at: 0, day: Day(ordinal: 0)).get()
    }

    // MARK: draft

    /// The draft as `key=value` lines (values on one line; the form has no newlines).
    public var draft: String {
        var lines = ["account_id=\(accountID)", "account_no=\(accountNo)", "channel=\(channel.rawValue)", "focus=\(focus.rawValue)"]
        if let outcome { lines.append("outcome=\(outcome)") }
        if let reason { lines.append("reason=\(reason.rawValue)") }
        if let to { lines.append("to=\(to)") }
        for f in [Field.note, .promiseAmount, .promiseDate, .nextAction, .override] where !text(f).isEmpty {
            lines.append("\(f.rawValue)=\(text(f))")
        }
        if offerOverride { lines.append("offer_override=1") }
        let kept = Field.allCases.filter { suggested.contains($0) && !text($0).isEmpty }
        if !kept.isEmpty { lines.append("suggested=" + kept.map(\.rawValue).joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A form from a draft; nil when the text is not one.
    public init?(draft: String) {
        let values = draftValues(draft)
        // A plan form's draft is not a contact form's.
        guard values["form"] == nil, let id = values["account_id"].flatMap({ Int64($0) }), let no = values["account_no"] else { return nil }
        self.init(accountID: id, accountNo: no)
        channel = values["channel"].flatMap(Channel.init(rawValue:)) ?? .phone
        outcome = values["outcome"]
        reason = values["reason"].flatMap(DelayReason.init(rawValue:))
        to = values["to"]
        for f in [Field.note, .promiseAmount, .promiseDate, .nextAction, .override] { setText(f, values[f.rawValue] ?? "") }
        focus = values["focus"].flatMap(Field.init(rawValue:)) ?? .channel
        offerOverride = values["offer_override"] == "1"
        suggested = Set((values["suggested"] ?? "").split(separator: ",").compactMap { Field(rawValue: String($0)) })
    }
}

extension Channel {
    /// A channel that reaches a phone number (the form picks which).
    var usesNumber: Bool { self == .phone || self == .sms || self == .whatsapp }
}

extension ContactForm: FormFields {
    var fieldLimit: Int { 200 }
}

struct FormProblem: Error, Equatable {
    var field: ContactForm.Field
    var message: Strings.UI
}

extension Money {
    /// An amount as a collector types it (`1.250.000`, `1,250,000`,
    /// `Rp150.000`, `1250000,50`), nil when it does not read. The one parse
    /// behind saving and the `= Rp150.000` echo, so the echo is what is saved.
    static func typed(_ text: String, currency: Currency) -> Money? {
        try? Money.parse(text.replacingDigitGroups(), currency: currency)
    }
}

extension String {
    /// `1.250.000` or `1,250,000` typed as an amount → `1250000` (the file
    /// format has no grouping; a collector types what the screen shows).
    func replacingDigitGroups() -> String {
        let t = String(trimmingSpaces).replacingPrefix("Rp", "").replacingPrefix("IDR", "")
        let trimmed = String(t.trimmingSpaces)
        // Dots followed by exactly three digits, repeated, are thousands
        // separators (Indonesian); a comma then is the decimal mark.
        let comma: Character = ",", dot: Character = "."
        let parts = trimmed.split(omittingEmptySubsequences: false, whereSeparator: { $0 == comma })
        let whole0 = String(parts[0])
        let groups: [Substring] = whole0.split(whereSeparator: { $0 == dot })
        if whole0.contains(dot), parts.count <= 2, groups.dropFirst().allSatisfy({ $0.count == 3 }) {
            let whole = parts[0].replacingOccurrencesOf(dot, "")
            return parts.count == 2 ? whole + "." + parts[1] : whole
        }
        if parts.count == 1 { return trimmed }
        // Commas as thousands separators (English): 1,250,000.50.
        let commaGroups: [Substring] = trimmed.split(whereSeparator: { $0 == comma })
        if commaGroups.dropFirst().allSatisfy({ String($0).prefix { $0 != dot }.count == 3 }) {
            return trimmed.replacingOccurrencesOf(comma, "")
        }
        // A lone comma is the Indonesian decimal mark: 1250000,50.
        return parts.count == 2 ? parts[0] + "." + parts[1] : trimmed
    }

    func replacingPrefix(_ prefix: String, _ with: String) -> String {
        hasPrefix(prefix) ? with + dropFirst(prefix.count) : self
    }
}

extension StringProtocol {
    func replacingOccurrencesOf(_ a: Character, _ b: String) -> String {
        var out = ""
        for c in self { if c == a { out += b } else { out.append(c) } }
        return out
    }
}
