/// Everything the account workspace shows, read in one go.
public struct AccountDetail: Sendable {
    public var accountID: Int64
    public var accountNo: String
    public var name: String
    /// Every number on file, as imported (a field may list several).
    public var phones: [String]
    public var email: String?
    public var address: String?
    public var timeZone: String
    public var segment: String?
    public var collector: String?
    public var position: Position
    /// Charges issued on or before the day, newest first (open ones are in `position`).
    public var charges: [Charge]
    /// Payments and adjustments dated on or before the day, newest first.
    public var activity: [LedgerActivity]
    /// The debtor's clock (nil when the zone is unknown to the system).
    public var clock: LocalClock?
    /// Logged contacts, newest first.
    public var contacts: [ContactRecord]
    /// Promises made on the account, with their status as of the day, newest first.
    public var promises: [PromiseLine]
    /// The attempts the contact policy looks at (the last nine days).
    public var recentAttempts: [ContactEvent]
    /// Payment plans, newest first.
    public var plans: [PlanRecord] = []
    /// The holds in force on the day, oldest first (CONTRACT §9).
    public var holds: [Hold] = []
    /// The account's cases, newest first, with their state as of the day.
    public var cases: [(record: CaseRecord, state: CaseState)] = []
    /// The account's phones with party, consent and dated marks (CONTRACT §9), the imported ones first.
    public var parties: [Phone] = []
    /// Reminders and letters sent, newest first, with their delivery status (issue 18).
    public var messages: [SentMessage] = []

    public init(accountID: Int64, accountNo: String, name: String, phones: [String], email: String?, address: String?,
                timeZone: String, segment: String?, collector: String?, position: Position, charges: [Charge], activity: [LedgerActivity],
                clock: LocalClock? = nil, contacts: [ContactRecord] = [], promises: [PromiseLine] = [], recentAttempts: [ContactEvent] = []) {
        self.accountID = accountID; self.accountNo = accountNo; self.name = name; self.phones = phones; self.email = email
        self.address = address; self.timeZone = timeZone; self.segment = segment; self.collector = collector
        self.position = position; self.charges = charges; self.activity = activity
        self.clock = clock; self.contacts = contacts; self.promises = promises; self.recentAttempts = recentAttempts
    }
}

/// A payment, credit note, write-off, debit or reversal as the account shows it.
public struct LedgerActivity: Hashable, Sendable {
    public enum Kind: String, Sendable { case payment, credit, writeoff, debit, reversal }
    public var kind: Kind
    public var date: Day
    public var ref: String
    /// The payment channel, for payments and reversals.
    public var channel: String?
    /// Positive amount; a debit adds to the balance, the others reduce it (a reversal restores it).
    public var amount: Money
    /// The day a payment was reversed, when it was.
    public var reversedOn: Day?
    public var note: String?

    public init(kind: Kind, date: Day, ref: String, channel: String? = nil, amount: Money, reversedOn: Day? = nil, note: String? = nil) {
        self.kind = kind; self.date = date; self.ref = ref; self.channel = channel; self.amount = amount
        self.reversedOn = reversedOn; self.note = note
    }
}

/// A search result: enough to show the line and open the account.
public struct SearchHit: Hashable, Sendable {
    public enum Match: String, Sendable { case accountNo, name, phone }
    public var accountID: Int64
    public var accountNo: String
    public var name: String
    public var phone: String?
    public var collector: String?
    public var balance: Money
    public var match: Match

    public init(accountID: Int64, accountNo: String, name: String, phone: String?, collector: String?, balance: Money, match: Match) {
        self.accountID = accountID; self.accountNo = accountNo; self.name = name; self.phone = phone
        self.collector = collector; self.balance = balance; self.match = match
    }
}

/// Who holds an account's lease, when it is not the asker.
public struct LeaseHolder: Hashable, Sendable {
    public var login: String
    public var name: String
    public init(login: String, name: String) { self.login = login; self.name = name }
}
