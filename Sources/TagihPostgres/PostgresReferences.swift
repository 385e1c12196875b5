/// The references of the tables a file is loaded into by the million
/// (charges, credits, the phone search's keys, the accounts' collectors),
/// checked a statement at a time rather than declared as `FOREIGN KEY`s.
///
/// Why: PostgreSQL checks a declared foreign key a row at a time (a query
/// and a `FOR KEY SHARE` row lock each). Measured in psql on 100,000 credits
/// of a 1M-account ledger, in statements of 2,000 rows as an import sends
/// them: 4.7 s with the three keys, 2.8 s without, 3.1 s with this check —
/// the keys were half of a payments file's inserts (71 s at 1M), and a
/// payments file was 1.8× SQLite's time against the 1.5× issue 21 asks.
/// An account's collector (a user's login) was 4.2 s of the 1M accounts
/// file's 32 s: 424 ms of the insert of 100,000 accounts (psql, EXPLAIN
/// ANALYZE), against one probe of `users` a statement now.
///
/// What holds the same as a declared key:
/// - **A row added** (`INSERT`, `COPY`): an `AFTER … FOR EACH STATEMENT` trigger reads the statement's new rows
///   (a transition table) and refuses the statement, SQLSTATE 23503
///   (foreign_key_violation) as a key would, when one names a row its
///   parent table does not hold. A set-based probe of the parent's primary
///   key, with no row lock. An update that sets a reference column is
///   checked a row at a time (`tagih_refs_row`).
/// - **A parent row taken away** (`DELETE`, or its `id` changed): a
///   `BEFORE` row trigger on the parent refuses it, 23503, while a row
///   names it (`ON DELETE NO ACTION`, as declared). Charges already refuse
///   both (their guards); accounts and import batches are never deleted by
///   Tagih except an import batch that posted nothing (`PaymentDesk`).
/// - What the row lock added: a parent deleted by one transaction while
///   another adds a row naming it. Tagih never deletes a parent a row can
///   name (accounts are kept; a batch is deleted only by the transaction
///   that made it, before any other can see it), and a person's `psql`
///   cannot write these tables (`seal_*_writer`, the protected install).
/// - **Proof**: `check` finds any row whose parent is missing and any of
///   these triggers missing or disabled (`problems`).
///
/// The other tables keep declared keys: people write them a row at a time.
public enum PostgresReferences {
    /// A table whose references are checked here, and each reference:
    /// its column, the parent table and the parent's key (`id`, a bigint;
    /// `login`, a text).
    public struct Checked: Sendable {
        public let table: String
        public let references: [(column: String, parent: String, key: String)]
    }

    public static let checked: [Checked] = [
        Checked(table: "charges", references: [("account_id", "accounts", "id"), ("batch_id", "import_batches", "id")]),
        Checked(table: "credits", references: [("account_id", "accounts", "id"), ("charge_id", "charges", "id"),
                                               ("batch_id", "import_batches", "id")]),
        Checked(table: "account_phones", references: [("account_id", "accounts", "id")]),
        Checked(table: "accounts", references: [("collector", "users", "login")]),
    ]

    /// The parent tables, each with its key and the (table, column) pairs that name it.
    static var parents: [(parent: String, key: String, children: [(table: String, column: String)])] {
        var out: [(parent: String, key: String, children: [(table: String, column: String)])] = []
        for c in checked {
            for r in c.references {
                if let i = out.firstIndex(where: { $0.parent == r.parent }) { out[i].children.append((c.table, r.column)) }
                else { out.append((r.parent, r.key, [(c.table, r.column)])) }
            }
        }
        return out
    }

    /// The SQL type of a parent's key.
    static func type(ofKey key: String) -> String { key == "id" ? "bigint" : "text" }

    /// The functions and triggers, for `PostgresSchema.create` (after the tables).
    static var schemaSQL: String { functionsSQL + triggersSQL }

    /// The functions (`CREATE OR REPLACE`: no table's lock taken).
    static var functionsSQL: String {
        var sql = """
        -- The parent's key column, its SQL type, then (table, column) pairs.
        CREATE OR REPLACE FUNCTION tagih_referenced() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            i int := 2;
            named boolean;
            old_key text := to_jsonb(OLD) ->> TG_ARGV[0];
        BEGIN
            IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) ->> TG_ARGV[0]) = old_key THEN RETURN NEW; END IF;
            WHILE i < TG_NARGS LOOP
                EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I = CAST($1 AS %s))', TG_ARGV[i], TG_ARGV[i + 1], TG_ARGV[1])
                    INTO named USING old_key;
                IF named THEN
                    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
                        MESSAGE = format('%s on table "%s" violates the reference %s.%s', lower(TG_OP), TG_TABLE_NAME, TG_ARGV[i], TG_ARGV[i + 1]),
                        DETAIL = format('Key (%s)=(%s) is still referenced from table "%s".', TG_ARGV[0], old_key, TG_ARGV[i]);
                END IF;
                i := i + 2;
            END LOOP;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$;

        -- (column, parent table, parent's key, its SQL type) for each reference.
        CREATE OR REPLACE FUNCTION tagih_refs_row() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            i int := 0;
            key text;
            present boolean;
        BEGIN
            WHILE i < TG_NARGS LOOP
                key := to_jsonb(NEW) ->> TG_ARGV[i];
                IF key IS NOT NULL THEN
                    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I = CAST($1 AS %s))', TG_ARGV[i + 1], TG_ARGV[i + 2], TG_ARGV[i + 3])
                        INTO present USING key;
                    IF NOT present THEN
                        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
                            MESSAGE = format('insert or update on table "%s" violates the reference %s.%s', TG_TABLE_NAME, TG_TABLE_NAME, TG_ARGV[i]),
                            DETAIL = format('Key (%s)=(%s) is not present in table "%s".', TG_ARGV[i], key, TG_ARGV[i + 1]);
                    END IF;
                END IF;
                i := i + 4;
            END LOOP;
            RETURN NEW;
        END $$;

        """
        for c in checked {
            sql += "CREATE OR REPLACE FUNCTION \(function(c.table))() RETURNS trigger LANGUAGE plpgsql AS $$\n"
            sql += "DECLARE\n    missing text;\nBEGIN\n"
            for r in c.references {
                sql += """
                    SELECT n.\(r.column) INTO missing FROM tagih_new n
                    WHERE n.\(r.column) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \(r.parent) p WHERE p.\(r.key) = n.\(r.column)) LIMIT 1;
                    IF FOUND THEN
                        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
                            MESSAGE = 'insert or update on table "\(c.table)" violates the reference \(c.table).\(r.column)',
                            DETAIL = format('Key (\(r.column))=(%s) is not present in table "\(r.parent)".', missing);
                    END IF;

                """
            }
            sql += "    RETURN NULL;\nEND $$;\n"
        }
        return sql
    }

