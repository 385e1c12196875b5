import Foundation
import Testing

/// The ledger's rules through the real binary (CONTRACT §1a, R7): recorded
/// by `init`, printed by `rules show`, replaced by an admin's `rules load`,
/// and used by every command whatever `--config` says.
@Suite struct RulesCLITests {
    /// Contact hours running all night: what a collector would like.
    static let permissive = "[contact]\nstart = \"00:00\"\nend = \"24:00\"\nmax_attempts_per_day = 0\n"

    static func ledger(config: String? = nil) throws -> TagihRunner {
        var t = try TagihRunner()
        // Monday 21:00 in Jakarta: after the OJK hours (08:00 up to 20:00).
        t.environment["TAGIH_NOW"] = "2026-11-23T21:00"
        t.environment["TAGIH_TODAY"] = "2026-11-23"
        if let config {
            try t.write("config/tagih.toml", config)
        }
        try t.ok("init")
        try t.ok("user", "add", "kol01", "--name", "Rudi Hartono", "--role", "collector", "--team", "T1")
        try t.write("accounts.csv", "account_no,name,timezone,collector\nA1,Siti Rahayu,Asia/Jakarta,kol01\n")
        try t.ok("import", "accounts", "accounts.csv")
        return t
    }

    func logAt21(_ t: TagihRunner, config: String? = nil) throws -> TagihRunner.Result {
        try t.run((config.map { ["--config", $0] } ?? []) + ["--as", "kol01", "contact", "log", "A1", "--channel", "phone", "--outcome", "NA"])
    }

    /// A permissive `--config` after init changes nothing: the call at 21:00
    /// is refused under the ledger's rules, and the person is told why their
    /// file's rules do not apply. (A ledger created under that config has
    /// those hours as its rules, so the same call passes there.)
    @Test func aPermissiveConfigDoesNotWidenTheLedgersRules() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.write("night.toml", Self.permissive)
        let r = try logAt21(t, config: "night.toml")
        #expect(r.status == 1, "stderr: \(r.stderr)")
        #expect(r.stderr.contains("tagih: warning: night.toml: its rules ([contact]) are ignored: the ledger's rules apply"), "\(r.stderr)")
        #expect(r.stderr.contains("20:00"), "\(r.stderr)")
        #expect(try t.ok("report", "activity", "--from", "2026-11-23", "--to", "2026-11-23", "--format", "csv").split(separator: "\n").count <= 1)
        // The default config path is no different from --config.
        try t.write("config/tagih.toml", Self.permissive)
        #expect(try logAt21(t).status == 1)

        let created = try Self.ledger(config: Self.permissive)
        defer { created.cleanup() }
        let ok = try logAt21(created)
        #expect(ok.status == 0, "stderr: \(ok.stderr)")
        #expect(!ok.stderr.contains("warning"), "the config's rules are the ledger's: \(ok.stderr)")
    }

    /// `rules show` prints a file `rules load` takes back unchanged; a load
    /// replaces the whole set, applies to the next command, and is audited.
    @Test func loadThenShowRoundTrips() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let shown = try t.ok("rules", "show")
        #expect(shown.contains("\n[contact]\n") && shown.contains("\nend = \"20:00\"\n") && shown.contains("\nbackdate_hours = 24\n"))
        #expect(shown.contains("\"2026-12-25\" = \"Kelahiran Yesus Kristus\""), "the holidays themselves are stored")
        try t.write("same.toml", shown)
        #expect(try t.ok("rules", "load", "same.toml").contains("holds the rules already in force; nothing changed"))

        try t.write("late.toml", shown.replacingOccurrences(of: "\nend = \"20:00\"\n", with: "\nend = \"22:00\"\n"))
        let loaded = try t.ok("rules", "load", "late.toml")
        #expect(loaded.contains("rules 2 loaded from late.toml (sha256 "), "\(loaded)")
        let again = try t.ok("rules", "show")
        #expect(again.contains("\nend = \"22:00\"\n") && again.contains("# In force: rules 2, loaded by admin01"))
        // Everything but the edited line (and the provenance) is as shown before.
        let body = { (s: String) in s.split(separator: "\n").filter { !$0.hasPrefix("# In force") && !$0.hasPrefix("end = ") } }
        #expect(body(again) == body(shown))
        try t.write("again.toml", again)
        #expect(try t.ok("rules", "load", "again.toml").contains("nothing changed"))
        // The next command works under the new hours.
        #expect(try logAt21(t).status == 0)
        // A file with one rule: every other rule takes its default.
        try t.write("grace.toml", "[promises]\ngrace_days = 5\n")
        try t.ok("rules", "load", "grace.toml")
        let third = try t.ok("rules", "show")
        #expect(third.contains("\ngrace_days = 5\n") && third.contains("\nend = \"20:00\"\n"))
        #expect(try t.ok("check").contains("passed"))
    }

    /// Only an admin loads rules; a collector is refused in one sentence
    /// naming the role and the rule, and nothing changes.
    @Test func aCollectorCannotLoadRules() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let before = try t.ok("rules", "show")
        try t.write("night.toml", Self.permissive)
        let r = try t.run("--as", "kol01", "rules", "load", "night.toml")
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: only an admin may change the rules; kol01 is a collector\n")
        #expect(try t.ok("rules", "show") == before)
        #expect(try logAt21(t).status == 1)
        // Reading the rules is for everyone.
        #expect(try t.ok("--as", "kol01", "rules", "show") == before)
    }

    /// A bad rules file is refused whole, naming the file, line and key.
    @Test func aBadRulesFileIsRefusedWhole() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let before = try t.ok("rules", "show")
        try t.write("bad.toml", "[promises]\ngrace_days = 7\n\n[contact]\nstart = \"07:00\"\nend = \"9pm\"\n")
        let r = try t.run("rules", "load", "bad.toml")
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: bad.toml:6: setting contact.end must be a time as \"HH:MM\", e.g. \"08:00\"; the rules are unchanged\n")
        try t.write("typo.toml", "[contact]\nstrat = \"07:00\"\n")
        let typo = try t.run("rules", "load", "typo.toml")
        #expect(typo.status == 1 && typo.stderr.contains("typo.toml:2: setting contact.strat is not a rule Tagih knows"), "\(typo.stderr)")
        let missing = try t.run("rules", "load", "nowhere.toml")
        #expect(missing.status == 1 && missing.stderr.contains("nowhere.toml"))
        #expect(try t.ok("rules", "show") == before, "nothing changed, grace days included")
    }

    /// A config's personal settings still work after init.
    @Test func personalSettingsStillComeFromTheConfig() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.write("id.toml", "[ui]\nlanguage = \"id\"\n")
        let id = try t.run("--config", "id.toml", "report", "aging")
        #expect(id.status == 0 && id.stderr.isEmpty, "no rules in this file, no warning: \(id.stderr)")
        try t.write("en.toml", "[ui]\nlanguage = \"en\"\n")
        let en = try t.ok("--config", "en.toml", "report", "aging")
        #expect(id.stdout.contains("Rp") && !id.stdout.contains("IDR"), "\(id.stdout)")
        #expect(en.contains("IDR") && !en.contains("Rp"), "\(en)")
        try t.write("db.toml", "[database]\npath = \"other.db\"\n")
        let other = try t.run("--config", "db.toml", "rules", "show")
        #expect(other.status == 1 && other.stderr.contains("other.db"))
    }
}
