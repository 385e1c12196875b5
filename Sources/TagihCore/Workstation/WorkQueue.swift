/// The work queue: which accounts a collector should work, in what order,
/// and why. The rules are data (`QueueRule`, in priority order) so the
/// order is explainable: the line under the queue names the rule that
/// placed the selected account.
///
/// 1. Accounts that may be contacted now come before those the contact
///    policy blocks now (those show when they open).
/// 2. Then a promise falling due today, a promise broken in the last week,
///    a call back or other next action due today or overdue.
/// 3. Then the oldest past-due bucket, then the largest balance.

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
    // Declared largest first: 40 bytes a key.
    public var accountID: Int64
    public var balance: Money
    /// 0 when the debtor may be contacted now; else the instant (unix
    /// seconds) the contact policy next allows a call.
    public var opensAt: Int64
    /// Due date of the oldest open charge.
    public var oldestDue: Day
    /// Index into the segment names the queue loader returns (-1: none).
    public var segment: Int32
    /// The next action's day, when a contact set one.
    public var nextAction: Day?
    /// Its time (unix seconds) when one was set: a call back at 14:00 is due from then.
    public var nextActionAt: Int64?
    /// What the contacts say about the account today.
    public var flag: QueueFlag
    /// A hold in force today (CONTRACT §9): hardship lowers the account
    /// within its bucket; any other kind takes it out of the "to work" list.
    public var hold: QueueHold

    public init(accountID: Int64, oldestDue: Day, balance: Money, segment: Int32, opensAt: Int64 = 0, nextAction: Day? = nil,
                nextActionAt: Int64? = nil, flag: QueueFlag = .none, hold: QueueHold = .none) {
        self.accountID = accountID; self.oldestDue = oldestDue; self.balance = balance; self.segment = segment
        self.opensAt = opensAt; self.nextAction = nextAction; self.nextActionAt = nextActionAt; self.flag = flag; self.hold = hold
    }

    public var blockedNow: Bool { opensAt != 0 }
}

/// What an account's contacts say for today, most urgent first.
public enum QueueFlag: UInt8, Sendable, Comparable {
    /// `caseDue`: a case on the account is due within two working days, or
    /// overdue (CONTRACT §9: its deadline is the regulator's).
    case promiseDueToday = 0, instalmentDue, brokenPromise, instalmentMissed, actionDue, caseDue, planApproved, planDeclined, none

    public static func < (a: QueueFlag, b: QueueFlag) -> Bool { a.rawValue < b.rawValue }
}

/// Which unresolved cases raise their account in the queue.
public enum CaseAlert {
    /// How many working days ahead a deadline raises the account.
    public static let workingDaysAhead = 2

    /// Due within two working days of `today`, or overdue.
    public static func raises(due: Day, today: Day, holidays: [Day: String]) -> Bool {
        due <= WorkingDays.add(workingDaysAhead, to: today, holidays: holidays)
    }
}

/// The hold an account is under today, as the queue needs it.
public enum QueueHold: UInt8, Sendable {
    case none = 0
    /// Hardship only: worked, but below the others of its bucket.
    case hardship
    /// A hold other than hardship: not to be worked (shown by the `held` filter).
    case held
}

/// What the queue loader returns: the keys and the segment names they index.
public struct QueueKeys: Sendable {
    public var keys: [QueueKey]
    public var segments: [String]
    public init(keys: [QueueKey], segments: [String]) { self.keys = keys; self.segments = segments }
}

/// A rule that places an account in the queue, in priority order.
public enum QueueRule: String, Sendable, CaseIterable {
    /// May not be contacted now: below every account that may.
    case blockedNow
    /// A promise to pay falls due today: check it, remind the debtor.
    case promiseDueToday
    /// A plan instalment falls due today.
    case instalmentDue
    /// A promise was broken in the last week: follow it up first.
    case brokenPromise
    /// A plan instalment is overdue, or a plan broke in the last week.
    case instalmentMissed
    /// A call back or other next action is due today or overdue.
    case actionDue
    /// A case is due within two working days, or overdue: answer it.
    case caseDue
    /// A lead decided a plan request in the last two days: tell the debtor.
    case planDecided
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
    /// Show only the held accounts (CONTRACT §9) instead of the "to work" list, which leaves them out.
    public var held: Bool
    public init(bucket: Int? = nil, segment: String? = nil, held: Bool = false) { self.bucket = bucket; self.segment = segment; self.held = held }
    public var isEmpty: Bool { bucket == nil && segment == nil && !held }
}

