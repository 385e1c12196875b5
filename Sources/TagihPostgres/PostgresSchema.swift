import Foundation

/// Tagih's schema on PostgreSQL (CONTRACT §12): the same tables, columns,
/// keys, constraints and indexes as the SQLite ledger after every migration
/// through `v16-no-last-contact-cache` (Sources/TagihStore/Database/Schema.swift and the
/// `…Schema.swift` files beside the features), so `migrate` copies rows 1:1.
///
/// Translation rules (the only differences, each for a reason):
/// - Money and counts are `bigint` (Int64 sen, as SQLite's INTEGER); days are
///   `integer` day ordinals; flags stay integers 0/1 as SQLite stores them.
/// - Text is `text COLLATE "C"`: SQLite compares text byte by byte (BINARY),
///   and every ORDER BY and unique key must sort and match the same on both.
/// - `INTEGER PRIMARY KEY` is `bigint PRIMARY KEY` with no sequence: the
///   store writes explicit ids (R21: contact and plan ids are gap-free, so
///   they are `max(id) + 1` under the writer's lock, never a sequence's).
/// - Foreign keys are `DEFERRABLE INITIALLY IMMEDIATE`: checked per statement
///   as SQLite does, and `migrate` may defer them to load tables in any order.
///   Those of charges, credits and the phone keys are checked a statement at
///   a time by triggers instead (`PostgresReferences`: a declared key costs a
///   row lock and a query per row, half of a bulk load's inserts).
/// - FTS5 name search (`accounts_fts`) is a GIN index over the name's words,
///   folded (lower case, accents removed: `unaccent`) — the same word-prefix,
///   case- and accent-insensitive search — on a table of the names beside
///   the accounts (`PostgresNameSearch`: `account_names`, kept by triggers;
///   accounts copy 1:1).
/// - `grdb_migrations` is `tagih_schema`: the migrations this schema holds,
///   by the same identifiers. `check` on PostgreSQL checks it in place of
///   SQLite's integrity check.
/// - Triggers are PL/pgSQL; see docs/postgres.md for each SQLite trigger and
///   function and its counterpart here (the seals: PostgresSealTriggers.swift).
public enum PostgresSchema {
    /// The migrations of the SQLite schema this one equals, in order.
    public static let migrations = [
        "v1-ledger", "v2-workstation", "v3-contacts", "v4-plans", "v5-nightly", "v6-nightly-files", "v7-derived-plans",
        "v8-rules", "v9-roles", "v10-seals", "v11-holds-cases", "v12-parties", "v13-reminders", "v14-case-days",
        "v15-channels", "v16-no-last-contact-cache",
    ]

    /// What `install` found and did.
    public enum Outcome: Equatable, Sendable {
        case created
        case upToDate
    }

    /// Why a database cannot take or hold Tagih's schema.
    public enum Refusal: Error, Equatable, Sendable {
        /// Tables that are not Tagih's: never written over.
        case notEmpty(tables: [String])
        /// A schema from a newer Tagih (migrations this version does not know).
        case newer(unknown: [String])
    }

    /// Creates the schema in an empty database, or finds it current (a
    /// no-op). One transaction: a failure leaves the database as it was.
    public static func install(_ db: PGConnection) throws -> Outcome {
        try db.transaction { db in
            if try exists(db, "tagih_schema") {
                let applied = try db.query("SELECT identifier FROM tagih_schema ORDER BY identifier").compactMap { $0.first?.text }
                let unknown = applied.filter { !migrations.contains($0) }
                if !unknown.isEmpty { throw Refusal.newer(unknown: unknown) }
                // Only one version of the PostgreSQL schema exists so far: a
                // later migration appends its statements here, run when its
                // identifier is missing.
                if migrations.allSatisfy(applied.contains) {
                    try refreshIndexes(db)
                    try PostgresReferences.upgrade(db)
                    try PostgresNameSearch.upgrade(db)
                    return .upToDate
                }
            }
            let tables = try existingTables(db)
            if !tables.isEmpty { throw Refusal.notEmpty(tables: tables) }
            try create(db)
            return .created
        }
    }

