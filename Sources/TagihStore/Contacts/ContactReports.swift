import GRDB
import TagihCore

/// The contact reports of CONTRACT §6.
public struct ContactReports: Sendable {
    /// Promises made on or before `day` with their status as of it.
    /// `promises` are one account's, all of them (a later one may replace an earlier one).
    static func promiseLines(_ promises: [PromiseToPay], accountNo: String, credits: [Credit], asOf day: Day, graceDays: Int) -> [PromiseLine] {
        let made = promises.filter { $0.madeOn <= day }
        return zip(made, Promises.statuses(made, credits: credits, asOf: day, graceDays: graceDays)).map { p, s in
            let (status, paid) = s
            return PromiseLine(accountNo: accountNo, madeOn: p.madeOn, madeBy: p.madeBy, amount: p.amount, due: p.due, paid: paid, status: status)
        }
    }

    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    /// Every promise made on or before `day`, with its status as of `day`
    /// (`replaced` when a later promise of the account replaced it), by the
    /// day it was made, then account number. An account with one promise
    /// reads only that promise's window of payments.
    public func promises(asOf day: Day, collectors: Set<String>? = nil) throws -> [PromiseLine] {
        try database.read { db in
            let rows = try db.cursor("""
                SELECT c.account_id, a.account_no, c.day, c.made_by, c.promise_amount, c.promise_due, c.at, c.id, a.collector
                FROM contacts c \(db.dialect.indexedBy("contacts_promises")) JOIN accounts a ON a.id = c.account_id
                WHERE c.promise_amount IS NOT NULL AND c.day <= ?
                ORDER BY c.day, a.account_no, c.at, c.id
                """, Int64(day.ordinal))
            let payments = try PromisePayments(db)
            let grace = database.settings.promiseGraceDays
            var promises: [PromiseToPay] = []
            var accountNos: [String] = []
            while try rows.step() {
                // Only the accounts of the reader's scope (R4).
                guard LedgerReports.counts(rows.text(8), in: collectors) else { continue }
                promises.append(PromiseToPay(accountID: rows.int(0), madeOn: Day(ordinal: Int32(rows.int(2))), madeBy: rows.text(3) ?? "",
                                             amount: Money(minor: rows.int(4)), due: Day(ordinal: Int32(rows.int(5))),
                                             madeAt: rows.int(6), contactID: rows.int(7)))
                accountNos.append(rows.text(1) ?? "")
            }
            let statuses = try payments.statuses(of: promises, asOf: day, graceDays: grace)
            return promises.indices.map { i in
                let p = promises[i]
                return PromiseLine(accountNo: accountNos[i], madeOn: p.madeOn, madeBy: p.madeBy, amount: p.amount, due: p.due,
                                   paid: statuses[i].paid, status: statuses[i].status)
            }
        }
    }

