import Foundation
import TagihStore

/// `LedgerSQL.bulk` on a server: the statement's rows come back as rows of
/// arrays, each holding the next `bulkRows` values of every column, and are
/// read from the arrays' bytes. (`bulkAhead`, for a part small enough to
/// hold whole, is one row of arrays without a cursor.)
///
/// Why: PostgresNIO turns every row into a message, a state-machine step and
/// a row of cells, a few microseconds each on the client whatever the row
/// holds. A lead's queue of 58,000 accounts spent 175 ms of a 250 ms first
/// paint there (measured: 3 FETCHes of 20,000, each 40 ms on the server
/// waiting for the client and 20 ms of decoding). The same values in arrays
/// are a few messages. The server builds each column's array once, in the
/// statement's order (one aggregation pass), and hands it out in slices of
/// `bulkRows`, one FETCH each, so the client holds one slice at a time (the
/// whole book of a million-account ledger read as one row of arrays took
/// 250 MB, measured). Numbering the rows and grouping them instead made the
/// planner sort them, through disk and not stably. Integer columns travel
/// packed in bytes and text columns joined, not as arrays
/// (`PostgresBulkShape`); a joined text comes whole with the first slice.
extension PostgresSQL {
    static let bulkRows = 50_000

    func bulk(_ sql: String, _ arguments: [SQLValue], columns: Int) throws -> any SQLCursor {
        let shape = try PostgresBulkShape.of(sql, arguments, columns: columns, on: pg)
        let n = Self.bulkRows
        let wrapped = """
            WITH a AS MATERIALIZED (\(shape.aggregates(of: sql)))
            SELECT \(shape.slice(rows: n))
            FROM a, generate_series(0, CAST((a.n + \(n - 1)) / \(n) - 1 AS integer)) AS i
            """
        let groups = try cursor(wrapped, arguments, batch: 1)
        guard let groups = groups as? PostgresCursor else { return groups }
        return try PostgresColumns(groups: groups, shape: shape, slice: n) ?? cursor(sql, arguments)
    }

    /// The part as one row (none when it is empty), sent now and read whole
    /// when asked for.
    func bulkAhead(_ sql: String, _ arguments: [SQLValue], columns: Int) -> () throws -> any SQLCursor {
        let shape: PostgresBulkShape
        do { shape = try PostgresBulkShape.of(sql, arguments, columns: columns, on: pg) } catch { return { throw error } }
        let (text, binds) = Self.translate(shape.aggregates(of: sql) + " HAVING count(*) > 0", arguments)
        let pending = pg.send(text, binds)
        return { [self] in
            let r = try pg.answer(pending)
            return try PostgresColumns(groups: PostgresCursor(columns: r.columns, rows: r.rows, fetch: nil), shape: shape)
                ?? small(sql, arguments)
        }
    }

    /// The part on the second connection, on this transaction's snapshot
    /// (`PostgresBeside`); here, when read, where there is none or it is busy,
    /// or when the second connection failed (the server at `max_connections`,
    /// say): the read then costs what it did before, and never fails for the
    /// helper it asked for.
    func bulkBeside(_ sql: String, _ arguments: [SQLValue], columns: Int) -> () throws -> any SQLCursor {
        let here = { [self] in try bulk(sql, arguments, columns: columns) }
        guard let beside else { return here }
        do {
            guard let snapshot = try pg.query("SELECT pg_export_snapshot()").first?.first?.text,
                  let job = beside.start(snapshot: snapshot, { other in try other.bulk(sql, arguments, columns: columns) }) else { return here }
            return {
                do { return try job.cursor() } catch { return try here() }
            }
        } catch {
            return { throw error }
        }
    }
}

