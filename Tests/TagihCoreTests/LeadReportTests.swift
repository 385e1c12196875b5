import Testing
@testable import TagihCore

/// Roll rates and collection KPIs on hand-worked examples.
@Suite struct LeadReportTests {
    func d(_ s: String) -> Day { Day(iso: s)! }

    @Test func rollRateRowsSumToTheOpeningBalances() throws {
        // A1: 100 due 09-01 → 29 days late on 09-30 (1-30), unpaid → 60 days on 10-30 (31-60).
        // A2: 50 due 09-20 → 10 days (1-30), paid in full on 10-05 → closed.
        // A3: 70 due 10-10 → current on 09-30; half paid → 20 days on 10-30 (1-30).
        let a1 = [Charge(id: 1, ref: "I1", issueDate: d("2026-08-01"), dueDate: d("2026-09-01"), amount: Money(minor: 100_00))]
        let a2 = [Charge(id: 2, ref: "I2", issueDate: d("2026-08-20"), dueDate: d("2026-09-20"), amount: Money(minor: 50_00))]
        let a3 = [Charge(id: 3, ref: "I3", issueDate: d("2026-09-10"), dueDate: d("2026-10-10"), amount: Money(minor: 70_00))]
        var r = RollRate(buckets: .standard)
        for (charges, credits) in [(a1, []), (a2, [Credit(id: 1, date: d("2026-10-05"), amount: Money(minor: 50_00))]),
                                   (a3, [Credit(id: 2, date: d("2026-10-15"), amount: Money(minor: 35_00))])] {
            try r.add(from: try Ledger.position(charges: charges, credits: credits, asOf: d("2026-09-30")),
                      to: try Ledger.position(charges: charges, credits: credits, asOf: d("2026-10-30")))
        }
        #expect(r.accounts == [1, 2, 0, 0, 0, 0])
        #expect(r.opening == [Money(minor: 70_00), Money(minor: 150_00), .zero, .zero, .zero, .zero])
        #expect(r.moved[0] == [.zero, Money(minor: 70_00), .zero, .zero, .zero, .zero, .zero], "current → 1-30 at its opening balance")
        #expect(r.moved[1] == [.zero, .zero, Money(minor: 100_00), .zero, .zero, .zero, Money(minor: 50_00)], "1-30 → 31-60 and closed")
        for i in 0..<6 { #expect(r.moved[i].reduce(0) { $0 + $1.minor } == r.opening[i].minor, "row \(i) sums to its opening balance") }
    }

    @Test func ceiAndDSO() {
        // Start 1,000,000; charged 500,000; end 600,000 of which 200,000 not yet due.
        // CEI = (1,000,000 + 500,000 − 600,000) / (1,000,000 + 500,000 − 200,000) = 900/1300 = 69.23%.
        // DSO = 600,000 / 500,000 × 30 = 36.00 days.
        let k = CollectionKPI(from: d("2026-11-01"), to: d("2026-11-30"), beginning: Money(minor: 1_000_000_00), sales: Money(minor: 500_000_00),
                              ending: Money(minor: 600_000_00), endingCurrent: Money(minor: 200_000_00))
        #expect(k.days == 30)
        #expect(CollectionKPI.hundredths(k.ceiBasisPoints) == "69.23")
        #expect(CollectionKPI.hundredths(k.dsoHundredths) == "36.00")
        let none = CollectionKPI(from: d("2026-11-01"), to: d("2026-11-30"), beginning: .zero, sales: .zero, ending: .zero, endingCurrent: .zero)
        #expect(none.ceiBasisPoints == nil && none.dsoHundredths == nil)
        let huge = CollectionKPI(from: d("2026-11-01"), to: d("2026-11-30"), beginning: Money(minor: Int64.max / 4), sales: Money(minor: 1),
                                 ending: Money(minor: Int64.max / 4), endingCurrent: .zero)
        #expect(huge.dsoHundredths == nil, "a ratio too large to hold is no ratio, not a crash")
    }
}