    /// Per user who logged a contact from `from` to `to` (the contacts' days):
    /// counts by outcome flag, promises made in the period by their status
    /// as of `to`, and the payments dated in the period (not reversed as of
    /// `to`) of the accounts now assigned to that user. Sorted by login.
    public func activity(from: Day, to: Day) throws -> [ActivityLine] {
        try database.read { db in
            var lines: [String: ActivityLine] = [:]
            let counts = try db.cursor("""
                SELECT made_by, sum(attempt), sum(contact), sum(right_party), sum(CASE WHEN promise_amount IS NOT NULL THEN 1 ELSE 0 END)
                FROM contacts \(db.dialect.indexedBy("contacts_day")) WHERE day BETWEEN ? AND ? GROUP BY made_by
                """, Int64(from.ordinal), Int64(to.ordinal))
            while try counts.step() {
                let login = counts.text(0) ?? ""
                lines[login] = ActivityLine(collector: login, attempts: Int(counts.int(1)), contacts: Int(counts.int(2)),
                                            rightParty: Int(counts.int(3)), promises: Int(counts.int(4)))
            }
            guard !lines.isEmpty else { return [] }
            // Promises made in the period, by their status as of `to` (a
            // replaced one counts neither kept nor broken; every promise that
            // can replace one made in the period is made in it too). Their
            // amounts are added here, checked, not by SQLite's sum (which
            // fails the whole report on an overflow).
            let grace = database.settings.promiseGraceDays
            let rows = try db.cursor("""
                SELECT c.account_id, c.day, c.made_by, c.promise_amount, c.promise_due, c.at, c.id
                FROM contacts c \(db.dialect.indexedBy("contacts_promises"))
                WHERE c.promise_amount IS NOT NULL AND c.day BETWEEN ? AND ? ORDER BY c.day, c.account_id, c.id
                """, Int64(from.ordinal), Int64(to.ordinal))
            var promises: [PromiseToPay] = []
            while try rows.step() {
                promises.append(PromiseToPay(accountID: rows.int(0), madeOn: Day(ordinal: Int32(rows.int(1))), madeBy: rows.text(2) ?? "",
                                             amount: Money(minor: rows.int(3)), due: Day(ordinal: Int32(rows.int(4))),
                                             madeAt: rows.int(5), contactID: rows.int(6)))
            }
            let payments = try PromisePayments(db)
            for (p, s) in zip(promises, try payments.statuses(of: promises, asOf: to, graceDays: grace)) {
                guard var line = lines[p.madeBy] else { continue }
                let (sum, overflow) = line.promisedAmount.minor.addingReportingOverflow(p.amount.minor)
                if overflow { throw StoreError.overflow("promised to \(p.madeBy)") }
                line.promisedAmount = Money(minor: sum)
                switch s.status {
                case .kept: line.kept += 1
                case .broken: line.broken += 1
                case .open, .replaced: break
                }
                lines[p.madeBy] = line
            }
            // Collected: payments dated in the period on the accounts each user
            // holds now. The accounts of those users are read from their index
            // into memory once, the reversed payments likewise, and the period's
            // payments come from a covering index: no join row by row. All
            // three as integer columns (`bulk`): on a server a row at a time
            // took 150-260 ms per collector's 83,000 ids at 1M accounts.
            let logins = lines.keys.sorted()
            var holder: [Int64: Int] = [:]
            for (i, login) in logins.enumerated() {
                let accounts = try db.bulk("SELECT id FROM accounts \(db.dialect.indexedBy("accounts_collector")) WHERE collector = ?",
                                           [.text(login)], columns: 1)
                while try accounts.step() { holder[accounts.int(0)] = i }
            }
            var reversed: Set<Int64> = []
            let reversals = try db.bulk("SELECT credit_id FROM reversals WHERE date <= ?", [.int(Int64(to.ordinal))], columns: 1)
            while try reversals.step() { reversed.insert(reversals.int(0)) }
            var sums = Array(repeating: Int64(0), count: logins.count)
            let paid = try db.bulk("""
                SELECT account_id, amount, id FROM credits \(db.dialect.indexedBy("credits_payment_date"))
                WHERE source = 'payment' AND date BETWEEN ? AND ?
                """, [.int(Int64(from.ordinal)), .int(Int64(to.ordinal))], columns: 3)
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
        try database.read { db in
            let grace = database.settings.promiseGraceDays
            let payments = try PromisePayments(db)
            var out: [PromiseStatus: Int] = [:]
            // The accounts (few) whose promises fall due this week, each
            // judged with all its promises, since a later one replaces.
            var due: [Int64: Set<Int64>] = [:]
            let ids = try db.cursor("""
                SELECT account_id, id FROM contacts \(db.dialect.indexedBy("contacts_promise_due"))
                WHERE promise_amount IS NOT NULL AND promise_due BETWEEN ? AND ? AND day <= ?
                """, Int64(day.ordinal) - 6 - Int64(grace), Int64(day.ordinal), Int64(day.ordinal))
            while try ids.step() { due[ids.int(0), default: []].insert(ids.int(1)) }
            for (account, contacts) in due {
                let all = try ContactLog.promises(db, accountID: account, madeOnOrBefore: day)
                for (p, s) in zip(all, try payments.statuses(all, asOf: day, graceDays: grace)) where contacts.contains(p.contactID) {
                    out[s.status, default: 0] += 1
                }
            }
            return out
        }
    }

    /// The last nightly runs, newest first.
    public func nightlyRuns(limit: Int) throws -> [NightlyRunLine] {
        try database.read { db in
            try db.rows("""
                SELECT day, files, posted, refused, rejected, summary, plans_completed, plans_broken, files_detail
                FROM nightly_runs ORDER BY id DESC LIMIT ?
                """, [.int(Int64(limit))]).map { r in
                func n(_ c: String) -> Int { Int(r.int(c) ?? 0) }
                return NightlyRunLine(day: Day(ordinal: Int32(n("day"))), files: n("files"), posted: n("posted"), refused: n("refused"),
                                      rejected: n("rejected"), summary: r.string("summary"), plansCompleted: n("plans_completed"),
                                      plansBroken: n("plans_broken"), fileResults: Nightly.fileResults(logged: r.string("files_detail")))
            }
        }
    }
}
