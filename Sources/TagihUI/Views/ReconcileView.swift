import TagihCore

/// Reports → Reconciliation: per ref, how the channel's payments in the
/// ledger and its settlement statement agree (`tagih reconcile`'s table),
/// the dates and fee beside them when the screen is wide, the totals under it.
enum ReconcileView {
    /// The line above the table: channel, period, statement (and its profile).
    static func period(_ r: ReportsState, _ s: AppState) -> String? {
        let str = s.strings, t = r.reconcile
        guard let channel = t.channel else { return nil }
        let p = t.period(today: s.today)
        var line = "\(str.reconcileScreen(.channel)) \(channel) · \(str.shortDate(p.lowerBound)) – \(str.shortDate(p.upperBound))"
        if !t.path.isEmpty {
            line += " · \(t.path)"
            if let profile = t.outcome?.profile { line += " (\(str.reconcileScreen(.profile)) \(profile))" }
        }
        return line
    }

    /// The export's file name: the channel and the period it reconciles
    /// (`reconciliation-VA-2026-11-01-2026-11-23`), so two months' exports never overwrite each other.
    static func exportName(_ q: ReconcileRequest) -> String {
        "reconciliation-\(ReportsView.safe(q.channel))-\(q.from.iso)-\(q.to.iso)"
    }

    /// Wide enough for the dates and the fee (132 columns).
    static func wide(_ s: AppState) -> Bool { s.width >= 120 }

    static func rows(_ r: ReportsState, _ s: AppState) -> [Line] {
        let str = s.strings, t = r.reconcile, m = s.money
        guard !t.channels.isEmpty else { return [Line(" " + str.reconcileScreen(.noChannels), Palette.hint)] }
        let amount = max(14, (t.outcome?.result.rows ?? []).flatMap { [$0.posted?.amount, $0.settled?.amount] }
            .compactMap { $0.map { displayWidth(m.format($0)) } }.max() ?? 0)
        // 80 columns: ref 14, status 20 (the short words), account 10, two amounts of 14.
        let statusWidth = wide(s) ? 29 : 20
        var head: [(String, Int, Align)] = [(str.reconcile(.ref), 14, .left), (str.reconcile(.status), statusWidth, .left),
                                            (str.reconcile(.account), 10, .left)]
        if wide(s) { head.append((str.reconcile(.postedOn), 11, .left)) }
        head.append((str.reconcile(.posted), amount, .right))
        if wide(s) { head.append((str.reconcile(.settledOn), 11, .left)) }
        head.append((str.reconcile(.settled), amount, .right))
        if wide(s) { head.append((str.reconcile(.fee), 12, .right)) }
        var out = [Line(" " + columns(head))]
        if let refusal = t.refusal { return out + [Line(" " + refusal, Palette.warning)] }
        guard let result = t.outcome?.result else { return out + [Line(" " + keysHint(s), Palette.hint)] }
        if result.rows.isEmpty { out.append(Line(" " + str.reconcile(.nothing), Palette.hint)) }
        for row in result.rows {
            let status = wide(s) ? str.reconcileStatus(row.status) : str.reconcileStatusShort(row.status)
            var cells: [(String, Int, Align)] = [(row.ref, 14, .left), (status, statusWidth, .left),
                                                 (row.posted?.accountNo ?? "", 10, .left)]
            if wide(s) { cells.append((row.posted.map { str.shortDate($0.date) } ?? "", 11, .left)) }
            cells.append((row.posted.map { m.format($0.amount) } ?? "", amount, .right))
            if wide(s) { cells.append((row.settled.map { str.shortDate($0.date) } ?? "", 11, .left)) }
            cells.append((row.settled.map { m.format($0.amount) } ?? "", amount, .right))
            if wide(s) { cells.append((row.settled.map { m.format($0.fee) } ?? "", 12, .right)) }
            out.append(Line(" " + columns(cells), row.status == .matched ? .plain : Palette.warning))
        }
        return out
    }

    /// What to press, from the keymap (as Help is): a statement, the channel, the month.
    static func keysHint(_ s: AppState) -> String {
        func keys(_ actions: [Action], _ separator: String) -> String {
            actions.compactMap { s.keymap.keys[$0]?.first.map(Keymap.display) }.joined(separator: separator)
        }
        return Strings.fill(s.strings.reconcileScreen(.typePath), [keys([.open], ""), keys([.choicePrevious, .choiceNext], ""),
                                                                   keys([.earlier, .later], " ")])
    }

    /// Under the table: the totals and how many refs came out each way.
    static func detail(_ r: ReportsState, _ s: AppState) -> [Line] {
        guard let totals = r.reconcile.outcome?.result.totals else { return [] }
        let str = s.strings, m = s.money
        // Three lines that fit 80 columns in either language.
        return [Line("\(str.reconcile(.totals)): \(str.reconcile(.totalPosted)) \(m.format(totals.posted)) · "
                     + "\(str.reconcile(.totalSettled)) \(m.format(totals.settled))", Palette.section),
                Line("\(str.reconcile(.totalFees)) \(m.format(totals.fees)) · \(str.reconcile(.difference)) \(m.format(totals.difference))",
                     totals.difference.isZero ? Palette.section : Palette.warning),
                Line(str.reconcileCounts(totals.counts), Palette.hint)]
    }
}