    /// Makes again the indexes a database created by an earlier Tagih holds
    /// in an older form (`tagih init` upgrades), each known by a mark its
    /// current definition has (`pg_indexes` spells a definition its own way):
    /// - `accounts_queue` carries the account's id (`INCLUDE`), as every
    ///   SQLite index holds the rowid: without it a lead's queue was a scan
    ///   of the whole accounts table (40 ms of 200,000 accounts, measured)
    ///   where the index alone answers;
    /// - `charges_account` and `credits_account` are ordered by id within
    ///   the account and hold the entry's date, so a replay as of a past day
    ///   (`LedgerScan`) reads in the index's order and fetches only the
    ///   entries dated on or before it, where it sorted each account's
    ///   entries and fetched every one (SQLite reads its own rows in-process).
    static func refreshIndexes(_ db: PGConnection) throws(PostgresFailure) {
        let marks = [("accounts_queue", "INCLUDE (id)"), ("charges_account", "(account_id, id, issue_date)"),
                     ("credits_account", "(account_id, id, date)")]
        for (name, mark) in marks {
            let found = try db.query("""
                SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() AND indexname = $1
                """, [.text(name)]).first?.first?.text
            guard let found, !found.contains(mark),
                  let create = statements(indexes).first(where: { $0.hasPrefix("CREATE INDEX \(name) ") }) else { continue }
            try db.execute("DROP INDEX \(name)")
            try db.execute(create)
        }
    }

    /// Whether the schema has the table (or index, view) `name`.
    static func exists(_ db: PGConnection, _ name: String) throws(PostgresFailure) -> Bool {
        try db.query("SELECT to_regclass($1) IS NOT NULL", [.text(name)]).first?.first == .bool(true)
    }

    /// Drops `triggers` and runs `sql` to make them again, when `force` or
    /// when one is missing, disabled or calls another function: an upgrade
    /// (`init` on a current database) leaves triggers that are right alone,
    /// so their oids, and `pg_trigger`'s rows, stay as they were.
    static func remakeTriggers(_ db: PGConnection, _ triggers: [(name: String, table: String, function: String)], _ sql: String,
                               force: Bool) throws(PostgresFailure) {
        if !force, triggerProblems(triggers, try installedTriggers(db)).isEmpty { return }
        for t in triggers { try db.execute("DROP TRIGGER IF EXISTS \(t.name) ON \(t.table)") }
        try db.executeAll(statements(sql))
    }

    /// A trigger as the catalog holds it.
    public typealias InstalledTrigger = (table: String, enabled: String, function: String)

    /// The schema's own triggers by name (`tgenabled` "O" is enabled), for
    /// the checks that each one Tagih made is there, on and calling its
    /// function (`PostgresSealTriggers.problems`, `PostgresReferences.problems`,
    /// `PostgresNameSearch.problems`).
    static func installedTriggers(_ db: PGConnection) throws(PostgresFailure) -> [String: InstalledTrigger] {
        var have: [String: InstalledTrigger] = [:]
        for r in try db.query("""
            SELECT t.tgname::text, c.relname::text, t.tgenabled::text, p.proname::text FROM pg_trigger t
            JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid
            WHERE n.nspname = current_schema() AND NOT t.tgisinternal
            """) {
            if let name = r[0].text, let table = r[1].text, let enabled = r[2].text, let function = r[3].text { have[name] = (table, enabled, function) }
        }
        return have
    }

    /// Each of `triggers` that is missing, disabled or calls another
    /// function than the schema's, as `check` says it (`missing` ends the
    /// sentence of one not there: how to put it back, when `init` does).
    static func triggerProblems(_ triggers: [(name: String, table: String, function: String)], _ have: [String: InstalledTrigger],
                                missing: String = " (run `tagih init` to upgrade)") -> [String] {
        var problems: [String] = []
        for t in triggers {
            guard let h = have[t.name], h.table == t.table else {
                problems.append("trigger \(t.name) is missing\(missing)")
                continue
            }
            if h.enabled != "O" { problems.append("trigger \(t.name) is disabled") }
            if h.function != t.function { problems.append("trigger \(t.name) differs from the schema (it calls \(h.function))") }
        }
        return problems
    }

    /// Creates every table, index, guard and trigger in an empty database,
    /// inside the caller's transaction (`install`, `migrate`).
    public static func create(_ db: PGConnection) throws(PostgresFailure) {
        try db.executeAll(statements(extensions))
        try db.executeAll(statements(tables_))
        try db.executeAll(statements(indexes))
        try db.executeAll(statements(guards))
        try db.executeAll(statements(PostgresReferences.schemaSQL))
        try db.executeAll(statements(PostgresNameSearch.schemaSQL))
        try db.executeAll(statements(caches))
        try db.executeAll(statements(PostgresSealTriggers.schemaSQL))
        for m in migrations { try db.execute("INSERT INTO tagih_schema(identifier) VALUES ($1)", [.text(m)]) }
    }

    /// The ledger's tables in an order their foreign keys allow (as created), without `tagih_schema`.
    public static var tableOrder: [String] {
        statements(tables_).compactMap { s -> String? in
            guard s.hasPrefix("CREATE TABLE ") else { return nil }
            let name = s.dropFirst("CREATE TABLE ".count).prefix { $0 != " " }
            return name == "tagih_schema" ? nil : String(name)
        }
    }

