import TagihCore
import TagihTerminal

// The hold form's keys: fields, the action and kind choices, typing, saving.

func holdFormAction(_ s: inout AppState, _ f: inout HoldForm, _ action: Action) -> [Effect] {
    let fields = f.fields
    let index = fields.firstIndex(of: f.focus) ?? 0
    switch action {
    case .save:
        switch f.request(me: s.me, today: s.today, strings: s.strings) {
        case .failure(let p):
            f.focus = p.field
            s.status = .init(text: p.text, isError: true)
            return []
        case .success(let effect):
            return [effect]
        }
    case .nextField: f.focus = fields[(index + 1) % fields.count]
    case .previousField: f.focus = fields[(index - 1 + fields.count) % fields.count]
    case .choiceNext, .choicePrevious:
        let forward = action == .choiceNext
        switch f.focus {
        case .action:
            f.release.toggle()
            // A release names a kind in force: the first of them.
            if f.release, !f.inForce.contains(f.kind), let first = f.inForce.first { f.kind = first }
        case .kind:
            // A release chooses among the kinds in force; a new hold among all.
            let all = f.release && !f.inForce.isEmpty ? f.inForce : HoldKind.allCases
            let i = all.firstIndex(of: f.kind) ?? -1
            f.kind = all[(i + (forward ? 1 : all.count - 1) + all.count) % all.count]
        case .reason, .until:
            // On a text field the arrows move the cursor.
            _ = f.editFocused(forward ? .right : .left)
        }
    case .clearInput:
        if f.focus == .reason || f.focus == .until { _ = f.editFocused(.control("u")) }
    default: return []
    }
    f.confirmDiscard = false
    return []
}

/// A key that is no action: typed into the focused text field.
func holdFormInput(_ s: inout AppState, _ f: inout HoldForm, _ key: Key) -> [Effect] {
    guard f.focus == .reason || f.focus == .until else { return [] }
    if f.editFocused(key) { f.confirmDiscard = false }
    return []
}

/// Esc: with a reason or day typed it asks once; then the form closes.
func leaveHoldForm(_ s: inout AppState, _ f: inout HoldForm) -> [Effect] {
    if f.hasInput && !f.confirmDiscard {
        f.confirmDiscard = true
        s.status = .init(text: s.strings[.formEscAgain], isError: false)
        return []
    }
    s.stack.removeLast()
    return []
}
