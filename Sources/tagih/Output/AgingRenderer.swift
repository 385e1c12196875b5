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

    func csv() -> String {
        var out = (["group", "accounts"] + report.buckets.labels + ["unapplied", "balance"]).joined(separator: ",") + "\n"
        for (group, t) in rows {
            let amounts = t.buckets.map { $0.machine(currency) } + [t.unapplied.machine(currency), balance(t).machine(currency)]
            out += ([csvField(group), String(t.accounts)] + amounts).joined(separator: ",") + "\n"
        }
        return out
    }

    func json() -> String {
        func totals(_ t: AgingTotals) -> [(String, JSON)] {
            [("accounts", .int(t.accounts)),
             ("buckets", .object(zip(report.buckets.labels, t.buckets).map { ($0, .string($1.machine(currency))) }))]
            + [("unapplied", .string(t.unapplied.machine(currency))), ("balance", .string(balance(t).machine(currency)))]
        }
        return JSON.object([
            ("as_of", .string(report.asOf.iso)),
            ("by", .string(report.grouping.rawValue)),
            ("currency", .string(currency.code)),
            ("buckets", .array(report.buckets.labels.map(JSON.string))),
            ("groups", .array(report.rows.map { g, t in .object([("group", .string(g))] + totals(t)) })),
            ("total", .object(totals(report.total))),
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
            let name = group == AgingReport.noGroup ? strings[.none] : group == "TOTAL" ? strings[.total] : group
            t.rows.append([name, String(totals.accounts)] + totals.buckets.map(fmt.format) + [fmt.format(totals.unapplied), fmt.format(balance(totals))])
        }
        if report.grouping != .none { t.totalRow = t.rows.count - 1 }
        return "\(strings[.agingTitle]) \(strings.longDate(report.asOf)) — \(by)\n\n" + t.rendered()
    }
}
