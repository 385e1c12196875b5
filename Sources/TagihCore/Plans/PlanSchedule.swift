/// Payment plans (CONTRACT §8): the terms a collector proposes, the schedule
/// they give, and whether they fall within the proposer's authority. Pure
/// functions of the terms; the store keeps what was agreed.

/// How often instalments fall due.
public enum PlanFrequency: String, Sendable, CaseIterable {
    case week, twoWeeks = "2weeks", month

    /// The due day of period `k` after `first` (k = 0 is `first`): every 7 or
    /// 14 days, or monthly on `first`'s day of the month, clamped to a
    /// shorter month's last day (01-31 → 02-28 → 03-31 → 04-30).
    public func due(_ k: Int, after first: Day) -> Day {
        switch self {
        case .week: first.adding(days: 7 * k)
        case .twoWeeks: first.adding(days: 14 * k)
        case .month: first.adding(months: k, dayOfMonth: first.components.day)
        }
    }
}

/// What a collector proposes.
public struct PlanTerms: Sendable, Equatable {
    /// B: the account's balance as of the day of the proposal.
    public var balance: Money
    /// The discount, in basis points of a percent (12.50% = 1250).
    public var discountBasisPoints: Int
    public var downPayment: Money
    public var instalments: Int
    public var frequency: PlanFrequency
    /// When the down payment (or, without one, instalment 1) falls due.
    public var first: Day

    public init(balance: Money, discountBasisPoints: Int = 0, downPayment: Money = .zero, instalments: Int,
                frequency: PlanFrequency = .month, first: Day) {
        self.balance = balance; self.discountBasisPoints = discountBasisPoints; self.downPayment = downPayment
        self.instalments = instalments; self.frequency = frequency; self.first = first
    }
}

/// One line of a schedule: n = 0 is the down payment, 1…N the instalments.
public struct PlanLine: Sendable, Equatable {
    public var n: Int
    public var due: Day
    public var amount: Money
    public init(n: Int, due: Day, amount: Money) { self.n = n; self.due = due; self.amount = amount }
}

public struct PlanSchedule: Sendable, Equatable {
    public var terms: PlanTerms
    /// D = B × PCT / 100, rounded down to the minor unit.
    public var discount: Money
    /// T = B − D.
    public var total: Money
    public var lines: [PlanLine]

    public init(terms: PlanTerms, discount: Money, total: Money, lines: [PlanLine]) {
        self.terms = terms; self.discount = discount; self.total = total; self.lines = lines
    }

    public var firstDue: Day { lines.first?.due ?? terms.first }
    public var lastDue: Day { lines.last?.due ?? terms.first }
}

/// Why terms cannot make a plan.
public enum PlanError: Error, Equatable, Sendable, CustomStringConvertible {
    case nothingOwed(Money)
    case instalments(Int)
    case discount(Int)
    case downPayment(down: Money, total: Money)
    case instalmentBelowUnit(Money)
    case overflow
    /// The last payment would fall after 9999-12-31.
    case beyondCalendar

    public var description: String { text(.idr) }

    /// The reason in English, amounts in `currency`'s machine format.
    public func text(_ currency: Currency) -> String {
        switch self {
        case .nothingOwed: "the account owes nothing to plan (balance is not positive)"
        case .instalments(let n): "--instalments \(n): a plan has 1 to 360 instalments"
        case .discount(let bp): "--discount \(formatPercent(bp)): a discount is from 0 to 100 percent, below 100"
        case .downPayment(let down, let total):
            "the down payment (\(down.machine(currency))) must be less than the plan total (\(total.machine(currency))) and not negative"
        case .instalmentBelowUnit: "each instalment would be below one currency unit; use fewer instalments"
        case .overflow: "the amounts are too large to compute exactly"
        case .beyondCalendar: "the last payment would fall after 9999-12-31; choose an earlier first date or fewer instalments"
        }
    }
}

