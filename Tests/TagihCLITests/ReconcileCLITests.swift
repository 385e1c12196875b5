import Foundation
import Testing

/// `tagih reconcile` through the real binary (CONTRACT §11, R3): goldens
/// whose every figure is worked out by hand here.
@Suite struct ReconcileCLITests {
    /// The VA report posted (see ProfileImportCLITests): 8808001 BCA26120100017
    /// 1,250,000.00 on 1 Dec and BCA26120200003 99,999.99 on 2 Dec; 8808002
    /// BCA26120100018 750,500.50 on 1 Dec. Plus a VA payment on 3 Dec, outside the period.
    static func ledger() throws -> TagihRunner {
        let t = try ProfileImportCLITests.ledger()
        try t.copyFixture("profiles/bca-va-20261202.csv")
        try t.ok("import", "payments", "bca-va-20261202.csv", "--profile", "bca-va")
        try t.write("late.csv", "account_no,ref,paid_on,amount,channel\n8808001,VA-LATE,2026-12-03,10,VA\n")
        try t.ok("import", "payments", "late.csv")
        // The bank settled one in full, one a sen short, one it has no payment for; 18 it has not settled.
        try t.write("settlement.csv", """
            date,ref,amount,fee
            2026-12-01,BCA26120100017,1250000.00,4000
            2026-12-02,BCA26120200003,99999.98,4000.00
            2026-12-02,BCA-X,5000,2500.50
            2026-12-04,VA-LATE,10,0

            """)
        return t
    }

    @Test func csvGolden() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let out = try t.ok("reconcile", "--channel", "VA", "--statement", "settlement.csv", "--from", "2026-12-01", "--to", "2026-12-02",
                           "--format", "csv")
        // Refs in byte order ('-' before digits); VA-LATE is outside the period on both sides.
        #expect(out == """
            ref,status,account_no,posted_on,posted,settled_on,settled,fee
            BCA-X,settled_not_posted,,,,2026-12-02,5000.00,2500.50
            BCA26120100017,matched,8808001,2026-12-01,1250000.00,2026-12-01,1250000.00,4000.00
            BCA26120100018,posted_not_settled,8808002,2026-12-01,750500.50,,,
            BCA26120200003,amount_differs,8808001,2026-12-02,99999.99,2026-12-02,99999.98,4000.00

            """)
    }

    @Test func jsonTotals() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let out = try t.ok("reconcile", "--channel", "VA", "--statement", "settlement.csv", "--from", "2026-12-01", "--to", "2026-12-02",
                           "--format", "json")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let totals = try #require(json["totals"] as? [String: Any])
        // Posted 1,250,000.00 + 750,500.50 + 99,999.99 = 2,100,500.49.
        #expect(totals["posted"] as? String == "2100500.49")
        // Settled 1,250,000.00 + 99,999.98 + 5,000.00 = 1,354,999.98.
        #expect(totals["settled"] as? String == "1354999.98")
        // Fees 4,000.00 + 4,000.00 + 2,500.50 = 10,500.50.
        #expect(totals["fees"] as? String == "10500.50")
        // 2,100,500.49 - 1,354,999.98 = 745,500.51.
        #expect(totals["difference"] as? String == "745500.51")
        #expect(totals["matched"] as? Int == 1 && totals["amount_differs"] as? Int == 1)
        #expect(totals["posted_not_settled"] as? Int == 1 && totals["settled_not_posted"] as? Int == 1)
        #expect((json["rows"] as? [Any])?.count == 4)
    }

    @Test func tableInBothLanguages() throws {
        var t = try Self.ledger()
        defer { t.cleanup() }
        let args = ["reconcile", "--channel", "VA", "--statement", "settlement.csv", "--from", "2026-12-01", "--to", "2026-12-02"]
        let en = try t.ok(args)
        let rule = [14, 19, 7, 10, 14, 10, 13, 12].map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        #expect(en == """
            Reconciliation of channel VA
            Period 1 December 2026 – 2 December 2026
            Settlement statement: settlement.csv

              Ref             Status               Account  Posted on           Posted  Settled on        Settled           Fee
              \(rule)
              BCA-X           settled, not posted                                       2026-12-02      IDR 5,000  IDR 2,500.50
              BCA26120100017  matched              8808001  2026-12-01   IDR 1,250,000  2026-12-01  IDR 1,250,000     IDR 4,000
              BCA26120100018  posted, not settled  8808002  2026-12-01  IDR 750,500.50
              BCA26120200003  amount differs       8808001  2026-12-02   IDR 99,999.99  2026-12-02  IDR 99,999.98     IDR 4,000

