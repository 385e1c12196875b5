extension LedgerSQL {
    /// The id a new row of `table` takes: the next after the highest, read
    /// inside the caller's write (R21: ids gap-free, a refused or retried
    /// write takes none; SQLite and PostgreSQL give the same number).
    func nextID(in table: String) throws -> Int64 {
        (try int("SELECT max(id) FROM \(table)") ?? 0) + 1
    }
}
