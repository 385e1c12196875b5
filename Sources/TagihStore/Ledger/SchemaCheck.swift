import GRDB

/// `tagih check`'s look at the schema itself: the ledger's tables (with
/// their columns), indexes, views and triggers must be exactly those the
/// migrations make. A dropped trigger or index, an edited column or an extra
/// object is a finding, before an import trips over it.
enum SchemaCheck {
    struct Object: Hashable {
        var type: String
        var name: String
        var sql: String
    }

    /// The schema objects of `db`, their SQL with runs of white space made one
    /// space (SQLite keeps the text as written; ALTER TABLE edits it in place).
    static func objects(_ db: Database) throws -> [String: Object] {
        var out: [String: Object] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'") {
            let sql = (row["sql"] as String? ?? "").split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
            let o = Object(type: row["type"], name: row["name"], sql: sql)
            out[o.name] = o
        }
        return out
    }

    /// What the current migrations make, on a private in-memory database.
    static let expected: Result<[String: Object], Error> = Result {
        let q = try DatabaseQueue()
        try Schema.migrator.migrate(q)
        return try q.read { try objects($0) }
    }

    /// One line per difference (the first 20).
    static func problems(_ db: Database) throws -> [String] {
        let want = try expected.get()
        let have = try objects(db)
        var problems: [String] = []
        for name in want.keys.sorted() {
            let w = want[name]!
            guard let h = have[name] else { problems.append("\(w.type) \(name) is missing"); continue }
            if h.type != w.type {
                problems.append("\(name) is a \(h.type), not the schema's \(w.type)")
            } else if h.sql != w.sql {
                problems.append("\(w.type) \(name) differs from the schema (\(w.type == "table" ? "its columns or constraints were" : "its definition was") changed)")
            }
        }
        for name in have.keys.sorted() where want[name] == nil {
            problems.append("\(have[name]!.type) \(name) is not part of the schema")
        }
        return Array(problems.prefix(20))
    }
}
