import GRDB

extension Schema {
    /// Reminders and warning letters (CONTRACT §10).
    /// - `accounts.language` (`id`/`en`; NULL: the rules' default language,
    ///   so a change of the default reaches every account that named none)
    ///   and `accounts.va_number`: added to a sealed table, hashed only when
    ///   set (`SealedTable.addedLater`).
    /// - `messages`: one row per message sent, beside the `SENT` contact
    ///   that made it count for the limits; the gateway files and the
    ///   letters are written from these rows, so a rerun heals a crash
    ///   between the commit and the files. Kept: no delete, no edit of what
    ///   was sent.
    /// - `message_stages`: the (stage, charge) pairs a message covers,
    ///   unique, so a stage goes once per charge whatever the runs (R13).
    /// - `message_results`: a gateway's delivery results, append-only; a
    ///   message's status is its latest.
    /// - `stage_pauses`: dated pause and resume records of a stage (R15);
    ///   the state on a day is derived from them.
    static let v13 = """
    ALTER TABLE accounts ADD COLUMN language TEXT CHECK (language IS NULL OR language = 'id' OR language = 'en');
    ALTER TABLE accounts ADD COLUMN va_number TEXT;

    CREATE TABLE messages (
        id         INTEGER PRIMARY KEY,
        contact_id INTEGER NOT NULL UNIQUE REFERENCES contacts(id),
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        day        INTEGER NOT NULL,
        stage      TEXT NOT NULL,
        channel    TEXT NOT NULL CHECK (channel = 'sms' OR channel = 'whatsapp' OR channel = 'email' OR channel = 'letter'),
        recipient  TEXT NOT NULL,
        language   TEXT NOT NULL,
        text       TEXT NOT NULL
    );
    CREATE INDEX messages_channel_day ON messages(channel, day, id);
    CREATE INDEX messages_account ON messages(account_id, id);
    CREATE TRIGGER messages_no_delete BEFORE DELETE ON messages
    BEGIN SELECT RAISE(ABORT, 'messages are kept: they were sent'); END;
    CREATE TRIGGER messages_no_update BEFORE UPDATE ON messages
    BEGIN SELECT RAISE(ABORT, 'messages are kept as they were sent'); END;

    CREATE TABLE message_stages (
        stage      TEXT NOT NULL,
        charge_id  INTEGER NOT NULL REFERENCES charges(id),
        message_id INTEGER NOT NULL REFERENCES messages(id),
        PRIMARY KEY (stage, charge_id)
    ) WITHOUT ROWID;
    CREATE INDEX message_stages_charge ON message_stages(charge_id);
    CREATE TRIGGER message_stages_no_delete BEFORE DELETE ON message_stages
    BEGIN SELECT RAISE(ABORT, 'a stage sent stays sent'); END;
    CREATE TRIGGER message_stages_no_update BEFORE UPDATE ON message_stages
    BEGIN SELECT RAISE(ABORT, 'a stage sent stays sent'); END;

    CREATE TABLE message_results (
        id         INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id),
        status     TEXT NOT NULL CHECK (status = 'delivered' OR status = 'read' OR status = 'failed'),
        at         TEXT NOT NULL,
        UNIQUE (message_id, status, at)
    );
    CREATE TRIGGER message_results_no_delete BEFORE DELETE ON message_results
    BEGIN SELECT RAISE(ABORT, 'delivery results are append-only'); END;
    CREATE TRIGGER message_results_no_update BEFORE UPDATE ON message_results
    BEGIN SELECT RAISE(ABORT, 'delivery results are append-only'); END;

    CREATE TABLE stage_pauses (
        id      INTEGER PRIMARY KEY,
        stage   TEXT NOT NULL,
        day     INTEGER NOT NULL,
        paused  INTEGER NOT NULL CHECK (paused = 0 OR paused = 1),
        by_user TEXT NOT NULL,
        reason  TEXT
    );
    CREATE TRIGGER stage_pauses_no_delete BEFORE DELETE ON stage_pauses
    BEGIN SELECT RAISE(ABORT, 'pauses are dated records: resume the stage instead'); END;
    CREATE TRIGGER stage_pauses_no_update BEFORE UPDATE ON stage_pauses
    BEGIN SELECT RAISE(ABORT, 'pauses are dated records: resume the stage instead'); END;
    """
}