    /// The tables whose own triggers write other tables (`case_days`): `migrate`
    /// copies the derived rows as they are, so these triggers are off while it loads.
    public static let deriving: [(table: String, trigger: String)] = [
        ("cases", "case_days_open"), ("accounts", "case_days_collector"), ("case_events", "case_days_extend"),
        ("case_events", "case_days_settle"),
    ]

    /// The triggers `migrate` turns off while it loads: the derived rows are
    /// copied as they are, and the copied trail already records the seals of
    /// the rows it copies (hashing each row again would only slow the load).
    public static var offWhileLoading: [(table: String, trigger: String)] { deriving + PostgresSealTriggers.sealingTriggers }

    /// The columns of one of the ledger's tables, in order, each with whether
    /// it holds an integer, read from the DDL here (a column line is indented
    /// four spaces: its name, then its type).
    static func columns(of table: String) -> [PostgresSealTriggers.Column] {
        var out: [PostgresSealTriggers.Column] = []
        var inside = false
        for line in tables_.split(separator: "\n") {
            if line.hasPrefix("CREATE TABLE ") {
                inside = line.dropFirst("CREATE TABLE ".count).prefix { $0 != " " } == table
                continue
            }
            guard inside else { continue }
            if line.hasPrefix(")") { break }
            guard line.hasPrefix("    "), let first = line.dropFirst(4).first, first.isLowercase else { continue }
            let words = line.split(separator: " ")
            guard words.count >= 2 else { continue }
            let type = words[1].hasSuffix(",") ? String(words[1].dropLast()) : String(words[1])
            out.append(PostgresSealTriggers.Column(name: String(words[0]), integer: type == "bigint" || type == "integer"))
        }
        return out
    }

    /// Tables and other relations in the current schema (the one Tagih's
    /// tables go in): a database holding any is not written over.
    public static func existingTables(_ db: PGConnection) throws -> [String] {
        try db.query("""
            SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') ORDER BY 1
            """).compactMap { $0.first?.text }
    }

    /// Whether the database holds Tagih's current schema, exactly: every
    /// migration recorded and every table present (`check` on PostgreSQL).
    public static func isCurrent(_ db: PGConnection) throws -> Bool {
        guard try exists(db, "tagih_schema") else { return false }
        let applied = Set(try db.query("SELECT identifier FROM tagih_schema").compactMap { $0.first?.text })
        guard applied == Set(migrations) else { return false }
        return Set(try existingTables(db)).isSuperset(of: tableNames)
    }

    /// Splits SQL text into statements at `;` ending a line, keeping `$$`
    /// function bodies whole.
    static func statements(_ sql: String) -> [String] {
        var out: [String] = []
        var current = ""
        var inBody = false
        for line in sql.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("--") && !inBody { continue }
            current += line + "\n"
            inBody = line.components(separatedBy: "$$").count % 2 == 0 ? !inBody : inBody
            if !inBody && trimmed.hasSuffix(";") {
                let s = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !s.isEmpty { out.append(String(s.dropLast())) }
                current = ""
            }
        }
        let rest = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { out.append(rest) }
        return out
    }

    /// Every table of the SQLite ledger but its FTS5 shadow tables and GRDB's
    /// migration log, and the name search's table in their place.
    public static let tableNames: Set<String> = [
        "meta", "users", "import_batches", "accounts", "charges", "credits", "reversals", "audit", "account_phones", "leases",
        "contacts", "plans", "plan_lines", "plan_events", "nightly_runs", "plan_discounts", "rules", "cases", "holds",
        "case_events", "phones", "phone_marks", "messages", "message_stages", "message_results", "stage_pauses", "case_days",
        "channels", "tagih_schema", PostgresNameSearch.table,
    ]

    /// `pg_trgm` for substring search later, `unaccent` for accent-free name
    /// search; both are trusted extensions, so the database's owner may add them.
    static let extensions = """
    CREATE EXTENSION IF NOT EXISTS unaccent;
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    """
}

