import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// `LedgerScan` reads the book a range of account ids at a time (on a server
/// as arrays, the next range asked for while this one is replayed). Whatever
/// the span, every account must come exactly once, in id order, with exactly
/// its entries dated on or before the day: each account's position from the
/// scan equals the pure position of the model book's own entries
/// (`CacheTests.makeBook`, an independent record of what was imported), on
/// SQLite and on PostgreSQL. Spans of 1 and 2 put every boundary between two
/// accounts; 7 and 64 leave ranges with and without entries.
@Suite struct LedgerScanRangesTests {
    static let spans: [Int64] = [1, 2, 7, 64, LedgerScan.defaultSpan]

    /// Scans `db` with every span on three days and compares with the book:
    /// what differs, as sentences (returned rather than recorded, as the
    /// PostgreSQL run is on a thread of its own, where no test is current).
    static func disagreements(_ db: AppDatabase, _ book: CacheTests.Book) throws -> [String] {
        var problems: [String] = []
        func expect(_ ok: Bool, _ what: @autoclosure () -> String) { if !ok { problems.append(what()) } }
        let model = Dictionary(uniqueKeysWithValues: book.accounts.map { ($0.no, $0) })
        for day in [book.firstDay.adding(days: 90), book.firstDay.adding(days: 200), book.maxEntryDay] {
            for span in spans {
                var seen: [String] = []
                var lastID = Int64.min
                var entries = 0
                try db.read { sql in
                    try LedgerScan(sql, asOf: day, accountColumns: "account_no", span: span).forEach { row, e in
                        let no = row.text(1) ?? "?"
                        let context = "\(no) as of \(day.iso), span \(span)"
                        expect(e.accountID > lastID, "\(context): out of id order")
                        lastID = e.accountID
                        seen.append(no)
                        guard let a = model[no] else { return expect(false, "\(context): not in the book") }
                        let charges = a.charges.filter { $0.issueDate <= day }, credits = a.credits.filter { $0.date <= day }
                        expect(e.charges.map(\.ref).sorted() == charges.map(\.ref).sorted(), "\(context)")
                        expect(e.credits.map(\.amount).sorted() == credits.map(\.amount).sorted(), "\(context)")
                        expect(e.credits.compactMap(\.reversedOn).sorted() == credits.compactMap(\.reversedOn).sorted(), "\(context)")
                        entries += e.charges.count + e.credits.count
                        let pure = try Ledger.position(charges: a.charges, credits: a.credits, asOf: day)
                        let scanned = try e.position(asOf: day)
                        expect(scanned.openCharges.map(\.charge.ref) == pure.openCharges.map(\.charge.ref), "\(context)")
                        expect(scanned.openCharges.map(\.open) == pure.openCharges.map(\.open), "\(context)")
                        expect(scanned.unapplied == pure.unapplied && scanned.balance == pure.balance, "\(context)")
                    }
                }
                expect(seen.count == model.count && Set(seen) == Set(model.keys), "as of \(day.iso), span \(span): \(seen.count) accounts")
                expect(entries > 0, "as of \(day.iso), span \(span): no entries read")
            }
        }
        return problems
    }

    @Test func everySpanReadsEveryAccountOnceWithItsEntries() throws {
        try ModelBookRuns.onSQLite(seed: 4_242, accounts: 60, users: { try Fixture.addUsers($0, collectors: ["col01", "col02", "col03"]) },
                                   Self.disagreements)
    }

    @Test(.enabled(if: PostgresLedgers.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
    func everySpanReadsEveryAccountOnceWithItsEntriesOnPostgres() async throws {
        try await ModelBookRuns.onPostgres(seed: 4_243, accounts: 60, users: { try Fixture.addUsers($0, collectors: ["col01", "col02", "col03"]) },
                                           Self.disagreements)
    }
}
