import TagihCore
import TagihTerminal

/// The lead's approvals: the pending plans in the chosen order (the title
/// says which), each with its debtor; under the list, the selected plan
/// whole — the balance today beside the balance at the proposal, why it
/// needs a decision (wrapped, never cut), the proposer's note, the schedule
/// beside the account's recent payments — so most plans are decided without
/// opening the account.
enum ApprovalsView {
    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ a: ApprovalsState) {
        let str = s.strings
        let order = str[a.newestFirst ? .approvalsNewestFirst : .approvalsOldestFirst]
        // The order and the key that turns it round (as the keymap binds it).
        let key = s.keymap.keys[.sort]?.first.map { " (\(Keymap.display($0)))" } ?? ""
        Chrome.title(&b, "\(str[.appName]) — \(str[.approvalsTitle]) · \(order)\(key)", right: a.loaded ? "\(a.rowCount)" : "")
        // One row per plan, then per case credit: (#, account, name, collector, amount, discount, terms).
        let rows: [[String]] = a.plans.map { p in
            let sch = p.schedule
            return [String(p.id), p.accountNo, a.accounts[p.accountID]?.name ?? "…", p.proposedBy, s.money.format(sch.total),
                    "\(formatPercent(sch.terms.discountBasisPoints))%", "\(sch.terms.instalments) × \(str.every(sch.terms.frequency))"]
        } + a.cases.map { c in
            [String(c.record.id), c.record.accountNo, a.accounts[c.record.accountID]?.name ?? "…", c.state.resolution?.by ?? "",
             c.state.resolution?.credit.map(s.money.format) ?? "", "", str[.approvalsCaseRow]]
        }
        // Amounts are never cut: their column is as wide as the widest; the name takes what is left.
        let amountWidth = max(displayWidth(str[.colAmount]), rows.map { displayWidth($0[4]) }.max() ?? 0)
        let collectorWidth = max(8, displayWidth(str[.collector]))
        let discountWidth = max(4, displayWidth(str[.fieldDiscount]))
        let termsWidth = max(displayWidth(str[.fieldInstalments]), rows.map { displayWidth($0[6]) }.max() ?? 0)
        let nameWidth = max(8, b.width - 22 - amountWidth - collectorWidth - discountWidth - termsWidth)
        b.put(" " + columns([("#", 5, .right), (str[.colAccount], 10, .left), (str[.colName], nameWidth, .left), (str[.collector], collectorWidth, .left),
                             (str[.colAmount], amountWidth, .right), (str[.fieldDiscount], discountWidth, .right), (str[.fieldInstalments], termsWidth, .left)]),
              x: 0, y: 1, style: Palette.header)
        if a.loaded && rows.isEmpty { b.put(" " + str[.approvalsNone], x: 0, y: 2) }
        // The list takes up to a third of the screen; the selected plan the rest.
        let listRows = min(max(1, rows.count), max(3, (b.height - 4) / 3))
        let top = max(0, a.cursor - listRows + 1)
        for (i, r) in rows.dropFirst(top).prefix(listRows).enumerated() {
            let text = " " + columns([(r[0], 5, .right), (r[1], 10, .left), (TextField.visible(r[2]), nameWidth, .left),
                                      (r[3], collectorWidth, .left), (r[4], amountWidth, .right), (r[5], discountWidth, .right),
                                      (r[6], termsWidth, .left)])
            if top + i == a.cursor {
                b.fill(row: 2 + i, style: Palette.selected)
                b.put(text, x: 0, y: 2 + i, style: Palette.selected)
            } else {
                b.put(text, x: 0, y: 2 + i)
            }
        }
        // The decline's reason is typed on the line above the keys.
        let bottom = b.height - 3
        if let p = a.selected {
            var y = 2 + listRows + 1
            for line in PlanPanels.summary(p, a.accounts[p.accountID], s, width: b.width - 2) where y < bottom {
                b.put(" " + line.text, x: 0, y: y, style: line.style)
                y += 1
            }
            PlanPanels.scheduleAndPayments(&b, s, p, a.accounts[p.accountID], top: y + 1, bottom: bottom, scroll: 0)
        } else if let c = a.selectedCase {
            var y = 2 + listRows + 1
            for line in caseLines(c, a.accounts[c.record.accountID], s, width: b.width) where y < bottom {
                b.put(line.text, x: 0, y: y, style: line.style)
                y += 1
            }
        }
        if let reason = a.reason {
            b.fill(row: bottom, style: .plain)
            b.put(" " + str[.approvalsReason] + TextField.visible(reason) + "▏", x: 0, y: bottom, style: Palette.section)
        }
        Chrome.bottom(&b, hint: Chrome.hint(.approvals, Chrome.approvalsTips, state: s), state: s)
    }

    /// A case credit under the cursor: the case as its screen lists it
    /// (type, status, dates, summary, the resolution and who asked), the
    /// balance today beside the credit asked, and where it is decided.
    static func caseLines(_ c: PendingCaseCredit, _ d: AccountDetail?, _ s: AppState, width: Int) -> [Line] {
        let str = s.strings
        let today = d.map { s.money.format($0.position.balance) } ?? str[.loading]
        let asked = c.state.resolution?.credit.map(s.money.format) ?? "—"
        var out = CaseScreenView.lines(s, [(c.record, c.state)], cursor: -1)
        if let note = c.state.resolution?.note, !note.isEmpty {
            out += AccountView.wrapKeepingSpaces("     “" + TextField.visible(note) + "”", width).map { Line($0, .plain) }
        }
        out += Chrome.wrap(str.format(.approvalsCaseBalance, today, asked), width - 1).map { Line(" " + $0, Palette.section) }
        let keys = [Action.approve, .decline, .open].map { s.keymap.names($0, in: .approvals) }
        out += Chrome.wrap(str.format(.approvalsCaseHint, keys[0], keys[1], keys[2]), width - 1).map { Line(" " + $0, Palette.hint) }
        return out
    }
}
