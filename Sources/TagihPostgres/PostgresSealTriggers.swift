import Foundation

/// The table seals on PostgreSQL (CONTRACT §1a, §12): the same sums, kept the
/// same way as SQLite's (Sources/TagihStore/Database/TableSeals.swift), so
/// the store can run the same SQL on both backends and the audit trail
/// records the same seals.
///
/// - `tagih_row_<table>(cols…) RETURNS bytea`: a row's hash, the bytes
///   SQLite's `tagih_row` hashes (one function per table: PL/pgSQL has no
///   variadic of mixed types).
/// - `seal_<table>_insert/_delete/_update`: the triggers, as on SQLite (the
///   same names, the same `UPDATE OF` columns, accounts without an insert
///   trigger, the reminders' four tables without any: their writer seals
///   them), adding or taking the rows' hashes from the transaction's pending
///   sum of that table (inserts and deletes once per statement, see `triggers`).
/// - `tagih_seal_take()`: the pending sums as `table=hex;…` (tables by
///   name, zero sums left out: SQLite's text), cleared;
///   `tagih_seal_add(table, hex)`: adds a sum (the upgrade reseal).
/// - `tagih_seal_move(table, delta numeric)`: the one primitive; a writer
///   seals the rows it added with one call per statement (`sealAdded`).
///
/// The pending sums are transaction-local settings (`set_config(…, true)`,
/// named `tagih.seal.<table>`, a decimal number below 2²⁵⁶): COMMIT and
/// ROLLBACK drop them as GRDB's observer does on SQLite, and so does a
/// ROLLBACK TO SAVEPOINT (or a PL/pgSQL exception block) for the changes made
/// after the savepoint — PostgreSQL restores settings with the subtransaction.
///
/// The guard: SQLite's seal functions exist only on Tagih's own connections,
/// so the `sqlite3` shell cannot write a sealed table. Here a statement-level
/// trigger `seal_<table>_writer` refuses (SQLSTATE P0001, one sentence) an
/// insert, delete, truncate or update of a sealed column in a transaction
/// that did not `SET LOCAL tagih.writer = 'on'` (`PGConnection.beginWriting`,
/// done by `transaction`). It keeps an administrator's `psql` from changing a
/// sealed table by mistake; it is not a lock against someone who knows the
/// setting — the protected install keeps people's own logins out of the
/// database (§12), and `check` finds any change the trail did not record.
public enum PostgresSealTriggers {
    /// A sealed table: the columns its rows' hash covers, in order, and how.
    public struct Table: Sendable, Equatable {
        public let name: String
        /// The columns hashed, in order, each with whether it holds an integer ("i") or text ("t").
        public let columns: [Column]
        /// How many leading columns count even when NULL; the rest (added to
        /// the table after it was sealed) count only when set.
        public let alwaysHashed: Int
        /// Sealed by the code that adds its rows (`sealAdded`), not by row triggers.
        public let sealedByWriter: Bool
        /// Whether inserts have a row trigger (accounts' do not: an import seals its new accounts in bulk).
        public let insertTrigger: Bool

        public var columnNames: [String] { columns.map(\.name) }
    }

    public struct Column: Sendable, Equatable {
        public let name: String
        public let integer: Bool
    }

    /// The sealed tables, as SQLite's `SealedTable` lists them (a test holds
    /// this to `SealedColumns.all`): the columns come from the schema here,
    /// all of a table's but the caches `check` proves another way.
    static let specs: [(table: String, unsealed: [String], addedLater: [String], byWriter: Bool)] = [
        ("users", [], [], false), ("rules", [], [], false),
        ("accounts", ["open_total", "unapplied", "oldest_due", "credit_count", "next_action_day", "next_action_at"], ["language", "va_number"], false),
        ("contacts", [], ["phone_number"], false), ("plans", [], [], false), ("plan_lines", [], [], false),
        ("plan_events", [], [], false), ("holds", [], [], false), ("cases", [], [], false), ("case_events", [], [], false),
        ("phones", [], [], false), ("phone_marks", [], [], false), ("channels", [], [], false),
        ("messages", [], [], true), ("message_stages", [], [], true), ("message_results", [], [], true), ("stage_pauses", [], [], true),
    ]

