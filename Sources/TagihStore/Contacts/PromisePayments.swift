import GRDB
import TagihCore

/// The payments that can count toward a promise: one account's payments
/// dated in a window, with the day each was reversed (if ever). One
/// prepared statement, so reports over hundreds of thousands of promises
/// read only the rows they need and hold none of them for long.
struct PromisePayments {
    private let query: Prepared

    init(_ db: Database) throws {
        query = try Prepared(db, """
            SELECT c.account_id, c.id, c.source, c.date, c.amount, c.charge_id, r.date
            FROM credits c LEFT JOIN reversals r ON r.credit_id = c.id
            WHERE c.account_id = ? AND c.source = 'payment' AND c.date BETWEEN ? AND ?
            """)
    }

    /// The status of `p` as of `day` (CONTRACT §6), from its window's payments.
    func status(_ p: PromiseToPay, asOf day: Day, graceDays: Int) throws -> (status: PromiseStatus, paid: Money) {
        query.bind(.int(p.accountID), .int(Int64(p.madeOn.ordinal)), .int(Int64(min(day, p.due.adding(days: graceDays)).ordinal)))
        var credits: [Credit] = []
        while try query.step() { credits.append(LedgerScan.credit(query)) }
        return Promises.status(p, credits: credits, asOf: day, graceDays: graceDays)
    }
}
