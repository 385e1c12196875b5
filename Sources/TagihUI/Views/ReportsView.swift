import TagihCore
import TagihTerminal

/// The lead's reports: a tab line, the table of the chosen report with the
/// cursor on a row (and, for aging, a chosen bucket column), bars for the
/// past-due share of each group.
enum ReportsView {
    static func tabName(_ t: ReportsState.Tab, _ str: Strings) -> String {
        switch t {
        case .agingCollector: str[.tabAgingCollector]
        case .agingSegment: str[.tabAgingSegment]
        case .activity: str[.tabActivity]
        case .rollRate: str[.tabRoll]
        case .kpi: str[.tabKPI]
        case .nightly: str[.tabNightly]
        case .cases: str[.tabCases]
        case .reminders: str[.tab]
        case .reconcile: str.reconcileScreen(.tab)
        }
    }

    /// The export's file name: the report, whose figures (so a team's and
    /// the whole book's exports of one day never overwrite each other), the day.
    static func exportName(_ r: ReportsState, day: Day) -> String {
        "\(exportName(r.tab))-\(exportName(r.scope))-\(day.iso)"
    }

    /// A name as a file name may carry it: letters, digits, `.`, `_` and `-`.
    static func safe(_ s: String) -> String {
        String(s.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) ? Character($0) : "_" })
    }

    /// A scope as a file name may carry it.
    static func exportName(_ scope: QueueScope) -> String {
        switch scope {
        case .collector(let login): return safe(login)
        case .team(let team): return "team-" + safe(team)
        case .unassigned: return "unassigned"
        case .book: return "book"
        }
    }

    static func exportName(_ t: ReportsState.Tab) -> String {
        switch t {
        case .agingCollector: "aging-collector"
        case .agingSegment: "aging-segment"
        case .activity: "activity"
        case .rollRate: "roll-rate"
        case .kpi: "kpi"
        case .nightly: "nightly-runs"
        case .cases: "cases"
        case .reminders: "reminders-preview"
        case .reconcile: "reconciliation"
        }
    }

    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ r: ReportsState) {
        let str = s.strings
        Chrome.title(&b, "\(str[.appName]) — \(str[.reportsTitle]) · \(QueueView.scopeName(r.scope, s))", right: str.weekdayDate(r.asOf ?? s.today))
        var x = 1
        // Tabs that do not fit (80 columns) give way from the end farther from
        // the chosen one, so it is always seen; ‹ and › say some are hidden.
        let all = ReportsState.Tab.shown(to: s.me.role).map { (tab: $0, name: " \(tabName($0, str)) ") }
        var tabs = all[...]
        while tabs.count > 1, 1 + tabs.reduce(0, { $0 + displayWidth($1.name) + 1 }) > b.width {
            let chosen = tabs.firstIndex { $0.tab == r.tab } ?? tabs.startIndex
            if chosen - tabs.startIndex < tabs.endIndex - 1 - chosen { tabs.removeLast() } else { tabs.removeFirst() }
        }
        if tabs.first?.tab != all.first?.tab { b.put("‹", x: 0, y: 1, style: Palette.hint) }
        for (t, name) in tabs {
            x += b.put(name, x: x, y: 1, style: t == r.tab ? Palette.selected : Palette.hint) + 1
        }
        if tabs.last?.tab != all.last?.tab { b.put("›", x: x - 1, y: 1, style: Palette.hint) }
        if r.loaded, let p = period(r, s) { b.put(" " + p, x: 0, y: 2, style: Palette.hint) }
        let lines = rows(r, s)
        guard !lines.isEmpty else { return Chrome.bottom(&b, hint: Chrome.hint(.reports, Chrome.reportsTips(s), state: s), state: s) }
        // A row (and the header) may take two lines: every bucket of a wide aging on a narrower screen.
        let per = linesPerRow(r, s)
        for (i, header) in lines.prefix(per).enumerated() { b.put(header.text, x: 0, y: 3 + i, style: Palette.header) }
        // Under the table, what the selected row holds (wrapped), above the key line.
        let notes = r.loaded ? detail(r, s).flatMap { l in
            Chrome.wrap(l.text, b.width - 4).enumerated().map { Line(($0.offset == 0 ? " " : "   ") + $0.element, l.style) }
        } : []
        let noteRows = notes.isEmpty ? 0 : min(notes.count + 1, max(0, b.height - 12))
        let height = (b.height - 6 - per - noteRows) / per
        let top = max(0, r.cursor - height + 1)
        for (i, line) in lines.dropFirst(per).dropFirst(top * per).prefix(height * per).enumerated() {
            let y = 3 + per + i
            if top + i / per == r.cursor && r.rowCount > 0 {
                b.fill(row: y, style: Palette.selected)
                b.put(line.text, x: 0, y: y, style: Palette.selected)
            } else {
                b.put(line.text, x: 0, y: y, style: line.style)
            }
        }
        for (i, note) in notes.prefix(max(0, noteRows - 1)).enumerated() {
            b.put(note.text, x: 0, y: b.height - 2 - noteRows + i, style: note.style)
        }
        if let input = r.reconcile.pathInput {
            b.fill(row: b.height - 3, style: .plain)
            b.put(" \(str.reconcileScreen(.prompt)) [\(input.text)_]", x: 0, y: b.height - 3, style: Palette.section)
        }
        if let typed = r.dateInput {
            b.fill(row: b.height - 3, style: .plain)
            b.put(" \(str[.asOfPrompt]) [\(typed)_]", x: 0, y: b.height - 3, style: Palette.section)
        }
        Chrome.bottom(&b, hint: Chrome.hint(.reports, Chrome.reportsTips(s), state: s), state: s)
    }

    /// How many lines a row of the table takes.
    static func linesPerRow(_ r: ReportsState, _ s: AppState) -> Int {
        guard r.loaded, r.tab == .agingCollector || r.tab == .agingSegment, let a = r.aging else { return 1 }
        return AgingTable.wide(r, a, s)?.stack ?? 1
    }

    /// The period a tab covers, on the line above its table.
    static func period(_ r: ReportsState, _ s: AppState) -> String? {
        let str = s.strings
        if let a = r.aging, r.tab == .agingCollector || r.tab == .agingSegment { return AgingTable.strip(r, a, s) }
        if r.tab == .reminders { return RemindersView.period(s) }
        if r.tab == .reconcile { return ReconcileView.period(r, s) }
        guard let p = r.period else { return nil }
        let from = str.shortDate(p.lowerBound), to = str.shortDate(p.upperBound)
        switch r.tab {
        case .activity: return "\(from) – \(to)"
        case .rollRate: return str.format(.rollPeriod, from, to)
        case .kpi: return str.format(.kpiPeriod, from, to, Day.days(from: p.lowerBound, to: p.upperBound) + 1)
        case .cases: return "\(from) – \(to)"
        case .agingCollector, .agingSegment, .nightly, .reminders, .reconcile: return nil
        }
    }

    /// Notes under the table about the selected row: the chosen bucket of an
    /// aging, a collector's promises, a bucket's opening, a run's files.
    static func detail(_ r: ReportsState, _ s: AppState) -> [Line] {
        let str = s.strings
        switch r.tab {
        case .agingCollector, .agingSegment:
            guard let c = r.column else { return [] }
            return [Line("→ \(AgingTable.label(c, s))", Palette.section)]
        case .activity:
            guard r.activity.indices.contains(r.cursor) else { return [] }
            let l = r.activity[r.cursor]
            return [Line(str.format(.activityDetail, l.collector, l.promises, s.money.format(l.promisedAmount), l.kept, l.broken))]
        case .rollRate:
            guard let roll = r.roll, roll.accounts.indices.contains(r.cursor) else { return [] }
            return [Line(str.format(.rollDetail, str.bucketLabel(roll.buckets.labels[r.cursor]), roll.accounts[r.cursor],
                                    s.money.format(roll.opening[r.cursor])))]
        case .kpi:
            return [Line("CEI = \(str[.kpiCEIText]) × 100", Palette.hint), Line("DSO = \(str[.kpiDSOText])", Palette.hint)]
        case .cases: return CasesReportView.detail(r, s)
        case .nightly:
            guard r.runs.indices.contains(r.cursor) else { return [] }
            let run = r.runs[r.cursor]
            return [Line(str.format(.runFiles, str.shortDate(run.day)), Palette.section)]
                + run.fileResults.map { Line(str.nightlyFile($0), $0.stayed ? Palette.warning : .plain) }
        case .reminders:
            return RemindersView.detail(r, s)
        case .reconcile:
            return ReconcileView.detail(r, s)
        }
    }

    /// The header line, then one line per row, laid out for the screen.
    static func rows(_ r: ReportsState, _ s: AppState) -> [Line] {
        let str = s.strings
        let m = s.money
        guard r.loaded else { return [Line(" " + str[.computing], Palette.hint)] }
        switch r.tab {
        case .agingCollector, .agingSegment:
            guard let a = r.aging else { return [Line(" " + str[.loading])] }
            return AgingTable.wide(r, a, s)?.lines ?? AgingTable.paged(r, a, s)
        case .activity:
            let collectedWidth = max(displayWidth(str[.colCollected]), r.activity.map { displayWidth(m.format($0.collected)) }.max() ?? 0, 14)
            var out = [Line(" " + columns([(str[.collector], 10, .left), (str[.colAttempts], 8, .right), (str[.colReached], 7, .right),
                                            (str[.colRightParty], 7, .right), (str[.colPromises], 8, .right), (str[.keptRate], 8, .right),
                                            (str[.colCollected], collectedWidth, .right)]))]
            for l in r.activity {
                let settled = l.kept + l.broken
                out.append(Line(" " + columns([(l.collector, 10, .left), (String(l.attempts), 8, .right), (String(l.contacts), 7, .right),
                                               (String(l.rightParty), 7, .right), (String(l.promises), 8, .right),
                                               (settled == 0 ? "—" : "\(l.kept * 100 / settled)%", 8, .right),
                                               (m.format(l.collected), collectedWidth, .right)])))
            }
            return out
        case .rollRate:
            guard let roll = r.roll else { return [Line(" " + str[.loading])] }
            // Shares of each opening bucket's balance, by where it stood a month later.
            let labels = roll.buckets.labels.map { str.bucketLabel($0) } + [str[.closed]]
            var out = [Line(" " + columns([("", 8, .left)] + labels.map { ($0, 8, .right) }))]
            for (i, label) in roll.buckets.labels.enumerated() {
                let opening = roll.opening[i].minor
                let cells = roll.moved[i].map { m -> (String, Int, Align) in
                    (opening > 0 ? s.strings.decimal(CollectionKPI.hundredths(CollectionKPI.ratio(m.minor, over: opening, times: 10_000))) : "—", 8, .right)
                }
                out.append(Line(" " + columns([(str.bucketLabel(label), 8, .left)] + cells)))
            }
            return out
        case .kpi:
            guard let k = r.kpi else { return [Line(" " + str[.loading])] }
            // The two figures, then what they are computed from (the formulas are under the table).
            let labels = [str[.kpiStart], str[.kpiCharged], str[.kpiEnd]]
            let width = labels.map(displayWidth).max() ?? 0
            let amounts = [k.beginning, k.sales, k.ending].map(m.format)
            let amountWidth = amounts.map(displayWidth).max() ?? 0
            return [Line(" CEI  " + (k.ceiBasisPoints.map { s.strings.decimal(CollectionKPI.hundredths($0)) + "%" } ?? "—"), Palette.section),
                    Line(" DSO  " + (k.dsoHundredths.map { s.strings.decimal(CollectionKPI.hundredths($0)) + " " + str[.kpiDays] } ?? "—"), Palette.section),
                    Line("")]
                + zip(labels, amounts).enumerated().map { i, pair in
                    Line(" " + columns([(pair.0, width, .left), (pair.1, amountWidth, .right)])
                         + (i == 2 ? "  " + str.format(.kpiNotYetDue, m.format(k.endingCurrent)) : ""))
                }
        case .cases: return CasesReportView.rows(r, s)
        case .nightly:
            var out = [Line(" " + columns([(str[.colDate], 12, .left), (str[.colFiles], 7, .right), (str[.colPosted], 7, .right),
                                            (str[.colRefused], 8, .right), (str[.colRejected], 14, .right), (str[.colPlans], 20, .right)]))]
            if r.runs.isEmpty { out.append(Line(" " + str[.noRuns], Palette.hint)) }
            for run in r.runs {
                out.append(Line(" " + columns([(run.day.iso, 12, .left), (String(run.files), 7, .right), (String(run.posted), 7, .right),
                                               (String(run.refused), 8, .right), (String(run.rejected), 14, .right),
                                               ("\(run.plansCompleted)/\(run.plansBroken)", 20, .right)]),
                                run.refused > 0 ? Palette.warning : .plain))
            }
            return out
        case .reminders:
            return RemindersView.rows(r, s)
        case .reconcile:
            return ReconcileView.rows(r, s)
        }
    }

    /// What is on screen, as CSV: the same bytes as the command's `--format csv`.
    static func csv(_ r: ReportsState, _ s: AppState) -> String? {
        let cur = s.money.currency
        switch r.tab {
        case .agingCollector, .agingSegment: return r.aging.map { ReportCSV.aging($0, currency: cur) }
        case .activity: return ReportCSV.activity(r.activity, currency: cur)
        case .rollRate: return r.roll.map { ReportCSV.rollRate($0, currency: cur) }
        case .kpi: return r.kpi.map { ReportCSV.kpi($0, currency: cur) }
        case .nightly: return ReportCSV.nightlyRuns(r.runs)
        case .cases: return CasesReportView.csv(r, s)
        case .reminders: return RemindersView.csv(r)
        case .reconcile: return r.reconcile.outcome.map { ReportCSV.reconciliation($0.result, currency: cur) }
        }
    }
}
