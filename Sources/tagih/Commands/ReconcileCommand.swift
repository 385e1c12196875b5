import ArgumentParser
import TagihCore
import TagihStore

/// `tagih reconcile` (CONTRACT §11, R3: leads and admins): a channel's
/// posted payments against its settlement statement.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Match a channel's posted payments with its settlement statement.",
        discussion: """
        The payments posted for --channel dated --from to --to, against the statement's lines dated in the same period: \
        per ref matched, posted_not_settled, settled_not_posted or amount_differs, then the totals posted, settled, fees \
        and the difference (posted − settled). The statement is a CSV with the header date,ref,amount,fee (fee optional), \
        or the layout of a channel profile given with --profile (its paid_on column is the date). Exit 0 when it ran, \
        whatever it found.
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: "The payment channel (VA, QRIS, ...).") var channel: String
    @Option(help: ArgumentHelp("The channel's settlement statement.", valueName: "file")) var statement: String
    @Option(help: ArgumentHelp("The first day.", valueName: "YYYY-MM-DD")) var from: Day
    @Option(help: ArgumentHelp("The last day.", valueName: "YYYY-MM-DD")) var to: Day
    @Option(help: ArgumentHelp("Read the statement with this channel profile of the rules.", valueName: "name")) var profile: String?
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func run() throws {
        let ctx = try CommandContext(global)
        // Checked here, not in `validate`, so it is said in the reader's language.
        if from > to { throw CommandError.usage(ctx.strings.statementProblem(.fromAfterTo(from: from, to: to))) }
        let (db, session) = try ctx.session(access: .read)
        let chosen = try profile.map { try ImportCommand.profile(named: $0, in: db.settings.rules) }
        let report = try Reconciler(db).run(channel: channel, statement: statement, from: from, to: to, profile: chosen, session: session)
        try emit(ReconcileRenderer(report: report, currency: ctx.settings.currency, strings: ctx.strings), as: format, to: output)
    }
}
