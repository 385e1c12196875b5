import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// A contact's note read in full (issue 16): Enter on the account opens
/// the contact history, every note wrapped whole; Esc goes back.
@Suite struct ContactNotesTests {
    static let long = "Debtor asked to be called back after the harvest; the husband pays from the shop's takings every second Friday, "
        + "so the promise follows that. His sister (the guarantor) will bring the first instalment to the branch herself and asked "
        + "for the receipt by WhatsApp. Photo of the shop sign: https://files.example.co.id/visit/ACC0000006/2026-11-22/shop-sign-front-and-the-new-blue-shutters.jpg "
        + "— the address on file is the old one; the new shop is two doors down, opposite the mosque, blue shutters. "
        + "Do not call before 10:00, the shop opens late on market days. END-OF-NOTE"

    func ledgerWithNotes() -> FakeLedger {
        let ledger = FakeLedger.standard()
        ledger.accounts[5].contacts = [
            ContactRecord(id: 2, at: fixedNow - 3600, day: today, debtorTime: "Sen 15:30 WIT", madeBy: "kol01", channel: .phone,
                          outcome: "PTP", reason: nil, note: Self.long, promise: (Money(minor: 250_000_000), Day(iso: "2026-11-30")!),
                          nextAction: nil, override: nil),
            ContactRecord(id: 1, at: fixedNow - 86_400, day: today.adding(days: -1), debtorTime: "Min 14:30 WIT", madeBy: "kol01",
                          channel: .sms, outcome: "NA", reason: nil, note: "no answer, left a message", promise: nil, nextAction: nil, override: nil),
        ]
        return ledger
    }

    func open(_ language: Language, keymap: Keymap = .standard) -> Workstation {
        let (w, _) = makeWorkstation("kol01", language: language, ledger: ledgerWithNotes(), keymap: keymap)
        w.press(.character("/"))
        w.type("0006")
        w.press(.enter)                     // the account
        return w
    }

    /// Every line of the viewer, scrolled from top to bottom.
    func allLines(_ w: Workstation) -> String {
        var seen: [String] = []
        w.press(.home)
        for _ in 0..<10 {
            seen += (1...21).map { w.screen.line($0).trimmingCharacters(in: .whitespaces) }
            w.press(.pageDown)
        }
        return seen.joined(separator: " ")
    }

    @Test(arguments: [Language.en, .id]) func enterOpensTheHistoryWithEveryNoteWhole(_ language: Language) throws {
        let w = open(language)
        #expect(w.state.context == .account)
        w.press(.enter)
        #expect(w.state.context == .notes)
        #expect(w.screen.line(0).hasPrefix(language == .en ? " Contact history — ACC0000006" : " Riwayat kontak — ACC0000006"))
        try expectGolden("contact-notes-\(language.rawValue)", w.screen)
        let text = allLines(w)
        #expect(text.contains("END-OF-NOTE") && text.contains("no answer, left a message"))
        // A word longer than a line (the link) goes on on the next line, whole.
        #expect(text.contains("https://files.example.co.id/visit/ACC0000006/2026-11-22/shop-sign-front-and-"))
        #expect(text.contains(" the-new-blue-shutters.jpg — the address"))
        #expect(!text.contains("…"))
        for y in 0..<24 { #expect(displayWidth(w.screen.line(y)) <= 80) }
        w.press(.escape)
        #expect(w.state.context == .account)
    }

    @Test func aLongHistoryScrollsToItsLastLine() throws {
        let ledger = FakeLedger.standard()
        ledger.accounts[5].contacts = (1...15).map { i in
            ContactRecord(id: Int64(i), at: fixedNow - Int64(i) * 3600, day: today, debtorTime: "Sen \(i):00 WIT", madeBy: "kol01", channel: .phone,
                          outcome: "NA", reason: nil, note: "attempt number \(i)", promise: nil, nextAction: nil, override: nil)
        }
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        w.press(.character("/"))
        w.type("0006")
        w.press(.enter, .enter)
        #expect(w.screen.line(0).hasSuffix("↓ 1–21/44"))
        w.press(.end)
        #expect(w.screen.line(0).hasSuffix("↓ 24–44/44"), "the last line at the bottom, no further")
        w.press(.pageDown, .down)
        #expect(w.screen.line(0).hasSuffix("↓ 24–44/44"))
        w.press(.pageUp)
        #expect(w.screen.line(0).hasSuffix("↓ 3–23/44"))
        w.press(.home)
        #expect(w.screen.line(0).hasSuffix("↓ 1–21/44"))
    }

    @Test func at132ColumnsANoteTakesTheWidth() throws {
        let (w, _) = makeWorkstation("kol01", language: .en, width: 132, height: 40, ledger: ledgerWithNotes())
        w.press(.character("/"))
        w.type("0006")
        w.press(.enter, .enter)
        #expect(w.state.context == .notes)
        #expect(w.screen.text.contains("END-OF-NOTE"))
        try expectGolden("contact-notes-132-en", w.screen)
    }

    @Test func theKeyFollowsTheKeymapAndHelpListsIt() throws {
        let keys = try Keymap.standard.overriding([(action: "contact-notes", keys: ["v"])])
        let w = open(.en, keymap: keys)
        #expect(w.screen.line(22).contains("v notes"))
        w.press(.enter)
        #expect(w.state.context == .account, "Enter is no longer bound")
        w.press(.character("?"))
        #expect(w.screen.text.contains("   v                  read the contact history, every note whole"))
        w.press(.escape, .character("v"))
        #expect(w.state.context == .notes)
        w.press(.end)
        #expect(w.screen.text.contains("END-OF-NOTE"))
    }
}
