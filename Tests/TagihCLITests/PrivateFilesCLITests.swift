import Foundation
import Testing

/// `init --admin`, logins, the role batch and the files Tagih writes for a
/// person (contract §1a, R6; issue 14). The runner acts as the test process's
/// own login, so these hold whether identity comes from USER or the system.
@Suite struct PrivateFilesCLITests {
    static var me: String { getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "root" }

    func runner() throws -> TagihRunner {
        var t = try TagihRunner()
        t.user = Self.me
        return t
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
    }

    @Test func initAdminNamesTheFirstAdmin() throws {
        let t = try runner()
        defer { t.cleanup() }
        let out = try t.ok("init", "--admin", Self.me)
        #expect(out.hasPrefix("tagih.db: ledger created; \(Self.me) is its admin\n"))
        #expect(try t.ok("user", "list", "--format", "csv").contains("\n\(Self.me),"))
        // Never world-readable, whatever the umask (the runner's is the test's).
        #expect(mode(t.path("tagih.db")) & 0o007 == 0)
        // A second init upgrades and keeps the admin.
        #expect(try t.ok("init", "--admin", "someone-else") == "tagih.db: schema up to date\n")
    }

    @Test func aBadLoginIsRefusedBeforeAnythingIsCreated() throws {
        let t = try runner()
        defer { t.cleanup() }
        for bad in ["../../login/pwned", "ab\u{1B}c", "a\nb", String(repeating: "x", count: 33), "-rf"] {
            let r = try t.run("init", "--admin=\(bad)")
            #expect(r.status == 2, "\(bad): \(r.stderr)")
            #expect(r.stderr.hasPrefix("tagih: --admin: login \"") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
            #expect(!r.stderr.unicodeScalars.contains { $0.value == 0x1B })
        }
        #expect(!FileManager.default.fileExists(atPath: t.path("tagih.db")))
        #expect(try t.run("init", "--admin", "a/b").stderr == "tagih: --admin: login \"a/b\" is not valid: character 2 ('/') is not allowed; use 1 to 32 letters, digits, '.', '_' or '-', not starting with '.' or '-'\n")
    }

    @Test func userAddTakesTheRoleBatchAndRefusesABadLogin() throws {
        let t = try runner()
        defer { t.cleanup() }
        try t.ok("init", "--admin", Self.me)
        #expect(try t.ok("user", "add", "tagih", "--name", "Nightly batch", "--role", "batch") == "user tagih added as batch\n")
        #expect(try t.ok("user", "list", "--format", "csv").contains("\ntagih,Nightly batch,batch,,,true\n"))
        let r = try t.run("user", "add", "../x", "--name", "X", "--role", "collector")
        #expect(r.status == 2 && r.stderr.contains("login \"../x\" is not valid: character 3 ('/')"), "\(r.stderr)")
        let asBad = try t.run("--as", "a b", "user", "list")
        #expect(asBad.status == 2 && asBad.stderr.contains("--as: login \"a b\" is not valid"), "\(asBad.stderr)")
    }

    @Test func outputIsPrivateAndNeverThroughALinkOrOntoTheLedger() throws {
        let t = try runner()
        defer { t.cleanup() }
        try t.ok("init", "--admin", Self.me)
        try t.ok("report", "aging", "--format", "csv", "--output", "aging.csv")
        #expect(mode(t.path("aging.csv")) == 0o600)
        #expect(try t.read("aging.csv").hasPrefix("group,accounts,"))

        try t.write("target.txt", "keep\n")
        #expect(symlink(t.path("target.txt"), t.path("link.csv")) == 0)
        let viaLink = try t.run("report", "aging", "--output", "link.csv")
        #expect(viaLink.status == 1 && viaLink.stderr == "tagih: not writing link.csv: it is a symbolic link; name a plain file\n")
        #expect(try t.read("target.txt") == "keep\n")

        // A folder is never replaced (a FIFO or device is written through: HostileFilesCLITests).
        try FileManager.default.createDirectory(atPath: t.path("folder"), withIntermediateDirectories: false)
        let folder = try t.run("report", "aging", "--output", "folder")
        #expect(folder.status == 1 && folder.stderr.contains("it is not a plain file"), "\(folder.stderr)")

        let ledger = try t.run("report", "aging", "--output", "tagih.db")
        #expect(ledger.status == 1 && ledger.stderr == "tagih: not writing tagih.db: it is the Tagih ledger or in its folder\n")
        // Still the ledger (not replaced by the report), and whole.
        #expect(try Data(contentsOf: URL(fileURLWithPath: t.path("tagih.db"))).prefix(15) == Data("SQLite format 3".utf8))
        #expect(try t.run("check").status == 0)
    }

    @Test func anImportsRejectsFileIsPrivate() throws {
        let t = try runner()
        defer { t.cleanup() }
        try t.ok("init", "--admin", Self.me)
        let good = (1...20).map { "A\($0),Nama \($0),\n" }.joined()
        try t.write("accounts.csv", "account_no,name,collector\n\(good)B1,Dua,../evil\n")
        let out = try t.ok("import", "accounts", "accounts.csv")
        #expect(out.contains("20 posted") && out.contains("1 rejected"), "\(out)")
        #expect(mode(t.path("accounts.csv.rejects.csv")) == 0o600)
        let rejects = try t.read("accounts.csv.rejects.csv")
        #expect(rejects.hasPrefix("line,reason,raw\n22,\"collector: is not a login"), "\(rejects)")
    }
}
