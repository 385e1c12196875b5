import TagihCore
import TagihTerminal

// The plan form's keys: fields, the frequency, typing, and the schedule's scrolling.

func planFormAction(_ s: inout AppState, _ f: inout PlanForm, _ action: Action) -> [Effect] {
    let fields = PlanForm.Field.allCases
    let index = fields.firstIndex(of: f.focus) ?? 0
    switch action {
    case .save:
        switch f.terms(currency: s.money.currency) {
        case .failure(let p):
            f.focus = p.field
            s.status = .init(text: "\(PlanFormView.label(p.field, s.strings)): \(s.strings[p.message])", isError: true)
            return []
        case .success(let terms):
            do { _ = try Plans.schedule(terms, currency: s.money.currency) } catch {
                s.status = .init(text: s.strings.planError(error, currency: s.money.currency, options: false), isError: true)
                return []
            }
            let note = f.note.trimmingSpaces.isEmpty ? nil : String(f.note.trimmingSpaces)
            return [.proposePlan(accountNo: f.accountNo, terms: terms, note: note, accountID: f.accountID)]
        }
    case .nextField: f.focus = fields[(index + 1) % fields.count]
    case .previousField: f.focus = fields[(index - 1 + fields.count) % fields.count]
    case .choiceNext, .choicePrevious:
        // On a text field the arrows move the cursor.
        guard f.focus == .frequency else {
            guard f.edit(action == .choiceNext ? .right : .left) else { return [] }
            break
        }
        let all = PlanFrequency.allCases
        f.frequency = all[((all.firstIndex(of: f.frequency) ?? 0) + (action == .choiceNext ? 1 : all.count - 1)) % all.count]
        f.scheduleTop = 0
    case .clearInput: guard f.edit(.control("u")) else { return [] }
    default: return []
    }
    f.confirmDiscard = false
    return [.saveDraft(f.hasInput ? f.draft : nil)]   // an untouched form is not kept
}

func planFormInput(_ s: inout AppState, _ f: inout PlanForm, _ key: Key) -> [Effect] {
    let before = f
    switch key {
    case .pageDown, .pageUp:
        // The schedule below the terms scrolls: a long plan is read whole at 80×24.
        let room = PlanFormView.scheduleRoom(s.height)
        let count = (try? f.terms(currency: s.money.currency).get()).flatMap { try? Plans.schedule($0, currency: s.money.currency) }?.lines.count ?? 0
        let page = max(1, room - 2)
        f.scheduleTop = min(max(0, f.scheduleTop + (key == .pageDown ? page : -page)), max(0, count - (room - 1)))
        return []
    case .character(let c) where f.focus == .frequency && !c.isNewline:
        let letter = Character(c.lowercased())
        if let match = PlanFrequency.allCases.first(where: { s.strings.every($0).lowercased().contains(String(letter)) && $0 != f.frequency }) {
            f.frequency = match
        }
    default:
        guard f.edit(key) else { return [] }
    }
    guard f != before else { return [] }
    f.scheduleTop = 0
    f.confirmDiscard = false
    return [.saveDraft(f.hasInput ? f.draft : nil)]   // an untouched form is not kept
}
