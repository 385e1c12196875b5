import Foundation
import Testing

/// `tagih nightly INBOX` (CONTRACT §4) through the real binary.
@Suite(.serialized) struct NightlyCLITests {
    static func inbox(_ t: TagihRunner) throws {
        try t.write("inbox/accounts-1.csv", "account_no,name,collector\nA1,Satu,\nA2,Dua,\n")
        try t.write("inbox/charges-b.csv", "account_no,ref,issue_date,due_date,amount\nA1,I1,2026-10-01,2026-10-31,100000\nA2,I2,2026-10-01,2026-10-31,200000\n")
        // Ten good rows and one unknown account: posted, with a rejects file.
        var c = "account_no,ref,issue_date,due_date,amount\nA9,X1,2026-10-01,2026-10-31,5\n"
        for i in 1...10 { c += "A1,J\(i),2026-10-01,2026-10-31,1000\n" }
        try t.write("inbox/charges-a.csv", c)
        // Half rejected: refused, stays in the inbox.
        try t.write("inbox/payments-1.csv", "account_no,ref,paid_on,amount,channel\nA9,P1,2026-11-20,5,VA\nA1,P2,2026-11-20,5,VA\n")
        try t.write("inbox/adjustments-1.csv", "account_no,ref,date,kind,amount\nA2,C1,2026-11-21,credit,50000\nA2,C1,2026-11-21,credit,50000\n")
        try t.write("inbox/notes.txt", "not a billing file\n")
    }

    func exists(_ t: TagihRunner, _ path: String) -> Bool { FileManager.default.fileExists(atPath: t.path(path)) }

    @Test func aNightOfFilesInOrderWithARefusal() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        try Self.inbox(t)
        let dry = try t.run("--today", "2026-11-23", "nightly", "inbox", "--dry-run")
        #expect(dry.stdout.contains("dry run: 5 files would be imported; nothing was written or moved"))
        #expect(exists(t, "inbox/charges-a.csv") && !exists(t, "inbox/archive"))
        let r = try t.run("--today", "2026-11-23", "nightly", "inbox")
        #expect(r.status == 1, "a refused file makes the night exit 1")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.prefix(5).map { $0.split(separator: ":").first.map(String.init) ?? "" } == [
            "inbox/accounts-1.csv", "inbox/charges-a.csv", "inbox/charges-b.csv", "inbox/payments-1.csv", "payments-1.csv",
        ], "accounts, then charges by name, then payments, then adjustments: \(r.stdout)")
        #expect(r.stdout.contains("inbox/adjustments-1.csv: 2 rows read, 1 posted, 1 duplicate, 0 rejected"))
        #expect(lines.last == "nightly 2026-11-23: 5 files, 4 posted, 1 refused; plans settled for 1 day: 0 completed, 0 broken; promises due this week: 0 open, 0 kept, 0 broken")
        for f in ["accounts-1.csv", "charges-a.csv", "charges-b.csv", "adjustments-1.csv"] { #expect(exists(t, "inbox/archive/2026-11-23/\(f)"), "\(f) archived") }
        #expect(exists(t, "inbox/rejects/2026-11-23/charges-a.csv.rejects.csv"))
        #expect(exists(t, "inbox/payments-1.csv") && exists(t, "inbox/notes.txt"), "the refused file and other files stay")
        #expect(try t.ok("--today", "2026-11-23", "report", "aging", "--format", "csv").hasSuffix("all,2,0.00,260000.00,0.00,0.00,0.00,0.00,0.00,260000.00\n"))
        // The log, for whoever watches the cron job.
        let log = try t.ok("--today", "2026-11-23", "report", "nightly")
        #expect(log.hasPrefix("nightly 2026-11-23: 5 files, 4 posted, 1 refused;"))
        #expect(log.contains("\n  charges-a.csv: 11 rows read, 10 posted, 0 duplicates, 1 rejected (see rejects/2026-11-23/charges-a.csv.rejects.csv)\n"))
        #expect(log.contains("\n  payments-1.csv: 2 rows read, 1 would post, 0 duplicates, 1 rejected; file refused, nothing posted"))
        let csv = try t.ok("--today", "2026-11-23", "report", "nightly", "--format", "csv")
        #expect(csv.hasPrefix("day,files,posted,refused,rejected,plans_completed,plans_broken,summary,files_detail\n2026-11-23,5,4,1,2,0,0,"))
        // The next night: the refused file is tried again; everything else is gone from the inbox.
        let again = try t.run("--today", "2026-11-24", "nightly", "inbox")
        #expect(again.status == 1 && again.stdout.contains("nightly 2026-11-24: 1 files, 0 posted, 1 refused"))
        #expect(try t.run("check").status == 0)
    }

    @Test func aSecondRunIsRefusedAndAStaleLockIsNot() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        try t.write("inbox/accounts-1.csv", "account_no,name\nA1,Satu\n")
        try t.write("inbox/.tagih-nightly.lock", "")  // left by a killed run: no process holds it
        // Hold the lock as a running batch would, and start a second one.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        holder.arguments = [t.path("inbox/.tagih-nightly.lock"), "-c", "sleep 3"]
        try holder.run()
        Thread.sleep(forTimeInterval: 0.3)
        let second = try t.run("--today", "2026-11-23", "nightly", "inbox")
        #expect(second.status == 1)
        #expect(second.stderr == "tagih: another nightly batch is running on inbox (lock inbox/.tagih-nightly.lock); this one stops\n")
        #expect(exists(t, "inbox/accounts-1.csv"), "nothing was done")
        holder.waitUntilExit()
        let missing = try t.run("--today", "2026-11-23", "nightly", "no-such-inbox")
        #expect(missing.status == 1 && missing.stderr == "tagih: cannot read inbox no-such-inbox: no such folder\n")
        let third = try t.run("--today", "2026-11-23", "nightly", "inbox")
        #expect(third.status == 0 && exists(t, "inbox/archive/2026-11-23/accounts-1.csv"))
    }

    @Test func missedNightsAreSettledDayByDay() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        try t.write("inbox/accounts-1.csv", "account_no,name\nA1,Satu\n")
        try t.write("inbox/charges-1.csv", "account_no,ref,issue_date,due_date,amount\nA1,I1,2026-10-01,2026-10-31,100000\n")
        #expect(try t.run("--today", "2026-11-23", "nightly", "inbox").status == 0)
        try t.ok("--today", "2026-11-23", "plan", "propose", "A1", "--instalments", "2", "--every", "week", "--first", "2026-11-24")
        let week = try t.run("--today", "2026-11-30", "nightly", "inbox")
        #expect(week.status == 0)
        #expect(week.stdout.contains("nightly 2026-11-30: 0 files, 0 posted, 0 refused; plans settled for 7 days: 0 completed, 1 broken"))
        #expect(try t.ok("--today", "2026-11-30", "plan", "show", "A1").hasPrefix("Plan 1 for A1: broken since 2026-11-27"))
    }
}