extension PostgresSchema {
    /// The tables, in an order their foreign keys allow.
    static let tables_ = """
    CREATE TABLE tagih_schema (
        identifier text COLLATE "C" PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE meta (
        key   text COLLATE "C" PRIMARY KEY,
        value text COLLATE "C" NOT NULL
    );
    CREATE TABLE users (
        login             text COLLATE "C" PRIMARY KEY,
        name              text COLLATE "C" NOT NULL,
        role              text COLLATE "C" NOT NULL CHECK (role = 'collector' OR role = 'lead' OR role = 'admin' OR role = 'batch'),
        discount_limit_bp bigint CHECK (discount_limit_bp BETWEEN 0 AND 10000),
        team              text COLLATE "C",
        active            bigint NOT NULL DEFAULT 1
    );
    CREATE TABLE import_batches (
        id           bigint PRIMARY KEY,
        kind         text COLLATE "C" NOT NULL,
        file_name    text COLLATE "C" NOT NULL,
        file_hash    text COLLATE "C" NOT NULL,
        rows_read    bigint NOT NULL,
        posted       bigint NOT NULL,
        duplicates   bigint NOT NULL,
        rejected     bigint NOT NULL,
        entries_hash text COLLATE "C" NOT NULL,
        imported_by  text COLLATE "C" NOT NULL,
        imported_at  text COLLATE "C" NOT NULL,
        business_day integer NOT NULL,
        UNIQUE (kind, file_hash)
    );
    CREATE TABLE accounts (
        id               bigint PRIMARY KEY,
        account_no       text COLLATE "C" NOT NULL UNIQUE,
        name             text COLLATE "C" NOT NULL,
        phone            text COLLATE "C",
        email            text COLLATE "C",
        address          text COLLATE "C",
        timezone         text COLLATE "C" NOT NULL,
        segment          text COLLATE "C",
        collector        text COLLATE "C",  -- names a user's login (PostgresReferences)
        open_total       bigint NOT NULL DEFAULT 0,
        unapplied        bigint NOT NULL DEFAULT 0,
        oldest_due       integer,
        credit_count     bigint NOT NULL DEFAULT 0,
        next_action_day  integer,
        next_action_at   bigint,
        language         text COLLATE "C" CHECK (language IS NULL OR language = 'id' OR language = 'en'),
        va_number        text COLLATE "C"
    );
    CREATE TABLE charges (
        id          bigint PRIMARY KEY,
        account_id  bigint NOT NULL,
        source      text COLLATE "C" NOT NULL CHECK (source IN ('invoice', 'debit')),
        ref         text COLLATE "C" NOT NULL,
        issue_date  integer NOT NULL,
        due_date    integer NOT NULL,
        amount      bigint NOT NULL CHECK (amount > 0),
        description text COLLATE "C",
        batch_id    bigint NOT NULL,
        open_amount bigint NOT NULL
    );
    CREATE TABLE credits (
        id         bigint PRIMARY KEY,
        account_id bigint NOT NULL,
        source     text COLLATE "C" NOT NULL CHECK (source = 'payment' OR source = 'credit' OR source = 'writeoff'),
        channel    text COLLATE "C" NOT NULL DEFAULT '',
        ref        text COLLATE "C" NOT NULL,
        date       integer NOT NULL,
        amount     bigint NOT NULL CHECK (amount > 0),
        charge_id  bigint,
        note       text COLLATE "C",
        batch_id   bigint NOT NULL
    );
    CREATE TABLE reversals (
        id         bigint PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES accounts(id) DEFERRABLE,
        ref        text COLLATE "C" NOT NULL UNIQUE,
        date       integer NOT NULL,
        credit_id  bigint NOT NULL REFERENCES credits(id) DEFERRABLE,
        reason     text COLLATE "C",
        batch_id   bigint NOT NULL REFERENCES import_batches(id) DEFERRABLE
    );
    CREATE TABLE audit (
        id           bigint PRIMARY KEY,
        at           text COLLATE "C" NOT NULL,
        business_day text COLLATE "C" NOT NULL,
        actor        text COLLATE "C" NOT NULL,
        real_user    text COLLATE "C" NOT NULL,
        action       text COLLATE "C" NOT NULL,
        subject      text COLLATE "C" NOT NULL,
        detail       text COLLATE "C" NOT NULL,
        prev_hash    text COLLATE "C" NOT NULL,
        hash         text COLLATE "C" NOT NULL,
        seals        text COLLATE "C" NOT NULL DEFAULT ''
    );
    CREATE TABLE account_phones (
        phone_key  text COLLATE "C" NOT NULL,
        account_id bigint NOT NULL,
        PRIMARY KEY (phone_key, account_id)
    );
    CREATE TABLE leases (
        account_id bigint PRIMARY KEY REFERENCES accounts(id) DEFERRABLE,
        login      text COLLATE "C" NOT NULL,
        expires_at bigint NOT NULL
    );
    CREATE TABLE contacts (
        id              bigint PRIMARY KEY,
        account_id      bigint NOT NULL REFERENCES accounts(id) DEFERRABLE,
        made_by         text COLLATE "C" NOT NULL REFERENCES users(login) DEFERRABLE,
        real_user       text COLLATE "C" NOT NULL,
        at              bigint NOT NULL,
        day             integer NOT NULL,
        debtor_day      integer NOT NULL,
        debtor_time     text COLLATE "C" NOT NULL,
        channel         text COLLATE "C" NOT NULL CHECK (channel = 'phone' OR channel = 'sms' OR channel = 'whatsapp'
                                                         OR channel = 'email' OR channel = 'letter' OR channel = 'visit'),
        outcome         text COLLATE "C" NOT NULL,
        attempt         bigint NOT NULL,
        contact         bigint NOT NULL,
        right_party     bigint NOT NULL,
        promise         bigint NOT NULL,
        reason          text COLLATE "C" CHECK (reason = 'financial' OR reason = 'admin' OR reason = 'dispute' OR reason = 'other'),
        note            text COLLATE "C",
        promise_amount  bigint CHECK (promise_amount > 0),
        promise_due     integer,
        next_action     integer,
        next_action_at  bigint,
        override_reason text COLLATE "C",
        phone_number    text COLLATE "C",
        CHECK ((promise_amount IS NULL) = (promise_due IS NULL))
    );
    CREATE TABLE plans (
        id           bigint PRIMARY KEY,
        account_id   bigint NOT NULL REFERENCES accounts(id) DEFERRABLE,
        proposed_by  text COLLATE "C" NOT NULL REFERENCES users(login) DEFERRABLE,
        start_day    integer NOT NULL,
        balance      bigint NOT NULL,
        discount_bp  bigint NOT NULL,
        discount     bigint NOT NULL,
        total        bigint NOT NULL,
        down_payment bigint NOT NULL,
        instalments  bigint NOT NULL,
        frequency    text COLLATE "C" NOT NULL CHECK (frequency = 'week' OR frequency = '2weeks' OR frequency = 'month'),
        first_due    integer NOT NULL,
        note         text COLLATE "C",
        beyond       text COLLATE "C",
        status       text COLLATE "C" NOT NULL CHECK (status = 'pending' OR status = 'active' OR status = 'declined'
                                                      OR status = 'cancelled' OR status = 'completed' OR status = 'broken'),
        status_day   integer NOT NULL,
        credit_mark  bigint NOT NULL DEFAULT 0
    );
    CREATE TABLE plan_lines (
        plan_id  bigint NOT NULL REFERENCES plans(id) DEFERRABLE,
        n        bigint NOT NULL,
        due_date integer NOT NULL,
        amount   bigint NOT NULL CHECK (amount > 0),
        PRIMARY KEY (plan_id, n)
    );
    CREATE TABLE plan_events (
        id      bigint PRIMARY KEY,
        plan_id bigint NOT NULL REFERENCES plans(id) DEFERRABLE,
        day     integer NOT NULL,
        status  text COLLATE "C" NOT NULL,
        by_user text COLLATE "C",
        note    text COLLATE "C"
    );
    CREATE TABLE nightly_runs (
        id              bigint PRIMARY KEY,
        day             integer NOT NULL,
        started_at      text COLLATE "C" NOT NULL,
        inbox           text COLLATE "C" NOT NULL,
        files           bigint NOT NULL,
        posted          bigint NOT NULL,
        refused         bigint NOT NULL,
        rejected        bigint NOT NULL,
        plans_completed bigint NOT NULL,
        plans_broken    bigint NOT NULL,
        summary         text COLLATE "C" NOT NULL,
        files_detail    text COLLATE "C" NOT NULL DEFAULT ''
    );
    CREATE TABLE plan_discounts (
        credit_id bigint PRIMARY KEY REFERENCES credits(id) DEFERRABLE,
        plan_id   bigint NOT NULL REFERENCES plans(id) DEFERRABLE,
        seq       bigint NOT NULL,
        UNIQUE (plan_id, seq)
    );
    CREATE TABLE rules (
        id           bigint PRIMARY KEY,
        toml         text COLLATE "C" NOT NULL,
        loaded_at    text COLLATE "C",
        loaded_by    text COLLATE "C",
        business_day text COLLATE "C"
    );
    CREATE TABLE cases (
        id         bigint PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES accounts(id) DEFERRABLE,
        account_no text COLLATE "C" NOT NULL,
        type       text COLLATE "C" NOT NULL CHECK (type = 'question' OR type = 'dispute' OR type = 'complaint' OR type = 'restructure'),
        via        text COLLATE "C" CHECK (via = 'phone' OR via = 'email' OR via = 'letter' OR via = 'visit' OR via = 'ojk'),
        summary    text COLLATE "C" NOT NULL,
        charges    text COLLATE "C" NOT NULL DEFAULT '',
        amount     bigint,
        opened     integer NOT NULL,
        opened_by  text COLLATE "C" NOT NULL REFERENCES users(login) DEFERRABLE
    );
    CREATE TABLE holds (
        id             bigint PRIMARY KEY,
        account_id     bigint NOT NULL REFERENCES accounts(id) DEFERRABLE,
        kind           text COLLATE "C" NOT NULL CHECK (kind = 'dispute' OR kind = 'hardship' OR kind = 'cease' OR kind = 'deceased'
                                                        OR kind = 'bankrupt' OR kind = 'legal'),
        since          integer NOT NULL,
        until          integer,
        reason         text COLLATE "C" NOT NULL,
        placed_by      text COLLATE "C" NOT NULL REFERENCES users(login) DEFERRABLE,
        case_id        bigint REFERENCES cases(id) DEFERRABLE,
        released       integer,
        released_by    text COLLATE "C" REFERENCES users(login) DEFERRABLE,
        release_reason text COLLATE "C"
    );
    CREATE TABLE case_events (
        id             bigint PRIMARY KEY,
        case_id        bigint NOT NULL REFERENCES cases(id) DEFERRABLE,
        kind           text COLLATE "C" NOT NULL CHECK (kind = 'note' OR kind = 'extend' OR kind = 'resolve' OR kind = 'approve' OR kind = 'decline'),
        day            integer NOT NULL,
        by_user        text COLLATE "C" NOT NULL REFERENCES users(login) DEFERRABLE,
        note           text COLLATE "C",
        outcome        text COLLATE "C" CHECK (outcome = 'upheld' OR outcome = 'rejected' OR outcome = 'partly'),
        credit         bigint CHECK (credit > 0),
        needs_approval bigint NOT NULL DEFAULT 0,
        credit_id      bigint UNIQUE REFERENCES credits(id) DEFERRABLE
    );
    CREATE TABLE phones (
        id        bigint PRIMARY KEY,
        account_id bigint NOT NULL REFERENCES accounts(id) DEFERRABLE,
        number    text COLLATE "C" NOT NULL,
        phone_key text COLLATE "C" NOT NULL,
        party     text COLLATE "C" NOT NULL CHECK (party = 'debtor' OR party = 'emergency' OR party = 'workplace' OR party = 'other'),
        consent   text COLLATE "C",
        added_day integer NOT NULL,
        added_by  text COLLATE "C" NOT NULL,
        UNIQUE (account_id, phone_key)
    );
    CREATE TABLE phone_marks (
        id       bigint PRIMARY KEY,
        phone_id bigint NOT NULL REFERENCES phones(id) DEFERRABLE,
        day      integer NOT NULL,
        status   text COLLATE "C" NOT NULL CHECK (status = 'ok' OR status = 'wrong' OR status = 'disconnected' OR status = 'do-not-call'),
        by_user  text COLLATE "C" NOT NULL,
        at       text COLLATE "C" NOT NULL
    );
    CREATE TABLE messages (
        id         bigint PRIMARY KEY,
        contact_id bigint NOT NULL UNIQUE REFERENCES contacts(id) DEFERRABLE,
        account_id bigint NOT NULL REFERENCES accounts(id) DEFERRABLE,
        day        integer NOT NULL,
        stage      text COLLATE "C" NOT NULL,
        channel    text COLLATE "C" NOT NULL CHECK (channel = 'sms' OR channel = 'whatsapp' OR channel = 'email' OR channel = 'letter'),
        recipient  text COLLATE "C" NOT NULL,
        language   text COLLATE "C" NOT NULL,
        text       text COLLATE "C" NOT NULL
    );
    CREATE TABLE message_stages (
        stage      text COLLATE "C" NOT NULL,
        charge_id  bigint NOT NULL REFERENCES charges(id) DEFERRABLE,
        message_id bigint NOT NULL REFERENCES messages(id) DEFERRABLE,
        PRIMARY KEY (stage, charge_id)
    );
    CREATE TABLE message_results (
        id         bigint PRIMARY KEY,
        message_id bigint NOT NULL REFERENCES messages(id) DEFERRABLE,
        status     text COLLATE "C" NOT NULL CHECK (status = 'delivered' OR status = 'read' OR status = 'failed'),
        at         text COLLATE "C" NOT NULL,
        UNIQUE (message_id, status, at)
    );
    CREATE TABLE stage_pauses (
        id      bigint PRIMARY KEY,
        stage   text COLLATE "C" NOT NULL,
        day     integer NOT NULL,
        paused  bigint NOT NULL CHECK (paused = 0 OR paused = 1),
        by_user text COLLATE "C" NOT NULL,
        reason  text COLLATE "C"
    );
    CREATE TABLE case_days (
        case_id     bigint PRIMARY KEY REFERENCES cases(id) DEFERRABLE,
        account_id  bigint NOT NULL,
        opened      integer NOT NULL,
        extended_on integer,
        settled_on  integer,
        collector   text COLLATE "C"
    );
    CREATE TABLE channels (
        id              bigint PRIMARY KEY,
        name            text COLLATE "C" NOT NULL UNIQUE,
        secret          text COLLATE "C" NOT NULL,
        previous_secret text COLLATE "C",
        grace_until     bigint,
        created_at      text COLLATE "C" NOT NULL,
        created_by      text COLLATE "C" NOT NULL,
        rotated_at      text COLLATE "C",
        rotated_by      text COLLATE "C"
    );
    """

