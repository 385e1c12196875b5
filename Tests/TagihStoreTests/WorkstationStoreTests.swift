import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// The workstation's questions against a real SQLite ledger: queue keys per
/// scope, search by number, name and phone, and leases.
@Suite struct WorkstationStoreTests {
    /// Five accounts: two for col01 (team T1), one for col02 (team T2), one unassigned, one paid up.
    static func ledger(_ scratch: Scratch) throws -> (AppDatabase, WorkstationStore) {
        let db = try AppDatabase.inMemory()
        try UserDirectory(db).bootstrapAdmin(login: "admin", name: "Admin", today: Fixture.today, now: Date())
        try UserDirectory(db).add(User(login: "col01", name: "Rudi Hartono", role: .collector, team: "T1"), session: Fixture.session)
        try UserDirectory(db).add(User(login: "col02", name: "Sri Wahyuni", role: .collector, team: "T2"), session: Fixture.session)
        try db.importFile(.accounts, try scratch.write("accounts.csv", """
            account_no,name,phone,timezone,segment,collector
            ACC001,Siti Rahayu,0812-3456-7890,Asia/Jakarta,RETAIL,col01
            ACC002,Bayu Éffendi,"+62 813 1111 2222 / 021 555 0101",Asia/Makassar,UMKM,col01
            ACC003,PT Bumi Indah,6285383666169,Asia/Jayapura,KORPORAT,col02
            ACC004,Yohanes Rumbiak,,Asia/Jayapura,UMKM,
            ACC005,Lunas Selalu,0819 000 111,Asia/Jakarta,RETAIL,col01

            """))
        try db.importFile(.charges, try scratch.write("charges.csv", """
            account_no,ref,issue_date,due_date,amount
            ACC001,I1,2025-05-01,2025-05-31,100000
            ACC002,I2,2025-02-01,2025-02-28,250000
            ACC002,I3,2025-06-01,2025-07-31,50000
            ACC003,I4,2025-01-01,2025-01-31,900000
            ACC004,I5,2025-06-01,2025-06-15,70000
            ACC005,I6,2025-05-01,2025-05-31,10000

            """))
        try db.importFile(.payments, try scratch.write("payments.csv", """
            account_no,ref,paid_on,amount,channel
            ACC005,P1,2025-06-01,10000,VA
            ACC002,P2,2025-06-02,20000,QRIS

            """))
        return (db, WorkstationStore(db))
    }

    /// 12:00 in Jakarta on a day.
    static func noon(_ d: Day) -> Int64 { Int64(d.ordinal) * 86_400 + 5 * 3600 }

    @Test func queueKeysPerScope() throws {
        let scratch = try Scratch()
        let (_, store) = try Self.ledger(scratch)
        let today = Fixture.today
        func ids(_ scope: QueueScope) throws -> [Int64] { try store.queueKeys(scope, today: today, now: Self.noon(today)).keys.map(\.accountID).sorted() }
        #expect(try ids(.collector("col01")) == [1, 2], "paid-up ACC005 needs no work")
        #expect(try ids(.team("T1")) == [1, 2])
        #expect(try ids(.team("T2")) == [3])
        #expect(try ids(.unassigned) == [4])
        #expect(try ids(.book) == [1, 2, 3, 4])
        let keys = try store.queueKeys(.collector("col01"), today: today, now: Self.noon(today))
        let acc2 = try #require(keys.keys.first { $0.accountID == 2 })
        #expect(acc2.balance == Money(minor: 28_000_000))
        #expect(acc2.oldestDue == Day(iso: "2025-02-28")!)
        #expect(keys.segments[Int(acc2.segment)] == "UMKM")
        // Nothing is past due before the first due date.
        #expect(try store.queueKeys(.book, today: Day(iso: "2025-01-31")!, now: Self.noon(Day(iso: "2025-01-31")!)).keys.isEmpty)
    }

