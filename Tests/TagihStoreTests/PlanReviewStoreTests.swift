import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// A collector reads who decided their plan request, when, and a decline's
/// reason (issue 16): on the account's plans and on the queue's row.
@Suite struct PlanReviewStoreTests {
    /// Called by `WorkstationStoreTests.approvedAndDeclinedRequests` once
    /// the lead (admin) approved one request of col01's and declined the other.
    static func expectReviews(_ store: WorkstationStore, approved: Int64, declined: Int64, on day: Day, now: Int64) throws {
        let rows = try store.queueRows([1, 2, 4], me: "col01", now: now)
        #expect(rows[1]?.planReview == PlanReview(planID: approved, decision: .active, by: "admin", day: day, note: nil))
        #expect(rows[2]?.planReview == PlanReview(planID: declined, decision: .declined, by: "admin", day: day, note: "too generous"))
        #expect(rows[4]?.planReview == nil, "no plan")
        #expect(try store.account(id: 2, asOf: day, now: now).plans.first?.review == rows[2]?.planReview)
        #expect(Strings(.en).planReviewText(rows[2]!.planReview!) == "Plan \(declined) declined by admin on \(Strings(.en).shortDate(day)): “too generous”")
        #expect(Strings(.id).planReviewText(rows[1]!.planReview!) == "Rencana \(approved) disetujui admin pada \(Strings(.id).shortDate(day))")
    }

    @Test func onlyTheDecisionThatEndedTheWaitIsAReview() {
        let d = Day(iso: "2026-11-23")!
        func e(_ x: PlanDecision, _ by: String?, _ note: String? = nil) -> PlanReview.Event { .init(decision: x, by: by, day: d, note: note) }
        #expect(PlanReview.of(plan: 1, events: [e(.active, "kol01")]) == nil, "active at once")
        #expect(PlanReview.of(plan: 1, events: [e(.pending, "kol01")]) == nil, "still waiting")
        #expect(PlanReview.of(plan: 1, events: [e(.pending, "kol01"), e(.cancelled, "lead01")]) == nil, "a cancellation is not a review")
        #expect(PlanReview.of(plan: 1, events: [e(.pending, "kol01"), e(.active, "lead01"), e(.cancelled, "lead01", "replaced by plan 2")])
                == PlanReview(planID: 1, decision: .active, by: "lead01", day: d, note: nil))
    }
}
