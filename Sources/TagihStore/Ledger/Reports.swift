import GRDB
import TagihCore

/// An account's details and its position as of a day.
public struct AccountPosition: Sendable {
    public var accountNo: String
    public var name: String
    public var phone: String?
    public var email: String?
    public var address: String?
    public var timeZone: String
    public var segment: String?
    public var collector: String?
    public var position: Position
}

/// Read-only questions about the ledger: positions and aging.
public struct LedgerReports: Sendable {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    var buckets: Buckets { database.settings.buckets }

    /// One account's position as of `day`, replayed from its entries.
    public func account(_ accountNo: String, asOf day: Day) throws -> AccountPosition {
        try database.writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM accounts WHERE account_no = ?", arguments: [accountNo]) else {
                throw StoreError("unknown account \(accountNo)")
            }
            let entries = try LedgerScan.entries(db, accountID: row["id"])
            let p = try checkedMoney("account \(accountNo) balance") { () throws(MoneyError) in try entries.position(asOf: day) }
            return AccountPosition(accountNo: row["account_no"], name: row["name"], phone: row["phone"], email: row["email"],
                                   address: row["address"], timeZone: row["timezone"], segment: row["segment"],
                                   collector: row["collector"], position: p)
        }
    }

    /// The aging report as of `day`.
    ///
    /// When `day` is on or after every entry date the cache already is the
    /// position, and the report is two indexed aggregates over open charges
    /// and active accounts. For an earlier day the allocation is replayed
    /// account by account in one streaming pass (`LedgerScan`).
    public func aging(asOf day: Day, by grouping: AgingGrouping) throws -> AgingReport {
        try database.writer.read { db in
            let maxDay = Int64(try db.meta("max_entry_day") ?? "") ?? Int64.min
            let groups = try maxDay <= Int64(day.ordinal)
                ? cachedAging(db, asOf: day, by: grouping)
                : replayedAging(db, asOf: day, by: grouping)
            return try checkedMoney("aging total") { () throws(MoneyError) in
                try AgingReport(asOf: day, grouping: grouping, buckets: buckets, groups: groups)
            }
        }
    }

    /// Whether `aging(asOf:)` answers from the cache for `day`.
    public func agingUsesCache(asOf day: Day) throws -> Bool {
        try database.writer.read { db in (Int64(try db.meta("max_entry_day") ?? "") ?? Int64.min) <= Int64(day.ordinal) }
    }

    static func groupColumn(_ g: AgingGrouping) -> String {
        switch g {
        case .none: "'all'"
        case .collector: "a.collector"
        case .segment: "a.segment"
        }
    }

    func cachedAging(_ db: Database, asOf day: Day, by grouping: AgingGrouping) throws -> [String: AgingTotals] {
        let g = Self.groupColumn(grouping)
        var groups: [String: AgingTotals] = [:]
        func slot(_ name: String?) -> String { name ?? AgingReport.noGroup }
        let counts = try Prepared(db, """
            SELECT \(g), count(*), sum(a.unapplied) FROM accounts a INDEXED BY accounts_active
            WHERE a.open_total > 0 OR a.unapplied > 0 GROUP BY 1
            """)
        while try counts.step() {
            var t = AgingTotals(bucketCount: buckets.count)
            t.accounts = Int(counts.int(1))
            t.unapplied = Money(minor: counts.int(2))
            groups[slot(counts.text(0))] = t
        }
        // Sums per (group, due date) then bucketed here: the bucket edges stay
        // out of SQL and there are only as many due dates as billing days.
        let sql = grouping == .none
            ? "SELECT 'all', c.due_date, sum(c.open_amount) FROM charges c INDEXED BY charges_open WHERE c.open_amount > 0 GROUP BY c.due_date"
            : "SELECT \(g), c.due_date, sum(c.open_amount) FROM charges c INDEXED BY charges_open JOIN accounts a ON a.id = c.account_id WHERE c.open_amount > 0 GROUP BY 1, 2"
        let sums = try Prepared(db, sql)
        while try sums.step() {
            let name = slot(sums.text(0))
            let dpd = Int(day.ordinal) - Int(sums.int(1))
            let i = buckets.index(daysPastDue: dpd)
            var t = groups[name] ?? AgingTotals(bucketCount: buckets.count)
            t.buckets[i] = try checkedMoney("aging total") { () throws(MoneyError) in try t.buckets[i].plus(Money(minor: sums.int(2))) }
            groups[name] = t
        }
        return groups
    }

    func replayedAging(_ db: Database, asOf day: Day, by grouping: AgingGrouping) throws -> [String: AgingTotals] {
        var groups: [String: AgingTotals] = [:]
        let column = grouping == .segment ? "segment" : "collector"
        try LedgerScan(db, asOf: day, accountColumns: column).forEach { row, e in
            if e.charges.isEmpty && e.credits.isEmpty { return }
            let name = grouping == .none ? "all" : (row.text(1) ?? AgingReport.noGroup)
            try checkedMoney("aging total") { () throws(MoneyError) in
                let p = try e.position(asOf: day)
                guard p.isActive else { return }
                var t = groups[name] ?? AgingTotals(bucketCount: buckets.count)
                try t.add(p, buckets: buckets)
                groups[name] = t
            }
        }
        return groups
    }
}
