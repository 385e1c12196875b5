/// One kind of screen on the stack: how to read its state out of a
/// `Screen` and put it back, as a case path would. `AppState.modifyTop`
/// takes one, so no handler writes its screen back by hand.
struct ScreenKind<State> {
    let extract: (Screen) -> State?
    let embed: (State) -> Screen
}

extension ScreenKind where State == AccountState {
    static var account: Self { Self(extract: { if case .account(let x) = $0 { x } else { nil } }, embed: Screen.account) }
}

extension ScreenKind where State == SearchState {
    static var search: Self { Self(extract: { if case .search(let x) = $0 { x } else { nil } }, embed: Screen.search) }
}

extension ScreenKind where State == HelpState {
    static var help: Self { Self(extract: { if case .help(let x) = $0 { x } else { nil } }, embed: Screen.help) }
}

extension ScreenKind where State == ContactForm {
    static var contactForm: Self { Self(extract: { if case .contactForm(let x) = $0 { x } else { nil } }, embed: Screen.contactForm) }
}

extension ScreenKind where State == PlanForm {
    static var planForm: Self { Self(extract: { if case .planForm(let x) = $0 { x } else { nil } }, embed: Screen.planForm) }
}

extension ScreenKind where State == ApprovalsState {
    static var approvals: Self { Self(extract: { if case .approvals(let x) = $0 { x } else { nil } }, embed: Screen.approvals) }
}

extension ScreenKind where State == ReportsState {
    static var reports: Self { Self(extract: { if case .reports(let x) = $0 { x } else { nil } }, embed: Screen.reports) }
}

extension ScreenKind where State == PlanConfirmation {
    static var confirmPlan: Self { Self(extract: { if case .confirmPlan(let x) = $0 { x } else { nil } }, embed: Screen.confirmPlan) }
}

extension ScreenKind where State == AssignPicker {
    static var assignPicker: Self { Self(extract: { if case .assignPicker(let x) = $0 { x } else { nil } }, embed: Screen.assignPicker) }
}

extension ScreenKind where State == ContactNotes {
    static var contactNotes: Self { Self(extract: { if case .contactNotes(let x) = $0 { x } else { nil } }, embed: Screen.contactNotes) }
}

extension ScreenKind where State == HoldForm {
    static var holdForm: Self { Self(extract: { if case .holdForm(let x) = $0 { x } else { nil } }, embed: Screen.holdForm) }
}

extension ScreenKind where State == PhoneList {
    static var phoneList: Self { Self(extract: { if case .phoneList(let x) = $0 { x } else { nil } }, embed: Screen.phoneList) }
}

extension ScreenKind where State == CaseScreen {
    static var caseScreen: Self { Self(extract: { if case .caseScreen(let x) = $0 { x } else { nil } }, embed: Screen.caseScreen) }
}

extension AppState {
    /// Changes the screen on top when it is of `kind` (nil, and nothing
    /// done, when it is not): `change` gets that screen's state and the
    /// whole state. The screen's state is put back afterwards unless
    /// `change` closed it or opened another over it: then the stack is
    /// as `change` left it. The one place a screen is written back.
    @discardableResult
    mutating func modifyTop<State, Result>(_ kind: ScreenKind<State>, _ change: (inout State, inout AppState) -> Result) -> Result? {
        guard let last = stack.last, var top = kind.extract(last) else { return nil }
        let depth = stack.count
        let result = change(&top, &self)
        if stack.count == depth, kind.extract(stack[depth - 1]) != nil { stack[depth - 1] = kind.embed(top) }
        return result
    }
}
