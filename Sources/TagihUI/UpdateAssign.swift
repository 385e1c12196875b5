import TagihCore

// Assigning from the queue and confirming an approval: the parts of
// `update` for the picker and the confirmation screens.

/// Opens the picker for the marked lines (else the selected one), or says
/// in the user's language why they may not assign them: what the screen
/// offers follows `Authority`, the same table the store enforces.
func openAssignPicker(_ s: inout AppState) -> [Effect] {
    let rows: [QueueRow]
    if !s.queue.marked.isEmpty {
        rows = Array(s.queue.marked.values)
    } else {
        guard let k = s.queue.selected, let row = s.queue.rows[k.accountID] else { return [] }
        rows = [row]
    }
    switch AssignPicker.make(rows, me: s.me, users: s.users) {
    case .failure(let refusal):
        s.status = .init(text: s.strings.refusal(refusal, actor: s.me), isError: true)
    case .success(let picker):
        s.stack.append(.assignPicker(picker))
    }
    return []
}

func assignAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard case .assignPicker(var p) = s.stack.last else { return [] }
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        var top = 0
        move(&p.cursor, &top, count: p.candidates.count, height: 10, by: action)
    case .open:
        guard let choice = p.selected else { return [] }
        // The picker stays until the store answers: a refusal (a race) shows on the status line.
        return [.assign(accountNos: p.accounts.map(\.no), to: choice?.login, ids: p.accounts.map(\.id))]
    default:
        return []
    }
    s.stack[s.stack.count - 1] = .assignPicker(p)
    return []
}

func assignedText(_ s: AppState, _ n: Int, _ to: String?) -> String {
    guard n > 0 else { return s.strings.format(.assignUnchanged, to ?? s.strings[.assignNobody]) }
    guard let to else { return n == 1 ? s.strings[.unassignedOne] : s.strings.format(.unassignedN, n) }
    return n == 1 ? s.strings.format(.assignedOneTo, to) : s.strings.format(.assignedTo, n, to)
}

/// The plan shown before approving: y or Enter approves, d declines (with
/// a reason, on the list beneath), the arrows scroll the schedule.
func confirmAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard case .confirmPlan(var c) = s.stack.last else { return [] }
    switch action {
    case .approve, .open:
        return [.decidePlan(c.plan.id, approve: true, note: nil)]
    case .decline:
        s.stack.removeLast()
        if case .approvals(var a) = s.stack.last {
            a.reason = ""
            s.stack[s.stack.count - 1] = .approvals(a)
        }
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
    s.stack[s.stack.count - 1] = .confirmPlan(c)
    return []
}

extension AppState {
    /// Whether the user's role may use the action at all, as `Authority`
    /// says (CONTRACT §1a): help lists only what the workstation offers.
    /// Per-account rules (a lead and another team's account) are asked
    /// when the key is pressed.
    func offers(_ action: Action) -> Bool {
        let anyAccount = AccountOwner(accountNo: "", collector: nil, team: nil)
        let p: Permission
        switch action {
        case .assign, .mark: p = .assign(anyAccount, to: nil)
        case .approvals, .approve, .decline:
            p = .decidePlan(.approve, account: anyAccount, proposer: "", proposerTeam: me.team, withinAuthority: true)
        default: return true
        }
        if case .role? = Authority.refusal(me, p) { return false }
        return true
    }
}
