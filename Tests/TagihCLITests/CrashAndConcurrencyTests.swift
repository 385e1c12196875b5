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
}
