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
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, _ sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        raw = statement.sqliteStatement
        connection = db.sqliteConnection!
    }

    @discardableResult
    func bind(_ values: Value...) -> Prepared {
        sqlite3_reset(raw)
        sqlite3_clear_bindings(raw)
        for (i, v) in values.enumerated() {
            let idx = Int32(i + 1)
            switch v {
            case .int(let n): sqlite3_bind_int64(raw, idx, n)
            case .text(let s): sqlite3_bind_text(raw, idx, s, -1, Prepared.transient)
            case .null: sqlite3_bind_null(raw, idx)
            }
        }
        return self
    }

    enum Value {
        case int(Int64)
        case text(String)
        case null
        static func opt(_ s: String?) -> Value { s.map { .text($0) } ?? .null }
        static func opt(_ n: Int64?) -> Value { n.map { .int($0) } ?? .null }
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

    /// Runs a statement that returns no rows.
    func run() throws { while try step() {} }

    var changes: Int { Int(sqlite3_changes(connection)) }
    var lastInsertID: Int64 { sqlite3_last_insert_rowid(connection) }

    func int(_ col: Int32) -> Int64 { sqlite3_column_int64(raw, col) }
    func isNull(_ col: Int32) -> Bool { sqlite3_column_type(raw, col) == SQLITE_NULL }
    func optInt(_ col: Int32) -> Int64? { isNull(col) ? nil : int(col) }
    func text(_ col: Int32) -> String? {
        guard let p = sqlite3_column_text(raw, col) else { return nil }
        return String(cString: p)
    }
}
