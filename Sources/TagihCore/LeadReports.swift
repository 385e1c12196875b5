/// The lead's period reports (issue 7): roll rates between two days and
/// the collection KPIs. Folds over positions, like aging.

/// Where the balances of one day's buckets stood on a later day.
public struct RollRate: Sendable, Equatable {
    public let buckets: Buckets
    /// Accounts per opening bucket.
    public var accounts: [Int]
    /// Opening balance per bucket (the row sums).
    public var opening: [Money]
    /// `moved[from][to]`: opening balance of the accounts in bucket `from`
    /// on the first day that stood in bucket `to` on the second; the last
    /// column is "closed" (no balance left).
    public var moved: [[Money]]

    public init(buckets: Buckets) {
        self.buckets = buckets
        accounts = Array(repeating: 0, count: buckets.count)
        opening = Array(repeating: .zero, count: buckets.count)
        moved = Array(repeating: Array(repeating: .zero, count: buckets.count + 1), count: buckets.count)
    }

    /// Adds one account: its position on the first day and on the second.
    /// An account with no positive balance on the first day opens no row.
    public mutating func add(from a: Position, to b: Position) throws(MoneyError) {
        guard a.balance.isPositive else { return }
        let row = a.bucket(buckets)
        let column = b.balance.isPositive ? b.bucket(buckets) : buckets.count
        accounts[row] += 1
        opening[row] = try opening[row].plus(a.balance)
        moved[row][column] = try moved[row][column].plus(a.balance)
    }
}

/// Collection KPIs for a period.
public struct CollectionKPI: Sendable, Equatable {
    public var from: Day
    public var to: Day
    /// Receivables at the start (balance as of the day before `from`).
    public var beginning: Money
    /// Charges issued in the period (invoices and debit adjustments).
    public var sales: Money
    /// Receivables at the end (balance as of `to`).
    public var ending: Money
    /// Of which not yet due at the end.
    public var endingCurrent: Money

    public init(from: Day, to: Day, beginning: Money, sales: Money, ending: Money, endingCurrent: Money) {
        self.from = from; self.to = to; self.beginning = beginning; self.sales = sales; self.ending = ending; self.endingCurrent = endingCurrent
    }

    public var days: Int { Day.days(from: from, to: to) + 1 }

    /// CEI = (beginning + sales − ending) / (beginning + sales − ending current) × 100,
    /// in hundredths of a percent, rounded down (toward minus infinity, so −12.345 %
    /// is −12.35 %); nil when the denominator is not positive or the figure is
    /// beyond 64 bits. The sums are taken wide: three amounts Tagih accepted
    /// may together exceed 64 bits, and a report never traps on them.
    public var ceiBasisPoints: Int64? {
        Self.wideRatio((beginning.minor, sales.minor, ending.minor), over: (beginning.minor, sales.minor, endingCurrent.minor), times: 10_000)
    }

    /// DSO = ending / sales × days, in hundredths of a day, rounded down; nil
    /// without sales (or beyond 64 bits).
    public var dsoHundredths: Int64? {
        Self.wideRatio((ending.minor, 0, 0), over: (sales.minor, 0, 0), times: Int64(days) * 100)
    }

    /// ⌊num × k / den⌋ rounded down; nil when `den` is not positive or the
    /// quotient does not fit in 64 bits. Never traps.
    public static func ratio(_ num: Int64, over den: Int64, times k: Int64) -> Int64? {
        wideRatio((num, 0, 0), over: (den, 0, 0), times: k)
    }

    /// ⌊(a + b − c) × k / (d + e − f)⌋ with every sum and product exact
    /// (128 bits: three 64-bit terms and a factor below 2^60 cannot overflow
    /// them). Rounded down, also for negative figures: Int128's `/` truncates
    /// toward zero, so a negative quotient with a remainder is one less.
    static func wideRatio(_ n: (Int64, Int64, Int64), over d: (Int64, Int64, Int64), times k: Int64) -> Int64? {
        if #available(macOS 15.0, *) {
            let den = Int128(d.0) + Int128(d.1) - Int128(d.2)
            guard den > 0, k.magnitude < 1 << 60 else { return nil }
            let num = (Int128(n.0) + Int128(n.1) - Int128(n.2)) * Int128(k)
            var q = num / den
            if num % den < 0 { q -= 1 }
            return Int64(exactly: q)
        } else {
            // No 128-bit integer before macOS 15: checked 64-bit arithmetic, no figure when it overflows.
            let (n1, o1) = n.0.addingReportingOverflow(n.1), (n2, o2) = n1.subtractingReportingOverflow(n.2)
            let (d1, o3) = d.0.addingReportingOverflow(d.1), (d2, o4) = d1.subtractingReportingOverflow(d.2)
            let (p, o5) = n2.multipliedReportingOverflow(by: k)
            guard !(o1 || o2 || o3 || o4 || o5), d2 > 0 else { return nil }
            let q = p / d2
            return p % d2 < 0 ? q - 1 : q
        }
    }

    /// `98.76` from hundredths.
    public static func hundredths(_ v: Int64?) -> String {
        guard let v else { return "" }
        let sign = v < 0 ? "-" : ""
        let a = v.magnitude // abs(Int64.min) would trap
        return "\(sign)\(a / 100).\(String(a % 100).leftPadded(2))"
    }
}
