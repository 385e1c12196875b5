import GRDB

extension Schema {
    /// The payment channels of `tagih serve` (CONTRACT §11, R17, R23): one
    /// row per channel, its name the `channel` its payments post under, the
    /// secret as 64 hex digits. A rotation keeps the old secret as
    /// `previous_secret` until `grace_until` (Unix seconds, the real clock;
    /// NULL: the old one is refused at once). The secret is symmetric (HMAC),
    /// so it is stored as it is: the ledger's folder is closed to everyone but
    /// Tagih (CONTRACT §1a), and the table is sealed like the others.
    static let v14 = """
    CREATE TABLE channels (
        id              INTEGER PRIMARY KEY,
        name            TEXT NOT NULL UNIQUE,
        secret          TEXT NOT NULL,
        previous_secret TEXT,
        grace_until     INTEGER,
        created_at      TEXT NOT NULL,
        created_by      TEXT NOT NULL,
        rotated_at      TEXT,
        rotated_by      TEXT
    );
    """
}
