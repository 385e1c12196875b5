import TagihCore
import TagihTerminal

/// A pending plan shown whole before the lead approves it: the debtor, the
/// terms and why they need a decision, every line of the schedule (scrolled
/// with the arrows) beside the account's payments, and the question.
enum ConfirmPlanView {
    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ c: PlanConfirmation) {
        let str = s.strings
        let p = c.plan
        let sch = p.schedule
        let d = c.detail
        let width = b.width - 2
        Chrome.title(&b, str.format(.confirmTitle, p.id, p.accountNo))
        let balance = d.map { s.money.format($0.position.balance) } ?? str[.loading]
        b.put(" " + fit(str.format(.confirmDebtor, d?.name ?? str[.loading], p.accountNo, balance,
                                   d.map { $0.collector ?? str[.noneChoice] } ?? str[.loading]), width), x: 0, y: 1, style: Palette.section)
        b.put(" " + fit(str.format(.confirmTerms, formatPercent(sch.terms.discountBasisPoints), s.money.format(sch.discount),
                                   s.money.format(sch.total)), width), x: 0, y: 2)
        b.put(" " + fit(str.format(.confirmLength, s.money.format(sch.terms.downPayment), sch.terms.instalments,
                                   str.every(sch.terms.frequency), str.shortDate(sch.lastDue)), width), x: 0, y: 3)
        b.put(" " + fit(str.format(.confirmProposed, p.proposedBy, str.shortDate(p.start)), width), x: 0, y: 4)
        // Why it needs a decision, every word of it (wrapped), then the proposer's note;
        // the schedule and the payments take the lines left.
        var y = 5
        for line in PlanPanels.reasons(p, s, width: width) {
            b.put(" " + line.text, x: 0, y: y, style: line.style)
            y += 1
        }
        PlanPanels.scheduleAndPayments(&b, s, p, d, top: max(8, y + 1), bottom: b.height - 3, scroll: c.scroll)
        b.put(" " + fit(str.format(.confirmQuestion, p.id), width), x: 0, y: b.height - 3, style: Palette.section)
        Chrome.bottom(&b, hint: Chrome.hint(.confirm, Chrome.confirmTips, state: s), state: s)
    }
}

/// The parts of a pending plan the approvals list and the confirmation both show.
enum PlanPanels {
    /// Why the plan needs a decision (the proposer's excesses) and the
    /// proposer's note, wrapped to `width`: never cut, even at 132 columns.
    static func reasons(_ p: PlanRecord, _ s: AppState, width: Int) -> [Line] {
        let why = s.strings.planBeyond(p).map { Chrome.wrap($0, width - 2).map { Line("  " + $0, Palette.warning) } } ?? []
        let note = p.note.map { Chrome.wrap("“" + $0 + "”", width).map { Line($0) } } ?? []
        return why + note
    }

    /// The balance today beside the balance at the proposal, then the reasons.
    static func summary(_ p: PlanRecord, _ d: AccountDetail?, _ s: AppState, width: Int) -> [Line] {
        let str = s.strings
        let today = d.map { s.money.format($0.position.balance) } ?? str[.loading]
        let balances = str.format(.approvalsBalances, today, s.money.format(p.schedule.terms.balance), str.shortDate(p.start))
        return Chrome.wrap(balances, width).map { Line($0, Palette.section) } + reasons(p, s, width: width)
    }

    /// Left: the schedule from line `scroll`; right: the account's payments
    /// and adjustments, newest first; each ends in "… N more" when it does not fit.
    static func scheduleAndPayments(_ b: inout ScreenBuffer, _ s: AppState, _ p: PlanRecord, _ d: AccountDetail?,
                                    top: Int, bottom: Int, scroll: Int) {
        let str = s.strings
        let sch = p.schedule
        let rows = bottom - (top + 2)
        guard rows > 0 else { return }
        let right = 38
        b.put(" " + str.format(.confirmSchedule, sch.lines.count), x: 0, y: top, style: Palette.section)
        b.put("   " + columns([(str[.colNo], 3, .right), (str[.colDue], 12, .left), (str[.colAmount], 16, .right)]),
              x: 0, y: top + 1, style: Palette.header)
        let lines = sch.lines.dropFirst(scroll)
        for (i, line) in lines.prefix(rows).enumerated() {
            let more = i == rows - 1 && lines.count > rows
            let text = more ? str.format(.planMore, lines.count - i)
                : columns([(String(line.n), 3, .right), (str.shortDate(line.due), 12, .left), (s.money.format(line.amount), 16, .right)])
            b.put("   " + text, x: 0, y: top + 2 + i)
        }
        let activity = d?.activity ?? []
        b.put(fit("\(str[.confirmHistory]) (\(d.map { String($0.activity.count) } ?? str[.loading]))", b.width - right),
              x: right, y: top, style: Palette.section)
        b.put(columns([(str[.colDate], 11, .left), (str[.colKind], 11, .left), (str[.colAmount], 16, .right)]),
              x: right, y: top + 1, style: Palette.header)
        if d != nil && activity.isEmpty { b.put(fit(str[.noActivity], b.width - right), x: right, y: top + 2) }
        for (i, e) in activity.prefix(rows).enumerated() {
            let more = i == rows - 1 && activity.count > rows
            let sign = e.kind == .debit || e.kind == .reversal ? "+" : "-"
            let text = more ? str.format(.planMore, activity.count - i)
                : columns([(str.shortDate(e.date), 11, .left), (AccountView.kindName(e.kind, str), 11, .left),
                           (sign + s.money.format(e.amount), 16, .right)])
            // A reversed payment is shown dim, as on the account screen: it no longer counts.
            b.put(text, x: right, y: top + 2 + i, style: e.reversedOn != nil && !more ? Palette.hint : .plain)
        }
    }
}

/// The collector picker: the accounts going, then whom they may go to.
enum AssignView {
    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ p: AssignPicker) {
        let str = s.strings
        let width = b.width - 2
        Chrome.title(&b, "\(str[.appName]) — \(str[.assignTitle])")
        b.put(" " + fit(str.format(.assignAccounts, p.accounts.count, p.accounts.map(\.no).joined(separator: ", ")), width),
              x: 0, y: 1, style: Palette.section)
        b.put(" " + columns([(str[.collector], 10, .left), (str[.colName], 30, .left), (str[.colTeam], 20, .left)]),
              x: 0, y: 3, style: Palette.header)
        let height = b.height - 8
        let top = max(0, p.cursor - height + 1)
        for (i, u) in p.candidates.dropFirst(top).prefix(height).enumerated() {
            let text = " " + (u.map { columns([($0.login, 10, .left), ($0.name, 30, .left), ($0.team ?? str[.noneChoice], 20, .left)]) }
                ?? str[.assignNobody])
            if top + i == p.cursor {
                b.fill(row: 4 + i, style: Palette.selected)
                b.put(text, x: 0, y: 4 + i, style: Palette.selected)
            } else {
                b.put(text, x: 0, y: 4 + i)
            }
        }
        Chrome.bottom(&b, hint: Chrome.hint(.assign, Chrome.assignTips, state: s), state: s)
    }
}