public enum Plans {
    /// The schedule of CONTRACT §8 for `terms`, in `currency`.
    public static func schedule(_ t: PlanTerms, currency: Currency) throws(PlanError) -> PlanSchedule {
        guard t.balance.isPositive else { throw .nothingOwed(t.balance) }
        guard (1...360).contains(t.instalments) else { throw .instalments(t.instalments) }
        guard (0..<10_000).contains(t.discountBasisPoints) else { throw .discount(t.discountBasisPoints) }
        // D = B × bp / 10 000, rounded down, in full width so no balance overflows.
        let (high, low) = t.balance.minor.multipliedFullWidth(by: Int64(t.discountBasisPoints))
        let (d, _) = Int64(10_000).dividingFullWidth((high, low))
        let discount = Money(minor: d)
        let total = Money(minor: t.balance.minor - d)
        guard t.downPayment.minor >= 0, t.downPayment < total else { throw .downPayment(down: t.downPayment, total: total) }
        // The last period must stay within the calendar (years up to 9999).
        let periods = t.instalments - (t.downPayment.isPositive ? 0 : 1)
        let (y, m, _) = t.first.components
        let lastOrdinal: Int = switch t.frequency {
        case .week: Int(t.first.ordinal) + 7 * periods
        case .twoWeeks: Int(t.first.ordinal) + 14 * periods
        case .month: y * 12 + (m - 1) + periods > 9999 * 12 + 11 ? Int.max : 0
        }
        guard lastOrdinal <= Int(Day.latest.ordinal) else { throw .beyondCalendar }
        let rest = total.minor - t.downPayment.minor
        let unit = currency.unit
        // Instalments 1…N−1: (T − down) / N rounded down to a whole unit; the last takes the remainder.
        let each = rest / Int64(t.instalments) / unit * unit
        guard each >= unit || (t.instalments == 1 && rest >= unit) else { throw .instalmentBelowUnit(Money(minor: each)) }
        var lines: [PlanLine] = []
        let hasDown = t.downPayment.isPositive
        if hasDown { lines.append(PlanLine(n: 0, due: t.first, amount: t.downPayment)) }
        for n in 1...t.instalments {
            let period = hasDown ? n : n - 1
            let amount = n < t.instalments ? each : rest - each * Int64(t.instalments - 1)
            lines.append(PlanLine(n: n, due: t.frequency.due(period, after: t.first), amount: Money(minor: amount)))
        }
        return PlanSchedule(terms: t, discount: discount, total: total, lines: lines)
    }
}

/// How far a person may go without a lead (CONTRACT §8).
public struct PlanAuthority: Sendable, Equatable {
    /// Discount limit in basis points; nil: no limit.
    public var discountLimitBasisPoints: Int?
    /// Longest plan in instalments, and in calendar months from the first
    /// due date to the last; nil: no limit.
    public var maxInstalments: Int?

    public init(discountLimitBasisPoints: Int?, maxInstalments: Int?) {
        self.discountLimitBasisPoints = discountLimitBasisPoints
        self.maxInstalments = maxInstalments
    }

    /// A user's authority: their own discount limit (collectors default to 0,
    /// leads and admins to none), and their role's longest plan from the config.
    public static func of(_ user: User, longest: [Role: Int?]) -> PlanAuthority {
        let limit = user.discountLimitBasisPoints ?? (user.role == .collector ? 0 : nil)
        return PlanAuthority(discountLimitBasisPoints: limit, maxInstalments: longest[user.role] ?? nil)
    }

    /// What in a schedule goes beyond this authority; empty when within it.
    public func exceeded(_ s: PlanSchedule) -> [PlanExcess] {
        var out: [PlanExcess] = []
        if let limit = discountLimitBasisPoints, s.terms.discountBasisPoints > limit {
            out.append(.discount(s.terms.discountBasisPoints, limit: limit))
        }
        if let max = maxInstalments {
            if s.terms.instalments > max { out.append(.instalments(s.terms.instalments, limit: max)) }
            if s.lastDue > s.firstDue.adding(months: max) { out.append(.length(first: s.firstDue, last: s.lastDue, months: max)) }
        }
        return out
    }

    /// The same, in English words (the command line and the audit trail).
    public func excesses(_ s: PlanSchedule) -> [String] { exceeded(s).map(\.text) }
}

/// One way a plan goes beyond an authority.
public enum PlanExcess: Sendable, Equatable {
    case discount(Int, limit: Int)
    case instalments(Int, limit: Int)
    case length(first: Day, last: Day, months: Int)

    public var text: String {
        switch self {
        case .discount(let bp, let limit): "a discount of \(formatPercent(bp))% is above the limit of \(formatPercent(limit))%"
        case .instalments(let n, let limit): "\(n) instalments are more than \(limit)"
        case .length(let first, let last, let months):
            "the last payment on \(last.iso) is more than \(months) months after the first on \(first.iso)"
        }
    }

}

extension Plans {
    /// Target total → the smallest discount (basis points) that brings the
    /// total to it or below: D = B × bp / 10 000 rounded down, so bp is
    /// rounded up. Nil when the target is not below the balance.
    public static func discountFor(target: Money, balance: Money) -> Int? {
        guard balance.isPositive, target.minor >= 0, target < balance else { return nil }
        let off = balance.minor - target.minor
        // ceil(off × 10 000 / B) in full width.
        let (high, low) = off.multipliedFullWidth(by: 10_000)
        let (q, r) = balance.minor.dividingFullWidth((high, low))
        let bp = Int(q) + (r > 0 ? 1 : 0)
        return bp < 10_000 ? bp : nil
    }
}
