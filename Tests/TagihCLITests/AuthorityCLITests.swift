import Foundation
import Testing

/// CONTRACT §1a's table through the real binary: each refusal is exit 1,
/// one sentence naming the role and the rule, and changes nothing.
@Suite(.serialized) struct AuthorityCLITests {
    /// Team T1: kol01 (may give 10%), kol02, lead01. Team T2: kol09, lead02.
    /// A1 is kol01's, A2 kol02's, A9 kol09's, A0 nobody's; each owes 3,000,000.
    static func ledger() throws -> TagihRunner {
        let t = try TagihRunner()
        try t.ok("init")
        try t.ok("user", "add", "kol01", "--name", "Rudi", "--role", "collector", "--discount-limit", "10", "--team", "T1")
        try t.ok("user", "add", "kol02", "--name", "Sri", "--role", "collector", "--team", "T1")
        try t.ok("user", "add", "lead01", "--name", "Hendra", "--role", "lead", "--team", "T1")
        try t.ok("user", "add", "kol09", "--name", "Ani", "--role", "collector", "--team", "T2")
        try t.ok("user", "add", "lead02", "--name", "Theresia", "--role", "lead", "--team", "T2")
        try t.write("a.csv", "account_no,name,collector\nA1,Satu,kol01\nA2,Dua,kol02\nA9,Sembilan,kol09\nA0,Nol,\n")
        try t.write("c.csv", "account_no,ref,issue_date,due_date,amount\n"
                    + ["A1", "A2", "A9", "A0"].map { "\($0),I-\($0),2026-09-01,2026-09-30,3000000\n" }.joined())
        try t.ok("import", "accounts", "a.csv")
        try t.ok("import", "charges", "c.csv")
        return t
    }

    func run(_ t: TagihRunner, _ user: String, _ args: String...) throws -> TagihRunner.Result {
        try t.run(["--as", user, "--today", "2026-11-23"] + args)
    }

    func refused(_ r: TagihRunner.Result, _ sentence: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == 1, "exit \(r.status)", sourceLocation: sourceLocation)
        #expect(r.stderr == "tagih: \(sentence)\n", sourceLocation: sourceLocation)
    }

    @Test func importsNightlyAndUsersAreNotACollectorsOrALeads() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let before = try t.ok("report", "aging", "--format", "csv")
        try t.write("p.csv", "account_no,ref,paid_on,amount,channel\nA1,P1,2026-11-20,1000000,VA\n")
        refused(try run(t, "kol01", "import", "payments", "p.csv"), "only an admin or the batch login may import files; kol01 is a collector")
        refused(try run(t, "lead01", "import", "payments", "p.csv"), "only an admin or the batch login may import files; lead01 is a lead")
        try FileManager.default.createDirectory(atPath: t.path("inbox"), withIntermediateDirectories: true)
        try t.write("inbox/payments-1.csv", "account_no,ref,paid_on,amount,channel\nA1,P2,2026-11-20,1000000,VA\n")
        refused(try run(t, "kol01", "nightly", "inbox"), "only an admin or the batch login may run the nightly batch; kol01 is a collector")
        #expect(FileManager.default.fileExists(atPath: t.path("inbox/payments-1.csv")), "the inbox is untouched")
        refused(try run(t, "lead01", "user", "add", "x", "--name", "X", "--role", "admin"), "only an admin may manage users; lead01 is a lead")
        #expect(try t.ok("report", "aging", "--format", "csv") == before, "nothing was posted")
        var id = t
        id.environment["LANG"] = "id_ID.UTF-8"
        refused(try run(id, "kol01", "import", "payments", "p.csv"), "hanya admin atau login batch yang boleh mengimpor berkas; kol01 adalah kolektor")
    }

    @Test func collectorsProposeForTheirOwnOrUnassignedAccounts() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        refused(try run(t, "kol01", "plan", "propose", "A2", "--instalments", "2"),
                "kol01 may propose plans only for accounts assigned to them or unassigned; account A2 is kol02's")
        #expect(try run(t, "kol01", "plan", "propose", "A1", "--instalments", "2").stdout.hasPrefix("plan 1 active\n"))
        #expect(try run(t, "kol01", "plan", "propose", "A0", "--instalments", "2").stdout.hasPrefix("plan 2 active\n"))
        refused(try run(t, "lead01", "plan", "propose", "A9", "--instalments", "2"), "lead01 leads team T1; account A9 belongs to team T2")
        #expect(try run(t, "lead01", "plan", "propose", "A2", "--instalments", "2").stdout.hasPrefix("plan 3 active\n"))
    }

    @Test func approvalsStayInTheTeamWithinTheLeadsAuthorityAndNeverOnesOwn() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        // 24 instalments at 30% off: beyond a collector's and beyond a lead's authority (12).
        #expect(try run(t, "kol01", "plan", "propose", "A1", "--instalments", "24", "--discount", "30").stdout.hasPrefix("plan 1 pending\n"))
        refused(try run(t, "lead01", "plan", "approve", "1"), "the plan is beyond lead01's own authority: it waits for an admin")
        refused(try run(t, "lead02", "plan", "approve", "1"), "lead02 leads team T2; account A1 belongs to team T1")
        #expect(try run(t, "lead01", "plan", "show", "1", "--format", "json").stdout.contains("\"status\": \"pending\""))
        #expect(try run(t, "admin01", "plan", "approve", "1").stdout == "plan 1 active\n")
        // Within the lead's authority but the lead's own request: another lead of the team, or an admin, decides.
        #expect(try run(t, "lead01", "plan", "propose", "A2", "--instalments", "24").stdout.hasPrefix("plan 2 pending\n"))
        refused(try run(t, "lead01", "plan", "approve", "2"), "nobody decides a plan they proposed themselves (lead01)")
        refused(try run(t, "lead01", "plan", "decline", "2", "--reason", "x"), "nobody decides a plan they proposed themselves (lead01)")
        // Within a lead's authority: the lead of the team approves.
        #expect(try run(t, "kol01", "plan", "propose", "A1", "--instalments", "8").stdout.hasPrefix("plan 3 pending\n"))
        refused(try run(t, "kol01", "plan", "approve", "3"), "only a lead or admin may approve plans; kol01 is a collector")
        #expect(try run(t, "lead01", "plan", "approve", "3").stdout == "plan 3 active\n")
        #expect(try t.run("check").status == 0)
    }
}

