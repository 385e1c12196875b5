import Foundation
import TagihCore
import TagihStore

/// PostgreSQL's side of the store's seam (`LedgerSQL`): one connection
/// inside one transaction (`PostgresLedger` opens and ends it).
///
/// Placeholders are translated once per statement text and kept. A SELECT
/// is read through a server-side cursor, `FETCH`ed a batch at a time, so a
/// report over a million accounts never holds them all in memory; cursors
/// close with the transaction.
final class PostgresSQL: LedgerSQL {
    let pg: PGConnection
    /// Rows per FETCH: few round trips, bounded memory.
    static let batch = 20_000
    private var cursors = 0
    nonisolated(unsafe) private static var translated: [String: PostgresDialect.Translated] = [:]
    private static let lock = NSLock()

    /// The second reader on this transaction's snapshot (`bulkBeside`);
    /// nil in a write transaction, where a part runs here when read.
    let beside: PostgresBeside?

    init(_ pg: PGConnection, beside: PostgresBeside? = nil) {
        self.pg = pg
        self.beside = beside
    }

    var dialect: any SQLDialect { PostgresDialect() }

    /// The statement for PostgreSQL with these values: its text (cut once
    /// per statement and kept) and the binds, a NULL bound as a typed one
    /// (its place in the text is the literal: see `Translated.render`).
    static func translate(_ sql: String, _ arguments: [SQLValue]) -> (String, [PGValue]) {
        lock.lock()
        let cut: PostgresDialect.Translated
        if let t = translated[sql] { cut = t } else {
            cut = PostgresDialect.translate(sql)
            translated[sql] = cut
        }
        lock.unlock()
        var nulls: Set<Int> = []
        for (i, a) in arguments.enumerated() where a.isNull { nulls.insert(i + 1) }
        return (cut.render(nulls: nulls), arguments.map { $0.isNull ? .int(0) : PGValue($0) })
    }

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let (text, binds) = Self.translate(sql, arguments)
        return try pg.execute(text, binds)
    }

    func executeLater(_ sql: String, _ arguments: [SQLValue], returned: (([Int64]) -> Void)?) throws {
        let (text, binds) = Self.translate(sql, arguments)
        pg.sendLater(text, binds, then: returned.map { returned in
            { answer in returned(answer.rows.map { if case .int(let id)? = $0.first { id } else { 0 } }) }
        })
    }

    func waitForLater() throws { try pg.waitForLater() }

    func prepare(_ sql: String) throws -> any SQLStatement { PostgresStatement(self, sql) }

    func small(_ sql: String, _ arguments: [SQLValue]) throws -> any SQLCursor {
        let (text, binds) = Self.translate(sql, arguments)
        let r = try pg.queryNamed(text, binds)
        return PostgresCursor(columns: r.columns, rows: r.rows, fetch: nil)
    }

    func tableExists(_ name: String) throws -> Bool {
        try PostgresSchema.exists(pg, name)
    }

    func cursor(_ sql: String, _ arguments: [SQLValue]) throws -> any SQLCursor {
        try cursor(sql, arguments, batch: Self.batch)
    }

    /// A cursor that FETCHes `batch` rows at a time.
    func cursor(_ sql: String, _ arguments: [SQLValue], batch: Int) throws -> any SQLCursor {
        let (text, binds) = Self.translate(sql, arguments)
        let head = text.drop(while: { $0.isWhitespace || $0 == "(" }).prefix(6).uppercased()
        guard head.hasPrefix("SELECT") || head.hasPrefix("WITH") || head.hasPrefix("VALUES") else {
            // INSERT … RETURNING and the like: one answer, read whole.
            let r = try pg.queryNamed(text, binds)
            return PostgresCursor(columns: r.columns, rows: r.rows, fetch: nil)
        }
        cursors += 1
        let name = "tagih_c\(cursors)"
        try pg.execute("DECLARE \(name) NO SCROLL CURSOR FOR \(text)", binds)
        let pg = self.pg
        let next = "FETCH \(batch) FROM \(name)"
        // The next batch is asked for as soon as a full one arrives, so the
        // server reads and NIO decodes it while the caller works through the
        // batch in hand (`PGConnection.send`).
        let ahead = Ahead()
        let fetch = { () throws -> (columns: [String], rows: [[PGValue]]) in
            let r = try pg.answer(ahead.pending ?? pg.send(next))
            ahead.pending = r.rows.count < batch ? nil : pg.send(next)
            return (r.columns, r.rows)
        }
        let first = try fetch()
        return PostgresCursor(columns: first.columns, rows: first.rows, fetch: first.rows.count < batch ? nil : fetch, batch: batch)
    }
}

