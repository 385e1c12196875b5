/// The name search (SQLite: the FTS5 table `accounts_fts`) on PostgreSQL:
/// each account's name in a table of its own, `account_names`, with the GIN
/// index over its folded words, kept in step with `accounts` by triggers.
///
/// Why not an expression index on `accounts` itself (as before 2026-12-06):
/// an account's cached figures (open total, unapplied, oldest due: the
/// queue's index holds them) change with every payment, so PostgreSQL
/// cannot update the row in place (no HOT update) and writes a new entry in
/// every index of the table for it, the name's words included — unaccent,
/// lower case and a tsvector for every payment, about a fifth of the
/// accounts' share of a payments file at 1M accounts. Here the words are
/// written only when a name is: an account added, or its name changed.
///
/// What holds: `account_names` holds exactly the accounts' ids and names
/// (`check` counts any row missing, extra or different: `problems`), and
/// its triggers are there and enabled; SQLite's ledger knows no such table
/// (`migrate` back does not copy it; `migrate` here fills it through the
/// trigger on the accounts it copies).
public enum PostgresNameSearch {
    /// The table, its index, the functions and the triggers, for
    /// `PostgresSchema.create` (after `tagih_fold`, in `PostgresSchema.indexes`).
    static var schemaSQL: String { tableSQL + functionsSQL + triggersSQL }

    static let table = "account_names"

    static let tableSQL = """
    CREATE TABLE account_names (
        id   bigint PRIMARY KEY,
        name text COLLATE "C" NOT NULL
    );
    CREATE INDEX account_names_words ON account_names USING gin (to_tsvector('simple'::regconfig, tagih_fold(name)));

    """

    /// `CREATE OR REPLACE`: `init` writes them again with no table's lock.
    static let functionsSQL = """
    CREATE OR REPLACE FUNCTION tagih_names_added() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO account_names(id, name) SELECT id, name FROM tagih_new;
        RETURN NULL;
    END $$;
    CREATE OR REPLACE FUNCTION tagih_names_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM account_names WHERE id = OLD.id;
        ELSE
            UPDATE account_names SET id = NEW.id, name = NEW.name WHERE id = OLD.id;
        END IF;
        RETURN NULL;
    END $$;

    """

    /// An insert (a `COPY` too) a statement at a time; a change of name a
    /// row at a time, and only when the name differs: an import sets every
    /// column of an account it updates, and most names stay as they were.
    static let triggersSQL = """
    CREATE TRIGGER accounts_names_added AFTER INSERT ON accounts REFERENCING NEW TABLE AS tagih_new
        FOR EACH STATEMENT EXECUTE FUNCTION tagih_names_added();
    CREATE TRIGGER accounts_names_changed AFTER UPDATE OF id, name ON accounts FOR EACH ROW
        WHEN (NEW.name IS DISTINCT FROM OLD.name OR NEW.id <> OLD.id) EXECUTE FUNCTION tagih_names_changed();
    CREATE TRIGGER accounts_names_removed AFTER DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION tagih_names_changed();

    """

    /// Every trigger here: (name, table, function).
    static let triggers: [(name: String, table: String, function: String)] = [
        ("accounts_names_added", "accounts", "tagih_names_added"),
        ("accounts_names_changed", "accounts", "tagih_names_changed"),
        ("accounts_names_removed", "accounts", "tagih_names_changed"),
    ]

    /// The search: each word a prefix term of a `simple` text search, folded
    /// as the index is. The search orders it by id, as SQLite's FTS5 gives its
    /// rowids (so a LIMIT keeps the same accounts); a count does not (for
    /// `a` on 1M accounts, 162,981 names: sorted 85–134 ms, unsorted and
    /// stopped at 10,000, 23 ms).
    static let searchSQL = """
    SELECT id FROM account_names WHERE to_tsvector('simple'::regconfig, tagih_fold(name)) @@ to_tsquery('simple'::regconfig, tagih_fold(?1))
    """

    /// A database made by an earlier Tagih (`tagih init`, inside
    /// `PostgresSchema.install`'s transaction): the table is made and filled
    /// from the accounts, and the expression index on `accounts` goes. On a
    /// current database the functions are written again and the triggers
    /// made again only when one is missing, disabled or changed.
    static func upgrade(_ db: PGConnection) throws(PostgresFailure) {
        let made = try PostgresSchema.exists(db, "account_names")
        if !made {
            try db.executeAll(PostgresSchema.statements(tableSQL))
            try db.execute("INSERT INTO account_names(id, name) SELECT id, name FROM accounts")
            try db.execute("DROP INDEX IF EXISTS accounts_name_words")
        }
        try db.executeAll(PostgresSchema.statements(functionsSQL))
        try PostgresSchema.remakeTriggers(db, triggers, triggersSQL, force: !made)
    }

    /// What `check` reports: a trigger missing, disabled or calling another
    /// function, and accounts whose name the search holds wrongly or not at
    /// all (or holds for an account that is not there).
    public static func problems(_ db: PGConnection) throws(PostgresFailure) -> [String] {
        // Without the table the schema is not this version's (`isCurrent`:
        // its tables), which `check` says already, with `init` to mend it.
        guard try PostgresSchema.exists(db, "account_names") else { return [] }
        var problems = PostgresSchema.triggerProblems(triggers, try PostgresSchema.installedTriggers(db))
        let counts = try db.query("""
            SELECT count(*) FILTER (WHERE n.id IS NULL), count(*) FILTER (WHERE a.id IS NULL),
                   count(*) FILTER (WHERE a.id IS NOT NULL AND n.id IS NOT NULL AND a.name <> n.name)
            FROM accounts a FULL JOIN account_names n ON n.id = a.id
            WHERE n.id IS NULL OR a.id IS NULL OR a.name <> n.name
            """).first ?? []
        let missing = counts.first?.int ?? 0, extra = counts.dropFirst().first?.int ?? 0, differ = counts.dropFirst(2).first?.int ?? 0
        if missing > 0 { problems.append("\(missing) accounts are missing from the name search (account_names)") }
        if extra > 0 { problems.append("\(extra) rows of the name search (account_names) name an account that is not there") }
        if differ > 0 { problems.append("\(differ) accounts have another name in the name search (account_names) than their own") }
        return problems
    }
}
