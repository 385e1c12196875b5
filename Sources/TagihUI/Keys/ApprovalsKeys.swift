import TagihCore
import TagihTerminal

// The Approvals screen's keys, and the decline reason typed on it.

func approvalsAction(_ s: inout AppState, _ a: inout ApprovalsState, _ action: Action) -> [Effect] {
    // A case credit: decided on its case screen, the form open for y or d.
    if let c = a.selectedCase, [.approve, .decline, .open].contains(action) {
        return approvalsOpenCase(&s, c, form: action == .approve ? .approve(c.record.id) : action == .decline ? .decline(c.record.id) : nil)
    }
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom: return approvalsMove(&a, action)
    case .sort: return approvalsToggleOrder(&a)
    case .approve:
        // Never at once: the plan is shown whole (schedule, debtor, payments) and the lead confirms.
        guard let p = a.selected else { return [] }
        s.stack.append(.confirmPlan(approvalsConfirmation(a, p)))
        return [.loadPlanAccount(p.accountID)]
    case .open:
        // The whole account — position, contacts, promises, plans — before deciding.
        guard let p = a.selected else { return [] }
        s.stack.append(.account(AccountState(accountID: p.accountID)))
        return [.openAccount(p.accountID)]
    case .decline:
        guard a.selected != nil else { return [] }
        a.reason = ""
    default: return []
    }
    return []
}

/// Typing the reason for a decline: Enter declines, Esc gives up.
func reasonInput(_ s: inout AppState, _ a: inout ApprovalsState, _ key: Key) -> [Effect] {
    var effects: [Effect] = []
    var input = TextInput(a.reason ?? "", limit: 200)
    switch key {
    case _ where input.handle(key): a.reason = input.text
    case .escape: a.reason = nil
    case .enter:
        let why = (a.reason ?? "").trimmingSpaces
        guard !why.isEmpty, let p = a.selected else {
            s.status = .init(text: s.strings[.approvalsReasonRequired], isError: true)
            break
        }
        effects.append(.decidePlan(p.id, approve: false, note: String(why)))
        a.reason = nil
    default: break
    }
    return effects
}
