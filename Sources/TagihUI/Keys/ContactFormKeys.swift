import TagihCore
import TagihTerminal

// The contact form's keys: fields, choices, typing, and saving.

func formAction(_ s: inout AppState, _ f: inout ContactForm, _ action: Action, key: Key) -> [Effect] {
    let fields = f.fields(s.outcomes)
    let index = fields.firstIndex(of: f.focus) ?? 0
    switch action {
    case .back:
        return leaveForm(&s, &f)
    case .nextField where key == .enter && index == fields.count - 1, .save:
        return saveForm(&s, &f)
    case .nextField:
        f.focus = fields[(index + 1) % fields.count]
    case .previousField:
        f.focus = fields[(index - 1 + fields.count) % fields.count]
    case .choiceNext, .choicePrevious:
        // On a text field the arrows move the cursor.
        guard f.isChoice(f.focus) else {
            guard f.editFocused(action == .choiceNext ? .right : .left) else { return [] }
            break
        }
        f.cycle(f.focus, by: action == .choiceNext ? 1 : -1, outcomes: s.outcomes)
        prefillPromise(&f, s)
    case .clearInput:
        guard !f.isChoice(f.focus) else { return [] }
        _ = f.editFocused(.control("u"))
    default:
        return []
    }
    f.confirmDiscard = false
    return [.saveDraft(f.draft)]
}

func formInput(_ s: inout AppState, _ f: inout ContactForm, _ key: Key) -> [Effect] {
    if f.isChoice(f.focus) {
        switch key {
        case .character(let c) where !c.isNewline:
            let str = s.strings
            f.choose(f.focus, startingWith: c, outcomes: s.outcomes) { field, option in FormView.optionName(field, option, str) }
            prefillPromise(&f, s)
        case .backspace where f.focus == .reason:
            f.reason = nil
        default:
            return []
        }
    } else {
        let before = f
        guard f.editFocused(key) else { return [] }
        if f == before { return [] }
    }
    f.confirmDiscard = false
    return [.saveDraft(f.draft)]
}

/// A promise outcome suggests the past-due amount and a date a week out
/// (within the horizon), until the collector types their own.
func prefillPromise(_ f: inout ContactForm, _ s: AppState) {
    guard let o = f.outcome, s.outcomes[o]?.promise == true else { return }
    if f.promiseAmount.isEmpty, case .account(let a)? = s.stack.dropLast().last, let d = a.detail, d.position.pastDue.isPositive {
        f.promiseAmount = s.money.plain(d.position.pastDue)
        f.suggested.insert(.promiseAmount)
    }
    if f.promiseDate.isEmpty {
        f.promiseDate = (s.today.checkedAdding(days: min(7, s.promiseHorizonDays)) ?? s.today).iso
        f.suggested.insert(.promiseDate)
    }
}

func saveForm(_ s: inout AppState, _ f: inout ContactForm) -> [Effect] {
    let (at, day) = s.contactInstant
    switch f.request(outcomes: s.outcomes, currency: s.money.currency, at: at, day: day, clock: s.operatorClock) {
    case .failure(let problem):
        f.focus = problem.field
        s.status = .init(text: "\(FormView.label(problem.field, s.strings)): \(s.strings[problem.message])", isError: true)
        return []
    case .success(let request):
        if f.offerOverride && request.override == nil {
            f.focus = .override
            s.status = .init(text: s.strings[.formOverrideHint], isError: true)
            return []
        }
        // The party rules (CONTRACT §9, never lifted by an override): said
        // here, typed and in the reader's language, before the ledger is asked.
        if let to = request.to, let phone = f.parties.find(to),
           let refusal = PartyRules.refusal(phone, outcome: request.outcome.code, on: request.day) {
            // Read whole in the form, wrapped; the status line only says it was not saved (as a ledger's refusal).
            f.refusal = s.strings.contactRefusal(refusal, options: false)
            f.focus = .outcome
            s.status = .init(text: s.strings[.formNotSaved], isError: true)
            return []
        }
        return [.logContact(request, accountID: f.accountID)]
    }
}