/// One column's values, parsed from a one-dimensional array in PostgreSQL's
/// binary form (`array_send`): dimensions, flags and element type, then each
/// element as its length (-1 for NULL) and its bytes, integers big-endian.
/// Parsed whole when it arrives (a loop over local values), so stepping
/// through the rows only moves an index: a cursor that decoded as it went,
/// mutating state held in a class, spent a fifth of its time in Swift's
/// exclusivity checks (measured with perf).
struct PGArray {
    enum Element { case integer, text, bool }
    let element: Element
    let count: Int
    /// Integer and bool columns: each value (0 for NULL), and which are NULL.
    private(set) var ints: [Int64] = []
    private(set) var nulls: [Bool] = []
    /// Text columns: the array's bytes and where each value is (length -1: NULL).
    private(set) var bytes: [UInt8] = []
    private(set) var starts: [Int32] = []
    private(set) var lengths: [Int32] = []

    /// Integers packed by `PostgresBulkShape`: 8 bytes each, big-endian,
    /// Int64.min a NULL when `sentinelIsNull`.
    init(packed raw: [UInt8], sentinelIsNull: Bool) {
        element = .integer
        let n = raw.count / 8
        count = n
        var ints = [Int64](repeating: 0, count: n)
        var nulls = [Bool](repeating: false, count: n)
        raw.withUnsafeBytes { p in
            for i in 0..<n {
                let v = Int64(bitPattern: UInt64(bigEndian: p.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)))
                if sentinelIsNull && v == Int64.min { nulls[i] = true } else { ints[i] = v }
            }
        }
        self.ints = ints
        self.nulls = nulls
    }

    /// Texts joined by `PostgresBulkShape.joined`: each value's bytes, a
    /// unit separator (31) between them, a NULL as one record separator (30).
    /// nil unless there are `count` values of which `nulls` are NULL: a value
    /// holding a 31, or one that is a lone 30, cannot be told apart, and the
    /// caller then reads the rows one by one.
    init?(joined raw: [UInt8], count: Int, nulls: Int) {
        element = .text
        self.count = count
        guard count > 0 else {
            guard raw.isEmpty else { return nil }
            return
        }
        var starts: [Int32] = [], lengths: [Int32] = []
        starts.reserveCapacity(count)
        lengths.reserveCapacity(count)
        var seenNulls = 0
        raw.withUnsafeBytes { p in
            var at = 0
            // One piece more than `count` is a separator inside a value: stop there.
            while starts.count <= count {
                let rest = p.count - at
                let end = rest == 0 ? at
                    : memchr(p.baseAddress! + at, 31, rest).map { p.baseAddress!.distance(to: UnsafeRawPointer($0)) } ?? p.count
                starts.append(Int32(at))
                if end - at == 1 && p[at] == 30 {
                    seenNulls += 1
                    lengths.append(-1)
                } else {
                    lengths.append(Int32(end - at))
                }
                if end == p.count { break }
                at = end + 1
            }
        }
        guard starts.count == count, seenNulls == nulls else { return nil }
        bytes = raw
        self.starts = starts
        self.lengths = lengths
    }

    init?(_ raw: [UInt8]) {
        func int32(_ at: Int) -> Int32? {
            guard at >= 0, at + 4 <= raw.count else { return nil }
            return Int32(bitPattern: UInt32(raw[at]) << 24 | UInt32(raw[at + 1]) << 16 | UInt32(raw[at + 2]) << 8 | UInt32(raw[at + 3]))
        }
        guard let dims = int32(0), let type = int32(8) else { return nil }
        switch UInt32(bitPattern: type) {
        case 20, 23, 21: element = .integer
        case 25, 1043, 19: element = .text
        case 16: element = .bool
        default: return nil
        }
        guard dims == 0 || dims == 1 else { return nil }
        let n = dims == 0 ? 0 : Int(int32(12) ?? -1)
        guard n >= 0 else { return nil }
        count = n
        var at = dims == 0 ? 12 : 20
        if element == .text {
            bytes = raw
            starts.reserveCapacity(n)
            lengths.reserveCapacity(n)
        } else {
            ints.reserveCapacity(n)
            nulls.reserveCapacity(n)
        }
        for _ in 0..<n {
            guard let length = int32(at) else { return nil }
            at += 4
            guard length < 0 || at + Int(length) <= raw.count else { return nil }
            if element == .text {
                starts.append(Int32(at))
                lengths.append(length)
            } else if length < 0 {
                ints.append(0)
                nulls.append(true)
            } else {
                // Big-endian, sign-extended from its width (2, 4 or 8 bytes; 1 for bool).
                var v: Int64 = element == .integer && length > 0 && raw[at] & 0x80 != 0 ? -1 : 0
                for i in at..<(at + Int(length)) { v = v << 8 | Int64(raw[i]) }
                ints.append(v)
                nulls.append(false)
            }
            at += max(0, Int(length))
        }
    }
}

