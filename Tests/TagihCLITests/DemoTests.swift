import Foundation
import Testing

/// `tagih demo`: a fresh, reproducible, valid ledger; never over a real one.
@Suite struct DemoTests {
    /// The demo's runner acts as the person itself: the demo makes them its admin.
    static func runner() throws -> TagihRunner {
        var t = try TagihRunner()
        t.user = TagihRunner.realLogin
        return t
    }

    @Test func demoBuildsAValidReproducibleLedger() throws {
        let t = try Self.runner()
        defer { t.cleanup() }
        let out = try t.ok("--today", "2026-11-23", "demo", "--no-ui", "--accounts", "400")
        // The history is loaded directly; yesterday's and today's entries come through the nightly batch.
        #expect(out.hasPrefix("history before 2026-11-22, written directly: 400 accounts, "))
        #expect(out.contains("charges: ") && out.contains(" rows read, ") && out.contains(" posted, 0 duplicates, 0 rejected"))
        #expect(!FileManager.default.fileExists(atPath: t.path("tagih.db.building")))
        // A week of the team's work goes through the contact policy, each contact logged as it happened.
        let week = out.split(separator: "\n").first { $0.hasPrefix("a week of work: ") }.map { $0.split(separator: " ")[4] }
        #expect((week.flatMap { Int($0) } ?? 0) > 40, "\(out)")
        #expect(out.contains("tagih.db: demo ledger of 400 accounts as of 2026-11-23; \(TagihRunner.realLogin) is its admin "
                             + "(--as lead01 works as the lead of TIM-BARAT, --as kol01 as a collector)"))
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
        #expect(users.contains("kol12,") && users.contains("lead01,Hendra Gunawan,lead,,TIM-BARAT,true") && users.contains("\n\(TagihRunner.realLogin),"))
        #expect(users.split(separator: "\n").first { $0.hasPrefix(TagihRunner.realLogin + ",") }?.contains(",admin,") == true)
        // Anyone of the staff is one --as away.
        #expect(try t.ok("--as", "kol01", "--today", "2026-11-23", "report", "promises", "--format", "csv").hasPrefix("account_no,made_on,made_by,"))
    }

    /// The demo loads its history directly (LedgerLoader) and the rest through
    /// the nightly batch; the ledger must be the one importing the very same
    /// rows from `demo --csv` gives, as of today and as of past days.
    @Test func theDemoLedgerIsTheImportOfItsOwnFiles() throws {
        let t = try Self.runner()
        defer { t.cleanup() }
        try t.ok("--today", "2026-11-23", "--db", "demo.db", "demo", "--no-ui", "--accounts", "300")
        try t.ok("--today", "2026-11-23", "demo", "--csv", "files", "--accounts", "300")
        try t.ok("--db", "imported.db", "init")
        for u in ["lead01", "lead02"] + (1...12).map({ $0 < 10 ? "kol0\($0)" : "kol\($0)" }) {
            try t.ok("--db", "imported.db", "user", "add", u, "--name", u, "--role", "collector")
        }
        for kind in ["accounts", "charges", "payments", "adjustments"] {
            try t.ok("--today", "2026-11-23", "--db", "imported.db", "import", kind, "files/\(kind).csv")
        }
        for day in ["2026-11-23", "2026-11-21", "2026-06-30", "2025-12-31"] {
            for by in ["collector", "segment"] {
                let args = ["--today", "2026-11-23", "report", "aging", "--as-of", day, "--by", by, "--format", "csv"]
                let demo = try t.ok(["--db", "demo.db"] + args)
                #expect(demo.split(separator: "\n").count > 3)
                #expect(try t.ok(["--db", "imported.db"] + args) == demo, "aging as of \(day) by \(by)")
            }
        }
        for account in ["ACC0000001", "ACC0000150", "ACC0000300"] {
            let args = ["--today", "2026-11-23", "account", account, "--format", "json"]
            #expect(try t.ok(["--db", "imported.db"] + args) == t.ok(["--db", "demo.db"] + args))
        }
    }

    @Test func demoNeverReplacesARealLedger() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("--db", "real.db", "init")
        let r = try t.run("--db", "real.db", "demo", "--no-ui", "--accounts", "10")
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: real.db exists and is not a demo ledger; name a new file with --db\n")
        let users = try t.ok("--db", "real.db", "user", "list", "--format", "csv")
        #expect(users.hasPrefix("login,name,role,discount_limit,team,active\nadmin01,admin01,admin,,,true\n") && users.split(separator: "\n").count == 3,
                "the real ledger's users are untouched: \(users)")
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