    @Test func searchByNumberNameAndPhone() throws {
        let scratch = try Scratch()
        let (_, store) = try Self.ledger(scratch)
        func found(_ q: String) throws -> [String] { try store.search(q, limit: 50).map(\.accountNo) }
        #expect(try found("acc00") == ["ACC001", "ACC002", "ACC003", "ACC004", "ACC005"])
        #expect(try found("ACC003") == ["ACC003"])
        #expect(try found("siti") == ["ACC001"])
        #expect(try found("rah") == ["ACC001"], "any word of the name, by prefix")
        #expect(try found("effendi") == ["ACC002"], "accents do not matter")
        #expect(try found("BAYU eff") == ["ACC002"], "case does not matter; every word must match")
        #expect(try found("bayu siti").isEmpty)
        #expect(try found("0812 3456") == ["ACC001"])
        #expect(try found("+62812") == ["ACC001"])
        #expect(try found("62812-345") == ["ACC001"])
        #expect(try found("0813") == ["ACC002"])
        #expect(try found("021 555") == ["ACC002"], "every number of a phone field")
        #expect(try found("0853 8366") == ["ACC003"])
        #expect(try found("\"*").isEmpty, "FTS syntax in the text is harmless")
        let hit = try #require(try store.search("siti", limit: 5).first)
        #expect(hit.match == .name && hit.balance == Money(minor: 10_000_000) && hit.collector == "col01")
    }

    /// Issue 16: the end of a number (`1129` finds ACC0001129), and the
    /// count behind a capped list, bounded like the list.
    @Test func searchByTheEndOfANumberAndCounted() throws {
        let scratch = try Scratch()
        let (_, store) = try Self.ledger(scratch)
        func found(_ q: String) throws -> [String] { try store.search(q, limit: 50).map(\.accountNo) }
        #expect(try found("003") == ["ACC003"])
        #expect(try found("c004") == ["ACC004"], "any case")
        #expect(try found("05") == ["ACC005"])
        #expect(try found("ACC00") == ["ACC001", "ACC002", "ACC003", "ACC004", "ACC005"], "a prefix is not found twice")
        #expect(try store.search("acc", limit: 2).map(\.accountNo) == ["ACC001", "ACC002"])
        #expect(try store.searchCount("acc", upTo: 100) == 5)
        #expect(try store.searchCount("acc", upTo: 3) == 3, "the count stops at its bound")
        #expect(try store.searchCount("siti", upTo: 100) == 1)
        #expect(try store.searchCount("003", upTo: 100) == 1)
        #expect(try store.searchCount("zzz", upTo: 100) == 0)
        #expect(try store.searchCount("  ", upTo: 100) == 0)
    }

    @Test func phoneKeysFollowAnAccountUpdate() throws {
        let scratch = try Scratch()
        let (db, store) = try Self.ledger(scratch)
        try db.importFile(.accounts, try scratch.write("accounts-2.csv", "account_no,name,phone\nACC001,Siti Rahayu,0877 1234 000\n"))
        #expect(try store.search("0812", limit: 5).isEmpty)
        #expect(try store.search("0877 12", limit: 5).map(\.accountNo) == ["ACC001"])
        try db.importFile(.accounts, try scratch.write("accounts-3.csv", "account_no,name\nACC001,Siti Aminah\n"))
        #expect(try store.search("aminah", limit: 5).map(\.accountNo) == ["ACC001"])
        #expect(try store.search("rahayu", limit: 5).isEmpty, "a renamed account is found by its new name only")
        // Added and renamed in one file; renamed twice in one file; a dry run leaves the index alone.
        try db.importFile(.accounts, try scratch.write("accounts-4.csv", """
            account_no,name
            ACC006,Budi Hartono
            ACC006,Budi Santoso
            ACC003,PT Bumi Raya
            ACC003,PT Bumi Jaya

            """))
        #expect(try store.search("santoso", limit: 5).map(\.accountNo) == ["ACC006"])
        #expect(try store.search("hartono", limit: 5).isEmpty)
        #expect(try store.search("bumi", limit: 5).map(\.accountNo) == ["ACC003"])
        #expect(try store.search("raya", limit: 5).isEmpty && store.search("indah", limit: 5).isEmpty)
        try db.importFile(.accounts, try scratch.write("accounts-5.csv", "account_no,name\nACC007,Dewi Lestari\n"), dryRun: true)
        #expect(try store.search("lestari", limit: 5).isEmpty)
        #expect(try db.int("SELECT count(*) FROM accounts_fts WHERE accounts_fts MATCH 'jaya'") == 1)
    }

