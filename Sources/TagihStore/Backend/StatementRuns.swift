/// Running a prepared statement (`LedgerSQL.prepare`) the same way on both
/// backends: SQLite's `run(with:)` only binds and its first `step` runs the
/// statement, PostgreSQL's runs it at once; stepping covers both.
extension SQLStatement {
    /// Runs with `arguments`: whether it gave a row (a look-up found one, an
    /// `INSERT … ON CONFLICT DO NOTHING RETURNING` inserted), then readable.
    func first(_ arguments: SQLValue...) throws -> Bool {
        try run(with: arguments)
        return try step()
    }

    /// Runs a write `… RETURNING id` to its end: the row's id, or nil when
    /// it wrote none (an insert `ON CONFLICT DO NOTHING`, an update whose
    /// `WHERE` refused). Stepped past its
    /// row, so SQLite holds no write statement open (a savepoint could not
    /// be released or rolled back while one is).
    func inserted(_ arguments: SQLValue...) throws -> Int64? { try inserted(arguments) }

    func inserted(_ arguments: [SQLValue]) throws -> Int64? {
        try run(with: arguments)
        guard try step() else { return nil }
        let id = int(0)
        while try step() {}
        return id
    }

    /// Runs a statement that gives no rows, to its end.
    func perform(_ arguments: SQLValue...) throws {
        try run(with: arguments)
        while try step() {}
    }
}

extension SQLValue {
    /// NULL for nil.
    static func opt(_ text: String?) -> SQLValue { text.map { .text($0) } ?? .null }
    static func opt(_ number: Int64?) -> SQLValue { number.map { .int($0) } ?? .null }
}
