import GRDB

extension Database {
    /// An IMMEDIATE transaction in which SQLite does not look up foreign
    /// keys, for the bulk writers that read or make in that transaction every
    /// id they write (the importer, the demo loader, the payment desk, the
    /// reminder run: millions of look-ups of what is known to be there).
    /// `check` still runs SQLite's foreign key check. The pragma is a no-op
    /// inside a transaction, so it is set around it; turning the keys back on
    /// outside one cannot fail, short of a closed connection.
    func inTrustedTransaction(_ body: () throws -> TransactionCompletion) throws {
        try execute(sql: "PRAGMA foreign_keys = OFF")
        defer { try? execute(sql: "PRAGMA foreign_keys = ON") }
        try inTransaction(.immediate, body)
    }
}

extension AppDatabase {
    /// One write transaction for a bulk writer that checks every reference
    /// itself (the importer): on a file SQLite's trusted transaction (above:
    /// no foreign key looked up per row); on a server an ordinary `write`,
    /// whose keys the server checks as it goes — retried whole on a
    /// serialization failure, so `body` must be safe to run again, and
    /// taken in turn with the other writers (`RemoteLedger.writeInTurn`),
    /// as SQLite's IMMEDIATE transaction is. A throw from `body` writes
    /// nothing on either.
    func writeTrusted<T>(_ body: (any LedgerSQL) throws -> T) throws -> T {
        if let remote { return try remote.writeInTurn(body) }
        var result: T?
        try writer.writeWithoutTransaction { db in
            try db.inTrustedTransaction {
                result = try body(SQLiteSQL(db))
                return .commit
            }
        }
        return result!
    }
}