    @Test func checkProvesTheSearchIndexes() throws {
        let scratch = try Scratch()
        let (db, _) = try Self.ledger(scratch)
        #expect(try db.failedChecks().isEmpty)
        try db.writer.write { try $0.execute(sql: "INSERT INTO account_phones VALUES ('811111', 5)") }
        #expect(try db.failedChecks() == ["search indexes"])
        try db.writer.write { try $0.execute(sql: "DELETE FROM account_phones WHERE phone_key = '811111'") }
        #expect(try db.failedChecks().isEmpty)
        try db.writer.write {
            try $0.execute(sql: "INSERT INTO accounts_fts(accounts_fts, rowid, name) VALUES ('delete', 1, (SELECT name FROM accounts WHERE id = 1))")
        }
        #expect(try db.failedChecks() == ["search indexes"])
    }

    @Test func accountDetailAndActivity() throws {
        let scratch = try Scratch()
        let (_, store) = try Self.ledger(scratch)
        let d = try store.account(id: 2, asOf: Fixture.today, now: 0)
        #expect(d.accountNo == "ACC002" && d.phones == ["+62 813 1111 2222", "021 555 0101"] && d.timeZone == "Asia/Makassar")
        #expect(d.position.balance == Money(minor: 28_000_000))
        #expect(d.position.openCharges.map(\.charge.ref) == ["I2", "I3"])
        #expect(d.activity.map(\.ref) == ["P2"])
        #expect(d.activity.first?.channel == "QRIS" && d.activity.first?.kind == .payment)
        // As of an earlier day the payment is not there yet.
        #expect(try store.account(id: 2, asOf: Day(iso: "2025-06-01")!, now: 0).activity.isEmpty)
    }

    @Test func leases() throws {
        let scratch = try Scratch()
        let (_, store) = try Self.ledger(scratch)
        #expect(try store.takeLease(account: 1, login: "col01", now: 1000) == nil)
        #expect(try store.takeLease(account: 1, login: "col01", now: 1100) == nil, "renewing one's own lease")
        #expect(try store.takeLease(account: 1, login: "col02", now: 1200) == LeaseHolder(login: "col01", name: "Rudi Hartono"))
        let rows = try store.queueRows([1, 2], me: "col02", now: 1200)
        #expect(rows[1]?.leasedBy == "col01" && rows[2]?.leasedBy == nil)
        #expect(try store.queueRows([1], me: "col01", now: 1200)[1]?.leasedBy == nil, "one's own lease is not news")
        // A lease expires by itself.
        let later = 1100 + WorkstationStore.leaseSeconds
        #expect(try store.queueRows([1], me: "col02", now: later)[1]?.leasedBy == nil)
        #expect(try store.takeLease(account: 1, login: "col02", now: later) == nil)
        try store.releaseLease(account: 1, login: "col01")
        #expect(try store.takeLease(account: 1, login: "col01", now: later + 1) == LeaseHolder(login: "col02", name: "Sri Wahyuni"),
                "only the holder can give a lease back")
        try store.releaseLease(account: 1, login: "col02")
        #expect(try store.takeLease(account: 1, login: "col01", now: later + 2) == nil)
    }
}

