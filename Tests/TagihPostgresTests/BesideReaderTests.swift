import Foundation
import Testing
import TagihConfig
import TagihCore
import TagihStore
@testable import TagihPostgres

/// `LedgerSQL.bulkBeside` on PostgreSQL (`PostgresBeside`): the part runs on
/// a second connection, on the very snapshot of the read that asked for it,
/// so a report's parts agree even when a writer commits between them; the
/// second connection's transaction ends with the read, whatever the read did.
@Suite(.serialized, .enabled(if: TestServer.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
struct BesideReaderTests {
    static func values(_ cursor: any SQLCursor) throws -> [Int64] {
        var out: [Int64] = []
        while try cursor.step() { out.append(cursor.int(0)) }
        return out
    }

    @Test func thePartSeesTheReadsSnapshotOnAnotherConnection() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let admin = try PGConnection(target, login: TestServer.login)
            defer { admin.close() }
            try admin.execute("CREATE TABLE t (n bigint PRIMARY KEY)")
            try admin.execute("INSERT INTO t SELECT generate_series(1, 1000)")
            let ledger = PostgresLedger(try PGConnection(target, login: TestServer.login))
            defer { ledger.close() }
            for round in 0..<2 {
                // What the read must see: the rows committed before it began.
                let before = try admin.query("SELECT n FROM t ORDER BY n").compactMap { $0.first?.int }
                let (mine, theirs, part, again, count) = try ledger.read { db -> (Int64, Int64, [Int64], [Int64], Int64) in
                    let pid = try db.int("SELECT pg_backend_pid()") ?? 0
                    let beside = db.bulkBeside("SELECT n, pg_backend_pid() FROM t ORDER BY n", [], columns: 2)
                    // A second part while the first is out runs here, when read.
                    let here = db.bulkBeside("SELECT pg_backend_pid() FROM t WHERE n = 1", [], columns: 1)
                    // A writer commits after the read began: neither part may see it.
                    try admin.execute("INSERT INTO t VALUES (\(5000 + round))")
                    let c = try beside()
                    var ns: [Int64] = [], pids = Set<Int64>()
                    while try c.step() { ns.append(c.int(0)); pids.insert(c.int(1)) }
                    #expect(pids.count == 1)
                    return (pid, pids.first ?? 0, ns, try Self.values(try here()), try db.int("SELECT count(*) FROM t") ?? 0)
                }
                #expect(theirs != mine && theirs != 0, "the part ran on the read's own connection")
                #expect(part == before, "round \(round): \(part.count) rows, \(part.suffix(2))")
                #expect(again == [mine])
                #expect(count == Int64(before.count))
            }
            // Both rows committed meanwhile are there for the next read.
            #expect(try ledger.read { db in try db.int("SELECT count(*) FROM t") } == 1002)
            // The second connection lives only as long as its read: the
            // admin's and the ledger's are left (a backend ends a moment
            // after its client closes).
            var connections: Int64? = nil
            for _ in 0..<100 {
                connections = try admin.query("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()").first?.first?.int
                if connections == 2 { break }
                usleep(20_000)
            }
            #expect(connections == 2)
        }
    } }

    /// A second connection the server refuses (here a role allowed one
    /// connection; in life a server at `max_connections`): the part is read
    /// on the read's own connection, and the report comes out the same.
    @Test func aRefusedSecondConnectionFallsBackToTheReadsOwn() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let admin = try PGConnection(target, login: TestServer.login)
            defer { admin.close() }
            let role = "tagih_one_" + String(UInt32.random(in: 0...UInt32.max), radix: 16)
            try admin.execute("CREATE ROLE \(role) LOGIN CONNECTION LIMIT 1")
            defer { _ = try? admin.execute("DROP OWNED BY \(role)"); _ = try? admin.execute("DROP ROLE IF EXISTS \(role)") }
            try admin.execute("CREATE TABLE t (n bigint PRIMARY KEY)")
            try admin.execute("INSERT INTO t SELECT generate_series(1, 100)")
            try admin.execute("GRANT SELECT ON t TO \(role)")
            let ledger = PostgresLedger(try PGConnection(target, login: role))
            defer { ledger.close() }
            let (mine, part) = try ledger.read { db -> (Int64, [(Int64, Int64)]) in
                let pid = try db.int("SELECT pg_backend_pid()") ?? 0
                let c = try db.bulkBeside("SELECT n, pg_backend_pid() FROM t ORDER BY n", [], columns: 2)()
                var rows: [(Int64, Int64)] = []
                while try c.step() { rows.append((c.int(0), c.int(1))) }
                return (pid, rows)
            }
            #expect(part.map(\.0) == Array(1...100).map(Int64.init))
            #expect(Set(part.map(\.1)) == [mine], "the part ran here, on the read's own connection")
        }
    } }

    /// A read that fails before it reads its part: the part's transaction
    /// ends with it, and the next read's part runs again on the second connection.
    @Test func aReadThatFailsLeavesNothingOpen() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let admin = try PGConnection(target, login: TestServer.login)
            defer { admin.close() }
            try admin.execute("CREATE TABLE t (n bigint PRIMARY KEY)")
            try admin.execute("INSERT INTO t SELECT generate_series(1, 10)")
            let ledger = PostgresLedger(try PGConnection(target, login: TestServer.login))
            defer { ledger.close() }
            struct Refused: Error {}
            #expect(throws: Refused.self) {
                try ledger.read { db in
                    _ = db.bulkBeside("SELECT n FROM t ORDER BY n", [], columns: 1)
                    throw Refused()
                }
            }
            // No transaction of ours is left open on the server (only this
            // admin's query is active). The second connection is closed by
            // then; its backend leaves pg_stat_activity a moment later (on a
            // loaded CI machine, after this query had already looked once).
            var open: Int64? = nil
            for _ in 0..<250 {
                open = try admin.query("""
                    SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'
                    """).first?.first?.int
                if open == 0 { break }
                usleep(20_000)
            }
            #expect(open == 0)
            let part = try ledger.read { db in try Self.values(try db.bulkBeside("SELECT n FROM t ORDER BY n", [], columns: 1)()) }
            #expect(part == Array(1...10).map(Int64.init))
        }
    } }
}
