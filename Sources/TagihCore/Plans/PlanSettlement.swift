/// A plan's progress as of a day: which lines the payments have covered,
/// and whether it is kept, broken or completed (CONTRACT §8).
public struct PlanProgress: Sendable, Equatable {
    public enum State: String, Sendable { case onTrack, broken, completed }
    public var state: State
    /// What the payments have covered of each line, in line order.
    public var paid: [Money]
    /// The day the plan completed (payments reached the total) or broke.
    public var on: Day?
}

extension Plans {
    /// Applies the payments dated from the plan's start (and counting as of
    /// `day`) to its lines in due order. A line not fully covered by the end
    /// of the grace days after its due date breaks the plan the day after;
    /// payments reaching the total complete it on the day of the payment
    /// that reached it.
    public static func progress(_ s: PlanSchedule, start: Day, credits: [Credit], asOf day: Day, graceDays: Int) -> PlanProgress {
        let payments = credits.filter { $0.kind == .payment && $0.date >= start && $0.counts(asOf: day) }
            .sorted { ($0.date, $0.id) < ($1.date, $1.id) }
        var paid = Array(repeating: Int64(0), count: s.lines.count)
        var covered: Int64 = 0
        var completedOn: Day?
        var brokeOn: Day?
        // Walk the payments in date order, checking each line's deadline as days pass.
        var line = 0
        func checkDeadlines(before d: Day) {
            while line < s.lines.count, paid[line] >= s.lines[line].amount.minor { line += 1 }
            if brokeOn == nil, line < s.lines.count {
                let deadline = s.lines[line].due.adding(days: graceDays)
                if d > deadline { brokeOn = deadline.adding(days: 1) }
            }
        }
        for p in payments {
            checkDeadlines(before: p.date)
            if brokeOn != nil { break }
            var left = p.amount.minor
            var i = line
            while left > 0, i < s.lines.count {
                let need = s.lines[i].amount.minor - paid[i]
                let take = min(need, left)
                paid[i] += take
                left -= take
                if paid[i] >= s.lines[i].amount.minor { i += 1 }
            }
            covered += p.amount.minor - left
            if covered >= s.total.minor, completedOn == nil { completedOn = p.date; break }
        }
        if completedOn == nil && brokeOn == nil { checkDeadlines(before: day) }
        let state: PlanProgress.State = completedOn != nil ? .completed : brokeOn != nil ? .broken : .onTrack
        return PlanProgress(state: state, paid: paid.map(Money.init(minor:)), on: completedOn ?? brokeOn)
    }
}
