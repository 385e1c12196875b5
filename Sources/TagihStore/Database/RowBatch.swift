import GRDB

/// Rows written `size` at a time, each batch one run of a statement with a
/// multi-row `VALUES` list (and, with `also`, of more statements over the
/// same rows: a seal over the rows inserted).
///
/// A reminder run writes three million stage rows and seals each: a
/// statement per row spent more time resetting, binding and starting
/// SQLite's program than inserting. One statement per 64 rows does the same
/// work with a sixty-fourth of that overhead.
final class RowBatch {
    private let db: Database
    private let columns: Int
    private let size: Int
    /// The statements' SQL around the `VALUES` list.
    private let templates: [(head: String, tail: String)]
    /// The statements by their number of rows (a full batch, and the
    /// shorter ones that end a flush), prepared once each.
    private var prepared: [Int: [Prepared]] = [:]
    private var pending: [Prepared.Value] = []

    /// `templates`: each statement's SQL before and after `VALUES (?, …), …`,
    /// e.g. `("INSERT INTO t(a, b) ", "")` or
    /// `("SELECT tagih_seal(15, 1, column1, column2) FROM (", ")")`.
    init(_ db: Database, columns: Int, size: Int = 64, _ templates: [(head: String, tail: String)]) {
        self.db = db
        self.columns = columns
        self.size = size
        self.templates = templates
        pending.reserveCapacity(columns * size)
    }

    /// One row's values, in column order. Written by `flush`, which the
    /// caller runs when `isFull` (it may have another batch to write first:
    /// rows whose foreign keys point into it).
    func add(_ row: Prepared.Value...) {
        precondition(row.count == columns, "RowBatch: a row of \(row.count) values for \(columns) columns")
        pending.append(contentsOf: row)
    }

    var isFull: Bool { pending.count >= columns * size }

    /// Writes the rows added since the last flush.
    func flush() throws {
        var start = 0
        while start < pending.count {
            let rows = min(size, (pending.count - start) / columns)
            let values = Array(pending[start..<start + rows * columns])
            if prepared[rows] == nil { prepared[rows] = try statements(rows: rows) }
            for statement in prepared[rows]! {
                try statement.bind(values).run()
            }
            start += rows * columns
        }
        pending.removeAll(keepingCapacity: true)
    }

    private func statements(rows: Int) throws -> [Prepared] {
        let one = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        let values = "VALUES " + Array(repeating: one, count: rows).joined(separator: ", ")
        return try templates.map { try Prepared(db, $0.head + values + $0.tail) }
    }
}
