import TagihCore
import TagihTerminal

// Reports → Reconciliation's keys: ← and → the channel, [ and ] the month,
// Enter the statement file (typed), Enter again to reconcile, e exports the table.

/// The tab's own actions; nil leaves the action to the Reports screen (tabs, cursor, back).
func reconcileAction(_ s: inout AppState, _ r: inout ReportsState, _ action: Action) -> [Effect]? {
    switch action {
    case .choiceNext, .choicePrevious:
        let all = r.reconcile.channels
        guard !all.isEmpty else { return [] }
        let i = r.reconcile.channel.flatMap { all.firstIndex(of: $0) } ?? 0
        r.reconcile.channel = all[(i + (action == .choiceNext ? 1 : all.count - 1)) % all.count]
        return rerun(&r, s)
    case .earlier, .later:
        r.reconcile.move(earlier: action == .earlier, today: s.today)
        return rerun(&r, s)
    case .open:
        guard r.reconcile.channel != nil else { return [] }
        r.reconcile.pathInput = TextInput(r.reconcile.path)
        return []
    case .export:
        // The table on screen, as `tagih reconcile --format csv` prints it for the same channel and period.
        guard let outcome = r.reconcile.outcome, let shown = r.reconcile.shown else { return [] }
        return [.export(name: ReconcileView.exportName(shown), csv: ReportCSV.reconciliation(outcome.result, currency: s.money.currency))]
    case .asOf, .pauseStage:
        return []   // the period is moved with [ and ]
    default:
        return nil
    }
}

extension ReconcileTab {
    /// The request for what the tab shows now, when a statement has been given.
    func request(today: Day) -> ReconcileRequest? {
        guard let channel, !path.isEmpty else { return nil }
        let p = period(today: today)
        return ReconcileRequest(channel: channel, statement: path, from: p.lowerBound, to: p.upperBound)
    }
}

/// A new channel or month: the table shown is no longer its answer; read it again if a statement was given.
private func rerun(_ r: inout ReportsState, _ s: AppState) -> [Effect] {
    r.reconcile.outcome = nil
    r.reconcile.shown = nil
    r.reconcile.refusal = nil
    r.cursor = 0
    guard let req = r.reconcile.request(today: s.today) else { return [] }
    return [.reconcile(req, scope: r.scope)]
}

/// The statement file typed after Enter: Enter reconciles, Esc closes the prompt.
func reconcilePathInput(_ s: inout AppState, _ r: inout ReportsState, _ key: Key) -> [Effect] {
    guard var input = r.reconcile.pathInput else { return [] }
    switch key {
    case _ where input.handle(key):
        r.reconcile.pathInput = input
        return []
    case .escape:
        r.reconcile.pathInput = nil
        return []
    case .enter:
        let path = String(input.text.trimmingSpaces)
        r.reconcile.pathInput = nil
        guard !path.isEmpty else { return [] }
        r.reconcile.path = path
        return rerun(&r, s)
    default:
        return []
    }
}

extension ReconcileTab {
    /// Takes what the loader read: the channels (the first chosen when none
    /// was), and the reconciliation when it answers what is asked now.
    mutating func take(_ loaded: ReconcileTab, today: Day) {
        channels = loaded.channels
        if channel == nil || !channels.contains(channel!) { channel = channels.first }
        // An answer to an earlier question (the month or channel moved on since) is dropped.
        guard let shown = loaded.shown, shown == request(today: today) else { return }
        self.shown = shown
        outcome = loaded.outcome
        refusal = loaded.refusal
    }
}
