import TagihCore
import TagihTerminal

// The account screen's keys.

func accountAction(_ s: inout AppState, _ a: inout AccountState, _ action: Action) -> [Effect] {
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
    case .refresh:
        return [.openAccount(a.accountID)]
    case .letter:
        guard let plan = a.detail?.plans.first else {
            s.status = .init(text: s.strings[.noPlan], isError: true)
            return []
        }
        return [.writeLetter(plan.id)]
    case .negotiate:
        guard let d = a.detail else { return [] }
        s.stack.append(.planForm(PlanForm(accountID: a.accountID, accountNo: d.accountNo, balance: d.position.balance,
                                          start: s.today, first: s.today.checkedAdding(days: 7) ?? s.today))) // a week on, within 9999-12-31
    case .contactNotes:
        // Every contact with its whole note, on a screen of its own (Esc back).
        guard let d = a.detail else { return [] }
        s.stack.append(.contactNotes(ContactNotes(detail: d)))
    case .hold:
        // Place or release a hold: the form names the kinds in force today.
        guard let d = a.detail else { return [] }
        s.stack.append(.holdForm(HoldForm(accountID: a.accountID, accountNo: d.accountNo, collector: d.collector,
                                          inForce: d.holds.map(\.kind))))
    case .cases:
        guard let d = a.detail else { return [] }
        s.stack.append(.caseScreen(CaseScreen(accountID: a.accountID, accountNo: d.accountNo)))
    case .phones:
        guard let d = a.detail else { return [] }
        s.stack.append(.phoneList(PhoneList(accountID: a.accountID, accountNo: d.accountNo, phones: d.parties)))
    case .logContact:
        var form = ContactForm(accountID: a.accountID, accountNo: a.detail?.accountNo ?? "")
        guard let d = a.detail else { return [] }
        form.choosePhones(d.parties, on: s.today)
        form.focus = .channel
        s.stack.append(.contactForm(form))
    default:
        break
    }
    return []
}
