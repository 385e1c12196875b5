import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// A plan's discount entries in the store (CONTRACT §8, R11): posted and
/// reversed with the import that changes the plan, found by the plan.
@Suite struct PlanDiscountStoreTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }

    static func session(_ day: String) -> Session {
        var s = Fixture.session
        s.today = d(day)
        return s
    }

    /// Accounts A and B owe 1,000.00 each.
    static func ledger(_ scratch: Scratch) throws -> AppDatabase {
        let db = try Fixture.ledger()
        _ = try Importer(db).run(.accounts, path: try scratch.write("a.csv", "account_no,name\nA,Ani\nB,Budi\n"), session: session("2025-12-01"))
        _ = try Importer(db).run(.charges, path: try scratch.write("c.csv", """
            account_no,ref,issue_date,due_date,amount
            A,INV-A,2025-12-01,2025-12-31,1000
            B,INV-B,2025-12-01,2025-12-31,1000

            """), session: session("2025-12-01"))
        return db
    }

    static func post(_ db: AppDatabase, _ scratch: Scratch, _ kind: ImportKind, on day: String, _ text: String) throws {
        let s = try Importer(db).run(kind, path: try scratch.write("\(UUID().uuidString).csv", text), session: session(day))
        #expect(s.rejected == 0 && !s.refused, "\(s.sampleRejects)")
    }

    static func balance(_ db: AppDatabase, _ no: String, _ day: String) throws -> Int64 {
        try LedgerReports(db).account(no, asOf: d(day)).position.balance.minor
    }

    @Test func reversalsArrivingOutOfDateOrderLeaveNoDiscountWhereThePaymentsAreGone() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let plan = try PlanBook(db).propose(accountNo: "A", instalments: 1, discountBasisPoints: 2000, downPayment: .zero, frequency: .month,
                                            first: Self.d("2026-01-20"), note: nil, session: Self.session("2026-01-10"))
        // T = 800.00, paid in two halves on 01-15: completed that day.
        try Self.post(db, scratch, .payments, on: "2026-01-15", """
            account_no,ref,paid_on,amount,channel
            A,H1,2026-01-15,400,VA
            A,H2,2026-01-15,400,VA

            """)
        #expect(try PlanBook(db).show(String(plan.id), asOf: Self.d("2026-01-15")).status == .completed)
        // H1 reversed on 01-17 (imported that day), then H2's reversal dated 01-16 comes on 01-18.
        try Self.post(db, scratch, .adjustments, on: "2026-01-17", "account_no,ref,date,kind,payment_ref,channel\nA,R1,2026-01-17,reversal,H1,VA\n")
        try Self.post(db, scratch, .adjustments, on: "2026-01-18", "account_no,ref,date,kind,payment_ref,channel\nA,R2,2026-01-16,reversal,H2,VA\n")
        #expect(try Self.balance(db, "A", "2026-01-15") == 0, "completed: the discount closes the balance")
        #expect(try Self.balance(db, "A", "2026-01-16") == 60_000, "H2 gone: 400.00 paid of 1,000.00, no discount")
        #expect(try Self.balance(db, "A", "2026-01-17") == 100_000)
        #expect(try PlanBook(db).show(String(plan.id), asOf: Self.d("2026-01-16")).status == .active)
        #expect(try db.int("SELECT count(*) FROM reversals WHERE ref LIKE 'PLAN-%'") == 2, "the discount's first reversal (01-17) is cut short by a second (01-16)")
        #expect(try db.failedChecks().isEmpty)
    }

    @Test func theDiscountIsFoundByItsPlanNotByARefAnotherAccountHolds() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        // An earlier version let a billing file post a credit named like a plan's discount on B.
        try db.writer.write { db in
            try db.execute(sql: """
                INSERT INTO import_batches(kind, file_name, file_hash, rows_read, posted, duplicates, rejected, entries_hash, imported_by, imported_at, business_day)
                VALUES ('adjustments', 'old.csv', 'old', 1, 1, 0, 0, '', 'admin', '2026-01-01T00:00:00.000Z', ?)
                """, arguments: [Self.d("2026-01-01").ordinal])
            let batch = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO credits(account_id, source, channel, ref, date, amount, charge_id, note, batch_id) VALUES (2, 'credit', '', 'PLAN-1-DISCOUNT', ?, 100, NULL, NULL, ?)",
                           arguments: [Self.d("2026-01-01").ordinal, batch])
            var h = EntryHasher()
            h.credit(id: db.lastInsertedRowID, accountID: 2, source: "credit", channel: "", ref: "PLAN-1-DISCOUNT", date: Int64(Self.d("2026-01-01").ordinal),
                     amount: 100, chargeID: nil, note: nil)
            try db.execute(sql: "UPDATE import_batches SET entries_hash = ? WHERE id = ?", arguments: [h.finalize(), batch])
            try LedgerCache.refresh(db, accounts: [2])
            // An old ledger kept no book totals either.
            try db.execute(sql: "DELETE FROM meta WHERE key IN ('charged_total', 'credited_total')")
        }
        let plan = try PlanBook(db).propose(accountNo: "A", instalments: 1, discountBasisPoints: 1000, downPayment: .zero, frequency: .month,
                                            first: Self.d("2026-01-20"), note: nil, session: Self.session("2026-01-10"))
        #expect(plan.id == 1)
        try Self.post(db, scratch, .payments, on: "2026-01-12", "account_no,ref,paid_on,amount,channel\nA,P1,2026-01-12,900,VA\n")
        #expect(try Self.balance(db, "A", "2026-01-12") == 0, "A's plan got its discount although B holds a credit of that name")
        #expect(try db.text("SELECT c.ref FROM plan_discounts d JOIN credits c ON c.id = d.credit_id WHERE d.plan_id = 1") == "PLAN-1-DISCOUNT-2")
        #expect(try Self.balance(db, "B", "2026-01-12") == 99_900)
        // (The hand-made old batch has no audit row, so only its rehash is reported.)
        #expect(try db.failedChecks() == ["ledger entries"])
    }

    @Test func checkFindsADiscountItsPlanDoesNotEarn() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let plan = try PlanBook(db).propose(accountNo: "A", instalments: 1, discountBasisPoints: 1000, downPayment: .zero, frequency: .month,
                                            first: Self.d("2026-01-20"), note: nil, session: Self.session("2026-01-10"))
        try Self.post(db, scratch, .payments, on: "2026-01-12", "account_no,ref,paid_on,amount,channel\nA,P1,2026-01-12,900,VA\n")
        #expect(try db.failedChecks().isEmpty)
        // Someone with the file removes the plan's decision history: the plan is no longer active, its discount stays.
        try db.writer.write { db in try db.execute(sql: "UPDATE plan_events SET status = 'declined' WHERE plan_id = ?", arguments: [plan.id]) }
        // Both the derived discount and the seal over the decisions find it.
        #expect(try db.failedChecks() == ["plan discounts", "sealed tables"])
        // tagih init corrects it with a reversal, never an edit.
        #expect(try PlanBook(db).reconcileAllDiscounts(session: Self.session("2026-01-13")) == 1)
        // The edit itself stays found: the decisions are not what was sealed.
        let after = try db.failedChecks()
        #expect(after == ["sealed tables"])
        #expect(try Self.balance(db, "A", "2026-01-13") == 10_000)
    }
}
