import Testing
import TagihCore
import TagihTerminal
@testable import TagihUI

/// A ledger whose reads fail (issue 15: a damaged `leases` page): the
/// workstation says so instead of asking again until its stack runs out,
/// and a damaged ledger ends the session with its sentence.
@Suite struct DamagedLedgerTests {
    @Test func failingQueueRowsAreAskedOncePerEvent() {
        let ledger = FakeLedger.standard()
        ledger.failRows = FakeError("database disk image is malformed")
        // Before the fix this recursed (rows missing → load → failed → rows missing …) and crashed.
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        #expect(ledger.rowLoads == 1)
        #expect(w.state.status?.text == "database disk image is malformed")
        #expect(w.state.status?.isError == true)
        // The next key asks again, once.
        w.press(.down)
        #expect(ledger.rowLoads == 2)
        #expect(w.stopped == nil)
    }

    @Test func aDamagedLedgerStopsTheSession() {
        let ledger = FakeLedger.standard()
        ledger.failRows = FakeError("database disk image is malformed")
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        w.damage = { error in "the ledger is damaged (\(error))" }
        w.press(.down)
        #expect(w.stopped == "the ledger is damaged (database disk image is malformed)")
        // Rows loading again is what the queue wants; the session has already ended.
        ledger.failRows = nil
        w.press(.down)
        #expect(w.stopped == "the ledger is damaged (database disk image is malformed)")
    }
}
