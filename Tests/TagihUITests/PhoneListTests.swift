import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// The account's phones on screen (issue 17, CONTRACT §9): party, status and
/// consent; a collector marks one in two keys.
@Suite struct PhoneListTests {
    /// ACC0000002 (kol01's) with its debtor's number, an emergency contact
    /// without consent, a workplace number marked wrong last week.
    static func ledger() -> FakeLedger {
        let f = FakeLedger.standard()
        f.parties[2] = [
            Phone(number: "+62 813 1111 2222", party: .debtor),
            Phone(id: 8, number: "0812 9000 1111", party: .emergency, consent: nil),
            Phone(id: 9, number: "021 555 0101", party: .workplace,
                  marks: [PhoneMark(day: Day(iso: "2026-11-16")!, status: .wrong, by: "kol02")]),
        ]
        return f
    }

    @Test func theAccountListsThePhonesWithPartyStatusAndConsent() throws {
        for (language, suffix) in [(Language.en, "en"), (.id, "id")] {
            let (w, _) = makeWorkstation("kol01", language: language, ledger: Self.ledger())
            HoldScreenTests.open(w, "ACC0000002")
            try expectGolden("account-phones-\(suffix)", w.screen)
            if language == .en {
                #expect(w.screen.text.contains("0812 9000 1111      emergency   ok  no consent: not to be called  to locate"))
                #expect(w.screen.text.contains("021 555 0101        workplace   wrong since 16 Nov 2026 (kol02)"))
            }
        }
    }

    @Test func aPlainDebtorNumberAddsNoSection() throws {
        let (w, _) = makeWorkstation("kol01", language: .en)
        HoldScreenTests.open(w, "ACC0000002")
        #expect(!w.screen.text.contains("Phones ("))
    }

    @Test func aCollectorMarksTheFirstNumberDoNotCallInTwoKeys() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en, ledger: Self.ledger())
        HoldScreenTests.open(w, "ACC0000002")
        w.press(.character("p"))
        try expectGolden("phones-en", w.screen)
        w.press(.character("d"))
        #expect(ledger.phoneMarks == ["+62 813 1111 2222 do-not-call"])
        #expect(w.state.status?.text == "+62 813 1111 2222 marked do-not-call on 1 account(s).")
        guard case .account(let a) = w.state.stack.last else { Issue.record("back on the account"); return }
        #expect(a.detail?.parties.first?.status(on: today) == .doNotCall)
        #expect(w.screen.text.contains("+62 813 1111 2222   debtor      do-not-call since 23 Nov 2026 (kol01)"))
    }

    @Test func theCursorPicksTheNumberAndTheSameStatusIsNoSave() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .id, ledger: Self.ledger())
        HoldScreenTests.open(w, "ACC0000002")
        w.press(.character("p"), .down, .down)
        try expectGolden("phones-id", w.screen)
        w.press(.character("w"))                   // already wrong: nothing to save
        #expect(ledger.phoneMarks.isEmpty)
        w.press(.character("o"))
        #expect(ledger.phoneMarks == ["021 555 0101 ok"])
        #expect(w.state.status?.text == "021 555 0101 ditandai aktif pada 1 akun.")
    }
}

/// The contact form picks the number; the party rules refuse collecting
/// from a third party, typed, before the ledger is asked.
@Suite struct ContactNumberTests {
    /// ACC0000002 as in `PhoneListTests`, the emergency contact with consent.
    static func ledger(consent: String? = "agreed by phone 2026-11-01") -> FakeLedger {
        let f = PhoneListTests.ledger()
        f.parties[2]![1].consent = consent
        return f
    }

    @Test func theFormOffersTheUsableNumbersTheDebtorsFirst() throws {
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: Self.ledger())
        HoldScreenTests.open(w, "ACC0000002")
        w.press(.character("c"))
        guard case .contactForm(let f) = w.state.stack.last else { Issue.record("the form is open"); return }
        #expect(f.usable == ["+62 813 1111 2222", "0812 9000 1111"], "the wrong workplace number is not offered")
        #expect(f.to == "+62 813 1111 2222")
        try expectGolden("form-number-en", w.screen)
        w.press(.tab, .right)                      // number: the emergency contact's
        #expect(w.screen.text.contains("< 0812 9000 1111 (emergency) >   to locate only"))
        let (id, _) = makeWorkstation("kol01", language: .id, ledger: Self.ledger())
        HoldScreenTests.open(id, "ACC0000002")
        id.press(.character("c"), .tab, .right)
        try expectGolden("form-number-id", id.screen)
    }

    @Test func anEmergencyNumberRefusesAPromiseAndTakesALocatingOutcome() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en, ledger: Self.ledger())
        HoldScreenTests.open(w, "ACC0000002")
        w.press(.character("c"), .tab, .right, .tab)   // the emergency number, then the outcome
        w.type("R")                                     // RPC: debtor reached — not a locating outcome
        w.press(.function(2))
        #expect(ledger.logged.isEmpty)
        let refusal = ContactRefusal.partyOnlyToLocate(number: "0812 9000 1111", party: .emergency, outcome: "RPC")
        guard case .contactForm(let f) = w.state.stack.last else { Issue.record("the form stays"); return }
        #expect(f.refusal == Strings(.en).contactRefusal(refusal, options: false))
        #expect(w.screen.text.contains("is an emergency contact's: only to locate the debtor,"))
        w.press(.character("T"))                        // TP: a third party reached
        w.press(.function(2))
        #expect(ledger.logged.map(\.to) == ["0812 9000 1111"])
        #expect(ledger.logged.map(\.outcome.code) == ["TP"])
    }

    @Test func anEmergencyNumberWithoutConsentIsRefusedInIndonesian() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .id, ledger: Self.ledger(consent: nil))
        HoldScreenTests.open(w, "ACC0000002")
        w.press(.character("c"), .tab, .right, .tab)
        w.type("N")                                     // NA
        w.press(.function(2))
        #expect(ledger.logged.isEmpty)
        guard case .contactForm(let f) = w.state.stack.last else { Issue.record("the form stays"); return }
        #expect(f.refusal == Strings(.id).contactRefusal(.emergencyWithoutConsent(number: "0812 9000 1111"), options: false))
        #expect(w.screen.text.contains("nomor darurat 0812 9000 1111 belum punya persetujuan"))
        try expectGolden("form-number-refused-id", w.screen)
    }

    @Test func theDebtorsNumberIsSentByDefault() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en, ledger: Self.ledger())
        HoldScreenTests.open(w, "ACC0000002")
        w.press(.character("c"), .tab, .tab)
        w.type("N")
        w.press(.function(2))
        #expect(ledger.logged.map(\.to) == ["+62 813 1111 2222"])
    }
}
