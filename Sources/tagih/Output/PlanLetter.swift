import TagihCore
import TagihStore

/// The agreement letter of a plan: a printable text document in the UI
/// language with the parties, the schedule, how to pay, and — above
/// Rp5.000.000 — the e-Meterai stamp duty note (UU 10/2020).
struct PlanLetter {
    var plan: PlanRecord
    var debtorName: String
    var debtorAddress: String?
    var proposerName: String
    var settings: Settings
    var strings: Strings
    var money: MoneyFormatter

    /// The letter of a plan (an id, or an account's most recent plan) as of
    /// the session's day: an active or completed plan's agreement, a pending
    /// plan's draft; any other plan has no letter (CONTRACT §8).
    static func make(_ plan: String, database db: AppDatabase, ctx: CommandContext, session: Session) throws -> PlanLetter {
        let record = try PlanBook(db).show(plan, asOf: session.today)
        guard [.active, .completed, .pending].contains(record.status) else {
            throw CommandError.failed("plan \(record.id) is \(record.status.rawValue): only an active, completed or pending (draft) plan has a letter")
        }
        let account = try LedgerReports(db).account(record.accountNo, asOf: session.today)
        let proposer = try UserDirectory(db).find(record.proposedBy)
        // Stored text reaches the terminal (or the printer) without control characters.
        return PlanLetter(plan: record, debtorName: TextField.visible(account.name), debtorAddress: account.address.map(TextField.visible),
                          proposerName: TextField.visible(proposer?.name ?? record.proposedBy), settings: ctx.settings, strings: ctx.strings, money: ctx.money)
    }

    func text() -> String {
        let s = plan.schedule
        let str = strings
        var out: [String] = []
        if plan.status == .pending { out.append(str[.letterDraft]) }
        out.append(str[.letterTitle])
        out.append(str.format(.letterNumber, "PLAN-\(plan.id)/\(plan.start.components.year)"))
        out.append("")
        out.append(str[.letterParties])
        out += wrap(str.format(.letterCreditor, settings.companyName, "\(proposerName) (\(plan.proposedBy))"))
        out += wrap(str.format(.letterDebtor, debtorName, plan.accountNo, debtorAddress ?? "—"))
        out.append("")
        out += wrap(str.format(.letterAgree, money.format(s.terms.balance), str.longDate(plan.start)))
        if s.discount.isPositive {
            out += wrap(str.format(.letterDiscount, formatPercent(s.terms.discountBasisPoints), money.format(s.discount), money.format(s.total)))
        }
        if let down = s.lines.first(where: { $0.n == 0 }) {
            out += wrap(str.format(.letterDown, money.format(down.amount), str.longDate(down.due)))
        }
        out += wrap(str.format(.letterInstalments, String(s.terms.instalments), str.every(s.terms.frequency)))
        var t = TextTable(headers: [str[.colNo], str[.dueDate], str[.amount]], align: [.right, .left, .right])
        for line in s.lines where line.n > 0 { t.rows.append([String(line.n), str.longDate(line.due), money.format(line.amount)]) }
        out += t.rendered().split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { "    " + $0 }
        out.append("")
        out += wrap(str.format(.letterChannels, plan.accountNo))
        out += wrap(str.format(.letterGrace, String(settings.promiseGraceDays)))
        if StampDuty.applies(to: s.total) {
            // Both sums in the letter's own money format: `Rp5,000,000` in English, `Rp5.000.000` in Indonesian.
            out += wrap(str.format(.letterMeterai, money.format(StampDuty.threshold), money.format(StampDuty.duty)))
        }
        out.append("")
        out.append(str.format(.letterSigned, settings.companyCity, str.longDate(plan.start)))
        out.append("")
        out.append(pad(settings.companyName, 40) + debtorName)
        out.append("")
        out.append("")
        out.append(pad("(\(proposerName))", 40) + "(\(debtorName))")
        return out.joined(separator: "\n") + "\n"
    }

    private func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(1, w - displayWidth(s))) }

    /// Words wrapped at 76 columns, continuation lines indented like the first.
    private func wrap(_ text: String, width: Int = 76) -> [String] {
        let indent = text.hasPrefix("- ") ? "  " : text.first?.isNumber == true ? "   " : ""
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, displayWidth(current) + 1 + displayWidth(String(word)) > width {
                lines.append(current)
                current = indent + word
            } else {
                current = current.isEmpty ? String(word) : current + " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
