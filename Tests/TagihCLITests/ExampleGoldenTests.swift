import Foundation
import Testing

/// The worked example of shared/examples (copied into Fixtures/example):
/// loading it through the real binary must print exactly the expected aging
/// CSVs and carry the expected fields of every account JSON.
@Suite(.serialized) struct ExampleGoldenTests {
    static let dates = ["2025-01-31", "2025-03-31", "2025-06-30"]

    /// Loads the example as in its README and returns the runner.
    static func loadedExample() throws -> TagihRunner {
        let t = try TagihRunner()
        for f in ["accounts.csv", "charges.csv", "payments.csv", "adjustments.csv"] { try t.copyFixture("example/\(f)") }
        try t.ok("--db", "ex.db", "init")
        try t.ok("--db", "ex.db", "user", "add", "col01", "--name", "Kolektor Satu", "--role", "collector")
        try t.ok("--db", "ex.db", "user", "add", "col02", "--name", "Kolektor Dua", "--role", "collector")
        return t
    }

    @Test func importSummariesAndRejects() throws {
        let t = try Self.loadedExample()
        defer { t.cleanup() }
        #expect(try t.ok("--db", "ex.db", "import", "accounts", "accounts.csv") == "accounts.csv: 8 rows read, 8 posted, 0 duplicates, 0 rejected\n")
        let charges = try t.run("--db", "ex.db", "import", "charges", "charges.csv")
        #expect(charges.status == 0)
        #expect(charges.stdout == "charges.csv: 23 rows read, 21 posted, 1 duplicate, 1 rejected (see charges.csv.rejects.csv)\n")
        #expect(charges.stderr == "charges.csv:24: issue_date: bad date 2025-02-30 (expected a real date as YYYY-MM-DD)\n")
        #expect(try t.read("charges.csv.rejects.csv") == """
            line,reason,raw
            24,issue_date: bad date 2025-02-30 (expected a real date as YYYY-MM-DD),"A002,INV-299,2025-02-30,2025-03-30,1000,"

            """)
        #expect(try t.ok("--db", "ex.db", "import", "payments", "payments.csv") == "payments.csv: 5 rows read, 5 posted, 0 duplicates, 0 rejected\n")
        #expect(try t.ok("--db", "ex.db", "import", "adjustments", "adjustments.csv") == "adjustments.csv: 4 rows read, 4 posted, 0 duplicates, 0 rejected\n")
        // The same file again posts nothing and says so.
        #expect(try t.ok("--db", "ex.db", "import", "payments", "payments.csv") == "payments.csv: already imported (same content as an earlier file); nothing posted\n")
        let check = try t.run("--db", "ex.db", "check")
        #expect(check.status == 0, "\(check.stdout)")
    }

    @Test func agingCSVMatchesByteForByte() throws {
        let t = try Self.loadedExample()
        defer { t.cleanup() }
        for k in ["accounts", "charges", "payments", "adjustments"] { _ = try t.run("--db", "ex.db", "import", k, "\(k).csv") }
        for d in Self.dates {
            for by in ["none", "collector", "segment"] {
                let out = try t.ok("--db", "ex.db", "report", "aging", "--as-of", d, "--by", by, "--format", "csv")
                let expected = try String(contentsOf: TagihRunner.fixture("example/expected/aging-\(d)-\(by).csv"), encoding: .utf8)
                #expect(out == expected.replacingOccurrences(of: "\r\n", with: "\n"), "aging \(d) by \(by)")
            }
        }
    }

    @Test func accountJSONCarriesExpectedFields() throws {
        let t = try Self.loadedExample()
        defer { t.cleanup() }
        for k in ["accounts", "charges", "payments", "adjustments"] { _ = try t.run("--db", "ex.db", "import", k, "\(k).csv") }
        var compared = 0
        for n in 1...8 {
            for d in Self.dates {
                let a = String(format: "A%03d", n)
                let out = try t.ok("--db", "ex.db", "account", a, "--as-of", d, "--format", "json")
                let got = try JSONSerialization.jsonObject(with: Data(out.utf8)) as! [String: Any]
                let data = try Data(contentsOf: TagihRunner.fixture("example/expected/account-\(a)-\(d).json"))
                let expected = try JSONSerialization.jsonObject(with: data) as! [String: Any]
                for (key, value) in expected {
                    #expect(got[key].map { NSDictionary(dictionary: ["v": $0]) } == NSDictionary(dictionary: ["v": value]),
                            "\(a) \(d) field \(key)")
                    compared += 1
                }
            }
        }
        #expect(compared == 24 * 8) // 24 files of 8 fields each
    }
}
