import TagihCore
import TagihStore

/// `report promises` in the three formats (CONTRACT §6).
struct PromisesRenderer {
    var lines: [PromiseLine]
    var asOf: Day
    var currency: Currency
    var strings: Strings
    var money: MoneyFormatter

    func csv() -> String {
        var out = "account_no,made_on,made_by,amount,due_date,paid,status\n"
        for l in lines {
            out += [csvField(l.accountNo), l.madeOn.iso, csvField(l.madeBy), l.amount.machine(currency), l.due.iso,
                    l.paid.machine(currency), l.status.rawValue].joined(separator: ",") + "\n"
        }
        return out
    }

    func json() -> String {
        JSON.object([
            ("as_of", .string(asOf.iso)),
            ("currency", .string(currency.code)),
            ("promises", .array(lines.map { l in
                .object([("account_no", .string(l.accountNo)), ("made_on", .string(l.madeOn.iso)), ("made_by", .string(l.madeBy)),
                         ("amount", .string(l.amount.machine(currency))), ("due_date", .string(l.due.iso)),
                         ("paid", .string(l.paid.machine(currency))), ("status", .string(l.status.rawValue))])
            })),
        ]).rendered()
    }

    func table() -> String {
        let s = strings
        var t = TextTable(headers: [s[.account], s[.madeOnHeading], s[.byHeading], s[.amount], s[.dueHeading], s[.paidHeading], s[.statusHeading]],
                          align: [.left, .left, .left, .right, .left, .right, .left])
        for l in lines {
            t.rows.append([l.accountNo, l.madeOn.iso, l.madeBy, money.format(l.amount), l.due.iso, money.format(l.paid), s.promiseStatus(l.status)])
        }
        let count = { (st: PromiseStatus) in lines.filter { $0.status == st }.count }
        // The replaced count shows only when there is one, so a book without
        // replaced promises reads as it always did.
        let title = count(.replaced) == 0
            ? s.format(.promisesTitle, asOf.iso, lines.count, count(.open), count(.kept), count(.broken))
            : s.format(.promisesTitleReplaced, asOf.iso, lines.count, count(.open), count(.kept), count(.broken), count(.replaced))
        return title + "\n\n"
            + (lines.isEmpty ? "" : t.rendered())
    }
}

/// `report activity` in the three formats (CONTRACT §6).
struct ActivityRenderer {
    var lines: [ActivityLine]
    var from: Day
    var to: Day
    var currency: Currency
    var strings: Strings
    var money: MoneyFormatter

    func csv() -> String { ReportCSV.activity(lines, currency: currency) }

    func json() -> String {
        JSON.object([
            ("from", .string(from.iso)), ("to", .string(to.iso)), ("currency", .string(currency.code)),
            ("collectors", .array(lines.map { l in
                .object([("collector", .string(l.collector)), ("attempts", .int(l.attempts)), ("contacts", .int(l.contacts)),
                         ("right_party", .int(l.rightParty)), ("promises", .int(l.promises)),
                         ("promised_amount", .string(l.promisedAmount.machine(currency))), ("kept", .int(l.kept)),
                         ("broken", .int(l.broken)), ("collected", .string(l.collected.machine(currency)))])
            })),
        ]).rendered()
    }

    func table() -> String {
        let s = strings
        var t = TextTable(headers: [s[.collector], s[.attemptsHeading], s[.contactsHeading], s[.rightPartyHeading], s[.promisesHeading],
                                    s[.promisedHeading], s[.keptHeading], s[.brokenHeading], s[.keptRateHeading], s[.collectedHeading]],
                          align: [.left, .right, .right, .right, .right, .right, .right, .right, .right, .right])
        for l in lines {
            let settled = l.kept + l.broken
            let rate = settled == 0 ? "—" : "\(l.kept * 100 / settled)%"
            t.rows.append([l.collector, String(l.attempts), String(l.contacts), String(l.rightParty), String(l.promises),
                           money.format(l.promisedAmount), String(l.kept), String(l.broken), rate, money.format(l.collected)])
        }
        return s.format(.activityTitle, from.iso, to.iso) + "\n\n" + (lines.isEmpty ? s[.noContactsInPeriod] + "\n" : t.rendered())
    }
}