    public static let tables: [Table] = specs.map { s in
        let columns = PostgresSchema.columns(of: s.table).filter { !s.unsealed.contains($0.name) }
        return Table(name: s.table, columns: columns, alwaysHashed: columns.count - s.addedLater.count, sealedByWriter: s.byWriter,
                     insertTrigger: !s.byWriter && s.table != "accounts")
    }

    public static func table(_ name: String) -> Table? { tables.first { $0.name == name } }

    /// A table the store names in its own code: one that is not sealed is a mistake in the program.
    static func spec(_ name: String) -> Table {
        guard let t = table(name) else { preconditionFailure("\(name) is not a sealed table") }
        return t
    }

    // MARK: SQL fragments (shared by the stored functions and `recompute`, which trusts none of them)

    /// 2⁶⁴ and 2²⁵⁶ as numeric literals: the seal is a sum modulo 2²⁵⁶ (`Seal.add`).
    static let two64 = "18446744073709551616"
    static let two256 = "115792089237316195423570985008687907853269984665640564039457584007913129639936"

    /// A row's hash from `values` (SQL expressions, one per column of `table`):
    /// SHA-256 of "t" table 0x1F, then per column its tag and value and 0x1F
    /// — "n" for NULL (only among the `alwaysHashed` columns: a later column
    /// that is NULL adds nothing), "i" and the decimal for an integer, "t"
    /// and the UTF-8 bytes for text.
    static func rowHashSQL(_ table: Table, _ values: [String]) -> String {
        let parts = zip(table.columns, values).enumerated().map { i, cv -> String in
            let (column, v) = cv
            let value = column.integer ? "'i' || (\(v))::text" : "'t' || \(v)"
            let null = i < table.alwaysHashed ? "'n' || chr(31)" : "''"
            return "CASE WHEN \(v) IS NULL THEN \(null) ELSE \(value) || chr(31) END"
        }
        return "sha256(convert_to('t\(table.name)' || chr(31) || \(parts.joined(separator: " || ")), 'UTF8'))"
    }

    /// The 256-bit unsigned number of 32 bytes `h` (big-endian), as four
    /// 64-bit limbs (`bit(64)::bigint` reads them signed: +2⁶⁴ mod 2⁶⁴).
    static func numberSQL(_ h: String) -> String {
        let limb = { (i: Int) in
            "mod((('x' || encode(substring(\(h) from \(i * 8 + 1) for 8), 'hex'))::bit(64)::bigint)::numeric + \(two64), \(two64))"
        }
        return "(((\(limb(0)) * \(two64) + \(limb(1))) * \(two64) + \(limb(2))) * \(two64) + \(limb(3)))"
    }

    /// A number in [0, 2²⁵⁶) as 64 lower-case hex digits (`Seal.hex`): each
    /// limb made a signed bigint for `to_hex`, which prints two's complement.
    static func hexSQL(_ n: String) -> String {
        let limb = { (shift: String) -> String in
            let l = "mod(div(\(n), \(shift)), \(two64))"
            return "lpad(to_hex((CASE WHEN \(l) >= 9223372036854775808 THEN \(l) - \(two64) ELSE \(l) END)::bigint), 16, '0')"
        }
        return [limb("6277101735386680763835789423207666416102355444464034512896"), limb("340282366920938463463374607431768211456"),
                limb(two64), limb("1")].joined(separator: " || ")
    }

    // MARK: The schema's part

