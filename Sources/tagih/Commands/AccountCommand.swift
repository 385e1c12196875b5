import ArgumentParser
import TagihCore
import TagihStore

struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "One account's position: balance, past due, open charges.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account number.") var accountNo: String
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The day (default today).", valueName: "YYYY-MM-DD")) var asOf: Day?
    @Option(help: "table or json.") var format: OutputFormat = .table

    func validate() throws {
        if format == .csv { throw ValidationError("--format for account is table or json") }
    }

    func run() throws {
        let ctx = try CommandContext(global)
        let (db, _) = try ctx.session(access: .read)
        let day = asOf ?? ctx.today
        let a = try LedgerReports(db).account(accountNo, asOf: day)
        var r = AccountRenderer(account: a, currency: ctx.settings.currency, buckets: ctx.settings.buckets, strings: ctx.strings,
                                phones: try PhoneBook(db).phones(accountNo))
        // Holds in force and unresolved cases on the day (CONTRACT §9).
        r.holds = Holds.inForce(try HoldBook(db).holds(accountNo: accountNo), on: day)
        r.cases = try CaseBook(db).list(status: "open", asOf: day, collectors: nil, accountNo: accountNo).reversed()
        try emit(format == .json ? r.json() : r.table())
    }
}
