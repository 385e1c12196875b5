import Foundation
import Testing

/// `report roll-rate` and `report kpi` on the worked example.
@Suite(.serialized) struct LeadReportCLITests {
    @Test func rollRateRowsSumAndKPIsAgreeWithAging() throws {
        let t = try ExampleGoldenTests.loadedExample()
        defer { t.cleanup() }
        for k in ["accounts", "charges", "payments", "adjustments"] { _ = try t.run("--db", "ex.db", "import", k, "\(k).csv") }
        let csv = try t.ok("--db", "ex.db", "report", "roll-rate", "--from", "2025-01-31", "--to", "2025-03-31", "--format", "csv")
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 6)
        func cents(_ s: String) -> Int64 { Int64(s.replacingOccurrences(of: ".", with: ""))! }
        var opening: Int64 = 0
        for r in rows {
            #expect(cents(r[2]) == r[3...].map(cents).reduce(0, +), "row \(r[0]) sums to its opening balance")
            opening += cents(r[2])
        }
        #expect(opening > 0)
        let kpi = try t.ok("--db", "ex.db", "report", "kpi", "--from", "2025-02-01", "--to", "2025-03-31", "--format", "csv")
        let fields = kpi.split(separator: "\n")[1].split(separator: ",").map(String.init)
        let aging = try t.ok("--db", "ex.db", "report", "aging", "--as-of", "2025-03-31", "--format", "csv").split(separator: "\n")[1].split(separator: ",")
        #expect(fields[5] == String(aging[9]), "the ending receivables are the aging balance as of --to")
        #expect(fields[6] == String(aging[2]), "not yet due is the aging's current bucket")
        #expect(try t.run("--db", "ex.db", "report", "roll-rate", "--from", "2025-03-31", "--to", "2025-01-31").status == 2)

