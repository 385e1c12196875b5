import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// Holds on the workstation (issue 17, CONTRACT §9): the account shows the
/// holds in force and its cases, the contact form on a held account opens
/// blocked with the hold in the reason, the queue leaves held accounts out
/// of "to work" (`h` shows them), and `H` places or releases a hold as
/// `Authority` allows.
@Suite struct HoldScreenTests {
    static let since = Day(iso: "2026-11-20")!

    /// ACC0000001 (kol01's) on a dispute hold with no end set, with one case
    /// open, one overdue and one resolved.
    static func heldLedger() -> FakeLedger {
        let f = FakeLedger.standard()
        f.holds[1] = [Hold(id: 1, kind: .dispute, since: since, until: nil, reason: "debtor disputes INV-0001-1", caseID: 7)]
        let terms = CaseTerms()
        func add(_ id: Int64, _ type: CaseType, opened: String, summary: String, events: [CaseEvent] = []) {
            let c = CaseRecord(id: id, accountID: 1, accountNo: "ACC0000001", type: type, via: .phone, summary: summary,
                               charges: [], amount: nil, opened: Day(iso: opened)!, openedBy: "kol01", events: events)
            f.cases[1, default: []].append((c, Cases.state(c, asOf: today, terms: terms)))
        }
        add(7, .dispute, opened: "2026-11-20", summary: "late fee charged twice")
        add(5, .complaint, opened: "2026-11-02", summary: "collector called after 20:00")
        add(3, .question, opened: "2026-10-01", summary: "asked for a statement",
            events: [CaseEvent(id: 1, kind: .resolve, day: Day(iso: "2026-10-02")!, by: "kol01", outcome: .upheld)])
        return f
    }

    /// Opens an account by its number through search.
    static func open(_ w: Workstation, _ no: String) {
        w.press(.character("/"))
        w.type(no)
        w.press(.enter)
    }

    @Test func theDeadlinesOfTheFixtureAreTheContracts() {
        // 10 working days after Fri 20 Nov 2026: Fri 4 Dec; after Mon 2 Nov: Mon 16 Nov (overdue on the 23rd).
        let f = Self.heldLedger()
        let states = f.cases[1]!.map(\.state)
        #expect(states.map(\.due) == [Day(iso: "2026-12-04")!, Day(iso: "2026-11-16")!, Day(iso: "2026-10-15")!])
        #expect(states.map(\.status) == [.open, .overdue, .resolved])
    }

    @Test func theAccountShowsItsHoldsAndCases() throws {
        for (language, suffix) in [(Language.en, "en"), (.id, "id")] {
            let (w, _) = makeWorkstation("kol01", language: language, ledger: Self.heldLedger())
            Self.open(w, "ACC0000001")
            try expectGolden("account-held-\(suffix)", w.screen)
            let text = w.screen.text
            if language == .en {
                #expect(text.contains("dispute since 20 Nov 2026, no end set: “debtor disputes INV-0001-1”"))
                #expect(text.contains("blocked") && text.contains("on hold (dispute since 20 Nov 2026)"))
                #expect(text.contains("#7 dispute, open, due 4 Dec 2026: late fee charged twice"))
                #expect(text.contains("#5 complaint, OVERDUE, was due 16 Nov 2026: collector called after 20:00"))
                #expect(!text.contains("asked for a statement"), "a resolved case is counted, not listed")
            } else {
                #expect(text.contains("ditahan (sengketa sejak 20 Nov 2026)"))
                #expect(text.contains("#7 sengketa, terbuka, tenggat 4 Des 2026"))
            }
            let (wide, _) = makeWorkstation("kol01", language: language, width: 132, height: 40, ledger: Self.heldLedger())
            Self.open(wide, "ACC0000001")
            try expectGolden("account-held-132-\(suffix)", wide.screen)
        }
    }

