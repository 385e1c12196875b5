import ArgumentParser
import Foundation
import TagihStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create or upgrade the ledger's schema (harmless to run twice).",
        discussion: "On a fresh file the login running it becomes the first admin.")
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
        } else {
            let (_, session) = try ctx.session()
            print("\(ctx.dbPath): schema \(fresh ? "created" : "up to date")")
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