    /// The functions and triggers, in the order they are created (`PostgresSchema.create`).
    public static var schemaSQL: String {
        var sql = """
        CREATE FUNCTION tagih_seal_number(h bytea) RETURNS numeric LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            RETURN \(numberSQL("h"));
        CREATE FUNCTION tagih_seal_hex(n numeric) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            RETURN (SELECT \(hexSQL("m")) FROM (SELECT mod(mod(n, \(two256)) + \(two256), \(two256)) AS m) AS x);
        -- The one primitive: adds delta (of any sign) to the table's pending sum, modulo 2^256.
        CREATE FUNCTION tagih_seal_move(tbl text, delta numeric) RETURNS text LANGUAGE plpgsql AS $$
        DECLARE
            cur text := current_setting('tagih.seal.' || tbl, true);
        BEGIN
            IF delta IS NULL OR delta = 0 THEN RETURN NULL; END IF;
            PERFORM set_config('tagih.seal.' || tbl,
                               mod(mod(coalesce(nullif(cur, '')::numeric, 0) + delta, \(two256)) + \(two256), \(two256))::text, true);
            RETURN NULL;
        END $$;
        -- SQLite's tagih_seal(code, sign, values...): a row's hash (32 bytes) added (sign 1) or taken (-1).
        CREATE FUNCTION tagih_seal_row(tbl text, direction integer, h bytea) RETURNS text LANGUAGE plpgsql AS $$
        BEGIN
            IF length(h) <> 32 THEN
                RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value', MESSAGE = 'tagih_seal_row: a row hash is 32 bytes';
            END IF;
            RETURN tagih_seal_move(tbl, CASE WHEN direction < 0 THEN -1 ELSE 1 END * tagih_seal_number(h));
        END $$;
        -- SQLite's tagih_seal_add(table, hex): a sealed table's whole change at once; anything else is ignored, as there.
        CREATE FUNCTION tagih_seal_add(tbl text, hex text) RETURNS text LANGUAGE plpgsql AS $$
        BEGIN
            IF tbl = ANY (\(namesArray)) AND hex ~ '^[0-9a-f]{64}$' THEN
                PERFORM tagih_seal_move(tbl, tagih_seal_number(decode(hex, 'hex')));
            END IF;
            RETURN NULL;
        END $$;
        -- SQLite's tagih_seal_take(): the pending sums as table=hex;... by table name, zero sums left out, then cleared.
        CREATE FUNCTION tagih_seal_take() RETURNS text LANGUAGE plpgsql AS $$
        DECLARE
            t text;
            v text;
            out text := '';
        BEGIN
            FOREACH t IN ARRAY \(namesArray) LOOP
                v := current_setting('tagih.seal.' || t, true);
                CONTINUE WHEN v IS NULL OR v = '';
                PERFORM set_config('tagih.seal.' || t, '', true);
                CONTINUE WHEN v::numeric = 0;
                out := out || CASE WHEN out = '' THEN '' ELSE ';' END || t || '=' || tagih_seal_hex(v::numeric);
            END LOOP;
            RETURN out;
        END $$;
        -- The guard of every sealed table (statement level: one call per statement, however many rows).
        CREATE FUNCTION tagih_seal_writer() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF coalesce(current_setting('tagih.writer', true), '') <> 'on' THEN
                RAISE EXCEPTION USING ERRCODE = 'raise_exception',
                    MESSAGE = TG_TABLE_NAME || ' is sealed: only Tagih writes it (tagih check reports a change made any other way)';
            END IF;
            RETURN NULL;
        END $$;

        """
        for t in tables {
            sql += rowFunctionSQL(t) + ";\n"
            for trigger in triggers(t) { sql += trigger.sql + ";\n" }
        }
        return sql
    }

    /// The tables' names in SQLite's order for `tagih_seal_take` (Swift's `<` on ASCII: bytes), as a SQL array.
    static var namesArray: String {
        "ARRAY[" + tables.map(\.name).sorted().map { "'\($0)'" }.joined(separator: ", ") + "]::text[]"
    }

    /// `tagih_row_<table>(cols…)`: a row's hash, arguments in column order
    /// (integers as bigint: a day's integer widens to it).
    static func rowFunctionSQL(_ t: Table) -> String {
        let types = t.columns.map { $0.integer ? "bigint" : "text" }.joined(separator: ", ")
        let args = t.columns.indices.map { "$\($0 + 1)" }
        return "CREATE FUNCTION tagih_row_\(t.name)(\(types)) RETURNS bytea LANGUAGE sql STABLE PARALLEL SAFE\n    RETURN \(rowHashSQL(t, args))"
    }

