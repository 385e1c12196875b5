import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// Today's aging as a server reads it (`LedgerReports.groupedAging`): the
/// accounts a row per collector (or collector and segment) with their ids,
/// the few with only unapplied credit apart, and the open charges in two
/// halves (by account id range, or, for a scope of few accounts, by their
/// ids). Checked against the model book (`CacheTests.makeBook`: each
/// account's pure position from its own entries), on SQLite and on
/// PostgreSQL, every grouping, for the whole book and for scopes of one
/// collector, two, the accounts with none, a collector with those, and a
/// login with no accounts. Both ways of reading the charges must be met.
@Suite struct GroupedAgingTests {
    static let scopes: [Set<String>?] = [nil, ["col01"], ["col01", "col02"], [""], ["col02", ""], ["nobody"]]

    /// What differs, as sentences (the PostgreSQL run is on a thread of its own).
    static func disagreements(_ db: AppDatabase, _ book: CacheTests.Book) throws -> [String] {
        var problems: [String] = []
        func expect(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { problems.append(what()) } }
        let reports = LedgerReports(db)
        var byIDs = 0, byRange = 0
        for scope in scopes {
            // Which read the scope takes: by ids when its accounts with open
            // charges are at most a quarter of the ids' span.
            guard let scope else { continue }
            let (open, span) = try db.read { sql in
                let c = try sql.small("SELECT collector, open_total FROM accounts", [])
                var n = 0
                while try c.step() { if c.int(1) > 0 && scope.contains(c.text(0) ?? "") { n += 1 } }
                let r = try sql.small("SELECT max(id) - min(id) + 1 FROM accounts", [])
                _ = try r.step()
                return (n, Int(r.int(0)))
            }
            if open * 4 <= span { byIDs += 1 } else { byRange += 1 }
        }
        expect(byIDs >= 2 && byRange >= 1, "the scopes met \(byIDs) reads by ids and \(byRange) by range; both wanted")
        for day in [book.maxEntryDay, book.maxEntryDay.adding(days: 45)] {
            for g in AgingGrouping.allCases {
                for scope in scopes {
                    let context = "as of \(day.iso) by \(g) for \(scope.map { $0.sorted().description } ?? "all")"
                    let groups = try db.read { sql in try reports.groupedAging(sql, asOf: day, by: g, collectors: scope) }
                    let got = try AgingReport(asOf: day, grouping: g, buckets: .standard, groups: groups)
                    let want = try CacheTests.expectedAging(book, asOf: day, by: g, collectors: scope)
                    expect(got.rows.map(\.group) == want.rows.map(\.group), "\(context): groups \(got.rows.map(\.group)) where \(want.rows.map(\.group))")
                    for (a, b) in zip(got.rows, want.rows) where a.totals != b.totals {
                        expect(false, "\(context): \(a.group) \(a.totals) where \(b.totals)")
                    }
                    expect(got.total == want.total, "\(context): total \(got.total) where \(want.total)")
                    if scope == nil { expect(want.total.accounts > 20, "\(context): only \(want.total.accounts) accounts") }
                }
            }
        }
        return problems
    }

    @Test func groupedAgingAgreesWithTheBook() throws {
        try ModelBookRuns.onSQLite(seed: 4_401, accounts: 160, users: ChosenAccountsReplayTests.addUsers, Self.disagreements)
    }

    @Test(.enabled(if: PostgresLedgers.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
    func groupedAgingAgreesWithTheBookOnPostgres() async throws {
        try await ModelBookRuns.onPostgres(seed: 4_402, accounts: 160, users: ChosenAccountsReplayTests.addUsers, Self.disagreements)
    }
}