/// Clock overrides record only for admins; every record keeps the real
/// clock time; `tagih audit` names the real person and the acting user.
@Suite(.serialized) struct ClockAndAuditCLITests {
    @Test func aMovedClockRecordsOnlyForAnAdminAndTheTrailKeepsTheRealTime() throws {
        var t = try AuthorityCLITests.ledger()
        defer { t.cleanup() }
        let me = TagihRunner.realLogin
        // The person is an admin: acting as kol01 with a fixed day and moment is allowed (R1).
        t.environment["TAGIH_NOW"] = "2026-11-23T10:00"
        t.user = "kol01"
        try t.ok("--today", "2026-11-23", "contact", "log", "A1", "--channel", "phone", "--outcome", "NA")
        t.environment["TAGIH_NOW"] = nil
        t.user = "admin01"
        let csv = try t.ok("audit", "--format", "csv")
        let last = try #require(csv.split(separator: "\n").last.map(String.init))
        let realDay = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(last.hasPrefix(realDay), "the record keeps the real clock's time, not TAGIH_NOW: \(last)")
        #expect(last.contains(",2026-11-23,\(me),kol01,contact.log,"), "business day, the person, the acting user: \(last)")
        // The person becomes a collector: a moved clock no longer records, and changes nothing.
        t.user = me
        try t.ok("--as", "admin01", "user", "set", me, "--role", "collector", "--team", "T1")
        let moved = try t.run("--today", "2026-11-23", "contact", "log", "A1", "--channel", "phone", "--outcome", "NA")
        #expect(moved.status == 1)
        #expect(moved.stderr == "tagih: --today, TAGIH_TODAY and TAGIH_NOW are for admins on a command that records; \(me) is a collector\n")
        t.environment["TAGIH_NOW"] = "2026-11-23T10:00"
        #expect(try t.run("contact", "log", "A1", "--channel", "phone", "--outcome", "NA").status == 1)
        t.environment["TAGIH_NOW"] = nil
        #expect(try t.run("--today", "2026-11-23", "account", "A1").status == 0, "reading with a moved clock is for everyone")
        let audit = try t.run("audit")
        #expect(audit.status == 1 && audit.stderr == "tagih: only an admin may read the audit trail; \(me) is a collector\n")
        let check = try t.run("check")
        #expect(check.status == 1 && check.stderr == "tagih: only an admin or the batch login may check the ledger; \(me) is a collector\n")
        #expect(try t.run("contact", "log", "A1", "--channel", "phone", "--outcome", "NA", "--today", "2026-11-23").status == 1)
    }
}
