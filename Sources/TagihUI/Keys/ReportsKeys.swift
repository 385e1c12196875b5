import TagihCore
import TagihTerminal

// The Reports screen's keys, and the day typed after `d`.

func reportsAction(_ s: inout AppState, _ r: inout ReportsState, _ action: Action) -> [Effect] {
    if r.tab == .reconcile, let effects = reconcileAction(&s, &r, action) { return effects }
    switch action {
    case .nextReport, .previousReport:
        let all = ReportsState.Tab.shown(to: s.me.role)
        let i = all.firstIndex(of: r.tab) ?? 0
        r.tab = all[(i + (action == .nextReport ? 1 : all.count - 1)) % all.count]
        r.cursor = 0
        r.column = nil
        r.loaded = false
        return [.loadReports(r.tab, asOf: r.asOf, scope: r.scope)]
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        // The view keeps the cursor on screen; only the cursor moves here, a page at a time of ten.
        var top = 0
        move(&r.cursor, &top, count: r.rowCount, height: 10, by: action)
    case .asOf:
        r.dateInput = (r.asOf ?? s.today).iso
        r.dateSuggested = true   // typing a day replaces it at once
    case .scope:
        return openScopePicker(&s, for: .reports)
    case .earlier, .later:
        // Aging as of any day: from month-end to month-end, never after today.
        let from = r.asOf ?? s.today
        let day = action == .earlier ? from.previousMonthEnd : from.nextMonthEnd
        r.asOf = min(day, s.today)
        r.loaded = false
        return [.loadReports(r.tab, asOf: r.asOf, scope: r.scope)]
    case .choiceNext, .choicePrevious:
        // A bucket column: none (all) → current … 121+ → unapplied → none.
        let n = s.buckets.count
        let order: [Int?] = [nil] + Array(0...n)   // n: the unapplied credit (AgingTable)
        let i = order.firstIndex(of: r.column) ?? 0
        r.column = order[(i + (action == .choiceNext ? 1 : order.count - 1)) % order.count]
    case .open:
        // Drill down: the queue of the accounts behind the row (and bucket).
        guard r.loaded, r.tab == .agingCollector || r.tab == .agingSegment, let rows = r.aging?.rows, rows.indices.contains(r.cursor) else { return [] }
        let group = rows[r.cursor].group
        s.drilledFrom = DrillDown(reports: r, queue: s.queue)
        s.stack.removeAll()
        var filter = QueueFilter(bucket: AgingTable.isUnapplied(r.column, s.buckets) ? nil : r.column)
        let scope: QueueScope
        if r.tab == .agingCollector {
            scope = group == AgingReport.noGroup ? .unassigned : .collector(group)
        } else {
            scope = r.scope
            filter.segment = group == AgingReport.noGroup ? nil : group
        }
        s.queue.scope = scope
        s.queue.filter = filter
        // From a past day's aging, the accounts as they stood that day (never a day after today).
        s.queue.asOf = r.asOf.flatMap { $0 < s.today ? $0 : nil }
        s.queue.cursor = 0
        s.queue.top = 0
        s.queue.loaded = false
        return [.loadQueue(scope)]
    case .pauseStage:
        // The store asks Authority (leads and admins); a refusal comes back as a sentence.
        guard r.loaded, r.tab == .reminders, r.reminders.indices.contains(r.cursor) else { return [] }
        let p = r.reminders[r.cursor]
        return [.pauseStage(p.stage, paused: !p.isPaused, scope: r.scope)]
    case .export:
        guard r.loaded, let csv = ReportsView.csv(r, s) else { return [] }
        return [.export(name: ReportsView.exportName(r, day: r.asOf ?? s.today), csv: csv)]
    default:
        return []
    }
    return []
}

/// The day typed after `d` on the Reports screen: Enter shows the reports as
/// of it (never after today), Esc closes the prompt.
func reportsDateInput(_ s: inout AppState, _ r: inout ReportsState, _ key: Key) -> [Effect] {
    var effects: [Effect] = []
    var text = r.dateInput ?? ""
    var input = TextInput(text, suggested: r.dateSuggested, limit: 10)
    switch key {
    case _ where input.handle(key, accepts: { ($0.isASCII && $0.isNumber) || $0 == "-" }):
        text = input.text
        r.dateSuggested = input.suggested
    case .escape:
        r.dateInput = nil
        return []
    case .enter:
        guard let day = Day(iso: text) else {
            s.status = .init(text: s.strings.format(.asOfBad, text), isError: true)
            break
        }
        guard day <= s.today else {
            s.status = .init(text: s.strings.format(.asOfFuture, day.iso), isError: true)
            break
        }
        r.dateInput = nil
        r.asOf = day == s.today ? nil : day
        r.loaded = false
        r.cursor = 0
        effects.append(.loadReports(r.tab, asOf: r.asOf, scope: r.scope))
        return effects
    default: break
    }
    r.dateInput = text
    return effects
}
