/// A promise to pay, made by a `PTP` contact (CONTRACT §6).
public struct PromiseToPay: Sendable, Equatable {
    public var accountID: Int64
    /// The contact's day (the operator's local date).
    public var madeOn: Day
    public var madeBy: String
    public var amount: Money
    public var due: Day
    /// The contact's moment (unix seconds) and id: promises replace one
    /// another in time order (R12), and two at the same moment in the order
    /// they were logged.
    public var madeAt: Int64
    public var contactID: Int64

    public init(accountID: Int64, madeOn: Day, madeBy: String, amount: Money, due: Day, madeAt: Int64 = 0, contactID: Int64 = 0) {
        self.accountID = accountID; self.madeOn = madeOn; self.madeBy = madeBy; self.amount = amount; self.due = due
        self.madeAt = madeAt; self.contactID = contactID
    }

    /// Made before `other` in time order.
    public func precedes(_ other: PromiseToPay) -> Bool { (madeAt, contactID) < (other.madeAt, other.contactID) }
}

public enum PromiseStatus: String, Sendable, CaseIterable { case open, kept, broken, replaced }

public enum Promises {
    /// The status of a promise on its own as of `day`, and what counted
    /// toward it (at most the amount): kept when the account's payments
    /// dated from the day it was made to its due date plus `graceDays` reach
    /// the amount; broken from the day after that without it; open before.
    /// Only entries dated on or before `day` count, and a payment reversed on
    /// or before `day` does not. Never `replaced`: that takes the account's
    /// other promises (`statuses`).
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

    /// The day from which `p` is `replaced`, if a later promise of the same
    /// account (in time order) was made while `p` was still open on that
    /// promise's day; nil when none replaces it. A promise already kept or
    /// broken on that day stays so (CONTRACT §6, R12). A later promise made
    /// after `p` was replaced changes nothing: `p` is no longer open.
    public static func replacedOn(_ p: PromiseToPay, by account: [PromiseToPay], credits: [Credit], graceDays: Int) -> Day? {
        account.filter { $0.accountID == p.accountID && p.precedes($0) }
            .sorted { $0.precedes($1) }
            .first { status(p, credits: credits, asOf: $0.madeOn, graceDays: graceDays).status == .open }?
            .madeOn
    }

    /// The status as of `day` of each of one account's promises (in the
    /// order given): `replaced` from the day a later promise replaced it,
    /// else as `status` says. Only promises made on or before `day` replace.
    public static func statuses(_ promises: [PromiseToPay], credits: [Credit], asOf day: Day, graceDays: Int) -> [(status: PromiseStatus, paid: Money)] {
        let made = promises.filter { $0.madeOn <= day }
        return promises.map { p in
            let own = status(p, credits: credits, asOf: day, graceDays: graceDays)
            if let on = replacedOn(p, by: made, credits: credits, graceDays: graceDays), on <= day { return (.replaced, own.paid) }
            return own
        }
    }
}
