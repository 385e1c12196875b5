import ArgumentParser
import TagihCore
import TagihStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for leads.", subcommands: [Aging.self, PromisesReport.self, Activity.self, CasesReport.self, RollRateReport.self, KPIReport.self,
                                                                   NightlyRuns.self])

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
        @OptionGroup var scope: ScopeOption

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session(access: .read)
            let report = try LedgerReports(db).aging(asOf: asOf ?? ctx.today, by: by, collectors: try scope.collectors(db, session))
            let r = AgingRenderer(report: report, currency: ctx.settings.currency, strings: ctx.strings)
            try emit(r, as: format, to: output)
        }
    }

    struct PromisesReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "promises",
            abstract: "Every promise to pay made on or before a day, with its status then.",
            discussion: "Columns: account_no, made_on, made_by, amount, due_date, paid, status (open, kept, broken). Sorted by made_on, account_no.")
        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day of the report (default today).", valueName: "YYYY-MM-DD"))
        var asOf: Day?
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?
        @OptionGroup var scope: ScopeOption

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session(access: .read)
            let day = asOf ?? ctx.today
            let r = PromisesRenderer(lines: try ContactReports(db).promises(asOf: day, collectors: try scope.collectors(db, session)), asOf: day, currency: ctx.settings.currency, strings: ctx.strings,
                                     money: ctx.money)
            try emit(r, as: format, to: output)
        }
    }

    /// `report cases --from --to` (CONTRACT §9): one row per case type.
    struct CasesReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cases",
            abstract: "Per case type: cases opened, resolved (in time), overdue and open, median days to resolve, credited.",
            discussion: "Columns: type, opened, resolved, resolved_in_time, overdue_open, median_days, credited. Resolved: a resolution that took effect in the period; in time: on or before its deadline; overdue_open: unresolved on --to with its deadline before it; median_days: calendar days from opening to resolution.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var period: PeriodOptions
        @OptionGroup var scope: ScopeOption

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session(access: .read)
            let rows = try CaseBook(db).report(from: period.from, to: period.to, collectors: try scope.collectors(db, session))
            try emit(CaseReportRenderer(rows: rows, from: period.from, to: period.to, currency: db.settings.currency, strings: ctx.strings,
                                        money: ctx.money), as: period.format, to: period.output)
        }
    }

    struct Activity: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per collector: contacts logged in a period and their results.",
            discussion: "Columns: collector, attempts, contacts, right_party, promises, promised_amount, kept, broken, collected.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var period: PeriodOptions
        @OptionGroup var scope: ScopeOption

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session(access: .read)
            let (from, to) = (period.from, period.to)
            // Each row is a user's own work: a person sees the rows of the users their scope covers.
            let users = try scope.collectors(db, session)
            let lines = try ContactReports(db).activity(from: from, to: to).filter { users?.contains($0.collector) ?? true }
            let r = ActivityRenderer(lines: lines, from: from, to: to,
                                     currency: ctx.settings.currency, strings: ctx.strings, money: ctx.money)
            try emit(r, as: period.format, to: period.output)
        }
    }
}

extension ReportCommand {
    struct RollRateReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "roll-rate",
            abstract: "Where each bucket's balances on one day stood on a later day.",
            discussion: "Rows: the bucket of each account's oldest open charge on --from, with its balance then; columns: its bucket on --to, or closed. Each row sums to its opening balance.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var period: PeriodOptions
        @Option(help: ArgumentHelp("Only the accounts assigned to this collector.", valueName: "login")) var collector: String?
        @OptionGroup var scope: ScopeOption

        func validate() throws {
            guard period.from < period.to else { throw ValidationError("--from \(period.from.iso) must be before --to \(period.to.iso)") }
        }

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session(access: .read)
            try requireKnownUser(collector, option: "--collector", in: db)
            let collectors = try scope.collectors(db, session, only: collector)
            let r = RollRateRenderer(report: try LedgerReports(db).rollRate(from: period.from, to: period.to, collectors: collectors), from: period.from, to: period.to,
                                     currency: ctx.settings.currency, strings: ctx.strings, money: ctx.money)
            try emit(r, as: period.format, to: period.output)
        }
    }

    struct KPIReport: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "kpi",
            abstract: "Collection effectiveness index (CEI) and days sales outstanding (DSO) for a period.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var period: PeriodOptions
        @Option(help: ArgumentHelp("Only the accounts assigned to this collector.", valueName: "login")) var collector: String?
        @OptionGroup var scope: ScopeOption

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session(access: .read)
            try requireKnownUser(collector, option: "--collector", in: db)
            let collectors = try scope.collectors(db, session, only: collector)
            try emit(KPIRenderer(kpi: try LedgerReports(db).kpi(from: period.from, to: period.to, collectors: collectors), currency: ctx.settings.currency,
                                 strings: ctx.strings, money: ctx.money),
                     as: period.format, to: period.output)
        }
    }
}

extension ReportCommand {
    /// The nightly batch's log, for whoever watches the cron job: each run
    /// with its counts, and what each file did.
    struct NightlyRuns: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nightly",
            abstract: "The last nightly runs: files, posted, refused, rejected rows, plans settled, and each file's result.",
            discussion: "Newest first. Columns: day, files, posted, refused, rejected, plans_completed, plans_broken, summary, files_detail.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "How many runs.") var limit = 10
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

        func validate() throws {
            guard limit >= 1 else { throw ValidationError("--limit must be 1 or more") }
        }

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, _) = try ctx.session(access: .read)
            try emit(NightlyRunsRenderer(runs: try ContactReports(db).nightlyRuns(limit: limit), strings: ctx.strings), as: format, to: output)
        }
    }
}

/// Refuses (exit 1) a login that names no Tagih user, rather than report zeros for a typo.
func requireKnownUser(_ login: String?, option: String, in db: AppDatabase) throws {
    guard let login, try UserDirectory(db).find(login) == nil else { return }
    throw CommandError.failed("\(option) \(login): unknown user")
}

/// The options of the reports over a period: `--from`, `--to`, `--format`, `--output`.
struct PeriodOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The first day.", valueName: "YYYY-MM-DD")) var from: Day
    @Option(help: ArgumentHelp("The last day.", valueName: "YYYY-MM-DD")) var to: Day
    @Option(help: "table, csv or json.") var format: OutputFormat = .table
    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

    func validate() throws {
        guard from <= to else { throw ValidationError("--from \(from.iso) is after --to \(to.iso)") }
    }
}

/// A report in the three formats every report command offers.
protocol ReportFormats {
    func csv() -> String
    func json() -> String
    func table() -> String
}

extension AgingRenderer: ReportFormats {}
extension PromisesRenderer: ReportFormats {}
extension ActivityRenderer: ReportFormats {}
extension NightlyRunsRenderer: ReportFormats {}

/// Writes a report in the format asked for, to standard output or `--output`.
func emit(_ report: some ReportFormats, as format: OutputFormat, to output: String?) throws {
    switch format {
    case .csv: try emit(report.csv(), to: output, exact: true)
    case .json: try emit(report.json(), to: output)
    case .table: try emit(report.table(), to: output)
    }
}
