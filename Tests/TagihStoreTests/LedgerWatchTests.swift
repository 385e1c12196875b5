import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// An open workstation learns what other connections wrote (issue 19): a
/// payment posted by another process, a hold placed in another terminal, an
/// assignment; and nothing when nothing was written.
@Suite struct LedgerWatchTests {
    @Test func anotherConnectionsWritesAreSeenByAccount() throws {
        let scratch = try Scratch()
        let path = scratch.path("tagih.db")
        let other = try AppDatabase.open(path: path, settings: Settings(), create: true)
        try other.migrate()
        try UserDirectory(other).bootstrapAdmin(login: "admin", name: "Admin", today: Fixture.today, now: Date())
        try UserDirectory(other).add(User(login: "col01", name: "Rudi Hartono", role: .collector, team: "T1"), session: Fixture.session)
        try UserDirectory(other).add(User(login: "col02", name: "Sri Wahyuni", role: .collector, team: "T2"), session: Fixture.session)
        try other.importFile(.accounts, try scratch.write("accounts.csv", """
            account_no,name,timezone,collector
            ACC001,Siti Rahayu,Asia/Jakarta,col01
            ACC002,Bayu Effendi,Asia/Makassar,col01
            ACC003,PT Bumi Indah,Asia/Jayapura,col02

            """))
        try other.importFile(.charges, try scratch.write("charges.csv", """
            account_no,ref,issue_date,due_date,amount
            ACC001,I1,2025-05-01,2025-05-31,100000
            ACC002,I2,2025-02-01,2025-02-28,250000
            ACC003,I3,2025-01-01,2025-01-31,900000

            """))

        // The workstation's own connection, a pool as the terminal opens it.
        let mine = WorkstationStore(try AppDatabase.open(path: path, settings: Settings(), pool: true))
        let now = WorkstationStoreTests.noon(Fixture.today)
        let start = try mine.changeMark()
        #expect(try mine.changes(since: start) == nil, "nothing written since: nothing to do")
        #expect(try mine.queueKeys(.collector("col01"), today: Fixture.today, now: now).keys.map(\.accountID).sorted() == [1, 2])

        // Another process posts ACC001's payment in full, and part of ACC003's.
        try other.importFile(.payments, try scratch.write("payments.csv", """
            account_no,ref,paid_on,amount,channel
            ACC001,P1,2025-06-30,100000,VA
            ACC003,P2,2025-06-30,1000,QRIS

            """))
        let paid = try #require(try mine.changes(since: start))
        #expect(paid.accounts == [.init(accountID: 1, collector: "col01"), .init(accountID: 3, collector: "col02")])
        #expect(!paid.reloadQueue)
        #expect(paid.mark.credits == start.credits + 2)
        // The queue line of the account paid in full is gone: it needs no work.
        #expect(try mine.queueKey(account: 1, today: Fixture.today, now: now).keys.isEmpty)
        #expect(try mine.changes(since: paid.mark) == nil)

        // A hold placed in another terminal is an audited change of ACC002.
        _ = try HoldBook(other).place(accountNo: "ACC002", kind: .dispute, reason: "billing question", until: nil, session: Fixture.session)
        let held = try #require(try mine.changes(since: paid.mark))
        #expect(held.accounts == [.init(accountID: 2, collector: "col01")])
        #expect(!held.reloadQueue)

        // An account that changes hands may join or leave a queue: the whole queue is read again.
        _ = try Assignments(other).assign(["ACC003"], to: "col01", session: Fixture.session)
        let moved = try #require(try mine.changes(since: held.mark))
        #expect(moved.reloadQueue)
    }
}
