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

    /// CEI and DSO are rounded down as documented — toward minus infinity,
    /// also when negative (issue 13 item 8: they truncated toward zero).
    @Test func negativeFiguresRoundDown() {
        // Start 3,485,300.00; charged 10,000.00; end 3,845,150.00 of which 1,000.00 not yet due (91 days).
        // CEI = (3,485,300 + 10,000 − 3,845,150) / (3,485,300 + 10,000 − 1,000) × 100
        //     = −349,850 / 3,494,300 × 100 = −10.0120…% → rounded down −10.02 (truncation said −10.01).
        let k = CollectionKPI(from: d("2025-04-01"), to: d("2025-06-30"), beginning: Money(minor: 3_485_300_00), sales: Money(minor: 10_000_00),
                              ending: Money(minor: 3_845_150_00), endingCurrent: Money(minor: 1_000_00))
        #expect(k.ceiBasisPoints == -1002 && CollectionKPI.hundredths(k.ceiBasisPoints) == "-10.02")
        // DSO = 3,845,150 / 10,000 × 91 = 34,990.865 → 34,990.86 (positive: the same either way).
        #expect(CollectionKPI.hundredths(k.dsoHundredths) == "34990.86")
        // A credit balance at the end: DSO = −100 / 300 × 28 = −9.333… → −9.34.
        let credit = CollectionKPI(from: d("2026-02-01"), to: d("2026-02-28"), beginning: .zero, sales: Money(minor: 300_00),
                                   ending: Money(minor: -100_00), endingCurrent: .zero)
        #expect(credit.dsoHundredths == -934)
        // Exact quotients are not moved: −5.25 stays −5.25.
        #expect(CollectionKPI.ratio(-525, over: 100, times: 100) == -525)
        #expect(CollectionKPI.ratio(-1, over: 3, times: 1) == -1 && CollectionKPI.ratio(1, over: 3, times: 1) == 0)
    }

    /// Sums and ratios never trap on amounts Tagih accepted (issue 13 item 4).
    @Test func hugeFiguresNeverTrap() {
        let half = Money(minor: 5_000_000_000_000_000_000)
        // Beginning + sales = 1e19 sen is beyond Int64: the old unchecked sum trapped.
        // CEI = (5e18 + 5e18 − 5e18) / (5e18 + 5e18 − 5e18) = 100.00; DSO = 5e18 / 5e18 × 1 = 1.00.
        let k = CollectionKPI(from: d("2025-03-02"), to: d("2025-03-02"), beginning: half, sales: half, ending: half, endingCurrent: half)
        #expect(k.ceiBasisPoints == 10_000 && k.dsoHundredths == 100)
        // DSO of 1e17 sen over 1 sen for one day: 1e19 hundredths, beyond 64 bits — no figure (the old guard let it through and trapped).
        let tiny = CollectionKPI(from: d("2025-03-01"), to: d("2025-03-01"), beginning: Money(minor: 100_000_000_000_000_000),
                                 sales: Money(minor: 1), ending: Money(minor: 100_000_000_000_000_001), endingCurrent: Money(minor: 1))
        #expect(tiny.dsoHundredths == nil && tiny.ceiBasisPoints == 0)
        // Denominators 0 and −1 give no figure.
        #expect(CollectionKPI.ratio(5, over: 0, times: 100) == nil && CollectionKPI.ratio(5, over: -1, times: 100) == nil)
        // The most negative quotient is a figure, and prints without trapping.
        #expect(CollectionKPI.ratio(Int64.min, over: 1, times: 1) == Int64.min)
        #expect(CollectionKPI.hundredths(Int64.min) == "-92233720368547758.08")
        #expect(CollectionKPI.ratio(Int64.max, over: 1, times: 2) == nil)
        let extremes = CollectionKPI(from: d("2025-03-01"), to: d("2025-03-31"), beginning: Money(minor: .max), sales: Money(minor: .max),
                                     ending: Money(minor: .min), endingCurrent: Money(minor: .max))
        _ = (extremes.ceiBasisPoints, extremes.dsoHundredths) // no trap, whatever the figure
    }
}
