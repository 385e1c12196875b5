import Foundation
import Testing
import TagihConfig
import TagihCore
import TagihStore
@testable import TagihPostgres

/// The bulk writers' turn on PostgreSQL (`PostgresLedger.writeInTurn`):
/// an import, a nightly file, a group of `serve`'s payments and a reminder
/// run each append to the one audit chain, so two of them at once used to
/// collide at its tail, and the later one ran again whole. Taken in turn,
/// the second waits for the first's commit and then runs once, from a
/// snapshot that holds it; readers and writers that append nothing to the
/// chain (a workstation's lease) never wait for the turn.
@Suite(.serialized, .enabled(if: TestServer.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
struct WritersInTurnTests {
    /// Times and attempts, guarded for the two threads.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var events: [String: Date] = [:]
        private var counts: [String: Int] = [:]
        func mark(_ name: String) { lock.withLock { events[name] = Date() } }
        func at(_ name: String) -> Date? { lock.withLock { events[name] } }
        func attempt(_ name: String) { lock.withLock { counts[name, default: 0] += 1 } }
        func attempts(_ name: String) -> Int { lock.withLock { counts[name, default: 0] } }
    }

    /// A tail-of-the-chain append as `AuditTrail.append` makes it: the next id from the last row's.
    static func append(_ db: any LedgerSQL, _ who: String) throws {
        let id = (try db.int("SELECT max(id) FROM audit") ?? 0) + 1
        try db.execute("INSERT INTO audit(id, who) VALUES (?, ?)", [.int(id), .text(who)])
    }

    static func ledgers(_ target: PostgresURI) throws -> (PostgresLedger, PostgresLedger) {
        let setup = try PGConnection(target, login: TestServer.login)
        defer { setup.close() }
        try setup.execute("CREATE TABLE audit (id bigint PRIMARY KEY, who text NOT NULL)")
        try setup.execute("CREATE TABLE leases (id bigint PRIMARY KEY)")
        return (PostgresLedger(try PGConnection(target, login: TestServer.login)),
                PostgresLedger(try PGConnection(target, login: TestServer.login)))
    }

    /// `first` starts a bulk write and holds it; `second` starts its own
    /// while the first is inside, in another thread.
    @Test func aSecondBulkWriterWaitsForTheFirstsCommitAndRunsOnce() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let (a, b) = try Self.ledgers(target)
            defer { a.close(); b.close() }
            let log = Log()
            let inside = DispatchSemaphore(value: 0)
            let second = Thread {
                inside.wait()
                do {
                    try b.writeInTurn { db in
                        log.attempt("b")
                        log.mark("b starts")
                        try Self.append(db, "b")
                    }
                } catch { log.mark("b failed: \(error)") }
                log.mark("b done")
            }
            second.start()
            try a.writeInTurn { db in
                log.attempt("a")
                try Self.append(db, "a")
                inside.signal()
                // Long enough for the second to reach the chain's tail, were it let in.
                usleep(600_000)
                log.mark("a commits")
            }
            while log.at("b done") == nil { usleep(10_000) }
            #expect(log.attempts("a") == 1)
            // Without the turn, b read the same tail, waited on a's new key, and ran again.
            #expect(log.attempts("b") == 1)
            if let commit = log.at("a commits"), let start = log.at("b starts") { #expect(start >= commit) } else { Issue.record("b never ran") }
            let rows = try a.read { db in try db.rows("SELECT id, who FROM audit ORDER BY id").map { "\($0[0].int ?? 0) \($0[1].text ?? "")" } }
            #expect(rows == ["1 a", "2 b"])
        }
    } }

    /// A writer in turn runs REPEATABLE READ: the turn serializes it, and
    /// SERIALIZABLE's predicate locks are copied to every page split off a
    /// page it read, so a load that read `max(id)` and then inserted millions
    /// of rows ran the server out of shared memory (4M payments: 53200).
    /// Here 80,000 rows after `max(id)`; SERIALIZABLE held over two hundred
    /// locks on the id index for them (the same test, `write`). A writer out
    /// of turn (a lease) keeps SERIALIZABLE.
    @Test func aWriterInTurnHoldsNoPredicateLocksWhateverItGrows() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let (a, _) = try Self.ledgers(target)
            defer { a.close() }
            _ = try a.writeInTurn { db in
                try db.execute("INSERT INTO audit(id, who) SELECT g, 'x' FROM generate_series(1, 20000) AS g", [])
            }
            try a.read { db in _ = try db.int("SELECT count(*) FROM audit") }
            func grow(_ db: any LedgerSQL) throws -> (isolation: String?, locks: Int64?) {
                let next = (try db.int("SELECT max(id) FROM audit") ?? 0) + 1
                try db.execute("INSERT INTO audit(id, who) SELECT g, 'y' FROM generate_series(?, ? + 79999) AS g", [.int(next), .int(next)])
                return (try db.text("SHOW transaction_isolation"),
                        try db.int("SELECT count(*) FROM pg_locks WHERE mode = 'SIReadLock' AND pid = pg_backend_pid()"))
            }
            let inTurn = try a.writeInTurn(grow)
            #expect(inTurn.isolation == "repeatable read")
            #expect(inTurn.locks == 0)
            let outOfTurn = try a.write(grow)
            #expect(outOfTurn.isolation == "serializable")
            #expect((outOfTurn.locks ?? 0) > 100, "SERIALIZABLE copies its lock on the index's last page to each page split off it")
        }
    } }

    /// A writer whose client vanished mid-write cannot hold the turn for
    /// long: every write transaction carries an idle limit of its own.
    @Test func aWriteTransactionCarriesAnIdleLimit() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let (a, _) = try Self.ledgers(target)
            defer { a.close() }
            #expect(try a.writeInTurn { db in try db.text("SHOW idle_in_transaction_session_timeout") } == "1min")
            #expect(try a.write { db in try db.text("SHOW idle_in_transaction_session_timeout") } == "1min")
            // Only for the transaction: a read after it waits as the server's setting says.
            #expect(try a.read { db in try db.text("SHOW idle_in_transaction_session_timeout") } == "0")
        }
    } }

    /// The turn is not a lock on the ledger: while a bulk writer holds it,
    /// a read and a write that appends nothing to the chain go through at once.
    @Test func readersAndWritersOutsideTheChainDoNotWaitForTheTurn() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let (a, b) = try Self.ledgers(target)
            defer { a.close(); b.close() }
            let log = Log()
            let inside = DispatchSemaphore(value: 0)
            let holder = Thread {
                do {
                    try a.writeInTurn { db in
                        try Self.append(db, "a")
                        inside.signal()
                        usleep(800_000)
                    }
                } catch { log.mark("a failed: \(error)") }
                log.mark("a done")
            }
            holder.start()
            inside.wait()
            let started = Date()
            let seen = try b.read { db in try db.int("SELECT count(*) FROM audit") }
            _ = try b.write { db in try db.execute("INSERT INTO leases(id) VALUES (1)") }
            let took = Date().timeIntervalSince(started)
            #expect(seen == 0, "a's append is not committed yet")
            #expect(log.at("a done") == nil, "the read and the lease finished before the bulk writer: \(took) s")
            while log.at("a done") == nil { usleep(10_000) }
            #expect(try b.read { db in try db.int("SELECT count(*) FROM audit") } == 1)
        }
    } }
}
