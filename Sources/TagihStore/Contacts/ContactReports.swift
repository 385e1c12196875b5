import GRDB
import TagihCore

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
    /// by the day it was made, then account number. Streams: each promise
    /// reads only the payments of its own window.
    public func promises(asOf day: Day) throws -> [PromiseLine] {
        try database.writer.read { db in
            let rows = try Prepared(db, """
                SELECT c.account_id, a.account_no, c.day, c.made_by, c.promise_amount, c.promise_due
                FROM contacts c INDEXED BY contacts_promises JOIN accounts a ON a.id = c.account_id
                WHERE c.promise_amount IS NOT NULL AND c.day <= ?
                ORDER BY c.day, a.account_no, c.at, c.id
                """).bind(.int(Int64(day.ordinal)))
            let payments = try PromisePayments(db)
            let grace = database.settings.promiseGraceDays
            var out: [PromiseLine] = []
            while try rows.step() {
                let p = PromiseToPay(accountID: rows.int(0), madeOn: Day(ordinal: Int32(rows.int(2))), madeBy: rows.text(3) ?? "",
                                     amount: Money(minor: rows.int(4)), due: Day(ordinal: Int32(rows.int(5))))
                let (status, paid) = try payments.status(p, asOf: day, graceDays: grace)
                out.append(PromiseLine(accountNo: rows.text(1) ?? "", madeOn: p.madeOn, madeBy: p.madeBy, amount: p.amount, due: p.due,
                                       paid: paid, status: status))
            }
            return out
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
            let promises = try Prepared(db, """
                SELECT account_id, day, made_by, promise_amount, promise_due FROM contacts INDEXED BY contacts_promises
                WHERE promise_amount IS NOT NULL AND day BETWEEN ? AND ?
                """).bind(.int(Int64(from.ordinal)), .int(Int64(to.ordinal)))
            let payments = try PromisePayments(db)
            while try promises.step() {
                let p = PromiseToPay(accountID: promises.int(0), madeOn: Day(ordinal: Int32(promises.int(1))), madeBy: promises.text(2) ?? "",
                                     amount: Money(minor: promises.int(3)), due: Day(ordinal: Int32(promises.int(4))))
                switch try payments.status(p, asOf: to, graceDays: grace).status {
                case .kept: lines[p.madeBy]?.kept += 1
                case .broken: lines[p.madeBy]?.broken += 1
                case .open: break
                }
            }
            // Collected: payments dated in the period on the accounts each user
            // holds now. The accounts of those users are read from their index
            // into memory once, the reversed payments likewise, and the period's
            // payments come from a covering index: no join row by row.
            let logins = lines.keys.sorted()
            var holder: [Int64: Int] = [:]
            let accounts = try Prepared(db, "SELECT rowid FROM accounts INDEXED BY accounts_collector WHERE collector = ?")
            for (i, login) in logins.enumerated() {
                accounts.bind(.text(login))
                while try accounts.step() { holder[accounts.int(0)] = i }
            }
            var reversed: Set<Int64> = []
            let reversals = try Prepared(db, "SELECT credit_id FROM reversals WHERE date <= ?").bind(.int(Int64(to.ordinal)))
            while try reversals.step() { reversed.insert(reversals.int(0)) }
            var sums = Array(repeating: Int64(0), count: logins.count)
            let paid = try Prepared(db, """
                SELECT account_id, amount, id FROM credits INDEXED BY credits_payment_date
                WHERE source = 'payment' AND date BETWEEN ? AND ?
                """).bind(.int(Int64(from.ordinal)), .int(Int64(to.ordinal)))
            while try paid.step() {
                guard let i = holder[paid.int(0)], !reversed.contains(paid.int(2)) else { continue }
                let (sum, overflow) = sums[i].addingReportingOverflow(paid.int(1))
                if overflow { throw StoreError.overflow("collected by \(logins[i])") }
                sums[i] = sum
            }
            for (i, login) in logins.enumerated() { lines[login]?.collected = Money(minor: sums[i]) }
            return lines.values.sorted { Array($0.collector.utf8).lexicographicallyPrecedes($1.collector.utf8) }
        }
    }
}

extension ContactReports {
    /// The status as of `day` of the promises falling due in the week up to
    /// it (grace included): what a night settles, read through the due-date index.
    public func recentPromiseStatuses(asOf day: Day) throws -> [PromiseStatus: Int] {
        try database.writer.read { db in
            let grace = database.settings.promiseGraceDays
            let rows = try Prepared(db, """
                SELECT account_id, day, made_by, promise_amount, promise_due FROM contacts INDEXED BY contacts_promise_due
                WHERE promise_amount IS NOT NULL AND promise_due BETWEEN ? AND ? AND day <= ?
                """).bind(.int(Int64(day.ordinal) - 6 - Int64(grace)), .int(Int64(day.ordinal)), .int(Int64(day.ordinal)))
            let payments = try PromisePayments(db)
            var out: [PromiseStatus: Int] = [:]
            while try rows.step() {
                let p = PromiseToPay(accountID: rows.int(0), madeOn: Day(ordinal: Int32(rows.int(1))), madeBy: rows.text(2) ?? "",
                                     amount: Money(minor: rows.int(3)), due: Day(ordinal: Int32(rows.int(4))))
                out[try payments.status(p, asOf: day, graceDays: grace).status, default: 0] += 1
            }
            return out
        }
    }

    /// The last nightly runs, newest first.
    public func nightlyRuns(limit: Int) throws -> [NightlyRunLine] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT day, files, posted, refused, rejected, summary, plans_completed, plans_broken, files_detail
                FROM nightly_runs ORDER BY id DESC LIMIT ?
                """, arguments: [limit]).map {
                NightlyRunLine(day: Day(ordinal: $0["day"]), files: $0["files"], posted: $0["posted"], refused: $0["refused"],
                               rejected: $0["rejected"], summary: $0["summary"], plansCompleted: $0["plans_completed"],
                               plansBroken: $0["plans_broken"], fileResults: Nightly.fileResults(logged: $0["files_detail"]))
            }
        }
    }
}
