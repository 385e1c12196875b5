import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// The queue, search and the KPIs' sales as of a day the balance cache is
/// not (issue 13 item 8): the cache is each account's position after its
/// newest entry, so with entries dated after the day asked, figures must be
/// replayed as of that day, as aging does.
@Suite struct QueueAsOfTests {
    static func noon(_ d: Day) -> Int64 { WorkstationStoreTests.noon(d) }

    /// A payment dated after today (2025-06-30) pays ACC001's 100,000 in full:
    /// the cache already says 0, today ACC001 still owes 100,000 past due.
    @Test func futureDatedPaymentsDoNotEmptyTodaysQueueOrSearch() throws {
        let scratch = try Scratch()
        let (db, store) = try WorkstationStoreTests.ledger(scratch)
        try db.importFile(.payments, try scratch.write("later.csv", """
            account_no,ref,paid_on,amount,channel
            ACC001,P9,2025-07-05,100000,VA

            """))
        let today = Fixture.today
        let keys = try store.queueKeys(.book, today: today, now: Self.noon(today)).keys
        #expect(keys.map(\.accountID).sorted() == [1, 2, 3, 4], "ACC001 is still to work today")
        let acc1 = try #require(keys.first { $0.accountID == 1 })
        #expect(acc1.balance == Money(minor: 10_000_000) && acc1.oldestDue == Day(iso: "2025-05-31")!)
        #expect(try store.queueKeys(.collector("col01"), today: today, now: Self.noon(today)).keys.map(\.accountID).sorted() == [1, 2])
        // One account's key (after a contact) follows the same rule.
        #expect(try store.queueKey(account: 1, today: today, now: Self.noon(today)).keys.map(\.balance) == [Money(minor: 10_000_000)])
        // On the payment's day the cache is current again: ACC001 needs no work.
        let later = Day(iso: "2025-07-05")!
        #expect(!(try store.queueKeys(.book, today: later, now: Self.noon(later)).keys.map(\.accountID).contains(1)))

        // Search shows today's balance, not the cache's.
        #expect(try store.search("ACC001", limit: 5, today: today).map(\.balance) == [Money(minor: 10_000_000)])
        #expect(try store.search("ACC001", limit: 5, today: later).map(\.balance) == [.zero])
    }

    /// The queue as of a past day (a drill-down from that day's aging): each
    /// account's position then. On 2025-06-01 ACC002 owed 250,000 + 50,000
    /// (its 20,000 payment came on 06-02); ACC004's charge fell due only on 06-15.
    @Test func theQueueAsOfAPastDay() throws {
        let scratch = try Scratch()
        let (_, store) = try WorkstationStoreTests.ledger(scratch)
        let day = Day(iso: "2025-06-01")!
        let keys = try store.queueKeys(.book, today: day, now: Self.noon(day)).keys
        #expect(keys.map(\.accountID).sorted() == [1, 2, 3])
        #expect(keys.first { $0.accountID == 2 }?.balance == Money(minor: 30_000_000), "not the cache's 280,000")
        #expect(try store.queueKeys(.unassigned, today: day, now: Self.noon(day)).keys.isEmpty)
        #expect(try store.queueKeys(.team("T1"), today: day, now: Self.noon(day)).keys.map(\.accountID).sorted() == [1, 2])
        // Before any due date nothing is past due.
        let early = Day(iso: "2025-02-01")!
        #expect(try store.queueKeys(.book, today: early, now: Self.noon(early)).keys.map(\.accountID) == [3], "only ACC003 (due 01-31)")
        // Most of the book has entries after 02-01 (one streaming replay); within a scope only its accounts
        // count: col01's three are all replayed (none past due then), col02's ACC003 has none after 02-01 (its cache holds).
        #expect(try store.queueKeys(.collector("col01"), today: early, now: Self.noon(early)).keys.isEmpty)
        #expect(try store.queueKeys(.collector("col02"), today: early, now: Self.noon(early)).keys.map(\.balance) == [Money(minor: 90_000_000)])
    }

    /// The unassigned scope's KPIs count the sales of the accounts with no
    /// collector: `collector IN ('')` never matched NULL.
    @Test func unassignedKPICountsItsSales() throws {
        let scratch = try Scratch()
        let (db, _) = try WorkstationStoreTests.ledger(scratch)
        let reports = LedgerReports(db)
        let june = (Day(iso: "2025-06-01")!, Day(iso: "2025-06-30")!)
        // June's charges: I3 (ACC002, col01) 50,000 and I5 (ACC004, no collector) 70,000.
        let none = try reports.kpi(from: june.0, to: june.1, collectors: [""])
        #expect(none.sales == Money(minor: 7_000_000))
        #expect(none.beginning == .zero && none.ending == Money(minor: 7_000_000), "ACC004's only charge, issued in June, unpaid")
        #expect(try reports.kpi(from: june.0, to: june.1, collectors: ["col01"]).sales == Money(minor: 5_000_000))
        #expect(try reports.kpi(from: june.0, to: june.1, collectors: ["col01", ""]).sales == Money(minor: 12_000_000))
        #expect(try reports.kpi(from: june.0, to: june.1).sales == Money(minor: 12_000_000))
    }
}
