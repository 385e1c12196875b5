/// Who may do what (CONTRACT §1a, rulings R1, R3, R4): one pure decision
/// that the command line, the workstation and the store all ask — the store
/// inside the write transaction, so what the screen offered and what the
/// ledger accepts can never differ. A refusal is a typed value; `Strings`
/// says it in the reader's language.

/// Whose an account is: its collector and that collector's team.
public struct AccountOwner: Sendable, Equatable {
    public var accountNo: String
    public var collector: String?
    public var team: String?
    public init(accountNo: String, collector: String?, team: String?) {
        self.accountNo = accountNo; self.collector = collector; self.team = team
    }
}

/// What is asked.
public enum Permission: Sendable, Equatable {
    /// Reports and lists: the scope is `Authority.scope`.
    case readReports
    /// Log a collection contact or take a promise.
    case logContact
    /// Lift the contact policy's hours, days and limits with a reason.
    case overridePolicy
    /// The batch's `SENT` messages and their delivery results (R3, R13).
    case recordMessages
    /// `remind pause|resume STAGE` (R15).
    case pauseReminders
    case proposePlan(AccountOwner)
    /// A decision on a plan proposed by `proposer` (the proposer's team for
    /// an unassigned account), `withinAuthority`: within the decider's own.
    case decidePlan(PlanDecisionKind, account: AccountOwner, proposer: String, proposerTeam: String?, withinAuthority: Bool)
    /// Assign an account (to `to`, nil: unassign).
    case assign(AccountOwner, to: User?)
    case importFiles
    case runNightly
    case manageUsers
    case manageRules
    /// `check`, `channel add|rotate|list`, `serve` (R3).
    case check
    case channels
    case serve
    case reconcile
    /// Read the audit trail (`tagih audit`).
    case readAudit
    /// Add an account's phone or mark a number (`phone add|mark`, R3:
    /// anyone who may read the account — a batch login records a debtor's
    /// `STOP` as do-not-call).
    case changePhones
    /// Place a hold of a kind on an account (CONTRACT §9).
    case placeHold(HoldKind, AccountOwner)
    case releaseHold
    /// Open a case or add a note: anyone who may read the account (R3).
    case openCase
    /// Extend or resolve a case on an account.
    case workCase(AccountOwner)
    /// Approve or decline a collector's credit resolution, resolved by `resolver`.
    case decideCaseCredit(approve: Bool, account: AccountOwner, resolver: String, resolverTeam: String?)
    /// Record anything while `--today`, `TAGIH_TODAY` or `TAGIH_NOW` moves the
    /// clock (true) — asked of the person at the terminal, not the `--as` user.
    case recordWithMovedClock(Bool)
}

public enum PlanDecisionKind: String, Sendable, Equatable { case approve, decline, cancel }

/// Why something is refused.
public enum Refusal: Error, Sendable, Equatable {
    /// The role may not do this at all.
    case role(Role, Permission.Name)
    /// A collector proposes only for accounts assigned to them or unassigned.
    case notTheirAccount(String, collector: String)
    /// A lead acts only within the team.
    case notTheTeam(String, team: String?)
    /// Nobody decides a plan they proposed.
    case ownProposal
    /// The plan is beyond the lead's own authority: it waits for an admin.
    case beyondAuthority
    /// Assignment to someone who is not a collector of the lead's team.
    case assigneeNotInTeam(String)
    /// An account may only be assigned to a collector or a lead.
    case assigneeRole(String, Role)
    /// The clock was moved on a command that records.
    case clockOverride(Role)
    /// A report of someone outside the reader's scope (R4).
    case outOfScope(String)
    /// A collector works only accounts assigned to them or unassigned.
    case mayNotWork(String, collector: String, Permission.Name)
    /// A collector places only dispute and hardship holds (CONTRACT §9).
    case holdKind(HoldKind)
    /// Nobody approves or declines a credit they resolved themselves (R22).
    case ownResolution
}

extension Permission {
    /// The action's name, for refusals.
    public enum Name: String, Sendable, Equatable {
        case readReports = "read reports", logContact = "log contacts", overridePolicy = "override the contact policy",
             recordMessages = "record sent messages", pauseReminders = "pause reminder stages", proposePlan = "propose plans", approvePlan = "approve plans",
             declinePlan = "decline plans", cancelPlan = "cancel plans", assign = "assign accounts", importFiles = "import files",
             runNightly = "run the nightly batch", manageUsers = "manage users", manageRules = "change the rules",
             check = "check the ledger", channels = "manage payment channels", serve = "serve payments", reconcile = "reconcile payments",
             recordWithMovedClock = "record with a moved clock", readAudit = "read the audit trail",
             changePhones = "change phones",
             placeHold = "place holds", releaseHold = "release holds", openCase = "open cases", workCase = "extend or resolve cases",
             approveCredit = "approve case credits", declineCredit = "decline case credits"
    }

    public var name: Name {
        switch self {
        case .readReports: .readReports
        case .logContact: .logContact
        case .overridePolicy: .overridePolicy
        case .recordMessages: .recordMessages
        case .pauseReminders: .pauseReminders
        case .proposePlan: .proposePlan
        case .decidePlan(let k, _, _, _, _): k == .approve ? .approvePlan : k == .decline ? .declinePlan : .cancelPlan
        case .assign: .assign
        case .importFiles: .importFiles
        case .runNightly: .runNightly
        case .manageUsers: .manageUsers
        case .manageRules: .manageRules
        case .check: .check
        case .channels: .channels
        case .serve: .serve
        case .reconcile: .reconcile
        case .recordWithMovedClock: .recordWithMovedClock
        case .readAudit: .readAudit
        case .changePhones: .changePhones
        case .placeHold: .placeHold
        case .releaseHold: .releaseHold
        case .openCase: .openCase
        case .workCase: .workCase
        case .decideCaseCredit(let approve, _, _, _): approve ? .approveCredit : .declineCredit
        }
    }
}

