import Foundation
import Testing

/// `tagih demo`: a fresh, reproducible, valid ledger; never over a real one.
@Suite struct DemoTests {
    @Test func demoBuildsAValidReproducibleLedger() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        let out = try t.ok("--today", "2026-11-23", "demo", "--no-ui", "--accounts", "400")
        #expect(out.contains("accounts: 400 rows read, 400 posted, 0 duplicates, 0 rejected"))
        #expect(out.contains("tagih.db: demo ledger of 400 accounts as of 2026-11-23; admin01 is a lead of TIM-BARAT, admin its admin"))
        #expect(try t.run("check").status == 0)
        let first = try t.ok("--today", "2026-11-23", "report", "aging", "--by", "segment", "--format", "csv")
        let lines = first.split(separator: "\n")
        #expect(lines.first == "group,accounts,current,1-30,31-60,61-90,91-120,121+,unapplied,balance")
        #expect(lines.contains { $0.hasPrefix("RETAIL,") } && lines.contains { $0.hasPrefix("UMKM,") } && lines.last!.hasPrefix("TOTAL,"))
        // Every bucket holds money: the demo is spread over the whole aging.
        let total = lines.last!.split(separator: ",")
        for i in 2...7 { #expect(total[i] != "0.00", "bucket column \(i) is empty") }
        // A second run replaces the demo ledger with the very same data.
        try t.ok("--today", "2026-11-23", "demo", "--no-ui", "--accounts", "400")
        #expect(try t.ok("--today", "2026-11-23", "report", "aging", "--by", "segment", "--format", "csv") == first)
        let users = try t.ok("user", "list", "--format", "csv")
        #expect(users.contains("kol12,") && users.contains("lead01,") && users.contains("admin01,admin01,lead,,TIM-BARAT,true") && users.contains("admin,Admin Demo,admin,"))
    }

    @Test func demoNeverReplacesARealLedger() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("--db", "real.db", "init")
        let r = try t.run("--db", "real.db", "demo", "--no-ui", "--accounts", "10")
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: real.db exists and is not a demo ledger; name a new file with --db\n")
        #expect(try t.ok("--db", "real.db", "user", "list", "--format", "csv") == "login,name,role,discount_limit,team,active\nadmin01,admin01,admin,,,true\n")
    }

    @Test func demoWritesImportFiles() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        let out = try t.ok("--today", "2026-11-23", "demo", "--csv", "files", "--accounts", "50", "--charges-per-account", "5", "--payments-per-account", "4")
        #expect(out.hasPrefix("files: 50 accounts, 250 charges, 200 payments, "))
        for f in ["accounts", "charges", "payments", "adjustments"] {
            #expect(FileManager.default.fileExists(atPath: t.path("files/\(f).csv")))
        }
        #expect(!FileManager.default.fileExists(atPath: t.path("tagih.db")))
    }
}