/// A cursor's FETCH sent ahead of need.
private final class Ahead { var pending: PGConnection.Pending? }

/// A statement run again with new values: each run is a new query (the
/// server keeps the plan of a repeated text), its answer read whole in one
/// round trip — a prepared statement is a look-up or an insert per row or
/// per account (the import runs one per row), never a report's cursor.
final class PostgresStatement: SQLStatement {
    let sql: PostgresSQL
    let text: String
    private var rows: (any SQLCursor)?

    init(_ sql: PostgresSQL, _ text: String) { self.sql = sql; self.text = text }

    func run(with arguments: [SQLValue]) throws { rows = try sql.small(text, arguments) }
    func step() throws -> Bool { try rows?.step() ?? false }
    func int(_ column: Int32) -> Int64 { rows?.int(column) ?? 0 }
    func text(_ column: Int32) -> String? { rows?.text(column) }
    func isNull(_ column: Int32) -> Bool { rows?.isNull(column) ?? true }
    var columnNames: [String] { rows?.columnNames ?? [] }
    func value(_ column: Int32) -> SQLValue { rows?.value(column) ?? .null }
    func withBytes<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        if let rows { return try rows.withBytes(column, body) }
        return try body(nil)
    }
}

/// A batch of rows in hand and, while the server has more, how to fetch them.
final class PostgresCursor: SQLCursor {
    private(set) var columnNames: [String]
    private var rows: [[PGValue]]
    private var next = 0
    private var current: [PGValue] = []
    private var fetch: (() throws -> (columns: [String], rows: [[PGValue]]))?
    private let batch: Int

    init(columns: [String], rows: [[PGValue]], fetch: (() throws -> (columns: [String], rows: [[PGValue]]))?,
         batch: Int = PostgresSQL.batch) {
        self.columnNames = columns
        self.rows = rows
        self.fetch = fetch
        self.batch = batch
    }

    /// The current row's values as they came.
    var values: [PGValue] { current }

    func step() throws -> Bool {
        if next == rows.count, let fetch {
            let more = try fetch()
            rows = more.rows
            next = 0
            if more.rows.count < batch { self.fetch = nil }
            if columnNames.isEmpty { columnNames = more.columns }
        }
        guard next < rows.count else { current = []; return false }
        current = rows[next]
        next += 1
        return true
    }

    func value(_ column: Int32) -> SQLValue {
        let i = Int(column)
        guard i < current.count else { return .null }
        switch current[i] {
        case .null: return .null
        case .int(let v): return .int(v)
        case .text(let t): return .text(t)
        case .bytes(let b): return .blob(b)
        case .bool(let b): return .int(b ? 1 : 0)
        }
    }

    func withBytes<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        guard var t = value(column).text else { return try body(nil) }
        return try t.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
    }

    func int(_ column: Int32) -> Int64 { value(column).int ?? 0 }
    func text(_ column: Int32) -> String? { value(column).text }
    func isNull(_ column: Int32) -> Bool { value(column).isNull }
}

extension PGValue {
    init(_ v: SQLValue) {
        switch v {
        case .null: self = .null
        case .int(let n): self = .int(n)
        case .text(let t): self = .text(t)
        case .blob(let b): self = .bytes(b)
        }
    }
}
