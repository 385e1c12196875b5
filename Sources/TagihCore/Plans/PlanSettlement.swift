/// A plan's status as of any day, derived from its decisions and the
/// ledger's dated entries like a position (CONTRACT §8, R10): never stored
/// once and for all, so a late payments file or a reversal changes it.

/// What a lead (or the proposer's own authority) decided. Only these are
/// stored; `completed` and `broken` are derived.
public enum PlanDecision: String, Sendable, CaseIterable {
    case pending, active, declined, cancelled
}

/// A plan's status as of a day.
public enum PlanStatus: String, Sendable, CaseIterable {
    case pending, active, declined, cancelled, completed, broken

    public init(_ d: PlanDecision) { self = PlanStatus(rawValue: d.rawValue)! }
}

/// A decision and the day it took effect.
public struct PlanDecisionEvent: Sendable, Equatable {
    public var day: Day
    public var decision: PlanDecision
    public init(day: Day, decision: PlanDecision) { self.day = day; self.decision = decision }
}

/// What a plan's status is derived from, besides the ledger.
public struct PlanBasis: Sendable, Equatable {
    public var schedule: PlanSchedule
    /// The day it was proposed: its start.
    public var start: Day
    /// Entries with an id above this were posted after the proposal (the
    /// store's row ids grow with posting order): a start-day payment above
    /// it is the plan's; one at or below it was already in the balance B.
    public var creditMark: Int64
    /// Decisions in the order they were taken (the proposal's first).
    public var decisions: [PlanDecisionEvent]

    public init(schedule: PlanSchedule, start: Day, creditMark: Int64, decisions: [PlanDecisionEvent]) {
        self.schedule = schedule; self.start = start; self.creditMark = creditMark; self.decisions = decisions
    }

    /// The decision in force on `day` (the proposal's before any).
    public func decision(asOf day: Day) -> PlanDecisionEvent? {
        var current = decisions.first
        for e in decisions where e.day <= day { current = e }
        return current
    }

    /// The plan's payments (CONTRACT §8): payments and `credit` adjustments
    /// that B did not hold — dated after the start, or on the start day but
    /// posted after the proposal — never write-offs nor a plan's discount.
    public func payments(_ credits: [Credit]) -> [Credit] {
        credits.filter { c in
            (c.kind == .payment || (c.kind == .credit && !c.planDiscount))
                && (c.date > start || (c.date == start && c.id > creditMark))
        }
        .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }
}

/// A plan's progress as of a day: what the payments have covered of each
/// line, and the status with the day it began.
public struct PlanProgress: Sendable, Equatable {
    public var status: PlanStatus
    /// The day the status as of the asked day began: the completion day, the
    /// break day, or the day of the decision in force.
    public var since: Day
    /// What the payments dated on or before the day have covered of each line, in line order.
    public var paid: [Money]
}

extension Plans {
    /// The status of a plan as of `day` and what its payments covered:
    /// - a plan whose decision in force is not `active` is what was decided;
    /// - else `broken` from the day after the grace days following the due
    ///   date of a line not fully covered by payments dated on or before the
    ///   grace's end, when that day is on or before `day`;
    /// - else `completed` from the first day on or before `day` on which the
    ///   payments dated up to it reach the total;
    /// - else `active`.
    /// Only payments that count as of `day` (dated on or before it, not
    /// reversed on or before it) are applied, lines covered in due order.
    public static func progress(_ basis: PlanBasis, credits: [Credit], asOf day: Day, graceDays: Int) -> PlanProgress {
        progress(basis, planPayments: basis.payments(credits), asOf: day, graceDays: graceDays)
    }

    /// The same, for payments already chosen by `PlanBasis.payments`.
    static func progress(_ basis: PlanBasis, planPayments: [Credit], asOf day: Day, graceDays: Int) -> PlanProgress {
        let lines = basis.schedule.lines
        let counted = planPayments.filter { $0.counts(asOf: day) }
        // Lines take the payments in due order: line i is covered by what has
        // been paid up to a day once that reaches the lines' running total.
        // Sums saturate: past Int64 is simply "more than enough".
        func paidUpTo(_ d: Day) -> Int64 {
            var s: Int64 = 0
            for p in counted where p.date <= d { s = s > Int64.max - p.amount.minor ? Int64.max : s + p.amount.minor }
            return s
        }
        var paid = Array(repeating: Money.zero, count: lines.count)
        var left = paidUpTo(day)
        for i in lines.indices {
            let take = min(left, lines[i].amount.minor)
            paid[i] = Money(minor: take)
            left -= take
        }
        guard let decided = basis.decision(asOf: day) else {
            return PlanProgress(status: .pending, since: basis.start, paid: paid)
        }
        guard decided.decision == .active else {
            return PlanProgress(status: PlanStatus(decided.decision), since: decided.day, paid: paid)
        }
        var running: Int64 = 0
        for line in lines {
            running += line.amount.minor
            let end = line.due.adding(days: graceDays)
            let breakDay = end.adding(days: 1)
            if breakDay > day { break }
            if paidUpTo(end) < running {
                return PlanProgress(status: .broken, since: max(breakDay, decided.day), paid: paid)
            }
        }
        let total = basis.schedule.total.minor
        var sum: Int64 = 0
        for p in counted {
            sum = sum > Int64.max - p.amount.minor ? Int64.max : sum + p.amount.minor
            if sum >= total { return PlanProgress(status: .completed, since: max(p.date, decided.day), paid: paid) }
        }
        // Active since the decision that made it so (a plan a reversal took
        // out of completion is active again, still since that decision).
        return PlanProgress(status: .active, since: decided.day, paid: paid)
    }

    /// The days on which the plan is completed, as half-open intervals
    /// `[from, to)` (`to` nil: from then on), judged with every entry the
    /// ledger holds now. The plan's discount is in force exactly on these
    /// days (CONTRACT §8): the store posts and reverses discount entries so
    /// that the ledger agrees.
    public static func completedDays(_ basis: PlanBasis, credits: [Credit], graceDays: Int) -> [DayInterval] {
        let payments = basis.payments(credits)
        // The status only changes on a day something happens: a payment or
        // its reversal, a decision, or a line's break day.
        var days = Set<Day>([basis.start])
        for p in payments {
            days.insert(p.date)
            if let r = p.reversedOn { days.insert(r) }
        }
        for d in basis.decisions { days.insert(d.day) }
        for l in basis.schedule.lines { days.insert(l.due.adding(days: graceDays + 1)) }
        var out: [DayInterval] = []
        var open: Day?
        for d in days.sorted() where d >= basis.start {
            let done = progress(basis, planPayments: payments, asOf: d, graceDays: graceDays).status == .completed
            if done, open == nil { open = d }
            if !done, let from = open { out.append(DayInterval(from: from, to: d)); open = nil }
        }
        if let from = open { out.append(DayInterval(from: from, to: nil)) }
        return out
    }
}

/// Days from `from` up to, not including, `to` (nil: without end).
public struct DayInterval: Sendable, Equatable, CustomStringConvertible {
    public var from: Day
    public var to: Day?
    public init(from: Day, to: Day?) { self.from = from; self.to = to }
    public func contains(_ d: Day) -> Bool { d >= from && (to.map { d < $0 } ?? true) }
    public var description: String { "[\(from.iso), \(to?.iso ?? "…"))" }
}
