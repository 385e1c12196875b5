import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// The accounts file's `language` and `va_number` (CONTRACT §3, issue 18):
/// imported like the other optional fields, and sealed from migration v13
/// without resealing the accounts an older ledger holds.
@Suite struct ReminderAccountsTests {
    @Test func languageAndVirtualAccountAreImportedKeptAndCleared() throws {
        let scratch = try Scratch()
        let db = try IntegrityTests.ledger(scratch)
        try db.importFile(.accounts, try scratch.write("l1.csv", """
            account_no,name,language,va_number
            L1,Ani,en,8808001
            L2,Budi,,

            """))
        #expect(try db.text("SELECT language FROM accounts WHERE account_no = 'L1'") == "en")
        #expect(try db.text("SELECT va_number FROM accounts WHERE account_no = 'L1'") == "8808001")
        #expect(try db.text("SELECT coalesce(language, 'default') FROM accounts WHERE account_no = 'L2'") == "default")
        // Empty leaves, `-` clears (the language back to the rules' default).
        try db.importFile(.accounts, try scratch.write("l2.csv", "account_no,name,language,va_number\nL1,Ani,,-\nL2,Budi,id,77\n"))
        #expect(try db.text("SELECT language FROM accounts WHERE account_no = 'L1'") == "en")
        #expect(try db.text("SELECT coalesce(va_number, 'none') FROM accounts WHERE account_no = 'L1'") == "none")
        #expect(try db.text("SELECT language || va_number FROM accounts WHERE account_no = 'L2'") == "id77")
        try db.importFile(.accounts, try scratch.write("l3.csv", "account_no,name,language\nL1,Ani,-\n"))
        #expect(try db.text("SELECT coalesce(language, 'default') FROM accounts WHERE account_no = 'L1'") == "default")
        // A language other than id or en rejects the row, naming the field.
        let s = try db.importFile(.accounts, try scratch.write("l4.csv", "account_no,name,language\nL3,Cici,fr\n" + (1...20).map { "M\($0),X,id\n" }.joined()))
        #expect(s.rejected == 1)
        #expect(scratch.read("l4.csv.rejects.csv")?.contains("language") == true)
        #expect(try db.failedChecks() == [])
    }

    /// A ledger sealed at v12 keeps its accounts' seal through v13 (the new
    /// columns count only when set); `check` passes, and an edit of either
    /// new column outside Tagih is found.
    @Test(arguments: ["UPDATE accounts SET language = 'en' WHERE id = 1", "UPDATE accounts SET va_number = '99' WHERE id = 1"])
    func anUpgradedLedgerKeepsItsSealsAndAnEditIsFound(edit: String) throws {
        let scratch = try Scratch()
        let db = try AppDatabase.open(path: scratch.path("old.db"), settings: Settings(), create: true)
        try Schema.migrator.migrate(db.writer, upTo: "v12-parties")
        try db.writer.write { d in
            try d.execute(sql: "INSERT INTO users(login, name, role) VALUES ('admin', 'Admin', 'admin'), ('col01', 'C', 'collector')")
            try d.execute(sql: "INSERT INTO accounts(account_no, name, phone, timezone, collector) VALUES ('A1', 'Siti', '0812-3456-7890', 'Asia/Jakarta', 'col01')")
            try TableSeals.sealNewAccounts(d, after: 0, columns: SealedTable.accounts.alwaysHashed)
            try PhoneIndex.rebuild(d)
            try d.execute(sql: "INSERT INTO accounts_fts(accounts_fts) VALUES ('rebuild')")
            try AuditTrail.append(d, session: Fixture.session, action: "test", subject: "v12 ledger", detail: "")
        }
        let sealedBefore = try db.writer.read { try TableSeals.recorded($0)[.accounts] }
        #expect(sealedBefore != nil && sealedBefore != .zero)
        _ = try db.migrate()
        #expect(try db.writer.read { try TableSeals.recompute($0, .accounts) } == sealedBefore)
        #expect(try !AuditTrail.recordUpgradeSeals(db, session: Fixture.session), "nothing to reseal")
        #expect(try db.failedChecks() == [])
        // Tagih's own change of the new columns is sealed by the update trigger.
        try db.importFile(.accounts, try scratch.write("a.csv", "account_no,name,language,va_number\nA1,Siti,id,123\n"))
        #expect(try db.failedChecks() == [])
        try db.writer.write { d in
            for t in SealedTable.accounts.triggers.map(\.name) { try d.execute(sql: "DROP TRIGGER \(t)") }
            try d.execute(sql: edit)
        }
        #expect(try db.failedChecks().contains("sealed tables"))
    }
}
