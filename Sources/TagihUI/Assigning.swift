import TagihCore

/// The picker a lead or admin assigns queue lines from (CONTRACT §1a): only
/// the people `Authority` lets them give every one of the accounts to, and
/// "nobody" when it lets them unassign them.
public struct AssignPicker: Sendable {
    /// The accounts to assign: number and id, sorted by number.
    public var accounts: [(no: String, id: Int64)]
    /// Who may receive them; nil stands for "nobody" (unassign).
    public var candidates: [User?]
    public var cursor = 0

    public var selected: User?? { candidates.indices.contains(cursor) ? candidates[cursor] : nil }

    /// Whose each account is, for `Authority`: its collector and that collector's team.
    static func owner(_ row: QueueRow, users: [User]) -> AccountOwner {
        AccountOwner(accountNo: row.accountNo, collector: row.collector,
                     team: row.collector.flatMap { c in users.first { $0.login == c }?.team })
    }

    /// The picker for `rows`, or the refusal to say when `me` may assign
    /// none of them (a collector; a lead and another team's account).
    static func make(_ rows: [QueueRow], me: User, users: [User]) -> Result<AssignPicker, Refusal> {
        let owners = rows.map { owner($0, users: users) }
        // The role and the accounts first: asked with no assignee, as the store asks for an unassign.
        for o in owners {
            if let r = Authority.refusal(me, .assign(o, to: nil)) { return .failure(r) }
        }
        // A lead gives accounts to the team's collectors, an admin to any collector or lead.
        let roles: Set<Role> = me.role == .admin ? [.collector, .lead] : [.collector]
        var people = users.filter { u in roles.contains(u.role) && owners.allSatisfy { o in Authority.refusal(me, .assign(o, to: u)) == nil } }
        people.sort { ($0.team ?? "", $0.login) < ($1.team ?? "", $1.login) }
        let accounts = rows.map { (no: $0.accountNo, id: $0.accountID) }.sorted { $0.no < $1.no }
        let candidates: [User?] = people.map { u -> User? in u } + [nil]
        return .success(AssignPicker(accounts: accounts, candidates: candidates))
    }
}

/// A pending plan shown whole before approving it: the plan as listed, and
/// the account (read without taking its lease: looking is not working it).
public struct PlanConfirmation: Sendable {
    public var plan: PlanRecord
    public var detail: AccountDetail?
    /// The first schedule line shown.
    public var scroll = 0
    public init(plan: PlanRecord) { self.plan = plan }
}
