import Foundation
import TagihStore

/// A second reader on a read transaction's snapshot (`LedgerSQL.bulkBeside`).
///
/// One PostgreSQL connection is one backend process, and a report's
/// statements run on it one after another, so a report bound by the server
/// used one of its cores. Today's aging on a million accounts spent 0.8 s of
/// the server's 1.4 s building the open charges' arrays, after 0.7 s on the
/// groups and the accounts' ids that the arrays do not need first. The
/// reader exports its snapshot (`pg_export_snapshot`); a second connection,
/// on a thread of its own, imports it (`SET TRANSACTION SNAPSHOT`) and runs
/// the part there, so both parts run at once and see the very same rows.
///
/// The second connection is opened on the thread (the first connection
/// goes on meanwhile, so a one-shot command loses nothing waiting for it)
/// and closed when the read ends (`finish`): a workstation left open all
/// day holds one connection, not two, so a team's terminals count against
/// the server's `max_connections` as before. One part at a time: the read
/// ends only after the part's thread has ended.
final class PostgresBeside: @unchecked Sendable {
    private let main: PGConnection
    /// The second connection while a part is out (only the part's thread
    /// and `finish`, which waits for that thread, touch it).
    private var other: PGConnection?
    private var pending: Job?

    init(_ main: PGConnection) { self.main = main }

    /// A part in flight: its cursor (or failure) once the thread has it.
    final class Job: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var result: Result<any SQLCursor, any Error>?
        private var ended = false

        fileprivate func end(_ r: Result<any SQLCursor, any Error>) {
            lock.withLock { result = r }
            done.signal()
        }

        /// Waits for the thread (once; later calls return at once).
        fileprivate func waitForThread() {
            let first = lock.withLock { () -> Bool in
                defer { ended = true }
                return !ended
            }
            if first { done.wait() }
        }

        func cursor() throws -> any SQLCursor {
            waitForThread()
            return try lock.withLock { result! }.get()
        }
    }

    /// Starts `body` on the second connection, in a read-only transaction on
    /// `snapshot`; nil when a part is already in flight.
    func start(snapshot: String, _ body: @escaping @Sendable (PostgresSQL) throws -> any SQLCursor) -> Job? {
        // An exported snapshot's name is hex digits and dashes ("00000003-0000001B-1").
        guard pending == nil, !snapshot.isEmpty, snapshot.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { return nil }
        let job = Job()
        pending = job
        let thread = Thread { [self] in
            job.end(Result {
                let pg = try connection()
                try pg.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                try pg.execute("SET TRANSACTION SNAPSHOT '\(snapshot)'")
                return try body(PostgresSQL(pg))
            })
        }
        thread.stackSize = 8 << 20
        thread.start()
        return job
    }

    private func connection() throws(PostgresFailure) -> PGConnection {
        let opened = try main.sibling()
        other = opened
        return opened
    }

    /// Ends the part in flight, if any, when the read ends: waits for its
    /// thread and closes its connection (its read-only transaction and
    /// cursor end with it: nothing to keep).
    func finish() {
        guard let job = pending else { return }
        job.waitForThread()
        pending = nil
        other?.close()
        other = nil
    }

    func close() { finish() }
}
