import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// `tagih check` proves the ledger whole; the append-only triggers refuse edits;
/// and an edit made behind the triggers' back is detected.
@Suite struct IntegrityTests {
    /// A small ledger: accounts, charges, payments (one targeted), a reversal,
    /// a credit, a debit and a write-off.
    static func ledger(_ scratch: Scratch) throws -> AppDatabase {
        let db = try Fixture.ledger()
        let files: [(ImportKind, String)] = [
            (.accounts, """
                account_no,name,timezone,segment,collector
                A001,Budi,Asia/Jakarta,RETAIL,col01
                A002,Siti,Asia/Makassar,SME,col02
                A003,Made,Asia/Makassar,,

                """),
            (.charges, """
                account_no,ref,issue_date,due_date,amount,description
                A001,INV-1,2025-01-01,2025-01-31,1000000,Januari
                A001,INV-2,2025-02-01,2025-02-28,2000000,Februari
                A002,INV-3,2025-01-15,2025-02-15,500000,
                A003,INV-4,2025-03-01,2025-03-31,750000,

                """),
            (.payments, """
                account_no,ref,paid_on,amount,channel,invoice_ref
                A001,TRX-1,2025-02-10,1500000,BANK_TRANSFER,
                A002,TRX-2,2025-02-20,200000,QRIS,INV-3
                A003,TRX-3,2025-03-05,1000000,VA,

                """),
            (.adjustments, """
                account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,due_date,reason
                A002,ADJ-1,2025-03-01,reversal,,,TRX-2,QRIS,,ditolak
                A001,ADJ-2,2025-03-05,credit,100000,INV-2,,,,nota kredit
                A002,ADJ-3,2025-03-10,debit,50000,,,,2025-03-20,denda
                A002,ADJ-4,2025-06-01,writeoff,550000,,,,,hapus buku

                """),
        ]
        for (kind, text) in files {
            let s = try db.importFile(kind, try scratch.write("\(kind.rawValue).csv", text))
            #expect(s.rejected == 0 && s.posted == s.rowsRead && s.rowsRead > 0)
        }
        return db
    }

    static func failed(_ db: AppDatabase) throws -> [String: [String]] {
        Dictionary(uniqueKeysWithValues: try LedgerCheck(db).run().filter { !$0.ok }.map { ($0.name, $0.problems) })
    }

    @Test func checkPassesAfterImport() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let findings = try LedgerCheck(db).run()
        #expect(findings.map(\.name) == ["sqlite integrity", "schema", "references", "allocations", "cached balances", "case days", "ledger entries", "plan discounts", "search indexes", "audit trail", "sealed tables"])
        for f in findings { #expect(f.ok, "\(f.name): \(f.problems)") }
        // The ledger is what the rules give.
        let r = LedgerReports(db)
        #expect(try r.account("A001", asOf: Fixture.today).position.balance == Money(minor: 140_000_000))
        #expect(try r.account("A002", asOf: Fixture.today).position.balance == .zero)
        #expect(try r.account("A003", asOf: Fixture.today).position.balance == Money(minor: -25_000_000))
        #expect(try r.aging(asOf: Fixture.today, by: .none).total.balance() == Money(minor: 115_000_000))
        // users (admin + 2) and 4 imports, each audited.
        #expect(try db.count("audit") == 7)
    }

