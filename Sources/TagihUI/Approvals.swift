import TagihCore

/// Pending plans for a lead to decide, in the order the lead chose (oldest
/// first, as they arrived, or newest first), with each plan's account read
/// beside it: the debtor's name, the balance today and the payments are on
/// the list, without opening the account.
public struct ApprovalsState: Sendable {
    /// In the order shown.
    public var plans: [PlanRecord] = []
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

    /// The plans in the chosen order: by plan id, which follows the order of proposal.
    static func ordered(_ plans: [PlanRecord], newestFirst: Bool) -> [PlanRecord] {
        plans.sorted { newestFirst ? $0.id > $1.id : $0.id < $1.id }
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
        a.cursor = a.plans.firstIndex { $0.id == selected } ?? min(a.cursor, max(0, a.plans.count - 1))
        // Decisions change balances: every account is read again.
        return Array(Set(a.plans.prefix(accountsAtOnce).map(\.accountID))).sorted().map { Effect.loadPlanAccount($0) }
    } ?? []
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
    a.cursor = 0
    guard let p = a.selected, a.accounts[p.accountID] == nil else { return [] }
    return [.loadPlanAccount(p.accountID)]
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
    move(&a.cursor, &top, count: a.plans.count, height: 10, by: action)
    guard let p = a.selected, a.accounts[p.accountID] == nil else { return [] }
    return [.loadPlanAccount(p.accountID)]
}
