import Foundation
import Testing

/// A file is all or nothing: a `kill -9` at any moment leaves the whole file
/// posted or none of it, and a re-run then finishes the job exactly once.
/// Two processes importing into one ledger at once both succeed.
@Suite(.serialized) struct CrashAndConcurrencyTests {
    static let accounts = 2_000

    func ledgerWithAccounts() throws -> TagihRunner {
        let t = try TagihRunner()
        try t.ok("init")
        var csv = "account_no,name,timezone\n"
        for i in 0..<Self.accounts { csv += "A\(i),Debitur \(i),Asia/Makassar\n" }
        try t.write("accounts.csv", csv)
        try t.ok("import", "accounts", "accounts.csv")
        return t
    }

    /// Writes a charges file; returns its total in whole rupiah.
    func writeCharges(_ t: TagihRunner, _ name: String, rows: Int, prefix: String) throws -> Int {
        var csv = "account_no,ref,issue_date,due_date,amount,description\n"
        var total = 0
        for i in 0..<rows {
            let amount = 1_000 + i % 997
            total += amount
            csv += "A\(i % Self.accounts),\(prefix)-\(i),2025-01-0\(1 + i % 9),2025-02-0\(1 + i % 9),\(amount),Tagihan \(i)\n"
        }
        try t.write(name, csv)
        return total
    }

    func balance(_ t: TagihRunner) throws -> String {
        let csv = try t.ok("--today", "2025-06-30", "report", "aging", "--format", "csv")
        return String(csv.split(separator: "\n")[1].split(separator: ",").last!)
    }

    @Test func killedImportPostsExactlyOnce() throws {
        let t = try ledgerWithAccounts()
        defer { t.cleanup() }
        let total = try writeCharges(t, "charges.csv", rows: 60_000, prefix: "INV")

        // How long a whole import takes here, on a scratch copy of the ledger.
        try FileManager.default.copyItem(atPath: t.path("tagih.db"), toPath: t.path("scratch.db"))
        let started = Date()
        try t.ok("--db", "scratch.db", "import", "charges", "charges.csv")
        let full = Date().timeIntervalSince(started)

        var interrupted = 0
        for fraction in [0.15, 0.4, 0.65, 0.9] {
            let p = try t.start(["import", "charges", "charges.csv"])
            usleep(useconds_t(full * fraction * 1_000_000))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); interrupted += 1 }
            p.waitUntilExit()
            let b = try balance(t)
            #expect(b == "0.00" || b == "\(total).00", "after a kill at \(fraction): balance \(b)")
            #expect(!FileManager.default.fileExists(atPath: t.path("charges.csv.rejects.csv")))
        }
        #expect(interrupted > 0, "no run was interrupted; the import took \(full) s")
        let rerun = try t.run("import", "charges", "charges.csv")
        #expect(rerun.status == 0)
        #expect(rerun.stdout.contains("60000 posted") || rerun.stdout.contains("already imported"), "\(rerun.stdout)")
        #expect(try balance(t) == "\(total).00")
        let again = try t.ok("import", "charges", "charges.csv")
        #expect(again.contains("already imported"))
        #expect(try balance(t) == "\(total).00")
        let check = try t.run("check")
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func twoProcessesImportAtOnce() throws {
        let t = try ledgerWithAccounts()
        defer { t.cleanup() }
        let a = try writeCharges(t, "charges-a.csv", rows: 20_000, prefix: "A")
        let b = try writeCharges(t, "charges-b.csv", rows: 20_000, prefix: "B")
        let pa = try t.start(["import", "charges", "charges-a.csv"])
        let pb = try t.start(["import", "charges", "charges-b.csv"])
        pa.waitUntilExit()
        pb.waitUntilExit()
        #expect(pa.terminationStatus == 0)
        #expect(pb.terminationStatus == 0)
        #expect(try balance(t) == "\(a + b).00")
        #expect(try t.run("check").status == 0)
    }

    /// The nightly batch killed at several moments, then run again: every
    /// file posted exactly once and archived exactly once.
    @Test func killedNightlyRunPostsAndArchivesExactlyOnce() throws {
        let t = try ledgerWithAccounts()
        defer { t.cleanup() }
        let a = try writeCharges(t, "inbox/charges-1.csv", rows: 40_000, prefix: "NA")
        let b = try writeCharges(t, "inbox/charges-2.csv", rows: 40_000, prefix: "NB")
        var killed = 0
        for delay in [0.2, 0.6, 1.2] {
            let p = try t.start(["--today", "2025-06-30", "nightly", "inbox"])
            usleep(useconds_t(delay * 1_000_000))
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killed += 1 }
            p.waitUntilExit()
        }
        #expect(killed > 0, "no run was interrupted")
        let last = try t.run("--today", "2025-06-30", "nightly", "inbox")
        #expect(last.status == 0, "the re-run finishes: \(last.stdout) \(last.stderr)")
        #expect(try balance(t) == "\(a + b).00", "both files posted once")
        let archived = try FileManager.default.contentsOfDirectory(atPath: t.path("inbox/archive/2025-06-30")).sorted()
        #expect(archived == ["charges-1.csv", "charges-2.csv"], "each file archived once: \(archived)")
        let left = try FileManager.default.contentsOfDirectory(atPath: t.path("inbox")).filter { $0.hasSuffix(".csv") }
        #expect(left.isEmpty)
        #expect(try t.run("check").status == 0)
    }

    /// Workstations keep working while the batch runs: contacts logged from
    /// eight processes during a long import are all kept, none refused.
    @Test func contactsDuringTheNightlyImportAreAllKept() throws {
        let t = try ledgerWithAccounts()
        defer { t.cleanup() }
        try t.ok("user", "add", "kol01", "--name", "Rudi", "--role", "collector")
        _ = try writeCharges(t, "inbox/charges-1.csv", rows: 60_000, prefix: "NC")
        let batch = try t.start(["--today", "2025-06-30", "nightly", "inbox"])
        var loggers: [Process] = []
        var r = t
        r.user = "kol01"
        for w in 0..<8 {
            let args = ["--today", "2025-06-30", "contact", "log", "A\(w)", "--channel", "email", "--outcome", "NA", "--at", "2025-06-30T10:0\(w)"]
            for _ in 0..<3 { loggers.append(try r.start(args)) }
        }
        for p in loggers { p.waitUntilExit() }
        batch.waitUntilExit()
        #expect(loggers.allSatisfy { $0.terminationStatus == 0 }, "every contact was logged")
        #expect(batch.terminationStatus == 0)
        let activity = try t.ok("report", "activity", "--from", "2025-06-30", "--to", "2025-06-30", "--format", "csv")
        #expect(activity.contains("kol01,24,0,0,0,0.00,0,0,0.00"), "all 24 attempts kept: \(activity)")
    }
}
