/// A promise to pay, made by a `PTP` contact (CONTRACT §6).
public struct PromiseToPay: Sendable, Equatable {
    public var accountID: Int64
    /// The contact's day (the operator's local date).
    public var madeOn: Day
    public var madeBy: String
    public var amount: Money
    public var due: Day

    public init(accountID: Int64, madeOn: Day, madeBy: String, amount: Money, due: Day) {
        self.accountID = accountID; self.madeOn = madeOn; self.madeBy = madeBy; self.amount = amount; self.due = due
    }
}

public enum PromiseStatus: String, Sendable, CaseIterable { case open, kept, broken }

public enum Promises {
    /// The status of a promise as of `day`, and what counted toward it (at
    /// most the amount): kept when the account's payments dated from the day
    /// it was made to its due date plus `graceDays` reach the amount; broken
    /// from the day after that without it; open before. Only entries dated
    /// on or before `day` count, and a payment reversed on or before `day`
    /// does not.
    public static func status(_ p: PromiseToPay, credits: [Credit], asOf day: Day, graceDays: Int) -> (status: PromiseStatus, paid: Money) {
        let last = p.due.adding(days: graceDays)
        var paid: Int64 = 0
        for c in credits where c.kind == .payment && c.date >= p.madeOn && c.date <= last && c.counts(asOf: day) {
            // Saturating: a sum past the amount is simply "enough".
            paid = paid > Int64.max - c.amount.minor ? Int64.max : paid + c.amount.minor
        }
        let counted = Money(minor: min(paid, p.amount.minor))
        if paid >= p.amount.minor { return (.kept, counted) }
        return (day > last ? .broken : .open, counted)
    }
}
