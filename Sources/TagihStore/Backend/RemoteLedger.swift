import TagihCore

/// A ledger on a database server (CONTRACT §12: PostgreSQL), as the store
/// sees it: transactions that hand it a `LedgerSQL`. TagihStore never
/// imports the server's driver; the executable builds the implementation
/// (TagihPostgres' `PostgresLedger`) and hands it to `AppDatabase(remote:)`.
public protocol RemoteLedger: AnyObject, Sendable {
    /// The server and database, for sentences ("socket /run/postgresql, database tagih").
    var place: String { get }
    /// One consistent snapshot for the whole body (a report's figures agree
    /// with each other), never waiting for a writer.
    func read<T>(_ body: (any LedgerSQL) throws -> T) throws -> T
    /// One transaction: all of the body or nothing. A body the server
    /// refuses as a serialization failure runs again whole (bounded). For
    /// writes that append nothing to the audit chain (a workstation's lease).
    func write<T>(_ body: (any LedgerSQL) throws -> T) throws -> T
    /// `write` for a writer that appends to the audit chain (every record:
    /// an import, a group of `serve`'s payments, a contact, an assignment):
    /// it waits for the chain's other writers before its snapshot is taken,
    /// instead of colliding with them at the chain's tail and running again
    /// whole. Colliding starved a long import beside a steady `serve`, gave
    /// two servers' groups 503s, and, once only the bulk writers took turns,
    /// made a contact logged beside `serve` run out of tries.
    func writeInTurn<T>(_ body: (any LedgerSQL) throws -> T) throws -> T
    /// Whether the database holds Tagih's current schema (in place of
    /// SQLite's quick check and migration table, CONTRACT §12).
    func schemaIsCurrent() throws -> Bool
    /// `tagih check`'s findings on what the server itself keeps, in place of
    /// SQLite's integrity, schema and foreign-key checks (CONTRACT §12).
    func structure() throws -> [(name: String, problems: [String], detail: String)]
    func close()
}
