import Foundation
import Testing

/// Channel file profiles through the real binary (CONTRACT §11): the two
/// shipped profiles (config/profiles) import their fixtures as they are, the
/// rest of section 3 holds, and the nightly batch picks a profile by name.
/// Every figure is worked out by hand in the test.
@Suite struct ProfileImportCLITests {
    static func profileText(_ name: String) throws -> String {
        // The shipped files, read from the repository the tests were built from.
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: repo.appendingPathComponent("config/profiles/\(name).toml"), encoding: .utf8)
    }

    /// Two accounts, a charge of 2,000,000.00 on 8808002, and both shipped
    /// profiles appended to the ledger's rules, as the profiles' files say.
    static func ledger() throws -> TagihRunner {
        var t = try TagihRunner()
        t.environment["TAGIH_NOW"] = "2026-12-03T09:00"
        t.environment["TAGIH_TODAY"] = "2026-12-03"
        try t.ok("init")
        try t.write("accounts.csv", "account_no,name\n8808001,Siti Rahayu\n8808002,Budi Santoso\n")
        try t.ok("import", "accounts", "accounts.csv")
        try t.write("charges.csv", "account_no,ref,issue_date,due_date,amount\n8808002,INV-8808002-11,2026-11-01,2026-11-30,2000000\n")
        try t.ok("import", "charges", "charges.csv")
        let rules = try t.ok("rules", "show") + "\n" + profileText("bca-va") + "\n" + profileText("qris-aggregator")
        try t.write("rules.toml", rules)
        try t.ok("rules", "load", "rules.toml")
        return t
    }

    /// The statement's payment lines as `date,ref,amount` and its closing balance.
    func payments(_ t: TagihRunner, _ account: String) throws -> (lines: [String], closing: String) {
        let csv = try t.ok("statement", account, "--format", "csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let lines = csv.filter { $0[1] == "payment" }.map { "\($0[0]),\($0[2]),\($0[4])" }
        return (lines, String(try #require(csv.last { $0[1] == "closing" })[5]))
    }

    @Test func theBankVAReportImportsAsItIs() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.copyFixture("profiles/bca-va-20261202.csv")
        let out = try t.ok("import", "payments", "bca-va-20261202.csv", "--profile", "bca-va")
        #expect(out == "bca-va-20261202.csv: 3 rows read, 3 posted, 0 duplicates, 0 rejected\n")
        // 1.250.000,00 and 99.999,99 on 8808001, dd/mm/yyyy dates: -1,349,999.99.
        let a = try payments(t, "8808001")
        #expect(a.lines == ["2026-12-01,BCA26120100017,-1250000.00", "2026-12-02,BCA26120200003,-99999.99"])
        #expect(a.closing == "-1349999.99")
        // 2,000,000.00 - 750,500.50 = 1,249,499.50.
        let b = try payments(t, "8808002")
        #expect(b.lines == ["2026-12-01,BCA26120100018,-750500.50"])
        #expect(b.closing == "1249499.50")
        // The profile's channel is VA (R17): the same payment in section 3's
        // own layout on channel VA is a duplicate, on another channel a new payment.
        try t.write("own.csv", "account_no,ref,paid_on,amount,channel\n8808001,BCA26120100017,2026-12-01,1250000,VA\n")
        #expect(try t.ok("import", "payments", "own.csv", "--dry-run").contains("own.csv: 1 row read, 0 would post, 1 duplicate, 0 rejected"))
        try t.write("other.csv", "account_no,ref,paid_on,amount,channel\n8808001,BCA26120100017,2026-12-01,1250000,QRIS\n")
        #expect(try t.ok("import", "payments", "other.csv", "--dry-run").contains("other.csv: 1 row read, 1 would post, 0 duplicates, 0 rejected"))
        // Imported again: the same content posts nothing.
        #expect(try t.ok("import", "payments", "bca-va-20261202.csv", "--profile", "bca-va").contains("already"))
    }

    @Test func theQRISExportImportsAsItIs() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.copyFixture("profiles/qris-20261202.csv")
        let out = try t.ok("import", "payments", "qris-20261202.csv", "--profile", "qris-aggregator")
        #expect(out == "qris-20261202.csv: 3 rows read, 3 posted, 0 duplicates, 0 rejected\n")
        // 23:59 on 1 December is still the 1st; 00:01 on the 2nd is the 2nd.
        let a = try payments(t, "8808001")
        #expect(a.lines == ["2026-12-01,612345000002,-25000.50"])
        #expect(a.closing == "-25000.50")
        // 2,000,000.00 - 100,000.00 - 300,000.00 = 1,600,000.00; the gross amount, not the net.
        let b = try payments(t, "8808002")
        #expect(b.lines == ["2026-12-01,612345000001,-100000.00", "2026-12-02,612345000003,-300000.00"])
        #expect(b.closing == "1600000.00")
    }

    /// Bad rows are rejected with their physical line (the two preamble
    /// lines counted); R9: an amount past Int64 is a bad amount.
    @Test func badRowsNameTheirPhysicalLine() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        var rows = ["Laporan;;;;", "Periode;;;;", "Tanggal;No. VA;No. Referensi;Nama;Nominal"]
        rows += (1...10).map { "01/12/2026;8808001;R\($0);X;1.000,00" }
        rows[4] = "31/11/2026;8808001;R2;X;1.000,00"                    // line 5: no 31 November
        rows[6] = "01/12/2026;8808001;R4;X;92.233.720.368.547.758,08"  // line 7: one past Int64.max
        try t.write("va.csv", rows.joined(separator: "\n") + "\n")
        let r = try t.run("import", "payments", "va.csv", "--profile", "bca-va")
        // 2 of 10 rejected: over the 10% threshold, refused whole, exit 1.
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("va.csv: 10 rows read, 8 would post, 0 duplicates, 2 rejected; file refused, nothing posted"), "\(r.stdout)")
        let rejects = try t.read("va.csv.rejects.csv").split(separator: "\n").map(String.init)
        #expect(rejects.count == 3)
        #expect(rejects[1].hasPrefix("5,paid_on: bad date 31/11/2026 (expected a real date as %d/%m/%Y),"), "\(rejects)")
        #expect(rejects[2].hasPrefix("7,\"amount: bad amount 92.233.720.368.547.758,08 (too large"), "\(rejects)")
        #expect(try payments(t, "8808001").lines.isEmpty)
    }

    @Test func aHeaderLackingAProfileColumnIsRefused() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.write("va.csv", "a\nb\nTanggal;No. VA;Nominal\n01/12/2026;8808001;1.000,00\n")
        let r = try t.run("import", "payments", "va.csv", "--profile", "bca-va")
        #expect(r.status == 1)
        #expect(r.stderr.contains("va.csv refused: line 3: the header lacks column No. Referensi (ref) of profile bca-va"), "\(r.stderr)")
    }

    @Test func aFileThatIsAllPreambleIsRefused() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.write("va.csv", "LAPORAN;;;;\nPeriode;;;;\n")
        let r = try t.run("import", "payments", "va.csv", "--profile", "bca-va")
        #expect(r.status == 1)
        #expect(r.stderr.contains("va.csv refused: no header line after the 2 lines profile bca-va skips"), "\(r.stderr)")
    }

    @Test func anUnknownProfileOrKindIsAUsageError() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.copyFixture("profiles/bca-va-20261202.csv")
        let r = try t.run("import", "payments", "bca-va-20261202.csv", "--profile", "mandiri")
        #expect(r.status == 2)
        #expect(r.stderr.contains("--profile mandiri is not a profile of the rules (bca-va, qris-aggregator)"), "\(r.stderr)")
        let k = try t.run("import", "charges", "bca-va-20261202.csv", "--profile", "bca-va")
        #expect(k.status == 2)
        #expect(k.stderr.contains("--profile reads payments files only, not charges"), "\(k.stderr)")
    }

    /// The nightly batch imports a file matching a profile's file_pattern
    /// with that profile, beside a payments file in the contract's layout.
    @Test func nightlyPicksTheProfileByName() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try FileManager.default.createDirectory(atPath: t.path("inbox"), withIntermediateDirectories: true)
        try t.copyFixture("profiles/bca-va-20261202.csv", as: "inbox/bca-va-20261202.csv")
        try t.copyFixture("profiles/qris-20261202.csv", as: "inbox/qris-20261202.csv")
        try t.write("inbox/payments-1.csv", "account_no,ref,paid_on,amount,channel\n8808002,TRF-1,2026-12-02,49499.50,BANK_TRANSFER\n")
        let out = try t.ok("nightly", "inbox")
        #expect(out.contains("bca-va-20261202.csv: 3 rows read, 3 posted"), "\(out)")
        #expect(out.contains("qris-20261202.csv: 3 rows read, 3 posted"), "\(out)")
        #expect(out.contains("payments-1.csv: 1 row read, 1 posted"), "\(out)")
        // 8808002: 2,000,000.00 - 750,500.50 - 100,000.00 - 300,000.00 - 49,499.50 = 800,000.00.
        #expect(try payments(t, "8808002").closing == "800000.00")
        // 8808001: -(1,250,000.00 + 99,999.99 + 25,000.50) = -1,375,000.49.
        #expect(try payments(t, "8808001").closing == "-1375000.49")
        #expect(FileManager.default.fileExists(atPath: t.path("inbox/archive/2026-12-03/bca-va-20261202.csv")))
    }
}
