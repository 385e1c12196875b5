import Foundation
import Testing
import TagihCore
@testable import TagihStore
@testable import TagihPostgres

/// `RowBatch` given its columns' types reads its rows from one array per
/// column on PostgreSQL (`SQLDialect.arrayRows`): every value must arrive as
/// it was, whatever the text holds — the array literal's own syntax (quotes,
/// backslashes, commas, braces, the word NULL) included — and as the
/// `VALUES` list would have written it.
@Suite(.serialized, .enabled(if: TestServer.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
struct ArrayRowsTests {
    static let awkward = ["", "plain", "NULL", "null", "\"quoted\"", "back\\slash", "\\\"", "a,b", "{braces}", "  spaced  ",
                          "tab\there", "line\nbreak", "Rp 1.250.000,00", "Budi Śantoso 張", "😀", "end\\", "'single'", "}", "{"]

    static func rows() -> [[SQLValue]] {
        var out: [[SQLValue]] = []
        for (i, t) in awkward.enumerated() {
            out.append([.int(Int64(i)), .text(t), i % 3 == 0 ? .null : .int(Int64(i) * 1_000_003), i % 4 == 1 ? .null : .text(t + t)])
        }
        out.append([.int(100), .null, .int(Int64.max), .text("max")])
        out.append([.int(101), .text("min"), .int(Int64.min), .null])
        // More rows than one statement carries, so a flush goes as several.
        for i in 0..<25_000 { out.append([.int(1_000 + Int64(i)), .text("r\(i)"), .int(Int64(i)), .text("\"\(i)\"")]) }
        return out
    }

    @Test func everyValueArrivesAsItWasAndAsAValuesListWritesIt() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let ledger = PostgresLedger(try PGConnection(target, login: TestServer.login))
            defer { ledger.close() }
            let rows = Self.rows()
            let read = "SELECT id, t, n, u FROM %@ ORDER BY id"
            let (arrays, values) = try ledger.write { db -> ([[SQLValue]], [[SQLValue]]) in
                #expect(db.dialect.arrayRows([.integer, .text]) != nil)
                for table in ["by_arrays", "by_values"] {
                    try db.execute("CREATE TABLE \(table) (id bigint PRIMARY KEY, t text COLLATE \"C\", n bigint, u text)", [])
                }
                let byArrays = try RowBatch(db, types: [.integer, .text, .integer, .text], [("INSERT INTO by_arrays(id, t, n, u) ", "")])
                let byValues = RowBatch(db, columns: 4, [("INSERT INTO by_values(id, t, n, u) ", "")])
                for row in rows {
                    byArrays.add(row)
                    byValues.add(row)
                    if byValues.isFull { try byValues.flush() }
                }
                #expect(byArrays.size == 2_000)
                try byArrays.flush()
                try byValues.flush()
                func all(_ table: String) throws -> [[SQLValue]] {
                    let c = try db.cursor(read.replacingOccurrences(of: "%@", with: table), [])
                    var out: [[SQLValue]] = []
                    while try c.step() { out.append((0..<4).map { c.value(Int32($0)) }) }
                    return out
                }
                return (try all("by_arrays"), try all("by_values"))
            }
            #expect(arrays.count == rows.count)
            #expect(arrays == rows.sorted { $0[0].int! < $1[0].int! })
            #expect(arrays == values)
        }
    } }

    @Test func anUpdateFromArraysChangesTheRowsItNamesAndReturnsThem() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let ledger = PostgresLedger(try PGConnection(target, login: TestServer.login))
            defer { ledger.close() }
            let (returned, sums) = try ledger.write { db -> ([Int64], [Int64]) in
                try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, n bigint NOT NULL)", [])
                try db.execute("INSERT INTO t SELECT g, g FROM generate_series(1, 50) g", [])
                let update = try RowBatch(db, types: [.integer, .integer],
                                          [("UPDATE t SET n = n + v.column2 FROM (", ") AS v WHERE t.id = v.column1 RETURNING t.id")])
                // Id 99 names no row: it is not returned.
                for id in [3, 7, 99, 50] as [Int64] { update.add(.int(id), .int(1_000)) }
                var returned: [Int64] = []
                try update.flush { returned.append($0) }
                let c = try db.cursor("SELECT n FROM t WHERE id IN (1, 3, 7, 50) ORDER BY id", [])
                var sums: [Int64] = []
                while try c.step() { sums.append(c.int(0)) }
                return (returned.sorted(), sums)
            }
            #expect(returned == [3, 7, 50])
            #expect(sums == [1, 1_003, 1_007, 1_050])
        }
    } }

    @Test func theLiteralQuotesEveryTextAndEscapesOnlyQuoteAndBackslash() {
        #expect(PostgresDialect.arrayLiteral([]) == "{}")
        #expect(PostgresDialect.arrayLiteral([.int(-5), .null, .text("NULL"), .text("a\"b\\c,d")]) == #"{-5,NULL,"NULL","a\"b\\c,d"}"#)
        #expect(PostgresDialect.arrayLiteral([.int(Int64.min), .int(0), .int(Int64.max), .text("é\\")]) ==
                #"{-9223372036854775808,0,9223372036854775807,"é\\"}"#)
        // Every third value from the second: one column of rows laid out row after row.
        let rows: [SQLValue] = (0..<9).map { .int(Int64($0)) }
        #expect(PostgresDialect.arrayLiteral(rows, from: 1, by: 3, count: 3) == "{1,4,7}")
        #expect(PostgresDialect.arrayLiteral(rows, from: 1, by: 3, count: 0) == "{}")
    }
}