            Totals:
              Posted: IDR 2,100,500.49
              Settled: IDR 1,354,999.98
              Fees: IDR 10,500.50
              Difference (posted − settled): IDR 745,500.51
              matched 1; posted, not settled 1; settled, not posted 1; amount differs 1

            """, "\(en)")
        t.environment["LANG"] = "id_ID.UTF-8"
        let id = try t.ok(args)
        #expect(id.contains("  Selisih (dibukukan − diselesaikan): Rp745.500,51\n"), "\(id)")
        #expect(id.contains("jumlah berbeda"), "\(id)")
    }

    /// The QRIS export is its own settlement statement under its profile:
    /// 100,000.00 + 25,000.50 + 300,000.00 matched, fees 700 + 175 + 2,100.
    @Test func aProfileReadsTheStatement() throws {
        let t = try ProfileImportCLITests.ledger()
        defer { t.cleanup() }
        try t.copyFixture("profiles/qris-20261202.csv")
        try t.ok("import", "payments", "qris-20261202.csv", "--profile", "qris-aggregator")
        let out = try t.ok("reconcile", "--channel", "QRIS", "--statement", "qris-20261202.csv", "--from", "2026-12-01", "--to", "2026-12-31",
                           "--profile", "qris-aggregator", "--format", "csv")
        #expect(out == """
            ref,status,account_no,posted_on,posted,settled_on,settled,fee
            612345000001,matched,8808002,2026-12-01,100000.00,2026-12-01,100000.00,700.00
            612345000002,matched,8808001,2026-12-01,25000.50,2026-12-01,25000.50,175.00
            612345000003,matched,8808002,2026-12-02,300000.00,2026-12-02,300000.00,2100.00

            """)
    }

    /// A payment reversed by the end of the period is no longer posted:
    /// BCA26120100018 (750,500.50) reversed on 2 Dec leaves the rows, and
    /// posted falls to 2,100,500.49 - 750,500.50 = 1,349,999.99; reversed
    /// after the period, it stays.
    @Test func aReversedPaymentIsNotPosted() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.write("adj.csv", "account_no,ref,date,kind,payment_ref,channel,reason\n8808002,REV-1,2026-12-02,reversal,BCA26120100018,VA,bounced\n")
        try t.ok("import", "adjustments", "adj.csv")
        let args = ["reconcile", "--channel", "VA", "--statement", "settlement.csv", "--from", "2026-12-01", "--format", "json"]
        let inside = try #require(try JSONSerialization.jsonObject(with: Data(try t.ok(args + ["--to", "2026-12-02"]).utf8)) as? [String: Any])
        #expect((inside["totals"] as? [String: Any])?["posted"] as? String == "1349999.99")
        #expect((inside["rows"] as? [[String: Any]])?.map { $0["ref"] as? String } == ["BCA-X", "BCA26120100017", "BCA26120200003"])
        let before = try #require(try JSONSerialization.jsonObject(with: Data(try t.ok(args + ["--to", "2026-12-01"]).utf8)) as? [String: Any])
        // To 1 Dec: 1,250,000.00 + 750,500.50 posted, the reversal not yet made.
        #expect((before["totals"] as? [String: Any])?["posted"] as? String == "2000500.50")
    }

    @Test func onlyLeadsAndAdminsAndABadLineIsNamed() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.ok("user", "add", "kol01", "--name", "Rudi Hartono", "--role", "collector", "--team", "T1")
        let refused = try t.run("--as", "kol01", "reconcile", "--channel", "VA", "--statement", "settlement.csv", "--from", "2026-12-01",
                                "--to", "2026-12-02")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("reconcile payments"), "\(refused.stderr)")
        try t.write("bad.csv", "date,ref,amount,fee\n2026-12-01,R1,10,0\n2026-12-01,R2,1.000,0\n")
        let bad = try t.run("reconcile", "--channel", "VA", "--statement", "bad.csv", "--from", "2026-12-01", "--to", "2026-12-02")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv refused: line 3: amount: bad amount 1.000"), "\(bad.stderr)")
        #expect(bad.stdout.isEmpty)
    }
}
