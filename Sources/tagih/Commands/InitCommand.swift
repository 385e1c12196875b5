import ArgumentParser
import Foundation
import TagihConfig
import TagihCore
import TagihStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the ledger's schema (harmless to run twice).",
        discussion: """
        On a fresh file the login running it (or --admin LOGIN) becomes the first admin, and the rules of the config file \
        (or the defaults) become the ledger's rules.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The first admin of a new ledger (else the login running init).", valueName: "login"))
    var admin: String?

    func run() throws {
        let ctx = try CommandContext(global)
        // The first admin's login is checked before anything is created:
        // a login names files (drafts) and appears in the audit trail.
        let adminLogin = admin ?? ctx.osLogin
        if let problem = Login.validate(adminLogin) {
            throw admin != nil ? CommandError.usage("--admin: " + ctx.strings.loginProblem(adminLogin, problem))
                               : CommandError.failed(ctx.strings.loginProblem(adminLogin, problem) + "; name the first admin with --admin LOGIN")
        }
        // A PostgreSQL ledger (CONTRACT §12): init's own branch until the store has its seam.
        if case .postgres(let uri) = ctx.location { return try InitPostgres.run(ctx, uri: uri, adminLogin: adminLogin) }
        let db = try ctx.open(create: true)
        let fresh: Bool
        do { fresh = try db.migrate() } catch {
            throw CommandError.failed("\(ctx.dbPath) is not a Tagih ledger or cannot be upgraded: \(error)")
        }
        if try db.hasNoUsers() {
            try UserDirectory(db).bootstrapAdmin(login: adminLogin, name: Self.fullName(adminLogin), today: ctx.today, now: ctx.now,
                                                 createdBy: ctx.osLogin)
            say("\(ctx.dbPath): ledger created; \(adminLogin) is its admin")
            let admin = Session(user: try UserDirectory(db).find(adminLogin)!, realLogin: ctx.osLogin, today: ctx.today, now: ctx.now)
            try Self.recordRules(ctx, db, session: admin)
        } else {
            say("\(ctx.dbPath): schema \(fresh ? "created" : "up to date")")
            // An upgrade needs only the file's rights, not a Tagih user (R6: root
            // upgrades an install); what it records (the rules an older ledger
            // ran under, discount corrections) is the person's work, in their name.
            let session: Session
            if try UserDirectory(db).find(ctx.osLogin) != nil {
                session = try ctx.session(requireRules: false).1
            } else {
                session = Session(user: User(login: ctx.osLogin, name: ctx.osLogin, role: .admin), realLogin: ctx.osLogin,
                                  today: ctx.today, now: ctx.now)
            }
            try Self.recordRules(ctx, db, session: session)
            // A ledger settled by an earlier version may hold a discount its
            // plan does not earn (or lack one it does): correct it with entries.
            let fixed = try PlanBook(db).reconcileAllDiscounts(session: session)
            if fixed > 0 { say("\(ctx.dbPath): discount entries corrected for \(fixed) plan\(fixed == 1 ? "" : "s")") }
            if try AuditTrail.recordUpgradeSeals(db, session: session) {
                say("\(ctx.dbPath): users, rules, accounts, contacts and plans sealed as they stand (`tagih check` proves them from now on)")
            }
        }
    }

    /// A ledger without rules (new, or made by a version before them) gets
    /// the config's, which are the rules it has been run under until now
    /// (the migration cannot see the config). Audited; afterwards only
    /// `tagih rules load` changes them.
    static func recordRules(_ ctx: CommandContext, _ db: AppDatabase, session: Session) throws {
        guard ctx.rulesID == nil else { return }
        if try LedgerRules(db).recordInitial(RulesText.render(ctx.settings.rules), source: ctx.configSource, session: session) != nil {
            say("\(ctx.dbPath): rules recorded from \(ctx.configSource) (`tagih rules show` prints them)")
        }
    }

    /// The user's full name from the password database, else the login.
    static func fullName(_ login: String) -> String {
        if let pw = getpwnam(login), let gecos = pw.pointee.pw_gecos {
            let name = String(cString: gecos).split(separator: ",").first.map(String.init) ?? ""
            if !name.isEmpty { return name }
        }
        return login
    }
}
