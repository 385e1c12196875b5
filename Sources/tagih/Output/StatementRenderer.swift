import TagihCore
import TagihStore

/// `tagih statement` in the three formats: machine formats exact (amounts as
/// plain decimals, signed: a charge raises the balance, a payment lowers it),
/// the page in the reader's language.
struct StatementRenderer: ReportFormats {
    var report: AccountStatementReport
    var currency: Currency
    var strings: Strings

    private var s: AccountStatement { report.statement }

    func csv() -> String {
        var out = "date,kind,ref,description,amount,balance,past_due\n"
        let m = { (x: Money) in x.machine(currency) }
        out += [s.opening.asOf.iso, "opening", "", "", "", m(s.opening.balance), m(s.opening.pastDue)].joined(separator: ",") + "\n"
        for l in s.lines {
            let e = l.entry
            out += [e.date.iso, e.kind.rawValue, csvField(e.ref), csvField(e.text ?? ""), m(e.amount), m(l.balance), ""].joined(separator: ",") + "\n"
        }
        out += [s.closing.asOf.iso, "closing", "", "", "", m(s.closing.balance), m(s.closing.pastDue)].joined(separator: ",") + "\n"
        return out
    }

    func json() -> String {
        let m = { (x: Money) in JSON.string(x.machine(currency)) }
        let end = { (e: StatementEnd) in JSON.object([("as_of", .string(e.asOf.iso)), ("balance", m(e.balance)), ("past_due", m(e.pastDue))]) }
        return JSON.object([
            ("account_no", .string(report.accountNo)),
            ("name", .string(report.name)),
            ("from", .string(s.from.iso)),
            ("to", .string(s.to.iso)),
            ("currency", .string(currency.code)),
            ("opening", end(s.opening)),
            ("lines", .array(s.lines.map { l in
                let e = l.entry
                var fields: [(String, JSON)] = [("date", .string(e.date.iso)), ("kind", .string(e.kind.rawValue)), ("ref", .string(e.ref)),
                                                ("amount", m(e.amount)), ("balance", m(l.balance))]
                if let d = e.dueDate { fields.append(("due_date", .string(d.iso))) }
                if let c = e.channel { fields.append(("channel", .string(c))) }
                if let r = e.reverses { fields.append(("reverses", .string(r))) }
                fields.append(("description", e.text.map(JSON.string) ?? .null))
                return .object(fields)
            })),
            ("closing", end(s.closing)),
            ("charged", m(s.raised)),
            ("credited", m(s.lowered)),
        ]).rendered()
    }

    func table() -> String {
        let w = strings
        let fmt = MoneyFormatter(currency: currency, language: w.language)
        var out = TextField.visible("\(w.statement(.title)) \(report.accountNo)  \(report.name)") + "\n"
        out += "\(w.statement(.period)) \(w.longDate(s.from)) – \(w.longDate(s.to))\n\n"
        let end = { (title: String, e: StatementEnd) in
            "\(title) \(w.longDate(e.asOf)): \(w.statement(.balance)) \(fmt.format(e.balance)), \(w.statement(.pastDue)) \(fmt.format(e.pastDue))\n"
        }
        out += end(w.statement(.opening), s.opening) + "\n"
        if s.lines.isEmpty {
            out += "  \(w.statement(.noEntries))\n"
        } else {
            var t = TextTable(headers: [w.statement(.date), w.statement(.kind), w.statement(.ref), w.statement(.detail), w.statement(.amount),
                                        w.statement(.runningBalance)],
                              align: [.left, .left, .left, .left, .right, .right])
            for l in s.lines {
                let e = l.entry
                var detail: [String] = []
                if let d = e.dueDate { detail.append("\(w.statement(.due)) \(d.iso)") }
                if let c = e.channel { detail.append(c) }
                if let r = e.reverses { detail.append("\(w.statement(.reverses)) \(r)") }
                if let x = e.text { detail.append(x) }
                t.rows.append([e.date.iso, w.statementKind(e.kind), TextField.visible(e.ref), TextField.visible(detail.joined(separator: "; ")),
                               fmt.format(e.amount), fmt.format(l.balance)])
            }
            out += t.rendered().split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
            if !out.hasSuffix("\n") { out += "\n" }
            out += "\n  \(w.statement(.raised)): \(fmt.format(s.raised))\n  \(w.statement(.lowered)): \(fmt.format(s.lowered))\n"
        }
        out += "\n" + end(w.statement(.closing), s.closing)
        return out
    }
}
