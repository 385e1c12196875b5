import TagihCore
import TagihTerminal

/// Something that happened: a key, a new window size, or the answer to an effect.
public enum Event {
    case key(Key)
    case resize(width: Int, height: Int)
    case queueLoaded(QueueKeys)
    case rowsLoaded([Int64: QueueRow])
    case accountLoaded(AccountDetail, heldBy: LeaseHolder?)
    case searched(String, [SearchHit])
    case users([User])
    case failed(String)
}

/// Work for the shell: reads and writes against the ledger. `update`
/// only asks; the shell does it and feeds the answer back as an `Event`.
public enum Effect: Equatable, Sendable {
    case loadQueue(QueueScope)
    case loadRows([Int64])
    case openAccount(Int64)
    case releaseLease(Int64)
    case search(String)
}

/// The one place state changes. Pure: no terminal, no ledger, no clock.
public func update(_ s: inout AppState, _ event: Event) -> [Effect] {
    var effects: [Effect] = []
    switch event {
    case .resize(let w, let h):
        s.width = w
        s.height = h
        s.queue.clampScroll(height: s.bodyHeight)
    case .queueLoaded(let keys):
        let selected = s.queue.selected?.accountID
        s.queue.keys = keys
        s.queue.sorted = [:]
        s.queue.loaded = true
        s.queue.reorder(today: s.today, buckets: s.buckets, keeping: selected)
        s.queue.clampScroll(height: s.bodyHeight)
    case .rowsLoaded(let rows):
        if s.queue.rows.count > 5_000 { s.queue.rows.removeAll(keepingCapacity: true) }
        s.queue.rows.merge(rows) { _, new in new }
    case .accountLoaded(let detail, let heldBy):
        if case .account(var a) = s.stack.last, a.accountID == detail.accountID {
            a.detail = detail
            a.heldBy = heldBy
            s.stack[s.stack.count - 1] = .account(a)
        }
    case .searched(let text, let hits):
        if case .search(var st) = s.stack.last, st.text == text {
            st.hits = hits
            st.searched = text
            st.cursor = 0
            st.top = 0
            s.stack[s.stack.count - 1] = .search(st)
        }
    case .users(let users):
        s.users = users
    case .failed(let message):
        s.status = .init(text: message, isError: true)
    case .key(let key):
        s.status = nil
        effects += handle(&s, key)
    }
    if s.context == .queue, s.queue.loaded { effects += missingRows(s) }
    return effects
}

/// Details to fetch for the queue lines now on screen.
func missingRows(_ s: AppState) -> [Effect] {
    let q = s.queue
    let visible = q.ordered[min(q.top, q.ordered.count)..<min(q.top + s.bodyHeight, q.ordered.count)]
    let missing = visible.map(\.accountID).filter { q.rows[$0] == nil }
    return missing.isEmpty ? [] : [.loadRows(missing)]
}

private func handle(_ s: inout AppState, _ key: Key) -> [Effect] {
    let context = s.context
    if s.isTooSmall {
        // Only leaving works while the window is too small to show anything.
        if context == .queue, s.keymap.action(for: key, in: .queue) == .quit { s.quitRequested = true }
        return []
    }
    guard let action = s.keymap.action(for: key, in: context) else {
        if context == .search { return searchInput(&s, key) }
        return []
    }
    switch action {
    case .help:
        s.stack.append(.help(HelpState(context: context)))
        return []
    case .search:
        s.stack.append(.search(SearchState()))
        return []
    case .quit:
        s.quitRequested = true
        return []
    case .back:
        return back(&s)
    default:
        break
    }
    switch context {
    case .queue: return queueAction(&s, action)
    case .account: return accountAction(&s, action)
    case .search: return searchAction(&s, action)
    case .help: helpAction(&s, action); return []
    }
}

private func back(_ s: inout AppState) -> [Effect] {
    guard let top = s.stack.popLast() else { return [] }
    if case .account(let a) = top, a.heldBy == nil { return [.releaseLease(a.accountID)] }
    return []
}

/// Moves a cursor within `count` lines, keeping it on a screen of `height` lines.
func move(_ cursor: inout Int, _ top: inout Int, count: Int, height: Int, by action: Action) {
    guard count > 0 else { cursor = 0; top = 0; return }
    switch action {
    case .up: cursor -= 1
    case .down: cursor += 1
    case .pageUp: cursor -= height; top -= height
    case .pageDown: cursor += height; top += height
    case .top: cursor = 0
    case .bottom: cursor = count - 1
    default: return
    }
    cursor = min(max(cursor, 0), count - 1)
    top = min(max(top, 0), max(0, count - height))
    if cursor < top { top = cursor }
    if cursor >= top + height { top = cursor - height + 1 }
}

