import Foundation
import Testing

/// `report roll-rate` and `report kpi` on the worked example.
@Suite(.serialized) struct LeadReportCLITests {
    @Test func rollRateRowsSumAndKPIsAgreeWithAging() throws {
        var t = try ExampleGoldenTests.loadedExample()
        defer { t.cleanup() }
        for k in ["accounts", "charges", "payments", "adjustments"] { _ = try t.run("--db", "ex.db", "import", k, "\(k).csv") }
        let csv = try t.ok("--db", "ex.db", "report", "roll-rate", "--from", "2025-01-31", "--to", "2025-03-31", "--format", "csv")
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 6)
        func cents(_ s: String) -> Int64 { Int64(s.replacingOccurrences(of: ".", with: ""))! }
        var opening: Int64 = 0
        for r in rows {
            #expect(cents(r[2]) == r[3...].map(cents).reduce(0, +), "row \(r[0]) sums to its opening balance")
            opening += cents(r[2])
        }
        #expect(opening > 0)
        let kpi = try t.ok("--db", "ex.db", "report", "kpi", "--from", "2025-02-01", "--to", "2025-03-31", "--format", "csv")
        let fields = kpi.split(separator: "\n")[1].split(separator: ",").map(String.init)
        let aging = try t.ok("--db", "ex.db", "report", "aging", "--as-of", "2025-03-31", "--format", "csv").split(separator: "\n")[1].split(separator: ",")
        #expect(fields[5] == String(aging[9]), "the ending receivables are the aging balance as of --to")
        #expect(fields[6] == String(aging[2]), "not yet due is the aging's current bucket")
        #expect(try t.run("--db", "ex.db", "report", "roll-rate", "--from", "2025-03-31", "--to", "2025-01-31").status == 2)

        // One collector's figures: the collector rows of aging, and the book's split between them.
        let agingByCollector = try t.ok("--db", "ex.db", "report", "aging", "--as-of", "2025-03-31", "--by", "collector", "--format", "csv")
        let col01Aging = try #require(agingByCollector.split(separator: "\n").first { $0.hasPrefix("col01,") }).split(separator: ",")
        let col01 = try t.ok("--db", "ex.db", "report", "kpi", "--from", "2025-02-01", "--to", "2025-03-31", "--collector", "col01", "--format", "csv")
        #expect(col01.split(separator: "\n")[1].split(separator: ",")[5] == col01Aging[9], "col01's ending receivables are col01's aging balance")
        var split: Int64 = 0
        for who in ["col01", "col02"] {
            let rows = try t.ok("--db", "ex.db", "report", "roll-rate", "--from", "2025-01-31", "--to", "2025-03-31", "--collector", who, "--format", "csv")
            split += rows.split(separator: "\n").dropFirst().map { cents(String($0.split(separator: ",")[2])) }.reduce(0, +)
        }
        let none = rows.map { cents($0[2]) }.reduce(0, +) - split
        #expect(none >= 0 && split > 0, "the accounts of col01 and col02 hold part of the book's opening balance")
        let unknown = try t.run("--db", "ex.db", "report", "kpi", "--from", "2025-02-01", "--to", "2025-03-31", "--collector", "nobody")
        #expect(unknown.status == 1 && unknown.stderr == "tagih: --collector nobody: unknown user\n")
    }
}
