import GRDB

/// The schema, as GRDB migrations. A migration that has shipped is never
/// edited: changes come as new migrations, so `tagih init` can upgrade any
/// older file in place.
///
/// Conventions: money is INTEGER minor units; days are INTEGER day ordinals
/// (days since 1970-01-01, see `Day`), which sort, index and subtract as
/// integers. Ledger tables (`charges`, `credits`, `reversals`) are
/// append-only: triggers refuse DELETE and any UPDATE except of the cache
/// column `open_amount`, which `tagih check` recomputes and proves.
enum Schema {
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-ledger") { db in
            try db.execute(sql: v1)
        }
        m.registerMigration("v2-workstation") { db in
            try db.execute(sql: v2)
            try PhoneIndex.rebuild(db)
        }
        m.registerMigration("v3-contacts") { db in
            try db.execute(sql: v3)
        }
        m.registerMigration("v4-plans") { db in
            try db.execute(sql: v4)
        }
        m.registerMigration("v5-nightly") { db in
            try db.execute(sql: v5)
        }
        m.registerMigration("v6-nightly-files") { db in
            // What each file of a run did (its summary, where its rejects went), for the Reports screen.
            try db.execute(sql: "ALTER TABLE nightly_runs ADD COLUMN files_detail TEXT NOT NULL DEFAULT ''")
        }
        m.registerMigration("v7-derived-plans") { db in
            try db.execute(sql: v7)
        }
        m.registerMigration("v8-rules") { db in
            try db.execute(sql: v8)
        }
        // (Keep this one last: migrations registered after v7 by other work come before it.)
        m.registerMigration("v9-roles") { db in
            try db.execute(sql: v9)
        }
        // Seals over the tables people change (see TableSeals). A later
        // migration that rebuilds a sealed table must create its triggers again.
        m.registerMigration("v10-seals") { db in
            try TableSeals.install(db)
        }
        // Holds and cases (CONTRACT §9), sealed like the other tables people change.
        m.registerMigration("v11-holds-cases") { db in
            try db.execute(sql: v11)
            for table in [SealedTable.holds, .cases, .caseEvents] { try db.execute(sql: table.triggersSQL) }
        }
        // Contact parties (CONTRACT §9): an account's phones, their dated
        // marks, and the number each contact used.
        m.registerMigration("v12-parties") { db in
            try db.execute(sql: v12)
            try TableSeals.installParties(db)
        }
        // Reminders and warning letters (CONTRACT §10): the debtor's language
        // and virtual account, the messages sent and the stages they cover.
        m.registerMigration("v13-reminders") { db in
            try db.execute(sql: v13)
            try TableSeals.installReminders(db)
        }
        // Each case's opening, extension and settlement days, derived from
        // the history and kept by triggers, for the queue (see CaseDays).
        m.registerMigration("v14-case-days") { db in
            try db.execute(sql: v14CaseDays)
            try db.execute(sql: "INSERT INTO case_days(case_id, account_id, opened, extended_on, settled_on, collector) \(caseDaysDerived)")
        }
        // The payment channels of `tagih serve` and their secrets (CONTRACT §11, R23), sealed.
        m.registerMigration("v15-channels") { db in
            try db.execute(sql: v15Channels)
            try db.execute(sql: SealedTable.channels.triggersSQL)
        }
        // The last contact's day is no longer cached on the account: only the
        // queue lines on screen show it, read from the contacts' index, and
        // keeping it made a reminder run rewrite every account it wrote to.
        m.registerMigration("v16-no-last-contact-cache") { db in
            try db.execute(sql: "ALTER TABLE accounts DROP COLUMN last_contact_day")
        }
        return m
    }

    /// The role `batch` (the login cron runs the nightly batch as). SQLite
    /// cannot change a CHECK, so `users` is rebuilt: new table, copy, drop,
    /// rename. GRDB runs a migration with foreign keys off and checks them
    /// when it ends, so the rows of contacts, plans and accounts that name a
    /// login keep pointing at the same logins in the rebuilt table.
    static let v9 = """
    CREATE TABLE users_v9 (
        login             TEXT PRIMARY KEY,
        name              TEXT NOT NULL,
        role              TEXT NOT NULL CHECK (role = 'collector' OR role = 'lead' OR role = 'admin' OR role = 'batch'),
        discount_limit_bp INTEGER CHECK (discount_limit_bp BETWEEN 0 AND 10000),
        team              TEXT,
        active            INTEGER NOT NULL DEFAULT 1
    );
    INSERT INTO users_v9(login, name, role, discount_limit_bp, team, active)
        SELECT login, name, role, discount_limit_bp, team, active FROM users;
    DROP TABLE users;
    ALTER TABLE users_v9 RENAME TO users;
    """

    static let v1 = """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE users (
        login             TEXT PRIMARY KEY,
        name              TEXT NOT NULL,
        role              TEXT NOT NULL CHECK (role IN ('collector', 'lead', 'admin')),
        discount_limit_bp INTEGER CHECK (discount_limit_bp BETWEEN 0 AND 10000),
        team              TEXT,
        active            INTEGER NOT NULL DEFAULT 1
    );

    CREATE TABLE import_batches (
        id           INTEGER PRIMARY KEY,
        kind         TEXT NOT NULL,
        file_name    TEXT NOT NULL,
        file_hash    TEXT NOT NULL,
        rows_read    INTEGER NOT NULL,
        posted       INTEGER NOT NULL,
        duplicates   INTEGER NOT NULL,
        rejected     INTEGER NOT NULL,
        entries_hash TEXT NOT NULL,
        imported_by  TEXT NOT NULL,
        imported_at  TEXT NOT NULL,
        business_day INTEGER NOT NULL,
        UNIQUE (kind, file_hash)
    );

    CREATE TABLE accounts (
        id         INTEGER PRIMARY KEY,
        account_no TEXT NOT NULL UNIQUE,
        name       TEXT NOT NULL,
        phone      TEXT,
        email      TEXT,
        address    TEXT,
        timezone   TEXT NOT NULL,
        segment    TEXT,
        collector  TEXT REFERENCES users(login),
        -- Cache of the position after every posted entry (see LedgerCache).
        open_total   INTEGER NOT NULL DEFAULT 0,
        unapplied    INTEGER NOT NULL DEFAULT 0,
        oldest_due   INTEGER,
        -- Number of credits (payments, credit notes, write-offs) on the account.
        -- While it is 0 a new charge simply adds to the totals (see LedgerCache).
        credit_count INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX accounts_collector ON accounts(collector);
    CREATE INDEX accounts_segment ON accounts(segment);
    -- Accounts in the aging report, in id order with what the report reads:
    -- today's aging merges it with charges_open without touching either table.
    CREATE INDEX accounts_active ON accounts(id, collector, segment, unapplied) WHERE open_total > 0 OR unapplied > 0;

    CREATE TABLE charges (
        id          INTEGER PRIMARY KEY,
        account_id  INTEGER NOT NULL REFERENCES accounts(id),
        source      TEXT NOT NULL CHECK (source IN ('invoice', 'debit')),
        ref         TEXT NOT NULL,
        issue_date  INTEGER NOT NULL,
        due_date    INTEGER NOT NULL,
        amount      INTEGER NOT NULL CHECK (amount > 0),
        description TEXT,
        batch_id    INTEGER NOT NULL REFERENCES import_batches(id),
        open_amount INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX charges_ref ON charges(source, ref);
    CREATE INDEX charges_account ON charges(account_id);
    -- Today's aging reads only open charges: a small index-only scan.
    CREATE INDEX charges_open ON charges(account_id, due_date, open_amount) WHERE open_amount > 0;

    -- (The CHECK spells out its ORs: SQLite compiles an IN list of three or
    -- more into an ephemeral table built on every insert.)
    CREATE TABLE credits (
        id         INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        source     TEXT NOT NULL CHECK (source = 'payment' OR source = 'credit' OR source = 'writeoff'),
        channel    TEXT NOT NULL DEFAULT '',
        ref        TEXT NOT NULL,
        date       INTEGER NOT NULL,
        amount     INTEGER NOT NULL CHECK (amount > 0),
        charge_id  INTEGER REFERENCES charges(id),
        note       TEXT,
        batch_id   INTEGER NOT NULL REFERENCES import_batches(id)
    );
    CREATE UNIQUE INDEX credits_ref ON credits(source, channel, ref);
    CREATE INDEX credits_account ON credits(account_id);

    CREATE TABLE reversals (
        id         INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        ref        TEXT NOT NULL UNIQUE,
        date       INTEGER NOT NULL,
        credit_id  INTEGER NOT NULL UNIQUE REFERENCES credits(id),
        reason     TEXT,
        batch_id   INTEGER NOT NULL REFERENCES import_batches(id)
    );
    CREATE INDEX reversals_account ON reversals(account_id);

    -- Every change a person makes, each row chained to the one before by hash.
    CREATE TABLE audit (
        id           INTEGER PRIMARY KEY,
        at           TEXT NOT NULL,
        business_day TEXT NOT NULL,
        actor        TEXT NOT NULL,
        real_user    TEXT NOT NULL,
        action       TEXT NOT NULL,
        subject      TEXT NOT NULL,
        detail       TEXT NOT NULL,
        prev_hash    TEXT NOT NULL,
        hash         TEXT NOT NULL
    );

    CREATE TRIGGER charges_no_delete BEFORE DELETE ON charges
    BEGIN SELECT RAISE(ABORT, 'charges are append-only: post a correcting entry instead'); END;
    CREATE TRIGGER charges_no_update
    BEFORE UPDATE OF id, account_id, source, ref, issue_date, due_date, amount, description, batch_id ON charges
    BEGIN SELECT RAISE(ABORT, 'charges are append-only: post a correcting entry instead'); END;

    CREATE TRIGGER credits_no_delete BEFORE DELETE ON credits
    BEGIN SELECT RAISE(ABORT, 'credits are append-only: post a reversal instead'); END;
    CREATE TRIGGER credits_no_update BEFORE UPDATE ON credits
    BEGIN SELECT RAISE(ABORT, 'credits are append-only: post a reversal instead'); END;

    CREATE TRIGGER reversals_no_delete BEFORE DELETE ON reversals
    BEGIN SELECT RAISE(ABORT, 'reversals are append-only'); END;
    CREATE TRIGGER reversals_no_update BEFORE UPDATE ON reversals
    BEGIN SELECT RAISE(ABORT, 'reversals are append-only'); END;

    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
    """
}

