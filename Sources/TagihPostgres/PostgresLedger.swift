import Foundation
import TagihCore
import TagihStore

/// A Tagih ledger in a PostgreSQL database (CONTRACT §12), as the store's
/// `RemoteLedger`: the store's shared SQL runs here through `PostgresSQL`.
///
/// Reads are `REPEATABLE READ READ ONLY` transactions: one snapshot for a
/// whole report, never waiting for a writer, and allowed on a hot standby
/// (which refuses SERIALIZABLE). Writes are SERIALIZABLE, retried whole on
/// a serialization failure (`PGConnection.transaction`).
/// One connection, used by one thread at a time (the lock makes sure).
/// When the server has ended it (a restart, a failover), the next call
/// connects again: what was in flight failed `lost` and was rolled back by
/// the server, so a workstation or `serve` carries on once the database is
/// back, and never believes a write landed that did not (CONTRACT §12).
public final class PostgresLedger: RemoteLedger, @unchecked Sendable {
    let pg: PGConnection
    public let place: String
    private let lock = NSLock()

    /// A second reader on a read's snapshot, for a part the server can
    /// build on another core (`LedgerSQL.bulkBeside`).
    private let beside: PostgresBeside

    public init(_ pg: PGConnection) {
        self.pg = pg
        self.place = pg.server
        self.beside = PostgresBeside(pg)
    }

    public func read<T>(_ body: (any LedgerSQL) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try failing {
            try reopenIfEnded()
            try pg.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let result = try body(PostgresSQL(pg, beside: beside))
                beside.finish()
                try pg.execute("COMMIT")
                return result
            } catch {
                beside.finish()
                if !pg.isClosed { _ = try? pg.execute("ROLLBACK") }
                throw error
            }
        }
    }

    public func write<T>(_ body: (any LedgerSQL) throws -> T) throws -> T {
        try write(first: nil, body)
    }

    /// The writers' turn is the audit table's SHARE ROW EXCLUSIVE lock,
    /// taken before the snapshot (`LOCK TABLE` reads nothing): it conflicts
    /// with itself and with the ROW EXCLUSIVE lock any insert into `audit`
    /// takes, so the chain's writers queue (first come, first served) and
    /// each starts from the last one's commit, while readers (ACCESS SHARE)
    /// and writes that append nothing to the chain (a workstation's lease)
    /// never wait for it.
    /// Measured (docs/postgres.md): without turns, a payments file imported
    /// beside a steady `serve` collided with its groups and ran out of its
    /// 40 tries (exit 1), and two `serve` processes answered 503s. With turns
    /// for the bulk writers only, a `contact log` beside `serve` waited at its
    /// append for a group, found the tail moved, and ran out of tries: so
    /// every record takes its turn.
    ///
    /// Writers in turn run REPEATABLE READ, not SERIALIZABLE: the turn
    /// already runs them one after another, each from the last one's commit,
    /// and no two of them overlap for SSI to guard. Its predicate locks cost
    /// a large load the server's memory: a lock on an index page is copied
    /// to each page split off it, and a load's own inserts split the pages
    /// its look-ups read (the id index's last page from `max(id)`) without
    /// the locks ever becoming one lock on the index. Measured: 300,000
    /// credits after `max(id)` held 821 locks on `credits_pkey`; a 4M-row
    /// payments file failed with "out of shared memory" (53200) at 14,195
    /// locks on `credits_payment_date`, past the server's table
    /// (`max_pred_locks_per_transaction` × connections). The writers out
    /// of turn (a workstation's lease) stay SERIALIZABLE.
    public func writeInTurn<T>(_ body: (any LedgerSQL) throws -> T) throws -> T {
        try write(first: "LOCK TABLE audit IN SHARE ROW EXCLUSIVE MODE", isolation: .repeatableRead, body)
    }

    private func write<T>(first: String?, isolation: PGConnection.Isolation = .serializable, _ body: (any LedgerSQL) throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        return try failing {
            try reopenIfEnded()
            do {
                return try pg.transaction(first: first, isolation: isolation) { pg in try body(PostgresSQL(pg)) }
            } catch let f as PostgresFailure where f.sqlState != nil && (try? isStandby()) == true {
                // A hot standby refuses SERIALIZABLE, the turn's lock and every write (CONTRACT §12): one sentence, nothing changed.
                throw PostgresFailure(server: f.server, problem: .standby)
            }
        }
    }

    /// Whether the server is a standby replaying the primary's WAL.
    func isStandby() throws -> Bool {
        try pg.query("SELECT pg_is_in_recovery()").first?.first == .bool(true)
    }

    public func schemaIsCurrent() throws -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return try failing {
            try reopenIfEnded()
            return try PostgresSchema.isCurrent(pg)
        }
    }

    public func structure() throws -> [(name: String, problems: [String], detail: String)] {
        lock.lock()
        defer { lock.unlock() }
        return try failing {
            try reopenIfEnded()
            let current = try PostgresSchema.isCurrent(pg)
            let applied = try pg.query("SELECT count(*) FROM tagih_schema").first?.first?.int ?? 0
            // A seal trigger dropped, disabled or pointed elsewhere, a seal function rewritten.
            let seals = try PostgresSealTriggers.problems(pg)
            // The bulk tables' references (PostgresReferences): their triggers, and no row naming a missing parent.
            let references = try PostgresReferences.problems(pg)
            // The name search's table: every account's name, and nothing else (PostgresNameSearch).
            let names = try PostgresNameSearch.problems(pg)
            return [("postgresql schema", (current ? [] : ["the database's schema is not this version's (run `tagih init` to upgrade it)"]) + seals + references + names,
                     "Tagih's current schema (\(applied) migrations), its seal triggers and functions, the entries' references checked, the name search's table matched to the accounts; the server keeps its pages and declared keys whole")]
        }
    }

    public func close() {
        beside.close()
        pg.close()
    }

    /// A connection the server ended is opened again before the next transaction.
    private func reopenIfEnded() throws(PostgresFailure) {
        if pg.isClosed { try pg.reopen() }
    }

    /// A failure of the server, said as the store says a ledger's failure
    /// (a typed `LedgerFailure`, in the reader's language), never a stack trace.
    private func failing<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let f as PostgresFailure {
            throw StoreError(.server(place: f.server, problem: f.problem))
        }
    }
}
