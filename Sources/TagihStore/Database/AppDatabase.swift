import CSQLiteTuning
import Foundation
import GRDB
import TagihCore

/// The one door to the SQLite ledger.
///
/// On a file it is a GRDB `DatabasePool` in WAL mode, so the workstation's
/// readers never wait for the nightly batch's writer and the other way round;
/// writers wait for each other up to the configured busy timeout. Tests use
/// an in-memory `DatabaseQueue` with the same schema.
public final class AppDatabase: @unchecked Sendable {
    /// The SQLite connection(s); nil for a ledger on a server.
    private let local: (any DatabaseWriter)?
    /// The ledger on a database server (CONTRACT §12); nil for a file.
    public let remote: (any RemoteLedger)?
    /// The path of the file, or the server and database of a remote ledger.
    public let path: String

    /// GRDB's door to the file, for the store code that still speaks GRDB
    /// (not yet through `read`/`write`): on a server ledger it refuses, so
    /// such an operation fails before anything is read or written.
    public var writer: any DatabaseWriter {
        get throws {
            guard let local else { throw StoreError(.notOnServerYet(place: path)) }
            return local
        }
    }

    /// One read transaction on either backend: a consistent snapshot.
    public func read<T>(_ body: (any LedgerSQL) throws -> T) throws -> T {
        if let remote { return try remote.read(body) }
        return try writer.read { db in try body(SQLiteSQL(db)) }
    }

    /// One write transaction on either backend: all of `body` or nothing.
    /// Every such write is a record that appends to the audit chain, so on
    /// a server it takes its turn at the chain (`RemoteLedger.writeInTurn`),
    /// as SQLite's writers take the one write lock.
    public func write<T>(_ body: (any LedgerSQL) throws -> T) throws -> T {
        if let remote { return try remote.writeInTurn(body) }
        return try writer.write { db in try body(SQLiteSQL(db)) }
    }
    /// Guards `current`: a workstation adopts new rules on its key loop
    /// while a report may be computed on another thread.
    private let settingsLock = NSLock()
    private var current: Settings
    /// When SQLite's quick check last passed here (R20), under `settingsLock`.
    private var lastQuickCheck: Date?
    /// The WAL's copier off the writer's thread, once asked for (`checkpointAside`), under `settingsLock`.
    private var aside: WALCheckpointer?

    /// The settings every store operation reads: the person's own, and the
    /// ledger's rules (the command line builds them when it opens the ledger).
    public var settings: Settings {
        settingsLock.lock()
        defer { settingsLock.unlock() }
        return current
    }

    /// Takes `settings` from now on: a workstation that stays open all day
    /// adopts the ledger's rules when an admin loads new ones.
    public func adopt(_ settings: Settings) {
        settingsLock.lock()
        defer { settingsLock.unlock() }
        current = settings
    }

    init(writer: any DatabaseWriter, settings: Settings, path: String) {
        self.local = writer
        self.remote = nil
        self.current = settings
        self.path = path
    }

    /// A ledger on a database server; `place` names it in sentences.
    public init(remote: any RemoteLedger, settings: Settings) {
        self.local = nil
        self.remote = remote
        self.current = settings
        self.path = remote.place
    }

    /// SQLite's process-wide settings, made once before the first connection
    /// opens (see Sources/CSQLiteTuning/shim.h); every connection Tagih
    /// opens reads this first.
    static let tuned: Bool = tagih_sqlite_tune() == 0

    static func configuration(_ settings: Settings, cacheMebibytes: Int = 64, tempInMemory: Bool = false) -> Configuration {
        _ = tuned
        var c = Configuration()
        c.busyMode = .timeout(TimeInterval(settings.busyTimeoutMilliseconds) / 1000)
        c.foreignKeysEnabled = true
        c.prepareDatabase { db in
            TableSeals.register(db)
            // A modest page cache: commands must stay well under 256 MB even on a
            // million-account ledger. NORMAL sync is durable in WAL mode against
            // process crashes, which is what a kill -9 test exercises.
            // The temp database (sorts, GROUP BY) gets a smaller cache of its own.
            // Opened with a set-group-ID's rights, no temporary file is made
            // where TMPDIR or SQLITE_TMPDIR says: they stay in memory.
            try db.execute(sql: "PRAGMA cache_size = -\(cacheMebibytes * 1024); PRAGMA synchronous = NORMAL; PRAGMA temp_store = \(tempInMemory ? "MEMORY" : "FILE"); PRAGMA temp.cache_size = -16384")
        }
        return c
    }

    /// What a command does with the ledger: a reading command never takes
    /// the write lock (not even to set up the WAL), so it never waits for a
    /// writer and works on a read-only file.
    public enum Access: Sendable { case read, write }

