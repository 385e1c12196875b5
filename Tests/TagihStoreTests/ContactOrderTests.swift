import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// Contacts logged out of time order are judged against the whole record
/// (CONTRACT §6, R12), promises replace the open ones by contact moment, and
/// promised amounts stay within what Tagih can add up (§1).
@Suite struct ContactOrderTests {
    /// Jakarta hours on a day (WIB is UTC+7).
    static func wib(_ day: String, _ hour: Int, _ minute: Int = 0) -> Int64 {
        Int64(Day(iso: day)!.ordinal) * 86_400 + Int64(hour - 7) * 3600 + Int64(minute) * 60
    }

    static func log(_ db: AppDatabase, _ no: String, _ code: String, _ at: Int64, channel: Channel = .phone,
                    promise: (Int64, String)? = nil, inbound: Bool = false) throws -> LoggedContact {
        try ContactLog(db).log(ContactRequest(accountNo: no, channel: channel, outcome: OutcomeTable.standard[code]!,
                                              promise: promise.map { (Money(minor: $0.0), Day(iso: $0.1)!) },
                                              at: at, day: Day(ordinal: Int32((at + 7 * 3600) / 86_400)), inbound: inbound),
                               session: Fixture.session(at: at))
    }

    static func refusal(_ body: () throws -> Any) -> String? {
        do { _ = try body(); return nil } catch { return "\(error)" }
    }

    static func count(_ db: AppDatabase) throws -> Int {
        try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM contacts") ?? 0 }
    }

