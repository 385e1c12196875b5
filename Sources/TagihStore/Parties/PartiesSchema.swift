import GRDB

extension Schema {
    /// Contact parties (CONTRACT §9). `phones` holds the numbers a person
    /// added (any party) and the import's debtor numbers once something had
    /// to be said about them (a mark, a consent); a debtor number known only
    /// from `accounts.phone` needs no row (see `PhoneBook`), so an accounts
    /// file of a million rows writes nothing more than before. `phone_marks`
    /// is each number's dated status history, append-only: what holds on a
    /// day is derived from it. `contacts.phone_number` is the number a
    /// contact used, as the phone list shows it (NULL: none, or a contact
    /// logged before this version).
    static let v12 = """
    CREATE TABLE phones (
        id         INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        number     TEXT NOT NULL,
        -- The number's national digits (PhoneKey), one per account.
        phone_key  TEXT NOT NULL,
        party      TEXT NOT NULL CHECK (party = 'debtor' OR party = 'emergency' OR party = 'workplace' OR party = 'other'),
        consent    TEXT,
        added_day  INTEGER NOT NULL,
        added_by   TEXT NOT NULL,
        UNIQUE (account_id, phone_key)
    );
    -- `phone mark NUMBER` finds every account holding the number.
    CREATE INDEX phones_key ON phones(phone_key);
    CREATE TRIGGER phones_no_delete BEFORE DELETE ON phones
    BEGIN SELECT RAISE(ABORT, 'phones are kept: mark a number instead of removing it'); END;
    CREATE TRIGGER phones_no_update BEFORE UPDATE OF id, account_id, number, phone_key, party, added_day, added_by ON phones
    BEGIN SELECT RAISE(ABORT, 'a phone keeps its number and party: add the number again under another account or party'); END;

    CREATE TABLE phone_marks (
        id       INTEGER PRIMARY KEY,
        phone_id INTEGER NOT NULL REFERENCES phones(id),
        day      INTEGER NOT NULL,
        status   TEXT NOT NULL CHECK (status = 'ok' OR status = 'wrong' OR status = 'disconnected' OR status = 'do-not-call'),
        by_user  TEXT NOT NULL,
        -- The real clock time of the mark (UTC, ISO 8601).
        at       TEXT NOT NULL
    );
    CREATE INDEX phone_marks_phone ON phone_marks(phone_id, id);
    CREATE TRIGGER phone_marks_no_delete BEFORE DELETE ON phone_marks
    BEGIN SELECT RAISE(ABORT, 'phone marks are append-only: mark the number again'); END;
    CREATE TRIGGER phone_marks_no_update BEFORE UPDATE ON phone_marks
    BEGIN SELECT RAISE(ABORT, 'phone marks are append-only: mark the number again'); END;

    ALTER TABLE contacts ADD COLUMN phone_number TEXT;
    """
}
