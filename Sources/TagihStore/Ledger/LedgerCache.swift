import GRDB
import TagihCore

/// The cached position after every posted entry: `charges.open_amount` per
/// charge and `accounts.open_total`, `unapplied`, `oldest_due` per account.
///
/// It is the position as of a day later than every entry, so it equals the
/// position as of any day on or after the newest entry date
/// (`meta.max_entry_day`): today's aging is then one indexed aggregate. Import
/// refreshes it for the accounts a file touched, inside the file's transaction;
/// `tagih check` recomputes it from the entries and compares.
enum LedgerCache {
    /// Above this share of the book, one merged pass over every account beats
    /// three indexed look-ups per touched account.
    static let fullScanFraction = 0.05

    /// Recomputes the cache for `accounts` (all when nil) and writes only
    /// what changed. Returns the number of accounts whose cache changed.
    @discardableResult
    static func refresh(_ db: Database, accounts: Set<Int64>?) throws -> Int {
        let updateCharge = try Prepared(db, "UPDATE charges SET open_amount = ? WHERE id = ?")
        let updateAccount = try Prepared(db, "UPDATE accounts SET open_total = ?, unapplied = ?, oldest_due = ? WHERE id = ?")
        var changed = 0

        func apply(_ e: AccountEntries, cached: (open: Int64, unapplied: Int64, oldest: Int64?)) throws {
            let p = try checkedMoney("account id \(e.accountID) balance") { () throws(MoneyError) in try e.position(asOf: .end) }
            var cachedByID: [Int64: Int64] = [:]
            cachedByID.reserveCapacity(e.charges.count)
            for (c, o) in zip(e.charges, e.cachedOpen) { cachedByID[c.id] = o }
            var oldest: Int64? = nil
            for (id, open) in p.allocation {
                if cachedByID[id] != open.minor { try updateCharge.bind(.int(open.minor), .int(id)).run() }
                if open.isPositive, oldest == nil {
                    oldest = Int64(e.charges.first { $0.id == id }!.dueDate.ordinal)
                }
            }
            if cached.open != p.openTotal.minor || cached.unapplied != p.unapplied.minor || cached.oldest != oldest {
                try updateAccount.bind(.int(p.openTotal.minor), .int(p.unapplied.minor), .opt(oldest), .int(e.accountID)).run()
                changed += 1
            }
        }

        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM accounts") ?? 0
        if let ids = accounts, Double(ids.count) < Double(total) * fullScanFraction {
            let cachedRow = try Prepared(db, "SELECT open_total, unapplied, oldest_due FROM accounts WHERE id = ?")
            for id in ids.sorted() {
                guard try cachedRow.bind(.int(id)).step() else { continue }
                let cached = (cachedRow.int(0), cachedRow.int(1), cachedRow.optInt(2))
                try apply(try LedgerScan.entries(db, accountID: id), cached: cached)
            }
        } else {
            try LedgerScan(db, asOf: .end, accountColumns: "open_total, unapplied, oldest_due").forEach { row, e in
                if let ids = accounts, !ids.contains(e.accountID) { return }
                try apply(e, cached: (row.int(1), row.int(2), row.optInt(3)))
            }
        }
        return changed
    }

    /// Differences between the cache and a fresh computation, as sentences.
    static func verify(_ db: Database, limit: Int = 20) throws -> (problems: [String], accounts: Int) {
        var problems: [String] = []
        var count = 0
        try LedgerScan(db, asOf: .end, accountColumns: "account_no, open_total, unapplied, oldest_due").forEach { row, e in
            count += 1
            let accountNo = row.text(1) ?? "?"
            let p: Position
            do { p = try e.position(asOf: .end) } catch {
                problems.append("account \(accountNo): its entries overflow an amount")
                return
            }
            var cachedByID: [Int64: Int64] = [:]
            for (c, o) in zip(e.charges, e.cachedOpen) { cachedByID[c.id] = o }
            for (id, open) in p.allocation where cachedByID[id] != open.minor {
                let ref = e.charges.first { $0.id == id }?.ref ?? "?"
                if problems.count < limit {
                    problems.append("account \(accountNo): charge \(ref) is cached open \(cachedByID[id] ?? 0) but its entries give \(open.minor)")
                }
            }
            let oldest = p.allocation.first { $0.open.isPositive }.flatMap { a in e.charges.first { $0.id == a.chargeID } }.map { Int64($0.dueDate.ordinal) }
            if row.int(2) != p.openTotal.minor || row.int(3) != p.unapplied.minor || row.optInt(4) != oldest {
                if problems.count < limit {
                    problems.append("account \(accountNo): cached totals (open \(row.int(2)), unapplied \(row.int(3))) differ from its entries (open \(p.openTotal.minor), unapplied \(p.unapplied.minor))")
                }
            }
        }
        return (problems, count)
    }
}
