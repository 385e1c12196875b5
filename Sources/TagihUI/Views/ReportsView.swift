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
        }
    }

    /// The export's file name: the report, whose figures (so a team's and
    /// the whole book's exports of one day never overwrite each other), the day.
    static func exportName(_ r: ReportsState, day: Day) -> String {
        "\(exportName(r.tab))-\(exportName(r.scope))-\(day.iso)"
    }

    /// A scope as a file name may carry it: letters, digits, `.`, `_` and `-`.
    static func exportName(_ scope: QueueScope) -> String {
        func safe(_ s: String) -> String {
            String(s.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0)) ? Character($0) : "_" })
        }
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
        }
    }

    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ r: ReportsState) {
        let str = s.strings
        Chrome.title(&b, "\(str[.appName]) — \(str[.reportsTitle]) · \(QueueView.scopeName(r.scope, s))", right: str.weekdayDate(r.asOf ?? s.today))
        var x = 1
        for t in ReportsState.Tab.allCases {
            let name = " \(tabName(t, str)) "
            x += b.put(name, x: x, y: 1, style: t == r.tab ? Palette.selected : Palette.hint) + 1
        }
        if r.loaded, let p = period(r, s) { b.put(" " + p, x: 0, y: 2, style: Palette.hint) }
        let lines = rows(r, s)
        guard let header = lines.first else { return Chrome.bottom(&b, hint: Chrome.hint(.reports, Chrome.reportsTips(s), state: s), state: s) }
        b.put(header.text, x: 0, y: 3, style: Palette.header)
        // Under the table, what the selected row holds (wrapped), above the key line.
        let notes = r.loaded ? detail(r, s).flatMap { l in
            Chrome.wrap(l.text, b.width - 4).enumerated().map { Line(($0.offset == 0 ? " " : "   ") + $0.element, l.style) }
        } : []
        let noteRows = notes.isEmpty ? 0 : min(notes.count + 1, max(0, b.height - 12))
        let height = b.height - 7 - noteRows
        let top = max(0, r.cursor - height + 1)
        for (i, line) in lines.dropFirst().dropFirst(top).prefix(height).enumerated() {
            let y = 4 + i
            if top + i == r.cursor && r.rowCount > 0 {
                b.fill(row: y, style: Palette.selected)
                b.put(line.text, x: 0, y: y, style: Palette.selected)
            } else {
                b.put(line.text, x: 0, y: y, style: line.style)
            }
        }
        for (i, note) in notes.prefix(max(0, noteRows - 1)).enumerated() {
            b.put(note.text, x: 0, y: b.height - 2 - noteRows + i, style: note.style)
        }
        if let typed = r.dateInput {
            b.fill(row: b.height - 3, style: .plain)
            b.put(" \(str[.asOfPrompt]) [\(typed)_]", x: 0, y: b.height - 3, style: Palette.section)
        }
        Chrome.bottom(&b, hint: Chrome.hint(.reports, Chrome.reportsTips(s), state: s), state: s)
    }

    /// The period a tab covers, on the line above its table.
    static func period(_ r: ReportsState, _ s: AppState) -> String? {
        let str = s.strings
        guard let p = r.period else { return nil }
        let from = str.shortDate(p.lowerBound), to = str.shortDate(p.upperBound)
        switch r.tab {
        case .activity: return "\(from) – \(to)"
        case .rollRate: return str.format(.rollPeriod, from, to)
        case .kpi: return str.format(.kpiPeriod, from, to, Day.days(from: p.lowerBound, to: p.upperBound) + 1)
        case .agingCollector, .agingSegment, .nightly: return nil
        }
    }

    /// Notes under the table about the selected row: the chosen bucket of an
    /// aging, a collector's promises, a bucket's opening, a run's files.
    static func detail(_ r: ReportsState, _ s: AppState) -> [Line] {
        let str = s.strings
        switch r.tab {
        case .agingCollector, .agingSegment:
            guard let c = r.column else { return [] }
            return [Line("→ \(str.bucketLabel(s.buckets.labels[c]))", Palette.section)]
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
        case .nightly:
            guard r.runs.indices.contains(r.cursor) else { return [] }
            let run = r.runs[r.cursor]
            return [Line(str.format(.runFiles, str.shortDate(run.day)), Palette.section)]
                + run.fileResults.map { Line(str.nightlyFile($0), $0.stayed ? Palette.warning : .plain) }
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
            // Columns: group, accounts, the past-due buckets summed (or the chosen bucket), balance,
            // then a bar of that amount's share of the balance. Amounts are exact to the sen, as the
            // export: their columns are as wide as the widest amount, and the bar shrinks (or goes,
            // leaving the percentage) when a big book leaves no room for it.
            let shownLabel = r.column.map { str.bucketLabel(s.buckets.labels[$0]) } ?? str[.pastDue]
            let all = a.rows.map(\.totals) + [a.total]
            func shown(_ t: AgingTotals) -> Int64 { r.column.map { t.buckets[$0].minor } ?? t.buckets.dropFirst().reduce(0) { $0 + $1.minor } }
            func balance(_ t: AgingTotals) -> Int64 { (try? t.balance().minor) ?? 0 }
            let amountWidth = max(displayWidth(shownLabel), displayWidth(str[.balance]),
                                  all.map { max(displayWidth(m.format(Money(minor: shown($0)))), displayWidth(m.format(Money(minor: balance($0))))) }.max() ?? 0)
            let groupWidth = max(8, min(12, a.rows.map { displayWidth($0.group) }.max() ?? 0))
            let fixed = 1 + groupWidth + 1 + 8 + 2 * (1 + amountWidth) + 5
            let barWidth = min(8, max(0, s.width - fixed - 1))
            func line(_ group: String, _ t: AgingTotals, style: Style) -> Line {
                let part = shown(t), whole = balance(t)
                let share = whole > 0 ? Int(min(100, max(0, part * 100 / max(1, whole)))) : 0
                let filled = share * barWidth / 100
                let bar = barWidth < 3 ? "" : " " + String(repeating: "█", count: filled) + String(repeating: "·", count: barWidth - filled)
                let text = " " + columns([(group, groupWidth, .left), (String(t.accounts), 8, .right), (m.format(Money(minor: part)), amountWidth, .right),
                                          (m.format(Money(minor: whole)), amountWidth, .right)])
                return Line(text + bar + " \(share)%".leftPadded(5, with: " "), style == .plain && share >= 50 ? Palette.warning : style)
            }
            var out = [Line(" " + columns([(str[.group], groupWidth, .left), (str[.accounts], 8, .right), (shownLabel, amountWidth, .right),
                                            (str[.balance], amountWidth, .right)]) + (barWidth < 3 ? "" : String(repeating: " ", count: barWidth + 1)) + "    %")]
            for row in a.rows {
                out.append(line(row.group == AgingReport.noGroup ? str[.none] : str.bucketLabel(row.group), row.totals, style: .plain))
            }
            // The total under the groups (the cursor stays on the groups: it is not a drill-down).
            if a.rows.count > 1 { out.append(line(str[.total], a.total, style: Palette.section)) }
            return out
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
        }
    }
}
