import Foundation
import Testing
import TagihStore
@testable import TagihPostgres

/// What an import runs between its chunks on PostgreSQL
/// (`RowPoster.analyzeGrownTables`): the count a table's statistics hold
/// (`plannedRows`), then its ANALYZE — the accounts' by a column list, the
/// columns a load reads by and no others.
@Suite(.serialized, .enabled(if: TestServer.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
struct LoadStatisticsTests {
    @Test func theTablesALoadGrowsAreCountedAndAnalyzed() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            let d = PostgresDialect()
            func planned(_ table: String) throws -> [[PGValue]] { try db.query(d.plannedRows(table)!) }
            func accountStats() throws -> [[PGValue]] {
                try db.query("SELECT count(*) FROM pg_stats WHERE tablename = 'accounts'")
            }
            for table in ["accounts", "charges", "credits", "reversals"] {
                #expect(try planned(table) == [[.int(0)]], "\(table), never analyzed")
                try db.execute(d.analyze(table)!)
            }
            try db.transaction { db in
                try db.execute("INSERT INTO accounts(id, account_no, name, timezone) SELECT g, 'A-' || g, 'Siti ' || g, 'Asia/Jakarta' FROM generate_series(1, 5000) AS g")
                try db.execute(d.analyze("accounts")!)
                #expect(try planned("accounts") == [[.int(5_000)]])
                #expect(try db.query("SELECT count(*) FROM pg_stats WHERE tablename = 'accounts' AND attname IN ('account_no', 'collector')") == [[.int(2)]])
                #expect(try accountStats() == [[.int(4)]], "the four columns named, no others")
                try db.execute("ANALYZE accounts")
                #expect(try accountStats() == [[.int(Int64(PostgresSchema.columns(of: "accounts").count))]], "a plain ANALYZE takes every column")
            }
        }
    } }
}
