import TagihStore

/// PostgreSQL's dialect for the store's shared SQL (the SQLite one is
/// `SQLiteDialect` in TagihStore): what the store asks for by name.
struct PostgresDialect: SQLDialect {
    /// No planner hints: PostgreSQL chooses the index itself.
    func indexedBy(_ index: String) -> String { "" }
    /// A million rows decoded off the wire cost seconds; the server sums them in one.
    var rowsCrossASocket: Bool { true }
    func jsonTexts(_ parameter: String) -> String { "SELECT json_array_elements_text(CAST(\(parameter) AS json))" }
    /// Packed as `PostgresBulkShape` packs an integer column: 8 bytes a
    /// value, one copy to send (an array is sent a function call a value).
    func integerList(_ expression: String) -> String { PostgresBulkShape.packed(expression) }
    func integers(in value: SQLValue) -> [Int64]? {
        switch value {
        case .null: return []
        case .blob(let b) where b.count % 8 == 0: return PGArray(packed: b, sentinelIsNull: false).ints
        default: return nil
        }
    }

    /// The row hash in SQL over the same bytes as SQLite's `tagih_row`
    /// (`PostgresSealTriggers`, which also builds the triggers' hashes).
    func rowHashes(table: String, columns: [String], alwaysHashed: Int) -> String {
        PostgresSealTriggers.rowHashesSQL(table)
    }

    /// One call to the pending sum for all the rows (`PostgresSealTriggers`).
    func sealAdded(table: String, where filter: String) -> String {
        PostgresSealTriggers.sealAdded(table, where: filter)
    }

    /// Money columns are `bigint`: no row can hold anything else.
    var inexactMoneyCount: String? { nil }

    /// Indexes stay: other writers and readers use them while an import runs.
    func dropIndexes(_ names: [String], in db: any LedgerSQL) throws -> [String] { [] }

    /// The name search's table is kept by triggers (`PostgresNameSearch`): the server keeps it.
    func indexNames(newFrom firstNewID: Int64, renamed: [(id: Int64, oldName: String)], in db: any LedgerSQL) throws {}

    /// A statement's text cut at its parameters.
    struct Translated: Sendable {
        /// Text, then the parameter that follows it (1-based; 0 after the last piece).
        var pieces: [(text: String, parameter: Int)] = []

        /// The text with each parameter as `$n`, and those bound to NULL as
        /// the literal `NULL`: PostgreSQL must know every parameter's type,
        /// and a NULL bound without one (as SQLite binds it) has none; the
        /// literal takes its type from where it stands.
        func render(nulls: Set<Int>) -> String {
            var out = ""
            for p in pieces {
                out += p.text
                if p.parameter > 0 { out += nulls.contains(p.parameter) ? "NULL" : "$\(p.parameter)" }
            }
            return out
        }
    }

    /// The store's SQL with SQLite's placeholders (`?`, `?NNN`) as
    /// PostgreSQL's (`$n`), numbered as SQLite numbers them: `?NNN` is
    /// parameter NNN, a bare `?` the one after the largest so far. Quoted
    /// strings, quoted names and comments are left as they are.
    static func placeholders(_ sql: String) -> String { translate(sql).render(nulls: []) }

