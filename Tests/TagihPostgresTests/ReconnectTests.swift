import Foundation
import Testing
import TagihCore
import TagihStore
@testable import TagihPostgres

/// A connection the server ends (a restart, a failover, an administrator's
/// `pg_terminate_backend`): what was in flight fails `lost`, one typed
/// sentence and never a hang, and the ledger connects again by itself for
/// the next transaction (CONTRACT §12: a workstation and `serve` carry on
/// once the database is back).
@Suite(.serialized, .enabled(if: TestServer.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
struct ReconnectTests {
    private static func terminate(_ pid: Int64, admin: PGConnection) throws {
        #expect(try admin.query("SELECT pg_terminate_backend($1::int)", [.int(pid)]).first?.first == .bool(true))
    }

    private static func backend(_ ledger: PostgresLedger) throws -> Int64 {
        try ledger.read { db in try db.int("SELECT pg_backend_pid()") ?? -1 }
    }

    @Test func aLedgerWhoseConnectionWasEndedConnectsAgainForTheNextTransaction() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let admin = try PGConnection(target, login: TestServer.login)
            defer { admin.close() }
            try admin.execute("CREATE TABLE t (n bigint)")
            try admin.execute("INSERT INTO t VALUES (41)")
            let ledger = PostgresLedger(try PGConnection(target, login: TestServer.login))
            defer { ledger.close() }
            let first = try Self.backend(ledger)
            try Self.terminate(first, admin: admin)
            // The server's goodbye reaches the client a moment later; until
            // then a transaction may still be sent and fail `lost`.
            var outcome: Result<Int64, any Error> = .failure(CancellationError())
            for _ in 0..<2 {
                outcome = Result { try ledger.read { db in try db.int("SELECT n + 1 FROM t") ?? 0 } }
                if case .success = outcome { break }
                if case .failure(let e) = outcome {
                    #expect((e as? StoreError)?.text(Strings(.en)).contains("lost") == true, "\(e)")
                }
            }
            #expect(try outcome.get() == 42)
            #expect(try Self.backend(ledger) != first)
        }
    } }

    @Test func aQueryInFlightWhenTheServerEndsTheConnectionFailsLostAtOnce() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let victim = try PGConnection(target, login: TestServer.login)
            defer { victim.close() }
            let pid = try victim.query("SELECT pg_backend_pid()").first?.first?.int ?? -1
            let killer = Thread {
                usleep(300_000)
                guard let other = try? PGConnection(target, login: TestServer.login) else { return }
                _ = try? other.query("SELECT pg_terminate_backend($1::int)", [.int(pid)])
                other.close()
            }
            killer.start()
            let started = Date()
            #expect(throws: PostgresFailure(server: target.serverName, problem: .lost)) {
                try victim.execute("SELECT pg_sleep(60)")
            }
            // Seconds, not the minute the query asked for.
            #expect(Date().timeIntervalSince(started) < 10)
            #expect(victim.isClosed)
            try victim.reopen()
            #expect(try victim.query("SELECT 7").first?.first == .int(7))
        }
    } }
}
