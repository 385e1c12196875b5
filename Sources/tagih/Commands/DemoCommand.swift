import ArgumentParser
import Foundation
import TagihConfig
import TagihCore
import TagihPostgres
import TagihStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a realistic demo ledger in a fresh file and open the workstation on it.",
        discussion: """
        Indonesian debtors across WIB, WITA and WIT, a dozen collectors in two teams, payments through \
        bank transfer, VA, QRIS, minimarket, e-wallet and POS, reversals, credit notes, late fees and \
        write-offs, spread over every aging bucket. Fixed seed: the same day gives the same ledger. \
        An existing demo ledger at the path is replaced; any other file is left alone. \
        With --db postgresql://…, the demo is built in a private file and copied into the database, which must be empty \
        (createdb); the workstation then opens on the database, as on a file (with --no-ui the demo prints its aging).
        """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Number of accounts.") var accounts = 3_000
    @Flag(name: .customLong("no-ui"), help: "Only build the ledger.") var noUI = false
    @Option(name: .customLong("csv"), help: ArgumentHelp("Write the demo as import files into this folder instead.", valueName: "dir"))
    var csvDirectory: String?
    @Option(name: .customLong("charges-per-account"), help: ArgumentHelp("Exactly this many invoices per account (benchmarks).", visibility: .hidden))
    var chargesPerAccount: Int?
    @Option(name: .customLong("payments-per-account"), help: ArgumentHelp("Exactly this many payments per account (benchmarks).", visibility: .hidden))
    var paymentsPerAccount: Int?
    @Option(help: ArgumentHelp("Random seed.", visibility: .hidden)) var seed: UInt64 = 20251123

    func validate() throws {
        guard (1...20_000_000).contains(accounts) else { throw ValidationError("--accounts must be from 1 to 20000000") }
    }

    func run() throws {
        let ctx = try CommandContext(global)
        let demo = DemoLedger(accounts: accounts, today: ctx.today, seed: seed, currency: ctx.settings.currency,
                              chargesPerAccount: chargesPerAccount, paymentsPerAccount: paymentsPerAccount)
        if let dir = csvDirectory {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let f = try demo.write(to: dir)
            say("\(dir): \(f.accountRows) accounts, \(f.chargeRows) charges, \(f.paymentRows) payments, \(f.adjustmentRows) adjustments")
            say("collectors to create first: " + demo.staff.map(\.login).joined(separator: " "))
            return
        }

        if case .postgres(let uri) = ctx.location { return try onPostgres(ctx, demo, uri) }
        let path = ctx.dbPath
        if FileManager.default.fileExists(atPath: path), !DemoMarker.isDemo(path: path) {
            throw CommandError.failed("\(path) exists and is not a demo ledger; name a new file with --db")
        }
        let work = try Self.privateTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }

        // Built in a side file and renamed into place at the end: an earlier
        // demo stays usable until then, and a failed or killed build leaves
        // nothing half-made at the path.
        let building = path + ".building"
        try DemoMarker.remove(path: building)
        do {
            try build(demo, at: building, ctx: ctx, files: work).close()
            // The old demo's WAL companions go first (SQLite would read them
            // as the new file's); the rename then replaces its file at once.
            for companion in [path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: companion) {
                try FileManager.default.removeItem(atPath: companion)
            }
            guard rename(building, path) == 0 else {
                throw CommandError.failed("cannot move \(building) to \(path): \(String(cString: strerror(errno)))")
            }
            // What a read-only connection closing last may leave: empty, as
            // `close` checkpointed everything into the file.
            try DemoMarker.remove(path: building)
        } catch {
            try? DemoMarker.remove(path: building)
            throw error
        }
        let lead = demo.staff.first { $0.role == "lead" }
        say("\(path): demo ledger of \(accounts) account\(accounts == 1 ? "" : "s") as of \(ctx.today.iso); \(ctx.osLogin) is its admin"
              + (lead.map { " (--as \($0.login) works as the lead of \($0.team), --as kol01 as a collector)" } ?? ""))
        // Opened as the person, or as whom --as names (the person is the admin).
        let (db, session) = try ctx.session(access: noUI ? .read : .write, pool: !noUI)
        if noUI {
            say("")
            let report = try LedgerReports(db).aging(asOf: ctx.today, by: .collector)
            say(AgingRenderer(report: report, currency: ctx.settings.currency, strings: ctx.strings).table(), terminator: "")
            return
        }
        throw ExitCode(try WorkstationLauncher.run(ctx, database: db, session: session))
    }

    /// A demo ledger in an empty PostgreSQL database (CONTRACT §12): built
    /// as on a file, in a private folder, then copied in one transaction by
    /// `migrate`'s copy — the same rows, chain and seals. A database that
    /// holds anything is refused (a DBA drops and creates it again).
    func onPostgres(_ ctx: CommandContext, _ demo: DemoLedger, _ uri: PostgresURI) throws {
        // A database that holds anything is refused before the build, not after it.
        let pg = try InitPostgres.connect(ctx, uri)
        defer { pg.close() }
        do { try MigrateCommand.requireEmpty(pg, place: uri.display) } catch let f as PostgresFailure { throw CommandError.failed(f.text(ctx.strings)) }
        let work = try Self.privateTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let file = work + "/demo.db"
        let inbox = work + "/inbox"
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: false)
        let built = try build(demo, at: file, ctx: ctx, files: inbox)
        do {
            _ = try pg.transaction(attempts: 1) { pg in try MigrateCommand.copy(built, into: pg, place: uri.display) }
            try MigrateCommand.analyze(pg)
        } catch let f as PostgresFailure {
            throw CommandError.failed(f.text(ctx.strings) + "; nothing was copied")
        }
        try built.close()
        let lead = demo.staff.first { $0.role == "lead" }
        say("\(uri.display): demo ledger of \(accounts) account\(accounts == 1 ? "" : "s") as of \(ctx.today.iso); \(ctx.osLogin) is its admin"
              + (lead.map { " (--as \($0.login) works as the lead of \($0.team), --as kol01 as a collector)" } ?? ""))
        if !noUI {
            // Opened as the person, or as whom --as names, as on a file.
            let (db, session) = try ctx.session(access: .write, pool: true)
            throw ExitCode(try WorkstationLauncher.run(ctx, database: db, session: session))
        }
        // Read back from the server, as every report there is.
        let db = AppDatabase(remote: PostgresLedger(try InitPostgres.connect(ctx, uri)), settings: ctx.settings)
        defer { try? db.close() }
        say("")
        let report = try LedgerReports(db).aging(asOf: ctx.today, by: .collector)
        say(AgingRenderer(report: report, currency: ctx.settings.currency, strings: ctx.strings).table(), terminator: "")
    }

    /// The whole demo in the file at `path` (file or server alike): the
    /// history written directly, then the entries dated yesterday or today
    /// as last night's batch would bring them, through the importer (so the
    /// lead's Reports show a nightly run from the start), then a week of
    /// work. `files` is the private folder for those import files.
    func build(_ demo: DemoLedger, at path: String, ctx: CommandContext, files: String) throws -> AppDatabase {
        let session = try buildHistory(demo, at: path, ctx: ctx, files: files)
        let db = try AppDatabase.open(path: path, settings: ctx.settings, durable: false)
        let prefix = files + "/"
        _ = try Nightly(db).run(inbox: files, dryRun: false, session: session) { line in
            say(TextField.visible(line.replacingOccurrences(of: prefix, with: "").replacingOccurrences(of: ".csv:", with: ":")))
        }
        let activity = try DemoActivity.seed(db, today: ctx.today, staff: demo.staff, operatorClock: ctx.operatorClock,
                                             limit: min(accounts / 5, 2_000))
        say("a week of work: \(activity.contacts) contacts logged, \(activity.plans) payment plans")
        return db
    }

    /// A new folder of the demo's own for its import files, made by `mkdtemp`:
    /// an unguessable name, mode 0700, created fresh (never one already there,
    /// so never a folder or link someone planted at a name they could guess).
    static func privateTemporaryFolder() throws -> String {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array("\(base.hasSuffix("/") ? String(base.dropLast()) : base)/tagih-demo-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CommandError.failed("cannot make a temporary folder in \(base): \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }

    /// Creates the ledger at `path` with the demo's users and writes the
    /// history (every entry dated before yesterday) directly, its cache
    /// computed in memory; the later entries go to import files in `files`.
    /// Returns the session of the person who asked for the demo.
    private func buildHistory(_ demo: DemoLedger, at path: String, ctx: CommandContext, files: String) throws -> Session {
        let db = try AppDatabase.openForBuilding(path: path, settings: ctx.settings)
        try db.migrate()
        try DemoMarker.mark(db)
        // The person who asked for the demo is its admin (identity comes from
        // the system: CONTRACT §1), so they may look at it as anyone of the
        // demo's staff with --as (two teams of collectors and their leads).
        let users = UserDirectory(db)
        try users.bootstrapAdmin(login: ctx.osLogin, name: InitCommand.fullName(ctx.osLogin), today: ctx.today, now: ctx.now)
        let admin = Session(user: try users.find(ctx.osLogin)!, realLogin: ctx.osLogin, today: ctx.today, now: ctx.now)
        // The demo works under the config's rules (or the defaults), recorded as `init` does.
        try LedgerRules(db).recordInitial(RulesText.render(ctx.settings.rules), source: ctx.configSource, session: admin)
        for s in demo.staff where s.login != ctx.osLogin {
            try users.add(User(login: s.login, name: s.name, role: Role(rawValue: s.role) ?? .collector, team: s.team), session: admin)
        }
        let session = admin
        let cutoff = Day(ordinal: ctx.today.ordinal - 1)
        let loaded = try LedgerLoader.load(db, source: "demo-history", session: session) { loader in
            _ = try demo.load(into: loader, filesFrom: cutoff, to: files)
        }
        try db.close()
        let counts = ImportKind.allCases.map { kind in
            let n = loaded[kind] ?? 0
            return "\(n) \(n == 1 ? String(kind.rawValue.dropLast()) : kind.rawValue)"
        }
        say("history before \(cutoff.iso), written directly: " + counts.joined(separator: ", "))
        return session
    }
}
