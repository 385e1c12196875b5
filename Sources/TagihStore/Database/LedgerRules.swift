import Crypto
import Foundation
import GRDB
import TagihCore

/// One set of the ledger's rules as stored: the TOML text (the config
/// file's layout, `RulesText` in TagihConfig writes and reads it), who
/// recorded it and when.
public struct StoredRules: Sendable, Equatable {
    public var id: Int64
    public var toml: String
    public var loadedAt: String?
    public var loadedBy: String?
    public var businessDay: String?

    /// The SHA-256 of the text, as the audit trail names it.
    public var hash: String { LedgerRules.hash(toml) }
}

/// The ledger's rules (CONTRACT §1a, R7): the settings that bind everyone,
/// kept in the ledger so that no config file can change them for one
/// person. Append-only: each load adds a row and the newest row is the
/// rules in force; older rows are the history. The store keeps the text;
/// the command line parses it (TagihStore does not read TOML).
public struct LedgerRules: Sendable {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    public static func hash(_ text: String) -> String { SHA256.hash(data: Data(text.utf8)).hex }

    /// The rules in force; nil on a ledger that has none yet (before `init`
    /// recorded them, or before the schema had them).
    public func newest() throws -> StoredRules? {
        try database.read { db in try Self.newest(db) }
    }

    /// The id of the rules in force: cheap, for a workstation to notice a change.
    public func newestID() throws -> Int64? {
        try database.read { db in
            try db.tableExists("rules") ? db.int("SELECT max(id) FROM rules") : nil
        }
    }

    static func newest(_ db: Database) throws -> StoredRules? { try newest(SQLiteSQL(db)) }

    static func newest(_ db: any LedgerSQL) throws -> StoredRules? {
        guard try db.tableExists("rules") else { return nil }
        return try db.row("SELECT id, toml, loaded_at, loaded_by, business_day FROM rules ORDER BY id DESC LIMIT 1").map { r in
            StoredRules(id: r.int("id") ?? 0, toml: r.string("toml"), loadedAt: r.text("loaded_at"), loadedBy: r.text("loaded_by"),
                        businessDay: r.text("business_day"))
        }
    }

    /// The rules in force in the ledger file at `path`, read before the
    /// command opens it for work (the settings every command uses come from
    /// them). Nil when the file does not exist or its schema predates the
    /// rules (only `init` works on such a file, and it records them). Any
    /// other failure is an error, never a silent fall back to the config.
    public static func newest(atPath path: String, settings: Settings) throws -> StoredRules? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        // Read like any reading command: never waiting for a writer, and on a read-only file too.
        let database = try AppDatabase.open(path: path, settings: settings, cacheMebibytes: 2, access: .read)
        defer { try? database.close() }
        do {
            return try database.writer.read { db in try newest(db) }
        } catch let e as DatabaseError {
            throw StoreError(StoreError.failure(e, path: path))
        }
    }

    /// Records the rules a new or upgraded ledger starts with (`tagih init`),
    /// when it has none: needs no role, like the first admin. Returns the
    /// stored rules, or nil when the ledger already had rules (they stay).
    @discardableResult
    public func recordInitial(_ toml: String, source: String, session: Session) throws -> StoredRules? {
        try database.write { db in
            guard try Self.newest(db) == nil else { return nil }
            return try Self.insert(db, toml, action: "rules.init", source: source, session: session)
        }
    }

    /// Replaces the whole set of rules (`tagih rules load`): admins only
    /// (CONTRACT §1a), audited with the hash of the new text. The caller has
    /// checked the text (it is what `RulesText` wrote from parsed rules).
    /// Returns nil when the text is the rules already in force (nothing recorded).
    public func load(_ toml: String, source: String, session: Session) throws -> StoredRules? {
        try StoreError.require(.manageRules, session)
        return try database.write { db in
            guard try db.tableExists("rules") else { throw StoreError("\(database.path) has no rules table; run `tagih init` to upgrade it") }
            if let current = try Self.newest(db), current.toml == toml { return nil }
            return try Self.insert(db, toml, action: "rules.load", source: source, session: session)
        }
    }

    private static func insert(_ db: any LedgerSQL, _ toml: String, action: String, source: String, session: Session) throws -> StoredRules {
        let at = AuditTrail.timestamp(session.recordedAt)
        // The id taken here (not the engine's rowid): the same number on both backends.
        let id = try db.nextID(in: "rules")
        _ = try db.execute("INSERT INTO rules(id, toml, loaded_at, loaded_by, business_day) VALUES (?, ?, ?, ?, ?)",
                           id, toml, at, session.user.login, session.today.iso)
        let h = hash(toml)
        try AuditTrail.append(db, session: session, action: action, subject: "rules \(id)", detail: "sha256=\(h) from=\(source)")
        return StoredRules(id: id, toml: toml, loadedAt: at, loadedBy: session.user.login, businessDay: session.today.iso)
    }
}

extension Schema {
    /// The ledger's rules (CONTRACT §1a, R7), as TOML text in the config's
    /// layout so that later rules need no new column; the newest row is in
    /// force. Append-only like the audit trail. The migration cannot see the
    /// config file: `tagih init` records the first row right after it.
    static let v8 = """
    CREATE TABLE rules (
        id           INTEGER PRIMARY KEY,
        toml         TEXT NOT NULL,
        loaded_at    TEXT,
        loaded_by    TEXT,
        business_day TEXT
    );
    CREATE TRIGGER rules_no_delete BEFORE DELETE ON rules
    BEGIN SELECT RAISE(ABORT, 'the rules are append-only: load new rules instead'); END;
    CREATE TRIGGER rules_no_update BEFORE UPDATE ON rules
    BEGIN SELECT RAISE(ABORT, 'the rules are append-only: load new rules instead'); END;
    """
}
