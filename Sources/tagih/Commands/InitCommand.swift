import ArgumentParser
import Foundation
import TagihCore
import TagihStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the ledger's schema (harmless to run twice).",
        discussion: "On a fresh file the login running it (or --admin LOGIN) becomes the first admin.")
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
        let db = try ctx.open(create: true)
        let fresh: Bool
        do { fresh = try db.migrate() } catch {
            throw CommandError.failed("\(ctx.dbPath) is not a Tagih ledger or cannot be upgraded: \(error)")
        }
        if try db.hasNoUsers() {
            try UserDirectory(db).bootstrapAdmin(login: adminLogin, name: Self.fullName(adminLogin), today: ctx.today, now: ctx.now,
                                                 createdBy: ctx.osLogin)
            print("\(ctx.dbPath): ledger created; \(adminLogin) is its admin")
        } else {
            print("\(ctx.dbPath): schema \(fresh ? "created" : "up to date")")
            // An upgrade needs only the file's rights, not a Tagih user (R6: root
            // upgrades an install); the discount correction below is recorded as
            // someone's work, so it runs when a user runs init.
            guard try UserDirectory(db).find(ctx.osLogin) != nil else { return }
            let (_, session) = try ctx.session()
            // A ledger settled by an earlier version may hold a discount its
            // plan does not earn (or lack one it does): correct it with entries.
            let fixed = try PlanBook(db).reconcileAllDiscounts(session: session)
            if fixed > 0 { print("\(ctx.dbPath): discount entries corrected for \(fixed) plan\(fixed == 1 ? "" : "s")") }
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
