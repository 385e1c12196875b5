import TagihCore
import TagihStore

/// `report roll-rate`: one row per opening bucket.
struct RollRateRenderer: ReportFormats {
    var report: RollRate
    var from: Day
    var to: Day
    var currency: Currency
    var strings: Strings
    var money: MoneyFormatter

    var columns: [String] { report.buckets.labels + ["closed"] }

    func csv() -> String { ReportCSV.rollRate(report, currency: currency) }

    func json() -> String {
        JSON.object([
            ("from", .string(from.iso)), ("to", .string(to.iso)), ("currency", .string(currency.code)),
            ("columns", .array(columns.map { .string($0) })),
            ("rows", .array(report.buckets.labels.enumerated().map { i, label in
                .object([("from", .string(label)), ("accounts", .int(report.accounts[i])), ("opening", .string(report.opening[i].machine(currency))),
                         ("to", .object(zip(columns, report.moved[i]).map { ($0, .string($1.machine(currency))) }))])
            })),
        ]).rendered()
    }

    /// Amounts and, under each, the share of the row's opening balance.
    func table() -> String {
        let s = strings
        let headings = report.buckets.labels.map { s.bucketLabel($0) } + [s[.rollClosed]]
        var t = TextTable(headers: [s.format(.rollFrom, from.iso), s[.accounts], s[.openingHeading]] + headings,
                          align: [.left, .right, .right] + columns.map { _ in .right })
        for (i, label) in report.buckets.labels.enumerated() {
            t.rows.append([strings.bucketLabel(label), String(report.accounts[i]), money.format(report.opening[i])] + report.moved[i].map(money.format))
            t.rows.append(["", "", ""] + report.moved[i].map { share($0, of: report.opening[i]) })
        }
        return s.format(.rollTitle, from.iso, to.iso) + "\n\n" + t.rendered()
    }

    /// The share of a row's opening balance, to the hundredth of a percent (rounded down, as the KPIs are).
    func share(_ part: Money, of whole: Money) -> String {
        guard whole.isPositive else { return "—" }
        return strings.decimal(CollectionKPI.hundredths(CollectionKPI.ratio(part.minor, over: whole.minor, times: 10_000) ?? 0)) + "%"
    }
}

/// `report kpi`: collection effectiveness index and days sales outstanding.
struct KPIRenderer: ReportFormats {
    var kpi: CollectionKPI
    var currency: Currency
    var strings: Strings
    var money: MoneyFormatter

    func csv() -> String { ReportCSV.kpi(kpi, currency: currency) }

    func json() -> String {
        JSON.object([
            ("from", .string(kpi.from.iso)), ("to", .string(kpi.to.iso)), ("days", .int(kpi.days)),
            ("beginning", .string(kpi.beginning.machine(currency))), ("sales", .string(kpi.sales.machine(currency))),
            ("ending", .string(kpi.ending.machine(currency))), ("ending_current", .string(kpi.endingCurrent.machine(currency))),
            ("cei_percent", kpi.ceiBasisPoints.map { .string(CollectionKPI.hundredths($0)) } ?? .null),
            ("dso_days", kpi.dsoHundredths.map { .string(CollectionKPI.hundredths($0)) } ?? .null),
        ]).rendered()
    }

    func table() -> String {
        let s = strings
        let labels = [s[.kpiStart], s[.kpiCharged], s[.kpiEnd]]
        let width = labels.map(displayWidth).max() ?? 0
        func line(_ label: String, _ value: String) -> String { "  " + label + String(repeating: " ", count: width - displayWidth(label) + 3) + value }
        let cei = kpi.ceiBasisPoints.map { s.decimal(CollectionKPI.hundredths($0)) + "%" } ?? "—"
        let dso = kpi.dsoHundredths.map { s.decimal(CollectionKPI.hundredths($0)) + " " + s[.kpiDays] } ?? "—"
        return s.format(.kpiTitle, kpi.from.iso, kpi.to.iso, kpi.days) + "\n\n"
            + line(labels[0], money.format(kpi.beginning)) + "\n"
            + line(labels[1], money.format(kpi.sales)) + "\n"
            + line(labels[2], money.format(kpi.ending)) + "   " + s.format(.kpiNotYetDue, money.format(kpi.endingCurrent)) + "\n\n"
            + "  CEI  \(cei)   \(s[.kpiCEIText])\n"
            + "  DSO  \(dso)   \(s[.kpiDSOText])\n"
    }
}

/// `report nightly`: the batch's log.
struct NightlyRunsRenderer {
    var runs: [NightlyRunLine]
    var strings: Strings

    func csv() -> String { ReportCSV.nightlyRuns(runs) }

    /// Machine formats say each file in English, whatever the UI language.
    private var english: Strings { Strings(.en) }

    func json() -> String {
        JSON.array(runs.map { r in
            .object([("day", .string(r.day.iso)), ("files", .int(r.files)), ("posted", .int(r.posted)), ("refused", .int(r.refused)),
                     ("rejected", .int(r.rejected)), ("plans_completed", .int(r.plansCompleted)), ("plans_broken", .int(r.plansBroken)),
                     ("summary", .string(r.summary)), ("files_detail", .array(r.fileResults.map { .string(english.nightlyFile($0)) }))])
        }).rendered()
    }

    /// A run per paragraph: its summary line, then a line per file.
    func table() -> String {
        guard !runs.isEmpty else { return strings[.noRuns] + "\n" }
        // A line a file: a newline in a file's name is shown (U+FFFD), not obeyed.
        return runs.map { r in ([r.summary] + r.fileResults.map { "  " + TextField.visible(strings.nightlyFile($0)) }).joined(separator: "\n") + "\n" }
            .joined(separator: "\n")
    }
}
