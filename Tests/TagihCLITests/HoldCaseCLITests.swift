import Foundation
import Testing

/// `tagih hold`, `release`, `case …` and `report cases` through the real
/// binary (CONTRACT §9); every figure below is worked out by hand in the comments.
@Suite(.serialized) struct HoldCaseCLITests {
    /// A1 owes 3,000,000 and A2 1,000,000 (kol01's); lead01 leads T1. The
    /// shipped holidays hold 24-25 Dec 2026, 1 and 5 Jan 2027.
    static func ledger() throws -> TagihRunner {
        let t = try TagihRunner()
        try t.ok("init")
        try t.ok("user", "add", "kol01", "--name", "Rudi", "--role", "collector", "--team", "T1")
        try t.ok("user", "add", "kol02", "--name", "Sari", "--role", "collector", "--team", "T1")
        try t.ok("user", "add", "lead01", "--name", "Hendra", "--role", "lead", "--team", "T1")
        try t.write("a.csv", "account_no,name,collector\nA1,Siti Rahayu,kol01\nA2,Bayu,kol01\nB1,Citra,kol02\n")
        try t.write("c.csv", """
            account_no,ref,issue_date,due_date,amount
            A1,I1,2026-09-01,2026-09-30,3000000
            A2,I2,2026-09-01,2026-09-30,1000000
            B1,I3,2026-09-01,2026-09-30,1000000

            """)
        try t.ok("import", "accounts", "a.csv")
        try t.ok("import", "charges", "c.csv")
        return t
    }

    func run(_ t: TagihRunner, as user: String, on day: String, _ args: String...) throws -> TagihRunner.Result {
        var r = t
        r.user = user
        return try r.run(["--today", day] + args)
    }

    @Test func aDisputeBlocksContactUntilItsApprovedCreditResolvesIt() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        // Opened Monday 14 Dec 2026: 15-18, 21-23, (24, 25 holidays), 28, 29, 30 → due 30 Dec.
        let open = try run(t, as: "kol01", on: "2026-12-14", "case", "open", "A1", "--type", "dispute", "--summary", "I1 billed twice",
                           "--charge", "I1", "--amount", "1500000", "--via", "phone")
        #expect(open.status == 0 && open.stdout.hasPrefix("case 1 open, due 2026-12-30\n"), "\(open)")
        var probe = t
        probe.user = "lead01"
        probe.environment["TAGIH_NOW"] = "2026-12-14T10:00"
        let can = try probe.run("can-contact", "A1")
        #expect(can.status == 1 && can.stdout.hasPrefix("blocked: on hold (dispute since 2026-12-14); no end set\n"))
        let logged = try probe.run("contact", "log", "A1", "--channel", "phone", "--outcome", "NA", "--override", "urgent")
        #expect(logged.status == 1 && logged.stderr == "tagih: blocked: on hold (dispute since 2026-12-14); no end set\n", "R5")
        let inbound = try probe.run("contact", "log", "A1", "--channel", "phone", "--outcome", "RPC", "--inbound")
        #expect(inbound.status == 0, "the debtor may still call us")
        let json = try run(t, as: "kol01", on: "2026-12-14", "account", "A1", "--format", "json").stdout
        #expect(json.contains("""
              "holds": [
                {
                  "kind": "dispute",
                  "since": "2026-12-14",
                  "until": null,
                  "reason": "case 1: I1 billed twice"
                }
              ],
            """))
        // Extended once on 21 Dec: 10 more working days after 30 Dec: 31, (1 Jan), 4, (5), 6, 7, 8, 11-15 → 15 Jan.
        #expect(try run(t, as: "kol01", on: "2026-12-21", "case", "extend", "1", "--reason", "waiting for the bank").stdout
                == "case 1 extended, due 2027-01-15\n")
        #expect(try run(t, as: "kol01", on: "2026-12-21", "case", "extend", "1", "--reason", "again").status == 1)
        let resolve = try run(t, as: "kol01", on: "2026-12-22", "case", "resolve", "1", "--outcome", "partly", "--note", "half", "--credit", "1500000")
        #expect(resolve.stdout == "case 1 awaiting approval\n")
        #expect(try run(t, as: "kol01", on: "2026-12-22", "case", "approve", "1").stderr
                == "tagih: only a lead or admin may approve case credits; kol01 is a collector\n")
        #expect(try run(t, as: "lead01", on: "2026-12-23", "case", "approve", "1").stdout == "case 1 resolved, credited 1500000.00 as CASE-1\n")
        #expect(try run(t, as: "lead01", on: "2026-12-23", "case", "approve", "1").stderr == "tagih: case 1 is resolved, not awaiting approval\n")
        // 3,000,000 - 1,500,000; the hold is released.
        let after = try run(t, as: "kol01", on: "2026-12-23", "account", "A1", "--format", "json").stdout
        #expect(after.contains("\"balance\": \"1500000.00\"") && after.contains("\"holds\": []"))
        #expect(try run(t, as: "admin01", on: "2026-12-23", "check").status == 0)
    }

    @Test func caseListAndReportCasesByHand() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        // Case 1: question, opened Tue 1 Dec, due 15 Dec (2-4, 7-11, 14, 15); resolved 3 Dec: 2 days, in time.
        _ = try run(t, as: "kol01", on: "2026-12-01", "case", "open", "A2", "--type", "question", "--summary", "what is I2")
        _ = try run(t, as: "kol01", on: "2026-12-03", "case", "resolve", "1", "--outcome", "rejected", "--note", "explained")
        // Case 2: question, opened 1 Dec, due 15 Dec; resolved by the lead with a credit on 21 Dec: 20 days, late.
        _ = try run(t, as: "kol01", on: "2026-12-01", "case", "open", "A2", "--type", "question", "--summary", "late fee")
        _ = try run(t, as: "lead01", on: "2026-12-21", "case", "resolve", "2", "--outcome", "upheld", "--note", "fee waived", "--credit", "50000")
        // Case 3: question, opened Wed 2 Dec, due 16 Dec, still open on 31 Dec: overdue.
        _ = try run(t, as: "kol01", on: "2026-12-02", "case", "open", "A2", "--type", "question", "--summary", "statement")
        // Case 4: complaint, kol02's account, opened 10 Dec, due 24 Dec → 11, 14-18, 21-23, 28 → due 28 Dec; open on 23 Dec.
        _ = try run(t, as: "kol02", on: "2026-12-10", "case", "open", "B1", "--type", "complaint", "--summary", "rude", "--via", "ojk")
        // Case 5: question opened in November: not opened in the period, resolved in it on 4 Dec (opened 27 Nov: 7 days).
        _ = try run(t, as: "kol01", on: "2026-11-27", "case", "open", "A1", "--type", "question", "--summary", "old")
        _ = try run(t, as: "kol01", on: "2026-12-04", "case", "resolve", "5", "--outcome", "rejected", "--note", "done")

        let overdue = try run(t, as: "lead01", on: "2026-12-23", "case", "list", "--status", "overdue", "--format", "csv")
        #expect(overdue.stdout == """
            id,account_no,type,opened,due,status,resolved,outcome,credit,summary
            3,A2,question,2026-12-02,2026-12-16,overdue,,,,statement

