import Foundation
import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// A save while another process holds the ledger's write lock (issue 15):
/// it waits off the key loop with a line saying so, the keys keep working,
/// a second save waits its turn, and a save that finally fails says a
/// sentence and keeps the form.
@Suite struct BusyLedgerTests {
    /// ACC0000006's contact form with a promise typed in, saves in the background.
    func formReady(_ ledger: FakeLedger, language: Language = .en) -> Workstation {
        let (w, _) = makeWorkstation(language: language, ledger: ledger)
        w.saveInBackground()
        w.press(.enter, .character("c"), .tab)
        w.type("p")
        return w
    }

    @Test func aSaveWaitingForTheLedgerLeavesTheKeysWorking() throws {
        let ledger = FakeLedger.standard()
        let lock = DispatchSemaphore(value: 0)
        ledger.saveGate = lock
        let w = formReady(ledger)
        w.press(.function(2))
        #expect(!w.receiveSaves(waiting: 0.2), "the save is still waiting for the lock")
        #expect(w.state.savePending)
        #expect(w.screen.line(23) == " waiting for the ledger (another command is writing)…")
        try expectGolden("save-waiting-en", w.screen)

        // Keys keep working: the focus moves on, and the line comes back after the key.
        w.press(.tab)
        if case .contactForm(let f) = w.state.stack.last { #expect(f.focus == .reason) } else { Issue.record("the form closed") }
        #expect(w.screen.line(23) == " waiting for the ledger (another command is writing)…")
        // A second save, and leaving the form, wait for the first.
        w.press(.function(2))
        #expect(w.screen.line(23) == " the previous save is still waiting for the ledger; wait a moment")
        w.press(.escape)
        #expect(w.state.context == .form)
        #expect(w.screen.line(23) == " the previous save is still waiting for the ledger; wait a moment")

        lock.signal()
        w.waitForSaves()
        #expect(!w.state.savePending)
        #expect(ledger.logged.count == 1, "saved once, not twice")
        #expect(ledger.logged.first?.outcome.code == "PTP")
        #expect(w.state.context == .account)
        #expect(w.screen.line(23) == " Contact 1 saved.")
    }

    @Test func theWaitingLineInIndonesian() {
        let ledger = FakeLedger.standard()
        let lock = DispatchSemaphore(value: 0)
        ledger.saveGate = lock
        let w = formReady(ledger, language: .id)
        w.press(.function(2))
        #expect(w.screen.line(23) == " menunggu ledger (perintah lain sedang menulis)…")
        lock.signal()
        w.waitForSaves()
        #expect(w.screen.line(23) == " Kontak 1 tersimpan.")
    }

    @Test func aSaveThatFinallyFailsSaysASentenceAndKeepsTheForm() throws {
        let ledger = FakeLedger.standard()
        // What the store says when the lock was held past the busy timeout.
        ledger.refuseNext = FakeError(Strings(.en).ledgerFailure(.busy))
        let w = formReady(ledger)
        w.press(.tab, .tab)
        w.type("call back after the batch")
        w.press(.function(2))
        w.waitForSaves()
        #expect(!w.state.savePending)
        #expect(ledger.logged.isEmpty)
        #expect(w.screen.line(23) == " the ledger is busy (another command is writing); nothing was saved, try again")
        guard case .contactForm(let f) = w.state.stack.last else { Issue.record("the form closed"); return }
        #expect(f.note == "call back after the batch", "the typed input is kept")
        #expect(ledger.draft != nil, "and its draft on disk")
        try expectGolden("save-failed-busy-en", w.screen)
        // Saving again once the ledger is free works.
        w.press(.function(2))
        w.waitForSaves()
        #expect(ledger.logged.count == 1)
        #expect(w.state.context == .account)
    }

    @Test func savesInLineNeverLeaveTheWaitingLine() {
        let (w, ledger) = makeWorkstation(language: .en)
        w.press(.enter, .character("c"), .tab)
        w.type("p")
        w.press(.function(2))
        #expect(ledger.logged.count == 1)
        #expect(!w.state.savePending)
        #expect(w.screen.line(23) == " Contact 1 saved.")
    }
}
