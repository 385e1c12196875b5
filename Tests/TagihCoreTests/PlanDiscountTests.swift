import Testing
@testable import TagihCore

/// The discount's entries follow the plan's completed days (CONTRACT §8,
/// R11), whatever order the news came in.
@Suite struct PlanDiscountTests {
    func d(_ s: String) -> Day { Day(iso: s)! }
    func days(_ from: String, _ to: String?) -> DayInterval { DayInterval(from: d(from), to: to.map(d)) }

    /// Applies a correction to the entries, as the store posts it.
    func applied(_ existing: [DiscountEntry], _ fix: DiscountCorrection) -> [DiscountEntry] {
        var out = existing
        for r in fix.reversals {
            let i = out.firstIndex { $0.id == r.creditID }!
            out[i].reversals += 1
            out[i].reversedOn = min(out[i].reversedOn ?? r.on, r.on)
        }
        var id = (out.map(\.id).max() ?? 0)
        for c in fix.credits {
            id += 1
            out.append(DiscountEntry(id: id, seq: c.seq, date: c.on, reversals: c.until == nil ? 0 : 1, reversedOn: c.until))
        }
        return out
    }

    @Test func aFirstCompletionPostsOneCredit() {
        let fix = Plans.discountCorrection(existing: [], wanted: [days("2026-01-15", nil)])
        #expect(fix == DiscountCorrection(reversals: [], credits: [.init(seq: 1, on: d("2026-01-15"), until: nil)]))
    }

    @Test func aReversalEndsItAndALaterCompletionPostsTheSecond() {
        let first = DiscountEntry(id: 7, seq: 1, date: d("2026-01-15"))
        let undone = Plans.discountCorrection(existing: [first], wanted: [days("2026-01-15", "2026-01-17")])
        #expect(undone == DiscountCorrection(reversals: [.init(creditID: 7, seq: 1, nth: 1, on: d("2026-01-17"))], credits: []))
        let reversed = DiscountEntry(id: 7, seq: 1, date: d("2026-01-15"), reversals: 1, reversedOn: d("2026-01-17"))
        let again = Plans.discountCorrection(existing: [reversed], wanted: [days("2026-01-15", "2026-01-17"), days("2026-01-19", nil)])
        #expect(again == DiscountCorrection(reversals: [], credits: [.init(seq: 2, on: d("2026-01-19"), until: nil)]))
    }

    @Test func aReversalOnThePaymentsOwnDayUndoesTheCreditFromItsDate() {
        // P4: the credit dated 01-15 is undone by an entry dated 01-15.
        let fix = Plans.discountCorrection(existing: [DiscountEntry(id: 3, seq: 1, date: d("2026-01-15"))], wanted: [])
        #expect(fix == DiscountCorrection(reversals: [.init(creditID: 3, seq: 1, nth: 1, on: d("2026-01-15"))], credits: []))
    }

    @Test func aLateFileMovesTheCompletionEarlier() {
        // Completed on 01-19 as first known; a late payment completes it on 01-12.
        let fix = Plans.discountCorrection(existing: [DiscountEntry(id: 3, seq: 1, date: d("2026-01-19"))], wanted: [days("2026-01-12", nil)])
        let after = applied([DiscountEntry(id: 3, seq: 1, date: d("2026-01-19"))], fix)
        #expect(Plans.discountMismatch(existing: after, wanted: [days("2026-01-12", nil)]).isEmpty)
        // The credit of 01-19 stays; a second covers 01-12 up to it.
        #expect(fix == DiscountCorrection(reversals: [], credits: [.init(seq: 2, on: d("2026-01-12"), until: d("2026-01-19"))]))
    }

    @Test func aDiscountReversedTooLateIsCutShorterByASecondReversal() {
        // Completed 01-15 by two payments; one reversed 01-17 (the discount
        // reversed then); the other's reversal, dated 01-16, comes later.
        let reversed = DiscountEntry(id: 9, seq: 1, date: d("2026-01-15"), reversals: 1, reversedOn: d("2026-01-17"))
        let fix = Plans.discountCorrection(existing: [reversed], wanted: [days("2026-01-15", "2026-01-16")])
        #expect(fix == DiscountCorrection(reversals: [.init(creditID: 9, seq: 1, nth: 2, on: d("2026-01-16"))], credits: []))
    }