public enum WorkQueue {
    /// Orders and filters queue keys as of `today`. Ties fall to the account id
    /// (import order), so the order is stable from one load to the next.
    public static func order(_ keys: [QueueKey], segments: [String], today: Day, buckets: Buckets,
                             filter: QueueFilter = .init(), sort: QueueSort = .priority) -> [QueueKey] {
        let sorted = sortedIndices(keys, today: today, buckets: buckets, sort: sort)
        return self.filter(sorted, keys: keys, segments: segments, today: today, buckets: buckets, filter: filter).map { keys[Int($0)] }
    }

    /// Positions of `keys` in the order of `sort`: a permutation of 4 bytes
    /// a key, so several orders of a million-account book can be kept.
    public static func sortedIndices(_ keys: [QueueKey], today: Day, buckets: Buckets, sort: QueueSort) -> [Int32] {
        var order = (0..<Int32(keys.count)).map { $0 }
        keys.withUnsafeBufferPointer { k in
            switch sort {
            case .priority:
                // One rank per key, computed once, not once per comparison:
                // blocked now, then the contact flag, then the bucket (oldest
                // first). Sorted as small records holding what the order
                // reads, each comparison two neighbouring records, rather
                // than positions that sent every comparison to three arrays at
                // random (the largest item of a lead's first paint, in perf;
                // 292,000 keys: a quarter faster).
                var ranked: [Ranked] = []
                ranked.reserveCapacity(k.count)
                for (i, key) in k.enumerated() {
                    ranked.append(Ranked(rank: Self.rank(key, today: today, buckets: buckets), position: Int32(i),
                                         balance: key.balance.minor, accountID: key.accountID))
                }
                ranked.withUnsafeMutableBufferPointer { r in
                    r.sort { a, b in
                        if a.rank != b.rank { return a.rank < b.rank }
                        if a.balance != b.balance { return a.balance > b.balance }
                        return a.accountID < b.accountID
                    }
                }
                for i in ranked.indices { order[i] = ranked[i].position }
            case .balance:
                order.sort { i, j in
                    let (x, y) = (k[Int(i)], k[Int(j)])
                    return x.balance != y.balance ? x.balance.minor > y.balance.minor : x.accountID < y.accountID
                }
            case .daysPastDue:
                order.sort { i, j in
                    let (x, y) = (k[Int(i)], k[Int(j)])
                    return x.oldestDue != y.oldestDue ? x.oldestDue < y.oldestDue : x.accountID < y.accountID
                }
            case .accountNo:
                // Account numbers are imported in order in practice; the id is the
                // cheap stand-in, the screen shows the real number.
                order.sort { k[Int($0)].accountID < k[Int($1)].accountID }
            }
        }
        return order
    }

    /// What the priority order compares of a key, and where the key is.
    private struct Ranked {
        var rank: UInt32
        var position: Int32
        var balance: Int64
        var accountID: Int64
    }

    /// The priority rank of a key (smaller first): blocked now, then the
    /// contact flag, then the bucket (oldest first); ties go to the balance.
    static func rank(_ key: QueueKey, today: Day, buckets: Buckets) -> UInt32 {
        let bucket = UInt32(buckets.index(daysPastDue: Day.days(from: key.oldestDue, to: today)))
        // A hardship hold puts the account below the others of its bucket (CONTRACT §9).
        return (key.blockedNow ? 1 << 13 : 0) | UInt32(key.flag.rawValue) << 9 | (255 - bucket) << 1 | (key.hold == .hardship ? 1 : 0)
    }