extension Schema {
    /// What the workstation needs on top of the ledger: the queue's covering
    /// index, name search (FTS5 over `accounts.name`, kept in step by
    /// triggers), phone search (normalised keys, kept by import) and leases.
    static let v2 = """
    -- The queue: accounts with something open, by collector and oldest due
    -- date, carrying every number the queue sorts and filters by.
    CREATE INDEX accounts_queue ON accounts(collector, oldest_due, open_total, unapplied, segment) WHERE open_total > 0;

    -- Name search, any word, case- and accent-insensitive, by prefix as one
    -- types. Kept by import in one statement per file (NameIndex), not by a
    -- trigger: FTS5 flushes its pending terms at every statement savepoint,
    -- so a row trigger made importing a million accounts five times slower.
    CREATE VIRTUAL TABLE accounts_fts USING fts5(
        name, content = 'accounts', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3', detail = none
    );
    INSERT INTO accounts_fts(accounts_fts) VALUES ('rebuild');

    -- Phone search: every number of an account's phone field as its national
    -- digits (see PhoneKey), so 0812…, +62812… and 62812… all find it.
    CREATE TABLE account_phones (
        phone_key  TEXT NOT NULL,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        PRIMARY KEY (phone_key, account_id)
    ) WITHOUT ROWID;

    -- Who is working an account now. A lease expires by itself (expires_at,
    -- unix seconds), so a dropped session never locks an account for good.
    CREATE TABLE leases (
        account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
        login      TEXT NOT NULL,
        expires_at INTEGER NOT NULL
    );
    """
}

