import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// What the store cannot find or take reaches the screen typed and is said
/// in the reader's language, naming the form's field, never an option
/// (issue 16: an Indonesian collector read `--note holds a control
/// character …` and `unknown account …` in English).
@Suite struct RecordProblemTests {
    @Test func aNoteTheStoreRefusesIsSaidInIndonesian() throws {
        let ledger = FakeLedger.standard()
        ledger.refuseNext = RecordProblem.controlCharacter(field: "--note", code: "U+0085")
        let (w, _) = makeWorkstation("kol01", language: .id, ledger: ledger)
        w.press(.enter, .character("c"), .tab)
        w.type("n")                         // NA
        w.press(.function(2))
        #expect(w.state.context == .form, "the form stays, with what was typed")
        let bottom = w.screen.line(22) + " " + w.screen.line(23)
        #expect(bottom.contains("Catatan berisi karakter kontrol (U+0085)"))
        #expect(!bottom.contains("--note") && !bottom.contains("holds"))
        try expectGolden("form-note-control-id", w.screen)
    }

    @Test func anAccountGoneSinceTheQueueWasReadIsSaidInIndonesian() throws {
        let ledger = FakeLedger.standard()
        let (w, _) = makeWorkstation("kol01", language: .id, ledger: ledger)
        let id = try #require(w.state.queue.selected?.accountID)
        ledger.accounts.removeAll { $0.id == id }
        w.press(.enter)
        #expect(w.screen.line(23) == " akun ini sudah tidak ada di buku")
        #expect(w.state.context == .queue, "nothing to show: back on the queue")
        try expectGolden("account-gone-id", w.screen)
    }

    /// The command line's wording is unchanged: scripts and tests pin it.
    @Test func theCommandLineKeepsItsEnglish() throws {
        let p = try #require(RecordProblem.text("--note", "a\u{85}b"))
        #expect(p.commandLineText == TextField.refusal("--note", "a\u{85}b"))
        #expect(Strings(.en).recordProblem(p, options: true) == p.commandLineText)
        #expect(Strings(.en).recordProblem(p, options: false) == "Note holds a control character (U+0085); text fields take no control characters other than tab")
        #expect(Strings(.id).recordProblem(.unknownAccount("A9"), options: true) == "akun A9 tidak dikenal")
        #expect(RecordProblem.text("--note", "tab\tis fine") == nil)
    }
}
