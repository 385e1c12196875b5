import TagihCore

extension LedgerReports {
    /// Today's aging summed by the database: the same figures as
    /// `cachedAging`, for a backend where every row read crosses a socket
    /// (`SQLDialect.sumsOnServer`: PostgreSQL).
    ///
    /// `cachedAging` streams a million accounts and 2.6 million open charges
    /// into the process, which SQLite does in-process at memory speed; over
    /// PostgreSQL's wire the decoding alone took 2.4 s of CPU and the whole
    /// report 13 s on the 1M-account ledger. Here the server sums each
    /// account's open charges by bucket, then the buckets by group and
    /// collector, and sends a few hundred rows. The collector filter stays
    /// in Swift (`counts`), as in `cachedAging`, so both read the same rows.
    ///
    /// The buckets: `Buckets.index(daysPastDue:)` written as a CASE over the
    /// configured edges (integers from the ledger's rules, not user text).
    /// Sums come back as `numeric` on PostgreSQL: one beyond Int64 is the
    /// same overflow refusal `cachedAging` gives.
    func groupedAging(_ db: any LedgerSQL, asOf day: Day, by grouping: AgingGrouping,
                      collectors: Set<String>? = nil) throws -> [String: AgingTotals] {
        let column = switch grouping {
        case .none: "NULL"
        case .collector: "a.collector"
        case .segment: "a.segment"
        }
        let width = buckets.count
        var groups: [String: AgingTotals] = [:]
        var overflow = false
        func name(_ c: any SQLCursor) -> String { grouping == .none ? "all" : (c.text(0) ?? AgingReport.noGroup) }
        func exact(_ v: SQLValue) -> Int64 {
            guard let n = v.int else { overflow = true; return 0 }
            return n
        }
        func add(_ a: inout Int64, _ b: Int64) {
            let (sum, o) = a.addingReportingOverflow(b)
            if o { overflow = true } else { a = sum }
        }

        // Both statements answer a few hundred rows, read whole (`small`):
        // PostgreSQL plans no parallel scan for a cursor's statement, and a
        // parallel one here is measured in `scripts/bench --backend postgres`.
        // Accounts: how many, their unapplied credit, how many hold some.
        let accounts = try db.small("""
            SELECT \(column), a.collector, count(*), sum(a.unapplied), sum(CASE WHEN a.unapplied > 0 THEN 1 ELSE 0 END)
            FROM accounts a WHERE a.open_total > 0 OR a.unapplied > 0
            GROUP BY 1, 2
            """, [])
        var unapplied: [String: Int64] = [:]
        while try accounts.step() {
            guard Self.counts(accounts.text(1), in: collectors) else { continue }
            let g = name(accounts)
            var t = groups[g] ?? AgingTotals(bucketCount: width)
            t.accounts += Int(accounts.int(2))
            add(&unapplied[g, default: 0], exact(accounts.value(3)))
            t.unappliedAccounts += Int(accounts.int(4))
            groups[g] = t
        }

        // Open charges: each account's sum per bucket first (NULL for a bucket
        // it holds nothing in, so `count` counts the accounts in the bucket),
        // then by group and collector. One ordered pass over the open-charges
        // index, merged with the accounts in id order: measured on the
        // 1M-account ledger, 2.7–3.4 s where a CTE of (account, bucket) rows
        // took 8.5 s and two separate passes 3.6 s.
        var bucket = "CASE WHEN ?1 - c.due_date <= 0 THEN 0"
        for (i, e) in buckets.edges.enumerated() { bucket += " WHEN ?1 - c.due_date <= \(e) THEN \(i + 1)" }
        bucket += " ELSE \(buckets.edges.count + 1) END"
        let perAccount = (0..<width).map { "sum(b.open_amount) FILTER (WHERE b.b = \($0)) AS s\($0)" }.joined(separator: ", ")
        let perGroup = (0..<width).map { "sum(p.s\($0))" }.joined(separator: ", ") + ", "
            + (0..<width).map { "count(p.s\($0))" }.joined(separator: ", ")
        let charges = try db.small("""
            SELECT \(column), a.collector, sum(p.pd), \(perGroup)
            FROM (SELECT b.account_id, max(CASE WHEN b.b > 0 THEN 1 ELSE 0 END) AS pd, \(perAccount)
                  FROM (SELECT c.account_id, c.open_amount, \(bucket) AS b FROM charges c WHERE c.open_amount > 0) b
                  GROUP BY b.account_id) p
            JOIN accounts a ON a.id = p.account_id
            GROUP BY 1, 2
            """, [.int(Int64(day.ordinal))])
        var sums: [String: [Int64]] = [:]
        while try charges.step() {
            guard Self.counts(charges.text(1), in: collectors) else { continue }
            let g = name(charges)
            var t = groups[g] ?? AgingTotals(bucketCount: width)
            t.pastDueAccounts += Int(charges.int(2))
            for b in 0..<width {
                add(&sums[g, default: Array(repeating: 0, count: width)][b], charges.isNull(Int32(3 + b)) ? 0 : exact(charges.value(Int32(3 + b))))
                t.bucketAccounts[b] += Int(charges.int(Int32(3 + width + b)))
            }
            groups[g] = t
        }
        if overflow { throw StoreError.overflow("an aging total") }
        for (g, var t) in groups {
            t.unapplied = Money(minor: unapplied[g] ?? 0)
            for (b, s) in (sums[g] ?? []).enumerated() { t.buckets[b] = Money(minor: s) }
            groups[g] = t
        }
        return groups
    }
}
