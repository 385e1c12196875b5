/// Rows written `size` at a time, each batch one run of a statement with a
/// multi-row `VALUES` list (and, with `also`, of more statements over the
/// same rows: a seal over the rows inserted).
///
/// A reminder run writes three million stage rows and seals each: a
/// statement per row spent more time resetting, binding and starting
/// SQLite's program than inserting. One statement per 64 rows does the same
/// work with a sixty-fourth of that overhead.
///
/// Through the seam (`LedgerSQL`): on SQLite the statements are the raw
/// prepared ones, `size` rows each as measured; on a server each statement
/// is a round trip, so the dialect gives it many more rows
/// (`SQLDialect.valuesRows`). A shorter batch that ends a flush goes as
/// lists of 2ⁿ rows, so a run prepares (and a server's client keeps the
/// text of) a handful of statements, not one per length.
///
/// Given its columns' types, a batch on a dialect that reads rows from
/// arrays (`SQLDialect.arrayRows`: PostgreSQL) binds one array per column
/// to one short statement instead: the server parses ten binds, not 5,000,
/// and the client renders no text around them.
final class RowBatch {
    private let db: any LedgerSQL
    private let columns: Int
    let size: Int
    /// The statements' SQL around the `VALUES` list.
    private let templates: [(head: String, tail: String)]
    /// The rows read from arrays, with the statements that read them (and their SQL, for `flushLater`).
    private let arrays: (rows: ArrayRows, statements: [any SQLStatement], sql: [String])?
    /// The statements by their number of rows (a full batch, and the
    /// shorter ones that end a flush), prepared once each.
    private var prepared: [Int: [any SQLStatement]] = [:]
    private var pending: [SQLValue] = []

    /// `templates`: each statement's SQL before and after `VALUES (?, …), …`,
    /// e.g. `("INSERT INTO t(a, b) ", "")` or a seal over the same rows
    /// (`SQLDialect.sealValues`). `size`: the rows per statement on SQLite.
    convenience init(_ db: any LedgerSQL, columns: Int, size: Int = 64, _ templates: [(head: String, tail: String)]) {
        self.init(db, columns: columns, size: db.dialect.valuesRows(size, columns: columns), templates, arrays: nil)
    }

    /// A batch whose columns have these types: read from arrays where the
    /// dialect can (`SQLDialect.arrayRows`), else as the batch above.
    convenience init(_ db: any LedgerSQL, types: [SQLColumnType], size: Int = 64, _ templates: [(head: String, tail: String)]) throws {
        guard let rows = db.dialect.arrayRows(types) else {
            self.init(db, columns: types.count, size: size, templates)
            return
        }
        let sql = templates.map { $0.head + rows.source + $0.tail }
        let statements = try sql.map { try db.prepare($0) }
        self.init(db, columns: types.count, size: rows.rows, templates, arrays: (rows, statements, sql))
    }

    private init(_ db: any LedgerSQL, columns: Int, size: Int, _ templates: [(head: String, tail: String)],
                 arrays: (rows: ArrayRows, statements: [any SQLStatement], sql: [String])?) {
        self.db = db
        self.columns = columns
        self.size = size
        self.templates = templates
        self.arrays = arrays
        pending.reserveCapacity(columns * size)
    }

    /// One row's values, in column order. Written by `flush`, which the
    /// caller runs when `isFull` (it may have another batch to write first:
    /// rows whose foreign keys point into it).
    func add(_ row: SQLValue...) { add(row) }

    func add(_ row: [SQLValue]) {
        precondition(row.count == columns, "RowBatch: a row of \(row.count) values for \(columns) columns")
        pending.append(contentsOf: row)
    }

    var isFull: Bool { pending.count >= columns * size }

    /// Writes the rows added since the last flush; `returned` sees the
    /// first column of each row the statements return (`RETURNING id`).
    func flush(returned: ((Int64) -> Void)? = nil) throws {
        if let arrays {
            try eachArraySlice { binds in
                for statement in arrays.statements {
                    try statement.run(with: binds)
                    while try statement.step() { returned?(statement.int(0)) }
                }
            }
            return
        }
        var start = 0
        while start < pending.count {
            let left = (pending.count - start) / columns
            var rows = min(size, left)
            if rows < size { rows = 1 << (Int.bitWidth - 1 - rows.leadingZeroBitCount) }
            let values = Array(pending[start..<start + rows * columns])
            if prepared[rows] == nil { prepared[rows] = try statements(rows: rows) }
            for statement in prepared[rows]! {
                try statement.run(with: values)
                while try statement.step() { returned?(statement.int(0)) }
            }
            start += rows * columns
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Writes the rows added since the last flush without waiting for the
    /// server (`LedgerSQL.executeLater`) where they go as arrays; else as
    /// `flush`. `returned` sees the first column of every row the
    /// statements return, once the last has answered (a later statement
    /// waited for it, or `LedgerSQL.waitForLater`).
    func flushLater(returned: (([Int64]) -> Void)? = nil) throws {
        guard let arrays else {
            var ids: [Int64] = []
            try flush { ids.append($0) }
            returned?(ids)
            return
        }
        let rows = pending.count / columns
        guard rows > 0 else { returned?([]); return }
        let answers = returned.map { Answers(statements: ((rows + size - 1) / size) * arrays.sql.count, then: $0) }
        try eachArraySlice { binds in
            for sql in arrays.sql { try db.executeLater(sql, binds, returned: answers.map { a in { a.add($0) } }) }
        }
    }

    /// The pending rows, `size` at a time, as one bound array per column;
    /// then none pending.
    private func eachArraySlice(_ body: ([SQLValue]) throws -> Void) throws {
        defer { pending.removeAll(keepingCapacity: true) }
        guard let arrays else { return }
        let rows = pending.count / columns
        for first in stride(from: 0, to: rows, by: size) {
            let count = min(size, rows - first)
            try body((0..<columns).map { c in arrays.rows.bind(pending, first * columns + c, columns, count) })
        }
    }

    /// The rows a flush's statements returned, handed on when the last answers.
    private final class Answers {
        private var left: Int
        private var ids: [Int64] = []
        private let then: ([Int64]) -> Void
        init(statements: Int, then: @escaping ([Int64]) -> Void) { left = statements; self.then = then }
        func add(_ more: [Int64]) {
            ids += more
            left -= 1
            if left == 0 { then(ids) }
        }
    }

    private func statements(rows: Int) throws -> [any SQLStatement] {
        let one = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        let values = "VALUES " + Array(repeating: one, count: rows).joined(separator: ", ")
        return try templates.map { try db.prepare($0.head + values + $0.tail) }
    }
}
