import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// One fixture per rejection reason (`Fixtures/rejects/`): each is a valid file
/// of 11 data rows with exactly one bad row, so the file posts (1 of 11 is under
/// the 10% refusal threshold) and the rejects file holds exactly that row.
struct RejectCase: Sendable, CustomTestStringConvertible {
    var file: String
    var kind: ImportKind
    /// The whole expected data row of `FILE.rejects.csv` (line,reason,raw).
    var row: String
    /// A ref of a good row that must be posted, and the bad row's ref that must not be.
    var postedRef: String?
    var absentRef: String?
    var testDescription: String { file }
}

@Suite struct ImportRejectionTests {
    /// A ledger with accounts A001–A012 (collector col01) and B001, one invoice
    /// each (`INV-A001` … 1 000 000.00, due 2025-01-31) and one payment each
    /// on A001–A012 (`BANK_TRANSFER/TRX-A001` … 100 000.00).
    static func baseLedger(_ scratch: Scratch) throws -> AppDatabase {
        let db = try Fixture.ledger()
        var accounts = "account_no,name,timezone,segment,collector\n"
        var charges = "account_no,ref,issue_date,due_date,amount,description\n"
        var payments = "account_no,ref,paid_on,amount,channel,invoice_ref\n"
        for i in 1...12 {
            let no = String(format: "A%03d", i)
            accounts += "\(no),Debitur \(i),Asia/Jakarta,RETAIL,col01\n"
            charges += "\(no),INV-\(no),2025-01-01,2025-01-31,1000000,Tagihan\n"
            payments += "\(no),TRX-\(no),2025-02-01,100000,BANK_TRANSFER,\n"
        }
        accounts += "B001,Debitur B,Asia/Makassar,SME,\n"
        charges += "B001,INV-B001,2025-01-01,2025-01-31,500000,Tagihan\n"
        for (kind, text) in [(ImportKind.accounts, accounts), (.charges, charges), (.payments, payments)] {
            let s = try db.importFile(kind, try scratch.write("base-\(kind.rawValue).csv", text))
            #expect(s.rejected == 0 && s.posted == s.rowsRead, "base \(kind.rawValue) file did not post cleanly")
        }
        return db
    }

