import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// The case screen (issue 17, CONTRACT §9, R22): `C` on the account lists its
/// cases; o opens one (a dispute places the hold and says so), n notes, e
/// extends, s resolves; a collector's credit waits for a lead's y or d.
@Suite struct CaseScreenTests {
    static func openCases(_ w: Workstation, _ no: String) {
        HoldScreenTests.open(w, no)
        w.press(.character("C"))
    }

    @Test func theCasesAreListedWithTypeStatusOpenedDueAndSummary() throws {
        for (language, suffix) in [(Language.en, "en"), (.id, "id")] {
            let (w, _) = makeWorkstation("kol01", language: language, ledger: HoldScreenTests.heldLedger())
            Self.openCases(w, "ACC0000001")
            try expectGolden("cases-\(suffix)", w.screen)
            if language == .en {
                #expect(w.screen.text.contains("#5  complaint  overdue  opened 2 Nov 2026  due 16 Nov 2026: collector called"))
                #expect(w.screen.text.contains("resolution upheld by kol01, resolved"))
            }
            let (wide, _) = makeWorkstation("kol01", language: language, width: 132, height: 40, ledger: HoldScreenTests.heldLedger())
            Self.openCases(wide, "ACC0000001")
            try expectGolden("cases-132-\(suffix)", wide.screen)
        }
    }

    /// An Indonesian screen shows the form's choices in Indonesian; what is
    /// saved is still the contract's word.
    @Test func theFormsChoicesReadInTheReadersLanguage() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .id)
        Self.openCases(w, "ACC0000002")
        w.press(.character("o"))
        #expect(w.screen.text.contains("< pertanyaan >") && w.screen.text.contains("< telepon >"))
        w.press(.right)
        #expect(w.screen.text.contains("< sengketa >"))
        w.press(.tab)
        w.type("denda ganda")
        w.press(.function(2))
        #expect(ledger.caseSaves.last == .open(accountNo: "ACC0000002", type: .dispute, summary: "denda ganda", charges: [], amount: nil, via: .phone))
    }

    @Test func aDisputeOpenedFromTheAccountHoldsItAndSaysSo() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        #expect(w.state.queue.ordered.map(\.accountID).contains(2))
        Self.openCases(w, "ACC0000002")
        w.press(.character("o"), .right)             // question → dispute
        w.press(.tab)
        w.type("late fee charged twice")
        w.press(.tab)
        w.type("INV-0002-2")
        w.press(.tab)
        w.type("150.000")
        try expectGolden("case-open-en", w.screen)
        w.press(.function(2))
        #expect(ledger.caseSaves == [.open(accountNo: "ACC0000002", type: .dispute, summary: "late fee charged twice", charges: ["INV-0002-2"],
                                          amount: Money(minor: 150_000_00), via: .phone)])
        // 10 working days after Mon 23 Nov 2026: Mon 7 Dec.
        #expect(w.state.status?.text == "Case 101 open, due 7 Dec 2026; the account is on hold until it is resolved.")
        #expect(w.screen.text.contains("#101  dispute  open  opened 23 Nov 2026  due 7 Dec 2026: late fee charged"))
        #expect(!w.state.queue.ordered.map(\.accountID).contains(2), "the held account left the to-work list")
        // The contact form now opens blocked.
        w.press(.escape, .character("c"))
        #expect(w.screen.text.contains("on hold (dispute since 23 Nov 2026)"))
    }

    @Test func aCollectorsCreditWaitsAndALeadApprovesIt() throws {
        let ledger = HoldScreenTests.heldLedger()
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        Self.openCases(w, "ACC0000001")
        w.press(.character("s"), .tab)               // case #7, outcome upheld; the note
        w.type("fee charged twice, refunded")
        w.press(.tab)
        w.type("50000")
        w.press(.function(2))
        #expect(ledger.caseSaves == [.resolve(7, outcome: .upheld, note: "fee charged twice, refunded", credit: Money(minor: 50_000_00))])
        #expect(w.state.status?.text == "Case 7 awaits a lead's approval of its credit.")
        #expect(w.screen.text.contains("#7  dispute  awaiting approval"))
        #expect(!w.state.queue.ordered.map(\.accountID).contains(1), "still held until a lead approves")
        // A lead approves it: the case is resolved, its hold released, the account back in the queue.
        ledger.caseActor = "lead01"
        let (lead, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        Self.openCases(lead, "ACC0000001")
        try expectGolden("case-awaiting-en", lead.screen)
        lead.press(.character("y"))
        lead.press(.function(2))
        #expect(ledger.caseSaves.last == .decide(7, approve: true, note: nil))
        #expect(lead.state.status?.text == "Credit of case 7 approved: the case is resolved.")
        #expect(lead.state.queue.ordered.map(\.accountID).contains(1), "back in the to-work list")
    }

    @Test func notesExtendsAndRefusals() throws {
        let ledger = HoldScreenTests.heldLedger()
        let (w, _) = makeWorkstation("kol01", language: .id, ledger: ledger)
        Self.openCases(w, "ACC0000001")
        w.press(.character("y"))
        #expect(w.state.status?.text == "Kasus 7 tidak punya kredit yang menunggu persetujuan.")
        w.press(.character("n"), .function(2))
        #expect(w.state.status?.text == "Catatan: ketik isinya, lalu simpan.")
        w.type("debitur kirim bukti transfer")
        w.press(.function(2))
        #expect(ledger.caseSaves == [.note(7, text: "debitur kirim bukti transfer")])
        w.press(.character("e"))
        try expectGolden("case-extend-id", w.screen)
        w.type("menunggu data bank")
        w.press(.function(2))
        #expect(ledger.caseSaves.last == .extend(7, reason: "menunggu data bank"))
        // 10 more working days after Fri 4 Dec: Fri 18 Dec.
        #expect(w.state.status?.text == "Kasus 7 diperpanjang: tenggat 18 Des 2026.")
        w.press(.down, .down, .character("s"))       // #3 is resolved already
        #expect(w.state.status?.text == "Kasus 3 sudah selesai.")
    }
}

