import Foundation
import Testing

/// `tagih migrate --to postgresql://…` (CONTRACT §12): a demo ledger's
/// tables arrive row for row, in one transaction, only into an empty target.
@Suite struct PostgresMigrateCLITests {
    typealias PG = PostgresInitCLITests

    static let tables = ["meta", "users", "import_batches", "accounts", "charges", "credits", "reversals", "audit", "account_phones",
                         "leases", "contacts", "plans", "plan_lines", "plan_events", "nightly_runs", "plan_discounts", "rules", "cases",
                         "holds", "case_events", "phones", "phone_marks", "messages", "message_stages", "message_results",
                         "stage_pauses", "case_days", "channels"]

    static func sqlite(_ path: String, _ sql: String, options: [String] = ["-separator", "|"]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = options + [path, sql]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(.enabled(if: PG.server != nil))
    func aDemoLedgersTablesHaveTheSameRowsOnBothEnds() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        let demo = try t.runRaw(["demo", "--no-ui", "--accounts", "80", "--db", t.path("demo.db")], acting: false)
        #expect(demo.status == 0, "\(demo.stderr)")
        // A case (with its derived case_days row) and a hold, so those tables are not empty.
        let account = try Self.sqlite(t.path("demo.db"), "SELECT account_no FROM accounts ORDER BY id LIMIT 1")
        let opened = try t.runRaw(["--db", t.path("demo.db"), "case", "open", account, "--type", "dispute", "--summary", "Tagihan ganda"], acting: false)
        #expect(opened.status == 0, "\(opened.stderr)")
        let collector = try Self.sqlite(t.path("demo.db"), "SELECT login FROM users WHERE role = 'collector' ORDER BY login LIMIT 1")
        try PG.withDatabase { name, uri in
            // Admins only: a collector (through an admin's --as) is refused before anything is written.
            let refused = try t.runRaw(["--as", collector, "migrate", "--db", t.path("demo.db"), "--to", uri], acting: false)
            #expect(refused.status == 1)
            #expect(refused.stderr == "tagih: migrate copies the whole ledger: admins only; \(collector) is a collector\n")
            #expect(try PG.psql(name, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "0")
            let r = try t.runRaw(["migrate", "--db", t.path("demo.db"), "--to", uri], acting: false)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains(": copied to \(uri): "))
            var nonEmpty = 0
            for table in Self.tables {
                let file = try Self.sqlite(t.path("demo.db"), "SELECT * FROM \(table) ORDER BY 1, 2")
                let server = try PG.psql(name, "SELECT * FROM \(table) ORDER BY 1, 2")
                #expect(file == server, "table \(table)")
                if !file.isEmpty { nonEmpty += 1 }
            }
            #expect(nonEmpty >= 15)
            #expect(try PG.psql(name, "SELECT count(*) FROM case_days") == "1")
            // Twice: the target is no longer empty, and nothing changes.
            let before = try PG.psql(name, "SELECT count(*) FROM audit")
            let again = try t.runRaw(["migrate", "--db", t.path("demo.db"), "--to", uri], acting: false)
            #expect(again.status == 1)
            #expect(again.stderr.hasPrefix("tagih: \(uri) is not empty (its table "))
            #expect(try PG.psql(name, "SELECT count(*) FROM audit") == before)
        }
    }

    @Test func theTargetMustBeAPostgreSQLURI() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        let r = try t.runRaw(["migrate", "--db", t.path("x.db"), "--to", t.path("y.db")], acting: false)
        #expect(r.status == 2)
        #expect(r.stderr.contains("is not a PostgreSQL URI"))
        #expect(!FileManager.default.fileExists(atPath: t.path("y.db")))
    }
}