private func queueAction(_ s: inout AppState, _ action: Action) -> [Effect] {
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
        s.queue.reorder(today: s.today, buckets: s.buckets, keeping: nil)
    case .segment:
        let names = s.queue.keys.segments.sorted()
        guard !names.isEmpty else { return [] }
        if let current = s.queue.filter.segment, let i = names.firstIndex(of: current) {
            s.queue.filter.segment = i + 1 < names.count ? names[i + 1] : nil
        } else {
            s.queue.filter.segment = names[0]
        }
        s.queue.reorder(today: s.today, buckets: s.buckets, keeping: nil)
    case .sort:
        let all = QueueSort.allCases
        s.queue.sort = all[(all.firstIndex(of: s.queue.sort)! + 1) % all.count]
        s.queue.reorder(today: s.today, buckets: s.buckets, keeping: nil)
    case .clearFilters:
        s.queue.filter = QueueFilter()
        s.queue.reorder(today: s.today, buckets: s.buckets, keeping: s.queue.selected?.accountID)
    case .scope:
        let scopes = s.scopes
        guard scopes.count > 1 else {
            s.status = .init(text: s.strings[.noOtherQueues], isError: false)
            return []
        }
        let i = scopes.firstIndex(of: s.queue.scope) ?? -1
        s.queue.scope = scopes[(i + 1) % scopes.count]
        s.queue.filter = QueueFilter()
        s.queue.cursor = 0
        s.queue.top = 0
        s.queue.loaded = false
        return [.loadQueue(s.queue.scope)]
    case .refresh:
        s.queue.rows = [:]
        return [.loadQueue(s.queue.scope)]
    default:
        break
    }
    return []
}

private func accountAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard case .account(var a) = s.stack.last else { return [] }
    let lines = a.detail.map { AccountView.bodyLines($0, state: s).count } ?? 0
    let height = AccountView.visibleRows(s)
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        // The body scrolls as a whole: the "cursor" is the top line.
        var cursor = a.scroll
        let last = max(0, lines - height)
        switch action {
        case .up: cursor -= 1
        case .down: cursor += 1
        case .pageUp: cursor -= height
        case .pageDown: cursor += height
        case .top: cursor = 0
        default: cursor = last
        }
        a.scroll = min(max(cursor, 0), last)
        s.stack[s.stack.count - 1] = .account(a)
    case .refresh:
        return [.openAccount(a.accountID)]
    default:
        break
    }
    return []
}

private func searchAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard case .search(var st) = s.stack.last else { return [] }
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        move(&st.cursor, &st.top, count: st.hits.count, height: s.bodyHeight - 1, by: action)
        s.stack[s.stack.count - 1] = .search(st)
    case .open:
        guard st.hits.indices.contains(st.cursor) else { return [] }
        let id = st.hits[st.cursor].accountID
        s.stack.append(.account(AccountState(accountID: id)))
        return [.openAccount(id)]
    case .clearInput:
        st = SearchState()
        s.stack[s.stack.count - 1] = .search(st)
    default:
        break
    }
    return []
}

private func searchInput(_ s: inout AppState, _ key: Key) -> [Effect] {
    guard case .search(var st) = s.stack.last else { return [] }
    switch key {
    case .character(let c) where !c.isNewline:
        guard st.text.count < 60 else { return [] }
        st.text.append(c)
    case .backspace:
        guard !st.text.isEmpty else { return [] }
        st.text.removeLast()
    default:
        return []
    }
    s.stack[s.stack.count - 1] = .search(st)
    if st.text.trimmingSpaces.isEmpty {
        st.hits = []
        st.searched = st.text
        s.stack[s.stack.count - 1] = .search(st)
        return []
    }
    return [.search(st.text)]
}

private func helpAction(_ s: inout AppState, _ action: Action) {
    guard case .help(var h) = s.stack.last else { return }
    switch action {
    case .up: h.scroll = max(0, h.scroll - 1)
    case .down: h.scroll += 1
    case .pageUp: h.scroll = max(0, h.scroll - s.bodyHeight)
    case .pageDown: h.scroll += s.bodyHeight
    case .top: h.scroll = 0
    default: break
    }
    h.scroll = min(h.scroll, max(0, HelpView.lines(h.context, state: s).count - HelpView.visibleRows(s.height)))
    s.stack[s.stack.count - 1] = .help(h)
}

extension AppState {
    /// The queues this user may switch between: a collector only their own;
    /// a lead their team, each team member, unassigned accounts and the
    /// whole book; an admin the same over every team.
    public var scopes: [QueueScope] {
        guard me.role != .collector else { return [.collector(me.login)] }
        var out: [QueueScope] = []
        let teams = me.role == .admin ? Array(Set(users.compactMap(\.team))).sorted() : (me.team.map { [$0] } ?? [])
        for t in teams {
            out.append(.team(t))
            for u in users where u.team == t && u.login != me.login && u.role == .collector { out.append(.collector(u.login)) }
        }
        out.append(.collector(me.login))
        out.append(.unassigned)
        out.append(.book)
        return out
    }
}

extension QueueState {
    /// Re-sorts and re-filters, keeping the selected account selected when it is still there.
    mutating func reorder(today: Day, buckets: Buckets, keeping id: Int64?) {
        let order: [Int32]
        if let cached = sorted[sort] {
            order = cached
        } else {
            order = WorkQueue.sortedIndices(keys.keys, today: today, buckets: buckets, sort: sort)
            sorted[sort] = order
        }
        shown = WorkQueue.filter(order, keys: keys.keys, segments: keys.segments, today: today, buckets: buckets, filter: filter)
        if let id, let i = ordered.firstIndex(where: { $0.accountID == id }) { cursor = i } else { cursor = 0; top = 0 }
    }

    mutating func clampScroll(height: Int) {
        cursor = min(max(0, cursor), max(0, ordered.count - 1))
        top = min(max(0, top), max(0, ordered.count - height))
        if cursor < top { top = cursor }
        if cursor >= top + height { top = cursor - height + 1 }
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return s
    }
}