    /// A call of `tagih_row_<table>` over `prefix` + each column (`NEW.`, `OLD.`, or the table's own columns).
    static func rowCall(_ t: Table, _ prefix: String = "") -> String {
        "tagih_row_\(t.name)(\(t.columnNames.map { prefix + "\"\($0)\"" }.joined(separator: ", ")))"
    }

    /// Each trigger of a table (its function first), by name, as created.
    static func triggers(_ t: Table) -> [(name: String, sql: String)] {
        let updateOf = "UPDATE OF " + t.columnNames.map { "\"\($0)\"" }.joined(separator: ", ")
        var out: [(String, String)] = [("seal_\(t.name)_writer", """
            CREATE TRIGGER seal_\(t.name)_writer BEFORE INSERT OR \(updateOf) OR DELETE OR TRUNCATE ON \(t.name)
                FOR EACH STATEMENT EXECUTE FUNCTION tagih_seal_writer()
            """)]
        guard !t.sealedByWriter else { return out }
        // Inserts and deletes are summed once per statement over its rows (a
        // transition table): one update of the pending sum, not one per row
        // (measured on a loaded test machine: 100,000 contacts inserted in
        // 1.9 s, no slower than with the trigger off within the noise, against
        // 10.7 s with a row trigger).
        // Updates are row triggers: transition tables cannot go with
        // `UPDATE OF` columns, and the WHEN clause skips, without calling
        // any function, a row whose sealed columns did not change — a
        // refresh of accounts' cached figures costs nothing here.
        // (The hashes go through variables: `tagih_seal_number` is inlined
        // and reads its argument four times, which would hash a row four times.)
        out.append(("tagih_seal_\(t.name)", """
            CREATE FUNCTION tagih_seal_\(t.name)() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                new_hash bytea;
                old_hash bytea;
            BEGIN
                IF TG_LEVEL = 'STATEMENT' THEN
                    PERFORM tagih_seal_move('\(t.name)', CASE TG_OP WHEN 'DELETE' THEN -1 ELSE 1 END
                        * (SELECT sum(tagih_seal_number(h)) FROM (SELECT \(rowCall(t)) AS h FROM changed OFFSET 0) AS r));
                ELSE
                    new_hash := \(rowCall(t, "NEW."));
                    old_hash := \(rowCall(t, "OLD."));
                    PERFORM tagih_seal_move('\(t.name)', tagih_seal_number(new_hash) - tagih_seal_number(old_hash));
                END IF;
                RETURN NULL;
            END $$
            """))
        let function = "EXECUTE FUNCTION tagih_seal_\(t.name)()"
        if t.insertTrigger {
            out.append(("seal_\(t.name)_insert",
                        "CREATE TRIGGER seal_\(t.name)_insert AFTER INSERT ON \(t.name) REFERENCING NEW TABLE AS changed FOR EACH STATEMENT \(function)"))
        }
        out.append(("seal_\(t.name)_delete",
                    "CREATE TRIGGER seal_\(t.name)_delete AFTER DELETE ON \(t.name) REFERENCING OLD TABLE AS changed FOR EACH STATEMENT \(function)"))
        let columns = { (row: String) in "(" + t.columnNames.map { "\(row).\"\($0)\"" }.joined(separator: ", ") + ")" }
        out.append(("seal_\(t.name)_update", """
            CREATE TRIGGER seal_\(t.name)_update AFTER \(updateOf) ON \(t.name) FOR EACH ROW
                WHEN (\(columns("OLD")) IS DISTINCT FROM \(columns("NEW"))) \(function)
            """))
        return out
    }

    /// The triggers that move the seals (not the guards), by table: `migrate`
    /// turns them off while it copies rows whose seals its copied trail records.
    public static var sealingTriggers: [(table: String, trigger: String)] {
        tables.flatMap { t in triggers(t).map(\.name).filter { $0.hasPrefix("seal_") && !$0.hasSuffix("_writer") }.map { (t.name, $0) } }
    }

    /// `check`'s look at the seal machinery (SQLite: a seal trigger dropped
    /// or altered is a finding of the schema check): every trigger present,
    /// enabled and calling its function, every PL/pgSQL function's body the
    /// one created here. (The SQL functions — row hash, number, hex — are not
    /// compared: `recompute` uses none of them, so a replaced one shows as
    /// seals that differ from the rows.) One line per difference.
    public static func problems(_ db: PGConnection) throws(PostgresFailure) -> [String] {
        let have = try PostgresSchema.installedTriggers(db)
        let expected = tables.flatMap { t in
            triggers(t).map(\.name).filter { $0.hasPrefix("seal_") }
                .map { (name: $0, table: t.name, function: $0.hasSuffix("_writer") ? "tagih_seal_writer" : "tagih_seal_\(t.name)") }
        }
        var problems = PostgresSchema.triggerProblems(expected, have, missing: "")
        var bodies: [String: String] = [:]
        for r in try db.query("""
            SELECT p.proname::text, p.prosrc FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = current_schema() AND p.proname LIKE 'tagih\\_seal%'
            """) {
            if let name = r[0].text, let body = r[1].text { bodies[name] = body }
        }
        for (name, body) in plpgsqlBodies {
            guard let b = bodies[name] else { problems.append("function \(name) is missing"); continue }
            if b != body { problems.append("function \(name) differs from the schema (its definition was changed)") }
        }
        return problems
    }

    /// Each PL/pgSQL function of the seals by name, with its body as created (between the `$$`).
    static var plpgsqlBodies: [(name: String, body: String)] {
        PostgresSchema.statements(schemaSQL).compactMap { s -> (String, String)? in
            guard s.hasPrefix("CREATE FUNCTION "), let open = s.range(of: "$$"), let close = s.range(of: "$$", options: .backwards),
                  open.upperBound <= close.lowerBound else { return nil }
            let name = s.dropFirst("CREATE FUNCTION ".count).prefix { $0 != "(" }
            return (String(name), String(s[open.upperBound..<close.lowerBound]))
        }
    }

    // MARK: Statements for the store

    /// SQLite's `TableSeals.sealAdded(db, table, where: filter)` (and
    /// `sealNewAccounts`: `sealAdded("accounts", where: "id > $1")`): the rows
    /// of `table` that `filter` selects added to its pending sum, in one
    /// statement and one update of the sum. `filter` may name the table's
    /// columns bare or as `table.column`.
    public static func sealAdded(_ table: String, where filter: String) -> String {
        let t = spec(table)
        // OFFSET 0 keeps the subquery whole: each row hashed once (see `triggers`).
        return "SELECT tagih_seal_move('\(t.name)', sum(tagih_seal_number(h))) FROM (SELECT \(rowCall(t)) AS h FROM \(t.name) WHERE \(filter) OFFSET 0) AS r"
    }

    /// The SQL around a `VALUES` list whose rows are a table's sealed columns
    /// in order (`column1`, `column2`, …): SQLite's RowBatch template
    /// `("SELECT tagih_seal(15, 1, column1, column2, column3) FROM (", ")")`.
    public static func sealValues(_ table: String) -> (head: String, tail: String) {
        let t = spec(table)
        let columns = t.columns.indices.map { "column\($0 + 1)" }.joined(separator: ", ")
        return ("SELECT tagih_seal_move('\(t.name)', sum(tagih_seal_number(h))) FROM (SELECT tagih_row_\(t.name)(\(columns)) AS h FROM (",
                ") AS v OFFSET 0) AS r")
    }

    /// A table's seal recomputed from its rows, as 64 hex digits, in one
    /// statement built here — it calls none of the stored functions, so
    /// `check` holds even if someone replaced one of them.
    /// Each row's hash (32 bytes) of a sealed table, one row each, built
    /// here like `recomputeSQL`: the store's shared `check` sums them.
    public static func rowHashesSQL(_ table: String) -> String {
        let t = spec(table)
        return "SELECT \(rowHashSQL(t, t.columnNames.map { "\"\($0)\"" })) FROM \(t.name)"
    }

    public static func recomputeSQL(_ table: String) -> String {
        let t = spec(table)
        let hash = rowHashSQL(t, t.columnNames.map { "\"\($0)\"" })
        return """
            SELECT \(hexSQL("m")) FROM (SELECT mod(coalesce(sum(\(numberSQL("h"))), 0), \(two256)) AS m
            FROM (SELECT \(hash) AS h FROM \(t.name) OFFSET 0) AS r) AS s
            """
    }
}

extension PGConnection {
    /// Marks the open transaction as Tagih's (`SET LOCAL tagih.writer = 'on'`):
    /// the sealed tables' guards let it write. Call it right after BEGIN; it
    /// ends with the transaction. (`transaction` calls it unless told not to.)
    ///
    /// In the same statement, `idle_in_transaction_session_timeout` for the
    /// transaction: a writer holds the audit chain's turn (`PostgresLedger.
    /// writeInTurn`) to its commit, and a client that vanished mid-write (a
    /// host powered off, a cable pulled: no FIN reaches the server, and TCP
    /// keepalive takes two hours) would hold every other writer back until
    /// then. None of Tagih's writers waits on its client that long between
    /// two statements; the server ends such a transaction (rolled back:
    /// nothing half-written) and the queue moves on.
    public func beginWriting() throws(PostgresFailure) {
        try execute("SELECT set_config('tagih.writer', 'on', true), set_config('idle_in_transaction_session_timeout', '\(Self.writerIdleLimit)', true)")
    }

    /// How long a write transaction may wait on its client between statements.
    public static let writerIdleLimit = "60s"
}
