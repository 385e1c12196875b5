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
        let a = try LedgerReports(db).account(accountNo, asOf: asOf ?? ctx.today)
        let r = AccountRenderer(account: a, currency: ctx.settings.currency, buckets: ctx.settings.buckets, strings: ctx.strings,
                                phones: try PhoneBook(db).phones(accountNo))
        try emit(format == .json ? r.json() : r.table())
    }
}
