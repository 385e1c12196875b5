import Foundation
import TagihStore

/// How `PostgresSQL.bulk` and `bulkAhead` carry each column of a statement:
/// an integer column as one `bytea` of big-endian 8-byte values, the others
/// as arrays (`PGArray`).
///
/// Why: PostgreSQL sends an array in binary through the element type's send
/// function, once per element, each call allocating a buffer. For the open
/// charges of a 1M-account ledger (1.7 million rows of three integers) that
/// was 8.4 ms of server time for each slice of 50,000 rows, 290 ms of the
/// 900 ms of today's aging (measured from the server's log). Packing the
/// integers while aggregating (`int8send`, once per value, as `array_agg`
/// already spent) leaves a slice of bytes to copy: under 1 ms a slice.
///
/// A NULL integer is packed as Int64.min. Where that could also be a value,
/// the statement's count of values and its smallest one say which it is:
/// a column with a NULL and an Int64.min value both is not read this way
/// (`read` gives nil: the caller reads the rows one by one, exactly).
struct PostgresBulkShape {
    enum Column: Equatable {
        /// bigint: packed; with its count and minimum (the sentinel is a value it can hold).
        case int8
        /// integer or smallint: packed; Int64.min is no value of theirs.
        case narrowInt
        /// Anything else: an array (text, boolean; others `PGArray` turns down).
        case array
    }
    let columns: [Column]

    /// The aggregate packing the integer `expression`'s values in the order
    /// they come: 8 bytes each, big-endian, a NULL as Int64.min.
    static func packed(_ expression: String) -> String {
        "string_agg(coalesce(int8send(CAST(\(expression) AS bigint)), decode('8000000000000000', 'hex')), ''::bytea)"
    }

    /// The names a statement's columns are given here: c0, c1, …
    static func names(_ count: Int) -> [String] { (0..<count).map { "c\($0)" } }

    init(types: [String]) {
        columns = types.map {
            switch $0 {
            case "bigint": .int8
            case "integer", "smallint": .narrowInt
            default: .array
            }
        }
    }

    /// The statement's column types (`pg_typeof` of a row of NULLs: no row
    /// of the statement is read), kept per statement text (and which of its
    /// arguments are NULL: `translate` writes those into the text) for the
    /// process, so a statement read again asks nothing and builds no probe.
    static func of(_ sql: String, _ arguments: [SQLValue], columns: Int, on pg: PGConnection) throws -> PostgresBulkShape {
        let key = Key(sql: sql, nulls: arguments.indices.filter { arguments[$0].isNull })
        lock.lock()
        let known = shapes[key]
        lock.unlock()
        if let known { return known }
        let names = Self.names(columns)
        let probe = """
            SELECT \(names.map { "pg_typeof(q.\($0))::text" }.joined(separator: ", "))
            FROM (VALUES (0)) AS one(x) LEFT JOIN LATERAL (SELECT * FROM (\(sql)) AS s(\(names.joined(separator: ", "))) LIMIT 0) AS q ON true
            """
        let (text, binds) = PostgresSQL.translate(probe, arguments)
        let types = try pg.query(text, binds).first?.map { $0.text ?? "" } ?? []
        let shape = PostgresBulkShape(types: types)
        lock.lock()
        if shapes.count > 1_000 { shapes.removeAll() }
        shapes[key] = shape
        lock.unlock()
        return shape
    }
    private struct Key: Hashable { let sql: String; let nulls: [Int] }
    nonisolated(unsafe) private static var shapes: [Key: PostgresBulkShape] = [:]
    private static let lock = NSLock()

    /// The aggregates over the statement's rows `s(c0, …)`: the row count
    /// `n`, each column packed or as an array, then each bigint column's
    /// count and minimum. One row, the statement's rows in its order.
    func aggregates(of sql: String) -> String {
        let names = Self.names(columns.count)
        var select = ["count(*) AS n"]
        for (i, c) in columns.enumerated() {
            select.append((c == .array ? "array_agg(c\(i))" : Self.packed("c\(i)")) + " AS c\(i)")
        }
        for (i, c) in columns.enumerated() where c == .int8 { select.append("count(c\(i)) AS k\(i)"); select.append("min(c\(i)) AS m\(i)") }
        return "SELECT \(select.joined(separator: ", ")) FROM (\(sql)) AS s(\(names.joined(separator: ", ")))"
    }

    /// The same columns, a slice of `rows` rows of them (slice `i`), from `a`.
    func slice(rows: Int) -> String {
        var select = ["a.n"]
        for (i, c) in columns.enumerated() {
            select.append(c == .array ? "c\(i)[i * \(rows) + 1 : (i + 1) * \(rows)]"
                : "substring(c\(i) FROM i * \(rows * 8) + 1 FOR \(rows * 8))")
        }
        for (i, c) in columns.enumerated() where c == .int8 { select.append("k\(i)"); select.append("m\(i)") }
        return select.joined(separator: ", ")
    }

    /// One row of `aggregates` or `slice`, read: its columns, or nil when a
    /// column cannot be read this way (a type `PGArray` does not read, or a
    /// bigint column with a NULL and Int64.min both).
    func read(_ cells: [PGValue]) -> [PGArray]? {
        let width = 1 + columns.count + 2 * columns.filter { $0 == .int8 }.count
        guard cells.count == width, let total = cells[0].int else { return nil }
        var stats = 1 + columns.count
        var out: [PGArray] = []
        for (i, c) in columns.enumerated() {
            let cell = cells[1 + i]
            var raw: [UInt8] = []
            switch cell {
            case .bytes(let b): raw = b
            case .null: raw = []
            default: return nil
            }
            switch c {
            case .array:
                guard let a = PGArray(raw) else { return nil }
                out.append(a)
            case .narrowInt:
                out.append(PGArray(packed: raw, sentinelIsNull: true))
            case .int8:
                let count = cells[stats].int ?? 0, minimum = cells[stats + 1].int
                stats += 2
                let hasNull = count < total
                if hasNull && minimum == Int64.min { return nil }
                out.append(PGArray(packed: raw, sentinelIsNull: hasNull))
            }
        }
        return out
    }
}
