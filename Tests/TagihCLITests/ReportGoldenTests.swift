import Foundation
import Testing

/// Golden output of the human and JSON formats on the worked example.
/// To accept an intended change, run with TAGIH_UPDATE_GOLDEN=1 and review the diff.
@Suite(.serialized) struct ReportGoldenTests {
    static let update = ProcessInfo.processInfo.environment["TAGIH_UPDATE_GOLDEN"] == "1"

    func expectGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = TagihRunner.fixture("golden/\(name)")
        if Self.update {
            // Write into the source tree, not the copied bundle.
            let src = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/golden/\(name)")
            try FileManager.default.createDirectory(at: src.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: src)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "golden \(name) differs", sourceLocation: sourceLocation)
    }

    @Test func agingAndAccountFormats() throws {
        var t = try ExampleGoldenTests.loadedExample()
        defer { t.cleanup() }
        for k in ["accounts", "charges", "payments", "adjustments"] { _ = try t.run("--db", "ex.db", "import", k, "\(k).csv") }
        try expectGolden(try t.ok("--db", "ex.db", "report", "aging", "--as-of", "2025-03-31", "--by", "collector"), "aging-collector-en.txt")
        try expectGolden(try t.ok("--db", "ex.db", "report", "aging", "--as-of", "2025-06-30", "--by", "segment", "--format", "json"), "aging-segment.json")
        try expectGolden(try t.ok("--db", "ex.db", "account", "A007", "--as-of", "2025-06-30"), "account-A007-en.txt")
        try expectGolden(try t.ok("--db", "ex.db", "account", "A002", "--as-of", "2025-03-31", "--format", "json"), "account-A002.json")
        t.environment["LANG"] = "id_ID.UTF-8"
        try expectGolden(try t.ok("--db", "ex.db", "report", "aging", "--as-of", "2025-01-31"), "aging-none-id.txt")
        try expectGolden(try t.ok("--db", "ex.db", "account", "A003", "--as-of", "2025-01-31"), "account-A003-id.txt")
        // --output writes the same text to a file.
        try t.ok("--db", "ex.db", "report", "aging", "--as-of", "2025-06-30", "--by", "segment", "--format", "json", "--output", "out.json")
        try expectGolden(try t.read("out.json"), "aging-segment.json")
    }

    /// The lead's period reports: every format of roll rates and KPIs,
    /// book-wide and for one collector, on the hand-worked ledger
    /// (Fixtures/hand). Their figures are not the program's word: each is
    /// computed by hand in `LeadReportCLITests.handComputedRollRatesAndKPIs`,
    /// which asserts the CSV holds exactly those.
    @Test func rollRateAndKPIFormats() throws {
        var t = try LeadReportCLITests.handLedger()
        defer { t.cleanup() }
        let roll = ["--db", "h.db", "report", "roll-rate", "--from", "2025-01-31", "--to", "2025-02-28"]
        try expectGolden(try t.ok(roll), "roll-rate-hand-en.txt")
        try expectGolden(try t.ok(roll + ["--format", "csv"]), "roll-rate-hand.csv")
        try expectGolden(try t.ok(roll + ["--format", "json"]), "roll-rate-hand.json")
        try expectGolden(try t.ok(roll + ["--format", "csv", "--collector", "col01"]), "roll-rate-hand-col01.csv")
        let kpi = ["--db", "h.db", "report", "kpi", "--from", "2025-02-01", "--to", "2025-02-28"]
        try expectGolden(try t.ok(kpi + ["--format", "csv"]), "kpi-hand.csv")
        try expectGolden(try t.ok(kpi + ["--format", "json"]), "kpi-hand.json")
        t.environment["LANG"] = "id_ID.UTF-8"
        try expectGolden(try t.ok(roll), "roll-rate-hand-id.txt")
        try expectGolden(try t.ok(kpi), "kpi-hand-id.txt")
    }
}