    /// The SQLite ledger's indexes, one for one, and the name search. Three
    /// hold more than SQLite's (see `refreshIndexes`): the queue's the id,
    /// the entries' by account their id and date.
    static let indexes = """
    CREATE INDEX accounts_collector ON accounts(collector);
    CREATE INDEX accounts_segment ON accounts(segment);
    CREATE INDEX accounts_active ON accounts(id, collector, segment, unapplied) WHERE open_total > 0 OR unapplied > 0;
    CREATE UNIQUE INDEX charges_ref ON charges(source, ref);
    CREATE INDEX charges_account ON charges(account_id, id, issue_date);
    CREATE INDEX charges_open ON charges(account_id, due_date, open_amount) WHERE open_amount > 0;
    CREATE UNIQUE INDEX credits_ref ON credits(source, channel, ref);
    CREATE INDEX credits_account ON credits(account_id, id, date);
    CREATE INDEX contacts_account ON contacts(account_id, at, day, next_action, next_action_at);
    CREATE INDEX contacts_day ON contacts(day, made_by, attempt, contact, right_party, promise_amount);
    CREATE INDEX contacts_promises ON contacts(day, account_id) WHERE promise_amount IS NOT NULL;
    CREATE INDEX contacts_at ON contacts(at, account_id, channel, contact) WHERE attempt = 1;
    CREATE INDEX contacts_promise_due ON contacts(promise_due, account_id, day, made_by, promise_amount) WHERE promise_amount IS NOT NULL;
    CREATE INDEX credits_payment_date ON credits(date, account_id, amount) WHERE source = 'payment';
    CREATE INDEX accounts_queue ON accounts(collector, oldest_due, open_total, unapplied, segment, timezone, next_action_day, next_action_at)
        INCLUDE (id) WHERE open_total > 0;
    CREATE INDEX plans_account ON plans(account_id, id);
    CREATE INDEX plans_status ON plans(status, id);
    CREATE INDEX plan_events_plan ON plan_events(plan_id, id);
    CREATE INDEX reversals_account ON reversals(account_id);
    CREATE INDEX reversals_credit ON reversals(credit_id, date);
    CREATE UNIQUE INDEX reversals_payment ON reversals(credit_id) WHERE ref NOT LIKE 'PLAN-%';
    CREATE INDEX holds_account ON holds(account_id, id);
    CREATE INDEX holds_days ON holds(since, account_id, kind, until, released);
    CREATE INDEX cases_account ON cases(account_id, id);
    CREATE INDEX case_events_case ON case_events(case_id, id);
    CREATE INDEX phones_key ON phones(phone_key);
    CREATE INDEX phone_marks_phone ON phone_marks(phone_id, id);
    CREATE INDEX messages_channel_day ON messages(channel, day, id);
    CREATE INDEX messages_account ON messages(account_id, id);
    CREATE INDEX message_stages_charge ON message_stages(charge_id);
    CREATE INDEX case_days_unsettled ON case_days(collector, opened, extended_on, account_id) WHERE settled_on IS NULL;
    CREATE INDEX case_days_account ON case_days(account_id);
    CREATE INDEX case_days_settled ON case_days(settled_on) WHERE settled_on IS NOT NULL;
    -- Name search (SQLite: accounts_fts, FTS5 unicode61 remove_diacritics): a
    -- name's words folded to lower case without accents (the index over them:
    -- PostgresNameSearch). unaccent() is only STABLE (its dictionary could
    -- change), so an index needs this IMMUTABLE wrapper naming the
    -- dictionary; queries must call the same function.
    CREATE FUNCTION tagih_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        RETURN lower(unaccent('unaccent'::regdictionary, t));
    """
}

