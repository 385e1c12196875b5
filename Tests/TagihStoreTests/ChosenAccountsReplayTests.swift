import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// The replay of chosen accounts (`LedgerScan.forEach(_:accounts:…)`): the
/// accounts a file touched, the accounts of a queue with entries after its
/// day. On a server it reads a chunk of ids at a time, the next chunk asked
/// for while this one is replayed, and the filter (a scope) applies to the
/// account rows only, so entries of accounts left out must be passed over.
/// Checked against the model book (`CacheTests.makeBook`, an independent
/// record of what was imported), on SQLite and on PostgreSQL; then the
/// workstation's queue as of past days, which replays through it, against
/// each account's pure position from the model's own entries.
@Suite struct ChosenAccountsReplayTests {
    /// col01 and col02 are team T1, col03 is in no team.
    static func addUsers(_ db: AppDatabase) throws {
        try UserDirectory(db).bootstrapAdmin(login: "admin", name: "Admin", today: Fixture.today, now: Date())
        for (login, team) in [("col01", "T1"), ("col02", "T1"), ("col03", nil)] {
            try UserDirectory(db).add(User(login: login, name: "Collector \(login)", role: .collector, team: team),
                                      session: Fixture.session)
        }
    }

    static var scopes: [(filter: String, arguments: [SQLValue], keeps: (String?) -> Bool)] { [
        ("TRUE", [], { _ in true }),
        ("collector = ?1", [.text("col01")], { $0 == "col01" }),
        ("collector IS NULL", [], { $0 == nil }),
        ("collector IN (SELECT login FROM users WHERE team = ?1)", [.text("T1")], { $0 == "col01" || $0 == "col02" }),
    ] }

    /// What differs, as sentences (returned, as the PostgreSQL run is on a
    /// thread of its own where no test is current).
    static func disagreements(_ db: AppDatabase, _ book: CacheTests.Book, seed: UInt64) throws -> [String] {
        var problems: [String] = []
        func expect(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { problems.append(what()) } }
        let model = Dictionary(uniqueKeysWithValues: book.accounts.map { ($0.no, $0) })
        let ids = try db.read { sql in try sql.rows("SELECT id, account_no FROM accounts ORDER BY id") }
        let noOf = Dictionary(uniqueKeysWithValues: ids.map { ($0.int("id")!, $0.string("account_no")) })
        var rng = SplitMix64(seed: seed)
        var read = 0
        for (s, scope) in scopes.enumerated() {
            for chunk in [1, 2, 7, LedgerScan.accountsChunk] {
                // A random choice of ids, with one that is no account.
                let chosen = (noOf.keys.filter { _ in Bool.random(using: &rng) } + [Int64(noOf.count + 5)]).sorted()
                let expected = chosen.filter { id in noOf[id].map { scope.keeps(model[$0]!.collector) } ?? false }
                var seen: [Int64] = []
                try db.read { sql in
                    try LedgerScan.forEach(sql, accounts: chosen, accountColumns: "account_no", where: scope.filter, scope.arguments,
                                           chunk: chunk) { row, e in
                        let no = row.text(1) ?? "?"
                        let context = "scope \(s), chunk \(chunk), \(no)"
                        seen.append(e.accountID)
                        guard let a = model[no], noOf[e.accountID] == no else { return expect(false, "\(context): not its row") }
                        expect(e.charges.map(\.ref).sorted() == a.charges.map(\.ref).sorted(), "\(context): charges")
                        expect(e.credits.map(\.amount).sorted() == a.credits.map(\.amount).sorted(), "\(context): credits")
                        expect(e.credits.compactMap(\.reversedOn).sorted() == a.credits.compactMap(\.reversedOn).sorted(),
                               "\(context): reversals")
                        read += e.charges.count + e.credits.count
                    }
                }
                expect(seen == expected, "scope \(s), chunk \(chunk): accounts \(seen) where \(expected)")
            }
        }
        expect(read > 100, "only \(read) entries read")
        return problems + (try queueDisagreements(db, book, noOf: noOf))
    }

