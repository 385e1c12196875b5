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
    /// in hundredths of a percent, rounded down; nil when the denominator is not positive.
    public var ceiBasisPoints: Int64? {
        let collectible = beginning.minor + sales.minor
        return Self.ratio(collectible - ending.minor, over: collectible - endingCurrent.minor, times: 10_000)
    }

    /// DSO = ending / sales × days, in hundredths of a day; nil without sales.
    public var dsoHundredths: Int64? { Self.ratio(ending.minor, over: sales.minor, times: Int64(days) * 100) }

    public static func ratio(_ num: Int64, over den: Int64, times k: Int64) -> Int64? {
        guard den > 0 else { return nil }
        let (high, low) = num.multipliedFullWidth(by: k)
        // The quotient fits in Int64 when |high| < den / 2 (high is the top 64 bits of num × k).
        guard high != Int64.min, abs(high) < den / 2 || high == 0 || high == -1 else { return nil }
        return den.dividingFullWidth((high, low)).quotient
    }

    /// `98.76` from hundredths.
    public static func hundredths(_ v: Int64?) -> String {
        guard let v else { return "" }
        let sign = v < 0 ? "-" : ""
        let a = abs(v)
        return "\(sign)\(a / 100).\(String(a % 100).leftPadded(2))"
    }
}
