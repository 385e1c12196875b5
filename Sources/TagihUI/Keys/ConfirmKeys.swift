import TagihCore

// The keys of a pending plan shown whole before the lead approves it.

/// The plan shown before approving: y or Enter approves, d declines (with
/// a reason, on the list beneath), the arrows scroll the schedule.
func confirmAction(_ s: inout AppState, _ c: inout PlanConfirmation, _ action: Action) -> [Effect] {
    switch action {
    case .approve, .open:
        return [.decidePlan(c.plan.id, approve: true, note: nil)]
    case .decline:
        s.stack.removeLast()
        s.modifyTop(.approvals) { a, _ in a.reason = "" }
        return []
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        let count = c.plan.schedule.lines.count
        var cursor = c.scroll
        switch action {
        case .up: cursor -= 1
        case .down: cursor += 1
        case .pageUp: cursor -= 10
        case .pageDown: cursor += 10
        case .top: cursor = 0
        default: cursor = count
        }
        c.scroll = min(max(0, cursor), max(0, count - 1))
    default:
        return []
    }
    return []
}
