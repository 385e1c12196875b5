import Foundation
import Testing
import TagihConfig
import TagihStore
@testable import TagihPostgres

/// A ledger migrated to PostgreSQL keeps its seals: every sealed table's rows,
/// hashed on the server, sum to the seal the (copied) audit trail recorded on
/// SQLite. What `check` on PostgreSQL will prove, and what the seal triggers
/// there must keep true.
@Suite(.serialized, .enabled(if: TestServer.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
struct SealsAcrossBackendsTests {
    /// Runs the `tagih` binary built beside the tests.
    static func tagih(_ args: [String], in dir: URL) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("tagih")
        p.arguments = args
        p.currentDirectoryURL = dir
        p.environment = ["TZ": "Asia/Jakarta", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": dir.path]
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    @Test func aMigratedLedgersRowsHashToTheSealsItsTrailRecorded() async throws { try await TestServer.onThread {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tagih-seals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try Self.tagih(["demo", "--no-ui", "--accounts", "60", "--db", "demo.db"], in: dir) == 0)
        try TestServer.withDatabase { target in
            #expect(try Self.tagih(["migrate", "--db", "demo.db", "--to", target.display], in: dir) == 0)
            let db = try PGConnection(target, login: TestServer.login)
            defer { db.close() }
            var sealed = 0
            for t in SealedColumns.all {
                let recorded = try PostgresSeals.newestRecorded(db, table: t.table)
                let computed = try PostgresSeals.recompute(db, table: t.table)
                #expect(computed == recorded, "table \(t.table)")
                if recorded != PostgresSeals.zero { sealed += 1 }
            }
            #expect(sealed >= 4, "users, rules, accounts, contacts at least")
            // migrate turned the seal triggers off while it loaded, and on again.
            #expect(try PostgresSealTriggers.problems(db) == [])
            #expect(try db.query("SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'seal\\_%' AND tgenabled = 'O'")
                    == [[.int(Int64(PostgresSealTriggers.sealingTriggers.count + PostgresSealTriggers.tables.count))]])
            // A change through Tagih's transaction moves the seal the trigger way.
            let moved = try db.transaction { db in
                try db.execute("UPDATE users SET name = name || '.' WHERE login = (SELECT min(login) FROM users)")
                return try db.query("SELECT tagih_seal_take()").first?.first?.text ?? ""
            }
            #expect(moved.hasPrefix("users=") && !moved.contains(";"))
            // The edit was not recorded: the rows no longer sum to the seal.
            #expect(try PostgresSeals.recompute(db, table: "users") != PostgresSeals.newestRecorded(db, table: "users"))
        }
    } }

    /// `init` writes its rows through the seal triggers (its transaction is a
    /// writer's) and records seals the rows recompute to.
    @Test func anInitLedgersRowsHashToItsRecordedSeals() async throws { try await TestServer.onThread {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tagih-seals-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try TestServer.withDatabase { target in
            #expect(try Self.tagih(["init", "--db", target.display], in: dir) == 0)
            let db = try PGConnection(target, login: TestServer.login)
            defer { db.close() }
            for t in PostgresSealTriggers.tables {
                #expect(try PostgresSeals.recompute(db, table: t.name) == PostgresSeals.newestRecorded(db, table: t.name), "table \(t.name)")
            }
            #expect(try PostgresSeals.newestRecorded(db, table: "users") != PostgresSeals.zero)
            #expect(try PostgresSealTriggers.problems(db) == [])
        }
    } }
}
