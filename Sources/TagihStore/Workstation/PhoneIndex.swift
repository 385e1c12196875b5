import GRDB
import TagihCore

/// Keeps `account_phones` in step with `accounts.phone`: import calls
/// `add` for every account it inserts and `set` for one whose phone it
/// changes, then `flush` at the end of the file.
struct PhoneIndex {
    private let delete: any SQLStatement
    private let insert: any SQLStatement
    /// Keys of new accounts, written in key order by `flush`: a million
    /// inserts at random places in the table cost several times more.
    private var pending: [(key: String, account: Int64)] = []
    /// On a server (`SQLDialect.writeChunk` > 1) `flush` writes many keys a
    /// statement, with no `ON CONFLICT`: the keys are of accounts new to the
    /// ledger, so only a key twice in `pending` could collide, and `flush`
    /// writes each once (a conflict check a row was a seventh of the keys'
    /// insert, measured on PostgreSQL).
    private let batch: RowBatch?

    init(_ db: Database) throws { try self.init(SQLiteSQL(db)) }

    init(_ db: any LedgerSQL) throws {
        delete = try db.prepare("DELETE FROM account_phones WHERE phone_key = ? AND account_id = ?")
        insert = try db.prepare("INSERT INTO account_phones(phone_key, account_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
        batch = db.dialect.writeChunk > 1
            ? try RowBatch(db, types: [.text, .integer], [("INSERT INTO account_phones(phone_key, account_id) ", "")]) : nil
    }

    /// Replaces the keys of the account's old phone field with those of the
    /// new one. Deleting by the old field's keys uses the primary key, so the
    /// table needs no second index.
    mutating func set(account: Int64, phone: String?, replacing old: String? = nil) throws {
        // A key still waiting for `flush` could be the old one to delete.
        if old != nil { try flush() }
        for key in PhoneKey.keys(old ?? "") { try delete.perform(.text(key), .int(account)) }
        for key in PhoneKey.keys(phone ?? "") { try insert.perform(.text(key), .int(account)) }
    }

    /// Notes the keys of a new account's phone field, for `flush`.
    mutating func add(account: Int64, phone: String?) {
        for key in PhoneKey.keys(phone ?? "") { pending.append((key, account)) }
    }

    /// Writes the keys noted by `add`, sorted.
    mutating func flush() throws {
        pending.sort { $0.key != $1.key ? $0.key < $1.key : $0.account < $1.account }
        if let batch {
            for (i, p) in pending.enumerated() where i == 0 || pending[i - 1] != p {
                batch.add(.text(p.key), .int(p.account))
                if batch.isFull { try batch.flush() }
            }
            try batch.flush()
        } else {
            for p in pending { try insert.perform(.text(p.key), .int(p.account)) }
        }
        pending.removeAll()
    }

    /// Fills the table from every account (the migration that adds it).
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM account_phones")
        var index = try PhoneIndex(db)
        let rows = try Prepared(db, "SELECT id, phone FROM accounts WHERE phone IS NOT NULL")
        while try rows.step() { index.add(account: rows.int(0), phone: rows.text(1)) }
        try index.flush()
    }
}

/// Keeps the name search in step with `accounts.name` for one import: on
/// SQLite (`accounts_fts`, external content) new accounts go in with one
/// statement at the end of the file, renamed ones are re-indexed one by one;
/// on PostgreSQL the search is an expression index the server keeps, so the
/// dialect does nothing (`SQLDialect.indexNames`).
struct NameIndex {
    /// Accounts with this id or more were added by the file.
    let firstNewID: Int64
    /// Accounts that existed before the file and were renamed, with the name the index holds.
    private(set) var renamed: [Int64: String] = [:]

    init(_ db: Database) throws { try self.init(SQLiteSQL(db)) }

    init(_ db: any LedgerSQL) throws {
        firstNewID = try db.int("SELECT coalesce(max(id), 0) + 1 FROM accounts") ?? 1
    }

    mutating func rename(account: Int64, from old: String) {
        guard account < firstNewID, renamed[account] == nil else { return }
        renamed[account] = old
    }

    func finish(_ db: Database) throws { try finish(SQLiteSQL(db)) }

    func finish(_ db: any LedgerSQL) throws {
        try db.dialect.indexNames(newFrom: firstNewID, renamed: renamed.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, in: db)
    }
}
