import ArgumentParser
import TagihCore
import TagihStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for leads.", subcommands: [Aging.self])

    struct Aging: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open amounts by days past due, as of any date.",
            discussion: "Columns: group, accounts, one per bucket, unapplied, balance. The TOTAL balance equals the sum of every account's balance.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day of the report (default today).", valueName: "YYYY-MM-DD"))
        var asOf: Day?
        @Option(help: "none, collector or segment.") var by: AgingGrouping = .none
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, _) = try ctx.session()
            let report = try LedgerReports(db).aging(asOf: asOf ?? ctx.today, by: by)
            let r = AgingRenderer(report: report, currency: ctx.settings.currency, strings: ctx.strings)
            switch format {
            case .csv: try emit(r.csv(), to: output)
            case .json: try emit(r.json(), to: output)
            case .table: try emit(r.table(), to: output)
            }
        }
    }
}
