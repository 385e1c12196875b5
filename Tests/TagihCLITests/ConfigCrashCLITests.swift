import Foundation
import Testing

/// Config, keymap and rules files that crashed Tagih (issue 15): each is now
/// one sentence naming the file and line, exit 2 for a config or keymap
/// and exit 1 for a rules file (R7); dates at the calendar's end the same.
@Suite struct ConfigCrashCLITests {
    static let header = "a table header must begin with a key name (letters, digits, _ or -, or a quoted name)"

    static func ledger() throws -> TagihRunner {
        var t = try TagihRunner()
        t.environment["TAGIH_TODAY"] = "2026-11-23"
        try t.ok("init")
        return t
    }

    /// `[[[` aborted inside toml++ (SIGABRT, exit 134) before any command ran.
    @Test func aMalformedConfigIsExit2WithItsLine() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        for (text, line) in [("[[[\n", 1), ("[ui]\nlanguage = \"en\"\n[=\n", 3), ("[\n", 1)] {
            try t.write("bad.toml", text)
            let r = try t.run("--config", "bad.toml", "report", "aging")
            #expect(r.status == 2, "\(text.debugDescription): \(r.stderr)")
            #expect(r.stderr == "tagih: bad.toml:\(line): \(Self.header)\n", "\(text.debugDescription)")
        }
        // The default config path is read the same way.
        try t.write("config/tagih.toml", "[[[\n")
        let r = try t.run("report", "aging")
        #expect(r.status == 2 && r.stderr == "tagih: config/tagih.toml:1: \(Self.header)\n", "\(r.stderr)")
    }

    @Test func aMalformedKeymapIsExit2BeforeTheTerminalOpens() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.write("config/keys.toml", "[[[\n")
        let r = try t.run("ui")
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr == "tagih: config/keys.toml:1: \(Self.header)\n", "\(r.stderr)")
    }

    @Test func aMalformedRulesFileIsRefusedWhole() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let before = try t.ok("rules", "show")
        try t.write("r.toml", before + "[[[\n")
        let r = try t.run("rules", "load", "r.toml")
        #expect(r.status == 1, "\(r.stderr)")
        let line = before.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(r.stderr.hasPrefix("tagih: r.toml:\(line): \(Self.header)"), "\(r.stderr)")
        #expect(try t.ok("rules", "show") == before)
    }

    /// `aging_buckets = [1, 9223372036854775807]` trapped in Buckets.swift.
    @Test func hugeBucketEdgesAreRefused() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let before = try t.ok("rules", "show")
        for edges in ["[1, 9223372036854775807]", "[1, 3652059]", "[" + (1...25).map(String.init).joined(separator: ", ") + "]"] {
            var lines = before.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let i = try #require(lines.firstIndex { $0.hasPrefix("aging_buckets = ") })
            lines[i] = "aging_buckets = \(edges)"
            try t.write("r.toml", lines.joined(separator: "\n"))
            let r = try t.run("rules", "load", "r.toml")
            #expect(r.status == 1, "\(edges): \(r.stderr)")
            #expect(r.stderr.hasPrefix("tagih: r.toml:\(i + 1): setting ledger.aging_buckets must be 1 to 24 increasing whole numbers of days, each from 1 to 3652058"), "\(r.stderr)")
        }
        // The same from a config file at init: exit 2, no ledger made.
        var fresh = try TagihRunner()
        defer { fresh.cleanup() }
        fresh.environment["TAGIH_TODAY"] = "2026-11-23"
        try fresh.write("config/tagih.toml", "[ledger]\naging_buckets = [1, 9223372036854775807]\n")
        let r = try fresh.run("init")
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("config/tagih.toml:2: setting ledger.aging_buckets"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh.path("tagih.db")))
    }

    /// 9999-12-31T23:59-12:00 is year 10000 in Jakarta: a trap in localToday.
    @Test func aClockPastTheCalendarIsAUsageError() throws {
        var t = try Self.ledger()
        defer { t.cleanup() }
        t.environment["TAGIH_TODAY"] = nil
        t.environment["TAGIH_NOW"] = "9999-12-31T23:59:59-12:00"
        let r = try t.run("report", "aging")
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr == "tagih: TAGIH_NOW=9999-12-31T23:59:59-12:00 falls outside 0001-01-01 to 9999-12-31 in this time zone\n")
        t.environment["TAGIH_NOW"] = "9999-12-31T23:59+07:00"
        #expect(try t.run("report", "aging").status == 0)
    }

    /// The first due date near 9999-12-31 (SIGILL before): refused, exit 1.
    @Test func aPlanPastTheCalendarIsRefused() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.write("a.csv", "account_no,name\nA1,Siti\n")
        try t.write("c.csv", "account_no,ref,issue_date,due_date,amount\nA1,I1,2026-01-01,2026-02-01,1000000\n")
        try t.ok("import", "accounts", "a.csv")
        try t.ok("import", "charges", "c.csv")
        for every in ["week", "2weeks", "month"] {
            let r = try t.run("--today", "9999-12-20", "plan", "propose", "A1", "--instalments", "3", "--every", every, "--first", "9999-12-20")
            #expect(r.status == 1, "\(every): \(r.stderr)")
            #expect(r.stderr.contains("the last payment would fall after 9999-12-31"), "\(r.stderr)")
            // Without --first (a week on from 9999-12-31) the same.
            let d = try t.run("--today", "9999-12-31", "plan", "propose", "A1", "--instalments", "1", "--every", every)
            #expect(d.status == 1, "\(every): \(d.stderr)")
        }
        for day in ["9999-12-31", "0001-01-01"] {
            for args in [["report", "aging"], ["plan", "list"], ["report", "promises"], ["account", "A1"], ["check"]] {
                let r = try t.run(["--today", day] + args)
                #expect(r.status == 0, "\(day) \(args): \(r.stderr)")
            }
        }
    }
}
