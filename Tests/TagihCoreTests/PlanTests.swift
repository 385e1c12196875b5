import Testing
@testable import TagihCore

/// Plan arithmetic, authority and settlement (CONTRACT §8).
@Suite struct PlanTests {
    func d(_ s: String) -> Day { Day(iso: s)! }
    func rp(_ minor: Int64) -> Money { Money(minor: minor) }

    @Test func discountTotalAndInstalmentsWithTheRemainderLast() throws {
        // B = 7,777,777.77; 12.5% off → D = 972,222.22 (972,222.22125 rounded down); T = 6,805,555.55.
        let s = try Plans.schedule(PlanTerms(balance: rp(777_777_777), discountBasisPoints: 1250, instalments: 3, first: d("2026-12-01")),
                                   currency: .idr)
        #expect(s.discount == rp(97_222_222) && s.total == rp(680_555_555))
        #expect(s.lines.map(\.amount) == [rp(226_851_800), rp(226_851_800), rp(226_851_955)], "whole rupiah, the sen go last")
        #expect(s.lines.map(\.due) == [d("2026-12-01"), d("2027-01-01"), d("2027-02-01")])
        #expect(s.lines.map(\.n) == [1, 2, 3])
    }

    @Test func aDownPaymentComesFirstAndInstalmentsOnePeriodLater() throws {
        let s = try Plans.schedule(PlanTerms(balance: rp(1_000_000_00), downPayment: rp(250_000_00), instalments: 2, frequency: .week,
                                             first: d("2026-11-30")), currency: .idr)
        #expect(s.lines == [PlanLine(n: 0, due: d("2026-11-30"), amount: rp(250_000_00)),
                            PlanLine(n: 1, due: d("2026-12-07"), amount: rp(375_000_00)),
                            PlanLine(n: 2, due: d("2026-12-14"), amount: rp(375_000_00))])
        let two = try Plans.schedule(PlanTerms(balance: rp(1_000_000_00), instalments: 3, frequency: .twoWeeks, first: d("2026-12-28")),
                                     currency: .idr)
        #expect(two.lines.map(\.due) == [d("2026-12-28"), d("2027-01-11"), d("2027-01-25")])
    }

    @Test func monthsClampToTheLastDayAndComeBack() throws {
        let s = try Plans.schedule(PlanTerms(balance: rp(400_000_00), instalments: 4, first: d("2026-01-31")), currency: .idr)
        #expect(s.lines.map(\.due) == [d("2026-01-31"), d("2026-02-28"), d("2026-03-31"), d("2026-04-30")])
        let leap = try Plans.schedule(PlanTerms(balance: rp(300_000_00), instalments: 3, first: d("2027-12-31")), currency: .idr)
        #expect(leap.lines.map(\.due) == [d("2027-12-31"), d("2028-01-31"), d("2028-02-29")])
    }

    @Test func edgesAreRefusedClearly() {
        #expect(throws: PlanError.downPayment(down: rp(100_000_00), total: rp(100_000_00))) {
            try Plans.schedule(PlanTerms(balance: rp(100_000_00), downPayment: rp(100_000_00), instalments: 1, first: d("2026-12-01")), currency: .idr)
        }
        #expect(throws: PlanError.instalmentBelowUnit(rp(0))) {
            try Plans.schedule(PlanTerms(balance: rp(250), instalments: 3, first: d("2026-12-01")), currency: .idr)
        }
        #expect(throws: PlanError.nothingOwed(rp(0))) { try Plans.schedule(PlanTerms(balance: rp(0), instalments: 1, first: d("2026-12-01")), currency: .idr) }
        #expect(throws: PlanError.instalments(0)) { try Plans.schedule(PlanTerms(balance: rp(100), instalments: 0, first: d("2026-12-01")), currency: .idr) }
    }

    @Test func oneInstalmentAndVeryLargeBalances() throws {
        let one = try Plans.schedule(PlanTerms(balance: rp(1_234_567), discountBasisPoints: 1, instalments: 1, first: d("2026-12-01")), currency: .idr)
        #expect(one.discount == rp(123) && one.lines == [PlanLine(n: 1, due: d("2026-12-01"), amount: rp(1_234_444))])
        // Near Int64.max the discount is still exact (full-width multiply).
        let big = try Plans.schedule(PlanTerms(balance: rp(9_000_000_000_000_000_000), discountBasisPoints: 9_999, instalments: 12,
                                               first: d("2026-12-01")), currency: .idr)
        #expect(big.discount == rp(8_999_100_000_000_000_000) && big.total == rp(900_000_000_000_000))
        #expect(big.lines.reduce(Int64(0)) { $0 + $1.amount.minor } == big.total.minor)
    }

    @Test func authorityPerRole() throws {
        let longest: [Role: Int?] = [.collector: 6, .lead: 12, .admin: nil]
        let kol = PlanAuthority.of(User(login: "k", name: "K", role: .collector, discountLimitBasisPoints: 1000), longest: longest)
        let kolNoLimit = PlanAuthority.of(User(login: "k", name: "K", role: .collector), longest: longest)
        let lead = PlanAuthority.of(User(login: "l", name: "L", role: .lead), longest: longest)
        let admin = PlanAuthority.of(User(login: "a", name: "A", role: .admin), longest: longest)
        func plan(_ bp: Int, _ n: Int, down: Int64 = 0) throws -> PlanSchedule {
            try Plans.schedule(PlanTerms(balance: rp(10_000_000_00), discountBasisPoints: bp, downPayment: rp(down), instalments: n,
                                         first: d("2026-12-01")), currency: .idr)
        }
        #expect(kol.excesses(try plan(1000, 6)).isEmpty, "a discount equal to the limit is within it")
        #expect(kol.excesses(try plan(1001, 6)) == ["a discount of 10.01% is above the limit of 10%"])
        #expect(kolNoLimit.excesses(try plan(1, 1)) == ["a discount of 0.01% is above the limit of 0%"])
        #expect(kol.excesses(try plan(0, 7)).first == "7 instalments are more than 6")
        // A down payment makes 6 instalments end 6 months after the first due date: still within.
        #expect(kol.excesses(try plan(0, 6, down: 100_000_00)).isEmpty)
        #expect(try lead.excesses(plan(5000, 12)).isEmpty)
        #expect(try !lead.excesses(plan(0, 13)).isEmpty)
        #expect(admin.excesses(try plan(9000, 120)).isEmpty)
    }

    @Test func settlement() throws {
        let s = try Plans.schedule(PlanTerms(balance: rp(300_000_00), discountBasisPoints: 1000, downPayment: rp(70_000_00), instalments: 2,
                                             frequency: .week, first: d("2026-12-01")), currency: .idr)
        // T = 270,000: down 70,000 on 12-01, 100,000 on 12-08 and 12-15.
        #expect(s.lines.map(\.amount) == [rp(70_000_00), rp(100_000_00), rp(100_000_00)])
        let start = d("2026-11-24")
        func pay(_ id: Int64, _ day: String, _ amount: Int64, reversed: String? = nil) -> Credit {
            Credit(id: id, kind: .payment, date: d(day), amount: rp(amount), reversedOn: reversed.map(d))
        }
        let basis = PlanBasis(schedule: s, start: start, creditMark: 0, decisions: [PlanDecisionEvent(day: start, decision: .active)])
        func state(_ credits: [Credit], _ asOf: String) -> (PlanStatus, Day?, [Money]) {
            let p = Plans.progress(basis, credits: credits, asOf: d(asOf), graceDays: 2)
            return (p.status, p.status == .active ? nil : p.since, p.paid)
        }
        let onTime = [pay(1, "2026-12-01", 70_000_00), pay(2, "2026-12-08", 100_000_00)]
        #expect(state(onTime, "2026-12-10") == (.active, nil, [rp(70_000_00), rp(100_000_00), rp(0)]))
        #expect(state(onTime + [pay(3, "2026-12-17", 100_000_00)], "2026-12-31") == (.completed, d("2026-12-17"), [rp(70_000_00), rp(100_000_00), rp(100_000_00)]),
                "late within the grace days, then complete")
        #expect(state(onTime, "2026-12-18") == (.broken, d("2026-12-18"), [rp(70_000_00), rp(100_000_00), rp(0)]), "line 2 not paid by 12-17")
        #expect(state([pay(1, "2026-12-04", 70_000_00)], "2026-12-31").0 == .broken, "the down payment a day after its grace")
        #expect(state([pay(1, "2026-11-20", 270_000_00)], "2026-12-31").0 == .broken, "payments before the start do not count")
        #expect(state([pay(1, "2026-11-30", 300_000_00)], "2026-12-31") == (.completed, d("2026-11-30"), [rp(70_000_00), rp(100_000_00), rp(100_000_00)]),
                "paid in one go before the first date")
        let reversed = [pay(1, "2026-11-30", 270_000_00, reversed: "2026-12-05")]
        #expect(state(reversed, "2026-12-04").0 == .completed && state(reversed, "2026-12-05").0 == .broken,
                "a reversal undoes what it paid, as of its date")
    }
}