extension Schema {
    /// The contact log (CONTRACT §6): append-only like the ledger; each row
    /// keeps the outcome's flags as they were when it was logged, so the
    /// reports of a past month do not change when the outcome table does.
    static let v3 = """
    CREATE TABLE contacts (
        id              INTEGER PRIMARY KEY,
        account_id      INTEGER NOT NULL REFERENCES accounts(id),
        -- The Tagih user it was logged as, and the person at the terminal (they differ under --as).
        made_by         TEXT NOT NULL REFERENCES users(login),
        real_user       TEXT NOT NULL,
        -- The instant (unix seconds); the contact's day in the operator's local
        -- time (promises and reports); the debtor's local day and time (policy).
        at              INTEGER NOT NULL,
        day             INTEGER NOT NULL,
        debtor_day      INTEGER NOT NULL,
        debtor_time     TEXT NOT NULL,
        channel         TEXT NOT NULL CHECK (channel = 'phone' OR channel = 'sms' OR channel = 'whatsapp'
                                             OR channel = 'email' OR channel = 'letter' OR channel = 'visit'),
        outcome         TEXT NOT NULL,
        attempt         INTEGER NOT NULL,
        contact         INTEGER NOT NULL,
        right_party     INTEGER NOT NULL,
        promise         INTEGER NOT NULL,
        reason          TEXT CHECK (reason = 'financial' OR reason = 'admin' OR reason = 'dispute' OR reason = 'other'),
        note            TEXT,
        promise_amount  INTEGER CHECK (promise_amount > 0),
        promise_due     INTEGER,
        next_action     INTEGER,
        -- When the next action (a call back) was set for a time of day: that instant.
        next_action_at  INTEGER,
        -- Set when a lead or admin logged a contact the policy blocked: why.
        override_reason TEXT,
        CHECK ((promise_amount IS NULL) = (promise_due IS NULL))
    );
    -- Covering the queue's cache (last contact, next action) so refreshing it
    -- and proving it in check read only the index.
    CREATE INDEX contacts_account ON contacts(account_id, at, day, next_action, next_action_at);
    -- Covering: report activity counts a month by reading only this index.
    CREATE INDEX contacts_day ON contacts(day, made_by, attempt, contact, right_party, promise_amount);
    CREATE INDEX contacts_promises ON contacts(day, account_id) WHERE promise_amount IS NOT NULL;
    -- The queue reads the last days' attempts and the promises falling due around today.
    -- Both covering, so opening a queue reads them in order, never the table.
    CREATE INDEX contacts_at ON contacts(at, account_id, channel, contact) WHERE attempt = 1;
    CREATE INDEX contacts_promise_due ON contacts(promise_due, account_id, day, made_by, promise_amount) WHERE promise_amount IS NOT NULL;
    CREATE TRIGGER contacts_no_delete BEFORE DELETE ON contacts
    BEGIN SELECT RAISE(ABORT, 'contacts are append-only: log a new contact instead'); END;
    CREATE TRIGGER contacts_no_update BEFORE UPDATE ON contacts
    BEGIN SELECT RAISE(ABORT, 'contacts are append-only: log a new contact instead'); END;

    -- Payments by date, for what collectors collected in a period.
    CREATE INDEX credits_payment_date ON credits(date, account_id, amount) WHERE source = 'payment';

    -- Cache for the queue, kept by ContactLog and proved by check: the day of
    -- the last contact and the next action day of the latest contact that set one.
    ALTER TABLE accounts ADD COLUMN last_contact_day INTEGER;
    ALTER TABLE accounts ADD COLUMN next_action_day INTEGER;
    ALTER TABLE accounts ADD COLUMN next_action_at INTEGER;
    -- The queue's covering index now carries the debtor's zone (contact
    -- hours) and the next action too.
    DROP INDEX accounts_queue;
    CREATE INDEX accounts_queue ON accounts(collector, oldest_due, open_total, unapplied, segment, timezone, next_action_day, next_action_at)
        WHERE open_total > 0;
    """
}

