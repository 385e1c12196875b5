import TagihCore

/// The store's one way to talk to a ledger, whichever backend holds it
/// (CONTRACT §12, DESIGN §6): a connection inside a transaction that runs
/// SQL with `?` / `?N` placeholders and reads rows.
///
/// The store writes its SQL once. What differs between SQLite and
/// PostgreSQL lives in the two implementations (`SQLiteSQL` here,
/// `PostgresSQL` in TagihPostgres) and their `SQLDialect`: placeholders, a
/// planner hint SQLite needs (`INDEXED BY`) and PostgreSQL has no word for,
/// the handful of functions whose names differ.
public protocol LedgerSQL: AnyObject {
    var dialect: any SQLDialect { get }
    /// Runs a statement that returns no rows; the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Runs a statement whose answer the caller does not wait for. On a
    /// server it is sent and the caller goes on while the server runs it;
    /// the next statement waits for it and throws its failure, and
    /// `returned` then sees the first column of the rows it returned.
    /// In-process it runs at once.
    func executeLater(_ sql: String, _ arguments: [SQLValue], returned: (([Int64]) -> Void)?) throws
    /// Waits for the statements `executeLater` sent (their `returned` run).
    func waitForLater() throws
    /// A statement's rows, read one at a time (a million-row report never
    /// holds them all). The cursor is valid inside the caller's transaction.
    func cursor(_ sql: String, _ arguments: [SQLValue]) throws -> any SQLCursor
    /// A small result read whole (one account's rows, a count): on a server
    /// one round trip, where a streaming cursor takes two.
    func small(_ sql: String, _ arguments: [SQLValue]) throws -> any SQLCursor
    /// Many rows of `columns` plain columns (integers and text), read in
    /// the fastest way the backend has: a cursor on SQLite; on a server
    /// arrays of 50,000 values a column, as a row costs a client far more
    /// than the same values inside an array (a lead's queue: 58,000 rows,
    /// measured at two thirds of the first paint). The rows come in the
    /// statement's order.
    func bulk(_ sql: String, _ arguments: [SQLValue], columns: Int) throws -> any SQLCursor
    /// `bulk` for a part of a larger read, small enough to hold whole (a
    /// range of accounts' entries), asked for now and read when the
    /// returned closure is called: on a server the statement is sent at
    /// once, in one round trip, and runs while the caller works through
    /// the part before (`LedgerScan`); on SQLite it runs when read.
    func bulkAhead(_ sql: String, _ arguments: [SQLValue], columns: Int) -> () throws -> any SQLCursor
    /// `bulk` for a big part of a read that the rest of the read does not
    /// need first, asked for now and read when the returned closure is
    /// called: on a server it runs on a second connection that shares this
    /// transaction's snapshot (the same figures), so the server works on it
    /// on another core while this connection answers the rest; on SQLite
    /// it runs when read, in this transaction. At most one at a time.
    func bulkBeside(_ sql: String, _ arguments: [SQLValue], columns: Int) -> () throws -> any SQLCursor
    /// Whether the ledger has this table (an older ledger may lack one).
    func tableExists(_ name: String) throws -> Bool
    /// A statement run again and again with new values (a look-up per
    /// account): compiled once on SQLite.
    func prepare(_ sql: String) throws -> any SQLStatement
}

/// A prepared statement: `run(with:)` binds new values and starts it over;
/// its rows are then read as a cursor's.
public protocol SQLStatement: SQLCursor {
    func run(with arguments: [SQLValue]) throws
}

/// Rows read one at a time. Columns are numbered from 0.
public protocol SQLCursor: AnyObject {
    /// Moves to the next row: false when there is none.
    func step() throws -> Bool
    func int(_ column: Int32) -> Int64
    func text(_ column: Int32) -> String?
    func isNull(_ column: Int32) -> Bool
    /// The column names, in order.
    var columnNames: [String] { get }
    func value(_ column: Int32) -> SQLValue
    /// A text column's UTF-8 bytes, lent for `body` only (nil for NULL):
    /// the queue compares a million segments without making Strings.
    func withBytes<R>(_ column: Int32, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R
}

extension SQLCursor {
    public func optInt(_ column: Int32) -> Int64? { isNull(column) ? nil : int(column) }
    /// The current row, copied.
    public func row() -> SQLRow {
        let names = columnNames
        return SQLRow(names: names, values: (0..<Int32(names.count)).map(value))
    }
}

/// One row, copied out of a cursor: by position or by column name.
public struct SQLRow: Sendable {
    public var names: [String]
    public var values: [SQLValue]

    public subscript(_ i: Int) -> SQLValue { values[i] }
    public subscript(_ name: String) -> SQLValue {
        guard let i = names.firstIndex(of: name) else { return .null }
        return values[i]
    }
    public func int(_ name: String) -> Int64? { self[name].int }
    public func text(_ name: String) -> String? { self[name].text }
    public func string(_ name: String) -> String { self[name].text ?? "" }
    public func bool(_ name: String) -> Bool { (self[name].int ?? 0) != 0 }
}

extension LedgerSQL {
    @discardableResult
    public func execute(_ sql: String, _ arguments: any SQLArgument...) throws -> Int {
        try execute(sql, arguments.map(\.sqlValue))
    }

