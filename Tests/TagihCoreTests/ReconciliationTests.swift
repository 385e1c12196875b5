import Testing
@testable import TagihCore

/// Matching posted payments with a settlement statement (CONTRACT §11),
/// every figure worked out by hand.
@Suite struct ReconciliationTests {
    static let d1 = Day(iso: "2026-12-01")!, d2 = Day(iso: "2026-12-02")!
    func p(_ ref: String, _ minor: Int64) -> Reconciliation.Posted { .init(ref: ref, accountNo: "A1", date: Self.d1, amount: Money(minor: minor)) }
    func s(_ ref: String, _ minor: Int64, fee: Int64 = 0) -> Reconciliation.Settled {
        .init(ref: ref, date: Self.d2, amount: Money(minor: minor), fee: Money(minor: fee))
    }

    @Test func eachRefGetsItsStatusAndTheTotalsAdd() throws {
        let r = try Reconciliation.match(
            posted: [p("R3", 300_000), p("R1", 125_000_000), p("R2", 5_000_000), p("R5", 1)],
            settled: [s("R1", 125_000_000, fee: 400_000), s("R2", 4_999_999, fee: 0), s("R4", 70_000, fee: 490)])
        #expect(r.rows.map(\.ref) == ["R1", "R2", "R3", "R4", "R5"])
        #expect(r.rows.map(\.status) == [.matched, .amountDiffers, .postedNotSettled, .settledNotPosted, .postedNotSettled])
        // Posted 1,250,000.00 + 50,000.00 + 3,000.00 + 0.01 = 1,303,000.01;
        // settled 1,250,000.00 + 49,999.99 + 700.00 = 1,300,699.99; fees 4,000.00 + 4.90.
        #expect(r.totals.posted == Money(minor: 130_300_001))
        #expect(r.totals.settled == Money(minor: 130_069_999))
        #expect(r.totals.fees == Money(minor: 400_490))
        #expect(r.totals.difference == Money(minor: 230_002))
        #expect(r.totals.counts == [.matched: 1, .amountDiffers: 1, .postedNotSettled: 2, .settledNotPosted: 1])
        #expect(r.rows[1].posted?.amount == Money(minor: 5_000_000) && r.rows[1].settled?.amount == Money(minor: 4_999_999))
    }

    @Test func nothingOnEitherSideIsAllZero() throws {
        let r = try Reconciliation.match(posted: [], settled: [])
        #expect(r.rows.isEmpty)
        #expect(r.totals == .init(posted: .zero, settled: .zero, fees: .zero, difference: .zero, counts: [:]))
    }

    @Test func aRepeatedStatementRefIsAProblem() {
        #expect(throws: Reconciliation.Problem.repeatedRef("R1")) { try Reconciliation.match(posted: [], settled: [s("R1", 1), s("R1", 2)]) }
    }

    @Test func totalsBeyondInt64AreAnOverflow() {
        #expect(throws: Reconciliation.Problem.overflow) {
            try Reconciliation.match(posted: [], settled: [s("R1", Int64.max), s("R2", 1)])
        }
    }
}
