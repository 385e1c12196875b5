import TagihCore
import TagihStore

/// `tagih reconcile` in the three formats: CSV and JSON exact (plain
/// decimals, the contract's status words), the page in the reader's language.
struct ReconcileRenderer: ReportFormats {
    var report: ReconcileReport
    var currency: Currency
    var strings: Strings

    private var r: Reconciliation.Result { report.result }

    func csv() -> String { ReportCSV.reconciliation(r, currency: currency) }

    func json() -> String {
        let m = { (x: Money) in JSON.string(x.machine(currency)) }
        return JSON.object([
            ("channel", .string(report.channel)),
            ("from", .string(report.from.iso)),
            ("to", .string(report.to.iso)),
            ("currency", .string(currency.code)),
            ("rows", .array(r.rows.map { row in
                .object([("ref", .string(row.ref)), ("status", .string(row.status.rawValue)),
                         ("account_no", row.posted.map { .string($0.accountNo) } ?? .null),
                         ("posted_on", row.posted.map { .string($0.date.iso) } ?? .null),
                         ("posted", row.posted.map { m($0.amount) } ?? .null),
                         ("settled_on", row.settled.map { .string($0.date.iso) } ?? .null),
                         ("settled", row.settled.map { m($0.amount) } ?? .null),
                         ("fee", row.settled.map { m($0.fee) } ?? .null)])
            })),
            ("totals", .object([("posted", m(r.totals.posted)), ("settled", m(r.totals.settled)), ("fees", m(r.totals.fees)),
                                ("difference", m(r.totals.difference))]
                               + Reconciliation.Status.allCases.map { ($0.rawValue, JSON.int(r.totals.counts[$0] ?? 0)) })),
        ]).rendered()
    }

    func table() -> String {
        let w = strings
        let fmt = MoneyFormatter(currency: currency, language: w.language)
        var out = TextField.visible("\(w.reconcile(.title)) \(report.channel)") + "\n"
        out += "\(w.reconcile(.period)) \(w.longDate(report.from)) – \(w.longDate(report.to))\n"
        out += TextField.visible("\(w.reconcile(.statement)): \(report.statement)") + "\n\n"
        if r.rows.isEmpty {
            out += "  \(w.reconcile(.nothing))\n"
        } else {
            var t = TextTable(headers: [w.reconcile(.ref), w.reconcile(.status), w.reconcile(.account), w.reconcile(.postedOn), w.reconcile(.posted),
                                        w.reconcile(.settledOn), w.reconcile(.settled), w.reconcile(.fee)],
                              align: [.left, .left, .left, .left, .right, .left, .right, .right])
            for row in r.rows {
                t.rows.append([TextField.visible(row.ref), w.reconcileStatus(row.status), TextField.visible(row.posted?.accountNo ?? ""),
                               row.posted?.date.iso ?? "", row.posted.map { fmt.format($0.amount) } ?? "",
                               row.settled?.date.iso ?? "", row.settled.map { fmt.format($0.amount) } ?? "",
                               row.settled.map { fmt.format($0.fee) } ?? ""])
            }
            out += t.rendered().split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            if !out.hasSuffix("\n") { out += "\n" }
        }
        out += "\n\(w.reconcile(.totals)):\n"
        let totals: [(Strings.ReconcileWord, Money)] = [(.totalPosted, r.totals.posted), (.totalSettled, r.totals.settled),
                                                         (.totalFees, r.totals.fees), (.difference, r.totals.difference)]
        for (word, value) in totals { out += "  \(w.reconcile(word)): \(fmt.format(value))\n" }
        let counts = Reconciliation.Status.allCases.map { "\(w.reconcileStatus($0)) \(r.totals.counts[$0] ?? 0)" }
        out += "  " + counts.joined(separator: "; ") + "\n"
        return out
    }
}
