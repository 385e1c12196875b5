import Foundation
import Testing

/// Exit codes and one-sentence errors (CONTRACT §2).
@Suite struct ExitCodeTests {
    func ledger() throws -> TagihRunner {
        let t = try TagihRunner()
        try t.ok("init")
        try t.write("accounts.csv", "account_no,name\nA1,Satu\n")
        try t.ok("import", "accounts", "accounts.csv")
        return t
    }

    func expectOneLine(_ r: TagihRunner.Result, status: Int32, containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.status == status, "exit \(r.status), stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.hasPrefix("tagih: "), "stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "stderr: \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(text), "stderr: \(r.stderr)", sourceLocation: sourceLocation)
    }

    @Test func usageErrorsAreExit2() throws {
        let t = try ledger()
        defer { t.cleanup() }
        expectOneLine(try t.run("frobnicate"), status: 2, containing: "frobnicate")
        expectOneLine(try t.run("report", "aging", "--as-of", "2025-02-30"), status: 2, containing: "2025-02-30")
        expectOneLine(try t.run("report", "aging", "--by", "region"), status: 2, containing: "region")
        // A wrong value names the allowed ones on the same line (the parser lists them on the lines after).
        expectOneLine(try t.run("contact", "log", "A1", "--channel", "call", "--outcome", "NA"), status: 2,
                      containing: "one of the following: phone, sms, whatsapp, email, letter, visit. See `tagih --help`.")
        expectOneLine(try t.run("report", "aging", "--format", "xml"), status: 2, containing: "xml")
        expectOneLine(try t.run("account"), status: 2, containing: "account")
        expectOneLine(try t.run("--today", "yesterday", "account", "A1"), status: 2, containing: "yesterday")
        expectOneLine(try t.run("import", "invoices", "x.csv"), status: 2, containing: "invoices")
        expectOneLine(try t.run("user", "add", "x", "--name", "X", "--role", "boss"), status: 2, containing: "boss")
        expectOneLine(try t.run("import", "charges", "x.csv", "--delimiter", "#"), status: 2, containing: "delimiter")
        // A bad rule is a configuration error where the config's rules are
        // used (init of a new ledger records them); after init they are the
        // ledger's, and a bad personal setting is the error.
        try t.write("bad.toml", "[ledger]\ncurrency = \"XXX\"\n")
        expectOneLine(try t.run("--config", "bad.toml", "--db", "new.db", "init"), status: 2, containing: "bad.toml:2: setting ledger.currency is XXX")
        #expect(!FileManager.default.fileExists(atPath: t.path("new.db")))
        try t.write("bad-ui.toml", "[ui]\nlanguage = \"xx\"\n")
        expectOneLine(try t.run("--config", "bad-ui.toml", "account", "A1"), status: 2, containing: "bad-ui.toml:2: setting ui.language is xx")
        try t.write("broken.toml", "[ledger\n")
        expectOneLine(try t.run("--config", "broken.toml", "account", "A1"), status: 2, containing: "broken.toml:1")
        expectOneLine(try t.run("--config", "missing.toml", "account", "A1"), status: 2, containing: "missing.toml")
    }

    /// The workstation refuses a bad keymap (exit 2, naming the file and the
    /// clash) and a missing terminal (exit 2) before it touches the screen.
    @Test func workstationRefusals() throws {
        let t = try ledger()
        defer { t.cleanup() }
        try t.write("cfg/tagih.toml", "")
        try t.write("cfg/keys.toml", "[keys]\nsort = \"b\"\n")
        expectOneLine(try t.run("--config", "cfg/tagih.toml", "ui"), status: 2, containing: "cfg/keys.toml: key b is bound to both bucket and sort")
        try t.write("cfg/keys.toml", "[keys]\nfly = \"f\"\n")
        expectOneLine(try t.run("--config", "cfg/tagih.toml"), status: 2, containing: "cfg/keys.toml: unknown action fly")
        try t.write("cfg/keys.toml", "[keys]\nsort = \"o\"\n")
        expectOneLine(try t.run("--config", "cfg/tagih.toml", "ui"), status: 2,
                      containing: "the workstation needs a terminal (standard input and output are not one)")
        expectOneLine(try t.run("--as", "nobody"), status: 1, containing: "nobody")
    }