    static func translate(_ sql: String) -> Translated {
        var result = Translated()
        var out = ""
        out.reserveCapacity(sql.utf8.count + 8)
        var largest = 0
        var quote: Character? = nil
        var chars = Array(sql)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let q = quote {
                out.append(c)
                if c == q { quote = nil }
                i += 1
                continue
            }
            if c == "'" || c == "\"" { quote = c; out.append(c); i += 1; continue }
            if c == "-", i + 1 < chars.count, chars[i + 1] == "-" {
                while i < chars.count, chars[i] != "\n" { out.append(chars[i]); i += 1 }
                continue
            }
            if c == "?" {
                var j = i + 1
                var digits = ""
                while j < chars.count, let d = chars[j].wholeNumberValue, chars[j].isASCII { digits.append(chars[j]); j += 1; _ = d }
                let n = digits.isEmpty ? largest + 1 : Int(digits)!
                largest = max(largest, n)
                result.pieces.append((out, n))
                out = ""
                i = j
                continue
            }
            out.append(c)
            i += 1
        }
        chars.removeAll()
        result.pieces.append((out, 0))
        return result
    }

    // remind: one call to the pending sum for the whole list (`PostgresSealTriggers`).
    func sealValues(table: String) -> (head: String, tail: String) {
        PostgresSealTriggers.sealValues(table)
    }

    // remind: a statement is a round trip: up to 500 rows each (at most
    // 20,000 parameters, well under the protocol's 65,535).
    func valuesRows(_ inProcess: Int, columns: Int) -> Int { max(1, min(500, 20_000 / max(1, columns))) }

    // import: `unnest` of one array per column, each bound as the text of an
    // array literal (`arrayLiteral`: NULLs and any text as they are) and cast
    // on the server. 2,000 rows a statement (a chunk): at 10,000 the planner
    // joined an `UPDATE charges … FROM` by reading all 500,000 charges into
    // a hash (640 ms a statement) where 2,000 index probes take 86 ms.
    func arrayRows(_ types: [SQLColumnType]) -> ArrayRows? {
        let arrays = types.map { "CAST(? AS \($0 == .integer ? "bigint" : "text")[])" }.joined(separator: ", ")
        let names = types.indices.map { "column\($0 + 1)" }.joined(separator: ", ")
        return ArrayRows(source: "SELECT * FROM unnest(\(arrays)) AS v(\(names))", rows: writeChunk) { values, first, step, count in
            .text(Self.arrayLiteral(values, from: first, by: step, count: count))
        }
    }

    /// PostgreSQL's text form of a one-dimensional array of `values[from]`,
    /// `values[from + by]`, … (`count` of them): integers bare, every text
    /// double-quoted (its `"` and `\` escaped with `\`: inside quotes commas,
    /// braces, spaces and newlines are plain), NULL bare. Built as bytes: both
    /// escaped characters are ASCII, never part of a longer UTF-8 sequence.
    static func arrayLiteral(_ values: [SQLValue], from: Int = 0, by step: Int = 1, count: Int? = nil) -> String {
        let n = count ?? (values.count - from + step - 1) / step
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(2 + n * 12)
        for k in 0..<n {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            switch values[from + k * step] {
            case .null: out.append(contentsOf: "NULL".utf8)
            case .int(let v): appendDecimal(v, to: &out)
            case .text(let t):
                out.append(quote)
                for b in t.utf8 {
                    if b == quote || b == backslash { out.append(backslash) }
                    out.append(b)
                }
                out.append(quote)
            case .blob:
                // No batch reads bytes from arrays (`SQLColumnType` has no such type).
                preconditionFailure("arrayLiteral: bytes in an array column")
            }
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `v` in decimal, `Int64.min` included (its magnitude as unsigned).
    private static func appendDecimal(_ v: Int64, to out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var m = v.magnitude
        let start = out.count
        repeat {
            out.append(UInt8(ascii: "0") + UInt8(m % 10))
            m /= 10
        } while m > 0
        out[start...].reverse()
    }

    // import: 2,000 rows a chunk: a look-up of a chunk's accounts and refs
    // is one round trip, its inserts four (`valuesRows`).
    var writeChunk: Int { 2_000 }
    /// `= ANY` of an array built once (an InitPlan): an index scan with
    /// the array as its condition.
    func inJSONTexts(_ column: String, _ parameter: String) -> String {
        "\(column) = ANY (ARRAY(SELECT json_array_elements_text(CAST(\(parameter) AS json))))"
    }
    /// It counts the transaction's own new rows. It holds the table's
    /// SHARE UPDATE EXCLUSIVE lock to the commit: another load's ANALYZE
    /// of the same table waits for it (inserts, updates and reads do not).
    ///
    /// The accounts' statistics are taken for the columns a load reads by
    /// (its look-ups and the cache's ranges) and no others: eight of them in
    /// a million-account file. (When the name search's index was an
    /// expression index on `accounts`, a plain ANALYZE folded every sampled
    /// name: four-fifths of it, 300 against 65 ms at 200,000 accounts.)
    /// Autovacuum gathers the rest, `account_names` too, once the load has
    /// committed.
    func analyze(_ table: String) -> String? {
        table == "accounts" ? "ANALYZE accounts (id, account_no, collector, segment)" : "ANALYZE \(table)"
    }
    /// `reltuples` is -1 for a table never analyzed (PostgreSQL 14 on): none.
    func plannedRows(_ table: String) -> String? {
        "SELECT CAST(greatest(reltuples, 0) AS bigint) FROM pg_class WHERE oid = to_regclass('\(table)')"
    }
    func inJSONInts(_ column: String, _ parameter: String) -> String {
        "\(column) = ANY (ARRAY(SELECT CAST(json_array_elements_text(CAST(\(parameter) AS json)) AS bigint)))"
    }
    /// A LATERAL subquery per text: its LIMIT keeps the planner from pulling
    /// it up into a join, so each is an index probe on `filter` and `column`.
    func probeJSONTexts(select: String, from table: String, where filter: String, column: String, _ parameter: String) -> String {
        """
        SELECT hit.* FROM (SELECT json_array_elements_text(CAST(\(parameter) AS json)) AS probe) AS p
        CROSS JOIN LATERAL (SELECT \(select) FROM \(table) WHERE \(filter) AND \(column) = p.probe LIMIT 1) AS hit
        """
    }
}

// workstation: the search and the ledger watch (WorkstationStore, LedgerWatch).
extension PostgresDialect {
    /// U+10FFFF, the last code point (F4 8F BF BF under `COLLATE "C"`).
    var textCeiling: String { "chr(1114111)" }
    var likeASCIICase: String { "ILIKE" }
    /// The name search's table (`PostgresNameSearch.searchSQL`).
    func nameWords(_ words: [String]) -> (sql: String, order: String?, argument: String)? {
        guard !words.isEmpty else { return nil }
        return (PostgresNameSearch.searchSQL, "id", words.map { "\($0):*" }.joined(separator: " & "))
    }
    func firstWord(_ expression: String) -> String { "split_part(\(expression), ' ', 1)" }
}