    static let cases: [RejectCase] = [
        RejectCase(file: "missing-field.csv", kind: .charges,
                   row: #"5,due_date: missing,"A004,INV-M04,2025-02-01,,4000,no due date""#,
                   postedRef: "INV-M05", absentRef: "INV-M04"),
        RejectCase(file: "bad-date.csv", kind: .charges,
                   row: #"4,issue_date: bad date 2025-02-30 (expected a real date as YYYY-MM-DD),"A003,INV-D03,2025-02-30,2025-03-31,3000,Tagihan 3""#,
                   postedRef: "INV-D04", absentRef: "INV-D03"),
        RejectCase(file: "bad-amount.csv", kind: .charges,
                   row: #"3,"amount: bad amount 12,50 (expected digits with an optional '.' and at most 2 decimals)","A002;INV-S02;2025-02-01;2025-02-28;12,50;Tagihan 2""#,
                   postedRef: "INV-S03", absentRef: "INV-S02"),
        RejectCase(file: "zero-amount.csv", kind: .charges,
                   row: #"8,amount: amount must be greater than zero,"A007,INV-Z07,2025-02-01,2025-02-28,0,Tagihan 7""#,
                   postedRef: "INV-Z08", absentRef: "INV-Z07"),
        RejectCase(file: "too-many-decimals.csv", kind: .charges,
                   row: #"12,amount: bad amount 1.234 (expected digits with an optional '.' and at most 2 decimals),"A011,INV-T11,2025-02-01,2025-02-28,1.234,Tagihan 11""#,
                   postedRef: "INV-T10", absentRef: "INV-T11"),
        RejectCase(file: "unknown-account.csv", kind: .charges,
                   row: #"6,account_no: unknown account Z999,"Z999,INV-U05,2025-02-01,2025-02-28,5000,Tagihan 5""#,
                   postedRef: "INV-U06", absentRef: "INV-U05"),
        RejectCase(file: "wrong-column-count.csv", kind: .charges,
                   row: #"9,"wrong column count: 5 fields, the header has 6","A008,INV-W08,2025-02-01,2025-02-28,8000""#,
                   postedRef: "INV-W09", absentRef: "INV-W08"),
        RejectCase(file: "unterminated-quote.csv", kind: .charges,
                   row: #"6,unterminated quote,"A005,INV-Q05,2025-02-01,2025-02-28,5000,""Tagihan Februari""#,
                   postedRef: "INV-Q06", absentRef: "INV-Q05"),
        RejectCase(file: "conflict.csv", kind: .charges,
                   row: #"7,conflicts with charge INV-A001 already posted with a different amount,"A001,INV-A001,2025-01-01,2025-01-31,2000000,Tagihan""#,
                   postedRef: "INV-C07", absentRef: nil),
        RejectCase(file: "unknown-invoice-ref.csv", kind: .payments,
                   row: #"6,invoice_ref: unknown invoice ref INV-NOPE for this account,"A005,TRX-U05,2025-03-01,5000,VA,INV-NOPE""#,
                   postedRef: "TRX-U06", absentRef: "TRX-U05"),
        RejectCase(file: "invoice-ref-of-another-account.csv", kind: .payments,
                   row: #"7,invoice_ref: INV-B001 is a charge of another account,"A006,TRX-O06,2025-03-01,5000,QRIS,INV-B001""#,
                   postedRef: "TRX-O07", absentRef: "TRX-O06"),
        RejectCase(file: "unknown-payment-ref.csv", kind: .adjustments,
                   row: #"8,payment_ref: unknown payment BANK_TRANSFER/TRX-NOPE for this account,"A007,ADJ-R07,2025-03-05,reversal,,,TRX-NOPE,BANK_TRANSFER,,bounced""#,
                   postedRef: "ADJ-C08", absentRef: "ADJ-R07"),
        RejectCase(file: "already-reversed.csv", kind: .adjustments,
                   row: #"10,payment_ref: payment BANK_TRANSFER/TRX-A001 was already reversed by ADJ-R01,"A001,ADJ-R02,2025-03-06,reversal,,,TRX-A001,BANK_TRANSFER,,bounced again""#,
                   postedRef: "ADJ-R01", absentRef: "ADJ-R02"),
        RejectCase(file: "unknown-kind.csv", kind: .adjustments,
                   row: #"4,"kind: unknown kind refund (expected credit, writeoff, debit or reversal)","A003,ADJ-K03,2025-03-01,Refund,300,,,,,goodwill""#,
                   postedRef: "ADJ-C04", absentRef: "ADJ-K03"),
        RejectCase(file: "invalid-utf8.csv", kind: .accounts,
                   row: "6,name: invalid UTF-8,\"A105,Bud\u{FFFD}i Santoso,081200000005,Asia/Jakarta,RETAIL,col01\"",
                   postedRef: "A106", absentRef: "A105"),
        RejectCase(file: "unknown-collector.csv", kind: .accounts,
                   row: #"7,collector: unknown login nobody,"A106,Debitur 106,081200000006,Asia/Jakarta,RETAIL,nobody""#,
                   postedRef: "A107", absentRef: "A106"),
        RejectCase(file: "unknown-timezone.csv", kind: .accounts,
                   row: #"11,timezone: unknown time zone Mars/Olympus (expected an IANA name such as Asia/Makassar),"A110,Debitur 110,081200000010,Mars/Olympus,RETAIL,col01""#,
                   postedRef: "A111", absentRef: "A110"),
    ]

    /// Whether an entry (or account) with this ref exists.
    static func exists(_ db: AppDatabase, _ kind: ImportKind, _ ref: String) throws -> Bool {
        switch kind {
        case .accounts: return try db.count("accounts", where: "account_no = '\(ref)'") > 0
        case .charges: return try db.count("charges", where: "ref = '\(ref)'") > 0
        case .payments: return try db.count("credits", where: "source = 'payment' AND ref = '\(ref)'") > 0
        case .adjustments:
            return try db.count("credits", where: "source <> 'payment' AND ref = '\(ref)'") > 0
                || db.count("charges", where: "source = 'debit' AND ref = '\(ref)'") > 0
                || db.count("reversals", where: "ref = '\(ref)'") > 0
        }
    }