    @Test func helpIsExit0() throws {
        var t = try TagihRunner()
        t.user = TagihRunner.realLogin
        defer { t.cleanup() }
        for args in [["--help"], ["help"], ["report", "--help"], ["help", "import"], ["report"]] {
            let r = try t.run(args)
            #expect(r.status == 0, "tagih \(args) exited \(r.status)")
            #expect(r.stdout.contains("USAGE: tagih"), "tagih \(args): \(r.stdout)")
            #expect(r.stderr.isEmpty, "tagih \(args): \(r.stderr)")
        }
        #expect(try t.ok("--version") == "0.1.0\n")
    }

    @Test func failuresAreExit1() throws {
        let t = try ledger()
        defer { t.cleanup() }
        try t.write("notadb.db", "account_no,name\nA1,Satu\n")
        expectOneLine(try t.run("--db", "notadb.db", "report", "aging"), status: 1, containing: "the file notadb.db is not a Tagih ledger")
        expectOneLine(try t.run("account", "NOPE"), status: 1, containing: "unknown account NOPE")
        expectOneLine(try t.run("import", "charges", "missing.csv"), status: 1, containing: "missing.csv")
        expectOneLine(try t.run("--db", "other.db", "account", "A1"), status: 1, containing: "other.db does not exist")
        #expect(!FileManager.default.fileExists(atPath: t.path("other.db")), "a missing --db must not be created")
        try t.write("empty.csv", "")
        expectOneLine(try t.run("import", "charges", "empty.csv"), status: 1, containing: "empty")
        try t.write("nohdr.csv", "account_no,ref,issue_date,amount\n")
        expectOneLine(try t.run("import", "charges", "nohdr.csv"), status: 1, containing: "due_date")
    }

    /// The person is the process's real user (CONTRACT §1): never USER or
    /// LOGNAME; only an admin may act as someone else (R1).
    @Test func identityIsChecked() throws {
        var t = try ledger()
        defer { t.cleanup() }
        let me = TagihRunner.realLogin
        try t.ok("user", "add", "kol1", "--name", "Kolektor", "--role", "collector", "--discount-limit", "12.5")
        // An admin may act as another user; both are in the audit trail.
        try t.ok("--as", "kol1", "account", "A1")
        t.user = "stranger"
        expectOneLine(try t.run("account", "A1"), status: 1, containing: "--as stranger: unknown user")
        // The person becomes a collector: --as is theirs no more, and USER/LOGNAME change nothing.
        t.user = me
        try t.ok("--as", "admin01", "user", "set", me, "--role", "collector")
        t.environment = ["USER": "admin01", "LOGNAME": "admin01"]
        expectOneLine(try t.run("--as", "admin01", "account", "A1"), status: 1, containing: "--as is allowed only to admins; \(me) is a collector")
        expectOneLine(try t.run("user", "add", "x", "--name", "X", "--role", "lead"), status: 1, containing: "only an admin")
        try t.ok("account", "A1")
        t.environment = [:]
        let list = try t.ok("user", "list", "--format", "csv")
        // A collector's user list is themselves (R4): the refused `x` is nowhere, admin01 is not shown.
        #expect(list.split(separator: "\n").count == 2 && list.contains("\n\(me),") && list.contains(",collector,,,true\n"), "\(list)")
    }

    @Test func globalOptionsBeforeOrAfterTheCommand() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("--db", "a.db", "init")
        try t.ok("init", "--db", "b.db")
        #expect(FileManager.default.fileExists(atPath: t.path("a.db")))
        #expect(FileManager.default.fileExists(atPath: t.path("b.db")))
        // init twice is harmless.
        #expect(try t.ok("init", "--db=a.db") == "a.db: schema up to date\n")
        var env = t
        env.environment["TAGIH_DB"] = "a.db"
        env.environment["TAGIH_TODAY"] = "2025-01-31"
        #expect(try env.ok("report", "aging", "--format", "csv").hasPrefix("group,accounts"))
        let json = try env.ok("report", "aging", "--format", "json")
        #expect(json.contains("\"as_of\": \"2025-01-31\""))
    }
}