    @Test(arguments: [
        "UPDATE charges SET amount = amount + 1 WHERE ref = 'INV-1'",
        "UPDATE charges SET due_date = due_date + 30 WHERE ref = 'INV-1'",
        "DELETE FROM charges WHERE ref = 'INV-4'",
        "DELETE FROM credits WHERE ref = 'TRX-1'",
        "UPDATE credits SET amount = 1 WHERE ref = 'TRX-1'",
        "DELETE FROM reversals",
        "UPDATE reversals SET date = date + 1",
        "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)",
        "UPDATE audit SET detail = 'nothing happened' WHERE id = 1",
    ])
    func triggersRefuseEditsOfTheLedger(_ sql: String) throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let before = try db.writer.read { d in
            try ["charges", "credits", "reversals", "audit"].map { try Row.fetchAll(d, sql: "SELECT * FROM \($0) ORDER BY id") }
        }
        let error = try #require(throws: DatabaseError.self) { try db.writer.write { try $0.execute(sql: sql) } }
        #expect(error.message?.contains("append-only") == true, "\(error)")
        let after = try db.writer.read { d in
            try ["charges", "credits", "reversals", "audit"].map { try Row.fetchAll(d, sql: "SELECT * FROM \($0) ORDER BY id") }
        }
        #expect(before == after)
        #expect(try db.failedChecks() == [])
    }

    @Test func theCacheColumnMayBeRewritten() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.writer.write { try $0.execute(sql: "UPDATE charges SET open_amount = open_amount WHERE ref = 'INV-1'") }
        #expect(try db.failedChecks() == [])
    }

    @Test func editedChargeAmountIsDetected() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.writer.write { d in
            try d.execute(sql: "DROP TRIGGER charges_no_update")
            try d.execute(sql: "UPDATE charges SET amount = 900000 WHERE ref = 'INV-2'")
        }
        let failed = try Self.failed(db)
        #expect(failed["ledger entries"]?.contains { $0.contains("charges.csv") && $0.contains("changed or deleted") } == true, "\(failed)")
        #expect(failed["cached balances"]?.contains { $0.contains("A001") } == true, "\(failed)")
        #expect(failed["audit trail"] == nil)
    }

    @Test func deletedCreditIsDetected() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.writer.write { d in
            try d.execute(sql: "DROP TRIGGER credits_no_delete")
            try d.execute(sql: "DELETE FROM credits WHERE ref = 'TRX-3'")
        }
        let failed = try Self.failed(db)
        #expect(failed["ledger entries"]?.contains { $0.contains("payments.csv") } == true, "\(failed)")
        #expect(failed["cached balances"]?.contains { $0.contains("A003") } == true, "\(failed)")
    }

    @Test func deletedLastAuditRowIsDetected() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.writer.write { d in
            try d.execute(sql: "DROP TRIGGER audit_no_delete")
            try d.execute(sql: "DELETE FROM audit WHERE id = (SELECT max(id) FROM audit)")
        }
        let failed = try Self.failed(db)
        #expect(failed["audit trail"]?.contains { $0.contains("newest audit rows were removed") } == true, "\(failed)")
        #expect(failed["cached balances"] == nil)
    }

    @Test func deletedMiddleAuditRowIsDetected() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.writer.write { d in
            try d.execute(sql: "DROP TRIGGER audit_no_delete")
            try d.execute(sql: "DELETE FROM audit WHERE id = 3")
        }
        let failed = try Self.failed(db)
        #expect(failed["audit trail"]?.contains { $0.contains("audit row 3 is missing") } == true, "\(failed)")
    }

    @Test func editedAuditDetailIsDetected() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.writer.write { d in
            try d.execute(sql: "DROP TRIGGER audit_no_update")
            try d.execute(sql: "UPDATE audit SET detail = 'role=collector' WHERE id = 2")
        }
        let failed = try Self.failed(db)
        #expect(failed["audit trail"]?.contains { $0.contains("audit row 2 was altered") } == true, "\(failed)")
        // Dropping the trigger is itself a finding: the schema is not the migration's.
        #expect(failed.keys.sorted() == ["audit trail", "schema"])
        #expect(failed["schema"] == ["trigger audit_no_update is missing"])
    }

    @Test func tamperedOpenAmountIsDetected() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        // INV-2 is open 1 400 000.00 of 2 000 000.00; claim a different amount within bounds.
        #expect(try db.int("SELECT open_amount FROM charges WHERE ref = 'INV-2'") == 140_000_000)
        try db.writer.write { try $0.execute(sql: "UPDATE charges SET open_amount = 100000000 WHERE ref = 'INV-2'") }
        let failed = try Self.failed(db)
        #expect(failed.keys.sorted() == ["cached balances"], "\(failed)")
        #expect(failed["cached balances"]?.contains { $0.contains("A001") && $0.contains("INV-2") } == true, "\(failed)")
    }

    /// `agingUsesCache` tells the truth: a tampered cache shows in the report
    /// exactly for the days it says the cache answers (on or after the newest
    /// entry, here the write-off of 2025-06-01), never for a replayed day.
    @Test func agingReadsTheCacheExactlyWhenItSaysSo() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let r = LedgerReports(db)
        let newest = Day(iso: "2025-06-01")!
        #expect(try r.agingUsesCache(asOf: newest))
        #expect(try !r.agingUsesCache(asOf: newest.adding(days: -1)))
        #expect(try r.aging(asOf: newest, by: .none).total.balance() == Money(minor: 115_000_000))
        try db.writer.write { try $0.execute(sql: "UPDATE charges SET open_amount = open_amount - 100 WHERE ref = 'INV-2'") }
        #expect(try r.aging(asOf: newest, by: .none).total.balance() == Money(minor: 115_000_000 - 100))
        #expect(try r.aging(asOf: newest.adding(days: 30), by: .collector).total.balance() == Money(minor: 115_000_000 - 100))
        // The day before: replayed from the entries, the write-off not yet counted.
        #expect(try r.aging(asOf: newest.adding(days: -1), by: .none).total.balance() == Money(minor: 170_000_000))
        // The account view always replays.
        #expect(try r.account("A001", asOf: newest).position.balance == Money(minor: 140_000_000))
    }

    @Test func tamperedAccountTotalsAreDetected() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.writer.write { try $0.execute(sql: "UPDATE accounts SET unapplied = unapplied + 1 WHERE account_no = 'A003'") }
        #expect(try Self.failed(db)["cached balances"]?.contains { $0.contains("A003") } == true)
    }
}