/// The queue's rules from the contact log: who may be called now, promises
/// due today or broken, next actions due.
@Suite struct QueueRulesTests {
    @Test func contactsMarkTheQueueKeys() throws {
        let scratch = try Scratch()
        let (db, store) = try WorkstationStoreTests.ledger(scratch)
        let log = ContactLog(db)
        let monday = Day(iso: "2025-06-30")!  // Fixture.today, a Monday
        func at(_ day: Day, _ hour: Int) -> Int64 { Int64(day.ordinal) * 86_400 + Int64(hour - 7) * 3600 } // Jakarta hours
        func contact(_ no: String, _ code: String, day: Day, hour: Int, promise: (Int64, Day)? = nil, next: Day? = nil) throws {
            _ = try log.log(ContactRequest(accountNo: no, channel: .phone, outcome: OutcomeTable.standard[code]!,
                                           promise: promise.map { (Money(minor: $0.0), $0.1) }, nextAction: next,
                                           at: at(day, hour), day: day), session: Fixture.session(at: at(day, hour)))
        }
        // ACC001: a promise due today. ACC002: a promise due last Thursday, unpaid (broken). ACC003: a call back due.
        try contact("ACC001", "PTP", day: monday.adding(days: -3), hour: 10, promise: (5_000_00, monday))
        try contact("ACC002", "PTP", day: monday.adding(days: -10), hour: 10, promise: (5_000_00, monday.adding(days: -4)))
        try contact("ACC003", "CB", day: monday.adding(days: -3), hour: 10, next: monday)
        // ACC004: three attempts today, the daily limit.
        for h in [9, 10, 11] { try contact("ACC004", "NA", day: monday, hour: h) }

        let keys = try store.queueKeys(.book, today: monday, now: at(monday, 12)).keys
        func key(_ id: Int64) -> QueueKey? { keys.first { $0.accountID == id } }
        #expect(key(1)?.flag == .promiseDueToday && key(1)?.blockedNow == false)
        #expect(key(2)?.flag == .brokenPromise)
        #expect(key(3)?.flag == .actionDue && key(3)?.nextAction == monday)
        #expect(key(4)?.blockedNow == true && key(4)?.opensAt == at(monday.adding(days: 1), 6), "the daily limit: tomorrow 08:00 WIT (06:00 WIB)")
        let segments = try store.queueKeys(.book, today: monday, now: at(monday, 12)).segments
        for k in keys {
            let one = try store.queueKey(account: k.accountID, today: monday, now: at(monday, 12))
            var lone = try #require(one.keys.first)
            #expect(one.segments[Int(lone.segment)] == segments[Int(k.segment)])
            lone.segment = k.segment
            #expect(lone == k, "one key as in the whole queue")
        }
        #expect(try store.queueKey(account: 5, today: monday, now: at(monday, 12)).keys.isEmpty, "paid up: no work")
        let order = WorkQueue.order(keys, segments: [], today: monday, buckets: .standard).map(\.accountID)
        #expect(order == [1, 2, 3, 4])

        // At 21:00 nobody may be called (ACC003 is in Jayapura: 23:00 there); all open tomorrow 08:00 in their zone.
        let evening = try store.queueKeys(.book, today: monday, now: at(monday, 21)).keys
        #expect(evening.allSatisfy { $0.blockedNow })
        #expect(evening.first { $0.accountID == 3 }?.opensAt == at(monday.adding(days: 1), 6), "08:00 WIT is 06:00 WIB")
        // Kept promises raise nothing: pay ACC001's promise today.
        try db.importFile(.payments, try scratch.write("pay.csv", "account_no,ref,paid_on,amount,channel\nACC001,PX,2025-06-30,5000,VA\n"))
        let paid = try store.queueKeys(.book, today: monday, now: at(monday, 12)).keys
        #expect(paid.first { $0.accountID == 1 }?.flag == QueueFlag.none)
        // check proves the queue's contact cache, and finds it edited.
        #expect(try db.failedChecks().isEmpty)
        try db.writer.write { try $0.execute(sql: "UPDATE accounts SET next_action_day = next_action_day + 1 WHERE id = 3") }
        #expect(try db.failedChecks() == ["allocations"])
    }
}

