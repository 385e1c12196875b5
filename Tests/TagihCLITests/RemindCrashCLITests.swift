import Foundation
import Testing

/// A `kill -9` in the middle of `tagih remind`, then a rerun: the messages
/// commit in one transaction, so each goes exactly once, and the files
/// written from the ledger hold each exactly once (CONTRACT §10).
@Suite(.serialized) struct RemindCrashCLITests {
    @Test func aKilledRunThenARerunSendsEachMessageOnce() throws {
        var t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        let n = 3_000
        var accounts = "account_no,name,phone,timezone\n", charges = "account_no,ref,issue_date,due_date,amount\n"
        for i in 1...n {
            accounts += "K\(i),Debitur \(i),0812-\(String(1_000_000 + i).suffix(4))-\(String(10_000 + i).suffix(4)),Asia/Jakarta\n"
            charges += "K\(i),INV\(i),2026-10-15,2026-11-15,\(100_000 + i)\n"
        }
        try t.write("accounts.csv", accounts)
        try t.write("charges.csv", charges)
        for k in ["accounts", "charges"] { try t.ok("import", k, "\(k).csv") }
        // Monday 16 November 2026: each account is due the SMS after the due date and the pre-due WhatsApp.
        t.environment["TAGIH_NOW"] = "2026-11-16T10:00"

        try FileManager.default.copyItem(atPath: t.path("tagih.db"), toPath: t.path("scratch.db"))
        let started = Date()
        #expect(try t.ok("--db", "scratch.db", "remind", "--out", "scratch-out").contains("remind 2026-11-16: \(2 * n) messages sent"))
        let full = Date().timeIntervalSince(started)

        var interrupted = 0
        for fraction in [0.2, 0.5, 0.8, 0.95] {
            let p = try t.start(["remind", "--out", "out"])
            usleep(useconds_t(full * fraction * 1_000_000))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); interrupted += 1 }
            p.waitUntilExit()
        }
        #expect(interrupted > 0, "no run was interrupted; a run took \(full) s")
        _ = try t.ok("remind", "--out", "out")
        #expect(try t.ok("remind", "--out", "out").contains("remind 2026-11-16: 0 messages sent"))
        for channel in ["sms", "whatsapp"] {
            let rows = try t.read("out/\(channel)-2026-11-16.csv").split(separator: "\n").dropFirst()
            #expect(rows.count == n, "\(channel): \(rows.count) rows")
            let accountsSent = Set(rows.map { $0.split(separator: ",")[1] })
            #expect(accountsSent.count == n, "\(channel): each account once")
        }
        #expect(try t.run("check").status == 0)
    }
}
