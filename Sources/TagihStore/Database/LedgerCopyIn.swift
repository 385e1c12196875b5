import GRDB
import GRDBSQLite

/// Writes another backend's ledger into an empty SQLite ledger, table by
/// table and row for row, for `tagih migrate` from PostgreSQL (CONTRACT
/// §12): the way back of `LedgerDump`. The rows arrive as they are (the
/// audit chain, the seals it recorded, `meta`'s pointers to them, the
/// derived `case_days`), so `check` proves the copy as it proved the
/// original, and every value keeps its storage class (an integer stays an
/// integer, text stays text, NULL stays NULL).
public enum LedgerCopyIn {
    /// Tables the loader never writes: SQLite's own, the migrator's record,
    /// and the name search, which is built from `accounts` at the end.
    static func isBookkeeping(_ table: String) -> Bool {
        table.hasPrefix("sqlite_") || table == "grdb_migrations" || table.hasPrefix("accounts_fts")
    }

    /// The ledger's tables (the bookkeeping ones aside) with their columns
    /// in order, for the caller to hold against the source's.
    public static func tables(_ database: AppDatabase) throws -> [String: [String]] {
        try database.writer.read { db in
            var out: [String: [String]] = [:]
            for name in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") where !isBookkeeping(name) {
                out[name] = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
            }
            return out
        }
    }

    /// Whether the file holds Tagih's current schema (every migration applied).
    public static func isCurrentLedger(_ database: AppDatabase) throws -> Bool {
        try database.writer.read { db in try db.tableExists("meta") && Schema.migrator.hasCompletedMigrations(db) }
    }

    /// The first table holding rows, with their count; nil for an empty
    /// ledger. `meta` does not count: the migrations may write it, and it
    /// holds nothing of a ledger without the rows it points to.
    public static func firstNonEmpty(_ database: AppDatabase) throws -> (table: String, rows: Int64)? {
        let names = try tables(database).keys.filter { $0 != "meta" }.sorted()
        return try database.writer.read { db in
            for name in names {
                let n = try Int64.fetchOne(db, sql: "SELECT count(*) FROM \"\(name)\"") ?? 0
                if n > 0 { return (name, n) }
            }
            return nil
        }
    }

    /// A file with no pages yet (an empty file the admin made) gets what
    /// `AppDatabase.createFile` gives a new ledger: 16 KiB pages and WAL,
    /// which can only be chosen before the first table.
    public static func formatIfEmpty(_ database: AppDatabase) throws {
        try database.writer.writeWithoutTransaction { db in
            guard try Int.fetchOne(db, sql: "PRAGMA page_count") == 0 else { return }
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
    }

    /// A copied row that names a row of another table that is not there
    /// (SQLite's foreign key check over the copy): the copy is refused.
    public struct DanglingRow: Error, Equatable {
        public let table: String
        public let rowid: Int64?
        public let parent: String
    }

    /// Where `load`'s body hands each row: `table`'s values in the order of
    /// the columns `load` was given for it.
    public final class Sink {
        fileprivate var inserts: [String: Prepared] = [:]
        public private(set) var count: Int64 = 0

        public func add(_ table: String, _ values: [LedgerDump.Value]) throws {
            guard let insert = inserts[table] else { throw StoreError("migrate: no table \(table) in the target ledger") }
            try insert.bind(row: values).run()
            count += 1
        }
    }

    /// Loads the rows `body` hands to the sink into the empty ledger, in one
    /// transaction: a failure anywhere leaves the ledger as it was. Returns
    /// how many rows were written.
    ///
    /// What the schema's triggers would do to these rows is kept out: the
    /// triggers named in `deriving` (those that write another table, the
    /// `case_days` ones) are dropped for the load and made again from their
    /// stored SQL, so the derived rows are the ones copied, not derived a
    /// second time. The seal triggers hand each row's hash to the
    /// connection's pending sums, which no audit row takes and the commit
    /// clears: the seals stay the ones the copied trail recorded. Foreign
    /// keys are not looked up row by row (the tables arrive in any order);
    /// SQLite's foreign key check runs over the whole copy before it
    /// commits. The indexes are built once at the end, and the name search
    /// from the accounts copied.
    public static func load(_ database: AppDatabase, tables: [(name: String, columns: [String])], deriving: [String],
                            _ body: (Sink) throws -> Void) throws -> Int64 {
        try database.writer.writeWithoutTransaction { db in
            let sink = Sink()
            try db.inTrustedTransaction {
                // The migrations' own `meta` rows give way to the copied ones.
                try db.execute(sql: "DELETE FROM meta")
                var triggers: [String] = []
                for name in deriving {
                    guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                                        arguments: [name]) else { continue }
                    try db.execute(sql: "DROP TRIGGER \(name)")
                    triggers.append(sql)
                }
                let loaded = Set(tables.map(\.name))
                let indexes = try Row.fetchAll(db, sql: "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
                    .filter { loaded.contains($0[1]) }.map { $0[0] as String }
                try db.withoutIndexes(indexes) {
                    defer { sink.inserts.removeAll() }
                    for t in tables {
                        let columns = t.columns.map { "\"\($0)\"" }.joined(separator: ", ")
                        let marks = Array(repeating: "?", count: t.columns.count).joined(separator: ", ")
                        sink.inserts[t.name] = try Prepared(db, "INSERT INTO \"\(t.name)\" (\(columns)) VALUES (\(marks))")
                    }
                    try body(sink)
                }
                for sql in triggers { try db.execute(sql: sql) }
                try db.execute(sql: "INSERT INTO accounts_fts(accounts_fts) VALUES ('rebuild')")
                if let bad = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                    throw DanglingRow(table: bad[0], rowid: bad[1], parent: bad[2])
                }
                return .commit
            }
            return sink.count
        }
    }
}

extension LedgerDump.Value: Bindable {
    func bind(_ stmt: OpaquePointer, _ idx: Int32) {
        switch self {
        case .null: sqlite3_bind_null(stmt, idx)
        case .integer(let n): sqlite3_bind_int64(stmt, idx, n)
        case .real(let d): sqlite3_bind_double(stmt, idx, d)
        case .text(let s): Prepared.Value.string(s).bind(stmt, idx)
        // A zero-length blob is still a blob, never NULL.
        case .blob(let b) where b.isEmpty: sqlite3_bind_zeroblob(stmt, idx, 0)
        case .blob(let b):
            b.withUnsafeBytes { buf in
                _ = sqlite3_bind_blob(stmt, idx, buf.baseAddress, Int32(buf.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
            }
        }
    }
}
