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
        try database.read { db in
            guard let row = try db.row("SELECT * FROM accounts WHERE account_no = ?", [.text(accountNo)]) else {
                throw StoreError("unknown account \(accountNo)")
            }
            let entries = try LedgerScan.entries(db, accountID: row.int("id") ?? 0)
            let p = try checkedMoney("account \(accountNo) balance") { () throws(MoneyError) in try entries.position(asOf: day) }
            return AccountPosition(accountNo: row.string("account_no"), name: row.string("name"), phone: row.text("phone"),
                                   email: row.text("email"), address: row.text("address"), timeZone: row.string("timezone"),
                                   segment: row.text("segment"), collector: row.text("collector"), position: p)
        }
    }

    /// The aging report as of `day`.
    ///
    /// When `day` is on or after every entry date the cache already is the
    /// position, and the report is one pass over two covering partial indexes
    /// (active accounts, open charges). For an earlier day the allocation is
    /// replayed account by account in one streaming pass (`LedgerScan`).
    /// With `collectors`, only the accounts assigned to those logins (a
    /// team's or a collector's own figures).
    public func aging(asOf day: Day, by grouping: AgingGrouping, collectors: Set<String>? = nil) throws -> AgingReport {
        try database.read { db in
            let groups = try !db.cacheIsCurrent(asOf: day) ? replayedAging(db, asOf: day, by: grouping, collectors: collectors)
                : db.dialect.rowsCrossASocket ? groupedAging(db, asOf: day, by: grouping, collectors: collectors)
                : cachedAging(db, asOf: day, by: grouping, collectors: collectors)
            return try checkedMoney("aging total") { () throws(MoneyError) in
                try AgingReport(asOf: day, grouping: grouping, buckets: buckets, groups: groups)
            }
        }
    }

    /// Whether `aging(asOf:)` answers from the cache for `day`.
    public func agingUsesCache(asOf day: Day) throws -> Bool {
        try database.read { db in try db.cacheIsCurrent(asOf: day) }
    }

    static func groupColumn(_ g: AgingGrouping) -> String {
        switch g {
        case .none: "'all'"
        case .collector: "a.collector"
        case .segment: "a.segment"
        }
    }

    /// Today's aging from the cache: one pass over two covering partial
    /// indexes, both in account order — active accounts (group, unapplied)
    /// and open charges (due date, open amount) — summed here in plain
    /// integer arrays. No table rows are read and nothing is sorted.
    func cachedAging(_ db: any LedgerSQL, asOf day: Day, by grouping: AgingGrouping, collectors: Set<String>? = nil) throws -> [String: AgingTotals] {
        let column = switch grouping {
        case .none: "NULL"
        case .collector: "collector"
        case .segment: "segment"
        }
        let accounts = try db.cursor("""
            SELECT id, \(column), unapplied, collector FROM accounts \(db.dialect.indexedBy("accounts_active"))
            WHERE open_total > 0 OR unapplied > 0 ORDER BY id
            """)
        let charges = try db.cursor("""
            SELECT account_id, due_date, open_amount FROM charges \(db.dialect.indexedBy("charges_open"))
            WHERE open_amount > 0 ORDER BY account_id
            """)
        let width = buckets.count
        let today = Int64(day.ordinal)
        var names: [String] = []
        var slot: [String: Int] = [:]
        var counts: [Int] = []
        var totals: [AgingTotals] = []
        var unapplied: [Int64] = []
        var sums: [Int64] = []
        var overflow = false
        var lastGroup: String? = nil
        var held: [Int] = []
        var g = 0
        var chargeRow = try charges.step()
        while try accounts.step() {
            // (The open charges of an account left out are passed over with the next one's.)
            if !Self.counts(accounts.text(3), in: collectors) { continue }
            let id = accounts.int(0)
            let name = grouping == .none ? "all" : (accounts.text(1) ?? AgingReport.noGroup)
            if name != lastGroup {
                if let known = slot[name] { g = known } else {
                    g = names.count
                    slot[name] = g
                    names.append(name)
                    counts.append(0)
                    totals.append(AgingTotals(bucketCount: width))
                    unapplied.append(0)
                    sums.append(contentsOf: repeatElement(0, count: width))
                }
                lastGroup = name
            }
            counts[g] += 1
            var o = false
            (unapplied[g], o) = unapplied[g].addingReportingOverflow(accounts.int(2))
            overflow = overflow || o
            while chargeRow && charges.int(0) < id { chargeRow = try charges.step() }
            held.removeAll(keepingCapacity: true)
            while chargeRow && charges.int(0) == id {
                let i = buckets.index(daysPastDue: Int(today - charges.int(1)))
                let b = g * width + i
                (sums[b], o) = sums[b].addingReportingOverflow(charges.int(2))
                overflow = overflow || o
                held.append(i)
                chargeRow = try charges.step()
            }
            // Which buckets (and unapplied) the account is counted in, as the replay counts it.
            totals[g].count(inBuckets: held, unapplied: accounts.int(2) > 0)
        }
        if overflow { throw StoreError.overflow("an aging total") }
        var groups: [String: AgingTotals] = [:]
        for (i, name) in names.enumerated() {
            var t = totals[i]
            t.accounts = counts[i]
            t.unapplied = Money(minor: unapplied[i])
            for b in 0..<width { t.buckets[b] = Money(minor: sums[i * width + b]) }
            groups[name] = t
        }
        return groups
    }

    func replayedAging(_ db: any LedgerSQL, asOf day: Day, by grouping: AgingGrouping, collectors: Set<String>? = nil) throws -> [String: AgingTotals] {
        var groups: [String: AgingTotals] = [:]
        let column = grouping == .segment ? "segment" : "collector"
        try LedgerScan(db, asOf: day, accountColumns: column + ", collector").forEach { row, e in
            if e.charges.isEmpty && e.credits.isEmpty { return }
            if !Self.counts(row.text(2), in: collectors) { return }
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

extension LedgerReports {
    /// Roll rates from `from` to `to`: one streaming replay of the book, each
    /// account's position taken on both days from the same entries. With
    /// `collectors`, only the accounts assigned to those logins.
    public func rollRate(from: Day, to: Day, collectors: Set<String>? = nil) throws -> RollRate {
        try database.read { db in
            var r = RollRate(buckets: buckets)
            try LedgerScan(db, asOf: max(from, to), accountColumns: "collector").forEach { row, e in
                if e.charges.isEmpty { return }
                if !Self.counts(row.text(1), in: collectors) { return }
                try checkedMoney("roll rate") { () throws(MoneyError) in try r.add(from: try e.position(asOf: from), to: try e.position(asOf: to)) }
            }
            return r
        }
    }

    /// Collection effectiveness index and days sales outstanding for a period,
    /// for the book or (with `collectors`) the accounts assigned to those logins:
    /// one streaming replay takes each account's position on the day before
    /// the period and on its last day, as the roll rates do.
    public func kpi(from: Day, to: Day, collectors: Set<String>? = nil) throws -> CollectionKPI {
        let before = from.adding(days: -1)
        return try database.read { db in
            var start = AgingTotals(bucketCount: buckets.count), end = AgingTotals(bucketCount: buckets.count)
            try LedgerScan(db, asOf: max(before, to), accountColumns: "collector").forEach { row, e in
                if e.charges.isEmpty && e.credits.isEmpty { return }
                if !Self.counts(row.text(1), in: collectors) { return }
                try checkedMoney("kpi") { () throws(MoneyError) in
                    try start.add(try e.position(asOf: before), buckets: buckets)
                    try end.add(try e.position(asOf: to), buckets: buckets)
                }
            }
            // The period's charges of the accounts counted (logins are bound, never spliced).
            // No collector is "" in `collectors` and NULL in the table: `coalesce` makes
            // them meet, as `counts(_:in:)` does for the positions.
            let only = collectors.map { Array($0) } ?? []
            let filter = collectors == nil ? ""
                : " AND c.account_id IN (SELECT id FROM accounts WHERE coalesce(collector, '') IN (\(only.map { _ in "?" }.joined(separator: ", "))))"
            let arguments: [SQLValue] = [.int(Int64(from.ordinal)), .int(Int64(to.ordinal))] + only.map { .text($0) }
            // Summed here, checked: SQLite's sum() fails with a bare "integer overflow".
            let amounts = try db.cursor("SELECT c.amount FROM charges c WHERE c.issue_date BETWEEN ? AND ?" + filter, arguments)
            var sales: Int64 = 0
            while try amounts.step() {
                let (sum, overflow) = sales.addingReportingOverflow(amounts.int(0))
                if overflow { throw StoreError.overflow("the sum of the charges issued from \(from.iso) to \(to.iso)") }
                sales = sum
            }
            return try checkedMoney("kpi") { () throws(MoneyError) in
                CollectionKPI(from: from, to: to, beginning: try start.balance(), sales: Money(minor: sales),
                              ending: try end.balance(), endingCurrent: end.buckets[0])
            }
        }
    }

    /// Whether an account assigned to `collector` counts in a report scoped
    /// to `collectors` (nil: the whole book; "" stands for no collector).
    static func counts(_ collector: String?, in collectors: Set<String>?) -> Bool {
        collectors?.contains(collector ?? "") ?? true
    }
}
