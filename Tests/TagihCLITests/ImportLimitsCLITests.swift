import Foundation
import Testing

/// Issue 15 through the real binary: huge fields cost no memory, reject
/// messages stay short and one line, a CR-only file posts in the nightly.
@Suite struct ImportLimitsCLITests {
    /// Writes `head`, `count` bytes of `fill`, then `tail`, without holding them in memory twice.
    static func writeHuge(_ t: TagihRunner, _ name: String, head: String, fill: UInt8, count: Int, tail: String) throws {
        let path = t.path(name)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? h.close() }
        h.write(Data(head.utf8))
        let chunk = Data(repeating: fill, count: 1 << 20)
        var left = count
        while left > 0 { h.write(left >= chunk.count ? chunk : chunk.prefix(left)); left -= chunk.count }
        h.write(Data(tail.utf8))
    }

    /// A new ledger holding account A1.
    static func ledgerWithA1() throws -> TagihRunner {
        let t = try TagihRunner()
        try t.ok("init")
        try t.write("accounts.csv", "account_no,name\nA1,Satu\n")
        try t.ok("import", "accounts", "accounts.csv")
        return t
    }

    /// A 50 MB field, unquoted or inside a quote that never closes: the row
    /// is rejected naming the field and the limit, the next row posts, and
    /// the process stays under 256 MB. Before, the unquoted one was posted
    /// into the ledger (395 MB of memory).
    @Test(arguments: ["", "\""]) func aFiftyMegabyteFieldIsRejectedInBoundedMemory(quote: String) throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        try t.write("rules.toml", "[import]\nreject_threshold_percent = 100\n")
        try t.ok("rules", "load", "rules.toml")
        try Self.writeHuge(t, "accounts.csv", head: "account_no,name\nA1,\(quote)", fill: 0x78, count: 50 << 20, tail: "\nA2,Dua\n")
        let r = try t.measured(["import", "accounts", "accounts.csv"], timeout: 120)
        #expect(r.signal == nil && !r.timedOut)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.maxRSSMiB < 256, "peak memory \(r.maxRSSMiB) MiB")
        let expected = quote.isEmpty ? "accounts.csv:2: name: longer than 4096 bytes (import.max_text_bytes)" : "accounts.csv:2: unterminated quote"
        #expect(r.stderr.split(separator: "\n").first.map(String.init) == expected, "\(r.stderr.prefix(300))")
        #expect(r.stderr.utf8.count < 1000)
        let list = try t.ok("account", "A2")
        #expect(list.contains("Dua"))
        #expect(try t.run("account", "A1").status != 0)
        #expect(try t.ok("check").contains("All checks passed."))
    }

    /// A payments file with bare CR line ends through the nightly: before,
    /// it was read as one header line, "posted" nothing and was archived;
    /// now its rows post.
    @Test func aCROnlyFilePostsInTheNightly() throws {
        let t = try Self.ledgerWithA1()
        defer { t.cleanup() }
        try t.write("inbox/payments-1.csv", "account_no,ref,paid_on,amount,channel,invoice_ref\rA1,T1,2025-06-01,100,VA,\rA1,T2,2025-06-02,250,VA,\r")
        let out = try t.ok("nightly", "inbox")
        #expect(out.contains("payments-1.csv: 2 rows read, 2 posted, 0 duplicates, 0 rejected"), "\(out)")
        #expect(try t.ok("check").contains("All checks passed."))
    }

    /// A column whose header holds a line end is named on one line, `\n` escaped.
    @Test func aRejectMessageIsOneLine() throws {
        let t = try Self.ledgerWithA1()
        defer { t.cleanup() }
        try t.write("charges.csv", "account_no,ref,issue_date,due_date,amount,\"no\nte\"\nA1,C1,2025-06-01,2025-06-30,100,a\u{1B}b\n")
        let r = try t.run("import", "charges", "charges.csv")
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix(#"charges.csv:3: no\nte: holds a control character (U+001B); text fields take no control characters other than tab"# + "\n"), "\(r.stderr)")
    }
}