    /// The path of the ledger this process opened last, for the sentence of
    /// a failure that reaches the command line without one.
    nonisolated(unsafe) public private(set) static var openedPath: String?

    /// Opens the ledger at `path`. With `create`, a missing file is created
    /// (for `init` and `demo`); otherwise a missing file is an error, so a
    /// typo in `--db` never leaves an empty ledger behind.
    /// `cacheMebibytes` is the page cache of each connection: the default
    /// suits batch commands; the workstation, which stays open all day and
    /// reads a screenful at a time, asks for less.
    /// `durable: false` skips every fsync (`synchronous = OFF`): only for a
    /// file being built that a crash would simply throw away (`tagih demo`).
    /// `access: .read` opens one read-only connection (falling back to
    /// SQLite's `immutable` mode on a read-only file or folder without a
    /// WAL); `.write` first refuses a ledger this process cannot write.
    /// `pool`: a GRDB pool whose readers run beside the writer (the
    /// workstation computes reports on another thread); otherwise one
    /// connection, which is all a command needs, and a pool's setup would
    /// write to the file (GRDB makes the WAL non-empty) and so wait for any
    /// other writer.
    /// `tempInMemory`: for a ledger opened with a set-group-ID's rights (no
    /// temporary files where TMPDIR says).
    public static func open(path: String, settings: Settings, create: Bool = false, cacheMebibytes: Int = 64,
                            durable: Bool = true, access: Access = .write, pool: Bool = false,
                            tempInMemory: Bool = false) throws -> AppDatabase {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw StoreError(.missing(path: path))
        }
        openedPath = path
        do {
            if create && !FileManager.default.fileExists(atPath: path) { try createFile(path) }
            var c = configuration(settings, cacheMebibytes: cacheMebibytes, tempInMemory: tempInMemory)
            if !durable { c.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF") } }
            if access == .read { return try openReading(path: path, configuration: c, settings: settings) }
            if LedgerFiles.isReadOnly(path) { throw StoreError(.readOnly(path: path)) }
            if pool {
                return AppDatabase(writer: try DatabasePool(path: path, configuration: c), settings: settings, path: path)
            }
            let queue = try DatabaseQueue(path: path, configuration: c)
            // A first read opens the WAL and its shared memory now, with the
            // rights of this moment (a set-group-ID drops them afterwards).
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return AppDatabase(writer: queue, settings: settings, path: path)
        } catch let e as DatabaseError {
            throw StoreError(StoreError.failure(e, path: path))
        }
    }

