import ArgumentParser
import TagihCore
import TagihStore

/// `tagih assign ACCOUNT_NO… --to LOGIN|-` (CONTRACT §2, §1a): leads within
/// their team, admins anywhere; `-` unassigns. Audited; all or nothing.
struct AssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Assign accounts to a collector (leads within their team, admins); --to - unassigns them.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Account numbers.") var accounts: [String]
    @Option(help: ArgumentHelp("The collector (or lead) to work them, or - for nobody.", valueName: "login")) var to: String

    func validate() throws {
        guard !accounts.isEmpty else { throw ValidationError("name at least one account") }
        if to != "-" && !User.isValidLogin(to) { throw ValidationError("--to \(to) is not a login (letters, digits, ., _, - ; at most 32)") }
    }

    func run() throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session()
        let login = to == "-" ? nil : to
        let n = try Assignments(db).assign(accounts, to: login, session: session)
        let what = "\(n) account\(n == 1 ? "" : "s")"
        say(login.map { "\(what) assigned to \($0)" } ?? "\(what) unassigned")
    }
}
