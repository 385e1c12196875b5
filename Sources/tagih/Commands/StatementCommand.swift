import ArgumentParser
import TagihCore
import TagihStore

/// `tagih statement`: the statement of account for a billing question (issue 17).
struct StatementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "statement",
        abstract: "One account's statement: every entry of a period with the running balance.",
        discussion: """
        Every charge, payment, adjustment and reversal dated from --from to --to, each with the balance after it, \
        between the opening position (as of the day before --from) and the closing position (as of --to): the same \
        figures as tagih account --as-of on those days. Without --from, from the account's first entry; without --to, \
        to today. Amounts in CSV and JSON are signed: a charge or reversal raises the balance, a payment or credit lowers it.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account number.") var accountNo: String
    @Option(help: ArgumentHelp("The first day (default the account's first entry).", valueName: "YYYY-MM-DD")) var from: Day?
    @Option(help: ArgumentHelp("The last day (default today).", valueName: "YYYY-MM-DD")) var to: Day?
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func run() throws {
        let ctx = try CommandContext(global)
        // Checked here, not in `validate`, so it is said in the reader's language.
        if let from, let to, from > to { throw CommandError.usage(ctx.strings.statementProblem(.fromAfterTo(from: from, to: to))) }
        let to = to ?? ctx.today
        if let from, from > to { throw CommandError.usage(ctx.strings.statementProblem(.fromAfterToday(from: from, today: to))) }
        // R3, R4: anyone who may read the account, as `tagih account`.
        let (db, _) = try ctx.session(access: .read)
        let report = try Statements(db).statement(accountNo, from: from, to: to)
        try emit(StatementRenderer(report: report, currency: ctx.settings.currency, strings: ctx.strings), as: format, to: output)
    }
}
