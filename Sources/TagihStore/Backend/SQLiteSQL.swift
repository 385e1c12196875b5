import Foundation
import GRDB
import GRDBSQLite

/// SQLite's side of the seam: a GRDB connection inside a transaction.
/// Cursors are `Prepared` statements (SQLite's C API, no value boxed per
/// row), so a report over a million accounts reads as fast as before the
/// seam existed.
final class SQLiteSQL: LedgerSQL {
    let db: Database
    init(_ db: Database) { self.db = db }

    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try db.execute(sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
        return db.changesCount
    }

    func executeLater(_ sql: String, _ arguments: [SQLValue], returned: (([Int64]) -> Void)?) throws {
        guard let returned else { _ = try execute(sql, arguments); return }
        let rows = try cursor(sql, arguments)
        var ids: [Int64] = []
        while try rows.step() { ids.append(rows.int(0)) }
        returned(ids)
    }

    func waitForLater() throws {}

    func tableExists(_ name: String) throws -> Bool { try db.tableExists(name) }

    func small(_ sql: String, _ arguments: [SQLValue]) throws -> any SQLCursor { try cursor(sql, arguments) }

    func bulk(_ sql: String, _ arguments: [SQLValue], columns: Int) throws -> any SQLCursor { try cursor(sql, arguments) }

    func bulkAhead(_ sql: String, _ arguments: [SQLValue], columns: Int) -> () throws -> any SQLCursor {
        { try self.cursor(sql, arguments) }
    }

    func bulkBeside(_ sql: String, _ arguments: [SQLValue], columns: Int) -> () throws -> any SQLCursor {
        { try self.cursor(sql, arguments) }
    }

    func prepare(_ sql: String) throws -> any SQLStatement { try Prepared(db, sql) }

    func cursor(_ sql: String, _ arguments: [SQLValue]) throws -> any SQLCursor {
        try Prepared(db, sql).bind(arguments.map(Prepared.Value.init))
    }
}

/// SQLite's dialect: the planner hints it needs.
struct SQLiteDialect: SQLDialect {
    func indexedBy(_ index: String) -> String { "INDEXED BY \(index)" }
    var rowsCrossASocket: Bool { false }
    func jsonTexts(_ parameter: String) -> String { "SELECT value FROM json_each(\(parameter))" }
    func integerList(_ expression: String) -> String { "json_group_array(\(expression))" }
    func integers(in value: SQLValue) -> [Int64]? {
        if value.isNull { return [] }
        guard let text = value.text, text.first == "[", text.last == "]" else { return nil }
        var out: [Int64] = []
        for part in text.dropFirst().dropLast().split(separator: ",") {
            guard let n = Int64(part.trimmingCharacters(in: .whitespaces)) else { return nil }
            out.append(n)
        }
        return out
    }

    /// Through `tagih_row`, registered on every connection Tagih opens.
    func rowHashes(table: String, columns: [String], alwaysHashed: Int) -> String {
        guard let t = SealedTable(rawValue: table) else { return "SELECT NULL WHERE 0" }
        return "SELECT tagih_row(\(t.code), \(t.columnsSQL())) FROM \(table)"
    }

    /// Through `tagih_seal`, registered like `tagih_row`.
    func sealAdded(table: String, where filter: String) -> String {
        guard let t = SealedTable(rawValue: table) else { return "SELECT NULL WHERE 0" }
        return "SELECT tagih_seal(\(t.code), 1, \(t.columnsSQL())) FROM \(table) WHERE \(filter)"
    }

    /// (Every statement of the connection is reset first: see `Database.dropIndexes`.)
    func dropIndexes(_ names: [String], in db: any LedgerSQL) throws -> [String] {
        guard let sqlite = db as? SQLiteSQL else { return [] }
        return try sqlite.db.dropIndexes(names)
    }

    /// `accounts_fts` is an external-content FTS5 table: rows go in by id,
    /// and a renamed row leaves with the name it was indexed under.
    func indexNames(newFrom firstNewID: Int64, renamed: [(id: Int64, oldName: String)], in db: any LedgerSQL) throws {
        try db.execute("INSERT INTO accounts_fts(rowid, name) SELECT id, name FROM accounts WHERE id >= ?", firstNewID)
        for (id, old) in renamed {
            try db.execute("INSERT INTO accounts_fts(accounts_fts, rowid, name) VALUES ('delete', ?, ?)", id, old)
            try db.execute("INSERT INTO accounts_fts(rowid, name) SELECT id, name FROM accounts WHERE id = ?", id)
        }
    }

