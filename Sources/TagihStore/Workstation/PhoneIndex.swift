import GRDB
import TagihCore

/// Keeps `account_phones` in step with `accounts.phone`: import calls
/// `set` for every account it inserts or changes.
struct PhoneIndex {
    private let delete: Prepared
    private let insert: Prepared

    init(_ db: Database) throws {
        delete = try Prepared(db, "DELETE FROM account_phones WHERE account_id = ?")
        insert = try Prepared(db, "INSERT OR IGNORE INTO account_phones(phone_key, account_id) VALUES (?, ?)")
    }

    /// Replaces the account's phone keys with those of `phone`.
    func set(account: Int64, phone: String?, isNew: Bool) throws {
        if !isNew { try delete.bind(.int(account)).run() }
        guard let phone else { return }
        for key in PhoneKey.keys(phone) { try insert.bind(.text(key), .int(account)).run() }
    }

    /// Fills the table from every account (the migration that adds it).
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM account_phones")
        let index = try PhoneIndex(db)
        let rows = try Prepared(db, "SELECT id, phone FROM accounts WHERE phone IS NOT NULL")
        while try rows.step() { try index.set(account: rows.int(0), phone: rows.text(1), isNew: true) }
    }
}