    /// Whether another connection holds the ledger's write lock now (asked
    /// without waiting): the workstation says it will wait before it opens.
    public static func writerIsBusy(path: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path), !LedgerFiles.isReadOnly(path),
              let q = try? DatabaseQueue(path: path) else { return false }
        defer { try? q.close() }
        do {
            try q.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "ROLLBACK")
            }
            return false
        } catch let e as DatabaseError {
            return e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED
        } catch {
            return false
        }
    }

    /// Whether this process lacks the rights to write the ledger at `path`
    /// (its mode, its folder, a read-only mount).
    public static func isReadOnly(path: String) -> Bool { LedgerFiles.isReadOnly(path) }

    /// One read-only connection. SQLite still needs the WAL's shared memory
    /// beside the file; where it cannot make it (a read-only folder or
    /// mount) and no WAL holds pages the file lacks, the file is opened
    /// `immutable`: read as it is, without locks.
    static func openReading(path: String, configuration: Configuration, settings: Settings) throws -> AppDatabase {
        var c = configuration
        c.readonly = true
        func attempt(_ target: String) throws -> DatabaseQueue {
            let queue = try DatabaseQueue(path: target, configuration: c)
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        }
        if LedgerFiles.isReadOnly(path), !LedgerFiles.hasPendingWAL(path) {
            return AppDatabase(writer: try attempt(LedgerFiles.immutableURI(path)), settings: settings, path: path)
        }
        do {
            return AppDatabase(writer: try attempt(path), settings: settings, path: path)
        } catch let e as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(e.resultCode) && !LedgerFiles.hasPendingWAL(path) {
            return AppDatabase(writer: try attempt(LedgerFiles.immutableURI(path)), settings: settings, path: path)
        }
    }

    /// Creates an empty ledger file with 16 KiB pages: bulk imports into
    /// tables of millions of rows run about a fifth faster than with the
    /// default 4 KiB (fewer, shallower B-tree pages), and the page size can
    /// only be chosen before the file switches to WAL.
    static func createFile(_ path: String) throws {
        // Never world-readable: the file is made 0660 at most, and SQLite gives
        // its -wal and -shm the file's own mode.
        let previous = umask(0o077)
        umask(previous | 0o007)
        defer { umask(previous) }
        let q = try DatabaseQueue(path: path)
        try q.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA page_size = 16384")
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
        try q.close()
    }

    /// A ledger built from nothing in a file nobody else sees yet (`tagih
    /// demo` builds in a side file and renames it into place): no rollback
    /// journal and no syncs, so each page is written once instead of to the
    /// WAL and again to the file. Never for a ledger in use: a crash leaves
    /// the file unusable, and the builder throws it away. Open it again with
    /// `open` afterwards to work on it as usual (in WAL mode).
    public static func openForBuilding(path: String, settings: Settings) throws -> AppDatabase {
        let previous = umask(0o077)
        umask(previous | 0o007)
        defer { umask(previous) }
        do {
            var c = configuration(settings)
            // A 16 MiB page cache: the rows go in at the ends of their
            // indexes, so a bigger one is no faster, and without a WAL to
            // spill into SQLite lets it grow well past its size (a 64 MiB
            // cache reached 370 MB of memory on 300,000 accounts).
            c.prepareDatabase { db in
                try db.execute(sql: "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -16384")
            }
            return AppDatabase(writer: try DatabaseQueue(path: path, configuration: c), settings: settings, path: path)
        } catch let e as DatabaseError {
            throw StoreError("cannot create database \(path): \(e.message ?? e.description)")
        }
    }

    /// Closes the connections, with every page of the WAL copied into the
    /// file first, so the file alone holds the ledger and may be moved.
    public func close() throws {
        if let remote { return remote.close() }
        if let pool = local as? DatabasePool {
            _ = try pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try pool.close()
        } else if let queue = local as? DatabaseQueue {
            if !queue.configuration.readonly {
                _ = try queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            }
            try queue.close()
        }
    }

    /// A private in-memory ledger, for tests.
    public static func inMemory(settings: Settings = Settings()) throws -> AppDatabase {
        let q = try DatabaseQueue(configuration: configuration(settings))
        let db = AppDatabase(writer: q, settings: settings, path: ":memory:")
        _ = try db.migrate()
        return db
    }

    /// Applies pending migrations; returns whether the file was fresh
    /// (had no schema at all) before.
    @discardableResult
    public func migrate() throws -> Bool {
        let fresh = try writer.read { db in try !db.tableExists("meta") }
        try Schema.migrator.migrate(writer)
        return fresh
    }

    /// Refuses to work on a file that `tagih init` has not set up or upgraded.
    public func requireCurrentSchema() throws {
        let ok = try remote?.schemaIsCurrent() ?? writer.read { db in
            try db.tableExists("meta") && Schema.migrator.hasCompletedMigrations(db)
        }
        if !ok {
            throw StoreError("database \(path) is not set up for this version of Tagih; run `tagih init` to create or upgrade it")
        }
    }

    /// A small write that had better not wait long for another writer (a
    /// workstation's lease: advisory, and taken on the key loop): SQLite's
    /// busy timeout is `milliseconds` for it, the usual one again after.
    public func writeBriefly<T>(milliseconds: Int = 300, _ body: (Database) throws -> T) throws -> T {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = \(milliseconds)")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(settings.busyTimeoutMilliseconds)") }
            var result: T?
            try db.inTransaction(.immediate) {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// `writeBriefly` through the seam: on a server one transaction out of
    /// the audit chain's turn (a lease appends nothing to it, and waits only
    /// for the row it takes, never for the ledger).
    public func writeBriefly<T>(milliseconds: Int = 300, _ body: (any LedgerSQL) throws -> T) throws -> T {
        if let remote { return try remote.write(body) }
        return try writeBriefly(milliseconds: milliseconds) { (db: Database) in try body(SQLiteSQL(db)) }
    }

    /// R20: SQLite's quick check, once per process before its first write
    /// (a workstation: at start, then every `interval`), not before every
    /// write. A ledger that fails it is refused for writing: nothing more is
    /// written into a damaged file.
    /// Returns whether the check ran (false: it passed within `interval`).
    @discardableResult
    public func requireIntact(now: Date = Date(), every interval: TimeInterval = 3600) throws -> Bool {
        // A server keeps its own pages whole; `check` there checks the schema (CONTRACT §12).
        if remote != nil { return false }
        settingsLock.lock()
        let last = lastQuickCheck
        settingsLock.unlock()
        if let last, now.timeIntervalSince(last) < interval, now >= last { return false }
        let problems: [String]
        do {
            problems = try writer.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(5)") }
        } catch let e as DatabaseError {
            // A check that cannot even read the file finds it damaged; a busy or full one says so.
            guard case .damaged = StoreError.failure(e, path: path) else { throw StoreError(StoreError.failure(e, path: path)) }
            throw StoreError(.damaged(path: path, detail: StoreError.firstLine(e.message ?? "SQLite error \(e.resultCode.rawValue)")))
        }
        guard problems == ["ok"] else {
            throw StoreError(.damaged(path: path, detail: problems.first.map(StoreError.firstLine)))
        }
        settingsLock.lock()
        lastQuickCheck = now
        settingsLock.unlock()
        return true
    }

    /// Moves the WAL's checkpoints of this ledger file off the writer's
    /// thread (`WALCheckpointer`): for `serve`, whose one writer must never
    /// wait for a large copy. Opens one more connection to the file, with
    /// the rights of this moment. Nothing on a server or a file not in WAL
    /// mode (in memory). Returns the copier (its counts).
    @discardableResult
    public func checkpointAside(_ thresholds: WALCheckpointer.Thresholds = .init()) throws -> WALCheckpointer? {
        guard remote == nil, let local else { return nil }
        settingsLock.lock()
        let existing = aside
        settingsLock.unlock()
        if let existing { return existing }
        let wal = try local.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        guard wal == "wal" else { return nil }
        let copier = try WALCheckpointer(path: path, thresholds: thresholds)
        local.writeWithoutTransaction { db in copier.install(on: db) }
        settingsLock.lock()
        aside = copier
        settingsLock.unlock()
        return copier
    }

    /// Returns once the copier (if any) has made the WAL file long.
    public func waitForCheckpointAside() {
        settingsLock.lock()
        let copier = aside
        settingsLock.unlock()
        copier?.waitUntilLengthened()
    }

    /// Gives the writer SQLite's automatic checkpoint back and ends the copier's thread.
    public func endCheckpointAside() {
        settingsLock.lock()
        let copier = aside
        aside = nil
        settingsLock.unlock()
        guard let copier, let local else { return }
        local.writeWithoutTransaction { db in copier.uninstall(from: db) }
    }

    /// Whether the file has no users yet (a fresh `init`).
    public func hasNoUsers() throws -> Bool {
        try writer.read { db in try !db.tableExists("users") || Int.fetchOne(db, sql: "SELECT count(*) FROM users") == 0 }
    }
}