    /// Whether `a` comes before `b` in `sort`: the order `sortedIndices` gives.
    public static func precedes(_ a: QueueKey, _ b: QueueKey, sort: QueueSort, today: Day, buckets: Buckets) -> Bool {
        switch sort {
        case .priority:
            let (ra, rb) = (rank(a, today: today, buckets: buckets), rank(b, today: today, buckets: buckets))
            if ra != rb { return ra < rb }
            return a.balance != b.balance ? a.balance.minor > b.balance.minor : a.accountID < b.accountID
        case .balance: return a.balance != b.balance ? a.balance.minor > b.balance.minor : a.accountID < b.accountID
        case .daysPastDue: return a.oldestDue != b.oldestDue ? a.oldestDue < b.oldestDue : a.accountID < b.accountID
        case .accountNo: return a.accountID < b.accountID
        }
    }

    /// Moves position `p` of `keys` to where its (changed) key now belongs
    /// in `order`: a binary search instead of a new sort of the whole queue.
    public static func reposition(_ p: Int32, in order: inout [Int32], keys: [QueueKey], sort: QueueSort, today: Day, buckets: Buckets) {
        guard let at = order.firstIndex(of: p) else { return }
        order.remove(at: at)
        let key = keys[Int(p)]
        var low = 0, high = order.count
        while low < high {
            let mid = (low + high) / 2
            if precedes(keys[Int(order[mid])], key, sort: sort, today: today, buckets: buckets) { low = mid + 1 } else { high = mid }
        }
        order.insert(p, at: low)
    }

    /// The positions of `order` whose keys pass the filter, in the same order.
    /// Held accounts (a hold other than hardship) are left out of the "to
    /// work" list; the `held` filter shows only them.
    public static func filter(_ order: [Int32], keys: [QueueKey], segments: [String], today: Day, buckets: Buckets,
                              filter: QueueFilter) -> [Int32] {
        let anyHeld = keys.contains { $0.hold == .held }
        if filter.isEmpty && !anyHeld { return order }
        let segmentIndex: Int32? = filter.segment.map { s in segments.firstIndex(of: s).map(Int32.init) ?? -2 }
        return keys.withUnsafeBufferPointer { k in
            order.filter { i in
                let key = k[Int(i)]
                if (key.hold == .held) != filter.held { return false }
                if let b = filter.bucket, buckets.index(daysPastDue: Day.days(from: key.oldestDue, to: today)) != b { return false }
                if let s = segmentIndex, key.segment != s { return false }
                return true
            }
        }
    }

    /// Why an account stands where it does in the priority order: the first
    /// rule that placed it, for the line under the queue.
    public static func reason(for key: QueueKey, today: Day, buckets: Buckets) -> (rule: QueueRule, bucket: Int, days: Int) {
        let days = Day.days(from: key.oldestDue, to: today)
        let bucket = buckets.index(daysPastDue: days)
        if key.blockedNow { return (.blockedNow, bucket, days) }
        switch key.flag {
        case .promiseDueToday: return (.promiseDueToday, bucket, days)
        case .instalmentDue: return (.instalmentDue, bucket, days)
        case .brokenPromise: return (.brokenPromise, bucket, days)
        case .instalmentMissed: return (.instalmentMissed, bucket, days)
        case .actionDue: return (.actionDue, bucket, days)
        case .caseDue: return (.caseDue, bucket, days)
        case .planApproved, .planDeclined: return (.planDecided, bucket, days)
        case .none: return (.oldestBucket, bucket, days)
        }
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
    /// The next action's day, when one is scheduled.
    public var nextAction: Day?
    /// Login of someone else working the account now (a live lease).
    public var leasedBy: String?
    /// The latest decision on a plan of the account that waited for one.
    public var planReview: PlanReview?

    public init(accountID: Int64, accountNo: String, name: String, collector: String? = nil, segment: String? = nil,
                lastContact: Day? = nil, nextAction: Day? = nil, leasedBy: String? = nil) {
        self.accountID = accountID; self.accountNo = accountNo; self.name = name; self.collector = collector
        self.segment = segment; self.lastContact = lastContact; self.nextAction = nextAction; self.leasedBy = leasedBy
    }
}
