import Foundation
import Testing

/// Issue 13 items 4, 5 and 9 through the real binary: control characters,
/// overflowing totals, account re-import.
@Suite struct ImportTextCLITests {
    func ledger() throws -> TagihRunner {
        let t = try TagihRunner()
        try t.ok("init")
        try t.write("accounts.csv", "account_no,name,timezone,collector\nA1,Satu\tDua,Asia/Jayapura,\nA2,Dua,,\n")
        try t.ok("import", "accounts", "accounts.csv")
        return t
    }

    /// A charge near the 64-bit edge, then one more sen on the account: the
    /// second file stored a REAL in the cache and exited 0; now it is refused
    /// whole (exit 1, one sentence) and `check` and the aging still pass.
    @Test func aTotalBeyondInt64RefusesTheFile() throws {
        let t = try ledger()
        defer { t.cleanup() }
        let header = "account_no,ref,issue_date,due_date,amount\n"
        try t.write("charges-1.csv", header + "A1,I1,2025-01-01,2025-01-31,92233720368547758.00\n")
        try t.ok("import", "charges", "charges-1.csv")
        try t.write("charges-2.csv", header + "A1,I2,2025-01-01,2025-01-31,1.00\n")
        let r = try t.run("import", "charges", "charges-2.csv")
        #expect(r.status == 1)
        #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("nothing posted") && r.stderr.contains("overflow"), "\(r.stderr)")
        #expect(try t.ok("check").contains("All checks passed."))
        let aging = try t.ok("report", "aging", "--format", "csv", "--as-of", "2025-03-01")
        #expect(aging.contains("all,1,0.00,92233720368547758.00,0.00,0.00,0.00,0.00,0.00,92233720368547758.00"), "\(aging)")

        // An amount beyond Int64 is a bad amount: that row is rejected, the file refused for its share.
        try t.write("charges-3.csv", header + "A2,I3,2025-01-01,2025-01-31,92233720368547758.08\n")
        let big = try t.run("import", "charges", "charges-3.csv")
        #expect(big.status == 1)
        #expect(try t.read("charges-3.csv.rejects.csv").contains("2,amount: bad amount 92233720368547758.08"))
    }

    /// Control characters: rejected at import and at `user add`; a tab is
    /// text, shown on a terminal as a space.
    @Test func controlCharactersAreRefusedAndTabsShownAsSpaces() throws {
        let t = try ledger()
        defer { t.cleanup() }
        var csv = "account_no,ref,issue_date,due_date,amount,description\nA1,B\tC,2025-01-01,2025-01-31,5.00,ok\nA1,ESC-1,2025-01-01,2025-01-31,5.00,a\u{1B}[2Jb\n"
        for i in 1...10 { csv += "A2,G\(i),2025-01-01,2025-01-31,1.00,x\n" }
        try t.write("charges.csv", csv)
        let out = try t.ok("import", "charges", "charges.csv")
        #expect(out.contains("12 rows read, 11 posted, 0 duplicates, 1 rejected"), "\(out)")
        #expect(try t.read("charges.csv.rejects.csv").contains("3,description: holds a control character (U+001B)"))

        let account = try t.ok("account", "A1", "--as-of", "2025-03-01")
        #expect(account.hasPrefix("A1  Satu Dua\n"), "\(account)")
        #expect(account.contains("B C  "), "\(account)")
        #expect(!account.contains("\t"))

        let r = try t.run("user", "add", "evil", "--name", "Evil\u{1B}]0;x\u{07}", "--role", "collector")
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: --name holds a control character (U+001B); text fields take no control characters other than tab\n")
    }

    /// Issue 13 item 9: a later accounts row with empty timezone and
    /// collector kept A1 in WIT and assigned; `-` clears.
    @Test func emptyAccountFieldsKeepAndDashClears() throws {
        let t = try ledger()
        defer { t.cleanup() }
        try t.ok("user", "add", "col01", "--name", "Kolektor", "--role", "collector")
        try t.write("a2.csv", "account_no,name,phone,timezone,collector\nA1,Satu,0811-222-333,Asia/Jayapura,col01\n")
        try t.ok("import", "accounts", "a2.csv")
        try t.write("a3.csv", "account_no,name,phone,timezone,collector\nA1,Satu,,,\n")
        let dup = try t.ok("import", "accounts", "a3.csv")
        #expect(dup.contains("1 row read, 0 posted, 1 duplicate, 0 rejected"), "\(dup)")
        let kept = try t.ok("account", "A1")
        #expect(kept.contains("Asia/Jayapura") && kept.contains("col01") && kept.contains("0811-222-333"), "\(kept)")
        try t.write("a4.csv", "account_no,name,phone,timezone,collector\nA1,Satu,-,-,-\n")
        try t.ok("import", "accounts", "a4.csv")
        let cleared = try t.ok("account", "A1")
        #expect(cleared.contains("Asia/Jakarta") && !cleared.contains("col01") && !cleared.contains("0811"), "\(cleared)")
        #expect(try t.ok("check").contains("All checks passed."))
    }

    /// A file that adds an account and changes it again (a correction further
    /// down the same file): the new account was sealed by the update's
    /// trigger and again as the batch closed, and `check` then failed on
    /// `sealed tables`. Now it passes, and the account is as the last row says.
    @Test func anAccountAddedAndChangedByOneFileIsSealedOnce() throws {
        let t = try ledger()
        defer { t.cleanup() }
        try t.write("accounts-2.csv", "account_no,name,phone\nB1,Baru,0812-1\nB2,Dua,\nB1,Baru Benar,0813-2\nA1,Satu Lagi,\nB3,Tiga,\n")
        #expect(try t.ok("import", "accounts", "accounts-2.csv") == "accounts-2.csv: 5 rows read, 5 posted, 0 duplicates, 0 rejected\n")
        #expect(try t.ok("check").contains("All checks passed."))
        let b1 = try t.ok("account", "B1", "--format", "json")
        #expect(b1.contains("\"name\": \"Baru Benar\""), "\(b1)")
    }
}