            """)
        // A collector lists only their own accounts' cases (R4).
        let mine = try run(t, as: "kol02", on: "2026-12-23", "case", "list", "--format", "csv")
        #expect(mine.stdout == """
            id,account_no,type,opened,due,status,resolved,outcome,credit,summary
            4,B1,complaint,2026-12-10,2026-12-28,open,,,,rude

            """)
        // Questions in December: opened 1, 2, 3 (case 5 was opened in November); resolved 1, 2, 5;
        // in time 1 and 5 (due 11 Dec: 30 Nov-4, 7-11); overdue open on 31 Dec: case 3;
        // median of 2, 20, 7 days = 7; credited 50,000. Complaint: opened 1, open and overdue on 31 Dec (due 28 Dec).
        let report = try run(t, as: "lead01", on: "2026-12-31", "report", "cases", "--from", "2026-12-01", "--to", "2026-12-31", "--format", "csv")
        #expect(report.stdout == """
            type,opened,resolved,resolved_in_time,overdue_open,median_days,credited
            question,3,3,2,1,7,50000.00
            dispute,0,0,0,0,,0.00
            complaint,1,0,0,1,,0.00
            restructure,0,0,0,0,,0.00

            """, "\(report)")
        let kol02 = try run(t, as: "kol02", on: "2026-12-31", "report", "cases", "--from", "2026-12-01", "--to", "2026-12-31", "--format", "csv")
        #expect(kol02.stdout.contains("question,0,0,0,0,,0.00\n") && kol02.stdout.contains("complaint,1,0,0,1,,0.00\n"))
    }

    @Test func holdsByTheRules() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let legal = try run(t, as: "kol01", on: "2026-12-14", "hold", "A1", "--kind", "legal", "--reason", "court")
        #expect(legal.status == 1 && legal.stderr == "tagih: a collector may place only dispute or hardship holds, not legal; kol01 is a collector\n")
        #expect(try run(t, as: "lead01", on: "2026-12-14", "hold", "A1", "--kind", "cease", "--reason", "asked us to stop", "--until", "2026-12-31").stdout
                == "hold 1 cease since 2026-12-14 until 2026-12-31\n")
        var probe = t
        probe.environment["TAGIH_NOW"] = "2026-12-15T10:00"
        // Next allowed: the first contact hour after the hold's last day: Saturday 2 Jan 2027 08:00 (1 Jan is a holiday).
        #expect(try probe.run("can-contact", "A1").stdout.hasPrefix("blocked: on hold (cease since 2026-12-14); next allowed 2027-01-02 08:00 WIB\n"))
        let promise = try probe.run("contact", "log", "A1", "--channel", "phone", "--outcome", "PTP", "--inbound", "--promise", "100",
                                    "--promise-date", "2026-12-20")
        #expect(promise.status == 1 && promise.stderr.contains("no promise to pay is taken while it holds"))
        #expect(try run(t, as: "kol01", on: "2026-12-15", "release", "A1", "--kind", "cease", "--reason", "x").status == 1)
        #expect(try run(t, as: "lead01", on: "2026-12-15", "release", "A1", "--kind", "cease", "--reason", "spoke again").stdout
                == "hold 1 cease since 2026-12-14 released 2026-12-15\n")
        #expect(try probe.run("can-contact", "A1").stdout.hasPrefix("allowed\n"))
    }
}