/// The queue raises an account with a case due within two working days or overdue.
@Suite struct CaseQueueTests {
    @Test func aCaseDueSoonRaisesItsAccountWithTheReason() throws {
        let f = FakeLedger.standard()
        // ACC0000008 (kol01's, the lowest of the collector's queue by bucket) with a complaint
        // opened Mon 9 Nov: due Mon 23 Nov, today.
        let c = CaseRecord(id: 4, accountID: 8, accountNo: "ACC0000008", type: .complaint, via: .ojk, summary: "OJK portal complaint",
                           charges: [], amount: nil, opened: Day(iso: "2026-11-09")!, openedBy: "kol01", events: [])
        f.cases[8] = [(c, Cases.state(c, asOf: today, terms: CaseTerms()))]
        #expect(f.cases[8]![0].state.due == today)
        let (plain, _) = makeWorkstation("kol01", language: .en)
        let before = plain.state.queue.ordered.map(\.accountID)
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: f)
        let after = w.state.queue.ordered.map(\.accountID)
        #expect(after.firstIndex(of: 8)! < before.firstIndex(of: 8)!, "raised")
        for _ in 0..<10 where w.state.queue.selected?.accountID != 8 { w.press(.down) }
        #expect(w.screen.text.contains("Why (1 of 6): a case due within 2 working days or overdue (C); 53 days past"))
        // A lead's team queue raises it too.
        let (lead, _) = makeWorkstation("lead01", language: .en, ledger: f)
        let (leadPlain, _) = makeWorkstation("lead01", language: .en)
        #expect(lead.state.queue.ordered.map(\.accountID).firstIndex(of: 8)! < leadPlain.state.queue.ordered.map(\.accountID).firstIndex(of: 8)!)
    }

    @Test func theWindowIsTwoWorkingDays() {
        let fri = Day(iso: "2026-11-27")!
        // From Friday, two working days reach Tuesday: Tuesday's deadline raises, Wednesday's not yet.
        #expect(CaseAlert.raises(due: Day(iso: "2026-12-01")!, today: fri, holidays: [:]))
        #expect(!CaseAlert.raises(due: Day(iso: "2026-12-02")!, today: fri, holidays: [:]))
        #expect(CaseAlert.raises(due: Day(iso: "2026-11-20")!, today: fri, holidays: [:]), "overdue")
        // A holiday on Monday pushes the window to Wednesday.
        #expect(CaseAlert.raises(due: Day(iso: "2026-12-02")!, today: fri, holidays: [Day(iso: "2026-11-30")!: "cuti bersama"]))
    }
}