        // One collector's figures: the collector rows of aging, and the book's split between them.
        let agingByCollector = try t.ok("--db", "ex.db", "report", "aging", "--as-of", "2025-03-31", "--by", "collector", "--format", "csv")
        let col01Aging = try #require(agingByCollector.split(separator: "\n").first { $0.hasPrefix("col01,") }).split(separator: ",")
        let col01 = try t.ok("--db", "ex.db", "report", "kpi", "--from", "2025-02-01", "--to", "2025-03-31", "--collector", "col01", "--format", "csv")
        #expect(col01.split(separator: "\n")[1].split(separator: ",")[5] == col01Aging[9], "col01's ending receivables are col01's aging balance")
        var split: Int64 = 0
        for who in ["col01", "col02"] {
            let rows = try t.ok("--db", "ex.db", "report", "roll-rate", "--from", "2025-01-31", "--to", "2025-03-31", "--collector", who, "--format", "csv")
            split += rows.split(separator: "\n").dropFirst().map { cents(String($0.split(separator: ",")[2])) }.reduce(0, +)
        }
        let none = rows.map { cents($0[2]) }.reduce(0, +) - split
        #expect(none >= 0 && split > 0, "the accounts of col01 and col02 hold part of the book's opening balance")
        let unknown = try t.run("--db", "ex.db", "report", "kpi", "--from", "2025-02-01", "--to", "2025-03-31", "--collector", "nobody")
        #expect(unknown.status == 1 && unknown.stderr == "tagih: --collector nobody: unknown user\n")
    }

    /// Loads Fixtures/hand (seven accounts) with col01 and col02.
    static func handLedger() throws -> TagihRunner {
        let t = try TagihRunner()
        for f in ["accounts.csv", "charges.csv", "payments.csv", "adjustments.csv"] { try t.copyFixture("hand/\(f)") }
        try t.ok("--db", "h.db", "init")
        try t.ok("--db", "h.db", "user", "add", "col01", "--name", "Kolektor Satu", "--role", "collector")
        try t.ok("--db", "h.db", "user", "add", "col02", "--name", "Kolektor Dua", "--role", "collector")
        for k in ["accounts", "charges", "payments", "adjustments"] { try t.ok("--db", "h.db", "import", k, "\(k).csv") }
        return t
    }

    /// Roll rates and KPIs worked out by hand on Fixtures/hand, not written
    /// by the program. How: each account's position on each day from the
    /// contract's §5 rules (open amount, days past due = day − due date,
    /// default buckets current ≤ 0, 1-30, 31-60, 61-90, 91-120, 121+), then
    /// the README's definitions (a roll-rate row: the accounts whose oldest
    /// open charge was in that bucket on --from, at their balance then, by
    /// their bucket on --to or closed; CEI and DSO by their formulas, to the
    /// hundredth, rounded down).
    ///
    /// | account (collector) | entries | 2025-01-31 | 2025-02-28 |
    /// |---|---|---|---|
    /// | H1 (col01) | C1 1,000 due 2024-12-31 | 1,000, 31 days → 31-60 | 1,000, 59 days → 31-60 |
    /// | H2 (col01) | C2 500 due 01-15; paid 500 on 02-10 | 500, 16 days → 1-30 | 0 → closed |
    /// | H3 (col01) | C3 800 issued 01-10 due 02-09; paid 300 on 02-20 | 800, not due → current | 500, 19 days → 1-30 |
    /// | H4 (col02) | C4 600 issued 02-05 due 03-07 | no charge yet | 600, not due → current |
    /// | H5 (col02) | C5 400 due 2024-10-31; written off 02-15 | 400, 30+31+31 = 92 days → 91-120 | 0 → closed |
    /// | H6 (none) | debit D6 200 dated and due 02-12 | no charge yet | 200, 16 days → 1-30 |
    /// | H7 (none) | payment 150 on 01-20, no charge | −150 (unapplied) | −150 (unapplied) |
    ///
    /// Roll rates 2025-01-31 → 2025-02-28 (H4, H6 had no balance on the first
    /// day and H7 none positive: they open no row):
    ///   current  1 account (H3)  800 → 1-30 800
    ///   1-30     1 account (H2)  500 → closed 500
    ///   31-60    1 account (H1) 1000 → 31-60 1000
    ///   91-120   1 account (H5)  400 → closed 400
    ///
    /// KPIs 2025-02-01 … 2025-02-28 (28 days; "start" is 2025-01-31):
    ///   beginning = 1000 + 500 + 800 + 400 − 150 = 2550.00
    ///   sales     = C4 600 + D6 200 (issued in February)  = 800.00
    ///   ending    = 1000 + 0 + 500 + 600 + 0 + 200 − 150 = 2150.00
    ///   ending not yet due (current bucket) = H4 600.00
    ///   CEI = (2550 + 800 − 2150) / (2550 + 800 − 600) × 100 = 1200 / 2750 × 100
    ///       = 43.6363… → 43.63
    ///   DSO = 2150 / 800 × 28 = 75.25 days
    /// col01 only (H1, H2, H3): beginning 2300, sales 0, ending 1500, current 0:
    ///   CEI = (2300 + 0 − 1500) / (2300 + 0 − 0) × 100 = 34.7826… → 34.78; DSO none (no sales).
    /// col02 only (H4, H5): beginning 400, sales 600, ending 600, current 600:
    ///   CEI = (400 + 600 − 600) / (400 + 600 − 600) × 100 = 100.00; DSO = 600 / 600 × 28 = 28.00.
    @Test func handComputedRollRatesAndKPIs() throws {
        let t = try Self.handLedger()
        defer { t.cleanup() }
        let roll = try t.ok("--db", "h.db", "report", "roll-rate", "--from", "2025-01-31", "--to", "2025-02-28", "--format", "csv")
        #expect(roll == """
            from,accounts,opening,current,1-30,31-60,61-90,91-120,121+,closed
            current,1,800.00,0.00,800.00,0.00,0.00,0.00,0.00,0.00
            1-30,1,500.00,0.00,0.00,0.00,0.00,0.00,0.00,500.00
            31-60,1,1000.00,0.00,0.00,1000.00,0.00,0.00,0.00,0.00
            61-90,0,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00
            91-120,1,400.00,0.00,0.00,0.00,0.00,0.00,0.00,400.00
            121+,0,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00

            """)
        let kpi = ["--db", "h.db", "report", "kpi", "--from", "2025-02-01", "--to", "2025-02-28", "--format", "csv"]
        let header = "from,to,days,beginning,sales,ending,ending_current,cei_percent,dso_days\n"
        #expect(try t.ok(kpi) == header + "2025-02-01,2025-02-28,28,2550.00,800.00,2150.00,600.00,43.63,75.25\n")
        #expect(try t.ok(kpi + ["--collector", "col01"]) == header + "2025-02-01,2025-02-28,28,2300.00,0.00,1500.00,0.00,34.78,\n")
        #expect(try t.ok(kpi + ["--collector", "col02"]) == header + "2025-02-01,2025-02-28,28,400.00,600.00,600.00,600.00,100.00,28.00\n")
        // The beginning and ending are the aging balances of those days (the aging is checked against the contract's worked example).
        let aging = try t.ok("--db", "h.db", "report", "aging", "--as-of", "2025-02-28", "--format", "csv")
        #expect(aging.hasSuffix("\nall,5,600.00,700.00,1000.00,0.00,0.00,0.00,150.00,2150.00\n"), "\(aging)")
    }

    /// `report kpi` trapped (SIGILL, exit 132) on a one-day period with a
    /// huge balance — both reproduced with the debug binary before the fix:
    /// the DSO's ratio guard let a quotient beyond 64 bits through
    /// ("Quotient is not representable"), and the CEI's beginning + sales was
    /// an unchecked sum ("arithmetic overflow").
    @Test func kpiOnAOneDayPeriodWithAHugeBalanceDoesNotTrap() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("--db", "b.db", "init")
        // A: 1,000,000,000,000,000.00 due 02-28 and a 0.01 charge on 03-01.
        try t.write("a.csv", "account_no,name\nB1,Besar\nX1,Satu\nX2,Dua\n")
        try t.write("c1.csv", "account_no,ref,issue_date,due_date,amount\nB1,C1,2025-02-01,2025-02-28,1000000000000000.00\nB1,C2,2025-03-01,2025-03-31,0.01\n")
        try t.ok("--db", "b.db", "import", "accounts", "a.csv")
        try t.ok("--db", "b.db", "import", "charges", "c1.csv")
        let a = try t.run("--db", "b.db", "report", "kpi", "--from", "2025-03-01", "--to", "2025-03-01", "--format", "csv")
        #expect(a.status == 0, "exit \(a.status): \(a.stderr)")
        // beginning 1e15.00; sales 0.01; ending 1e15.01 of which 0.01 current (C1 is a day late).
        // CEI = (B + S − E) / (B + S − Ec) = 0 / 1e15 = 0.00.
        // DSO = E / S × 1 day = 100,000,000,000,000,001 days: beyond 64 bits in hundredths, so no figure (empty), not a trap.
        #expect(a.stdout.hasSuffix("\n2025-03-01,2025-03-01,1,1000000000000000.00,0.01,1000000000000000.01,0.01,0.00,\n"), "\(a.stdout)")

        // B: 50,000,000,000,000,000.00 charged on X1 03-01 and paid 03-02; the same charged on X2 03-02.
        // The book never held more than one of them, but beginning (03-01) + sales (03-02) is 2 × 5e18 sen > Int64.max.
        try t.write("c2.csv", "account_no,ref,issue_date,due_date,amount\nX1,C3,2025-03-01,2025-03-01,50000000000000000.00\n")
        try t.write("p2.csv", "account_no,ref,paid_on,amount,channel\nX1,P3,2025-03-02,50000000000000000.00,VA\n")
        try t.write("c3.csv", "account_no,ref,issue_date,due_date,amount\nX2,C4,2025-03-02,2025-03-31,50000000000000000.00\n")
        try t.ok("--db", "b.db", "import", "charges", "c2.csv")
        try t.ok("--db", "b.db", "import", "payments", "p2.csv")
        // The second 5e18 sen would take what the book was ever charged past 64 bits (1e17 + 0.01 + 2 × 5e18 sen):
        // refused whole at import (R9), so that no report can overflow on what was accepted.
        let refused = try t.run("--db", "b.db", "import", "charges", "c3.csv")
        #expect(refused.status == 1)
        #expect(refused.stderr == "tagih: importing c3.csv failed, nothing posted: amount overflow: the book's total charged exceeds what Tagih can hold exactly\n")
        // beginning (03-01) = B1 1e15.01 + X1 5e16 = 51,000,000,000,000,000.01; no sales on 03-02;
        // ending = B1 1e15.01 (X1 paid), of which current 0.01 (C2, due 03-31).
        // CEI = (B + S − E) / (B + S − Ec) = 5e16 / (5.1e16 − 0.01) = 98.039…% → 98.03; DSO = E / S: no sales, no figure.
        let book = try t.run("--db", "b.db", "report", "kpi", "--from", "2025-03-02", "--to", "2025-03-02", "--format", "csv")
        #expect(book.status == 0, "exit \(book.status): \(book.stderr)")
        #expect(book.stdout.hasSuffix("\n2025-03-02,2025-03-02,1,51000000000000000.01,0.00,1000000000000000.01,0.01,98.03,\n"), "\(book.stdout)")
        for format in ["table", "json"] {
            let r = try t.run("--db", "b.db", "report", "kpi", "--from", "2025-03-01", "--to", "2025-03-02", "--format", format)
            #expect(r.status == 0, "\(format): exit \(r.status): \(r.stderr)")
        }
        #expect(try t.run("--db", "b.db", "check").status == 0)
    }
}
