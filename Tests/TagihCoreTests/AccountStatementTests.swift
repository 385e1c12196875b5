import Testing
import TagihCore

/// The statement of account's arithmetic (issue 17), figures by hand.
@Suite struct AccountStatementTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }
    static func m(_ rupiah: Int64) -> Money { Money(minor: rupiah * 100) }

    /// The worked example's A004: a charge, its payment, the payment
    /// reversed (Dana ditolak bank). Every line's balance by hand.
    @Test func chargePaymentReversal() throws {
        let charge = Charge(id: 1, ref: "INV-401", issueDate: Self.d("2025-01-01"), dueDate: Self.d("2025-01-31"), amount: Self.m(1_200_000))
        let pay = Credit(id: 1, date: Self.d("2025-02-05"), amount: Self.m(1_200_000), reversedOn: Self.d("2025-05-10"))
        let entries = [
            StatementEntry(kind: .charge, date: Self.d("2025-01-01"), ref: "INV-401", dueDate: Self.d("2025-01-31"), amount: Self.m(1_200_000), id: 1),
            StatementEntry(kind: .payment, date: Self.d("2025-02-05"), ref: "TRX-1001", channel: "MINIMARKET", amount: Self.m(-1_200_000), id: 1),
            StatementEntry(kind: .reversal, date: Self.d("2025-05-10"), ref: "ADJ-401", reverses: "TRX-1001", amount: Self.m(1_200_000), id: 1),
        ]
        let all = try AccountStatement.build(charges: [charge], credits: [pay], entries: entries, from: Self.d("2025-01-01"), to: Self.d("2025-06-30"))
        #expect(all.opening == StatementEnd(asOf: Self.d("2024-12-31"), balance: .zero, pastDue: .zero))
        #expect(all.lines.map(\.entry.ref) == ["INV-401", "TRX-1001", "ADJ-401"])
        #expect(all.lines.map(\.balance) == [Self.m(1_200_000), .zero, Self.m(1_200_000)])
        #expect(all.closing == StatementEnd(asOf: Self.d("2025-06-30"), balance: Self.m(1_200_000), pastDue: Self.m(1_200_000)))
        #expect(all.raised == Self.m(2_400_000) && all.lowered == Self.m(1_200_000))

        // February to April: the charge is brought forward, only the payment is a line.
        let feb = try AccountStatement.build(charges: [charge], credits: [pay], entries: entries, from: Self.d("2025-02-01"), to: Self.d("2025-04-30"))
        #expect(feb.opening == StatementEnd(asOf: Self.d("2025-01-31"), balance: Self.m(1_200_000), pastDue: .zero), "due today is not past due")
        #expect(feb.lines.map(\.entry.ref) == ["TRX-1001"] && feb.lines.map(\.balance) == [.zero])
        #expect(feb.closing == StatementEnd(asOf: Self.d("2025-04-30"), balance: .zero, pastDue: .zero))

        // A period with no entries: both ends the same, no line.
        let quiet = try AccountStatement.build(charges: [charge], credits: [pay], entries: entries, from: Self.d("2025-03-01"), to: Self.d("2025-03-31"))
        #expect(quiet.lines.isEmpty && quiet.opening.balance == .zero && quiet.closing.balance == .zero)
    }

    /// Within a day the charge comes before what pays it, whatever the order given.
    @Test func sameDayOrder() throws {
        let day = Self.d("2025-03-01")
        let charge = Charge(id: 7, ref: "Z", issueDate: day, dueDate: day, amount: Self.m(100))
        let credit = Credit(id: 3, kind: .credit, date: day, amount: Self.m(40))
        let entries = [StatementEntry(kind: .credit, date: day, ref: "A", amount: Self.m(-40), id: 3),
                       StatementEntry(kind: .charge, date: day, ref: "Z", amount: Self.m(100), id: 7)]
        let s = try AccountStatement.build(charges: [charge], credits: [credit], entries: entries, from: day, to: day)
        #expect(s.lines.map(\.entry.ref) == ["Z", "A"] && s.lines.map(\.balance) == [Self.m(100), Self.m(60)])
        #expect(s.closing.balance == Self.m(60))
    }

    /// A reversal dated before the payment it reverses (import allows it):
    /// the payment never counts, so both lines fall on the payment's day and
    /// the day ends where it began.
    @Test func aReversalDatedBeforeItsPayment() throws {
        let charge = Charge(id: 1, ref: "C", issueDate: Self.d("2025-01-01"), dueDate: Self.d("2025-01-31"), amount: Self.m(500))
        let pay = Credit(id: 1, date: Self.d("2025-02-10"), amount: Self.m(500), reversedOn: Self.d("2025-02-01"))
        let entries = [
            StatementEntry(kind: .charge, date: Self.d("2025-01-01"), ref: "C", amount: Self.m(500), id: 1),
            StatementEntry(kind: .payment, date: Self.d("2025-02-10"), ref: "P", amount: Self.m(-500), id: 1),
            StatementEntry(kind: .reversal, date: Self.d("2025-02-01"), effective: Self.d("2025-02-10"), ref: "R", amount: Self.m(500), id: 1),
        ]
        let feb = try AccountStatement.build(charges: [charge], credits: [pay], entries: entries, from: Self.d("2025-02-01"), to: Self.d("2025-02-28"))
        #expect(feb.lines.map(\.entry.ref) == ["P", "R"] && feb.lines.map(\.balance) == [.zero, Self.m(500)])
        #expect(feb.opening.balance == Self.m(500) && feb.closing.balance == Self.m(500))
        let early = try AccountStatement.build(charges: [charge], credits: [pay], entries: entries, from: Self.d("2025-02-01"), to: Self.d("2025-02-05"))
        #expect(early.lines.isEmpty && early.closing.balance == Self.m(500), "nothing moved the balance before the payment's day")
    }

    /// Lines that do not lead to the ledger's balance are refused, never printed.
    @Test func linesThatDoNotAddUpAreRefused() {
        let charge = Charge(id: 1, ref: "C", issueDate: Self.d("2025-01-01"), dueDate: Self.d("2025-01-01"), amount: Self.m(10))
        #expect(throws: StatementError.doesNotAddUp(expected: Self.m(10), got: .zero)) {
            try AccountStatement.build(charges: [charge], credits: [], entries: [], from: Self.d("2025-01-01"), to: Self.d("2025-01-02"))
        }
    }
}
