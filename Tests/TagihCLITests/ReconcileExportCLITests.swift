import Foundation
import TagihCore
import Testing

/// The Reconciliation tab's export (`e`) and `tagih reconcile --format csv`
/// are one piece of code, `ReportCSV.reconciliation` (issue 19): the tab
/// exports the reconciliation the store gives it for a channel and period,
/// and for the same channel and period the command prints the same bytes.
@Suite struct ReconcileExportCLITests {
    @Test func theCommandsCSVIsTheExportsBytes() throws {
        let t = try ReconcileCLITests.ledger()
        defer { t.cleanup() }
        let printed = try t.ok("reconcile", "--channel", "VA", "--statement", "settlement.csv", "--from", "2026-12-01", "--to", "2026-12-02",
                               "--format", "csv")
        // What the store reads for VA on 1 and 2 December (ReconcileCLITests.ledger, by hand): three posted payments,
        // three statement lines in the period (VA-LATE is outside it on both sides).
        let d = { (s: String) in Day(iso: s)! }
        let posted: [Reconciliation.Posted] = [
            .init(ref: "BCA26120100017", accountNo: "8808001", date: d("2026-12-01"), amount: Money(minor: 1_250_000_00)),
            .init(ref: "BCA26120100018", accountNo: "8808002", date: d("2026-12-01"), amount: Money(minor: 750_500_50)),
            .init(ref: "BCA26120200003", accountNo: "8808001", date: d("2026-12-02"), amount: Money(minor: 99_999_99)),
        ]
        let settled: [Reconciliation.Settled] = [
            .init(ref: "BCA26120100017", date: d("2026-12-01"), amount: Money(minor: 1_250_000_00), fee: Money(minor: 4_000_00)),
            .init(ref: "BCA26120200003", date: d("2026-12-02"), amount: Money(minor: 99_999_98), fee: Money(minor: 4_000_00)),
            .init(ref: "BCA-X", date: d("2026-12-02"), amount: Money(minor: 5_000_00), fee: Money(minor: 2_500_50)),
        ]
        let exported = ReportCSV.reconciliation(try Reconciliation.match(posted: posted, settled: settled), currency: .idr)
        #expect(Array(printed.utf8) == Array(exported.utf8), "command:\n\(printed)\nexport:\n\(exported)")
        #expect(exported.split(separator: "\n").count == 5)
    }
}