    @Test func ojkLaterAttemptsOfTheDayCount() throws {
        let scratch = try Scratch()
        let (db, _) = try WorkstationStoreTests.ledger(scratch)
        for h in [17, 15, 16] { _ = try Self.log(db, "ACC001", "NA", Self.wib("2025-06-30", h)) }
        #expect(Self.refusal { try Self.log(db, "ACC001", "NA", Self.wib("2025-06-30", 9)) }
                == "blocked: 3 contact attempts already today, the daily limit; next allowed 2025-07-01 08:00 WIB")
        let (_, verdict) = try ContactLog(db).verdict("ACC001", channel: .phone, at: Self.wib("2025-06-30", 8, 30))
        #expect(verdict == .blocked(.dailyLimit(3), nextAllowed: Self.wib("2025-07-01", 8)))
        #expect(try Self.count(db) == 3)
        // A call the debtor made is not an attempt: at any hour, and not counted.
        _ = try Self.log(db, "ACC001", "RPC", Self.wib("2025-06-30", 22), inbound: true)
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT sum(attempt) FROM contacts") } == 3)
        #expect(try ContactLog(db).verdict("ACC001", channel: .phone, at: Self.wib("2025-07-01", 9)).1 == .allowed)
    }

    @Test func regfWindowsAndRestsAcrossLoggingOrder() throws {
        let scratch = try Scratch()
        var settings = Settings()
        settings.contactRules = .regf
        let db = try AppDatabase.inMemory(settings: settings)
        try Fixture.addUsers(db, collectors: [])
        try db.importFile(.accounts, try scratch.write("a.csv", "account_no,name,timezone\nR1,Ani,Asia/Jakarta\nR2,Budi,Asia/Jakarta\n"))
        // R1: seven calls 07-05 … 07-11 logged first; then one for 07-06.
        for d in 5...11 { _ = try Self.log(db, "R1", "NA", Self.wib(String(format: "2025-07-%02d", d), 10)) }
        #expect(Self.refusal { try Self.log(db, "R1", "NA", Self.wib("2025-07-06", 9)) }
                == "blocked: 7 phone attempts already recorded in the 7 days to 2025-07-11, the limit; next allowed 2025-07-12 08:00 WIB")
        // R2: a call on 07-05 is recorded; a conversation logged for 07-03 would rest the phone through 07-09.
        _ = try Self.log(db, "R2", "NA", Self.wib("2025-07-05", 10))
        let refused = Self.refusal { try Self.log(db, "R2", "RPC", Self.wib("2025-07-03", 9)) }
        #expect(refused?.hasPrefix("blocked: a phone attempt is recorded on 2025-07-05") == true, "\(refused ?? "accepted")")
        _ = try Self.log(db, "R2", "NA", Self.wib("2025-07-03", 9))  // a plain attempt is fine
        // A conversation logged for 07-12 rests 07-12 … 07-18; a call logged afterwards for 07-14 is refused.
        _ = try Self.log(db, "R2", "RPC", Self.wib("2025-07-12", 10))
        #expect(Self.refusal { try Self.log(db, "R2", "NA", Self.wib("2025-07-14", 10)) }
                == "blocked: a phone conversation on 2025-07-12: no phone contact before 2025-07-19; next allowed 2025-07-19 08:00 WIB")
        #expect(try Self.count(db) == 10)
        #expect(try db.failedChecks().isEmpty)
    }

    @Test func promisesAreAtMostTheBalanceAndReplaceOpenOnes() throws {
        let scratch = try Scratch()
        let (db, _) = try WorkstationStoreTests.ledger(scratch)
        // ACC001 owes 100,000.00.
        #expect(Self.refusal { try Self.log(db, "ACC001", "PTP", Self.wib("2025-06-30", 10), promise: (100_000_01, "2025-07-05")) }
                == "--promise 100000.01 is more than account ACC001's balance 100000.00 on 2025-06-30")
        #expect(try Self.count(db) == 0)
        _ = try Self.log(db, "ACC001", "PTP", Self.wib("2025-06-30", 11), promise: (100_000_00, "2025-07-05"))
        // Logged later, for an earlier moment the same day: it is the older promise, replaced by the one above.
        _ = try Self.log(db, "ACC001", "PTP", Self.wib("2025-06-30", 10), promise: (40_000_00, "2025-07-02"))
        let lines = try ContactReports(db).promises(asOf: Day(iso: "2025-07-10")!)
        #expect(lines.map { "\($0.amount.minor) \($0.status)" } == ["4000000 replaced", "10000000 broken"])
    }

    @Test func hugePromisesStayReportable() throws {
        let scratch = try Scratch()
        let db = try Fixture.ledger()
        try db.importFile(.accounts, try scratch.write("a.csv", "account_no,name,timezone,collector\nH1,Huge,Asia/Jakarta,col01\n"))
        // 6e18 sen: the largest amounts Tagih holds, so that two promises of it cannot be added up.
        try db.importFile(.charges, try scratch.write("c.csv", "account_no,ref,issue_date,due_date,amount\nH1,I1,2025-06-01,2025-06-10,60000000000000000.00\n"))
        _ = try Self.log(db, "H1", "PTP", Self.wib("2025-06-30", 10), promise: (6_000_000_000_000_000_000, "2025-07-05"))
        let second = Self.refusal { try Self.log(db, "H1", "PTP", Self.wib("2025-06-30", 11), promise: (6_000_000_000_000_000_000, "2025-07-05")) }
        #expect(second?.hasPrefix("amount overflow") == true, "\(second ?? "accepted")")
        #expect(try Self.count(db) == 1)
        let activity = try ContactReports(db).activity(from: Day(iso: "2025-06-01")!, to: Day(iso: "2025-07-31")!)
        #expect(activity.map(\.promisedAmount.minor) == [6_000_000_000_000_000_000])
        #expect(activity.map(\.broken) == [1])
    }

    /// A ledger written before promises were bounded may hold promises whose
    /// sum is beyond 64 bits: the activity report says so in one sentence
    /// (what the workstation's Activity tab shows), never SQLite's error.
    @Test func legacyOverflowingPromisesGiveASentence() throws {
        let db = try Fixture.ledger()
        let scratch = try Scratch()
        try db.importFile(.accounts, try scratch.write("a.csv", "account_no,name,timezone,collector\nH1,Huge,Asia/Jakarta,col01\n"))
        try db.writer.write { db in
            for hour in [10, 11] {
                try db.execute(sql: """
                    INSERT INTO contacts(account_id, made_by, real_user, at, day, debtor_day, debtor_time, channel, outcome,
                                         attempt, contact, right_party, promise, promise_amount, promise_due)
                    VALUES (1, 'col01', 'col01', ?, ?, ?, '', 'phone', 'PTP', 1, 1, 1, 1, ?, ?)
                    """, arguments: [Self.wib("2025-06-30", hour), Day(iso: "2025-06-30")!.ordinal, Day(iso: "2025-06-30")!.ordinal,
                                     Int64.max / 2 + 1, Day(iso: "2025-07-05")!.ordinal])
            }
        }
        do {
            _ = try ContactReports(db).activity(from: Day(iso: "2025-06-01")!, to: Day(iso: "2025-07-31")!)
            Issue.record("an overflowing sum was reported")
        } catch let e as StoreError {
            #expect(e.description == "amount overflow: promised to col01 exceeds what Tagih can hold exactly")
        }
    }

    /// The queue asks nothing of a replaced promise: its due day is no longer the debtor's.
    @Test func theQueueIgnoresAReplacedPromise() throws {
        let scratch = try Scratch()
        let (db, store) = try WorkstationStoreTests.ledger(scratch)
        _ = try Self.log(db, "ACC001", "PTP", Self.wib("2025-06-27", 10), promise: (50_000_00, "2025-06-30"))
        let now = Self.wib("2025-06-30", 12)
        func flag() throws -> QueueFlag? { try store.queueKeys(.book, today: Fixture.today, now: now).keys.first { $0.accountID == 1 }?.flag }
        #expect(try flag() == .promiseDueToday)
        _ = try Self.log(db, "ACC001", "PTP", Self.wib("2025-06-30", 9), promise: (50_000_00, "2025-07-04"))
        #expect(try flag() == QueueFlag.none)
        #expect(try store.queueKey(account: 1, today: Fixture.today, now: now).keys.first?.flag == QueueFlag.none)
        let detail = try store.account(id: 1, asOf: Fixture.today, now: now)
        #expect(detail.promises.map(\.status) == [.open, .replaced], "newest first")
    }
}

