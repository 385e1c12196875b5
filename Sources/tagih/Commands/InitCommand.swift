import ArgumentParser
import Foundation
import TagihConfig
import TagihCore
import TagihStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the ledger's schema (harmless to run twice).",
        discussion: "On a fresh file the login running it becomes the first admin, and the rules of the config file (or the defaults) become the ledger's rules.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try CommandContext(global)
        let db = try ctx.open(create: true)
        let fresh: Bool
        do { fresh = try db.migrate() } catch {
            throw CommandError.failed("\(ctx.dbPath) is not a Tagih ledger or cannot be upgraded: \(error)")
        }
        if try db.hasNoUsers() {
            try UserDirectory(db).bootstrapAdmin(login: ctx.osLogin, name: Self.fullName(ctx.osLogin), today: ctx.today, now: ctx.now)
            print("\(ctx.dbPath): ledger created; \(ctx.osLogin) is its admin")
            let admin = Session(user: try UserDirectory(db).find(ctx.osLogin)!, realLogin: ctx.osLogin, today: ctx.today, now: ctx.now)
            try Self.recordRules(ctx, db, session: admin)
        } else {
            let (_, session) = try ctx.session(requireRules: false)
            print("\(ctx.dbPath): schema \(fresh ? "created" : "up to date")")
            try Self.recordRules(ctx, db, session: session)
            // A ledger settled by an earlier version may hold a discount its
            // plan does not earn (or lack one it does): correct it with entries.
            let fixed = try PlanBook(db).reconcileAllDiscounts(session: session)
            if fixed > 0 { print("\(ctx.dbPath): discount entries corrected for \(fixed) plan\(fixed == 1 ? "" : "s")") }
        }
    }

    /// A ledger without rules (new, or made by a version before them) gets
    /// the config's, which are the rules it has been run under until now
    /// (the migration cannot see the config). Audited; afterwards only
    /// `tagih rules load` changes them.
    static func recordRules(_ ctx: CommandContext, _ db: AppDatabase, session: Session) throws {
        guard ctx.rulesID == nil else { return }
        if try LedgerRules(db).recordInitial(RulesText.render(ctx.settings.rules), source: ctx.configSource, session: session) != nil {
            print("\(ctx.dbPath): rules recorded from \(ctx.configSource) (`tagih rules show` prints them)")
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
