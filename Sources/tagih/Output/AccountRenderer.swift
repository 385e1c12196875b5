import TagihCore
import TagihStore

/// One account's position as JSON (CONTRACT §5) or as a readable page.
struct AccountRenderer {
    let account: AccountPosition
    let currency: Currency
    let buckets: Buckets
    let strings: Strings
    /// The account's phones with their party and status as of the day shown (CONTRACT §9).
    var phones: [Phone] = []
    /// The holds in force and the unresolved cases as of the day (CONTRACT §9).
    var holds: [Hold] = []
    var cases: [CaseBook.Listed] = []

    private var p: Position { account.position }
    private var bucketLabel: String { buckets.labels[p.bucket(buckets)] }

    func json() -> String {
        JSON.object([
            ("account_no", .string(account.accountNo)),
            ("name", .string(account.name)),
            ("as_of", .string(p.asOf.iso)),
            ("balance", .string(p.balance.machine(currency))),
            ("past_due", .string(p.pastDue.machine(currency))),
            ("unapplied", .string(p.unapplied.machine(currency))),
            ("oldest_days_past_due", .int(p.oldestDaysPastDue)),
            ("bucket", .string(bucketLabel)),
            ("open_charges", .array(p.openCharges.map { oc in
                .object([("ref", .string(oc.charge.ref)), ("due_date", .string(oc.charge.dueDate.iso)),
                         ("amount", .string(oc.charge.amount.machine(currency))), ("open", .string(oc.open.machine(currency))),
                         ("days_past_due", .int(oc.daysPastDue))])
            })),
            ("timezone", .string(account.timeZone)),
            ("segment", account.segment.map(JSON.string) ?? .null),
            ("collector", account.collector.map(JSON.string) ?? .null),
            ("phones", .array(phones.map { PhonesRenderer.json($0, asOf: p.asOf) })),
            ("holds", .array(holds.map { h in
                .object([("kind", .string(h.kind.rawValue)), ("since", .string(h.since.iso)),
                         ("until", h.until.map { .string($0.iso) } ?? .null), ("reason", .string(h.reason))])
            })),
            ("cases", .array(cases.map { c in
                .object([("id", .int(Int(c.record.id))), ("type", .string(c.record.type.rawValue)), ("opened", .string(c.record.opened.iso)),
                         ("due", .string(c.state.due.iso)), ("status", .string(c.state.status.rawValue)), ("summary", .string(c.record.summary))])
            })),
        ]).rendered()
    }

    func table() -> String {
        let s = strings
        let fmt = MoneyFormatter(currency: currency, language: s.language)
        // Stored text shown on a terminal: no control character (CONTRACT §1).
        var out = TextField.visible("\(account.accountNo)  \(account.name)") + "\n"
        var details: [(String, String)] = []
        // With the phone list below, the accounts file's field would say it twice.
        if let v = account.phone, phones.isEmpty { details.append((s[.phone], v)) }
        if let v = account.email { details.append((s[.email], v)) }
        if let v = account.address { details.append((s[.address], v)) }
        details.append((s[.timeZone], account.timeZone))
        details.append((s[.segment], account.segment ?? s[.none]))
        details.append((s[.collector], account.collector ?? s[.none]))
        let width = details.map { displayWidth($0.0) }.max() ?? 0
        for (k, v) in details { out += "  " + k + String(repeating: " ", count: width - displayWidth(k)) + "  " + TextField.visible(v) + "\n" }

        if !phones.isEmpty {
            let list = PhonesRenderer(phones: phones, asOf: p.asOf, strings: s).rows().rendered()
            out += "\n\(s[.phone])\n" + list.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        }

        out += holdsAndCases()
        out += "\n\(s[.asOf]) \(s.longDate(p.asOf))\n"
        let figures: [(String, String)] = [
            (s[.balance], fmt.format(p.balance)),
            (s[.pastDue], fmt.format(p.pastDue)),
            (s[.unapplied], fmt.format(p.unapplied)),
            (s[.oldestPastDue], "\(p.oldestDaysPastDue) \(s[.days]) (\(s.bucketLabel(bucketLabel)))"),
        ]
        let fw = figures.map { displayWidth($0.0) }.max() ?? 0
        for (k, v) in figures { out += "  " + k + String(repeating: " ", count: fw - displayWidth(k)) + "  " + v + "\n" }

        out += "\n\(s[.openCharges])\n"
        if p.openCharges.isEmpty { return out + "  \(s[.noOpenCharges])\n" }
        var t = TextTable(headers: [s[.ref], s[.dueDate], s[.amount], s[.open], s[.daysPastDue]],
                          align: [.left, .left, .right, .right, .right])
        for oc in p.openCharges {
            t.rows.append([oc.charge.ref, oc.charge.dueDate.iso, fmt.format(oc.charge.amount), fmt.format(oc.open), String(oc.daysPastDue)])
        }
        return out + t.rendered().split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }.joined(separator: "\n")
    }

    /// The holds in force and the unresolved cases, one line each.
    private func holdsAndCases() -> String {
        let id = strings.language == .id
        var out = ""
        for h in holds {
            let end = h.until.map { (id ? "sampai " : "until ") + $0.iso } ?? (id ? "tanpa akhir" : "no end set")
            out += (id ? "  DITAHAN: " : "  ON HOLD: ") + "\(h.kind.rawValue) " + (id ? "sejak" : "since") + " \(h.since.iso), \(end): "
                + TextField.visible(h.reason) + "\n"
        }
        for c in cases {
            out += (id ? "  Kasus " : "  Case ") + "\(c.record.id) \(c.record.type.rawValue) \(strings.caseStatus(c.state.status)), "
                + (id ? "batas " : "due ") + "\(c.state.due.iso): " + TextField.visible(c.record.summary) + "\n"
        }
        return out
    }
}
