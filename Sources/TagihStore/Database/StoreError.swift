import GRDB
import TagihCore

/// Why a store operation failed, as one sentence for standard error.
/// `exitCode` follows CONTRACT §2: 1 for refused or failed work, 2 for usage
/// and configuration errors.
public struct StoreError: Error, CustomStringConvertible, Equatable {
    public var description: String
    public var exitCode: Int32
    /// A refusal of `Authority`, kept typed so the command line and the
    /// workstation say it in the reader's language (`description` is English).
    public var refusal: Refusal?
    public var actor: User?
    /// A failure of the ledger file itself (busy, read-only, full, damaged),
    /// kept typed for the same reason.
    public var failure: LedgerFailure?
    /// A refusal of the contact log, kept typed for the same reason and so
    /// the workstation can offer an override on `.blocked` from the value.
    public var contact: ContactRefusal?
    /// A refusal of a plan's proposal or decision, typed likewise.
    public var plan: PlanRefusal?
    /// A record not found, or a text not taken, typed likewise.
    public var record: RecordProblem?
    /// A refusal of a hold or case action (CONTRACT §9), typed likewise.
    public var holdCase: CaseRefusal?
    /// A refusal of `reconcile` or `statement` (issue 19), typed likewise.
    public var reconcile: ReconcileProblem?
    public var statement: StatementProblem?
    /// A refusal of `tagih remind` and its subcommands (CONTRACT §10), typed likewise.
    public var remind: RemindProblem?
    public var remindFile: RemindFileProblem?
    /// A refusal of `tagih channel add|rotate` (CONTRACT §11), typed likewise.
    public var channel: ChannelProblem?

    public init(_ description: String, exitCode: Int32 = 1) {
        self.description = description
        self.exitCode = exitCode
    }

    public init(_ refusal: Refusal, actor: User) {
        self.init(Strings(.en).refusal(refusal, actor: actor))
        self.refusal = refusal
        self.actor = actor
    }

    public init(_ failure: LedgerFailure) {
        self.init(Strings(.en).ledgerFailure(failure))
        self.failure = failure
    }

    public init(_ contact: ContactRefusal) {
        self.init(contact.commandLineText)
        self.contact = contact
    }

    public init(_ plan: PlanRefusal) {
        self.init(plan.commandLineText)
        self.plan = plan
    }

    public init(_ record: RecordProblem) {
        self.init(record.commandLineText)
        self.record = record
    }

    public init(_ p: RemindProblem, exitCode: Int32 = 1) {
        self.init(Strings(.en).remindProblem(p), exitCode: exitCode)
        self.remind = p
    }

    public init(_ p: RemindFileProblem, exitCode: Int32 = 1) {
        self.init(Strings(.en).remindFileProblem(p), exitCode: exitCode)
        self.remindFile = p
    }

    public init(_ r: CaseRefusal) {
        self.init(r.commandLineText)
        self.holdCase = r
    }

    public init(_ p: ReconcileProblem) {
        self.init(p.commandLineText)
        self.reconcile = p
    }

    public init(_ p: StatementProblem) {
        self.init(p.commandLineText)
        self.statement = p
    }

    public init(_ p: ChannelProblem) {
        self.init(Strings(.en).channelProblem(p), exitCode: p.exitCode)
        self.channel = p
    }

    /// A blocked contact whose override `Authority` refuses to the actor.
    public init(_ contact: ContactRefusal, overrideRefused refusal: Refusal, actor: User) {
        self.init("\(contact.commandLineText); \(Strings(.en).refusal(refusal, actor: actor))")
        self.contact = contact
        self.refusal = refusal
        self.actor = actor
    }

    /// The sentence in `strings`' language; `options`: the command line's
    /// wording, naming its options (the workstation names its fields).
    public func text(_ strings: Strings, options: Bool = true) -> String {
        let said = contact.map { strings.contactRefusal($0, options: options) }
        if let refusal, let actor { return [said, strings.refusal(refusal, actor: actor)].compactMap { $0 }.joined(separator: "; ") }
        if let said { return said }
        if let plan { return strings.planRefusal(plan, options: options) }
        if let record { return strings.recordProblem(record, options: options) }
        if let holdCase { return strings.caseRefusal(holdCase) }
        if let reconcile { return strings.reconcileProblem(reconcile) }
        if let statement { return strings.statementProblem(statement) }
        if let failure { return strings.ledgerFailure(failure) }
        if let remind { return strings.remindProblem(remind) }
        if let remindFile { return strings.remindFileProblem(remindFile) }
        if let channel { return strings.channelProblem(channel) }
        return description
    }

    /// Throws the refusal, if `Authority` refuses `p` to the session's user.
    public static func require(_ p: Permission, _ session: Session) throws {
        if let r = Authority.refusal(session.user, p) { throw StoreError(r, actor: session.user) }
    }

    static func overflow(_ what: String) -> StoreError {
        StoreError("amount overflow: \(what) exceeds what Tagih can hold exactly")
    }
}

extension MoneyError {
    func asStoreError(_ what: String) -> StoreError {
        switch self {
        case .overflow: return .overflow(what)
        case .malformed(let s): return StoreError("\(what): malformed amount \(s)")
        }
    }
}

/// Runs money arithmetic, turning an overflow into a sentence about `what`.
func checkedMoney<T>(_ what: String, _ body: () throws(MoneyError) -> T) throws(StoreError) -> T {
    do { return try body() } catch { throw error.asStoreError(what) }
}

extension StoreError {
    /// The one mapping from SQLite's failures to what people read: every
    /// `DatabaseError` that reaches the command line or the workstation goes
    /// through here (nil for any other error).
    public static func ledger(_ error: Error, path: String) -> StoreError? {
        if let e = error as? StoreError { return e }
        guard let e = error as? DatabaseError else { return nil }
        return StoreError(failure(e, path: path))
    }

    /// SQLite's text cut to its first line and 200 characters, for a sentence.
    static func firstLine(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 200 ? String(line.prefix(199)) + "…" : line
    }

    static func failure(_ e: DatabaseError, path: String) -> LedgerFailure {
        let message = firstLine(e.message ?? "SQLite error \(e.resultCode.rawValue)")
        switch e.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_FULL: return .full
        case .SQLITE_CORRUPT: return .damaged(path: path, detail: nil)
        case .SQLITE_NOTADB: return .notALedger(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: return .cannotOpen(path: path)
        case .SQLITE_IOERR where e.extendedResultCode == .SQLITE_IOERR_WRITE || e.extendedResultCode == .SQLITE_IOERR_FSYNC:
            // A write refused by the device: a full disk or a file size limit, as people see it.
            return .full
        default: return .other(code: e.resultCode.rawValue, message: message)
        }
    }
}

extension StoreError {
    /// The sentence for an error that means the ledger file itself is
    /// damaged (a corrupt page, not a database), else nil: the workstation
    /// stops on it rather than failing on every screen.
    public static func damage(_ error: Error, path: String, strings: Strings) -> String? {
        let found: LedgerFailure? = (error as? StoreError)?.failure ?? (error as? DatabaseError).map { Self.failure($0, path: path) }
        switch found {
        case .damaged?, .notALedger?: return strings.ledgerFailure(found!)
        default: return nil
        }
    }
}
