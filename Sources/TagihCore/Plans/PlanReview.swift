/// A lead's (or admin's) decision on a plan that waited for one: what the
/// collector who proposed it is told on the queue and the account screen
/// ("Plan 12 approved by lead01 on 23 Nov 2026").
public struct PlanReview: Hashable, Sendable {
    public var planID: Int64
    /// `active` (approved) or `declined`.
    public var decision: PlanDecision
    public var by: String
    public var day: Day
    /// The reason given with a decline.
    public var note: String?

    public init(planID: Int64, decision: PlanDecision, by: String, day: Day, note: String?) {
        self.planID = planID; self.decision = decision; self.by = by; self.day = day; self.note = note
    }

    /// One event of a plan's history, in the order they were recorded.
    public struct Event: Sendable {
        public var decision: PlanDecision
        public var by: String?
        public var day: Day
        public var note: String?
        public init(decision: PlanDecision, by: String?, day: Day, note: String?) {
            self.decision = decision; self.by = by; self.day = day; self.note = note
        }
    }

    /// The decision that took the plan out of `pending`, if it ever waited
    /// and was approved or declined (a plan within its proposer's authority
    /// is active at once: nobody reviewed it; a cancellation is not a review).
    public static func of(plan id: Int64, events: [Event]) -> PlanReview? {
        guard let waited = events.firstIndex(where: { $0.decision == .pending }) else { return nil }
        guard let e = events[(waited + 1)...].first(where: { $0.decision != .pending }),
              e.decision == .active || e.decision == .declined, let by = e.by else { return nil }
        return PlanReview(planID: id, decision: e.decision, by: by, day: e.day, note: e.note)
    }
}

extension Strings {
    /// A decision on a plan that waited for one, as the collector reads it:
    /// "Plan 12 approved by lead01 on 23 Nov 2026", a decline with its reason.
    public func planReviewText(_ r: PlanReview) -> String {
        guard r.decision == .declined else { return format(.planReviewApproved, r.planID, r.by, shortDate(r.day)) }
        guard let note = r.note else { return format(.planReviewDeclined, r.planID, r.by, shortDate(r.day)) }
        return format(.planReviewDeclinedWhy, r.planID, r.by, shortDate(r.day), TextField.visible(note))
    }
}
