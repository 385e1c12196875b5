/// One open charge in a position.
public struct OpenCharge: Hashable, Sendable {
    public var charge: Charge
    public var open: Money
    public var daysPastDue: Int
}

/// An account's position as of a day (CONTRACT §5).
public struct Position: Sendable {
    public var asOf: Day
    /// Open charges in pay order (oldest due first).
    public var openCharges: [OpenCharge]
    /// Every charge issued by `asOf`, in pay order, with its open amount
    /// (zero when paid): what the store caches per charge.
    public var allocation: [(chargeID: Int64, open: Money)]
    /// Credit the pool could not place, as a positive amount.
    public var unapplied: Money
    /// Sum of open amounts.
    public var openTotal: Money
    /// Open amount of charges at least one day past due.
    public var pastDue: Money
    public var oldestDaysPastDue: Int

    /// Balance = open charges − unapplied credit.
    public var balance: Money { Money(minor: openTotal.minor - unapplied.minor) }

    /// Whether the account counts in the aging report: anything open or unapplied.
    public var isActive: Bool { openTotal.isPositive || unapplied.isPositive }

    /// Bucket of the oldest open charge (`current` when nothing is past due).
    public func bucket(_ buckets: Buckets) -> Int { buckets.index(daysPastDue: oldestDaysPastDue) }
}

public enum Ledger {
    /// The position of an account as of `day`: a pure function of the entries
    /// dated on or before it, whatever order they were posted in.
    ///
    /// 1. charges issued on or before `day`;
    /// 2. credits dated on or before `day` and not reversed on or before it;
    /// 3. a credit naming a charge goes to it first, up to its open amount, the
    ///    excess to the pool; other credits go to the pool;
    /// 4. the pool pays charges by due date, issue date, ref;
    /// 5. what is left is unapplied credit.
    ///
    /// Sums are checked: amounts whose totals overflow Int64 throw.
    public static func position(charges: [Charge], credits: [Credit], asOf day: Day) throws(MoneyError) -> Position {
        var live = charges.filter { $0.issueDate <= day }
        live.sort(by: Charge.payOrder)
        var open = live.map(\.amount)
        // Only built when some credit names a charge: most accounts have none.
        var indexByID: [Int64: Int] = [:]
        if credits.contains(where: { $0.targetChargeID != nil }) {
            for (i, c) in live.enumerated() { indexByID[c.id] = i }
        }

        var pool = Money.zero
        for credit in credits where credit.counts(asOf: day) {
            var rest = credit.amount
            if let target = credit.targetChargeID, let i = indexByID[target] {
                let applied = Money.min(open[i], rest)
                open[i] = try open[i].minus(applied)
                rest = try rest.minus(applied)
            }
            pool = try pool.plus(rest)
        }
        for i in open.indices where pool.isPositive && open[i].isPositive {
            let applied = Money.min(open[i], pool)
            open[i] = try open[i].minus(applied)
            pool = try pool.minus(applied)
        }

        var result = Position(asOf: day, openCharges: [], allocation: [], unapplied: pool,
                              openTotal: .zero, pastDue: .zero, oldestDaysPastDue: 0)
        result.allocation.reserveCapacity(live.count)
        for (i, c) in live.enumerated() {
            result.allocation.append((c.id, open[i]))
            guard open[i].isPositive else { continue }
            let dpd = Day.days(from: c.dueDate, to: day)
            result.openCharges.append(OpenCharge(charge: c, open: open[i], daysPastDue: dpd))
            result.openTotal = try result.openTotal.plus(open[i])
            if dpd >= 1 {
                result.pastDue = try result.pastDue.plus(open[i])
                result.oldestDaysPastDue = max(result.oldestDaysPastDue, dpd)
            }
        }
        return result
    }
}
