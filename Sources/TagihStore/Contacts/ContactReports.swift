import GRDB
import TagihCore

/// One line of `report activity`: a user who logged contacts in the period.
public struct ActivityLine: Sendable, Equatable {
    public var collector: String
    public var attempts = 0
    public var contacts = 0
    public var rightParty = 0
    public var promises = 0
    public var promisedAmount = Money(minor: 0)
    public var kept = 0
    public var broken = 0
    public var collected = Money(minor: 0)
}

/// The contact reports of CONTRACT §6.
public struct ContactReports: Sendable {
    /// Promises made on or before `day` with their status as of it.
    static func promiseLines(_ promises: [PromiseToPay], accountNo: String, credits: [Credit], asOf day: Day, graceDays: Int) -> [PromiseLine] {
        promises.filter { $0.madeOn <= day }.map { p in
            let (status, paid) = Promises.status(p, credits: credits, asOf: day, graceDays: graceDays)
            return PromiseLine(accountNo: accountNo, madeOn: p.madeOn, madeBy: p.madeBy, amount: p.amount, due: p.due, paid: paid, status: status)
        }
    }

    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    /// Every promise made on or before `day`, with its status as of `day`,
    /// by the day it was made, then account number.
    public func promises(asOf day: Day) throws -> [PromiseLine] {
        try database.writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.account_id, a.account_no, c.day, c.made_by, c.promise_amount, c.promise_due
                FROM contacts c INDEXED BY contacts_promises JOIN accounts a ON a.id = c.account_id
                WHERE c.promise_amount IS NOT NULL AND c.day <= ?
                ORDER BY c.day, a.account_no, c.at, c.id
                """, arguments: [day.ordinal])
            var credits: [Int64: [Credit]] = [:]
            let grace = database.settings.promiseGraceDays
            return try rows.map { r in
                let accountID: Int64 = r["account_id"]
                if credits[accountID] == nil { credits[accountID] = try LedgerScan.entries(db, accountID: accountID).credits }
                let p = PromiseToPay(accountID: accountID, madeOn: Day(ordinal: r["day"]), madeBy: r["made_by"],
                                     amount: Money(minor: r["promise_amount"]), due: Day(ordinal: r["promise_due"]))
                let (status, paid) = Promises.status(p, credits: credits[accountID]!, asOf: day, graceDays: grace)
                return PromiseLine(accountNo: r["account_no"], madeOn: p.madeOn, madeBy: p.madeBy, amount: p.amount, due: p.due,
                                   paid: paid, status: status)
            }
        }
    }

    /// Per user who logged a contact from `from` to `to` (the contacts' days):
    /// counts by outcome flag, promises made in the period by their status
    /// as of `to`, and the payments dated in the period (not reversed as of
    /// `to`) of the accounts now assigned to that user. Sorted by login.
    public func activity(from: Day, to: Day) throws -> [ActivityLine] {
        try database.writer.read { db in
            var lines: [String: ActivityLine] = [:]
            let counts = try Row.fetchCursor(db, sql: """
                SELECT made_by, sum(attempt), sum(contact), sum(right_party), sum(promise_amount IS NOT NULL), coalesce(sum(promise_amount), 0)
                FROM contacts INDEXED BY contacts_day WHERE day BETWEEN ? AND ? GROUP BY made_by
                """, arguments: [from.ordinal, to.ordinal])
            while let r = try counts.next() {
                let login: String = r[0]
                lines[login] = ActivityLine(collector: login, attempts: r[1], contacts: r[2], rightParty: r[3], promises: r[4],
                                            promisedAmount: Money(minor: r[5]))
            }
            guard !lines.isEmpty else { return [] }
            // Promises made in the period, by their status as of `to`.
            let grace = database.settings.promiseGraceDays
            let promises = try Row.fetchAll(db, sql: """
                SELECT account_id, day, made_by, promise_amount, promise_due FROM contacts INDEXED BY contacts_promises
                WHERE promise_amount IS NOT NULL AND day BETWEEN ? AND ? ORDER BY account_id
                """, arguments: [from.ordinal, to.ordinal])
            var credits: [Int64: [Credit]] = [:]
            for r in promises {
                let accountID: Int64 = r["account_id"]
                if credits[accountID] == nil { credits[accountID] = try LedgerScan.entries(db, accountID: accountID).credits }
                let p = PromiseToPay(accountID: accountID, madeOn: Day(ordinal: r["day"]), madeBy: r["made_by"],
                                     amount: Money(minor: r["promise_amount"]), due: Day(ordinal: r["promise_due"]))
                switch Promises.status(p, credits: credits[accountID]!, asOf: to, graceDays: grace).status {
                case .kept: lines[p.madeBy]?.kept += 1
                case .broken: lines[p.madeBy]?.broken += 1
                case .open: break
                }
            }
            // Collected: payments dated in the period on the accounts each user holds now.
            let logins = Array(lines.keys)
            let collected = try Row.fetchCursor(db, sql: """
                SELECT a.collector, sum(c.amount) FROM credits c JOIN accounts a ON a.id = c.account_id
                WHERE c.source = 'payment' AND c.date BETWEEN ? AND ?
                  AND a.collector IN (\(logins.map { _ in "?" }.joined(separator: ",")))
                  AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.credit_id = c.id AND r.date <= ?)
                GROUP BY a.collector
                """, arguments: StatementArguments([from.ordinal, to.ordinal] as [Int32]) + StatementArguments(logins) + [to.ordinal])
            while let r = try collected.next() {
                let login: String = r[0]
                let sum: Int64 = r[1]
                lines[login]?.collected = Money(minor: sum)
            }
            return lines.values.sorted { Array($0.collector.utf8).lexicographicallyPrecedes($1.collector.utf8) }
        }
    }
}
