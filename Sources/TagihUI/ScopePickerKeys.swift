import TagihCore
import TagihTerminal

// The keys of the scope picker, and what picking does on each screen.
// Update.swift reaches these by one-line calls.

/// Opens the picker for the queue or the Reports screen; a user with no
/// other scope (a collector) is told so instead.
func openScopePicker(_ s: inout AppState, for target: ScopePicker.Target) -> [Effect] {
    let scopes = s.scopes
    guard scopes.count > 1 else {
        s.status = .init(text: s.strings[.noOtherQueues], isError: false)
        return []
    }
    let current: QueueScope
    switch target {
    case .queue: current = s.queue.scope
    case .reports: current = s.reportsOnScreen?.scope ?? s.queue.scope
    }
    var picker = ScopePicker(target: target, options: scopes, current: current)
    picker.top = max(0, picker.cursor - ScopePickerView.rows(s.height) + 1)
    s.scopePicker = picker
    return []
}

/// A key while the picker is open: it moves, picks (Enter) or cancels (Esc);
/// every other key is ignored, so nothing happens beneath it.
func scopePickerKey(_ s: inout AppState, _ key: Key) -> [Effect] {
    guard var p = s.scopePicker else { return [] }
    let context: Context = p.target == .queue ? .queue : .reports
    let action = s.keymap.action(for: key, in: context)
    switch key {
    case .escape:
        s.scopePicker = nil
        return []
    case .enter:
        s.scopePicker = nil
        guard let scope = p.selected else { return [] }
        return p.target == .queue ? pickQueueScope(&s, scope) : pickReportsScope(&s, scope)
    default:
        switch action {
        case .up, .down, .pageUp, .pageDown, .top, .bottom:
            move(&p.cursor, &p.top, count: p.options.count, height: ScopePickerView.rows(s.height), by: action!)
        case .back:
            s.scopePicker = nil
            return []
        default:
            return []
        }
    }
    s.scopePicker = p
    return []
}

/// Another queue: it starts unfiltered, unmarked, at its top, as of today.
func pickQueueScope(_ s: inout AppState, _ scope: QueueScope) -> [Effect] {
    s.drilledFrom = nil
    guard scope != s.queue.scope else { return [] }
    s.queue.scope = scope
    s.queue.filter = QueueFilter()
    // Marks belong to the lines on screen: another queue starts unmarked.
    s.queue.marked = [:]
    s.queue.asOf = nil
    s.queue.cursor = 0
    s.queue.top = 0
    s.queue.loaded = false
    return [.loadQueue(scope)]
}

/// The Reports screen's figures for another scope: the same tab and day.
func pickReportsScope(_ s: inout AppState, _ scope: QueueScope) -> [Effect] {
    s.modifyTop(.reports) { r, _ -> [Effect] in
        guard r.scope != scope else { return [] }
        r.scope = scope
        r.cursor = 0
        r.loaded = false
        return [.loadReports(r.tab, asOf: r.asOf, scope: r.scope)]
    } ?? []
}
