import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// Reports → Reminders (issue 18): tomorrow's run per stage, and p to pause or resume the selected stage.
@Suite struct RemindersTabTests {
    /// R, then Shift-Tab from the first tab back to Reminders (a lead's last tab is Reconciliation).
    func openReminders(_ w: Workstation) {
        w.press(.character("R"), .backTab)
        if w.state.reportsOnScreen?.tab == .reconcile { w.press(.backTab) }
    }

    @Test func showsTomorrowsRunPerStageInBothLanguages() throws {
        for (language, width, height) in [(Language.en, 80, 24), (.id, 80, 24), (.en, 132, 40), (.id, 132, 40)] {
            let (w, _) = makeWorkstation("lead01", language: language, width: width, height: height)
            openReminders(w)
            #expect(w.state.reportsOnScreen?.tab == .reminders)
            try expectGolden("reports-reminders-\(language.rawValue)-\(width)x\(height)", w.screen)
            let text = w.screen.text
            #expect(text.contains(language == .en ? "Tomorrow's run, " : "Proses besok, "))
            // pre-due: chosen 5, to send 3, blocked 2, paused 0, sent 0; SP1 with one already sent.
            #expect(text.contains(" pre-due        whatsapp         5        3         2       0      0 "))
            #expect(text.contains(" SP1            letter           2        2         0       0      1 "))
            // The reasons in the reader's language (they were English on the Indonesian screen).
            #expect(text.contains(language == .en ? "pre-due blocked: daily limit 1, on hold (dispute) 1" : "pre-due tertahan: batas harian 1, ditahan (sengketa) 1"))
            for y in 0..<height { #expect(w.screen.line(y).count <= width) }
        }
    }

    /// The preview follows the screen's scope like the other tabs (R4): a
    /// lead starts on the team, then t, End, Enter chooses the whole book.
    @Test func thePreviewFollowsTheScreensScope() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .en)
        openReminders(w)
        #expect(ledger.previewCollectors == .some(["kol01", "kol02", "lead01"]), "the team: its lead and collectors")
        try expectGolden("reports-reminders-team-en", w.screen)
        w.press(.character("t"), .end, .enter)
        #expect(w.screen.line(0).hasPrefix(" Tagih — Reports · whole book"))
        #expect(ledger.previewCollectors == .some(nil))
        try expectGolden("reports-reminders-book-en", w.screen)
        #expect(w.screen.text.contains(" pre-due        whatsapp         6        4         2       0      0 "), "the book has one more")
    }

    @Test func pauseAndResumeTheSelectedStage() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .en)
        openReminders(w)
        w.press(.character("p"))
        #expect(ledger.pausedStages == ["pre-due"])
        // The preview reloads: the stage now counts what it would have sent as paused.
        #expect(w.state.reportsOnScreen?.reminders.first?.isPaused == true && w.state.reportsOnScreen?.reminders.first?.pausedCount == 5)
        #expect(w.screen.text.contains("Stage pre-due paused from"))
        #expect(w.screen.text.contains(" pre-due        whatsapp         0        0         0       5      0 paused"))
        w.press(.character("p"))
        #expect(ledger.pausedStages.isEmpty && w.state.reportsOnScreen?.reminders.first?.isPaused == false)
        #expect(w.screen.text.contains("Stage pre-due resumed from"))
        // The second row: SP1.
        w.press(.down, .character("p"))
        #expect(ledger.pausedStages == ["SP1"])
    }

    @Test func aCollectorIsRefusedInTheirLanguage() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .id)
        ledger.pauser = ledger.people.first { $0.role == .collector }
        openReminders(w)
        w.press(.character("p"))
        #expect(ledger.pausedStages.isEmpty)
        #expect(w.screen.text.contains("ketua tim atau admin"), "the refusal, in Bahasa Indonesia")
    }
}
