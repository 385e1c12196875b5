import TagihStore

/// PostgreSQL's dialect for the store's shared SQL (the SQLite one is
/// `SQLiteDialect` in TagihStore): what the store asks for by name.
struct PostgresDialect: SQLDialect {
    /// No planner hints: PostgreSQL chooses the index itself.
    func indexedBy(_ index: String) -> String { "" }
    func jsonTexts(_ parameter: String) -> String { "SELECT json_array_elements_text(CAST(\(parameter) AS json))" }

    /// The store's SQL with SQLite's placeholders (`?`, `?NNN`) as
    /// PostgreSQL's (`$n`), numbered as SQLite numbers them: `?NNN` is
    /// parameter NNN, a bare `?` the one after the largest so far. Quoted
    /// strings, quoted names and comments are left as they are.
    static func placeholders(_ sql: String) -> String {
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
                out += "$\(n)"
                i = j
                continue
            }
            out.append(c)
            i += 1
        }
        chars.removeAll()
        return out
    }
}
