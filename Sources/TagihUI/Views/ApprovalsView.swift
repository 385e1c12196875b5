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
        Chrome.title(&b, "\(str[.appName]) — \(str[.approvalsTitle]) · \(order)\(key)", right: a.loaded ? "\(a.plans.count)" : "")
        // Amounts are never cut: their column is as wide as the widest; the name takes what is left.
        let amountWidth = max(displayWidth(str[.colAmount]), a.plans.map { displayWidth(s.money.format($0.schedule.total)) }.max() ?? 0)
        let collectorWidth = max(8, displayWidth(str[.collector]))
        let discountWidth = max(4, displayWidth(str[.fieldDiscount]))
        let terms = a.plans.map { "\($0.schedule.terms.instalments) × \(str.every($0.schedule.terms.frequency))" }
        let termsWidth = max(displayWidth(str[.fieldInstalments]), terms.map(displayWidth).max() ?? 0)
        let nameWidth = max(8, b.width - 22 - amountWidth - collectorWidth - discountWidth - termsWidth)
        b.put(" " + columns([("#", 5, .right), (str[.colAccount], 10, .left), (str[.colName], nameWidth, .left), (str[.collector], collectorWidth, .left),
                             (str[.colAmount], amountWidth, .right), (str[.fieldDiscount], discountWidth, .right), (str[.fieldInstalments], termsWidth, .left)]),
              x: 0, y: 1, style: Palette.header)
        if a.loaded && a.plans.isEmpty { b.put(" " + str[.approvalsNone], x: 0, y: 2) }
        // The list takes up to a third of the screen; the selected plan the rest.
        let listRows = min(max(1, a.plans.count), max(3, (b.height - 4) / 3))
        let top = max(0, a.cursor - listRows + 1)
        for (i, p) in a.plans.dropFirst(top).prefix(listRows).enumerated() {
            let sch = p.schedule
            let name = a.accounts[p.accountID]?.name ?? "…"
            let text = " " + columns([(String(p.id), 5, .right), (p.accountNo, 10, .left), (TextField.visible(name), nameWidth, .left),
                                      (p.proposedBy, collectorWidth, .left), (s.money.format(sch.total), amountWidth, .right),
                                      ("\(formatPercent(sch.terms.discountBasisPoints))%", discountWidth, .right),
                                      (terms[top + i], termsWidth, .left)])
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
        }
        if let reason = a.reason {
            b.fill(row: bottom, style: .plain)
            b.put(" " + str[.approvalsReason] + TextField.visible(reason) + "▏", x: 0, y: bottom, style: Palette.section)
        }
        Chrome.bottom(&b, hint: Chrome.hint(.approvals, Chrome.approvalsTips, state: s), state: s)
    }
}
