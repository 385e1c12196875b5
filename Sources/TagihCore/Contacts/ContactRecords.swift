/// A contact to log, as the command line or the workstation's form gives it.
public struct ContactRequest: Sendable {
    public var accountNo: String
    public var channel: Channel
    public var outcome: OutcomeCode
    public var reason: DelayReason?
    public var note: String?
    public var promise: (amount: Money, due: Day)?
    public var nextAction: Day?
    /// The next action's time (unix seconds) when one was given: a call back at 14:00.
    public var nextActionAt: Int64?
    /// The instant (unix seconds) and its day in the operator's local time.
    public var at: Int64
    public var day: Day
    /// Why a lead or admin logs a contact the policy blocks.
    public var override: String?
    /// A call the debtor made (R5): allowed at any hour, counted in
    /// activity, not an attempt (so not counted by the limits either).
    public var inbound: Bool
    /// The number called or written to (`--to`, CONTRACT §9); nil: the
    /// debtor's first usable one, for a channel that uses a number.
    public var to: String?

    public init(accountNo: String, channel: Channel, outcome: OutcomeCode, reason: DelayReason? = nil, note: String? = nil,
                promise: (amount: Money, due: Day)? = nil, nextAction: Day? = nil, nextActionAt: Int64? = nil, at: Int64, day: Day,
                override: String? = nil, inbound: Bool = false, to: String? = nil) {
        self.accountNo = accountNo; self.channel = channel; self.outcome = outcome; self.reason = reason; self.note = note
        self.promise = promise; self.nextAction = nextAction; self.nextActionAt = nextActionAt; self.at = at; self.day = day
        self.override = override; self.inbound = inbound; self.to = to
    }
}

/// What was logged.
public struct LoggedContact: Sendable, Equatable {
    public var id: Int64
    /// The debtor's local time of the contact, e.g. `2026-11-09 10:15 WIB`.
    public var debtorTime: String
    /// The policy's reason, when a lead or admin overrode a block.
    public var overridden: BlockReason?
    /// The number it used (CONTRACT §9), if any.
    public var number: String?

    public init(id: Int64, debtorTime: String, overridden: BlockReason?, number: String? = nil) {
        self.id = id; self.debtorTime = debtorTime; self.overridden = overridden; self.number = number
    }
}

/// One line of `report promises`.
public struct PromiseLine: Sendable, Equatable {
    public var accountNo: String
    public var madeOn: Day
    public var madeBy: String
    public var amount: Money
    public var due: Day
    public var paid: Money
    public var status: PromiseStatus

    public init(accountNo: String, madeOn: Day, madeBy: String, amount: Money, due: Day, paid: Money, status: PromiseStatus) {
        self.accountNo = accountNo; self.madeOn = madeOn; self.madeBy = madeBy; self.amount = amount
        self.due = due; self.paid = paid; self.status = status
    }
}

/// A logged contact as the account screen shows it.
public struct ContactRecord: Sendable, Equatable {
    public var id: Int64
    public var at: Int64
    public var day: Day
    public var debtorTime: String
    public var madeBy: String
    public var channel: Channel
    public var outcome: String
    public var reason: DelayReason?
    public var note: String?
    public var promise: (amount: Money, due: Day)?
    public var nextAction: Day?
    public var nextActionAt: Int64?
    public var override: String?

    public init(id: Int64, at: Int64, day: Day, debtorTime: String, madeBy: String, channel: Channel, outcome: String,
                reason: DelayReason?, note: String?, promise: (amount: Money, due: Day)?, nextAction: Day?, nextActionAt: Int64? = nil,
                override: String?) {
        self.nextActionAt = nextActionAt
        self.id = id; self.at = at; self.day = day; self.debtorTime = debtorTime; self.madeBy = madeBy; self.channel = channel
        self.outcome = outcome; self.reason = reason; self.note = note; self.promise = promise; self.nextAction = nextAction
        self.override = override
    }

    public static func == (a: ContactRecord, b: ContactRecord) -> Bool {
        a.id == b.id && a.at == b.at && a.outcome == b.outcome && a.note == b.note && a.override == b.override
            && a.promise?.amount == b.promise?.amount && a.promise?.due == b.promise?.due
    }
}

/// One line of `report activity`: a user who logged contacts in the period.
public struct ActivityLine: Sendable, Equatable {
    public var collector: String
    public var attempts = 0
    public var contacts = 0
    public var rightParty = 0
    public var promises = 0
    public var promisedAmount = Money(minor: 0)
    public var kept = 0
    public var broken = 0
    public var collected = Money(minor: 0)

    public init(collector: String, attempts: Int = 0, contacts: Int = 0, rightParty: Int = 0, promises: Int = 0,
                promisedAmount: Money = .zero, kept: Int = 0, broken: Int = 0, collected: Money = .zero) {
        self.collector = collector; self.attempts = attempts; self.contacts = contacts; self.rightParty = rightParty
        self.promises = promises; self.promisedAmount = promisedAmount; self.kept = kept; self.broken = broken; self.collected = collected
    }
}

/// One nightly batch run, as the workstation lists them.
public struct NightlyRunLine: Sendable, Equatable {
    public var day: Day
    public var files: Int
    public var posted: Int
    public var refused: Int
    public var rejected: Int
    public var summary: String
    public var plansCompleted: Int
    public var plansBroken: Int
    /// Each file: what it posted and where its rejects went, or why it stayed in the inbox.
    public var fileResults: [NightlyFile]
    public init(day: Day, files: Int, posted: Int, refused: Int, rejected: Int, summary: String,
                plansCompleted: Int = 0, plansBroken: Int = 0, fileResults: [NightlyFile] = []) {
        self.day = day; self.files = files; self.posted = posted; self.refused = refused; self.rejected = rejected; self.summary = summary
        self.plansCompleted = plansCompleted; self.plansBroken = plansBroken; self.fileResults = fileResults
    }
}