extension PostgresSchema {
    /// The SQLite ledger's append-only guards (`…_no_delete`, `…_no_update`):
    /// table, the sentence refusing a delete, the one refusing an update (nil:
    /// updates allowed), and the columns an update may not touch (nil: any).
    /// The same sentences, raised as SQLSTATE P0001 (`raise_exception`), so
    /// the store can tell a guard from any other failure on both backends.
    static let guardRules: [(table: String, delete: String, update: String?, columns: [String]?)] = [
        ("charges", "charges are append-only: post a correcting entry instead", "charges are append-only: post a correcting entry instead",
         ["id", "account_id", "source", "ref", "issue_date", "due_date", "amount", "description", "batch_id"]),
        ("credits", "credits are append-only: post a reversal instead", "credits are append-only: post a reversal instead", nil),
        ("audit", "the audit trail is append-only", "the audit trail is append-only", nil),
        ("contacts", "contacts are append-only: log a new contact instead", "contacts are append-only: log a new contact instead", nil),
        ("plan_lines", "a plan schedule is fixed once proposed", "a plan schedule is fixed once proposed", nil),
        ("plan_discounts", "a plan discount is a ledger entry: post a reversal instead",
         "a plan discount is a ledger entry: post a reversal instead", nil),
        ("reversals", "reversals are append-only", "reversals are append-only", nil),
        ("rules", "the rules are append-only: load new rules instead", "the rules are append-only: load new rules instead", nil),
        ("holds", "holds are kept: release a hold instead", nil, nil),
        ("cases", "cases are kept: resolve a case instead", "a case keeps what it was opened with: add a note instead", nil),
        ("case_events", "a case history is append-only", "a case history is append-only", nil),
        ("phones", "phones are kept: mark a number instead of removing it",
         "a phone keeps its number and party: add the number again under another account or party",
         ["id", "account_id", "number", "phone_key", "party", "added_day", "added_by"]),
        ("phone_marks", "phone marks are append-only: mark the number again", "phone marks are append-only: mark the number again", nil),
        ("messages", "messages are kept: they were sent", "messages are kept as they were sent", nil),
        ("message_stages", "a stage sent stays sent", "a stage sent stays sent", nil),
        ("message_results", "delivery results are append-only", "delivery results are append-only", nil),
        ("stage_pauses", "pauses are dated records: resume the stage instead", "pauses are dated records: resume the stage instead", nil),
    ]

