import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// An account's activity (the account screen's list) in one order on a file
/// and on a server: newest first, and entries of one day and one ref (a
/// payment's ref on two channels, a credit note named the same) ordered by
/// kind, channel and amount, never by the order the ledger read them in.
@Suite struct ActivityOrderTests {
    static let today = Day(iso: "2025-06-30")!

    /// One account; the day's entries named `P7` come in an order the sort must undo.
    static func load(into db: AppDatabase) throws {
        let scratch = try Scratch()
        _ = try db.importFile(.accounts, try scratch.write("accounts.csv", "account_no,name,timezone\nA1,Siti Rahayu,Asia/Jakarta\n"))
        _ = try db.importFile(.charges, try scratch.write("charges.csv", """
            account_no,ref,issue_date,due_date,amount
            A1,I1,2025-05-01,2025-05-31,100000

            """))
        _ = try db.importFile(.payments, try scratch.write("payments.csv", """
            account_no,ref,paid_on,amount,channel
            A1,P7,2025-06-01,2000,QRIS
            A1,P7,2025-06-01,1000,VA
            A1,P8,2025-06-02,500,VA

            """))
        _ = try db.importFile(.adjustments, try scratch.write("adjustments.csv", """
            account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,due_date,reason
            A1,P7,2025-06-01,credit,300,,,,,goodwill

            """))
    }

    static func activity(_ db: AppDatabase) throws -> [String] {
        try WorkstationStore(db).account(id: 1, asOf: today, now: Int64(today.ordinal) * 86_400).activity.map {
            "\($0.date.iso) \($0.ref) \($0.kind.rawValue) \($0.channel ?? "-") \($0.amount.minor)"
        }
    }

    static let expected = [
        "2025-06-02 P8 payment VA 50000",
        "2025-06-01 P7 payment VA 100000",
        "2025-06-01 P7 payment QRIS 200000",
        "2025-06-01 P7 credit - 30000",
    ]

    @Test func theDaysEntriesOfOneRefAreInOneOrderOnAFile() throws {
        let db = try AppDatabase.inMemory()
        try Self.load(into: db)
        #expect(try Self.activity(db) == Self.expected)
    }

    @Test(.enabled(if: PostgresLedgers.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
    func theDaysEntriesOfOneRefAreInTheSameOrderOnAServer() async throws {
        let got = try await PostgresModelScenarioTests.onThread {
            let (db, drop) = try PostgresLedgers.make()
            defer { drop() }
            try Self.load(into: db)
            return try Self.activity(db)
        }
        #expect(got == Self.expected)
    }
}
