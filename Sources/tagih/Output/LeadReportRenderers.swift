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

    func csv() -> String {
        var out = "from,accounts,opening," + columns.joined(separator: ",") + "\n"
        for (i, label) in report.buckets.labels.enumerated() {
            out += ([label, String(report.accounts[i]), report.opening[i].machine(currency)] + report.moved[i].map { $0.machine(currency) })
                .joined(separator: ",") + "\n"
        }
        return out
    }

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
        var t = TextTable(headers: ["From \(from.iso)", "Accounts", "Opening"] + columns.map { strings.bucketLabel($0) },
                          align: [.left, .right, .right] + columns.map { _ in .right })
        for (i, label) in report.buckets.labels.enumerated() {
            t.rows.append([strings.bucketLabel(label), String(report.accounts[i]), money.format(report.opening[i])] + report.moved[i].map(money.format))
            t.rows.append(["", "", ""] + report.moved[i].map { share($0, of: report.opening[i]) })
        }
        return "Roll rates from \(from.iso) to \(to.iso): where each bucket's balances went\n\n" + t.rendered()
    }

    func share(_ part: Money, of whole: Money) -> String {
        guard whole.isPositive else { return "" }
        return CollectionKPI.hundredths(part.minor * 10_000 / whole.minor) + "%"
    }
}

/// `report kpi`: collection effectiveness index and days sales outstanding.
struct KPIRenderer: ReportFormats {
    var kpi: CollectionKPI
    var currency: Currency
    var money: MoneyFormatter

    func csv() -> String {
        "from,to,days,beginning,sales,ending,ending_current,cei_percent,dso_days\n"
            + [kpi.from.iso, kpi.to.iso, String(kpi.days), kpi.beginning.machine(currency), kpi.sales.machine(currency), kpi.ending.machine(currency),
               kpi.endingCurrent.machine(currency), CollectionKPI.hundredths(kpi.ceiBasisPoints), CollectionKPI.hundredths(kpi.dsoHundredths)]
            .joined(separator: ",") + "\n"
    }

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
        """
        Collection KPIs \(kpi.from.iso) to \(kpi.to.iso) (\(kpi.days) days)

          Receivables at the start   \(money.format(kpi.beginning))
          Charged in the period      \(money.format(kpi.sales))
          Receivables at the end     \(money.format(kpi.ending))   (of which not yet due \(money.format(kpi.endingCurrent)))

          CEI  \(kpi.ceiBasisPoints.map { CollectionKPI.hundredths($0) + "%" } ?? "—")   (start + charged − end) / (start + charged − end not yet due)
          DSO  \(kpi.dsoHundredths.map { CollectionKPI.hundredths($0) + " days" } ?? "—")   end / charged × days

        """
    }
}
