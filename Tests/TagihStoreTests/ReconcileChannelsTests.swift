import Testing
import TagihCore
@testable import TagihStore

/// The channels the workstation's Reconciliation tab offers: those of the ledger's payments, in byte order.
@Suite struct ReconcileChannelsTests {
    @Test func theChannelsOfThePayments() throws {
        let scratch = try Scratch()
        let (db, _) = try WorkstationStoreTests.ledger(scratch)
        // The fixture's payments: P1 through VA, P2 through QRIS.
        #expect(try Reconciler(db).channels() == ["QRIS", "VA"])
        try db.importFile(.payments, try scratch.write("more.csv", """
            account_no,ref,paid_on,amount,channel
            ACC001,P3,2025-06-03,100,ALFAMART
            ACC001,P4,2025-06-03,100,VA

            """))
        #expect(try Reconciler(db).channels() == ["ALFAMART", "QRIS", "VA"])
    }
}
