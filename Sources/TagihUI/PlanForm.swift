import TagihCore

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
    public var focus: Field = .discount

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
            guard let t = try? Money.parse(target.replacingDigitGroups(), currency: currency),
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
            guard let m = try? Money.parse(down.replacingDigitGroups(), currency: currency) else {
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

public struct PlanFormProblem: Error, Equatable, Sendable {
    public var field: PlanForm.Field
    public var message: Strings.UI
}

/// Pending plans for a lead to decide.
public struct ApprovalsState: Sendable {
    public var plans: [PlanRecord] = []
    public var cursor = 0
    public var loaded = false
    /// While declining: the reason being typed.
    public var reason: String?
    public init() {}
    public var selected: PlanRecord? { plans.indices.contains(cursor) ? plans[cursor] : nil }
}