    /// One refusing function; each guard trigger passes it its sentence.
    /// TRUNCATE skips row triggers, so the tables that refuse a delete also
    /// refuse a truncate (SQLite has no TRUNCATE to guard against).
    static var guards: String {
        var sql = """
        CREATE FUNCTION tagih_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION USING ERRCODE = 'raise_exception', MESSAGE = TG_ARGV[0];
        END $$;

        """
        func quoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        for g in guardRules {
            sql += "CREATE TRIGGER \(g.table)_no_delete BEFORE DELETE ON \(g.table) FOR EACH ROW EXECUTE FUNCTION tagih_refuse(\(quoted(g.delete)));\n"
            sql += "CREATE TRIGGER \(g.table)_no_truncate BEFORE TRUNCATE ON \(g.table) FOR EACH STATEMENT EXECUTE FUNCTION tagih_refuse(\(quoted(g.delete)));\n"
            if let update = g.update {
                let of = g.columns.map { " OF " + $0.joined(separator: ", ") } ?? ""
                sql += "CREATE TRIGGER \(g.table)_no_update BEFORE UPDATE\(of) ON \(g.table) FOR EACH ROW EXECUTE FUNCTION tagih_refuse(\(quoted(update)));\n"
            }
        }
        return sql
    }

    /// The cache triggers of `case_days` (SQLite: Sources/TagihStore/Cases/CaseDays.swift), the same rules in PL/pgSQL.
    static let caches = """
    CREATE FUNCTION tagih_case_days_open() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO case_days(case_id, account_id, opened, collector)
        VALUES (NEW.id, NEW.account_id, NEW.opened, (SELECT collector FROM accounts WHERE id = NEW.account_id));
        RETURN NULL;
    END $$;
    CREATE TRIGGER case_days_open AFTER INSERT ON cases FOR EACH ROW EXECUTE FUNCTION tagih_case_days_open();

    CREATE FUNCTION tagih_case_days_collector() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE case_days SET collector = NEW.collector WHERE account_id = NEW.id;
        RETURN NULL;
    END $$;
    CREATE TRIGGER case_days_collector AFTER UPDATE OF collector ON accounts FOR EACH ROW
        WHEN (NEW.collector IS DISTINCT FROM OLD.collector) EXECUTE FUNCTION tagih_case_days_collector();

    CREATE FUNCTION tagih_case_days_extend() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE case_days SET extended_on = least(coalesce(extended_on, NEW.day), NEW.day) WHERE case_id = NEW.case_id;
        RETURN NULL;
    END $$;
    CREATE TRIGGER case_days_extend AFTER INSERT ON case_events FOR EACH ROW
        WHEN (NEW.kind = 'extend') EXECUTE FUNCTION tagih_case_days_extend();

    CREATE FUNCTION tagih_case_days_settle() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE case_days SET settled_on = least(coalesce(settled_on, NEW.day), NEW.day) WHERE case_id = NEW.case_id;
        RETURN NULL;
    END $$;
    CREATE TRIGGER case_days_settle AFTER INSERT ON case_events FOR EACH ROW
        WHEN (NEW.kind = 'approve' OR (NEW.kind = 'resolve' AND NEW.needs_approval = 0)) EXECUTE FUNCTION tagih_case_days_settle();
    """
}
