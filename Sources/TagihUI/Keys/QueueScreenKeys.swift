import TagihCore
import TagihTerminal

// The queue's keys: moving, filtering, sorting, switching queues, and
// opening what lies beyond it (an account, Reports, Approvals).

func queueAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        move(&s.queue.cursor, &s.queue.top, count: s.queue.ordered.count, height: s.bodyHeight, by: action)
    case .open:
        guard let k = s.queue.selected else { return [] }
        s.stack.append(.account(AccountState(accountID: k.accountID)))
        return [.openAccount(k.accountID)]
    case .bucket:
        let n = s.buckets.count
        // Cycles all → 1-30 → … → 121+ → all (current never needs work).
        s.queue.filter.bucket = s.queue.filter.bucket.map { $0 + 1 < n ? $0 + 1 : nil } ?? 1
        s.queue.reorder(today: s.queueDay, buckets: s.buckets, keeping: nil)
    case .segment:
        let names = s.queue.keys.segments.sorted()
        guard !names.isEmpty else { return [] }
        if let current = s.queue.filter.segment, let i = names.firstIndex(of: current) {
            s.queue.filter.segment = i + 1 < names.count ? names[i + 1] : nil
        } else {
            s.queue.filter.segment = names[0]
        }
        s.queue.reorder(today: s.queueDay, buckets: s.buckets, keeping: nil)
    case .held:
        // Held accounts are left out of "to work" (CONTRACT §9); this shows them instead, and back.
        s.queue.filter.held.toggle()
        s.queue.reorder(today: s.queueDay, buckets: s.buckets, keeping: nil)
    case .sort:
        let all = QueueSort.allCases
        s.queue.sort = all[(all.firstIndex(of: s.queue.sort)! + 1) % all.count]
        s.queue.reorder(today: s.queueDay, buckets: s.buckets, keeping: nil)
    case .clearFilters:
        s.queue.filter = QueueFilter()
        if s.queue.asOf != nil {
            // A drill-down's past day is one of its filters: back to today's queue.
            s.queue.asOf = nil
            s.queue.loaded = false
            return [.loadQueue(s.queue.scope)]
        }
        s.queue.reorder(today: s.queueDay, buckets: s.buckets, keeping: s.queue.selected?.accountID)
    case .scope:
        return openScopePicker(&s, for: .queue)
    case .refresh:
        s.queue.rows = [:]
        return [.loadQueue(s.queue.scope)]
    case .reports:
        // A collector's own figures; a lead's team first (as the queue); an admin's whole book.
        let scope: QueueScope = s.me.role == .collector ? .collector(s.me.login) : s.me.team.map { .team($0) } ?? .book
        s.drilledFrom = nil
        s.stack.append(.reports(ReportsState(scope: scope)))
        return [.loadReports(.agingCollector, asOf: nil, scope: scope)]
    case .mark:
        // Marking is for assigning several at once: refused as assigning is.
        guard s.offers(.mark) else { return openAssignPicker(&s) }
        guard let k = s.queue.selected, let row = s.queue.rows[k.accountID] else { return [] }
        if s.queue.marked.removeValue(forKey: k.accountID) == nil { s.queue.marked[k.accountID] = row }
        move(&s.queue.cursor, &s.queue.top, count: s.queue.ordered.count, height: s.bodyHeight, by: .down)
    case .assign:
        return openAssignPicker(&s)
    case .approvals:
        guard s.me.role != .collector else {
            s.status = .init(text: s.strings[.noOtherQueues], isError: false)
            return []
        }
        s.stack.append(.approvals(ApprovalsState()))
        return [.loadPendingPlans]
    default:
        break
    }
    return []
}