    /// The queue as of days from early in the book to its last: for each
    /// scope, exactly the accounts whose pure position then has an open
    /// charge past due and more open than unapplied, with that balance and
    /// oldest due date. Early days replay the scope in one pass, late days
    /// (few accounts with entries after them) replay those accounts chosen;
    /// both must be met. One account's key (`queueKey`) agrees.
    static func queueDisagreements(_ db: AppDatabase, _ book: CacheTests.Book, noOf: [Int64: String]) throws -> [String] {
        var problems: [String] = []
        func expect(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { problems.append(what()) } }
        let model = Dictionary(uniqueKeysWithValues: book.accounts.map { ($0.no, $0) })
        let store = WorkstationStore(db)
        let scopes: [(QueueScope, (String?) -> Bool)] = [
            (.book, { _ in true }), (.collector("col01"), { $0 == "col01" }), (.unassigned, { $0 == nil }),
            (.team("T1"), { $0 == "col01" || $0 == "col02" }),
        ]
        var chosenRuns = 0, wholeRuns = 0
        for day in [book.firstDay.adding(days: 60), book.firstDay.adding(days: 150), book.maxEntryDay.adding(days: -40),
                    book.maxEntryDay.adding(days: -8), book.maxEntryDay.adding(days: -1)] {
            for (scope, keeps) in scopes {
                var want: [Int64: (Money, Day)] = [:]
                var later = 0
                for (id, no) in noOf {
                    let a = model[no]!
                    guard keeps(a.collector) else { continue }
                    if a.charges.contains(where: { $0.issueDate > day }) || a.credits.contains(where: { $0.date > day || ($0.reversedOn.map { $0 > day } ?? false) }) {
                        later += 1
                    }
                    let p = try Ledger.position(charges: a.charges, credits: a.credits, asOf: day)
                    if p.openTotal.isPositive, p.openTotal > p.unapplied, let due = p.openCharges.first?.charge.dueDate, due < day {
                        want[id] = (p.balance, due)
                    }
                }
                if later > 0 {
                    if Double(later) >= Double(noOf.count) * LedgerCache.fullScanFraction { wholeRuns += 1 } else { chosenRuns += 1 }
                }
                let keys = try store.queueKeys(scope, today: day, now: WorkstationStoreTests.noon(day)).keys
                let got = Dictionary(uniqueKeysWithValues: keys.map { ($0.accountID, ($0.balance, $0.oldestDue)) })
                let context = "queue \(scope) as of \(day.iso)"
                expect(Set(got.keys) == Set(want.keys), "\(context): \(got.keys.sorted()) where \(want.keys.sorted())")
                for (id, w) in want where got[id].map({ $0 != w }) ?? false {
                    expect(false, "\(context): \(noOf[id]!) \(got[id]!) where \(w)")
                }
                // One account's key (after a contact is logged) by the same rule.
                if case .book = scope {
                    for id in noOf.keys.sorted().prefix(12) {
                        let one = try store.queueKey(account: id, today: day, now: WorkstationStoreTests.noon(day)).keys
                        let w = want[id]
                        expect(one.map { "\($0.balance) \($0.oldestDue)" } == (w.map { ["\($0.0) \($0.1)"] } ?? []),
                               "one key of \(noOf[id]!) as of \(day.iso): \(one.map(\.balance)) where \(String(describing: w))")
                    }
                }
            }
        }
        expect(chosenRuns > 0 && wholeRuns > 0, "the days met \(chosenRuns) chosen and \(wholeRuns) whole replays; both wanted")
        return problems
    }

    @Test func chosenAccountsAndThePastQueueAgreeWithTheBook() throws {
        try ModelBookRuns.onSQLite(seed: 7_707, accounts: 60, users: Self.addUsers) { try Self.disagreements($0, $1, seed: 7_707) }
    }

    @Test(.enabled(if: PostgresLedgers.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
    func chosenAccountsAndThePastQueueAgreeWithTheBookOnPostgres() async throws {
        try await ModelBookRuns.onPostgres(seed: 7_708, accounts: 60, users: Self.addUsers) { try Self.disagreements($0, $1, seed: 7_708) }
    }
}