    /// Any entries, any wanted days: after the correction the entries agree
    /// with the wanted days on every day, and a second correction posts nothing.
    @Test(arguments: [1, 2, 3, 20251203])
    func correctionsAlwaysReachTheWantedDays(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let base = d("2026-01-01")
        func day(_ n: UInt64) -> Day { base.adding(days: Int(n)) }
        for _ in 0..<500 {
            var entries: [DiscountEntry] = []
            for i in 0..<Int(rng.next() % 4) {
                let from = rng.next() % 30
                let reversed = rng.next() % 2 == 0
                entries.append(DiscountEntry(id: Int64(i + 1), seq: i + 1, date: day(from), reversals: reversed ? 1 : 0,
                                             reversedOn: reversed ? day(from + rng.next() % 10) : nil))
            }
            var wanted: [DayInterval] = []
            var at = rng.next() % 10
            for _ in 0..<Int(rng.next() % 4) {
                let len = 1 + rng.next() % 8
                let open = rng.next() % 4 == 0
                wanted.append(DayInterval(from: day(at), to: open ? nil : day(at + len)))
                if open { break }
                at += len + 1 + rng.next() % 5
            }
            let fix = Plans.discountCorrection(existing: entries, wanted: wanted)
            let after = applied(entries, fix)
            #expect(Plans.discountMismatch(existing: after, wanted: wanted).isEmpty, "\(entries) → \(wanted)")
            #expect(Plans.discountCorrection(existing: after, wanted: wanted).isEmpty)
            for r in fix.reversals { #expect(r.on >= entries.first { $0.id == r.creditID }!.date, "a reversal is never dated before its credit") }
        }
    }

    /// The completed days of P3 (CONTRACT §8 worked example): paid 01-15,
    /// reversed 01-17, paid again 01-19.
    @Test func completedDaysFollowPaymentsAndReversals() throws {
        let s = try Plans.schedule(PlanTerms(balance: Money(minor: 100_000), discountBasisPoints: 2000, instalments: 1, first: d("2026-01-20")),
                                   currency: .idr)
        let basis = PlanBasis(schedule: s, start: d("2026-01-10"), creditMark: 0, decisions: [PlanDecisionEvent(day: d("2026-01-10"), decision: .active)])
        let paid = [Credit(id: 1, date: d("2026-01-15"), amount: Money(minor: 80_000), reversedOn: d("2026-01-17")),
                    Credit(id: 2, date: d("2026-01-19"), amount: Money(minor: 80_000))]
        #expect(Plans.completedDays(basis, credits: paid, graceDays: 2) == [days("2026-01-15", "2026-01-17"), days("2026-01-19", nil)])
        // Nothing paid again: active until the grace ends, broken after: never completed from 01-17.
        #expect(Plans.completedDays(basis, credits: [paid[0]], graceDays: 2) == [days("2026-01-15", "2026-01-17")])
        // The plan's own discount and write-offs are not its payments.
        let notPayments = [Credit(id: 3, kind: .credit, date: d("2026-01-12"), amount: Money(minor: 80_000), planDiscount: true),
                           Credit(id: 4, kind: .writeoff, date: d("2026-01-12"), amount: Money(minor: 80_000))]
        #expect(Plans.completedDays(basis, credits: notPayments, graceDays: 2).isEmpty)
    }

    @Test func aPlanBeyondTheCalendarIsRefused() {
        #expect(throws: PlanError.beyondCalendar) {
            try Plans.schedule(PlanTerms(balance: Money(minor: 100_000_00), instalments: 24, frequency: .month, first: d("9998-06-30")), currency: .idr)
        }
        #expect(throws: PlanError.beyondCalendar) {
            try Plans.schedule(PlanTerms(balance: Money(minor: 100_000_00), instalments: 360, frequency: .twoWeeks, first: d("9999-01-01")), currency: .idr)
        }
    }

    @Test func theDownPaymentMessageShowsAmounts() {
        #expect(PlanError.downPayment(down: Money(minor: 200_000), total: Money(minor: 100_000)).text(.idr)
                == "the down payment (2000.00) must be less than the plan total (1000.00) and not negative")
    }
}
