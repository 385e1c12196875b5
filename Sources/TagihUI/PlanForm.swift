import TagihCore
import TagihTerminal

/// The Negotiate plan form: the terms a collector types while the debtor is
/// on the phone. The schedule, totals and authority are recomputed from it
/// on every render (pure functions, microseconds), so the screen answers
/// every keystroke.
public struct PlanForm: Equatable, Sendable {
    public enum Field: String, Sendable, CaseIterable { case discount, target, down, instalments, frequency, first, note }

    public var accountID: Int64
    public var accountNo: String
    /// The balance today: what the plan settles.
    public var balance: Money
    public var discount = ""
    /// A total to aim at instead of a percentage: the smallest discount that reaches it.
    public var target = ""
    public var down = ""
    public var instalments = "6"
    public var frequency = PlanFrequency.month
    public var first: String
    public var note = ""
    public var focus: Field = .discount {
        didSet { if focus != oldValue { caret = nil } }
    }
    /// The cursor in the focused text field (nil: at its end).
    public var caret: Int?
    /// Fields the form filled in (six instalments, a first due date a week
    /// out): the first character typed replaces them.
    public var suggested: Set<Field> = [.instalments, .first]
    /// The first schedule line shown (a long schedule scrolls with PgUp/PgDn).
    public var scheduleTop = 0
    /// Esc was pressed once on a form with terms typed: a second Esc discards them.
    public var confirmDiscard = false

    /// Whether any term was typed or chosen (an untouched form closes at once, as a contact form does).
    public var hasInput: Bool {
        !discount.isEmpty || !target.isEmpty || !down.isEmpty || !note.isEmpty || frequency != .month
            || !suggested.contains(.instalments) || !suggested.contains(.first)
    }

    /// The plan's start: today. The first due date may not be before it.
    public var start: Day

    public init(accountID: Int64, accountNo: String, balance: Money, start: Day, first: Day) {
        self.accountID = accountID
        self.accountNo = accountNo
        self.balance = balance
        self.start = start
        self.first = first.iso
    }

    func text(_ f: Field) -> String {
        switch f {
        case .discount: discount
        case .target: target
        case .down: down
        case .instalments: instalments
        case .first: first
        case .note: note
        case .frequency: ""
        }
    }

    /// One key on the focused field; false when it is not an edit (the frequency is a choice).
    mutating func edit(_ key: Key) -> Bool {
        focus != .frequency && editFocused(key)
    }

    mutating func setText(_ f: Field, _ v: String) {
        switch f {
        case .discount: discount = v
        case .target: target = v
        case .down: down = v
        case .instalments: instalments = v
        case .first: first = v
        case .note: note = v
        case .frequency: break
        }
    }

    /// The terms typed so far, or the first field that does not read.
    public func terms(currency: Currency) -> Result<PlanTerms, PlanFormProblem> {
        var bp: Int
        if !target.trimmingSpaces.isEmpty {
            guard let t = Money.typed(target, currency: currency),
                  let v = Plans.discountFor(target: t, balance: balance) else {
                return .failure(PlanFormProblem(field: .target, message: .planBadTarget))
            }
            bp = v
        } else {
            let pct = discount.trimmingSpaces.isEmpty ? 0 : parsePercent(String(discount.trimmingSpaces).replacingOccurrencesOf(",", "."))
            guard let v = pct else { return .failure(PlanFormProblem(field: .discount, message: .planBadPercent)) }
            bp = v
        }
        var downPayment = Money.zero
        if !down.trimmingSpaces.isEmpty {
            guard let m = Money.typed(down, currency: currency) else {
                return .failure(PlanFormProblem(field: .down, message: .formBadAmount))
            }
            downPayment = m
        }
        guard let n = Int(instalments.trimmingSpaces), n >= 1 else { return .failure(PlanFormProblem(field: .instalments, message: .planBadCount)) }
        guard let day = Day(iso: first.trimmingSpaces) else { return .failure(PlanFormProblem(field: .first, message: .formBadDate)) }
        guard day >= start else { return .failure(PlanFormProblem(field: .first, message: .planFirstBeforeStart)) }
        return .success(PlanTerms(balance: balance, discountBasisPoints: bp, downPayment: downPayment, instalments: n, frequency: frequency, first: day))
    }
}

extension PlanForm {
    /// The draft as `key=value` lines, kept after every change like the
    /// contact form's, so terms typed while the debtor is on the phone
    /// survive a dropped session. `form=plan` tells it from a contact draft.
    public var draft: String {
        var lines = ["form=plan", "account_id=\(accountID)", "account_no=\(accountNo)", "balance=\(balance.minor)",
                     "start=\(start.iso)", "frequency=\(frequency.rawValue)", "focus=\(focus.rawValue)"]
        for f in Field.allCases where f != .frequency { lines.append("\(f.rawValue)=\(text(f))") }
        let kept = Field.allCases.filter { suggested.contains($0) }
        if !kept.isEmpty { lines.append("suggested=" + kept.map(\.rawValue).joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A plan form from a draft; nil when the text is not one.
    public init?(draft: String) {
        let values = draftValues(draft)
        guard values["form"] == "plan", let id = values["account_id"].flatMap({ Int64($0) }), let no = values["account_no"],
              let minor = values["balance"].flatMap({ Int64($0) }), let start = values["start"].flatMap({ Day(iso: $0) }) else { return nil }
        self.init(accountID: id, accountNo: no, balance: Money(minor: minor), start: start, first: start)
        for f in Field.allCases where f != .frequency { setText(f, values[f.rawValue] ?? "") }
        frequency = values["frequency"].flatMap(PlanFrequency.init(rawValue:)) ?? .month
        focus = values["focus"].flatMap(Field.init(rawValue:)) ?? .discount
        suggested = Set((values["suggested"] ?? "").split(separator: ",").compactMap { Field(rawValue: String($0)) })
    }
}

extension PlanForm: FormFields {
    var fieldLimit: Int { 120 }
}

public struct PlanFormProblem: Error, Equatable, Sendable {
    public var field: PlanForm.Field
    public var message: Strings.UI
}