/// Whose figures a person's reports and lists cover (R4).
public enum ReportScope: Sendable, Equatable {
    /// The whole book.
    case book
    /// A team's accounts and the unassigned ones.
    case team(String)
    /// One collector's own accounts.
    case own(String)
}

public enum Authority {
    /// Whether `actor` (the acting user: the `--as` user when given, R1) may
    /// do `p`; nil when allowed.
    public static func refusal(_ actor: User, _ p: Permission) -> Refusal? {
        let role = actor.role
        func only(_ roles: Set<Role>) -> Refusal? { roles.contains(role) ? nil : .role(role, p.name) }
        switch p {
        case .readReports, .changePhones:
            return nil
        case .logContact:
            return only([.collector, .lead, .admin])
        case .overridePolicy:
            return only([.lead, .admin])
        case .recordMessages:
            return only([.batch, .admin])
        case .pauseReminders:
            return only([.lead, .admin])
        case .proposePlan(let a):
            switch role {
            case .admin: return nil
            case .collector:
                guard let c = a.collector, c != actor.login else { return nil }
                return .notTheirAccount(a.accountNo, collector: c)
            case .lead:
                return inTeam(actor, a.team, unassigned: a.collector == nil) ? nil : .notTheTeam(a.accountNo, team: a.team)
            case .batch: return .role(role, p.name)
            }
        case .decidePlan(let kind, let a, let proposer, let proposerTeam, let within):
            switch role {
            case .collector, .batch: return .role(role, p.name)
            case .admin: return proposer == actor.login ? .ownProposal : nil
            case .lead:
                if proposer == actor.login { return .ownProposal }
                let team = a.collector == nil ? proposerTeam : a.team
                if !inTeam(actor, team, unassigned: false) { return .notTheTeam(a.accountNo, team: team) }
                if kind == .approve && !within { return .beyondAuthority }
                return nil
            }
        case .assign(let a, let to):
            if let to, to.role != .collector && to.role != .lead { return .assigneeRole(to.login, to.role) }
            switch role {
            case .admin: return nil
            case .lead:
                if !inTeam(actor, a.team, unassigned: a.collector == nil) { return .notTheTeam(a.accountNo, team: a.team) }
                if let to, to.team != actor.team { return .assigneeNotInTeam(to.login) }
                return nil
            case .collector, .batch: return .role(role, p.name)
            }
        case .importFiles, .runNightly, .check, .channels, .serve:
            return only([.admin, .batch])
        case .manageUsers, .manageRules, .readAudit:
            return only([.admin])
        case .reconcile:
            return only([.lead, .admin])
        case .recordWithMovedClock(let moved):
            return moved && role != .admin ? .clockOverride(role) : nil
        case .placeHold(let kind, let a):
            switch role {
            case .admin, .lead: return nil
            case .collector:
                guard kind.collectorMayPlace else { return .holdKind(kind) }
                guard let c = a.collector, c != actor.login else { return nil }
                return .mayNotWork(a.accountNo, collector: c, p.name)
            case .batch: return .role(role, p.name)
            }
        case .releaseHold:
            return only([.lead, .admin])
        case .openCase:
            return nil
        case .workCase(let a):
            switch role {
            case .admin: return nil
            case .collector:
                guard let c = a.collector, c != actor.login else { return nil }
                return .mayNotWork(a.accountNo, collector: c, p.name)
            case .lead:
                return inTeam(actor, a.team, unassigned: a.collector == nil) ? nil : .notTheTeam(a.accountNo, team: a.team)
            case .batch: return .role(role, p.name)
            }
        case .decideCaseCredit(_, let a, let resolver, let resolverTeam):
            // The same rules as plans (R22): leads of the team, admins; never one's own.
            switch role {
            case .collector, .batch: return .role(role, p.name)
            case .admin: return resolver == actor.login ? .ownResolution : nil
            case .lead:
                if resolver == actor.login { return .ownResolution }
                let team = a.collector == nil ? resolverTeam : a.team
                return inTeam(actor, team, unassigned: false) ? nil : .notTheTeam(a.accountNo, team: team)
            }
        }
    }

    /// What a person's reports cover by default (R4): a collector their own
    /// accounts, a lead the team (with the unassigned accounts), an admin or
    /// the batch the book. `book` asks for the whole book: leads may.
    public static func scope(_ actor: User, book: Bool = false) -> ReportScope {
        switch actor.role {
        case .collector: return .own(actor.login)
        case .lead: return book || actor.team == nil ? .book : .team(actor.team!)
        case .admin, .batch: return .book
        }
    }

    /// Whether `user` appears in `actor`'s user list (R4: lists follow the
    /// scope): a collector sees themselves, a lead the team, an admin or the
    /// batch everyone.
    public static func lists(_ user: User, for actor: User) -> Bool {
        switch actor.role {
        case .admin, .batch: true
        case .lead: user.login == actor.login || (actor.team != nil && user.team == actor.team)
        case .collector: user.login == actor.login
        }
    }

    /// A lead's team holds the account (an unassigned one counts when asked).
    static func inTeam(_ lead: User, _ team: String?, unassigned: Bool) -> Bool {
        if unassigned { return true }
        guard let mine = lead.team else { return false }
        return team == mine
    }
}