/// Who is acting and when. Every change a person makes carries one.
public struct Session: Sendable {
    /// The Tagih user the work is done as (the `--as` user, else the person).
    public var user: User
    /// The operating-system login of the person at the terminal.
    public var realLogin: String
    /// The business day ("today", `--today`).
    public var today: Day
    /// The current moment as the command sees it (`TAGIH_NOW` may fix it):
    /// the time windows of contacts and promises are measured from it.
    public var now: Date
    /// The real clock when the session began: what every record keeps as the
    /// time of its making (the audit trail, batches), whatever the overrides.
    public var recordedAt: Date
    /// Whether `--today`, `TAGIH_TODAY` or `TAGIH_NOW` moved the clock, and the
    /// role of the person at the terminal (not the `--as` user): a record made
    /// with a moved clock is for admins only (CONTRACT §1a, R1).
    public var clockOverridden: Bool
    public var realRole: Role?

    public init(user: User, realLogin: String, today: Day, now: Date, recordedAt: Date = Date(), clockOverridden: Bool = false,
                realRole: Role? = nil) {
        self.user = user; self.realLogin = realLogin; self.today = today; self.now = now
        self.recordedAt = recordedAt; self.clockOverridden = clockOverridden; self.realRole = realRole ?? user.role
    }

    /// Throws when this session may not record anything: a moved clock, and
    /// a person who is not an admin.
    public func requireRealClock() throws {
        if let r = Authority.refusal(realPerson, .recordWithMovedClock(clockOverridden)) { throw StoreError(r, actor: realPerson) }
    }

    /// The person at the terminal, as far as the session knows them.
    var realPerson: User { User(login: realLogin, name: realLogin, role: realRole ?? user.role) }
}

extension Database {
    func meta(_ key: String) throws -> String? {
        try String.fetchOne(self, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    /// Whether the balance cache is the position as of `day`: it is the
    /// position after every entry, so it holds from the newest entry date on
    /// (`meta.max_entry_day`; an empty ledger has none).
    func cacheIsCurrent(asOf day: Day) throws -> Bool {
        guard let newest = try meta("max_entry_day").flatMap({ Int64($0) }) else { return true }
        return newest <= Int64(day.ordinal)
    }

    /// Raises `meta.max_entry_day` to `day` when it is later.
    func noteEntryDay(_ day: Int64) throws {
        if let newest = try meta("max_entry_day").flatMap({ Int64($0) }), newest >= day { return }
        try setMeta("max_entry_day", String(day))
    }

    func setMeta(_ key: String, _ value: String) throws {
        try execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    arguments: [key, value])
    }
}
