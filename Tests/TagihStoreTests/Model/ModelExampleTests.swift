import Testing

/// The model itself, held to every figure of the hand-worked examples in
/// shared/examples/plans-and-promises.md (P1–P7, R1–R2). Only the model
/// runs here: if these pass, a scenario mismatch points at the ledger.
@Suite struct ModelExampleTests {
    static func d(_ s: String) -> Int { MCal.parse(s) }
    static func m(_ s: String) -> Int64 { MMoney.parse(s)! }

    /// Account A owing `owed` (one charge due 2025-12-31).
    static func owing(_ owed: String) -> LedgerModel {
        var model = LedgerModel()
        model.post(MEntry(seq: 0, account: "A", kind: .charge, ref: "INV-1", date: d("2025-12-01"), due: d("2025-12-31"), amount: m(owed)))
        return model
    }

    static func pay(_ model: inout LedgerModel, _ amount: String, on day: String, ref: String, channel: String = "VA") {
        model.post(MEntry(seq: 0, account: "A", kind: .payment, ref: ref, channel: channel, date: d(day), amount: m(amount)))
    }

    static func propose(_ model: inout LedgerModel, on day: String, bp: Int, n: Int, every: String, first: String, pending: Bool = false) throws -> MPlan {
        let r = model.propose(id: Int64(model.plans.count + 1), account: "A", today: d(day), discountBP: bp, down: 0, instalments: n,
                              every: every, first: d(first), by: "col01", pending: pending)
        return try r.get()
    }

    /// status, paid per line and balance as of `day`.
    static func expect(_ model: LedgerModel, _ planID: Int64, asOf day: String, _ status: String, _ paid: [String], _ balance: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let p = model.plans.first { $0.id == planID }!
        #expect(model.status(p, asOf: d(day)) == status, "status as of \(day)", sourceLocation: sourceLocation)
        #expect(model.paid(p, asOf: d(day)) == paid.map(m), "paid as of \(day)", sourceLocation: sourceLocation)
        #expect(model.position("A", asOf: d(day)).balance == m(balance), "balance as of \(day)", sourceLocation: sourceLocation)
    }

    @Test func calendarAndMonthlyClamp() {
        #expect(MCal.iso(MCal.parse("2026-01-31")) == "2026-01-31")
        #expect(MCal.iso(0) == "1970-01-01")
        let first = Self.d("2026-01-31")
        #expect((0...3).map { MCal.iso(MCal.addMonths(first, $0, dom: 31)) } == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"])
        #expect(MMoney.text(-500_000) == "-5000.00" && MMoney.text(125_000_050) == "1250000.50")
    }

