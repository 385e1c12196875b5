import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// A collector reads who decided their plan request, when, and a decline's
/// reason (issue 16): on the account's plans and on the queue's row.
@Suite struct PlanReviewStoreTests {
    @Test func theDecisionOnARequestIsReadBackFromThePlansEvents() throws {
        let scratch = try Scratch()
        let (db, store) = try WorkstationStoreTests.ledger(scratch)
        let monday = Day(iso: "2025-06-30")!
        let noon = Int64(monday.ordinal) * 86_400 + 5 * 3600
        let kol = Session(user: User(login: "col01", name: "Rudi", role: .collector, team: "T1"), realLogin: "col01", today: monday, now: Date())
        var lead = Fixture.session
        lead.today = monday
        let book = PlanBook(db)
        let first = monday.adding(days: 14)
        let p1 = try book.propose(accountNo: "ACC001", instalments: 2, discountBasisPoints: 500, downPayment: .zero, frequency: .month,
                                  first: first, note: nil, session: kol)
        let p2 = try book.propose(accountNo: "ACC002", instalments: 2, discountBasisPoints: 500, downPayment: .zero, frequency: .month,
                                  first: first, note: nil, session: kol)
        // Within authority (an unassigned account, no discount): active at once, nobody reviewed it.
        let p3 = try book.propose(accountNo: "ACC004", instalments: 2, discountBasisPoints: 0, downPayment: .zero, frequency: .month,
                                  first: first, note: nil, session: kol)
        #expect(p3.status == .active)
        let rowsBefore = try store.queueRows([1, 2], me: "col01", now: noon)
        #expect(rowsBefore[1]?.planReview == nil && rowsBefore[2]?.planReview == nil, "a pending plan has no decision yet")
        _ = try book.decide(.approve, plan: p1.id, note: nil, session: lead)
        _ = try book.decide(.decline, plan: p2.id, note: "too generous", session: lead)

        let rows = try store.queueRows([1, 2, 4], me: "col01", now: noon)
        #expect(rows[1]?.planReview == PlanReview(planID: p1.id, decision: .active, by: "admin", day: monday, note: nil))
        #expect(rows[2]?.planReview == PlanReview(planID: p2.id, decision: .declined, by: "admin", day: monday, note: "too generous"))
        #expect(rows[4]?.planReview == nil)
        let account = try store.account(id: 2, asOf: monday, now: noon)
        #expect(account.plans.first?.review == rows[2]?.planReview)
        #expect(try store.account(id: 4, asOf: monday, now: noon).plans.first?.review == nil)
        #expect(Strings(.en).planReviewText(rows[2]!.planReview!) == "Plan \(p2.id) declined by admin on 30 Jun 2025: “too generous”")
        #expect(Strings(.id).planReviewText(rows[1]!.planReview!) == "Rencana \(p1.id) disetujui admin pada 30 Jun 2025")
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