    /// The triggers.
    static var triggersSQL: String {
        var sql = ""
        for c in checked {
            // Updates go a row at a time and only when a reference column
            // is changed (PostgreSQL refuses a column list beside a transition
            // table, and a cache's update of every charge must not pay for
            // it; an accounts file sets every account's collector, mostly to
            // what it was): charges and credits refuse such updates anyway.
            let columns = c.references.map(\.column).joined(separator: ", ")
            let changed = c.references.map { "NEW.\($0.column) IS DISTINCT FROM OLD.\($0.column)" }.joined(separator: " OR ")
            let arguments = c.references.map { "'\($0.column)', '\($0.parent)', '\($0.key)', '\(type(ofKey: $0.key))'" }
                .joined(separator: ", ")
            sql += """
            CREATE TRIGGER \(c.table)_refs_insert AFTER INSERT ON \(c.table) REFERENCING NEW TABLE AS tagih_new
                FOR EACH STATEMENT EXECUTE FUNCTION \(function(c.table))();
            CREATE TRIGGER \(c.table)_refs_update BEFORE UPDATE OF \(columns) ON \(c.table)
                FOR EACH ROW WHEN (\(changed)) EXECUTE FUNCTION tagih_refs_row(\(arguments));

            """
        }
        for p in parents {
            let arguments = (["'\(p.key)'", "'\(type(ofKey: p.key))'"] + p.children.map { "'\($0.table)', '\($0.column)'" })
                .joined(separator: ", ")
            sql += """
            CREATE TRIGGER \(p.parent)_referenced BEFORE DELETE OR UPDATE OF \(p.key) ON \(p.parent)
                FOR EACH ROW EXECUTE FUNCTION tagih_referenced(\(arguments));

            """
        }
        return sql
    }

    static func function(_ table: String) -> String { "tagih_refs_\(table)" }

    /// Every trigger here: (name, table, function).
    static var triggers: [(name: String, table: String, function: String)] {
        checked.flatMap { c in [("\(c.table)_refs_insert", c.table, function(c.table)), ("\(c.table)_refs_update", c.table, "tagih_refs_row")] }
            + parents.map { ("\($0.parent)_referenced", $0.parent, "tagih_referenced") }
    }

    /// A database made by an earlier Tagih (`tagih init` upgrades, inside
    /// `PostgresSchema.install`'s transaction): its declared keys on these
    /// columns go and the triggers come. On a current database only the
    /// functions are written again (a body someone changed is put back,
    /// with no table's lock); the triggers are made again only when one is
    /// missing, disabled or calls another function, so `init` beside
    /// people at work does not wait on every writer of the ledger.
    static func upgrade(_ db: PGConnection) throws(PostgresFailure) {
        var changed = false
        for c in checked {
            for r in c.references {
                let names = try db.query("""
                    SELECT con.conname::text FROM pg_constraint con
                    JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (con.conkey)
                    WHERE con.contype = 'f' AND n.nspname = current_schema() AND t.relname = $1 AND a.attname = $2
                    """, [.text(c.table), .text(r.column)]).compactMap { $0.first?.text }
                for name in names { try db.execute("ALTER TABLE \(c.table) DROP CONSTRAINT \"\(name)\""); changed = true }
            }
        }
        try db.executeAll(PostgresSchema.statements(functionsSQL))
        try PostgresSchema.remakeTriggers(db, triggers, triggersSQL, force: changed)
    }

    /// What `check` reports: a trigger missing, disabled or calling another
    /// function, and rows naming a parent row that is not there.
    public static func problems(_ db: PGConnection) throws(PostgresFailure) -> [String] {
        var problems = PostgresSchema.triggerProblems(triggers, try PostgresSchema.installedTriggers(db))
        for c in checked {
            for r in c.references {
                let orphans = try db.query("""
                    SELECT count(*) FROM \(c.table) n WHERE n.\(r.column) IS NOT NULL
                    AND NOT EXISTS (SELECT 1 FROM \(r.parent) p WHERE p.\(r.key) = n.\(r.column))
                    """).first?.first?.int ?? 0
                if orphans > 0 { problems.append("\(orphans) rows of \(c.table) name a row of \(r.parent) that is not there (\(r.column))") }
            }
        }
        return problems
    }
}
