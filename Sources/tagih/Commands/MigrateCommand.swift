import ArgumentParser
import Foundation
import TagihConfig
import TagihCore
import TagihPostgres
import TagihStore

/// `tagih migrate --to TARGET` (CONTRACT §2, §12): the whole ledger copied
/// as it is into an empty ledger of the other kind, in one transaction. A
/// ledger file goes into an empty PostgreSQL database (here); a PostgreSQL
/// ledger into a new ledger file (`MigrateToFile`).
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the whole ledger into an empty ledger of the other kind: a file into PostgreSQL, or back (admins only).",
        discussion: """
        With a ledger file as --db, TARGET is an empty PostgreSQL database (postgresql://…); with a PostgreSQL --db, \
        TARGET is a new ledger file (or an empty one). Every table is copied row for row (entries, contacts, plans, users, \
        rules and the audit chain as it is), in one transaction: the target is all or nothing. A target that holds \
        anything is refused.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("to"), help: ArgumentHelp(
        "The target: postgresql://[USER@][HOST][:PORT]/DBNAME[?host=/SOCKET/FOLDER] from a ledger file, or a new ledger file from PostgreSQL.",
        valueName: "target"))
    var target: String

    /// Rows sent per COPY: bounded memory for a ledger of millions of rows.
    static let batch = 20_000

    func run() throws {
        // A PostgreSQL --db is this command's own until the store has its seam (`MigrateToFile`).
        let ctx = try CommandContext(global)
        let to: LedgerLocation
        do { to = try LedgerLocation.parse(target) } catch { throw CommandError.usage(ctx.strings.locationProblem("--to", error)) }
        switch (ctx.location, to) {
        case (.file, .postgres(let uri)): try toPostgres(ctx, uri)
        case (.postgres(let uri), .file(let path)): try MigrateToFile.run(ctx, from: uri, to: path)
        case (.file, .file): throw CommandError.usage(ctx.strings.migrateRefusal(.sameKind(target: target, postgres: false)))
        case (.postgres, .postgres): throw CommandError.usage(ctx.strings.migrateRefusal(.sameKind(target: target, postgres: true)))
        }
    }

    /// A ledger file into an empty PostgreSQL database.
    func toPostgres(_ ctx: CommandContext, _ uri: PostgresURI) throws {
        let (db, session) = try ctx.session(access: .read, records: false)
        guard session.user.role == .admin else {
            throw CommandError.failed(ctx.strings.migrateRefusal(.adminsOnly(login: session.user.login, role: session.user.role.rawValue)))
        }
        let pg = try InitPostgres.connect(ctx, uri)
        defer { pg.close() }
        let place = uri.display
        do {
            let copied = try pg.transaction(attempts: 1) { pg in try Self.copy(db, into: pg, place: place) }
            try Self.analyze(pg)
            say("\(ctx.dbPath): copied to \(place): \(copied) rows in \(PostgresSchema.tableOrder.count) tables")
        } catch let f as PostgresFailure {
            throw CommandError.failed(f.text(ctx.strings) + "; nothing was copied")
        }
    }

    /// The planner's statistics of the tables just filled: without them a
    /// lead's first paint on 1M accounts took 322–331 ms, with them 237–250 ms
    /// (autovacuum would gather them, later). After the copy's commit.
    static func analyze(_ pg: PGConnection) throws {
        try pg.execute("ANALYZE")
    }

    /// Creates the schema (or finds an empty current one) and loads every
    /// table; the caller's transaction makes it all or nothing.
    static func copy(_ db: AppDatabase, into pg: PGConnection, place: String) throws -> Int64 {
        if try requireEmpty(pg, place: place) { try PostgresSchema.create(pg) }

        // Derived rows (case_days) are copied as they are, not derived again; the
        // copied trail already holds the seals of the rows copied (no row hashed twice).
        for d in PostgresSchema.offWhileLoading { try pg.execute("ALTER TABLE \(d.table) DISABLE TRIGGER \(d.trigger)") }
        try pg.execute("SET CONSTRAINTS ALL DEFERRED")
        var tables: [(name: String, columns: [String])] = []
        for table in PostgresSchema.tableOrder { tables.append((table, try columns(pg, table))) }
        var total: Int64 = 0
        var pending: [[PGValue]] = []
        var current = ""
        var tableRows: Int64 = 0
        let progress = MigrateProgress()
        func flush() throws {
            guard !pending.isEmpty, let t = tables.first(where: { $0.name == current }) else { return }
            try pg.copy(into: t.name, columns: t.columns, rows: pending)
            total += Int64(pending.count)
            tableRows += Int64(pending.count)
            pending.removeAll(keepingCapacity: true)
            progress.show(t.name, rows: tableRows)
        }
        try LedgerDump.rows(db, tables: tables) { table, values in
            if table != current { try flush(); current = table; tableRows = 0 }
            pending.append(try values.enumerated().map { i, v in try Self.value(v, table: table, column: tables.first { $0.name == table }!.columns[i]) })
            if pending.count >= batch { try flush() }
        }
        try flush()
        progress.end()
        // The deferred foreign keys are checked here, before the triggers come back on.
        try pg.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for d in PostgresSchema.offWhileLoading { try pg.execute("ALTER TABLE \(d.table) ENABLE TRIGGER \(d.trigger)") }
        return total
    }

    /// Refuses a database that holds anything (tables not Tagih's, or a
    /// ledger with rows); true when it has no tables at all (the schema is
    /// then created), false for an empty current Tagih schema.
    @discardableResult
    static func requireEmpty(_ pg: PGConnection, place: String) throws -> Bool {
        let existing = try PostgresSchema.existingTables(pg)
        if existing.isEmpty { return true }
        guard try PostgresSchema.isCurrent(pg) else {
            throw CommandError.failed("\(place) holds tables that are not an empty Tagih ledger (\(existing.prefix(5).joined(separator: ", "))); migrate copies only into an empty database")
        }
        for table in PostgresSchema.tableOrder {
            let n = try pg.query("SELECT count(*) FROM \(table)").first?.first?.int ?? 0
            if n > 0 { throw CommandError.failed("\(place) is not empty (its table \(table) has \(n) rows); migrate copies only into an empty ledger") }
        }
        return false
    }

    /// The columns of `table` on the server, in their order (both ways of `migrate` copy these).
    static func columns(_ pg: PGConnection, _ table: String) throws -> [String] {
        try pg.query("""
            SELECT column_name::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position
            """, [.text(table)]).compactMap { $0.first?.text }
    }

    /// A SQLite value as PostgreSQL takes it; what a typed column cannot hold is refused, never altered.
    static func value(_ v: LedgerDump.Value, table: String, column: String) throws -> PGValue {
        switch v {
        case .null: return .null
        case .integer(let n): return .int(n)
        case .text(let s):
            guard !s.utf8.contains(0) else {
                throw CommandError.failed("\(table).\(column) holds a NUL character, which PostgreSQL text cannot; nothing was copied")
            }
            return .text(s)
        case .real, .blob:
            throw CommandError.failed("\(table).\(column) holds a value that is neither a whole number nor text; nothing was copied")
        }
    }
}

/// The line a person watching a big ledger move sees on a terminal (standard
/// error), rewritten in place as each batch lands; nothing for a script.
struct MigrateProgress {
    let shown = isatty(STDERR_FILENO) != 0

    func show(_ table: String, rows: Int64) {
        if shown { FileHandle.standardError.write(Data("\rmigrate: \(table) \(rows) rows\u{1B}[K".utf8)) }
    }

    func end() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