/// Plans raise their accounts in the queue.
@Suite struct QueuePlanTests {
    @Test func instalmentsDueAndMissed() throws {
        let scratch = try Scratch()
        let (db, store) = try WorkstationStoreTests.ledger(scratch)
        let monday = Day(iso: "2025-06-30")!
        let noon = Int64(monday.ordinal) * 86_400 + 5 * 3600
        var session = Fixture.session
        session.today = monday
        let p = try PlanBook(db).propose(accountNo: "ACC001", instalments: 2, discountBasisPoints: 0, downPayment: .zero, frequency: .week,
                                         first: monday, note: nil, session: session)
        #expect(p.status == .active)
        #expect(try store.queueKey(account: 1, today: monday, now: noon).keys.first?.flag == .instalmentDue)
        let keys = try store.queueKeys(.book, today: monday, now: noon).keys
        #expect(keys.first { $0.accountID == 1 }?.flag == .instalmentDue, "the whole queue marks it too")
        let tuesday = monday.adding(days: 1)
        #expect(try store.queueKey(account: 1, today: tuesday, now: noon + 86_400).keys.first?.flag == .instalmentMissed)
        // Paid: nothing to chase.
        try db.importFile(.payments, try scratch.write("p.csv", "account_no,ref,paid_on,amount,channel\nACC001,PQ,2025-06-30,50000,VA\n"))
        #expect(try store.queueKey(account: 1, today: tuesday, now: noon + 86_400).keys.first?.flag == QueueFlag.none)
    }
}

/// A call back set for a time is due from that time, not from midnight.
@Suite struct CallBackTests {
    @Test func dueFromItsTime() throws {
        let scratch = try Scratch()
        let (db, store) = try WorkstationStoreTests.ledger(scratch)
        let monday = Day(iso: "2025-06-30")!
        func at(_ hour: Int) -> Int64 { Int64(monday.ordinal) * 86_400 + Int64(hour - 7) * 3600 }
        _ = try ContactLog(db).log(ContactRequest(accountNo: "ACC001", channel: .phone, outcome: OutcomeTable.standard["CB"]!,
                                                  nextAction: monday, nextActionAt: at(15), at: at(9), day: monday), session: Fixture.session(at: at(9)))
        let noon = try #require(try store.queueKey(account: 1, today: monday, now: at(12)).keys.first)
        #expect(noon.flag == QueueFlag.none && noon.nextActionAt == at(15), "a 15:00 call back is not due at noon")
        #expect(try store.queueKey(account: 1, today: monday, now: at(15)).keys.first?.flag == .actionDue)
        #expect(try db.failedChecks().isEmpty)
    }
}

/// A lead's decision on a request surfaces the account in the collector's queue.
@Suite struct QueueDecisionTests {
    @Test func approvedAndDeclinedRequests() throws {
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
                                  first: first, note: "kehilangan pekerjaan", session: kol)
        let p2 = try book.propose(accountNo: "ACC002", instalments: 2, discountBasisPoints: 500, downPayment: .zero, frequency: .month,
                                  first: first, note: nil, session: kol)
        #expect(p1.status == .pending && p2.status == .pending)
        #expect(try book.decide(.approve, plan: p1.id, note: nil, session: lead) == .active)
        #expect(try book.decide(.decline, plan: p2.id, note: "too generous", session: lead) == .declined)
        try PlanReviewStoreTests.expectReviews(store, approved: p1.id, declined: p2.id, on: monday, now: noon)
        let keys = try store.queueKeys(.collector("col01"), today: monday, now: noon).keys
        #expect(keys.first { $0.accountID == 1 }?.flag == .planApproved)
        #expect(keys.first { $0.accountID == 2 }?.flag == .planDeclined)
        let later = monday.adding(days: 3)
        let after = try store.queueKeys(.collector("col01"), today: later, now: noon + 3 * 86_400).keys
        #expect(after.first { $0.accountID == 1 }?.flag == QueueFlag.none && after.first { $0.accountID == 2 }?.flag == QueueFlag.none,
                "after two days the decision is old news")
    }
}