    @Test(arguments: cases)
    func oneRejectedRow(_ c: RejectCase) throws {
        let scratch = try Scratch()
        let db = try Self.baseLedger(scratch)
        let input = try scratch.copy(try Fixture.resource("rejects/\(c.file)"))
        let before = try db.count(c.kind == .accounts ? "accounts" : "import_batches")

        let s = try db.importFile(c.kind, input)

        #expect(s.rowsRead == 11)
        #expect(s.rejected == 1)
        #expect(s.posted == 10)
        #expect(s.duplicates == 0)
        #expect(!s.refused && !s.alreadyImported)
        #expect(s.rejectsPath == input + ".rejects.csv")
        #expect(s.sampleRejects.count == 1)
        let rejects = try #require(scratch.read(c.file + ".rejects.csv"), "no rejects file for \(c.file)")
        #expect(rejects == "line,reason,raw\n" + c.row + "\n")
        // The line number and reason reported on the summary match the file's row.
        if let sample = s.sampleRejects.first {
            #expect(c.row.hasPrefix("\(sample.line),"))
            #expect(rejects.contains(csvField(sample.reason)))
        }
        if let ref = c.postedRef { #expect(try Self.exists(db, c.kind, ref), "\(ref) should be posted") }
        if let ref = c.absentRef { #expect(try !Self.exists(db, c.kind, ref), "\(ref) should not be posted") }
        if c.kind == .accounts { #expect(try db.count("accounts") == before + 10) }
        #expect(try db.failedChecks() == [])
        // No temporary rejects file is left behind.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.dir.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test func unterminatedQuoteStillReadsAndPostsTheRowsAfterIt() throws {
        let scratch = try Scratch()
        let db = try Self.baseLedger(scratch)
        let input = try scratch.copy(try Fixture.resource("rejects/unterminated-quote.csv"))
        try db.importFile(.charges, input)
        let refs = try db.writer.read { d in
            try String.fetchAll(d, sql: "SELECT ref FROM charges WHERE ref LIKE 'INV-Q%' ORDER BY ref")
        }
        #expect(refs == ["INV-Q01", "INV-Q02", "INV-Q03", "INV-Q04", "INV-Q06", "INV-Q07", "INV-Q08", "INV-Q09", "INV-Q10", "INV-Q11"])
        // The rows after the quote keep their own descriptions (nothing swallowed into the bad row).
        #expect(try db.text("SELECT description FROM charges WHERE ref = 'INV-Q06'") == "Tagihan 6")
        #expect(try db.int("SELECT amount FROM charges WHERE ref = 'INV-Q11'") == 1_100_000)
    }

    @Test func conflictLeavesThePostedChargeAlone() throws {
        let scratch = try Scratch()
        let db = try Self.baseLedger(scratch)
        try db.importFile(.charges, try scratch.copy(try Fixture.resource("rejects/conflict.csv")))
        #expect(try db.count("charges", where: "ref = 'INV-A001'") == 1)
        #expect(try db.int("SELECT amount FROM charges WHERE ref = 'INV-A001'") == 100_000_000)
    }

    @Test func alreadyReversedKeepsTheFirstReversal() throws {
        let scratch = try Scratch()
        let db = try Self.baseLedger(scratch)
        try db.importFile(.adjustments, try scratch.copy(try Fixture.resource("rejects/already-reversed.csv")))
        #expect(try db.text("""
            SELECT r.ref FROM reversals r JOIN credits c ON c.id = r.credit_id
            WHERE c.channel = 'BANK_TRANSFER' AND c.ref = 'TRX-A001'
            """) == "ADJ-R01")
        #expect(try db.count("reversals") == 1)
        // A001 owes its whole invoice again: its only payment (100 000.00) was reversed.
        let a = try LedgerReports(db).account("A001", asOf: Day(iso: "2025-06-30")!)
        #expect(a.position.balance == Money(minor: 100_000_000))
    }

    /// Every fixture is what its name says: exactly 11 data rows, the header
    /// matching its kind, and (but for the UTF-8 one) valid UTF-8.
    @Test(arguments: cases)
    func fixtureIsWellFormed(_ c: RejectCase) throws {
        let data = try Data(contentsOf: try Fixture.resource("rejects/\(c.file)"))
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        #expect(lines.count == 13) // header, 11 rows, the empty piece after the final newline
        #expect(lines.last?.isEmpty == true)
        #expect((String(data: data, encoding: .utf8) != nil) == (c.file != "invalid-utf8.csv"))
    }
}
