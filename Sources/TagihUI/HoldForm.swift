import TagihCore
import TagihTerminal

/// Placing or releasing a hold from the account (`H`, CONTRACT §9): the
/// action, the kind, a reason and, for a new hold, an optional last day.
/// Who may do which is `Authority`'s to say, before the store is asked.
public struct HoldForm: Equatable, Sendable, FormFields {
    public enum Field: String, Sendable, CaseIterable { case action, kind, reason, until }

    public var accountID: Int64
    public var accountNo: String
    /// The account's collector (whose accounts a collector may hold).
    public var collector: String?
    /// The kinds in force on the account today (what a release can name).
    public var inForce: [HoldKind]
    public var release = false
    public var kind = HoldKind.dispute
    public var reason = ""
    /// The last day, as typed (empty: no end set).
    public var until = ""
    public var focus: Field = .kind {
        didSet { if focus != oldValue { caret = nil } }
    }
    public var caret: Int?
    public var suggested: Set<Field> = []
    public var confirmDiscard = false

    public init(accountID: Int64, accountNo: String, collector: String?, inForce: [HoldKind]) {
        self.accountID = accountID; self.accountNo = accountNo; self.collector = collector; self.inForce = inForce
    }

    public var hasInput: Bool { !reason.isEmpty || !until.isEmpty }
    var fieldLimit: Int { 200 }

    /// The fields shown: a release has no end day.
    var fields: [Field] { release ? [.action, .kind, .reason] : Field.allCases }

    func text(_ f: Field) -> String {
        switch f {
        case .reason: reason
        case .until: until
        case .action, .kind: ""
        }
    }

    mutating func setText(_ f: Field, _ value: String) {
        switch f {
        case .reason: reason = value
        case .until: until = value
        case .action, .kind: break
        }
    }

    /// What saving asks for, or the sentence that says why not (the
    /// authority's refusal, typed, in the reader's language).
    func request(me: User, today: Day, strings str: Strings) -> Result<Effect, HoldFormProblem> {
        let why = String(reason.trimmingSpaces)
        if release {
            if let r = Authority.refusal(me, .releaseHold) { return .failure(.init(field: .action, text: str.refusal(r, actor: me))) }
            guard inForce.contains(kind) else {
                return .failure(.init(field: .kind, text: str.format(.holdNothingToRelease, str.holdKind(kind))))
            }
        } else {
            let owner = AccountOwner(accountNo: accountNo, collector: collector, team: nil)
            if let r = Authority.refusal(me, .placeHold(kind, owner)) { return .failure(.init(field: .kind, text: str.refusal(r, actor: me))) }
        }
        guard !why.isEmpty else { return .failure(.init(field: .reason, text: str[.holdReasonRequired])) }
        if let problem = RecordProblem.text("--reason", why) {
            return .failure(.init(field: .reason, text: str.recordProblem(problem, options: false)))
        }
        if release { return .success(.releaseHold(accountNo: accountNo, kind: kind, reason: why, accountID: accountID)) }
        let typed = until.trimmingSpaces
        var last: Day?
        if !typed.isEmpty {
            guard let d = Day(iso: String(typed)), d >= today else { return .failure(.init(field: .until, text: str[.holdBadUntil])) }
            last = d
        }
        return .success(.placeHold(accountNo: accountNo, kind: kind, reason: why, until: last, accountID: accountID))
    }
}

/// Why a hold form cannot be saved: the field to go back to and the sentence.
public struct HoldFormProblem: Error, Equatable {
    var field: HoldForm.Field
    var text: String
}
