import TagihCore

// Assigning from the queue: opening the picker, its keys, and what the
// status line says after.

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

func assignAction(_ s: inout AppState, _ p: inout AssignPicker, _ action: Action) -> [Effect] {
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
    return []
}

func assignedText(_ s: AppState, _ n: Int, _ to: String?) -> String {
    guard n > 0 else { return s.strings.format(.assignUnchanged, to ?? s.strings[.assignNobody]) }
    guard let to else { return n == 1 ? s.strings[.unassignedOne] : s.strings.format(.unassignedN, n) }
    return n == 1 ? s.strings.format(.assignedOneTo, to) : s.strings.format(.assignedTo, n, to)
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