extension Schema {
    /// Payment plans (CONTRACT §8): the agreed terms and schedule, a status
    /// that decisions and settlement move on, and the history of those moves.
    static let v4 = """
    CREATE TABLE plans (
        id            INTEGER PRIMARY KEY,
        account_id    INTEGER NOT NULL REFERENCES accounts(id),
        proposed_by   TEXT NOT NULL REFERENCES users(login),
        start_day     INTEGER NOT NULL,
        balance       INTEGER NOT NULL,
        discount_bp   INTEGER NOT NULL,
        discount      INTEGER NOT NULL,
        total         INTEGER NOT NULL,
        down_payment  INTEGER NOT NULL,
        instalments   INTEGER NOT NULL,
        frequency     TEXT NOT NULL CHECK (frequency = 'week' OR frequency = '2weeks' OR frequency = 'month'),
        first_due     INTEGER NOT NULL,
        note          TEXT,
        -- What took it beyond the proposer's authority (pending plans).
        beyond        TEXT,
        status        TEXT NOT NULL CHECK (status = 'pending' OR status = 'active' OR status = 'declined'
                                           OR status = 'cancelled' OR status = 'completed' OR status = 'broken'),
        status_day    INTEGER NOT NULL
    );
    CREATE INDEX plans_account ON plans(account_id, id);
    CREATE INDEX plans_status ON plans(status, id);
    CREATE TABLE plan_lines (
        plan_id  INTEGER NOT NULL REFERENCES plans(id),
        n        INTEGER NOT NULL,
        due_date INTEGER NOT NULL,
        amount   INTEGER NOT NULL CHECK (amount > 0),
        PRIMARY KEY (plan_id, n)
    ) WITHOUT ROWID;
    CREATE TRIGGER plan_lines_no_update BEFORE UPDATE ON plan_lines
    BEGIN SELECT RAISE(ABORT, 'a plan schedule is fixed once proposed'); END;
    CREATE TRIGGER plan_lines_no_delete BEFORE DELETE ON plan_lines
    BEGIN SELECT RAISE(ABORT, 'a plan schedule is fixed once proposed'); END;
    CREATE TABLE plan_events (
        id      INTEGER PRIMARY KEY,
        plan_id INTEGER NOT NULL REFERENCES plans(id),
        day     INTEGER NOT NULL,
        status  TEXT NOT NULL,
        by_user TEXT,
        note    TEXT
    );
    CREATE INDEX plan_events_plan ON plan_events(plan_id, id);
    """
}