    var inexactMoneyCount: String? {
        """
        SELECT (SELECT count(*) FROM accounts WHERE typeof(open_total) <> 'integer' OR typeof(unapplied) <> 'integer')
             + (SELECT count(*) FROM charges WHERE typeof(amount) <> 'integer' OR typeof(open_amount) <> 'integer')
             + (SELECT count(*) FROM credits WHERE typeof(amount) <> 'integer')
             + (SELECT count(*) FROM contacts WHERE promise_amount IS NOT NULL AND typeof(promise_amount) <> 'integer')
        """
    }

    // remind: through `tagih_seal`, one call per row of the list.
    func sealValues(table: String) -> (head: String, tail: String) {
        guard let t = SealedTable(rawValue: table) else { return ("SELECT NULL FROM (", ") WHERE 0") }
        let columns = t.columns.indices.map { "column\($0 + 1)" }.joined(separator: ", ")
        return ("SELECT tagih_seal(\(t.code), 1, \(columns)) FROM (", ")")
    }

    // remind: the sizes measured for SQLite stay as they are.
    func valuesRows(_ inProcess: Int, columns: Int) -> Int { inProcess }
    // import: `VALUES` lists, prepared once per length (no arrays in SQLite).
    func arrayRows(_ types: [SQLColumnType]) -> ArrayRows? { nil }

    // import: row by row, as measured (the nightly file's hot path).
    var writeChunk: Int { 1 }
    func inJSONTexts(_ column: String, _ parameter: String) -> String { "\(column) IN (SELECT value FROM json_each(\(parameter)))" }
    func inJSONInts(_ column: String, _ parameter: String) -> String { inJSONTexts(column, parameter) }
    func probeJSONTexts(select: String, from table: String, where filter: String, column: String, _ parameter: String) -> String {
        "SELECT \(select) FROM \(table) WHERE \(filter) AND \(inJSONTexts(column, parameter))"
    }
    func analyze(_ table: String) -> String? { nil }
    func plannedRows(_ table: String) -> String? { nil }
}

extension SQLValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .int(let v): v.databaseValue
        case .text(let t): t.databaseValue
        case .blob(let b): Data(b).databaseValue
        }
    }
}

extension Prepared.Value {
    init(_ v: SQLValue) {
        switch v {
        case .null: self = .nothing
        case .int(let n): self = .integer(n)
        case .text(let t): self = .string(t)
        case .blob(let b): self = .bytes(b)
        }
    }
}

/// Bound straight from the seam's values: the import binds every row of a
/// file through `run(with:)`, and a second array per row would cost it.
extension SQLValue: Bindable {
    func bind(_ stmt: OpaquePointer, _ idx: Int32) { Prepared.Value(self).bind(stmt, idx) }
}

extension Prepared: SQLStatement {
    func run(with arguments: [SQLValue]) throws { bind(row: arguments) }

    func withBytes<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R { try body(bytes(column)) }

    var columnNames: [String] { statementColumnNames }

    func value(_ column: Int32) -> SQLValue {
        switch storageClass(column) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .int(int(column))
        case SQLITE_BLOB: .blob(blob(column).map { Array($0) } ?? [])
        // (REAL is stored nowhere by Tagih; LedgerDump copies it apart.)
        default: .text(text(column) ?? "")
        }
    }
}

// workstation: the search and the ledger watch (WorkstationStore, LedgerWatch).
extension SQLiteDialect {
    var textCeiling: String { "x'F4'" }
    var likeASCIICase: String { "LIKE" }
    /// FTS5 prefix terms, all required (`WorkstationStore.ftsQuery`); rowids
    /// come in order, so there is nothing to sort.
    func nameWords(_ words: [String]) -> (sql: String, order: String?, argument: String)? {
        WorkstationStore.ftsQuery(words.joined(separator: " ")).map { ("SELECT rowid FROM accounts_fts WHERE accounts_fts MATCH ?1", nil, $0) }
    }
    func firstWord(_ expression: String) -> String { "substr(\(expression), 1, instr(\(expression) || ' ', ' ') - 1)" }
}
