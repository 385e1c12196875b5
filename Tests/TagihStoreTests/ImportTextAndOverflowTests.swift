import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// Issue 13 items 4, 5 and 8 on the import side: control characters in text
/// (R8), text read back byte for byte, amounts and totals beyond Int64 (R9),
/// `invoice_ref` on the row's own account, reserved refs.
@Suite struct ImportTextAndOverflowTests {
    static let chargesHeader = ImportRulesTests.chargesHeader

    // MARK: control characters (R8)

    /// Every Cc character but tab rejects the row, in any field (an ignored
    /// column too, like invalid UTF-8), with a reason naming the field and
    /// the character; a tab inside a field is text.
    @Test func controlCharactersRejectTheRowNamingTheField() throws {
        let scratch = try Scratch()
        let db = try ImportRulesTests.ledger(scratch)
        var bytes = Array("account_no,ref,issue_date,due_date,amount,description,memo\n".utf8)     // 1
        bytes += Array("A001,N-1,2025-01-01,2025-01-31,100,abc".utf8) + [0x00] + Array("def,\n".utf8) // 2: NUL
        bytes += Array("A001,N-2,2025-01-01,2025-01-31,100,bell\u{07},\n".utf8)                   // 3: BEL
        bytes += Array("A001,N-3,2025-01-01,2025-01-31,100,del\u{7F},\n".utf8)                    // 4: DEL
        bytes += Array("A001,N-4,2025-01-01,2025-01-31,100,c1\u{85}x,\n".utf8)                    // 5: C1 NEL (C2 85)
        bytes += Array("A001,N-5,2025-01-01,2025-01-31,100,ok,\u{1B}[31m\n".utf8)                 // 6: ESC, ignored column
        bytes += Array("A001,N\u{9B}6,2025-01-01,2025-01-31,100,ok,\n".utf8)                      // 7: C1 CSI in the ref
        bytes += Array("A001,T-1,2025-01-01,2025-01-31,100,tab\there,\n".utf8)                   // 8: tab: posted
        bytes += Array("A001,T-2,2025-01-01,2025-01-31,100,é ñ 渡 \u{A0}nbsp,\n".utf8)            // 9: not Cc: posted
        for i in 1...60 { bytes += Array("A001,G-\(i),2025-01-01,2025-01-31,100,x,\n".utf8) }      // 10-69
        let s = try db.importFile(.charges, try scratch.write("charges.csv", bytes: bytes))
        #expect(!s.refused && s.rowsRead == 68 && s.rejected == 6 && s.posted == 62)
        let tail = "; text fields take no control characters other than tab"
        #expect(s.sampleRejects.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(s.sampleRejects.map(\.reason) == [
            "description: holds a control character (U+0000)" + tail,
            "description: holds a control character (U+0007)" + tail,
            "description: holds a control character (U+007F)" + tail,
            "description: holds a control character (U+0085)" + tail,
            "memo: holds a control character (U+001B)" + tail,
            "ref: holds a control character (U+009B)" + tail,
        ])
        #expect(try db.count("charges", where: "ref LIKE 'N%'") == 0)
        #expect(try db.text("SELECT description FROM charges WHERE ref = 'T-1'") == "tab\there")
        #expect(try db.text("SELECT description FROM charges WHERE ref = 'T-2'") == "é ñ 渡 \u{A0}nbsp")
        let rejects = try #require(scratch.read("charges.csv.rejects.csv"))
        #expect(rejects.hasPrefix("line,reason,raw\n2,description: holds a control character (U+0000)"))
        #expect(try db.failedChecks() == [])
    }

    /// Accounts rows are text too: a control character in a name rejects it.
    @Test func controlCharacterInAnAccountNameRejectsTheRow() throws {
        let scratch = try Scratch()
        let db = try Fixture.ledger()
        var csv = "account_no,name\nA001,Budi\u{1B}]0;pwned\u{07}\n"
        for i in 2...20 { csv += "A\(String(format: "%03d", i)),Debitur \(i)\n" }
        let s = try db.importFile(.accounts, try scratch.write("accounts.csv", csv))
        #expect(s.rejected == 1 && s.posted == 19)
        #expect(s.sampleRejects.first?.reason == "name: holds a control character (U+001B); text fields take no control characters other than tab")
        #expect(try db.count("accounts", where: "account_no = 'A001'") == 0)
    }

    /// The shared validator the other entry points use (user names here;
    /// contact and plan notes call the same function).
    @Test func userNamesRefuseControlCharacters() throws {
        let db = try Fixture.ledger()
        let dir = UserDirectory(db)
        #expect(throws: StoreError("--name holds a control character (U+001B); text fields take no control characters other than tab")) {
            try dir.add(User(login: "evil", name: "Evil\u{1B}[2J", role: .collector), session: Fixture.session)
        }
        #expect(try db.count("users", where: "login = 'evil'") == 0)
        #expect(throws: StoreError("--name holds a control character (U+0000); text fields take no control characters other than tab")) {
            _ = try dir.update("col01", session: Fixture.session) { $0.name = "a\u{0}b" }
        }
        #expect(try db.text("SELECT name FROM users WHERE login = 'col01'") == "Collector col01")
        try dir.add(User(login: "tabby", name: "Tab\tName", role: .collector), session: Fixture.session)
        #expect(try db.text("SELECT name FROM users WHERE login = 'tabby'") == "Tab\tName")
    }

    // MARK: byte-exact read-back

    /// Issue 13 item 5: a ledger that already holds `abc\0def` in a charge's
    /// description (posted by an older version, hashed with its NUL) must
    /// pass `check`: the text was read back as a C string, cut at the NUL,
    /// and the batch's entry hash differed. The row is posted here exactly
    /// as the old import did: same insert, same hasher, same batch record.
    @Test func aLedgerHoldingANulFromAnOlderVersionPassesCheck() throws {
        let scratch = try Scratch()
        let db = try ImportRulesTests.ledger(scratch, accounts: 2)
        let legacy = "abc\u{0}def"
        try db.writer.writeWithoutTransaction { db in
            try db.inTransaction {
                let batch = try Importer.openBatch(db, kind: .charges, path: "charges-old.csv", hash: "legacy", session: Fixture.session)
                let accountID = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM accounts WHERE account_no = 'A001'"))
                let insert = try Prepared(db, """
                    INSERT INTO charges(account_id, source, ref, issue_date, due_date, amount, description, batch_id, open_amount)
                    VALUES (?, 'invoice', 'OLD-1', ?, ?, 50000, ?, ?, 50000)
                    """)
                let issue = Int64(Day(iso: "2025-01-01")!.ordinal), due = Int64(Day(iso: "2025-01-31")!.ordinal)
                try insert.bind(.int(accountID), .int(issue), .int(due), .text(legacy), .int(batch)).run()
                var hasher = EntryHasher()
                hasher.charge(id: insert.lastInsertID, accountID: accountID, source: "invoice", ref: "OLD-1", issue: issue, due: due,
                              amount: 50000, description: legacy)
                var summary = ImportSummary(kind: .charges, file: "charges-old.csv")
                summary.rowsRead = 1
                summary.posted = 1
                try Importer.closeBatch(db, batchID: batch, summary: summary, entriesHash: hasher.finalize(), session: Fixture.session)
                try db.noteEntryDay(issue)
                try LedgerCache.refresh(db, accounts: [accountID])
                return .commit
            }
        }
        #expect(try db.int("SELECT length(CAST(description AS BLOB)) FROM charges WHERE ref = 'OLD-1'") == 7) // the NUL is stored
        #expect(try db.failedChecks() == [])

        // A new import of such a row is rejected, and the ledger stays whole.
        let csv = Self.chargesHeader + "A001,NEW-1,2025-01-01,2025-01-31,100,abc\u{0}def\n" + ImportRulesTests.goodCharges("G", 10)
        let s = try db.importFile(.charges, try scratch.write("charges-new.csv", csv))
        #expect(s.rejected == 1 && s.posted == 10)
        #expect(s.sampleRejects.first?.reason.hasPrefix("description: holds a control character (U+0000)") == true)
        #expect(try db.failedChecks() == [])
    }

    // MARK: overflow (R9)

    /// An amount beyond Int64 is a bad amount: the row is rejected.
    @Test func anAmountBeyondInt64IsABadAmount() throws {
        let scratch = try Scratch()
        let db = try ImportRulesTests.ledger(scratch)
        let csv = Self.chargesHeader + "A001,BIG-1,2025-01-01,2025-01-31,92233720368547758.08,x\n" + ImportRulesTests.goodCharges("G", 10)
        let s = try db.importFile(.charges, try scratch.write("charges.csv", csv))
        #expect(s.rejected == 1 && s.posted == 10)
        #expect(s.sampleRejects.first?.reason == "amount: bad amount 92233720368547758.08 (too large: beyond the 64-bit range Tagih holds exactly)")
    }

    /// Issue 13 item 4: a charge near the edge posted, then another file's
    /// charge on the same account stored a REAL in `accounts.open_total`
    /// (SQLite's `+` turns an overflow into a float) and exited 0. The second
    /// file is refused whole now, nothing posted.
    @Test func aFileTakingAnAccountsTotalOutOfRangeIsRefusedWhole() throws {
        let scratch = try Scratch()
        let db = try ImportRulesTests.ledger(scratch)
        let edge = Self.chargesHeader + "A001,EDGE-1,2025-01-01,2025-01-31,92233720368547758.00,x\n"
        #expect(try db.importFile(.charges, try scratch.write("charges-1.csv", edge)).posted == 1)
        let before = try db.tableCounts()
        let more = Self.chargesHeader + "A002,OK-1,2025-01-01,2025-01-31,5,x\nA001,EDGE-2,2025-02-01,2025-02-28,1.00,x\n"
        // A dry run says so too.
        #expect(throws: StoreError.self) { try db.importFile(.charges, try scratch.write("charges-dry.csv", more), dryRun: true) }
        #expect {
            try db.importFile(.charges, try scratch.write("charges-2.csv", more))
        } throws: { e in
            (e as? StoreError).map { $0.exitCode == 1 && $0.description.contains("nothing posted") && $0.description.contains("overflow") } ?? false
        }
        #expect(try db.tableCounts() == before)
        #expect(try db.text("SELECT typeof(open_total) || ' ' || open_total FROM accounts WHERE account_no = 'A001'") == "integer 9223372036854775800")
        #expect(try db.failedChecks() == [])
    }

    /// The same through the replay path (an account with a credit) and for
    /// the book: two accounts each within range whose sum is not.
    @Test func aFileTakingTheBooksTotalOutOfRangeIsRefusedWhole() throws {
        let scratch = try Scratch()
        let db = try ImportRulesTests.ledger(scratch)
        let half = Self.chargesHeader + "A001,H-1,2025-01-01,2025-01-31,50000000000000000.00,x\n"
        #expect(try db.importFile(.charges, try scratch.write("charges-1.csv", half)).posted == 1)
        let before = try db.tableCounts()
        let other = Self.chargesHeader + "A002,H-2,2025-01-01,2025-01-31,50000000000000000.00,x\n"
        #expect(throws: StoreError.self) { try db.importFile(.charges, try scratch.write("charges-2.csv", other)) }
        #expect(try db.tableCounts() == before)

        // A payment on A003 makes it replayed, not added: the replay's checked sums refuse too.
        let pay = "account_no,ref,paid_on,amount,channel\nA003,P-1,2025-01-05,1,VA\n"
        #expect(try db.importFile(.payments, try scratch.write("payments.csv", pay)).posted == 1)
        let replayed = Self.chargesHeader + "A003,R-1,2025-01-01,2025-01-31,92233720368547758.00,x\nA003,R-2,2025-01-01,2025-01-31,1.00,x\n"
        let mid = try db.tableCounts()
        #expect(throws: StoreError.self) { try db.importFile(.charges, try scratch.write("charges-3.csv", replayed)) }
        #expect(try db.tableCounts() == mid)
        #expect(try db.failedChecks() == [])
    }

    /// `check` flags a money column holding a REAL (what the old import left).
    @Test func checkFlagsARealInAMoneyColumn() throws {
        let scratch = try Scratch()
        let db = try ImportRulesTests.ledger(scratch)
        #expect(try db.failedChecks() == [])
        try db.writer.write { db in try db.execute(sql: "UPDATE accounts SET open_total = 9.2233720368547758e18 WHERE account_no = 'A005'") }
        let allocations = try LedgerCheck(db).run().first { $0.name == "allocations" }
        #expect(allocations?.problems.contains("1 rows holding a money amount that is not an exact integer (an overflow stored as REAL)") == true)
    }

    // MARK: refs

    /// Issue 13 item 8: `invoice_ref` found another account's invoice before
    /// the row's own debit of the same ref and rejected the row. It names
    /// the row's own account's charge; another account's alone is refused.
    @Test func invoiceRefNamesTheRowsOwnAccountsCharge() throws {
        let scratch = try Scratch()
        let db = try ImportRulesTests.ledger(scratch)
        let charges = Self.chargesHeader + "A002,X-1,2025-01-01,2025-01-31,100,theirs\n"
        #expect(try db.importFile(.charges, try scratch.write("charges.csv", charges)).posted == 1)
        let debit = "account_no,ref,date,kind,amount\nA001,X-1,2025-01-05,debit,70\n"
        #expect(try db.importFile(.adjustments, try scratch.write("adjustments.csv", debit)).posted == 1)

        var pay = "account_no,ref,paid_on,amount,channel,invoice_ref\n"
        pay += "A001,P-1,2025-01-10,30,VA,X-1\n"   // the row's own debit X-1
        pay += "A003,P-2,2025-01-10,30,VA,X-1\n"   // A003 has no X-1: rejected
        for i in 1...10 { pay += "A004,Q-\(i),2025-01-10,1,VA,\n" }
        let s = try db.importFile(.payments, try scratch.write("payments.csv", pay))
        #expect(s.posted == 11 && s.rejected == 1)
        #expect(s.sampleRejects.map(\.line) == [3])
        #expect(s.sampleRejects.first?.reason == "invoice_ref: X-1 is a charge of another account")
        #expect(try db.text("""
            SELECT a.account_no || ' ' || h.source FROM credits c JOIN charges h ON h.id = c.charge_id
            JOIN accounts a ON a.id = h.account_id WHERE c.ref = 'P-1'
            """) == "A001 debit")
        #expect(try db.int("SELECT open_amount FROM charges WHERE source = 'debit' AND ref = 'X-1'") == 4000)
        #expect(try db.int("SELECT open_amount FROM charges WHERE source = 'invoice' AND ref = 'X-1'") == 10000)
        #expect(try db.failedChecks() == [])
    }

    /// Refs beginning `PLAN-` or `CASE-` are Tagih's own: rejected in every file kind.
    @Test func reservedRefsAreRejectedInEveryFileKind() throws {
        let scratch = try Scratch()
        let db = try ImportRulesTests.ledger(scratch)
        let charges = Self.chargesHeader + "A001,PLAN-1-DISCOUNT,2025-01-01,2025-01-31,100,x\n" + ImportRulesTests.goodCharges("G", 10)
        let c = try db.importFile(.charges, try scratch.write("charges.csv", charges))
        #expect(c.rejected == 1 && c.posted == 10)
        #expect(c.sampleRejects.first?.reason == "ref: PLAN-1-DISCOUNT is reserved (refs beginning PLAN- or CASE- are Tagih's own)")

        var pay = "account_no,ref,paid_on,amount,channel\nA001,CASE-7,2025-01-10,1,VA\n"
        for i in 1...10 { pay += "A001,P-\(i),2025-01-10,1,VA\n" }
        let p = try db.importFile(.payments, try scratch.write("payments.csv", pay))
        #expect(p.rejected == 1 && p.posted == 10 && p.sampleRejects.first?.reason.contains("CASE-7 is reserved") == true)

        var adj = "account_no,ref,date,kind,amount\nA001,PLAN-3,2025-01-10,credit,1\nA001,CASE-4,2025-01-10,debit,1\n"
        for i in 1...20 { adj += "A001,ADJ-\(i),2025-01-10,credit,1\n" }
        let a = try db.importFile(.adjustments, try scratch.write("adjustments.csv", adj))
        #expect(a.rejected == 2 && a.posted == 20)
        #expect(a.sampleRejects.map(\.reason) == [
            "ref: PLAN-3 is reserved (refs beginning PLAN- or CASE- are Tagih's own)",
            "ref: CASE-4 is reserved (refs beginning PLAN- or CASE- are Tagih's own)",
        ])
        #expect(try db.count("charges", where: "ref LIKE 'PLAN-%' OR ref LIKE 'CASE-%'") == 0)
        #expect(try db.count("credits", where: "ref LIKE 'PLAN-%' OR ref LIKE 'CASE-%'") == 0)
    }
}
