/// How far an open workstation has read the ledger's append-only tables:
/// the highest row id of each that can change an account's queue line.
/// Another terminal, an import or `tagih serve` adds rows; a mark that moved
/// says so, and the rows above the old mark say which accounts they touched.
public struct ChangeMark: Sendable, Equatable {
    public var credits: Int64
    public var reversals: Int64
    public var charges: Int64
    public var contacts: Int64
    /// The audit trail: holds released, cases, plans, assignments made elsewhere.
    public var audit: Int64

    public init(credits: Int64 = 0, reversals: Int64 = 0, charges: Int64 = 0, contacts: Int64 = 0, audit: Int64 = 0) {
        self.credits = credits; self.reversals = reversals; self.charges = charges; self.contacts = contacts; self.audit = audit
    }
}

/// What changed in the ledger since a mark: the accounts whose lines to
/// bring up to date, or, when an account changed hands (it may join or
/// leave a collector's queue) or too many changed to take one by one (a
/// nightly import), the whole queue to read again.
public struct LedgerChanges: Sendable, Equatable {
    /// An account touched, with its collector now, so a queue can tell
    /// whether it is one of its own without asking the ledger.
    public struct Touched: Sendable, Equatable {
        public var accountID: Int64
        public var collector: String?
        public init(accountID: Int64, collector: String?) { self.accountID = accountID; self.collector = collector }
    }

    public var mark: ChangeMark
    /// In account id order.
    public var accounts: [Touched]
    public var reloadQueue: Bool

    public init(mark: ChangeMark, accounts: [Touched] = [], reloadQueue: Bool = false) {
        self.mark = mark; self.accounts = accounts; self.reloadQueue = reloadQueue
    }

    /// Beyond this many accounts one queue read is cheaper than a read per line.
    public static let oneByOneLimit = 200
}