extension Schema {
    /// The nightly batch's log: one row a run, for the workstation and for
    /// catching up missed nights (settlement runs for every day since the last).
    static let v5 = """
    CREATE TABLE nightly_runs (
        id         INTEGER PRIMARY KEY,
        day        INTEGER NOT NULL,
        started_at TEXT NOT NULL,
        inbox      TEXT NOT NULL,
        files      INTEGER NOT NULL,
        posted     INTEGER NOT NULL,
        refused    INTEGER NOT NULL,
        rejected   INTEGER NOT NULL,
        plans_completed INTEGER NOT NULL,
        plans_broken    INTEGER NOT NULL,
        summary    TEXT NOT NULL
    );
    """
}

extension Schema {
    /// Plans derived as of any day (CONTRACT §8, R10, R11):
    /// - `plans.status` keeps only decisions; `completed` and `broken` are
    ///   derived from the ledger, so the old settlement's stored ones go back
    ///   to the decision they came from (`active`);
    /// - `plans.credit_mark`: the newest credit id when the plan was proposed,
    ///   so a start-day payment posted after the proposal is the plan's and
    ///   one posted before is in its balance. Plans proposed before this
    ///   version get the newest credit of their account dated up to the start
    ///   and imported by the start day (what the balance then held);
    /// - `plan_discounts`: which credit is which plan's discount, found by
    ///   the plan, never by its ref;
    /// - `reversals` loses its one-reversal-per-credit rule for plan
    ///   discounts only: a discount reversed too late by news that came
    ///   after can be cut shorter by a second, earlier reversal (the
    ///   earliest counts). Payments keep one reversal each.
    static let v7 = """
    UPDATE plans SET status = 'active' WHERE status IN ('completed', 'broken');
    ALTER TABLE plans ADD COLUMN credit_mark INTEGER NOT NULL DEFAULT 0;
    UPDATE plans SET credit_mark = coalesce((
        SELECT max(c.id) FROM credits c JOIN import_batches b ON b.id = c.batch_id
        WHERE c.account_id = plans.account_id AND c.date <= plans.start_day AND b.business_day <= plans.start_day), 0);

    CREATE TABLE plan_discounts (
        credit_id INTEGER PRIMARY KEY REFERENCES credits(id),
        plan_id   INTEGER NOT NULL REFERENCES plans(id),
        seq       INTEGER NOT NULL,
        UNIQUE (plan_id, seq)
    );
    INSERT INTO plan_discounts(credit_id, plan_id, seq)
        SELECT c.id, p.id, 1 FROM credits c JOIN import_batches b ON b.id = c.batch_id JOIN plans p ON c.ref = 'PLAN-' || p.id || '-DISCOUNT'
        WHERE b.kind = 'plan-discount' AND c.source = 'credit' AND c.account_id = p.account_id;
    CREATE TRIGGER plan_discounts_no_delete BEFORE DELETE ON plan_discounts
    BEGIN SELECT RAISE(ABORT, 'a plan discount is a ledger entry: post a reversal instead'); END;
    CREATE TRIGGER plan_discounts_no_update BEFORE UPDATE ON plan_discounts
    BEGIN SELECT RAISE(ABORT, 'a plan discount is a ledger entry: post a reversal instead'); END;

    CREATE TABLE reversals_v7 (
        id         INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        ref        TEXT NOT NULL UNIQUE,
        date       INTEGER NOT NULL,
        credit_id  INTEGER NOT NULL REFERENCES credits(id),
        reason     TEXT,
        batch_id   INTEGER NOT NULL REFERENCES import_batches(id)
    );
    INSERT INTO reversals_v7 SELECT id, account_id, ref, date, credit_id, reason, batch_id FROM reversals;
    DROP TABLE reversals;
    ALTER TABLE reversals_v7 RENAME TO reversals;
    CREATE INDEX reversals_account ON reversals(account_id);
    CREATE INDEX reversals_credit ON reversals(credit_id, date);
    CREATE UNIQUE INDEX reversals_payment ON reversals(credit_id) WHERE ref NOT LIKE 'PLAN-%';
    CREATE TRIGGER reversals_no_delete BEFORE DELETE ON reversals
    BEGIN SELECT RAISE(ABORT, 'reversals are append-only'); END;
    CREATE TRIGGER reversals_no_update BEFORE UPDATE ON reversals
    BEGIN SELECT RAISE(ABORT, 'reversals are append-only'); END;
    """
}