/// The Reports screen's Cases tab: `report cases` by month, the same figures.
@Suite struct CasesReportTabTests {
    static func openTab(_ w: Workstation) {
        w.press(.character("R"))
        for _ in 0..<10 {
            guard case .reports(let r) = w.state.stack.last, r.tab != .cases else { break }
            w.press(.tab)
        }
    }

    @Test func theTabShowsEachMonthsReportCasesFigures() throws {
        let ledger = HoldScreenTests.heldLedger()
        // A collector's credit approved by a lead in November: credited in November's row of disputes.
        let c = CaseRecord(id: 9, accountID: 1, accountNo: "ACC0000001", type: .dispute, via: .letter, summary: "double charge",
                           charges: ["INV-0001-1"], amount: Money(minor: 125_000_50), opened: Day(iso: "2026-10-26")!, openedBy: "kol01",
                           events: [CaseEvent(id: 1, kind: .resolve, day: Day(iso: "2026-11-05")!, by: "kol01", note: "refund", outcome: .partly,
                                              credit: Money(minor: 125_000_50), needsApproval: true),
                                    CaseEvent(id: 2, kind: .approve, day: Day(iso: "2026-11-06")!, by: "lead01")])
        ledger.cases[1]!.append((c, Cases.state(c, asOf: today, terms: CaseTerms())))
        for (language, suffix) in [(Language.en, "en"), (.id, "id")] {
            let (w, _) = makeWorkstation("lead01", language: language, ledger: ledger)
            Self.openTab(w)
            guard case .reports(let r) = w.state.stack.last, r.tab == .cases else { Issue.record("on the cases tab"); return }
            // Each month is `report cases --from` its first day `--to` its last (today for November).
            let all = ledger.cases.values.flatMap { $0.map(\.record) }
            #expect(r.caseMonths.map(\.from.iso) == ["2026-11-01", "2026-10-01", "2026-09-01", "2026-08-01", "2026-07-01", "2026-06-01"])
            #expect(r.caseMonths.first?.to == today && r.caseMonths[1].to == Day(iso: "2026-10-31")!)
            for m in r.caseMonths {
                #expect(m.rows == (try CaseReportRow.report(all, from: m.from, to: m.to, terms: CaseTerms())))
            }
            let nov = try #require(r.caseMonths.first?.rows.first { $0.type == .dispute })
            // Case 9 (due 9 Nov, 10 working days after 26 Oct) resolved in time on 6 Nov; case 7 opened 20 Nov.
            #expect(nov.resolved == 1 && nov.resolvedInTime == 1 && nov.credited == Money(minor: 125_000_50) && nov.opened == 1)
            #expect(nov.medianDaysTenths == 110, "26 Oct to 6 Nov: 11 days")
            let oct = try #require(r.caseMonths.first { $0.from.iso == "2026-10-01" }?.rows)
            #expect(oct.map(\.opened) == [1, 1, 0, 0], "the question of 1 Oct and the dispute of 26 Oct")
            try expectGolden("reports-cases-\(suffix)", w.screen)
            if language == .en {
                #expect(w.screen.text.contains(" 2026-11  question          0        0       0       0        —          IDR 0"))
                #expect(w.screen.text.contains("          dispute           1        1       1       0       11 IDR 125,000.50"))
            }
        }
        let (wide, _) = makeWorkstation("lead01", language: .en, width: 132, height: 40, ledger: ledger)
        Self.openTab(wide)
        try expectGolden("reports-cases-132-en", wide.screen)
    }
}
