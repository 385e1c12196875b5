import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// `PlanBook.records` reads many plans in four statements for the queue's
/// first paint; each must be the plan `PlanBook.load` reads alone, in every
/// state a plan can be in, on every day asked.
@Suite struct PlanRecordsTests {
    @Test func manyPlansReadTogetherAreEachThePlanReadAlone() throws {
        let scratch = try Scratch()
        let (db, _) = try WorkstationStoreTests.ledger(scratch)
        let monday = Day(iso: "2025-06-30")!
        let kol = Session(user: User(login: "col01", name: "Rudi", role: .collector, team: "T1"), realLogin: "col01", today: monday, now: Date())
        var lead = Fixture.session
        lead.today = monday
        let book = PlanBook(db)
        let first = monday.adding(days: 14)
        func propose(_ account: String, _ instalments: Int, by session: Session) throws -> Int64 {
            try book.propose(accountNo: account, instalments: instalments, discountBasisPoints: 500, downPayment: .zero, frequency: .month,
                             first: first, note: "n \(account)", session: session).id
        }
        // Approved then paid in part (active, later broken), declined,
        // pending, and active at once then paid in full (completed).
        let approved = try propose("ACC001", 2, by: kol)
        let declined = try propose("ACC002", 2, by: kol)
        #expect(try book.decide(.approve, plan: approved, note: nil, session: lead) == .active)
        #expect(try book.decide(.decline, plan: declined, note: "too generous", session: lead) == .declined)
        let pending = try propose("ACC004", 2, by: kol)
        let completed = try propose("ACC003", 1, by: lead)
        let s = try Importer(db).run(.payments, path: try scratch.write("pay.csv", """
            account_no,ref,paid_on,amount,channel
            ACC001,Q1,2025-07-10,30000,VA
            ACC003,Q2,2025-07-12,855000,VA

            """), session: { var x = lead; x.today = monday.adding(days: 13); return x }())
        #expect(s.posted == 2)

        let ids = [completed, approved, 999, pending, declined]
        var statuses: Set<String> = []
        for day in [monday, monday.adding(days: 13), monday.adding(days: 40), monday.adding(days: 90)] {
            try db.read { sql in
                let together = try PlanBook.records(sql, ids: ids, asOf: day, grace: 3)
                let alone = try ids.compactMap { try PlanBook.load(sql, id: $0, asOf: day, grace: 3)?.record }
                #expect(together.map(\.id) == [completed, approved, pending, declined], "in the order asked, the unknown id left out")
                #expect(together.map { String(describing: $0) } == alone.map { String(describing: $0) }, "on \(day)")
                statuses.formUnion(together.map { "\($0.status)" })
            }
        }
        #expect(statuses.isSuperset(of: ["active", "completed", "broken", "declined", "pending"]), "\(statuses)")
        #expect(try db.read { try PlanBook.records($0, ids: [], asOf: monday, grace: 3) }.isEmpty)
    }
}