extension Schema {
    /// Holds and cases (CONTRACT §9). A hold is dated (since, until, the day
    /// it was released); a case keeps what it was opened with, and its
    /// history is the append-only `case_events` (notes, the extension, the
    /// resolution, a lead's approval or decline). Statuses are derived from
    /// these dates every time, never stored. `case_events.credit_id` names the
    /// `CASE-<id>` credit a resolution posted, on the event that made it take effect.
    static let v11 = """
    CREATE TABLE holds (
        id             INTEGER PRIMARY KEY,
        account_id     INTEGER NOT NULL REFERENCES accounts(id),
        kind           TEXT NOT NULL CHECK (kind = 'dispute' OR kind = 'hardship' OR kind = 'cease' OR kind = 'deceased'
                                            OR kind = 'bankrupt' OR kind = 'legal'),
        since          INTEGER NOT NULL,
        until          INTEGER,
        reason         TEXT NOT NULL,
        placed_by      TEXT NOT NULL REFERENCES users(login),
        case_id        INTEGER REFERENCES cases(id),
        released       INTEGER,
        released_by    TEXT REFERENCES users(login),
        release_reason TEXT
    );
    CREATE INDEX holds_account ON holds(account_id, id);
    -- The queue reads the holds in force today from this index alone.
    CREATE INDEX holds_days ON holds(since, account_id, kind, until, released);
    CREATE TRIGGER holds_no_delete BEFORE DELETE ON holds
    BEGIN SELECT RAISE(ABORT, 'holds are kept: release a hold instead'); END;

    CREATE TABLE cases (
        id         INTEGER PRIMARY KEY,
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        -- The account's number as the case was opened about it (numbers never
        -- change): a list of cases reads no account row.
        account_no TEXT NOT NULL,
        type       TEXT NOT NULL CHECK (type = 'question' OR type = 'dispute' OR type = 'complaint' OR type = 'restructure'),
        via        TEXT CHECK (via = 'phone' OR via = 'email' OR via = 'letter' OR via = 'visit' OR via = 'ojk'),
        summary    TEXT NOT NULL,
        -- The refs of the charges it is about, one per line.
        charges    TEXT NOT NULL DEFAULT '',
        amount     INTEGER,
        opened     INTEGER NOT NULL,
        opened_by  TEXT NOT NULL REFERENCES users(login)
    );
    CREATE INDEX cases_account ON cases(account_id, id);
    CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
    BEGIN SELECT RAISE(ABORT, 'cases are kept: resolve a case instead'); END;
    CREATE TRIGGER cases_no_update BEFORE UPDATE ON cases
    BEGIN SELECT RAISE(ABORT, 'a case keeps what it was opened with: add a note instead'); END;

    CREATE TABLE case_events (
        id             INTEGER PRIMARY KEY,
        case_id        INTEGER NOT NULL REFERENCES cases(id),
        kind           TEXT NOT NULL CHECK (kind = 'note' OR kind = 'extend' OR kind = 'resolve' OR kind = 'approve' OR kind = 'decline'),
        day            INTEGER NOT NULL,
        by_user        TEXT NOT NULL REFERENCES users(login),
        note           TEXT,
        outcome        TEXT CHECK (outcome = 'upheld' OR outcome = 'rejected' OR outcome = 'partly'),
        credit         INTEGER CHECK (credit > 0),
        needs_approval INTEGER NOT NULL DEFAULT 0,
        credit_id      INTEGER UNIQUE REFERENCES credits(id)
    );
    CREATE INDEX case_events_case ON case_events(case_id, id);
    CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
    BEGIN SELECT RAISE(ABORT, 'a case history is append-only'); END;
    CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
    BEGIN SELECT RAISE(ABORT, 'a case history is append-only'); END;
    """
}