    public func cursor(_ sql: String, _ arguments: any SQLArgument...) throws -> any SQLCursor {
        try cursor(sql, arguments.map(\.sqlValue))
    }

    /// Every row (for small results: a user, an account's holds).
    public func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [SQLRow] {
        let c = try small(sql, arguments)
        var out: [SQLRow] = []
        while try c.step() { out.append(c.row()) }
        return out
    }

    public func row(_ sql: String, _ arguments: [SQLValue] = []) throws -> SQLRow? {
        let c = try small(sql, arguments)
        return try c.step() ? c.row() : nil
    }

    /// The first column of the first row, as an integer (nil: no row, or NULL).
    public func int(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int64? {
        let c = try small(sql, arguments)
        return try c.step() && !c.isNull(0) ? c.int(0) : nil
    }

    public func text(_ sql: String, _ arguments: [SQLValue] = []) throws -> String? {
        let c = try small(sql, arguments)
        return try c.step() ? c.text(0) : nil
    }

    /// A value of the ledger's `meta` table.
    public func meta(_ key: String) throws -> String? {
        try text("SELECT value FROM meta WHERE key = ?", [.text(key)])
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try execute("INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    [.text(key), .text(value)])
    }

    /// Whether the balance cache is the position as of `day` (see `Database.cacheIsCurrent`).
    func cacheIsCurrent(asOf day: Day) throws -> Bool {
        guard let newest = try meta("max_entry_day").flatMap({ Int64($0) }) else { return true }
        return newest <= Int64(day.ordinal)
    }
}

/// A column's type in a `RowBatch` read from arrays (`SQLDialect.arrayRows`).
public enum SQLColumnType: Sendable { case integer, text }

/// A `RowBatch`'s rows as one bound array per column (`SQLDialect.arrayRows`).
public struct ArrayRows: Sendable {
    /// The rows, in place of a `VALUES` list: a `SELECT` whose columns are
    /// named `column1`, `column2`, … as a `VALUES` list's are, one `?` per column.
    public let source: String
    /// One column's values as the value bound for it: `values[first]`,
    /// `values[first + step]`, … (`count` of them), the rows' values being
    /// laid out row after row.
    public let bind: @Sendable (_ values: [SQLValue], _ first: Int, _ step: Int, _ count: Int) -> SQLValue
    /// At most how many rows one statement carries.
    public let rows: Int

    public init(source: String, rows: Int, bind: @escaping @Sendable (_ values: [SQLValue], _ first: Int, _ step: Int, _ count: Int) -> SQLValue) {
        self.source = source
        self.rows = rows
        self.bind = bind
    }
}

/// Where the two dialects differ, as fragments the shared SQL asks for:
/// one implementation per backend (`SQLiteDialect` here, `PostgresDialect`
/// in TagihPostgres), never an `if` on the backend in a store file.
public protocol SQLDialect: Sendable {
    /// A planner hint: SQLite's `INDEXED BY name`; nothing on PostgreSQL,
    /// whose planner takes the index on its own.
    func indexedBy(_ index: String) -> String
    /// A subquery giving the texts of a JSON array bound at `parameter` (`?3`).
    func jsonTexts(_ parameter: String) -> String
    /// A statement giving each row's seal hash (32 bytes) of a sealed table
    /// (`TableSeals`): the same bytes on both backends.
    func rowHashes(table: String, columns: [String], alwaysHashed: Int) -> String
    /// A statement adding the rows of `table` that `filter` selects to the
    /// table's seal: for the tables no trigger seals (`sealedByWriter`).
    func sealAdded(table: String, where filter: String) -> String
    /// Whether every row read crosses a socket and is decoded (PostgreSQL):
    /// today's aging then reads the accounts as ids by group, in integer
    /// arrays (`GroupedAging`), rather than walking them row by row with
    /// their text columns; false in-process (SQLite reads its pages at
    /// memory speed).
    var rowsCrossASocket: Bool { get }
    /// An aggregate: the group's values of the integer `expression` (never
    /// NULL) as one value, read back with `integers(in:)`. Today's aging
    /// takes each collector's account ids in the row of its counts.
    func integerList(_ expression: String) -> String
    /// The integers of an `integerList` value (empty for NULL: no rows);
    /// nil when it is no such value.
    func integers(in value: SQLValue) -> [Int64]?
    /// A count of the rows holding money that is not an exact integer (an
    /// overflow SQLite stored as REAL); nil where the column type forbids it.
    var inexactMoneyCount: String? { get }
    /// Drops the named indexes for a bulk rewrite of the rows they cover
    /// and returns the statements that build them again (run them at the
    /// end, in the same transaction). SQLite's bulk trick: one sorted build
    /// beats a million updates of the keys. PostgreSQL keeps them (other
    /// writers and readers use them meanwhile): none.
    func dropIndexes(_ names: [String], in db: any LedgerSQL) throws -> [String]
    /// Brings the name search up to date after an import: accounts with an
    /// id from `firstNewID` on are new, `renamed` had the old name given.
    /// SQLite's FTS5 table is kept by hand; PostgreSQL's expression index by
    /// the server: nothing to do.
    func indexNames(newFrom firstNewID: Int64, renamed: [(id: Int64, oldName: String)], in db: any LedgerSQL) throws

    // workstation: the search and the ledger watch (WorkstationStore, LedgerWatch).
    /// A text that sorts after every text starting with a given prefix, as
    /// `?1 || ceiling`: `[?1, ?1 || ceiling)` is an index range of the prefix.
    var textCeiling: String { get }
    /// SQLite's `LIKE` (case-insensitive for ASCII letters): PostgreSQL's is `ILIKE`.
    var likeASCIICase: String { get }
    /// The name search: a query of account ids (the caller adds the LIMIT)
    /// taking `argument` as `?1`, finding the names with a word starting with
    /// each of `words` (any case, any accents); nil for no words. The ids
    /// come in account id order, or with `order` appended as `ORDER BY` when
    /// it is not nil (a count needs no order, and on a server sorting every
    /// match of a common prefix is most of its time).
    func nameWords(_ words: [String]) -> (sql: String, order: String?, argument: String)?
    /// The text of `expression` before its first space (all of it without one).
    func firstWord(_ expression: String) -> String

    // remind: the SQL around a `VALUES` list of a sealed table's rows (its
    // sealed columns in order, `column1`, `column2`, …) that adds them to the
    // table's seal: a writer seals each batch of rows it inserts (`RowBatch`).
    func sealValues(table: String) -> (head: String, tail: String)
    // remind: how many rows one multi-row `VALUES` statement of `RowBatch`
    // carries, given the size measured best in-process (`inProcess`): SQLite
    // keeps it (its statements cost a reset and a bind, not a trip); a server
    // takes many more per statement, each statement being a round trip.
    func valuesRows(_ inProcess: Int, columns: Int) -> Int
    // import: how a `RowBatch` whose columns have these types reads its rows
    // from one bound array per column, or nil for a `VALUES` list. A server
    // parses, plans and binds a list of 500 rows of 10 columns as 5,000
    // parameters and the client renders the text around them every time;
    // ten arrays are ten binds of one short statement, the whole chunk at once.
    func arrayRows(_ types: [SQLColumnType]) -> ArrayRows?

    // import: how many rows of a file `RowPoster` reads ahead, looks up
    // together and writes in multi-row statements (`RowPoster.Chunk`),
    // and how many cached figures `LedgerCache` writes per statement. 1
    // in-process: a statement costs SQLite a bind and a step, and the
    // row-by-row path is the one measured. Thousands on a server, where
    // every statement is a round trip and runs its statement-level seal
    // and writer triggers once.
    var writeChunk: Int { get }
    /// A condition: `column` is one of the texts (`inJSONTexts`) or integers
    /// (`inJSONInts`) of a JSON array bound at `parameter`, for a chunk's
    /// look-ups of thousands of values: each an index probe. (PostgreSQL
    /// planned `IN` over a set-returning function as a nested loop running
    /// it again for every row of the table: 30 s a chunk, measured.)
    func inJSONTexts(_ column: String, _ parameter: String) -> String
    /// `SELECT select FROM table WHERE filter AND column` is one of the
    /// texts of the JSON array at `parameter`, where `filter` and `column`
    /// name at most one row (a unique index, `filter`'s columns first): each
    /// text one probe of that index, whatever the planner thinks of `filter`.
    /// (PostgreSQL took a prefix it believed rare — `source = 'debit'`, none
    /// when the table was last analyzed — as the index condition and read
    /// every debit the file had posted so far for each chunk: 90 ms a chunk
    /// and growing, an adjustments file 3.5× SQLite.)
    func probeJSONTexts(select: String, from table: String, where filter: String, column: String, _ parameter: String) -> String
    func inJSONInts(_ column: String, _ parameter: String) -> String
    /// A statement that brings the planner's statistics of `table` up to
    /// date in the middle of a bulk load, or nil. Inside a load they say
    /// the table is as small as when last analyzed (empty, for a new
    /// ledger): PostgreSQL then read a chunk's refs by filtering every
    /// payment so far against the list, half a second a chunk and growing
    /// (measured), where the unique index answers in milliseconds. SQLite
    /// plans by its indexes: nil.
    func analyze(_ table: String) -> String?
    /// A query of how many rows `table` had when its statistics were last
    /// gathered (`analyze` runs again once a load has added as many), or nil.
    func plannedRows(_ table: String) -> String?
}
