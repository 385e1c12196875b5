/// A stored plan with its schedule and what its payments have covered.
public struct PlanRecord: Sendable {
    public var id: Int64
    public var accountID: Int64
    public var accountNo: String
    public var proposedBy: String
    public var start: Day
    public var schedule: PlanSchedule
    public var note: String?
    public var beyond: String?
    /// What `beyond` says, typed, for the reader's language; nil when the
    /// words no longer follow from the proposer's authority (it changed
    /// since), and then `beyond` is shown as it was written.
    public var excesses: [PlanExcess]?
    /// The status as of the day it was read, and the day that status began.
    public var status: PlanStatus
    public var statusDay: Day
    /// The decision in force and the day it was taken.
    public var decision: PlanDecision
    public var decidedOn: Day
    /// Covered of each line, in line order, as of the day it was read.
    public var paid: [Money]
    /// The decision on it when it waited for one (who, when, the decline's reason).
    public var review: PlanReview?

    public init(id: Int64, accountID: Int64, accountNo: String, proposedBy: String, start: Day, schedule: PlanSchedule, note: String?,
                beyond: String?, status: PlanStatus, statusDay: Day, decision: PlanDecision, decidedOn: Day, paid: [Money],
                excesses: [PlanExcess]? = nil) {
        self.id = id; self.accountID = accountID; self.accountNo = accountNo; self.proposedBy = proposedBy; self.start = start
        self.schedule = schedule; self.note = note; self.beyond = beyond; self.status = status; self.statusDay = statusDay
        self.decision = decision; self.decidedOn = decidedOn; self.paid = paid
        self.excesses = excesses
    }
}

/// What `propose` did.
public struct Proposal: Sendable {
    public var id: Int64
    public var status: PlanStatus
    /// Why the plan waits for a lead (empty when active).
    public var beyond: [String]
    /// Earlier active plans this one replaced.
    public var replaced: [Int64]

    public init(id: Int64, status: PlanStatus, beyond: [String], replaced: [Int64]) {
        self.id = id; self.status = status; self.beyond = beyond; self.replaced = replaced
    }
}

