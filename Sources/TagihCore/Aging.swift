/// Aging totals for one group of accounts: a fold over positions.
public struct AgingTotals: Hashable, Sendable {
    public var accounts: Int = 0
    /// Open amount per bucket (index as in `Buckets`).
    public var buckets: [Money]
    public var unapplied: Money = .zero
    /// How many of the accounts hold an open charge in each bucket, hold
    /// unapplied credit, and hold anything past due: the Reports screen's
    /// Accounts column follows the bucket it shows (an account with charges
    /// in two buckets counts in both, once in `pastDueAccounts`).
    public var bucketAccounts: [Int]
    public var unappliedAccounts = 0
    public var pastDueAccounts = 0

    public init(bucketCount: Int) {
        buckets = Array(repeating: .zero, count: bucketCount)
        bucketAccounts = Array(repeating: 0, count: bucketCount)
    }

    /// Counts one account in the buckets it holds open charges in (a set of
    /// bucket indexes), and in unapplied when it holds some.
    public mutating func count(inBuckets held: some Sequence<Int>, unapplied hasUnapplied: Bool) {
        // A bit per bucket (at most `Buckets.maxEdges` + 2 of them): no set
        // is built per account on a pass over a whole book.
        var seen: UInt64 = 0
        for i in held where seen & (1 << UInt64(i)) == 0 {
            seen |= 1 << UInt64(i)
            bucketAccounts[i] += 1
        }
        if seen & ~1 != 0 { pastDueAccounts += 1 }
        if hasUnapplied { unappliedAccounts += 1 }
    }

    /// Bucket amounts − unapplied.
    public func balance() throws(MoneyError) -> Money {
        var total = Money.zero
        for b in buckets { total = try total.plus(b) }
        return try total.minus(unapplied)
    }

    /// Adds one account's position; accounts with nothing open or unapplied
    /// do not count.
    public mutating func add(_ p: Position, buckets edges: Buckets) throws(MoneyError) {
        guard p.isActive else { return }
        accounts += 1
        var held: [Int] = []
        for oc in p.openCharges {
            let i = edges.index(daysPastDue: oc.daysPastDue)
            buckets[i] = try buckets[i].plus(oc.open)
            if oc.open.isPositive { held.append(i) }
        }
        unapplied = try unapplied.plus(p.unapplied)
        count(inBuckets: held, unapplied: p.unapplied.isPositive)
    }

    public mutating func add(_ other: AgingTotals) throws(MoneyError) {
        accounts += other.accounts
        for i in buckets.indices { buckets[i] = try buckets[i].plus(other.buckets[i]) }
        unapplied = try unapplied.plus(other.unapplied)
        for i in bucketAccounts.indices { bucketAccounts[i] += other.bucketAccounts[i] }
        unappliedAccounts += other.unappliedAccounts
        pastDueAccounts += other.pastDueAccounts
    }
}

/// How the aging report groups accounts.
public enum AgingGrouping: String, Sendable, CaseIterable {
    case none, collector, segment
}

/// The aging report: rows per group in byte order of the group name, plus the total.
public struct AgingReport: Sendable {
    public static let noGroup = "(none)"
    public var asOf: Day
    public var grouping: AgingGrouping
    public var buckets: Buckets
    public var rows: [(group: String, totals: AgingTotals)]
    public var total: AgingTotals

    /// Builds the report from per-group totals (groups with no counted account are dropped;
    /// `--by none` always has its single row `all`).
    public init(asOf: Day, grouping: AgingGrouping, buckets: Buckets, groups: [String: AgingTotals]) throws(MoneyError) {
        self.asOf = asOf
        self.grouping = grouping
        self.buckets = buckets
        var total = AgingTotals(bucketCount: buckets.count)
        for (_, t) in groups { try total.add(t) }
        // Every group's amounts are part of the total's, so once the total's
        // balance is known not to overflow, no group's can.
        _ = try total.balance()
        self.total = total
        if grouping == .none {
            rows = [("all", total)]
        } else {
            rows = groups.filter { $0.value.accounts > 0 }
                .sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }
                .map { ($0.key, $0.value) }
        }
    }
}
