import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// Negotiating a plan and a lead's approvals, on screen.
@Suite struct PlanScreenTests {
    @Test func negotiatingRecomputesAsYouTypeAndSavesARequestBeyondAuthority() throws {
        let (w, ledger) = makeWorkstation("kol01")
        w.press(.enter, .character("n"))     // ACC0000006: balance Rp3.125.000
        #expect(w.state.context == .form)
        try expectGolden("plan-form-before-id", w.screen)
        w.type("10")                          // discount 10%: beyond a collector's 0%
        w.press(.tab, .tab, .tab, .control("u"))
        w.type("8")                           // 8 instalments: beyond 6
        w.press(.tab, .left)                  // every two weeks
        try expectGolden("plan-form-after-id", w.screen)
        #expect(w.screen.text.contains("Diskon 10% Rp312.500 · total Rp2.812.500"))
        #expect(w.screen.text.contains("diskon 10% di atas batas 0%; 8 angsuran, lebih dari 6"))
        #expect(w.screen.text.contains("Di luar wewenang"))
        w.press(.function(2))
        let (account, terms, _) = try #require(ledger.proposals.first)
        #expect(account == "ACC0000006" && terms.discountBasisPoints == 1000 && terms.instalments == 8 && terms.frequency == .twoWeeks)
        #expect(terms.first == today.adding(days: 7))
        #expect(w.state.context == .account)
        #expect(w.screen.line(23) == " Rencana 1 menunggu persetujuan ketua tim.")
    }

    @Test func aTargetTotalSetsTheDiscount() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .en)
        w.press(.enter, .character("n"), .tab)       // ACC0000003: balance 734,024,000
        w.type("700.000.000")
        #expect(w.screen.text.contains("Discount 4.64% IDR 34,058,713.60 · total IDR 699,965,286.40"), "the smallest discount reaching the target")
        w.press(.function(2))
        #expect(ledger.proposals.first?.1.discountBasisPoints == 464)
    }

    @Test func theAgreementLetterIsOneKeyAway() {
        let ledger = FakeLedger.standard()
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        w.press(.enter, .character("l"))
        #expect(w.screen.line(23) == " This account has no payment plan.")
        #expect(ledger.letters.isEmpty)
    }

    @Test func badTermsSayWhichField() {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        w.press(.enter, .character("n"))
        w.type("12.345")
        #expect(w.screen.text.contains("Discount %: a percentage such as 10 or 12.5"))
        w.press(.function(2))
        #expect(w.screen.line(23) == " Discount %: a percentage such as 10 or 12.5")
        #expect(ledger.proposals.isEmpty)
    }

    @Test func aFirstDueDateBeforeTodayIsRefusedInTheForm() {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        w.press(.enter, .character("n"), .tab, .tab, .tab, .tab, .tab, .control("u"))
        w.type(today.adding(days: -1).iso)
        w.press(.function(2))
        #expect(w.screen.line(23).hasSuffix(": today or later"), "\(w.screen.line(23))")
        #expect(ledger.proposals.isEmpty)
    }

    @Test func aLeadApprovesAndDeclinesWithAReason() throws {
        let ledger = FakeLedger.standard()
        let schedule = try Plans.schedule(PlanTerms(balance: Money(minor: 3_125_000_00), discountBasisPoints: 1500, instalments: 8,
                                                    first: today.adding(days: 7)), currency: .idr)
        func record(_ id: Int64, _ no: String) -> PlanRecord {
            PlanRecord(id: id, accountID: 6, accountNo: no, proposedBy: "kol01", start: today, schedule: schedule, note: "debitur di-PHK",
                       beyond: "a discount of 15% is above the limit of 0%", status: .pending, statusDay: today,
                       decision: .pending, decidedOn: today, paid: schedule.lines.map { _ in .zero })
        }
        ledger.pending = [record(7, "ACC0000006"), record(8, "ACC0000002")]
        let (w, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        w.press(.character("a"))
        #expect(w.state.context == .approvals)
        try expectGolden("approvals-en", w.screen)
        w.press(.character("y"))
        #expect(ledger.decisions.isEmpty, "y first shows the plan and asks")
        w.press(.character("y"))
        #expect(ledger.decisions.first.map { $0.0 == 7 && $0.1 } == true)
        #expect(w.screen.line(23) == " Plan 7 active.")
        w.press(.character("d"))
        w.type("oops")
        w.press(.control("u"))              // the reason is edited like every input: Ctrl-U clears it
        w.type("too generous")
        w.press(.enter)
        #expect(ledger.decisions.last.map { $0.0 == 8 && !$0.1 && $0.2 == "too generous" } == true)
        #expect(w.screen.text.contains("No plan waits for approval."))
        // Enter on a pending plan shows its account (position, contacts, plans) and Esc comes back.
        ledger.pending = [record(9, "ACC0000006")]
        w.press(.character("r"))
        w.send(.pendingPlansLoaded(ledger.pending))
        w.press(.enter)
        #expect(w.state.context == .account && w.screen.line(0).hasPrefix(" ACC0000006  Andi Syamsuddin"))
        w.press(.escape)
        #expect(w.state.context == .approvals)
        // Collectors have no approvals.
        let (kol, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        kol.press(.character("a"))
        #expect(kol.state.context == .queue)
    }
}
