import GRDB
import GRDBSQLite

/// A prepared statement driven through SQLite's C API.
///
/// The import loop runs millions of times; binding through GRDB's
/// `StatementArguments` allocates per row, which halves throughput. GRDB still
/// prepares, caches and finalizes the statement; only binding and stepping
/// happen here.
final class Prepared {
    private let statement: Statement
    private let raw: OpaquePointer
    private let connection: OpaquePointer
    fileprivate static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// With `cached`, GRDB keeps the compiled statement for the connection's
    /// life (for look-ups run once per account); only one `Prepared` may then
    /// use that SQL at a time.
    init(_ db: Database, _ sql: String, cached: Bool = false) throws {
        statement = cached ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        raw = statement.sqliteStatement
        connection = db.sqliteConnection!
    }

    /// Resets the statement and binds its parameters in order. A parameter
    /// pack rather than a variadic array: the import binds millions of rows
    /// and must not allocate for each.
    @discardableResult
    func bind<each V: Bindable>(_ values: repeat each V) -> Prepared {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
        var idx: Int32 = 1
        for v in repeat each values {
            v.bind(raw, idx)
            idx += 1
        }
        return self
    }

    /// Resets the statement and binds `values` to its parameters in order.
    @discardableResult
    func bind(_ values: [Value]) -> Prepared { bind(row: values) }

    /// Resets the statement and binds a row of values of one kind (`migrate` copies `LedgerDump.Value`s).
    @discardableResult
    func bind<B: Bindable>(row values: [B]) -> Prepared {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
        for (i, v) in values.enumerated() { v.bind(raw, Int32(i + 1)) }
        return self
    }

    enum Value: Bindable {
        case integer(Int64)
        case string(String)
        case bytes([UInt8])
        case nothing

        func bind(_ stmt: OpaquePointer, _ idx: Int32) {
            switch self {
            case .integer(let n): sqlite3_bind_int64(stmt, idx, n)
            case .string(let s):
                var s = s
                s.withUTF8 { buf in
                    _ = sqlite3_bind_text(stmt, idx, buf.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                          Int32(buf.count), Prepared.transient)
                }
            case .bytes(let b) where b.isEmpty: sqlite3_bind_zeroblob(stmt, idx, 0)
            case .bytes(let b):
                _ = b.withUnsafeBytes { buf in sqlite3_bind_blob(stmt, idx, buf.baseAddress, Int32(buf.count), Prepared.transient) }
            case .nothing: sqlite3_bind_null(stmt, idx)
            }
        }
    }

    /// Steps once: true when a row is available.
    func step() throws -> Bool {
        let rc = sqlite3_step(raw)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    /// The result's column names, in order (the seam's rows read by name).
    var statementColumnNames: [String] { statement.columnNames }

    /// Runs a statement that returns no rows.
    func run() throws { while try step() {} }

    var changes: Int { Int(sqlite3_changes(connection)) }
    var lastInsertID: Int64 { sqlite3_last_insert_rowid(connection) }

    func int(_ col: Int32) -> Int64 { sqlite3_column_int64(raw, col) }
    func isNull(_ col: Int32) -> Bool { sqlite3_column_type(raw, col) == SQLITE_NULL }
    /// SQLITE_NULL, _INTEGER, _FLOAT, _TEXT or _BLOB (`LedgerDump` copies values with their class).
    func storageClass(_ col: Int32) -> Int32 { sqlite3_column_type(raw, col) }
    func double(_ col: Int32) -> Double { sqlite3_column_double(raw, col) }
    func optInt(_ col: Int32) -> Int64? { isNull(col) ? nil : int(col) }
    /// A text column read with its byte length, never as a C string: a value
    /// holding a NUL (stored by an older version) reads back whole, so what
    /// `check` rehashes is what import hashed.
    func text(_ col: Int32) -> String? {
        guard let p = sqlite3_column_text(raw, col) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(raw, col))), as: UTF8.self)
    }
    /// A blob column's bytes, valid until the next step; nil for NULL.
    func blob(_ col: Int32) -> UnsafeRawBufferPointer? {
        guard let p = sqlite3_column_blob(raw, col) else { return nil }
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(raw, col)))
    }
    /// A text column's bytes, valid until the next step; nil for NULL.
    func bytes(_ col: Int32) -> UnsafeRawBufferPointer? {
        guard let p = sqlite3_column_text(raw, col) else { return nil }
        return UnsafeRawBufferPointer(start: p, count: Int(sqlite3_column_bytes(raw, col)))
    }
}

/// A value that can be bound to a statement parameter.
protocol Bindable {
    func bind(_ stmt: OpaquePointer, _ idx: Int32)
}

// Lets call sites write `.int(n)`, `.text(s)`, `.opt(x)`, `.null` for a pack
// element (SE-0299 static member lookup on a protocol).
extension Bindable where Self == Prepared.Value {
    static func int(_ n: Int64) -> Self { .integer(n) }
    static func text(_ s: String) -> Self { .string(s) }
    static func opt(_ s: String?) -> Self { s.map { .string($0) } ?? .nothing }
    static func opt(_ n: Int64?) -> Self { n.map { .integer($0) } ?? .nothing }
    static var null: Self { .nothing }
}

extension Database {
    /// Runs `body` with the named indexes dropped, then builds them again from
    /// their stored SQL, all inside the caller's transaction. Rewriting most
    /// of a table row by row is much faster without the index maintenance,
    /// and one sorted build afterwards is cheap (seconds at a million rows).
    func withoutIndexes<T>(_ names: [String], _ body: () throws -> T) throws -> T {
        let dropped = try dropIndexes(names)
        let result = try body()
        try rebuildIndexes(dropped)
        return result
    }

    /// Drops the named indexes that exist; returns the SQL that builds them
    /// again. Every statement of the connection is reset first: SQLite
    /// refuses to drop an index while a statement on its table is stepping.
    func dropIndexes(_ names: [String]) throws -> [String] {
        var stmt = sqlite3_next_stmt(sqliteConnection, nil)
        while let s = stmt {
            sqlite3_reset(s)
            stmt = sqlite3_next_stmt(sqliteConnection, s)
        }
        var dropped: [String] = []
        for name in names {
            guard let sql = try String.fetchOne(self, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", arguments: [name])
            else { continue }
            try execute(sql: "DROP INDEX \(name)")
            dropped.append(sql)
        }
        return dropped
    }

    func rebuildIndexes(_ sql: [String]) throws {
        for s in sql { try execute(sql: s) }
    }
}
