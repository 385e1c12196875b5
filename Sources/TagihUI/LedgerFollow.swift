import TagihCore

/// Brings the screen up to date with what others wrote to the ledger
/// (`Event.ledgerChanged`): the queue lines of the touched accounts that
/// belong to this queue, read again one by one as after a save (so a line
/// paid in full leaves "to work" and the cursor stays on its account), or the
/// whole queue when the changes were many or moved accounts between
/// collectors; and the open account, when it is one of them.
func followLedger(_ s: inout AppState, _ changes: LedgerChanges) -> [Effect] {
    var effects: [Effect] = []
    // The account being worked (under a form, perhaps): its position,
    // payments and promises. Its queue line follows when it loads.
    var reopened: Int64?
    if let open = s.stack.last(where: { if case .account = $0 { true } else { false } }), case .account(let a) = open,
       changes.reloadQueue || changes.accounts.contains(where: { $0.accountID == a.accountID }) {
        reopened = a.accountID
        effects.append(.openAccount(a.accountID))
    }
    // A drill-down's queue of a past day keeps that day's lines.
    guard s.queue.loaded, s.queue.asOf == nil else { return effects }
    if changes.reloadQueue { return [.loadQueue(s.queue.scope)] + effects }
    let listed = Set(s.queue.keys.keys.lazy.map(\.accountID))
    for t in changes.accounts where t.accountID != reopened && (listed.contains(t.accountID) || s.queueHolds(collector: t.collector)) {
        effects.append(.refreshQueueKey(t.accountID))
    }
    return effects
}

extension AppState {
    /// Whether an account of this collector (nil: unassigned) is in the queue's scope.
    func queueHolds(collector: String?) -> Bool {
        switch queue.scope {
        case .book: true
        case .unassigned: collector == nil
        case .collector(let login): collector == login
        case .team(let team): collector.map { c in (users + [me]).contains { $0.login == c && $0.team == team } } ?? false
        }
    }
}
