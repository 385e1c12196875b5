import Foundation
import TagihStore

/// How `PostgresSQL.bulk` and `bulkAhead` carry each column of a statement:
/// an integer column as one `bytea` of big-endian 8-byte values, a text
/// column as its values joined by a separator, the others as arrays
/// (`PGArray`).
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
///
/// Text columns are joined (`joined`): building an array of texts cost the
/// server more than sending it (a lead's queue's segment and zone, 300,000
/// rows: `array_agg` 52 ms and its send 28 ms, `string_agg` 28 ms in all,
/// measured with `COPY … (FORMAT binary)`), and so did the charges' refs of
/// a replay. A joined text cannot be cut into slices by rows, so `bulk`
/// sends it whole with the first slice, and the client reads every slice's
/// rows from it (a book's queue: ~20 bytes of segment and zone an account).
/// A value holding the separator, or one that is the NULL's mark, is told
/// by the count of values and of NULLs, and read row by row.
struct PostgresBulkShape {
    enum Column: Equatable {
        /// bigint: packed; with its count and minimum (the sentinel is a value it can hold).
        case int8
        /// integer or smallint: packed; Int64.min is no value of theirs.
        case narrowInt
        /// text, varchar, name: joined; with its count of values not NULL.
        case text
        /// Anything else: an array (boolean; others `PGArray` turns down).
        case array
    }
    let columns: [Column]

    /// The aggregate packing the integer `expression`'s values in the order
    /// they come: 8 bytes each, big-endian, a NULL as Int64.min.
    static func packed(_ expression: String) -> String {
        "string_agg(coalesce(int8send(CAST(\(expression) AS bigint)), decode('8000000000000000', 'hex')), ''::bytea)"
    }

    /// The aggregate joining the text `expression`'s values in the order
    /// they come, as UTF-8 bytes: a unit separator (31) between values, a
    /// NULL as one record separator (30). `PGArray(joined:count:nulls:)` reads it.
    static func joined(_ expression: String) -> String {
        "convert_to(string_agg(coalesce(CAST(\(expression) AS text), chr(30)), chr(31)), 'UTF8')"
    }

    /// The names a statement's columns are given here: c0, c1, …
    static func names(_ count: Int) -> [String] { (0..<count).map { "c\($0)" } }

    init(types: [String]) {
        columns = types.map {
            switch $0 {
            case "bigint": .int8
            case "integer", "smallint": .narrowInt
            case "text", "character varying", "name": .text
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

    /// Each column's statistics after the columns, in this order: a bigint
    /// column's count and minimum (`k`, `m`), a text column's count (`k`).
    private var statistics: [(name: String, aggregate: String)] {
        columns.indices.flatMap { i -> [(name: String, aggregate: String)] in
            switch columns[i] {
            case .int8: [("k\(i)", "count(c\(i))"), ("m\(i)", "min(c\(i))")]
            case .text: [("k\(i)", "count(c\(i))")]
            case .narrowInt, .array: []
            }
        }
    }

    /// The aggregates over the statement's rows `s(c0, …)`: the row count
    /// `n`, each column packed, joined or as an array, then the columns'
    /// statistics. One row, the statement's rows in its order.
    func aggregates(of sql: String) -> String {
        let names = Self.names(columns.count)
        var select = ["count(*) AS n"]
        for (i, c) in columns.enumerated() {
            let aggregate = switch c {
            case .int8, .narrowInt: Self.packed("c\(i)")
            case .text: Self.joined("c\(i)")
            case .array: "array_agg(c\(i))"
            }
            select.append(aggregate + " AS c\(i)")
        }
        select += statistics.map { "\($0.aggregate) AS \($0.name)" }
        return "SELECT \(select.joined(separator: ", ")) FROM (\(sql)) AS s(\(names.joined(separator: ", ")))"
    }

    /// The same columns, a slice of `rows` rows of them (slice `i`), from
    /// `a`; a joined text column whole in the first slice, NULL after it.
    func slice(rows: Int) -> String {
        var select = ["a.n"]
        for (i, c) in columns.enumerated() {
            let part = switch c {
            case .int8, .narrowInt: "substring(c\(i) FROM i * \(rows * 8) + 1 FOR \(rows * 8))"
            case .text: "CASE WHEN i = 0 THEN c\(i) END"
            case .array: "c\(i)[i * \(rows) + 1 : (i + 1) * \(rows)]"
            }
            select.append(part)
        }
        select += statistics.map(\.name)
        return select.joined(separator: ", ")
    }

    /// One row of `aggregates` or `slice`, read: the statement's row count
    /// and its columns, or nil when a column cannot be read this way (a type
    /// `PGArray` does not read, a bigint column with a NULL and Int64.min
    /// both, a text that cannot be told from the separators). A joined text
    /// column holds every row of the statement: after the first slice it is
    /// `carried` over from the slice before.
    func read(_ cells: [PGValue], carried: [PGArray] = []) -> (total: Int, columns: [PGArray])? {
        guard cells.count == 1 + columns.count + statistics.count, let total = cells[0].int.map(Int.init) else { return nil }
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
            case .text:
                let count = Int(cells[stats].int ?? 0)
                stats += 1
                if i < carried.count, cell == .null, carried[i].count == total {
                    out.append(carried[i])
                } else {
                    guard let a = PGArray(joined: raw, count: total, nulls: total - count) else { return nil }
                    out.append(a)
                }
            }
        }
        return (total, out)
    }
}
