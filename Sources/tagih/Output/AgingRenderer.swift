import TagihCore

/// The aging report in its three formats. CSV and JSON carry machine amounts
/// (CONTRACT §5); the table carries amounts in the UI language.
struct AgingRenderer {
    let report: AgingReport
    let currency: Currency
    let strings: Strings

    private var rows: [(String, AgingTotals)] {
        report.grouping == .none ? report.rows : report.rows + [("TOTAL", report.total)]
    }

    private func balance(_ t: AgingTotals) -> Money { (try? t.balance()) ?? Money(minor: 0) }

    func csv() -> String { ReportCSV.aging(report, currency: currency) }

    /// The CSV's numbers as JSON: each row an object keyed by the CSV's
    /// column names, the groups under `rows` and the TOTAL under `total`.
    func json() -> String {
        func fields(_ group: String, _ t: AgingTotals) -> JSON {
            .object([("group", .string(group)), ("accounts", .int(t.accounts))]
                + zip(report.buckets.labels, t.buckets).map { ($0, .string($1.machine(currency))) }
                + [("unapplied", .string(t.unapplied.machine(currency))), ("balance", .string(balance(t).machine(currency)))])
        }
        return JSON.object([
            ("as_of", .string(report.asOf.iso)),
            ("by", .string(report.grouping.rawValue)),
            ("currency", .string(currency.code)),
            ("columns", .array((["group", "accounts"] + report.buckets.labels + ["unapplied", "balance"]).map(JSON.string))),
            ("rows", .array(report.rows.map { fields($0.group, $0.totals) })),
            ("total", fields("TOTAL", report.total)),
        ]).rendered()
    }

    func table() -> String {
        let fmt = MoneyFormatter(currency: currency, language: strings.language)
        let by: String = switch report.grouping {
        case .none: strings[.byNone]
        case .collector: strings[.byCollector]
        case .segment: strings[.bySegment]
        }
        let headers = [strings[.group], strings[.accounts]] + report.buckets.labels.map(strings.bucketLabel) + [strings[.unapplied], strings[.balance]]
        var t = TextTable(headers: headers, align: [.left] + Array(repeating: .right, count: headers.count - 1))
        for (group, totals) in rows {
            let name = switch group {
            case AgingReport.noGroup: strings[.none]
            case "TOTAL": strings[.total]
            case "all" where report.grouping == .none: strings[.all]
            default: group
            }
            t.rows.append([name, String(totals.accounts)] + totals.buckets.map(fmt.format) + [fmt.format(totals.unapplied), fmt.format(balance(totals))])
        }
        if report.grouping != .none { t.totalRow = t.rows.count - 1 }
        return "\(strings[.agingTitle]) \(strings.longDate(report.asOf)) — \(by)\n\n" + t.rendered()
    }
}
