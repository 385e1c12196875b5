/// The work queue: which accounts a collector should work, in what order,
/// and why. The rules are data (`QueueRule`, in priority order) so the
/// order is explainable: each entry carries the rule that placed it.
///
/// Today the ledger alone decides (oldest bucket, then balance); promises,
/// callbacks and broken promises join as rules ahead of these when contacts
/// are logged (issue 5).

/// Whose accounts a queue shows.
public enum QueueScope: Hashable, Sendable {
    /// The accounts assigned to one login (a collector's own queue).
    case collector(String)
    /// The accounts of every member of a team.
    case team(String)
    /// Accounts with no collector (leads see them to assign them).
    case unassigned
    /// Every account.
    case book
}

/// The few cached numbers the queue is ordered by, for one account that
/// needs work (past due with a positive balance). Small on purpose: a lead's
/// whole book is a million of these.
public struct QueueKey: Hashable, Sendable {
    public var accountID: Int64
    /// Due date of the oldest open charge.
    public var oldestDue: Day
    public var balance: Money
    /// Index into the segment names the queue loader returns (-1: none).
    public var segment: Int32

    public init(accountID: Int64, oldestDue: Day, balance: Money, segment: Int32) {
        self.accountID = accountID; self.oldestDue = oldestDue; self.balance = balance; self.segment = segment
    }
}

/// What the queue loader returns: the keys and the segment names they index.
public struct QueueKeys: Sendable {
    public var keys: [QueueKey]
    public var segments: [String]
    public init(keys: [QueueKey], segments: [String]) { self.keys = keys; self.segments = segments }
}

/// A rule that places an account in the queue.
public enum QueueRule: String, Sendable, CaseIterable {
    /// The oldest past-due bucket first: the older the debt, the harder it is to collect.
    case oldestBucket
    /// Within a bucket, the largest balance first: where a call moves the most money.
    case balance
}

/// How the queue can be sorted; `priority` applies the rules.
public enum QueueSort: String, Sendable, CaseIterable {
    case priority, balance, daysPastDue, accountNo
}

/// Filters a collector can set on the queue.
public struct QueueFilter: Hashable, Sendable {
    /// Only this bucket index (see `Buckets`), or all.
    public var bucket: Int?
    /// Only this segment name, or all.
    public var segment: String?
    public init(bucket: Int? = nil, segment: String? = nil) { self.bucket = bucket; self.segment = segment }
    public var isEmpty: Bool { bucket == nil && segment == nil }
}

public enum WorkQueue {
    /// Orders and filters queue keys as of `today`. Ties fall to the account id
    /// (import order), so the order is stable from one load to the next.
    public static func order(_ keys: [QueueKey], segments: [String], today: Day, buckets: Buckets,
                             filter: QueueFilter = .init(), sort: QueueSort = .priority) -> [QueueKey] {
        let segmentIndex: Int32? = filter.segment.map { s in segments.firstIndex(of: s).map(Int32.init) ?? -2 }
        var out = keys.filter { k in
            if let b = filter.bucket, buckets.index(daysPastDue: Day.days(from: k.oldestDue, to: today)) != b { return false }
            if let s = segmentIndex, k.segment != s { return false }
            return true
        }
        switch sort {
        case .priority:
            // Decorate with the bucket once instead of recomputing it per comparison.
            var decorated = out.map { (bucket: buckets.index(daysPastDue: Day.days(from: $0.oldestDue, to: today)), key: $0) }
            decorated.sort { a, b in
                if a.bucket != b.bucket { return a.bucket > b.bucket }
                if a.key.balance != b.key.balance { return a.key.balance.minor > b.key.balance.minor }
                return a.key.accountID < b.key.accountID
            }
            out = decorated.map(\.key)
        case .balance:
            out.sort { $0.balance != $1.balance ? $0.balance.minor > $1.balance.minor : $0.accountID < $1.accountID }
        case .daysPastDue:
            out.sort { $0.oldestDue != $1.oldestDue ? $0.oldestDue < $1.oldestDue : $0.accountID < $1.accountID }
        case .accountNo:
            // Account numbers are imported in order in practice; the id is the
            // cheap stand-in, the screen shows the real number.
            out.sort { $0.accountID < $1.accountID }
        }
        return out
    }

    /// Why an account stands where it does in the priority order: the rule
    /// that placed it, for the line under the queue.
    public static func reason(for key: QueueKey, today: Day, buckets: Buckets) -> (rule: QueueRule, bucket: Int, days: Int) {
        let days = Day.days(from: key.oldestDue, to: today)
        return (.oldestBucket, buckets.index(daysPastDue: days), days)
    }
}

/// One queue line's details, fetched only for the rows on screen.
public struct QueueRow: Hashable, Sendable {
    public var accountID: Int64
    public var accountNo: String
    public var name: String
    public var collector: String?
    public var segment: String?
    /// Day of the last logged contact, when contacts exist.
    public var lastContact: Day?
    /// The next action and its day, when one is scheduled.
    public var nextAction: String?
    /// Login of someone else working the account now (a live lease).
    public var leasedBy: String?

    public init(accountID: Int64, accountNo: String, name: String, collector: String? = nil, segment: String? = nil,
                lastContact: Day? = nil, nextAction: String? = nil, leasedBy: String? = nil) {
        self.accountID = accountID; self.accountNo = accountNo; self.name = name; self.collector = collector
        self.segment = segment; self.lastContact = lastContact; self.nextAction = nextAction; self.leasedBy = leasedBy
    }
}