/// Rows read from `bulk`'s groups of arrays, one element of each column a row.
final class PostgresColumns: SQLCursor {
    private let groups: PostgresCursor
    // Read for every value of every row and written only between groups, on
    // one thread: Swift's dynamic exclusivity checks on these were 7% of a
    // lead's first paint (perf), so they are off for them.
    @exclusivity(unchecked) private var columns: [PGArray] = []
    @exclusivity(unchecked) private var rows = 0
    @exclusivity(unchecked) private var row = -1
    /// The rows of the groups before this one, and each column's first row
    /// in this group: 0 for a column sliced with the group, `before` for a
    /// joined text, which holds the statement's every row.
    @exclusivity(unchecked) private var before = 0
    @exclusivity(unchecked) private var firsts: [Int] = []
    let columnNames: [String]

    private let shape: PostgresBulkShape
    private let slice: Int

    /// nil when a column cannot be read as `shape` says (a type `PGArray`
    /// does not read): the caller then uses the ordinary cursor. `slice`:
    /// the rows of every group but the last (`bulkAhead`'s one group: all).
    init?(groups: PostgresCursor, shape: PostgresBulkShape, slice: Int = .max) throws {
        self.groups = groups
        self.shape = shape
        self.slice = slice
        columnNames = PostgresBulkShape.names(shape.columns.count)
        guard try next() else { return nil }
    }

    /// Parses the next group; false when a column cannot be read.
    private func next() throws -> Bool {
        let carried = columns
        before += rows
        columns = []
        rows = 0
        row = -1
        guard try groups.step() else { return true }
        guard let (total, read) = shape.read(groups.values, carried: carried), total > before else { return false }
        columns = read
        rows = min(slice, total - before)
        firsts = shape.columns.map { $0 == .text ? before : 0 }
        return columns.indices.allSatisfy { columns[$0].count == (shape.columns[$0] == .text ? total : rows) }
    }

    func step() throws -> Bool {
        while row + 1 >= rows {
            guard rows > 0 else { return false }
            guard try next() else { throw PostgresColumnsProblem() }
        }
        row += 1
        return true
    }

    func isNull(_ column: Int32) -> Bool {
        let i = Int(column)
        guard i < columns.count, row >= 0 else { return true }
        let c = columns[i]
        return c.element == .text ? c.lengths[firsts[i] + row] < 0 : c.nulls[row]
    }

    func int(_ column: Int32) -> Int64 {
        let i = Int(column)
        guard i < columns.count, row >= 0 else { return 0 }
        return columns[i].element == .text ? value(column).int ?? 0 : columns[i].ints[row]
    }

    func value(_ column: Int32) -> SQLValue {
        guard !isNull(column) else { return .null }
        let c = columns[Int(column)]
        guard c.element == .text else { return .int(c.ints[row]) }
        return .text(withBytes(column) { String(decoding: $0 ?? UnsafeRawBufferPointer(start: nil, count: 0), as: UTF8.self) })
    }

    func withBytes<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        let i = Int(column)
        guard !isNull(column) else { return try body(nil) }
        guard columns[i].element == .text else {
            // An integer's decimal digits, as the row-at-a-time cursors lend them.
            var digits = String(columns[i].ints[row])
            return try digits.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        }
        let at = firsts[i] + row
        let start = Int(columns[i].starts[at]), length = Int(columns[i].lengths[at])
        return try columns[i].bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)])) }
    }

    func text(_ column: Int32) -> String? { value(column).text }
}

/// A later group of `bulk` that could not be read as the first one was (it
/// never happens: every group comes from the same statement's columns).
struct PostgresColumnsProblem: Error {}
