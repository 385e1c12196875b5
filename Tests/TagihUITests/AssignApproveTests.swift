import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// Assigning from the queue and approving with confirmation (issue 14,
/// CONTRACT §1a): what the screen offers follows `Authority`.
@Suite struct AssignFromQueueTests {
    /// The standard ledger with an admin and another team.
    static func ledger() -> FakeLedger {
        let f = FakeLedger.standard()
        f.people += [
            User(login: "adm01", name: "Admin Satu", role: .admin),
            User(login: "lead02", name: "Lina Timur", role: .lead, team: "TIM-TIMUR"),
            User(login: "kol09", name: "Yosef Timur", role: .collector, team: "TIM-TIMUR"),
        ]
        return f
    }

    @Test func aLeadAssignsMarkedAccountsToACollectorOfTheTeam() throws {
        let ledger = Self.ledger()
        let (w, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        w.press(.down, .down)                                   // ACC0000006 (kol01)
        w.press(.character("m"), .character("m"))               // marks it and ACC0000002 below
        #expect(w.screen.line(5).hasPrefix("+ACC0000006") && w.screen.line(6).hasPrefix("+ACC0000002"))
        #expect(w.screen.line(1).hasSuffix("+ 2 marked"))
        w.press(.character("A"))
        #expect(w.state.context == .assign)
        try expectGolden("assign-picker-en", w.screen)
        let picker = w.screen.text
        #expect(picker.contains("Accounts (2): ACC0000002, ACC0000006"))
        #expect(picker.contains("kol01") && picker.contains("kol02") && picker.contains("nobody (unassign)"))
        #expect(!picker.contains("kol09") && !picker.contains("lead02") && !picker.contains("adm01"), "only the team's collectors")
        w.press(.down, .enter)                                  // kol02
        #expect(ledger.assignments.count == 1)
        #expect(ledger.assignments.first?.0 == ["ACC0000002", "ACC0000006"] && ledger.assignments.first?.1 == "kol02")
        #expect(w.state.context == .queue)
        #expect(w.screen.line(23) == " 2 accounts assigned to kol02.")
        #expect(w.state.queue.marked.isEmpty)
        #expect(ledger.accounts.filter { ["ACC0000002", "ACC0000006"].contains($0.no) }.allSatisfy { $0.collector == "kol02" })
        // m again unmarks; another queue starts unmarked.
        w.press(.character("m"), .up, .character("m"))
        #expect(w.state.queue.marked.isEmpty)
        w.press(.character("m"), .character("t"), .down, .enter)
        #expect(w.state.queue.marked.isEmpty && !w.screen.line(1).contains("marked"))
    }

    @Test func aLeadAssignsTheSelectedLineInBahasaIndonesia() {
        let ledger = Self.ledger()
        let (w, _) = makeWorkstation("lead01", language: .id, ledger: ledger)
        w.press(.character("A"), .enter)                        // ACC0000003 (kol02) to kol01, the first offered
        #expect(ledger.assignments.first?.0 == ["ACC0000003"] && ledger.assignments.first?.1 == "kol01")
        #expect(w.screen.line(23) == " 1 akun ditugaskan ke kol01.")
    }

    @Test func aCollectorIsRefusedWithAuthoritysSentenceAndNothingOpens() {
        let ledger = Self.ledger()
        let (en, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        en.press(.character("A"))
        #expect(en.state.context == .queue)
        #expect(en.screen.line(23) == " only a lead or admin may assign accounts; kol01 is a collector")
        let (id, _) = makeWorkstation("kol01", language: .id, ledger: ledger)
        id.press(.character("A"))
        #expect(id.state.context == .queue)
        #expect(id.screen.line(23) == " hanya ketua tim atau admin yang boleh menugaskan akun; kol01 adalah kolektor")
        #expect(ledger.assignments.isEmpty)
        // Marking is for assigning: refused the same way; and help does not offer either.
        en.press(.character("m"))
        #expect(en.state.queue.marked.isEmpty && en.screen.line(23) == " only a lead or admin may assign accounts; kol01 is a collector")
        en.press(.character("?"))
        #expect(!en.screen.text.contains("assign the selected") && !en.screen.text.contains("mark or unmark"))
        let (lead, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        lead.press(.character("?"))
        #expect(lead.screen.text.contains("   A                  assign the selected (or marked) accounts to a collector"))
        #expect(lead.screen.text.contains("   m                  mark or unmark the line, to assign several"))
    }

    @Test func anAdminUnassignsAndSeesEveryCollectorAndLead() {
        let ledger = Self.ledger()
        let (w, _) = makeWorkstation("adm01", language: .en, ledger: ledger)
        #expect(w.state.queue.selected?.accountID == 3)         // the whole book: ACC0000003 first
        w.press(.character("A"))
        let picker = (0..<22).map { w.screen.line($0) }.joined(separator: "\n")   // not the status line, which names adm01
        #expect(["lead01", "kol01", "kol02", "lead02", "kol09"].allSatisfy { picker.contains($0) })
        #expect(!picker.contains("adm01"), "accounts go to collectors and leads only")
        w.press(.end, .enter)                                   // nobody
        #expect(ledger.assignments.first?.0 == ["ACC0000003"] && ledger.assignments.first?.1 == nil)
        #expect(ledger.accounts.first { $0.no == "ACC0000003" }?.collector == nil)
        #expect(w.screen.line(23) == " 1 account unassigned.")
    }

    @Test func aStoreRefusalShowsAsAnErrorAndThePickerStays() {
        let ledger = Self.ledger()
        let (w, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        w.press(.character("A"))
        ledger.refuseAssign = "lead01 leads team TIM-BARAT; account ACC0000003 belongs to team TIM-TIMUR"
        w.press(.enter)
        #expect(w.state.context == .assign)
        #expect(w.screen.line(23) == " lead01 leads team TIM-BARAT; account ACC0000003 belongs to team TIM-TIMUR")
        #expect(ledger.assignments.isEmpty)
        w.press(.escape)
        #expect(w.state.context == .queue && ledger.assignments.isEmpty)
    }

    @Test func aLeadMayNotAssignAnotherTeamsAccount() {
        let ledger = Self.ledger()
        ledger.accounts[2].collector = "kol09"                   // ACC0000003 moves to TIM-TIMUR
        let (w, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        // The whole book shows it to the lead: reachable, but not theirs to give.
        w.press(.character("t"), .end, .enter)   // the whole book, the last of the scopes
        #expect(w.state.queue.scope == .book)
        w.press(.home)
        while w.state.queue.selected?.accountID != 3 && w.state.queue.cursor < w.state.queue.ordered.count - 1 { w.press(.down) }
        #expect(w.state.queue.selected?.accountID == 3, "\(w.state.queue.scope) \(w.state.queue.ordered.map(\.accountID))")
        w.press(.character("A"))
        #expect(w.state.context == .queue)
        #expect(w.screen.line(23) == " lead01 leads team TIM-BARAT; account ACC0000003 belongs to team TIM-TIMUR")
    }
}

@Suite struct ApproveWithConfirmationTests {
    static func ledger() throws -> FakeLedger {
        let ledger = FakeLedger.standard()
        let schedule = try Plans.schedule(PlanTerms(balance: Money(minor: 3_125_000_00), discountBasisPoints: 1500, downPayment: Money(minor: 250_000_00),
                                                    instalments: 8, first: today.adding(days: 7)), currency: .idr)
        ledger.pending = [PlanRecord(id: 7, accountID: 6, accountNo: "ACC0000006", proposedBy: "kol01", start: today, schedule: schedule,
                                     note: "debitur di-PHK, istri berjualan", beyond: "a discount of 15% is above the limit of 0%; 8 instalments, more than 6",
                                     status: .pending, statusDay: today, decision: .pending, decidedOn: today,
                                     paid: schedule.lines.map { _ in .zero }, excesses: [.discount(1500, limit: 0), .instalments(8, limit: 6)])]
        // A payment that bounced: the lead sees it and its reversal before deciding.
        ledger.moreActivity[6] = [
            LedgerActivity(kind: .reversal, date: today.adding(days: -3), ref: "REV-1", channel: "BANK_TRANSFER", amount: Money(minor: 500_000_00)),
            LedgerActivity(kind: .payment, date: today.adding(days: -10), ref: "TRF-77", channel: "BANK_TRANSFER", amount: Money(minor: 500_000_00),
                           reversedOn: today.adding(days: -3)),
        ]
        return ledger
    }

    @Test func approvingShowsThePlanWholeThenAsks() throws {
        let ledger = try Self.ledger()
        let (w, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        w.press(.character("a"), .character("y"))
        #expect(w.state.context == .confirm)
        #expect(ledger.decisions.isEmpty, "y alone decides nothing")
        try expectGolden("approve-confirm-en", w.screen)
        let text = w.screen.text
        #expect(text.contains("Andi Syamsuddin · ACC0000006 · balance today IDR 3,125,000 · collector kol01"))
        #expect(text.contains("30 Jul 2027"), "the last line of the schedule")
        #expect(text.contains("payment") && text.contains("-IDR 625,000"), "the account's payments")
        #expect(text.contains("20 Nov 2026 reversal        +IDR 500,000"), "and a reversal")
        #expect(ledger.leaseRequests.isEmpty && ledger.leases.isEmpty, "looking at the plan takes no lease")
        w.press(.character("y"))
        #expect(ledger.decisions.count == 1 && ledger.decisions.first.map { $0.0 == 7 && $0.1 } == true)
        #expect(w.state.context == .approvals)
        #expect(w.screen.line(23) == " Plan 7 active.")
        #expect(ledger.leaseRequests.isEmpty)
    }

    @Test func theConfirmationInBahasaIndonesiaAndEnterConfirms() throws {
        let ledger = try Self.ledger()
        let (w, _) = makeWorkstation("lead01", language: .id, ledger: ledger)
        w.press(.character("a"), .character("y"))
        try expectGolden("approve-confirm-id", w.screen)
        #expect(w.screen.text.contains("Setujui rencana 7? y atau Enter menyetujui; Esc kembali tanpa memutuskan."))
        w.press(.enter)
        #expect(ledger.decisions.first.map { $0.0 == 7 && $0.1 } == true)
        #expect(w.screen.line(23) == " Rencana 7 aktif.")
    }

    @Test func escLeavesThePlanPending() throws {
        let ledger = try Self.ledger()
        let (w, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        w.press(.character("a"), .character("y"), .escape)
        #expect(w.state.context == .approvals)
        #expect(ledger.decisions.isEmpty && ledger.pending.count == 1)
        #expect(w.screen.text.contains("ACC0000006"))
        #expect(ledger.leaseRequests.isEmpty)
    }

    @Test func theScheduleScrollsToEveryLineAndDeclineAsksWhy() throws {
        let ledger = FakeLedger.standard()
        let schedule = try Plans.schedule(PlanTerms(balance: Money(minor: 3_125_000_00), discountBasisPoints: 0, instalments: 24,
                                                    first: today.adding(days: 7)), currency: .idr)
        ledger.pending = [PlanRecord(id: 9, accountID: 6, accountNo: "ACC0000006", proposedBy: "kol01", start: today, schedule: schedule,
                                     note: nil, beyond: "24 instalments, more than 12; the last payment on 2028-10-30 is more than 12 months after the first on 2026-11-30", status: .pending, statusDay: today,
                                     decision: .pending, decidedOn: today, paid: schedule.lines.map { _ in .zero })]
        let (w, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        w.press(.character("a"), .character("y"))
        #expect(w.screen.line(5) == "   24 instalments, more than 12; the last payment on 2028-10-30 is more than 12")
        #expect(w.screen.line(6) == "   months after the first on 2026-11-30", "why it needs a decision wraps")
        #expect(w.screen.text.contains("… and 14 more"))
        #expect(!w.screen.text.contains(" 24 30 Oct 2028"))
        w.press(.end)
        #expect(w.screen.text.contains(" 24 30 Oct 2028"), "the last instalment is reachable")
        w.press(.character("d"))
        #expect(w.state.context == .approvals && w.screen.text.contains("Why decline: "))
        w.type("too long")
        w.press(.enter)
        #expect(ledger.decisions.first.map { $0.0 == 9 && !$0.1 && $0.2 == "too long" } == true)
    }
}