    @Test func scheduleArithmetic() throws {
        // §8: instalments 1..N−1 rounded down to whole rupiah, the last takes the rest, sen included.
        let t = try LedgerModel.terms(balance: 100_000_01, discountBP: 1250, down: 10_000_00, instalments: 3, every: "month",
                                      first: Self.d("2026-01-31"), start: Self.d("2026-01-20")).get()
        #expect(t.discount == 12_500_00)        // 100000.01 × 12.5 % = 12500.00125, rounded down
        #expect(t.total == 87_500_01)
        #expect(t.lines.map(\.amount) == [10_000_00, 25_833_00, 25_833_00, 25_834_01])
        #expect(t.lines.map { MCal.iso($0.due) } == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"])
        #expect(LedgerModel.terms(balance: 200, discountBP: 0, down: 0, instalments: 3, every: "week", first: 0, start: 0).map { _ in 0 }
                == .failure(.instalmentBelowUnit))
        #expect(LedgerModel.terms(balance: 1000_00, discountBP: 1000, down: 900_00, instalments: 1, every: "week", first: 0, start: 0).map { _ in 0 }
                == .failure(.downNotBelowTotal))
    }

    /// P1: a payment on the start day, before the proposal, is in B.
    @Test func p1StartDayPaymentBeforeTheProposal() throws {
        var model = Self.owing("1000.00")
        Self.pay(&model, "400.00", on: "2026-01-10", ref: "P-1")
        let plan = try Self.propose(&model, on: "2026-01-10", bp: 1000, n: 2, every: "month", first: "2026-01-20")
        #expect(plan.balance == Self.m("600.00") && plan.discount == Self.m("60.00") && plan.total == Self.m("540.00"))
        #expect(plan.lines.map(\.amount) == [Self.m("270.00"), Self.m("270.00")])
        #expect(plan.lines.map { MCal.iso($0.due) } == ["2026-01-20", "2026-02-20"])
        Self.expect(model, 1, asOf: "2026-01-10", "active", ["0.00", "0.00"], "600.00")
        Self.pay(&model, "140.00", on: "2026-01-20", ref: "P-2")
        Self.expect(model, 1, asOf: "2026-01-20", "active", ["140.00", "0.00"], "460.00")
        Self.expect(model, 1, asOf: "2026-01-22", "active", ["140.00", "0.00"], "460.00")
        Self.expect(model, 1, asOf: "2026-01-23", "broken", ["140.00", "0.00"], "460.00")
        Self.pay(&model, "400.00", on: "2026-02-20", ref: "P-3")
        Self.expect(model, 1, asOf: "2026-02-20", "broken", ["270.00", "270.00"], "60.00")
        #expect(model.discountEntries(model.plans[0], through: Self.d("2026-03-31")).isEmpty)
    }

    /// P2: the same payment posted after the proposal is the plan's.
    @Test func p2StartDayPaymentAfterTheProposal() throws {
        var model = Self.owing("1000.00")
        let plan = try Self.propose(&model, on: "2026-01-10", bp: 1000, n: 2, every: "month", first: "2026-01-20")
        #expect(plan.balance == Self.m("1000.00") && plan.discount == Self.m("100.00") && plan.total == Self.m("900.00"))
        #expect(plan.lines.map(\.amount) == [Self.m("450.00"), Self.m("450.00")])
        Self.pay(&model, "400.00", on: "2026-01-10", ref: "P-1")
        Self.pay(&model, "140.00", on: "2026-01-20", ref: "P-2")
        Self.expect(model, 1, asOf: "2026-01-20", "active", ["450.00", "90.00"], "460.00")
    }

    /// P3: completion, reversal, completion again; the discount entries follow.
    @Test func p3CompletionReversalCompletion() throws {
        var model = Self.owing("1000.00")
        let plan = try Self.propose(&model, on: "2026-01-10", bp: 2000, n: 1, every: "month", first: "2026-01-20")
        #expect(plan.discount == Self.m("200.00") && plan.total == Self.m("800.00"))
        Self.pay(&model, "800.00", on: "2026-01-15", ref: "P-1")
        Self.expect(model, 1, asOf: "2026-01-15", "completed", ["800.00"], "0.00")
        #expect(model.discountEntries(model.plans[0], through: Self.d("2026-01-15")).map { "\($0.ref) \(MCal.iso($0.date)) \(MMoney.text($0.amount))" }
                == ["PLAN-1-DISCOUNT 2026-01-15 200.00"])
        Self.expect(model, 1, asOf: "2026-01-16", "completed", ["800.00"], "0.00")

        var unpaid = model
        model.reverse(paymentRef: "P-1", channel: "VA", on: Self.d("2026-01-17"))
        Self.expect(model, 1, asOf: "2026-01-17", "active", ["0.00"], "1000.00")
        Self.pay(&model, "800.00", on: "2026-01-19", ref: "P-1", channel: "QRIS")
        Self.expect(model, 1, asOf: "2026-01-19", "completed", ["800.00"], "0.00")
        Self.expect(model, 1, asOf: "2026-01-30", "completed", ["800.00"], "0.00")
        #expect(model.discountEntries(model.plans[0], through: Self.d("2026-01-30")).map { "\($0.ref) \(MCal.iso($0.date)) \(MMoney.text($0.amount))" }
                == ["PLAN-1-DISCOUNT 2026-01-15 200.00", "PLAN-1-DISCOUNT-REV 2026-01-17 -200.00", "PLAN-1-DISCOUNT-2 2026-01-19 200.00"])
        // No discount outlives its payments: as of 01-17 and 01-18 the account owes it all.
        #expect(model.position("A", asOf: Self.d("2026-01-18")).balance == Self.m("1000.00"))

        // Had nothing been paid again: active on 01-22, broken from 01-23.
        unpaid.reverse(paymentRef: "P-1", channel: "VA", on: Self.d("2026-01-17"))
        Self.expect(unpaid, 1, asOf: "2026-01-22", "active", ["0.00"], "1000.00")
        Self.expect(unpaid, 1, asOf: "2026-01-23", "broken", ["0.00"], "1000.00")
    }

    /// P4: a reversal dated on the payment's own day: never a discount.
    @Test func p4ReversalOnThePaymentsDay() throws {
        var model = Self.owing("1000.00")
        _ = try Self.propose(&model, on: "2026-01-10", bp: 2000, n: 1, every: "month", first: "2026-01-20")
        Self.pay(&model, "800.00", on: "2026-01-15", ref: "P-1")
        Self.expect(model, 1, asOf: "2026-01-15", "completed", ["800.00"], "0.00")   // before the reversal is known
        model.reverse(paymentRef: "P-1", channel: "VA", on: Self.d("2026-01-15"))
        Self.expect(model, 1, asOf: "2026-01-15", "active", ["0.00"], "1000.00")
        Self.expect(model, 1, asOf: "2026-01-23", "broken", ["0.00"], "1000.00")
        #expect(model.discountEntries(model.plans[0], through: Self.d("2026-02-28")).isEmpty)
        for day in Self.d("2026-01-10")...Self.d("2026-02-28") { #expect(!model.discountInForce(model.plans[0], asOf: day)) }
    }

    /// P5: a late file repairs a broken plan.
    @Test func p5LateFileRepairsABrokenPlan() throws {
        var model = Self.owing("1000.00")
        _ = try Self.propose(&model, on: "2026-01-10", bp: 2000, n: 1, every: "month", first: "2026-01-20")
        Self.expect(model, 1, asOf: "2026-01-23", "broken", ["0.00"], "1000.00")
        Self.pay(&model, "800.00", on: "2026-01-19", ref: "P-1")   // the late file of 01-24
        Self.expect(model, 1, asOf: "2026-01-18", "active", ["0.00"], "1000.00")
        Self.expect(model, 1, asOf: "2026-01-19", "completed", ["800.00"], "0.00")
        Self.expect(model, 1, asOf: "2026-01-23", "completed", ["800.00"], "0.00")
        #expect(model.discountEntries(model.plans[0], through: Self.d("2026-02-28")).map { "\($0.ref) \(MCal.iso($0.date))" } == ["PLAN-1-DISCOUNT 2026-01-19"])
    }

    /// P6: what counts as a plan payment.
    @Test func p6WhatCountsAsAPlanPayment() throws {
        var model = Self.owing("1000.00")
        let plan = try Self.propose(&model, on: "2026-01-10", bp: 0, n: 2, every: "week", first: "2026-01-12")
        #expect(plan.lines.map { "\(MCal.iso($0.due)) \(MMoney.text($0.amount))" } == ["2026-01-12 500.00", "2026-01-19 500.00"])
        Self.pay(&model, "300.00", on: "2026-01-10", ref: "P-1")   // after the proposal: counts
        Self.pay(&model, "300.00", on: "2026-01-09", ref: "P-2")   // before the start: not the plan's
        model.post(MEntry(seq: 0, account: "A", kind: .writeoff, ref: "W-1", date: Self.d("2026-01-11"), amount: Self.m("50.00")))
        model.post(MEntry(seq: 0, account: "A", kind: .credit, ref: "C-1", date: Self.d("2026-01-11"), amount: Self.m("70.00")))
        let p = model.plans[0]
        #expect(model.planPayments(p, asOf: Self.d("2026-01-20")).map { "\(MCal.iso($0.date)) \(MMoney.text($0.amount))" }
                == ["2026-01-10 300.00", "2026-01-11 70.00"])
        Self.expect(model, 1, asOf: "2026-01-14", "active", ["370.00", "0.00"], "280.00")
        Self.expect(model, 1, asOf: "2026-01-15", "broken", ["370.00", "0.00"], "280.00")
    }

    /// P7: a decision and the derived status.
    @Test func p7DecisionsAsOfTheDay() throws {
        var model = Self.owing("1000.00")
        _ = try Self.propose(&model, on: "2026-01-10", bp: 2000, n: 1, every: "month", first: "2026-01-20", pending: true)
        let approved = model.decide(1, "approve", today: Self.d("2026-01-11"))
        #expect(approved)
        Self.expect(model, 1, asOf: "2026-01-10", "pending", ["0.00"], "1000.00")
        Self.expect(model, 1, asOf: "2026-01-11", "active", ["0.00"], "1000.00")
        Self.expect(model, 1, asOf: "2026-01-23", "broken", ["0.00"], "1000.00")
        // Approving after the first due date is refused (§8).
        var late = Self.owing("1000.00")
        _ = try Self.propose(&late, on: "2026-01-10", bp: 2000, n: 1, every: "month", first: "2026-01-20", pending: true)
        let tooLate = late.decide(1, "approve", today: Self.d("2026-01-21"))
        let onTheDay = late.decide(1, "approve", today: Self.d("2026-01-20"))
        #expect(!tooLate && onTheDay)
    }

    /// R10: an active plan cancels only an earlier plan active (derived) that day.
    @Test func r10ReplacesOnlyAnActivePlan() throws {
        var model = Self.owing("1000.00")
        _ = try Self.propose(&model, on: "2026-01-10", bp: 0, n: 1, every: "week", first: "2026-01-12")
        // Plan 1 broken from 01-15; plan 2 on 01-20 leaves it broken.
        _ = try Self.propose(&model, on: "2026-01-20", bp: 0, n: 1, every: "week", first: "2026-01-27")
        #expect(model.status(model.plans[0], asOf: Self.d("2026-01-25")) == "broken")
        // Plan 3 on 01-21 cancels plan 2, active that day.
        _ = try Self.propose(&model, on: "2026-01-21", bp: 0, n: 1, every: "week", first: "2026-01-28")
        #expect(model.status(model.plans[1], asOf: Self.d("2026-01-20")) == "active")
        #expect(model.status(model.plans[1], asOf: Self.d("2026-01-21")) == "cancelled")
        #expect(model.status(model.plans[2], asOf: Self.d("2026-01-21")) == "active")
        // A pending proposal cancels nothing.
        _ = try Self.propose(&model, on: "2026-01-22", bp: 5000, n: 1, every: "week", first: "2026-01-29", pending: true)
        #expect(model.status(model.plans[2], asOf: Self.d("2026-01-22")) == "active")
    }

    static func promiseModel() -> LedgerModel {
        var model = owing("1000.00")
        model.promises.append(MPromise(account: "A", moment: Int64(d("2026-01-05")) * 86_400 + 3_600, madeOn: d("2026-01-05"),
                                       amount: m("500.00"), due: d("2026-01-10"), madeBy: "admin"))
        pay(&model, "300.00", on: "2026-01-08", ref: "P-1")
        return model
    }

    static func row(_ model: LedgerModel, asOf day: String, _ i: Int = 0) -> (paid: Int64?, status: String) {
        let p = model.promises[i]
        let st = model.promiseStatus(p, asOf: d(day))
        return (st == "replaced" ? nil : model.promisePaid(p, asOf: d(day)), st)
    }

    /// R1: kept, broken, kept by a late payment, broken again by its reversal.
    @Test func r1PromiseKeptAndBroken() {
        var model = Self.promiseModel()
        #expect(Self.row(model, asOf: "2026-01-12") == (Self.m("300.00"), "open"))
        #expect(Self.row(model, asOf: "2026-01-13") == (Self.m("300.00"), "broken"))
        Self.pay(&model, "300.00", on: "2026-01-12", ref: "P-2")
        #expect(Self.row(model, asOf: "2026-01-13") == (Self.m("500.00"), "kept"))
        model.reverse(paymentRef: "P-2", channel: "VA", on: Self.d("2026-01-14"))
        #expect(Self.row(model, asOf: "2026-01-14") == (Self.m("300.00"), "broken"))
        #expect(Self.row(model, asOf: "2026-01-13") == (Self.m("500.00"), "kept"))
        #expect(model.promiseReport(asOf: Self.d("2026-01-04")).isEmpty)
        #expect(model.promiseReport(asOf: Self.d("2026-01-05")).map(\.status) == ["open"])
    }

    /// R2: replaced while open; a kept or broken promise stays what it is.
    @Test func r2PromiseReplaced() {
        let second = MPromise(account: "A", moment: Int64(Self.d("2026-01-09")) * 86_400 + 3_600, madeOn: Self.d("2026-01-09"),
                              amount: Self.m("200.00"), due: Self.d("2026-01-15"), madeBy: "admin")
        var model = Self.promiseModel()
        model.promises.append(second)
        #expect(Self.row(model, asOf: "2026-01-08").status == "open")
        #expect(Self.row(model, asOf: "2026-01-09").status == "replaced")
        Self.pay(&model, "300.00", on: "2026-01-10", ref: "P-2")   // paid later: still replaced
        #expect(Self.row(model, asOf: "2026-01-20").status == "replaced")
        #expect(Self.row(model, asOf: "2026-01-20", 1) == (Self.m("200.00"), "kept"))

        // Kept before the new one: stays kept.
        var kept = Self.promiseModel()
        Self.pay(&kept, "200.00", on: "2026-01-08", ref: "P-3")
        kept.promises.append(second)
        #expect(Self.row(kept, asOf: "2026-01-20") == (Self.m("500.00"), "kept"))

        // Broken before the new one: stays broken.
        var broken = Self.promiseModel()
        var late = second
        late.madeOn = Self.d("2026-01-14"); late.moment = Int64(late.madeOn) * 86_400; late.due = Self.d("2026-01-20")
        broken.promises.append(late)
        #expect(Self.row(broken, asOf: "2026-01-20") == (Self.m("300.00"), "broken"))

        // R12: an earlier contact moment logged later does not replace the later one.
        var order = Self.promiseModel()
        var earlier = second
        earlier.moment = Int64(Self.d("2026-01-04")) * 86_400; earlier.madeOn = Self.d("2026-01-04")
        order.promises.append(earlier)
        #expect(Self.row(order, asOf: "2026-01-06").status == "open")
        #expect(Self.row(order, asOf: "2026-01-06", 1).status == "replaced")
    }
}