    @Test func theOverdueCaseIsInTheAlertColour() throws {
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: Self.heldLedger())
        Self.open(w, "ACC0000001")
        let screen = w.screen
        let row = try #require((0..<screen.height).first { screen.line($0).contains("#5 complaint, OVERDUE") })
        let open = try #require((0..<screen.height).first { screen.line($0).contains("#7 dispute, open") })
        // The alert colour for the overdue one, plain text for the one in time.
        #expect(screen[5, row].style.color == .red)
        #expect(screen[5, open].style.color == nil)
    }

    @Test func theContactFormOnAHeldAccountOpensBlocked() throws {
        for (language, suffix) in [(Language.en, "en"), (.id, "id")] {
            let (w, _) = makeWorkstation("kol01", language: language, ledger: Self.heldLedger())
            Self.open(w, "ACC0000001")
            w.press(.character("c"))
            try expectGolden("form-held-\(suffix)", w.screen)
            let reason = Strings(language).blockReason(.onHold(.dispute, since: Self.since))
            #expect(w.screen.text.contains(reason))
        }
    }

    @Test func theQueueLeavesHeldAccountsOutAndTheFilterShowsThem() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en, ledger: Self.heldLedger())
        let toWork = w.state.queue.ordered.map(\.accountID)
        #expect(!toWork.contains(1))
        #expect(toWork.count == ledger.accounts.filter { $0.collector == "kol01" }.count - 1) // all kol01's but the held ACC…01
        w.press(.character("h"))
        #expect(w.state.queue.ordered.map(\.accountID) == [1])
        try expectGolden("queue-held-en", w.screen)
        w.press(.character("h"))
        #expect(w.state.queue.ordered.map(\.accountID) == toWork)
        let (id, _) = makeWorkstation("kol01", language: .id, ledger: Self.heldLedger())
        id.press(.character("h"))
        try expectGolden("queue-held-id", id.screen)
    }

    /// A hold released in another terminal (a lead resolved the dispute)
    /// reaches the collector's queue when they open the account: its line
    /// follows what the account shows, not the next reload.
    @Test func openingAnAccountBringsItsQueueLineUpToDate() {
        let (w, ledger) = makeWorkstation("kol01", language: .en, ledger: Self.heldLedger())
        w.press(.character("h"))
        #expect(w.state.queue.ordered.map(\.accountID) == [1])
        ledger.holds[1] = []
        #expect(w.state.queue.ordered.map(\.accountID) == [1], "the queue does not read the ledger on its own")
        w.press(.enter)
        w.press(.escape)
        #expect(w.state.queue.ordered.isEmpty, "released: no longer among the held accounts")
        w.press(.character("h"))
        #expect(w.state.queue.ordered.map(\.accountID).contains(1), "back in the to-work list")
    }

    @Test func aCollectorPlacesADisputeHoldAndTheAccountLeavesTheQueue() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        #expect(w.state.queue.ordered.map(\.accountID).contains(2))
        Self.open(w, "ACC0000002")
        w.press(.character("H"))
        try expectGolden("hold-form-en", w.screen)
        w.press(.tab)                               // reason
        w.type("debtor disputes the late fee")
        w.press(.tab)                               // until
        w.type("2026-12-31")
        w.press(.function(2))
        #expect(ledger.holdSaves == ["place ACC0000002 dispute debtor disputes the late fee 2026-12-31"])
        #expect(w.state.status?.text == "Hold dispute placed on ACC0000002.")
        guard case .account(let a) = w.state.stack.last else { Issue.record("back on the account"); return }
        #expect(a.detail?.holds.map(\.kind) == [.dispute])
        #expect(w.screen.text.contains("dispute since 23 Nov 2026, until 31 Dec 2026: “debtor disputes the late fee”"))
        #expect(!w.state.queue.ordered.map(\.accountID).contains(2), "the held account left the queue's to-work list")
    }

    @Test func aCollectorMayNotPlaceACeaseHoldNorRelease() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en, ledger: Self.heldLedger())
        let me = ledger.people[1]
        Self.open(w, "ACC0000002")
        w.press(.character("H"), .right, .right)   // dispute → hardship → cease
        w.press(.tab)
        w.type("family asks to stop calls")
        w.press(.function(2))
        #expect(ledger.holdSaves.isEmpty)
        #expect(w.state.status?.text == Strings(.en).refusal(.holdKind(.cease), actor: me))
        // Releasing is a lead's.
        let (r, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        Self.open(r, "ACC0000001")
        r.press(.character("H"), .up, .right)      // action: release
        r.press(.tab, .tab)
        r.type("resolved")
        r.press(.function(2))
        #expect(ledger.holdSaves.isEmpty)
        #expect(r.state.status?.text == Strings(.en).refusal(Authority.refusal(me, .releaseHold)!, actor: me))
        let (id, _) = makeWorkstation("kol01", language: .id, ledger: Self.heldLedger())
        Self.open(id, "ACC0000002")
        id.press(.character("H"), .right, .right, .tab)
        id.type("keluarga minta berhenti")
        id.press(.function(2))
        try expectGolden("hold-form-refused-id", id.screen)
    }

    @Test func aLeadReleasesTheHoldAndTheAccountReturns() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .en, ledger: Self.heldLedger())
        #expect(!w.state.queue.ordered.map(\.accountID).contains(1))
        Self.open(w, "ACC0000001")
        w.press(.character("H"), .up, .right)      // action: release; the kind the one in force
        #expect(w.screen.text.contains("< release >") && w.screen.text.contains("< dispute >"))
        w.press(.tab, .tab)
        w.type("case 7 resolved")
        w.press(.function(2))
        #expect(ledger.holdSaves == ["release ACC0000001 dispute case 7 resolved"])
        #expect(w.state.status?.text == "Hold dispute released on ACC0000001.")
        #expect(w.state.queue.ordered.map(\.accountID).contains(1), "back in the to-work list")
    }

    @Test func aBadEndDayOrNoReasonIsSaidAndNothingSaved() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        Self.open(w, "ACC0000002")
        w.press(.character("H"), .function(2))
        #expect(w.state.status?.text == "A reason is required: type it, then save.")
        #expect(w.state.context == .form, "the form stays, on the reason")
        w.type("disputed")
        w.press(.tab)
        w.type("2026-11-01")
        w.press(.function(2))
        #expect(w.state.status?.text == "Until: write the last day as YYYY-MM-DD, not before today.")
        #expect(ledger.holdSaves.isEmpty)
    }
}
