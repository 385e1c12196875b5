import Foundation
import TagihConfig
import TagihCore
import TagihPostgres
import TagihStore

/// `tagih --db postgresql://… migrate --to FILE` (CONTRACT §12): the way
/// back. Every table of the PostgreSQL ledger, row for row (the audit chain
/// and its seals as they are), into a new SQLite ledger file, or an empty
/// one, in one transaction; on any failure the file this made is removed
/// (with its -wal and -shm), and an empty target is left as it was.
///
/// This is `migrate`'s own PostgreSQL branch until the store has its seam:
/// it reads the server through `PGConnection` and checks the person with
/// `PostgresActor`.
enum MigrateToFile {
    /// Rows fetched from the server at a time: bounded memory for a ledger of millions of rows.
    static let batch = 20_000

    /// What the target path held before: what a failure must leave.
    enum Before: Equatable {
        /// No file: one made here is removed.
        case nothing
        /// An empty file (the admin made it): emptied again.
        case emptyFile
        /// A ledger with Tagih's current schema and no rows: its transaction rolls back.
        case emptyLedger
    }

    static func run(_ ctx: CommandContext, from uri: PostgresURI, to path: String) throws {
        let s = ctx.strings
        let place = uri.display
        let pg = try InitPostgres.connect(ctx, uri)
        defer { pg.close() }
        do {
            let actor = try PostgresActor.acting(pg, ctx, ledger: place)
            guard actor.role == "admin" else { throw CommandError.failed(s.migrateRefusal(.adminsOnly(login: actor.login, role: actor.role))) }
            guard try PostgresSchema.isCurrent(pg) else { throw CommandError.failed(s.migrateRefusal(.sourceNotALedger(place))) }
        } catch let f as PostgresFailure {
            throw CommandError.failed(f.text(s))
        }
        let before = try inspect(ctx, path)
        var db: AppDatabase?
        do {
            let target = try Install.open(path: path, settings: ctx.settings, create: true, cacheMebibytes: 64)
            db = target
            if before != .emptyLedger {
                try LedgerCopyIn.formatIfEmpty(target)
                try target.migrate()
            }
            let tables = try matchedTables(pg, target, path: path, strings: s)
            let copied = try copy(pg, into: target, tables: tables)
            db = nil
            // The WAL folded into the file: the file alone is the ledger.
            try target.close()
            say("\(place): copied to \(path): \(copied) rows in \(tables.count) tables")
        } catch {
            try? db?.close()
            db = nil
            let removed = undo(before, path: path)
            throw CommandError.failed(sentence(error, path: path, strings: s) + "; " + s.migrateUndone(path, removed: removed))
        }
    }

    /// Refuses a target that holds anything: a folder, a file that is not a
    /// ledger, a ledger with rows. Nothing is written here.
    static func inspect(_ ctx: CommandContext, _ path: String) throws -> Before {
        let s = ctx.strings
        var folder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &folder) else { return .nothing }
        if folder.boolValue { throw CommandError.failed(s.migrateRefusal(.targetIsFolder(path))) }
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        if size == 0 { return .emptyFile }
        let rows: (table: String, rows: Int64)?
        do {
            let db = try Install.open(path: path, settings: ctx.settings, create: false, cacheMebibytes: 16, access: .read)
            defer { try? db.close() }
            guard try LedgerCopyIn.isCurrentLedger(db) else { throw CommandError.failed(s.migrateRefusal(.targetNotALedger(path))) }
            rows = try LedgerCopyIn.firstNonEmpty(db)
        } catch let e as CommandError {
            throw e
        } catch {
            throw CommandError.failed(s.migrateRefusal(.targetNotALedger(path)))
        }
        if let rows { throw CommandError.failed(s.migrateRefusal(.targetNotEmpty(path: path, table: rows.table, rows: rows.rows))) }
        return .emptyLedger
    }

    /// The source's tables with their columns, held against the target's:
    /// the same tables, each with the same columns in the same order.
    static func matchedTables(_ pg: PGConnection, _ db: AppDatabase, path: String, strings: Strings) throws -> [(name: String, columns: [String])] {
        var target = try LedgerCopyIn.tables(db)
        var tables: [(name: String, columns: [String])] = []
        for table in PostgresSchema.tableOrder {
            let columns = try MigrateCommand.columns(pg, table)
            guard target.removeValue(forKey: table) == columns else {
                throw CommandError.failed(strings.migrateRefusal(.tablesDiffer(table: table, target: path)))
            }
            tables.append((table, columns))
        }
        if let extra = target.keys.sorted().first { throw CommandError.failed(strings.migrateRefusal(.tablesDiffer(table: extra, target: path))) }
        return tables
    }

    /// Reads every table through a cursor in one read-only snapshot (the
    /// ledger as it stood at one moment, however long the copy takes) and
    /// hands the rows to the target's one transaction.
    static func copy(_ pg: PGConnection, into db: AppDatabase, tables: [(name: String, columns: [String])]) throws -> Int64 {
        let progress = MigrateProgress()
        defer { progress.end() }
        return try LedgerCopyIn.load(db, tables: tables, deriving: PostgresSchema.deriving.map(\.trigger)) { sink in
            try pg.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            // Nothing was written there: ending the snapshot either way is the same.
            defer { _ = try? pg.execute("ROLLBACK") }
            for table in tables {
                let columns = table.columns.map { "\"\($0)\"" }.joined(separator: ", ")
                try pg.execute("DECLARE tagih_copy NO SCROLL CURSOR FOR SELECT \(columns) FROM \"\(table.name)\" ORDER BY 1, 2")
                var rows: Int64 = 0
                while true {
                    let fetched = try pg.query("FETCH FORWARD \(batch) FROM tagih_copy")
                    for row in fetched { try sink.add(table.name, row.map(value)) }
                    rows += Int64(fetched.count)
                    if !fetched.isEmpty { progress.show(table.name, rows: rows) }
                    if fetched.count < batch { break }
                }
                try pg.execute("CLOSE tagih_copy")
            }
        }
    }

    /// A PostgreSQL value as SQLite keeps it: integers as integers, text as text, NULL as NULL.
    static func value(_ v: PGValue) -> LedgerDump.Value {
        switch v {
        case .null: .null
        case .int(let n): .integer(n)
        case .text(let t): .text(t)
        case .bytes(let b): .blob(b)
        case .bool(let b): .integer(b ? 1 : 0)
        }
    }

    /// Leaves the target as it was before; true when a file made here was removed.
    static func undo(_ before: Before, path: String) -> Bool {
        let fm = FileManager.default
        // Only a file no one else had open: an empty ledger's WAL is SQLite's to tidy.
        func removeSides() { for side in ["-wal", "-shm"] { try? fm.removeItem(atPath: path + side) } }
        switch before {
        case .nothing:
            guard fm.fileExists(atPath: path) else { return false }
            try? fm.removeItem(atPath: path)
            removeSides()
            return true
        case .emptyFile:
            truncate(path, 0)
            removeSides()
            return false
        case .emptyLedger:
            return false
        }
    }

    /// One sentence for what stopped the copy, whichever end it came from.
    static func sentence(_ error: any Error, path: String, strings: Strings) -> String {
        switch error {
        case let e as CommandError: e.message
        case let f as PostgresFailure: f.text(strings)
        case let d as LedgerCopyIn.DanglingRow: strings.migrateRefusal(.danglingRow(table: d.table, rowid: d.rowid, parent: d.parent))
        default: StoreError.ledger(error, path: path)?.text(strings) ?? "\(error)"
        }
    }
}
