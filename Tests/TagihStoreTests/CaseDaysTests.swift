import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// `case_days` (the queue's index of unsettled cases) against a model: the
/// case history replayed in full by `Cases.state`, over seeded random
/// sequences of openings, extensions, resolutions and decisions on
/// different days, for the whole queue and for one account's line.
@Suite struct CaseDaysTests {
    typealias A = StoreAuthorityTests

    static func session(_ u: User, _ day: Day) -> Session {
        var s = A.session(u)
        s.today = day
        return s
    }

    /// The accounts the model raises on `day`: a case opened by then, not
    /// settled by then (its whole history judged by `Cases.state`), whose
    /// deadline as of that day is within two working days or past.
    static func modelRaised(_ db: AppDatabase, on day: Day) throws -> Set<Int64> {
        let terms = db.settings.caseTerms
        let all = try db.writer.read { try CaseBook.loadAll($0, accountID: nil, collectors: nil) }
        return Set(all.filter { c in
            guard c.opened <= day else { return false }
            let s = Cases.state(c, asOf: day, terms: terms)
            return s.status.isUnresolved && CaseAlert.raises(due: s.due, today: day, holidays: terms.holidays)
        }.map(\.accountID))
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func theQueueRaisesExactlyTheAccountsTheHistorySays(seed: UInt64) throws {
        let scratch = try Scratch()
        let db = try A.ledger(scratch)
        var rng = SplitMix64(seed: seed)
        let start = A.day
        let cases = CaseBook(db)
        // Thirty days of work on the two accounts: each day a few actions,
        // some refused (a second extension, a decision on nothing): those
        // leave no event, as in use.
        var opened: [Int64] = []
        for d in 0..<30 {
            let day = start.adding(days: d)
            for _ in 0..<Int(rng.next() % 3) {
                let kol = rng.next() % 2 == 0 ? A.kol : A.kol2
                let account = kol.login == A.kol.login ? "ACC001" : "ACC002"
                switch rng.next() % 7 {
                case 6:
                    // A reassignment: the account's cases follow it to the other collector's queue.
                    _ = try Assignments(db).assign([rng.next() % 2 == 0 ? "ACC001" : "ACC002"], to: rng.next() % 3 == 0 ? nil : kol.login,
                                                   session: Self.session(A.lead, day))
                case 0, 1:
                    let type: CaseType = [.question, .complaint, .restructure][Int(rng.next() % 3)]
                    opened.append(try cases.open(accountNo: account, type: type, summary: "s\(d)", charges: [], amount: nil, via: nil,
                                                 session: Self.session(kol, day)).id)
                case 2:
                    if let id = opened.randomElement(using: &rng) { _ = try? cases.extend(id, reason: "more time", session: Self.session(A.lead, day)) }
                case 3:
                    // A collector's credit waits for a lead (not settled); a resolution without one settles.
                    if let id = opened.randomElement(using: &rng) {
                        let credit: Money? = rng.next() % 2 == 0 ? Money(minor: 100) : nil
                        _ = try? cases.resolve(id, outcome: .upheld, note: "n", credit: credit, session: Self.session(A.kol, day))
                        _ = try? cases.resolve(id, outcome: .upheld, note: "n", credit: credit, session: Self.session(A.kol2, day))
                    }
                default:
                    if let id = opened.randomElement(using: &rng) {
                        _ = try? cases.decide(id, approve: rng.next() % 2 == 0, note: "d", session: Self.session(A.lead, day))
                    }
                }
            }
        }
        #expect(!opened.isEmpty)
        let store = WorkstationStore(db)
        var raisedSomeDay = false
        // Every day of the period and after it, as the queue of that day (a past day reads the cases settled after it too).
        for d in 0..<50 {
            let day = start.adding(days: d)
            let now = Int64(day.ordinal) * 86_400 + 3 * 3_600
            let want = try Self.modelRaised(db, on: day)
            raisedSomeDay = raisedSomeDay || !want.isEmpty
            let keys = try store.queueKeys(.book, today: day, now: now).keys
            #expect(Set(keys.filter { $0.flag == .caseDue }.map(\.accountID)) == want.intersection(keys.map(\.accountID)), "seed \(seed), day +\(d)")
            // Each collector's queue, the unassigned and the team's: the same flags on the accounts in them.
            for scope in [QueueScope.collector(A.kol.login), .collector(A.kol2.login), .unassigned, .team("T1")] {
                let part = try store.queueKeys(scope, today: day, now: now).keys
                #expect(Set(part.filter { $0.flag == .caseDue }.map(\.accountID)) == want.intersection(part.map(\.accountID)), "seed \(seed), day +\(d), \(scope)")
            }
            for id in keys.map(\.accountID) {
                let one = try store.queueKey(account: id, today: day, now: now).keys.first
                #expect((one?.flag == .caseDue) == want.contains(id), "seed \(seed), day +\(d), account \(id)")
            }
        }
        #expect(raisedSomeDay, "the sequence raised no account: it tests nothing")
        #expect(try IntegrityTests.failed(db).isEmpty)
    }

    @Test(arguments: [
        "UPDATE case_days SET settled_on = NULL WHERE case_id = 1",
        "UPDATE case_days SET extended_on = opened WHERE case_id = 1",
        "DELETE FROM case_days WHERE case_id = 1",
        "UPDATE case_days SET opened = opened - 1 WHERE case_id = 1",
        "UPDATE case_days SET collector = 'col02' WHERE case_id = 1",
    ])
    func checkFindsCaseDaysThatDifferFromTheHistory(edit: String) throws {
        let scratch = try Scratch()
        let db = try A.ledger(scratch)
        let c = try CaseBook(db).open(accountNo: "ACC001", type: .complaint, summary: "x", charges: [], amount: nil, via: nil, session: A.session(A.kol))
        _ = try CaseBook(db).resolve(c.id, outcome: .rejected, note: "no", credit: nil, session: A.session(A.lead))
        #expect(try IntegrityTests.failed(db).isEmpty)
        try db.writer.write { try $0.execute(sql: edit) }
        #expect(try IntegrityTests.failed(db).keys.sorted() == ["case days"])
    }

    /// A ledger with cases from before `case_days` gets them all on upgrade.
    @Test func anUpgradeFillsTheCaseDaysFromTheHistory() throws {
        let scratch = try Scratch()
        let db = try A.ledger(scratch)
        let c1 = try CaseBook(db).open(accountNo: "ACC001", type: .complaint, summary: "x", charges: [], amount: nil, via: nil, session: A.session(A.kol))
        let c2 = try CaseBook(db).open(accountNo: "ACC002", type: .question, summary: "y", charges: [], amount: nil, via: nil, session: A.session(A.kol2))
        _ = try CaseBook(db).extend(c1.id, reason: "r", session: Self.session(A.lead, A.day.adding(days: 2)))
        _ = try CaseBook(db).resolve(c2.id, outcome: .upheld, note: "ok", credit: nil, session: Self.session(A.lead, A.day.adding(days: 3)))
        let before = try db.writer.read { try Row.fetchAll($0, sql: "SELECT * FROM case_days ORDER BY case_id") }
        #expect(before.map { $0["settled_on"] as Int64? } == [nil, Int64(A.day.ordinal) + 3])
        #expect(before.map { $0["extended_on"] as Int64? } == [Int64(A.day.ordinal) + 2, nil])
        // As a ledger of v13 had it: no table, no triggers, no migration record.
        try db.writer.writeWithoutTransaction { d in
            try d.execute(sql: """
                DROP TRIGGER case_days_open; DROP TRIGGER case_days_extend; DROP TRIGGER case_days_settle; DROP TRIGGER case_days_collector;
                DROP TABLE case_days; DELETE FROM grdb_migrations WHERE identifier = 'v14-case-days'
                """)
        }
        _ = try db.migrate()
        #expect(try db.writer.read { try Row.fetchAll($0, sql: "SELECT * FROM case_days ORDER BY case_id") } == before)
        #expect(try IntegrityTests.failed(db).isEmpty)
    }
}
