import TagihCore

/// A collector's case resolution whose credit waits for a lead (R22).
public struct PendingCaseCredit: Sendable, Equatable {
    public var record: CaseRecord
    public var state: CaseState
    public init(record: CaseRecord, state: CaseState) { self.record = record; self.state = state }
}

/// Pending plans for a lead to decide, in the order the lead chose (oldest
/// first, as they arrived, or newest first), with each plan's account read
/// beside it: the debtor's name, the balance today and the payments are on
/// the list, without opening the account. Below the plans, the case credits
/// awaiting approval (R22), so every decision a lead owes is on one screen;
/// each is decided on its case screen, where the whole case is.
public struct ApprovalsState: Sendable {
    /// In the order shown.
    public var plans: [PlanRecord] = []
    /// After the plans, in the same order (by case id).
    public var cases: [PendingCaseCredit] = []
    public var cursor = 0
    public var loaded = false
    /// While declining: the reason being typed.
    public var reason: String?
    /// The order of the list; `o` turns it round.
    public var newestFirst = false
    /// The accounts of the plans, by account id, as they arrive (read without a lease).
    public var accounts: [Int64: AccountDetail] = [:]
    public init() {}
    public var selected: PlanRecord? { plans.indices.contains(cursor) ? plans[cursor] : nil }
    /// The case credit under the cursor (the rows after the plans).
    public var selectedCase: PendingCaseCredit? { cases.indices.contains(cursor - plans.count) ? cases[cursor - plans.count] : nil }
    public var rowCount: Int { plans.count + cases.count }
    /// The account of the row under the cursor.
    var selectedAccount: Int64? { selected?.accountID ?? selectedCase?.record.accountID }

    /// The plans in the chosen order: by plan id, which follows the order of proposal.
    static func ordered(_ plans: [PlanRecord], newestFirst: Bool) -> [PlanRecord] {
        plans.sorted { newestFirst ? $0.id > $1.id : $0.id < $1.id }
    }
    static func ordered(_ cases: [PendingCaseCredit], newestFirst: Bool) -> [PendingCaseCredit] {
        cases.sorted { newestFirst ? $0.record.id > $1.record.id : $0.record.id < $1.record.id }
    }
}

// The approvals list's own keys and events. Update.swift reaches these by one-line calls.

/// The most accounts read at once for a list (a lead's pending plans are a
/// handful; a list longer than this reads the rest as the cursor reaches them).
private let accountsAtOnce = 60

/// The pending plans arrived: in the chosen order, the cursor on the plan it
/// was on; the accounts not yet read are asked for.
func approvalsPlansLoaded(_ s: inout AppState, _ plans: [PlanRecord]) -> [Effect] {
    s.modifyTop(.approvals) { a, _ in
        let selected = a.selected?.id
        a.plans = ApprovalsState.ordered(plans, newestFirst: a.newestFirst)
        a.loaded = true
        a.cursor = a.plans.firstIndex { $0.id == selected } ?? min(a.cursor, max(0, a.rowCount - 1))
        // Decisions change balances: every account is read again.
        return Array(Set(a.plans.prefix(accountsAtOnce).map(\.accountID))).sorted().map { Effect.loadPlanAccount($0) }
    } ?? []
}

/// The case credits awaiting approval arrived (they follow the plans, read
/// just before them): in the chosen order, their accounts asked for.
func approvalsCasesLoaded(_ s: inout AppState, _ cases: [PendingCaseCredit]) -> [Effect] {
    s.modifyTop(.approvals) { a, _ in
        let selected = a.selectedCase?.record.id
        a.cases = ApprovalsState.ordered(cases, newestFirst: a.newestFirst)
        if let i = a.cases.firstIndex(where: { $0.record.id == selected }) { a.cursor = a.plans.count + i }
        a.cursor = min(a.cursor, max(0, a.rowCount - 1))
        return Array(Set(a.cases.prefix(accountsAtOnce).map(\.record.accountID))).sorted().map { Effect.loadPlanAccount($0) }
    } ?? []
}

/// A case credit is decided on its case screen, over its account (as the
/// account's `C` opens it), the cursor on the case and, for `a` or `d`, the
/// approve or decline form already open.
func approvalsOpenCase(_ s: inout AppState, _ c: PendingCaseCredit, form: CaseForm.Kind?) -> [Effect] {
    var screen = CaseScreen(accountID: c.record.accountID, accountNo: c.record.accountNo)
    screen.focus = c.record.id
    screen.form = form.map(CaseForm.make)
    s.stack.append(.account(AccountState(accountID: c.record.accountID)))
    s.stack.append(.caseScreen(screen))
    return [.openAccount(c.record.accountID)]
}

/// An account read for a plan: kept for the list (the confirmation takes its own).
func approvalsAccountLoaded(_ s: inout AppState, _ detail: AccountDetail) {
    s.modifyTop(.approvals) { a, _ in a.accounts[detail.accountID] = detail }
}

/// `o`: newest first ⇄ oldest first, the cursor on the first of the new
/// order (the lead turns the list round to see that end of it).
func approvalsToggleOrder(_ a: inout ApprovalsState) -> [Effect] {
    a.newestFirst.toggle()
    a.plans = ApprovalsState.ordered(a.plans, newestFirst: a.newestFirst)
    a.cases = ApprovalsState.ordered(a.cases, newestFirst: a.newestFirst)
    a.cursor = 0
    guard let id = a.selectedAccount, a.accounts[id] == nil else { return [] }
    return [.loadPlanAccount(id)]
}

/// The plan shown whole before approving, with its account as the list read
/// it (read again at once: the figures may have moved since).
func approvalsConfirmation(_ a: ApprovalsState, _ p: PlanRecord) -> PlanConfirmation {
    var c = PlanConfirmation(plan: p)
    c.detail = a.accounts[p.accountID]
    return c
}

/// The cursor moves; the plan's account is asked for when it is not read yet.
func approvalsMove(_ a: inout ApprovalsState, _ action: Action) -> [Effect] {
    var top = 0   // the view keeps the cursor on screen; only the cursor moves here, a page at a time of ten
    move(&a.cursor, &top, count: a.rowCount, height: 10, by: action)
    guard let id = a.selectedAccount, a.accounts[id] == nil else { return [] }
    return [.loadPlanAccount(id)]
}
