import Foundation
import Testing

/// `tagih init --db postgresql://…` (CONTRACT §12, issue 21 part A), and
/// every other command refusing a PostgreSQL ledger until it has its path.
/// Databases are made with psql on the private server of scripts/pg
/// (TAGIH_TEST_PG); without it the tests that need a server are skipped.
@Suite struct PostgresInitCLITests {
    static let server = ProcessInfo.processInfo.environment["TAGIH_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }

    /// psql against the test server's `database`; its output, trimmed.
    @discardableResult
    static func psql(_ database: String, _ sql: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        let uri = server!.replacingOccurrences(of: "postgresql:///postgres?", with: "postgresql:///\(database)?")
        p.arguments = [uri, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw CocoaError(.fileReadUnknown) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A fresh database on the test server, dropped afterwards.
    static func withDatabase(_ body: (String, String) throws -> Void) throws {
        let name = "c_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try psql("postgres", "CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
        defer { _ = try? psql("postgres", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        let uri = server!.replacingOccurrences(of: "postgresql:///postgres?", with: "postgresql:///\(name)?")
        try body(String(name), uri)
    }

    @Test(.enabled(if: server != nil))
    func initCreatesTheSchemaTheAdminAndTheRulesThenIsANoOp() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try Self.withDatabase { name, uri in
            let first = try t.runRaw(["init", "--db", uri], acting: false)
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stdout.contains("\(uri): ledger created; \(TagihRunner.realLogin) is its admin"))
            #expect(first.stdout.contains("rules recorded from the built-in defaults"))
            #expect(try Self.psql(name, "SELECT login, role, active FROM users") == "\(TagihRunner.realLogin)|admin|1")
            #expect(try Self.psql(name, "SELECT count(*) FROM tagih_schema") == "16")
            let again = try t.runRaw(["init", "--db", uri], acting: false)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(again.stdout == "\(uri): schema up to date\n")
            #expect(try Self.psql(name, "SELECT count(*) FROM audit") == "2")
            #expect(try Self.psql(name, "SELECT count(*) FROM rules") == "1")
        }
    }

    @Test(.enabled(if: server != nil))
    func initNamesTheFirstAdminWithAdmin() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try Self.withDatabase { name, uri in
            let r = try t.runRaw(["init", "--db", uri, "--admin", "siti"], acting: false)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.hasPrefix("\(uri): ledger created; siti is its admin\n"))
            let users = try Self.psql(name, "SELECT login, role FROM users")
            let audit = try Self.psql(name, "SELECT actor, real_user, action FROM audit ORDER BY id")
            #expect(users == "siti|admin")
            #expect(audit == "siti|\(TagihRunner.realLogin)|user.add\nsiti|\(TagihRunner.realLogin)|rules.init")
        }
    }

    /// The first admin's audit row carries the same table seal as on SQLite
    /// (the same row hashed the same way), and the rows chain as they do there.
    @Test(.enabled(if: server != nil))
    func theFirstRowsSealAndChainAsOnSQLite() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        #expect(try t.runRaw(["init", "--db", t.path("ledger.db")], acting: false).status == 0)
        let fileSeal = try PostgresMigrateCLITests.sqlite(t.path("ledger.db"), "SELECT seals FROM audit WHERE id = 1")
        #expect(fileSeal.hasPrefix("users="))
        try Self.withDatabase { name, uri in
            let made = try t.runRaw(["init", "--db", uri], acting: false)
            #expect(made.status == 0)
            let seal = try Self.psql(name, "SELECT seals FROM audit WHERE id = 1")
            let first = try Self.psql(name, "SELECT action, subject, prev_hash FROM audit WHERE id = 1")
            let second = try Self.psql(name, "SELECT (SELECT hash FROM audit WHERE id = 1) = prev_hash, action, subject FROM audit WHERE id = 2")
            let head = try Self.psql(name, "SELECT value = (SELECT hash FROM audit WHERE id = 2) FROM meta WHERE key = 'audit_head'")
            let pointers = try Self.psql(name, "SELECT key || '=' || value FROM meta WHERE key LIKE 'sealed_at.%' ORDER BY key")
            #expect(seal == fileSeal)
            #expect(first == "user.add|\(TagihRunner.realLogin)|" + String(repeating: "0", count: 64))
            #expect(second == "t|rules.init|rules 1")
            #expect(head == "t")
            #expect(pointers == "sealed_at.rules=2\nsealed_at.users=1")
        }
    }

    @Test(.enabled(if: server != nil))
    func initRefusesADatabaseHoldingOtherTables() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try Self.withDatabase { name, uri in
            try Self.psql(name, "CREATE TABLE payroll (id bigint)")
            let r = try t.runRaw(["init", "--db", uri], acting: false)
            #expect(r.status == 1)
            #expect(r.stderr == "tagih: \(uri) holds tables that are not Tagih's (payroll); give Tagih a database of its own (createdb)\n")
            #expect(try Self.psql(name, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == "1")
        }
    }

    @Test func aPasswordInTheURIIsAUsageErrorNamingTheOptionNeverEchoed() throws {
        var t = try TagihRunner()
        defer { t.cleanup() }
        let r = try t.runRaw(["init", "--db", "postgresql://ann:s3cret@db1/tagih"], acting: false)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("tagih: --db: a password in a PostgreSQL URI is refused"))
        #expect(!r.stderr.contains("s3cret") && !r.stdout.contains("s3cret"))
        t.environment["TAGIH_DB"] = "postgres://db1/tagih?password=s3cret"
        let env = try t.runRaw(["report", "aging"], acting: false)
        #expect(env.status == 2)
        #expect(env.stderr.hasPrefix("tagih: TAGIH_DB: a password in a PostgreSQL URI is refused"))
        #expect(!env.stderr.contains("s3cret"))
    }

    @Test func anUnreachableServerIsOneSentenceNamingItExitOne() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        let r = try t.runRaw(["init", "--db", "postgresql:///tagih?host=\(t.dir.path)"], acting: false)
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("tagih: the PostgreSQL server \(t.dir.path)/.s.PGSQL.5432, database tagih cannot be reached ("))
        #expect(r.stderr.filter { $0 == "\n" }.count == 1)
    }
}
