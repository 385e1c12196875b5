import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// The import file rules of CONTRACT §3: encoding, delimiters, quoting,
/// headers, idempotency, dry runs, the refusal threshold.
@Suite struct ImportRulesTests {
    static let chargesHeader = "account_no,ref,issue_date,due_date,amount,description\n"

    /// A ledger with accounts A001 … A0nn.
    static func ledger(_ scratch: Scratch, accounts n: Int = 12) throws -> AppDatabase {
        let db = try Fixture.ledger()
        var csv = "account_no,name,phone,timezone,segment,collector\n"
        for i in 1...n { csv += String(format: "A%03d,Debitur %d,0812%06d,Asia/Jakarta,RETAIL,col01\n", i, i, i) }
        let s = try db.importFile(.accounts, try scratch.write("accounts-base.csv", csv))
        #expect(s.posted == n && s.rejected == 0)
        return db
    }

    /// `n` good charge rows `PREFIX-1` … on A001.
    static func goodCharges(_ prefix: String, _ n: Int, from start: Int = 1) -> String {
        (start..<(start + n)).map { "A001,\(prefix)-\($0),2025-01-01,2025-01-31,\(100 * $0),Tagihan \($0)\n" }.joined()
    }

    // MARK: encoding, line ends, quoting

    @Test func bomCRLFAndQuotedFields() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        var text = "\u{FEFF}account_no,ref,issue_date,due_date,amount,description\r\n"         // line 1
        text += "A001,INV-1,2025-01-01,2025-01-31,100,\"Tagihan, Januari\"\r\n"                  // line 2
        text += "A001,INV-2,2025-02-01,2025-02-28,200,\"Kata \"\"lunas\"\" saja\"\r\n"            // line 3
        text += "A001,INV-3,2025-03-01,2025-03-31,300,\"baris satu\r\nbaris dua\"\r\n"            // lines 4-5: rejected (R8: CR, LF)
        text += "A001,INV-4,2025-03-01,2025-03-31,12x,\"rusak\r\nlagi\"\r\n"                      // lines 6-7: rejected (the first fault: CR)
        text += "A001,INV-5,2025-04-01,2025-04-30,500,\"\"\r\n"                                   // line 8
        text += "A001,INV-6,2025-04-01,2025-04-30,bad,plain\r\n"                                  // line 9: rejected
        for i in 7...32 { text += "A001,INV-\(i),2025-04-01,2025-04-30,\(i)00,Tagihan \(i)\r\n" } // lines 10-35
        let input = try scratch.write("charges.csv", text)
        #expect(text.utf8.starts(with: [0xEF, 0xBB, 0xBF]))

        let s = try db.importFile(.charges, input)
        #expect(s.rowsRead == 32)
        #expect(s.rejected == 3)
        #expect(s.posted == 29)
        #expect(!s.refused)
        #expect(s.sampleRejects.map(\.line) == [4, 6, 9])
        let bad = "(expected digits with an optional '.' and at most 2 decimals)"
        let control = "description: holds a control character (U+000D); text fields take no control characters other than tab"
        #expect(scratch.read("charges.csv.rejects.csv") == """
            line,reason,raw
            4,\(control),"A001,INV-3,2025-03-01,2025-03-31,300,""baris satu\r\nbaris dua\"""
            6,\(control),"A001,INV-4,2025-03-01,2025-03-31,12x,""rusak\r\nlagi\"""
            9,amount: bad amount bad \(bad),"A001,INV-6,2025-04-01,2025-04-30,bad,plain"

            """)
        func description(_ ref: String) throws -> String? {
            try db.text("SELECT description FROM charges WHERE ref = ?", [ref])
        }
        #expect(try description("INV-1") == "Tagihan, Januari")
        #expect(try description("INV-2") == "Kata \"lunas\" saja")
        #expect(try description("INV-3") == nil)
        #expect(try description("INV-5") == nil) // an empty optional field
        #expect(try description("INV-32") == "Tagihan 32") // no stray CR at the end of a CRLF line
        #expect(try db.int("SELECT amount FROM charges WHERE ref = 'INV-32'") == 320_000)
        #expect(try db.count("charges") == 29)
    }

    /// Text is kept byte for byte when it is valid UTF-8 (accents, other
    /// scripts, emoji), and any invalid byte rejects the row, even in a
    /// column Tagih ignores; surrounding spaces and tabs are trimmed.
    @Test func utf8IsKeptExactlyAndInvalidBytesRejectTheRowInAnyColumn() throws {
        let scratch = try Scratch()
        let db = try Fixture.ledger()
        var bytes = Array("account_no,name,notes,timezone\n".utf8)
        bytes += Array("A001,  Dédé Sántoso\t,ok,Asia/Jakarta\n".utf8)                // line 2
        bytes += Array("A002,Ñoño 渡辺 🙂,fine,Asia/Jakarta\n".utf8)                     // line 3
        bytes += Array("A003,Budi,".utf8) + [0xC3, 0x28] + Array(",Asia/Jakarta\n".utf8) // line 4: bad byte, ignored column
        bytes += Array("A004,Ani".utf8) + [0xED, 0xA0, 0x80] + Array(",x,Asia/Jakarta\n".utf8) // line 5: a surrogate
        for i in 5...24 { bytes += Array(String(format: "A%03d,Debitur %d,,Asia/Jakarta\n", i, i).utf8) }
        let s = try db.importFile(.accounts, try scratch.write("accounts.csv", bytes: bytes))
        #expect(s.posted == 22 && s.rejected == 2)
        #expect(try db.text("SELECT name FROM accounts WHERE account_no = 'A001'") == "Dédé Sántoso")
        #expect(try db.text("SELECT name FROM accounts WHERE account_no = 'A002'") == "Ñoño 渡辺 🙂")
        let rejects = try #require(scratch.read("accounts.csv.rejects.csv"))
        #expect(rejects.contains("4,notes: invalid UTF-8,"))
        #expect(rejects.contains("5,name: invalid UTF-8,"))
    }

    /// A quoted field may span lines (RFC 4180), and a row's line is the
    /// physical line it starts on. A line break is a control character, so
    /// (ruling R8) such a row is rejected, but the rows after it keep
    /// their true line numbers.
    @Test func lineNumbersCountPhysicalLinesIncludingBlankOnes() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        var text = Self.chargesHeader                                                     // 1
        text += "A001,L-1,2025-01-01,2025-01-31,100,\"satu\ndua\ntiga\"\n"                 // 2-4: rejected (LF)
        text += "\n"                                                                      // 5 (blank)
        text += "A001,L-2,2025-01-01,2025-01-31,0,x\n"                                     // 6: rejected
        text += Self.goodCharges("G", 10)                                                 // 7-16
        text += "A001,L-3,2025-01-01,2025-01-31,100,\"x\"\"\ny\"\n"                        // 17-18: rejected (LF)
        text += "A001,L-4,2025-13-01,2025-01-31,100,x\n"                                   // 19: rejected
        text += Self.goodCharges("H", 30)                                                 // 20-49
        let input = try scratch.write("charges.csv", text)
        let s = try db.importFile(.charges, input)
        #expect(!s.refused)
        #expect(s.rowsRead == 44)
        #expect(s.posted == 40)
        #expect(s.sampleRejects.map(\.line) == [2, 6, 17, 19])
        #expect(s.sampleRejects[0].reason == "description: holds a control character (U+000A); text fields take no control characters other than tab")
        #expect(try db.text("SELECT description FROM charges WHERE ref = 'H-30'") == "Tagihan 30")
        #expect(try db.count("charges", where: "ref LIKE 'L-%'") == 0)
    }

    @Test func lineNumbersAfterAnUnterminatedQuote() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        var text = Self.chargesHeader                                                     // 1
        text += "A001,U-1,2025-01-01,2025-01-31,100,x\n"                                  // 2
        text += "A001,U-2,2025-01-01,2025-01-31,100,\"no end\n"                           // 3: rejected
        text += Self.goodCharges("G", 4)                                                  // 4-7
        text += "A001,U-3,2025-01-01,2025-01-31,1e5,x\n"                                  // 8: rejected
        text += Self.goodCharges("H", 13)                                                 // 9-21
        let s = try db.importFile(.charges, try scratch.write("charges.csv", text))
        #expect(!s.refused) // 2 of 20 rows: exactly 10%
        #expect(s.rowsRead == 20)
        #expect(s.posted == 18)
        #expect(s.sampleRejects.map(\.line) == [3, 8])
        #expect(s.sampleRejects.map(\.reason) == ["unterminated quote", "amount: bad amount 1e5 (expected digits with an optional '.' and at most 2 decimals)"])
        #expect(try db.count("charges", where: "ref LIKE 'G-%' OR ref LIKE 'H-%'") == 17)
        #expect(try db.count("charges") == 18)
    }

    /// CONTRACT §3: "An unterminated quote rejects the row it starts. All other
    /// rows are posted." Here every description is quoted and one lacks its
    /// closing quote: the row must be rejected and the next row still posted.
    @Test func unterminatedQuoteAmongQuotedFieldsRejectsOnlyItsRow() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        var text = Self.chargesHeader
        for i in 1...11 {
            let description = i == 5 ? "\"Tagihan 5" : "\"Tagihan \(i)\""
            text += String(format: "A%03d,INV-Q%02d,2025-02-01,2025-02-28,%d,", i, i, i * 1000) + description + "\n"
        }
        let s = try db.importFile(.charges, try scratch.write("charges.csv", text))
        #expect(s.rowsRead == 11)
        #expect(s.rejected == 1)
        #expect(s.posted == 10)
        #expect(s.sampleRejects.first?.line == 6)
        #expect(s.sampleRejects.first?.reason.contains("quote") == true)
        #expect(try db.text("SELECT description FROM charges WHERE ref = 'INV-Q06'") == "Tagihan 6")
        #expect(try db.count("charges", where: "ref = 'INV-Q05'") == 0)
        #expect(try db.count("charges", where: "description LIKE '%INV-Q%'") == 0)
    }

    @Test func lastRowWithoutFinalNewlineIsRead() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let text = Self.chargesHeader + "A001,N-1,2025-01-01,2025-01-31,100,a\nA002,N-2,2025-01-01,2025-01-31,250.5,\"b\""
        let s = try db.importFile(.charges, try scratch.write("charges.csv", text))
        #expect(s.rowsRead == 2 && s.posted == 2 && s.rejected == 0)
        #expect(try db.int("SELECT amount FROM charges WHERE ref = 'N-2'") == 25_050)
        #expect(try db.text("SELECT description FROM charges WHERE ref = 'N-2'") == "b")
    }

    @Test func headerWithAnUnterminatedQuoteIsRefused() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let input = try scratch.write("charges.csv", "account_no,ref,\"issue_date,due_date,amount\nA001,INV-1,2025-01-01,2025-01-31,100\n")
        let error = try #require(throws: StoreError.self) { try db.importFile(.charges, input) }
        #expect(error.description.contains("unterminated quote"), "\(error.description)")
        #expect(try db.count("charges") == 0)
    }

    @Test func semicolonDelimiterIsDetected() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let charges = """
            account_no;ref;issue_date;due_date;amount;description
            A001;INV-1;2025-01-01;2025-01-31;1250000.50;Tagihan, Januari
            A002;INV-2;2025-01-01;2025-01-31;700000;"Tagihan; Februari"

            """
        let s = try db.importFile(.charges, try scratch.write("charges.csv", charges))
        #expect(s.posted == 2 && s.rejected == 0)
        #expect(try db.int("SELECT amount FROM charges WHERE ref = 'INV-1'") == 125_000_050)
        #expect(try db.text("SELECT description FROM charges WHERE ref = 'INV-1'") == "Tagihan, Januari")
        #expect(try db.text("SELECT description FROM charges WHERE ref = 'INV-2'") == "Tagihan; Februari")

        let payments = """
            account_no;ref;paid_on;amount;channel;invoice_ref
            A001;TRX-1;2025-02-10;1500000.00;BANK_TRANSFER;INV-1
            A002;TRX-2;2025-02-11;1000;QRIS;

            """
        let p = try db.importFile(.payments, try scratch.write("payments.csv", payments))
        #expect(p.posted == 2 && p.rejected == 0)
        #expect(try db.int("SELECT amount FROM credits WHERE ref = 'TRX-1'") == 150_000_000)
        #expect(try db.text("SELECT h.ref FROM credits c JOIN charges h ON h.id = c.charge_id WHERE c.ref = 'TRX-1'") == "INV-1")
        #expect(try db.int("SELECT charge_id FROM credits WHERE ref = 'TRX-2'") == nil)
    }

    @Test func forcedDelimiter() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let tsv = "account_no\tref\tissue_date\tdue_date\tamount\tdescription\n"
            + "A001\tINV-T1\t2025-01-01\t2025-01-31\t1000\tTagihan, satu; dua\n"
            + "A002\tINV-T2\t2025-01-01\t2025-01-31\t2000\t\n"
        let input = try scratch.write("charges.tsv", tsv)
        // Detected from the header (no comma or semicolon: comma) the header is one column.
        let error = try #require(throws: StoreError.self) { try db.importFile(.charges, input) }
        #expect(error.description.contains("lacks required column"))
        #expect(try db.count("charges") == 0)

        let s = try db.importFile(.charges, input, delimiter: UInt8(ascii: "\t"))
        #expect(s.posted == 2 && s.rejected == 0)
        #expect(try db.text("SELECT description FROM charges WHERE ref = 'INV-T1'") == "Tagihan, satu; dua")

        // Forcing a comma on a semicolon file refuses it (its header is one column).
        let semi = try scratch.write("semi.csv", "account_no;ref;issue_date;due_date;amount\nA001;INV-S1;2025-01-01;2025-01-31;5\n")
        #expect(throws: StoreError.self) { try db.importFile(.charges, semi, delimiter: UInt8(ascii: ",")) }
        #expect(try db.importFile(.charges, semi, delimiter: UInt8(ascii: ";")).posted == 1)
    }

    // MARK: headers

    @Test func headerIsCaseInsensitiveInAnyOrderWithUnknownColumnsIgnored() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let text = "AMOUNT,Due_Date,Extra Column, Ref , Account_No,ISSUE_DATE,notes\n"
            + "1250000.5,2025-03-31,whatever,INV-X,A003,2025-03-01,ignored\n"
        let s = try db.importFile(.charges, try scratch.write("charges.csv", text))
        #expect(s.posted == 1 && s.rejected == 0)
        let row = try #require(try db.writer.read { d in
            try Row.fetchOne(d, sql: """
                SELECT a.account_no, c.issue_date, c.due_date, c.amount, c.description
                FROM charges c JOIN accounts a ON a.id = c.account_id WHERE c.ref = 'INV-X'
                """)
        })
        #expect(row["account_no"] as String == "A003")
        #expect(row["issue_date"] as Int64 == Int64(Day(iso: "2025-03-01")!.ordinal))
        #expect(row["due_date"] as Int64 == Int64(Day(iso: "2025-03-31")!.ordinal))
        #expect(row["amount"] as Int64 == 125_000_050)
        #expect(row["description"] as String? == nil)
    }

    @Test(arguments: [
        ("account_no,ref,issue_date,due_date,description\n", "the header lacks required column amount for charges"),
        ("account_no,ref,issue_date,description\n", "the header lacks required columns due_date, amount for charges"),
        ("ref,issue_date,due_date,amount\n", "the header lacks required column account_no for charges"),
    ])
    func headerLackingARequiredColumnIsRefused(_ header: String, _ message: String) throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let input = try scratch.write("charges.csv", header + "A001,INV-1,2025-01-01,2025-01-31,100\n")
        let before = try db.tableCounts()
        let error = try #require(throws: StoreError.self) { try db.importFile(.charges, input) }
        #expect(error.description.contains(message), "\(error.description)")
        #expect(error.description.contains("charges.csv"))
        #expect(error.exitCode == 1)
        #expect(try db.tableCounts() == before)
        #expect(!scratch.exists("charges.csv.rejects.csv"))
    }

    @Test func headerRepeatingAColumnIsRefused() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let input = try scratch.write("charges.csv", "account_no,ref,issue_date,due_date,amount,REF\nA001,INV-1,2025-01-01,2025-01-31,100,INV-1\n")
        let before = try db.tableCounts()
        let error = try #require(throws: StoreError.self) { try db.importFile(.charges, input) }
        #expect(error.description.contains("repeats column ref"), "\(error.description)")
        #expect(try db.tableCounts() == before)
    }

    @Test(arguments: [("empty", ""), ("BOM only", "\u{FEFF}"), ("blank lines", "\n\r\n\n")])
    func emptyFileIsRefused(_ name: String, _ text: String) throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let input = try scratch.write("charges.csv", text)
        let before = try db.tableCounts()
        let error = try #require(throws: StoreError.self) { try db.importFile(.charges, input) }
        #expect(error.description.contains("empty"), "\(error.description)")
        #expect(try db.tableCounts() == before)
    }

    @Test func missingFileIsAnError() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let error = try #require(throws: StoreError.self) { try db.importFile(.charges, scratch.path("nope.csv")) }
        #expect(error.description.contains("nope.csv"))
        #expect(throws: StoreError.self) { try db.importFile(.charges, scratch.dir.path) }
    }

    @Test func headerOnlyPostsNothingWithoutError() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let input = try scratch.write("charges.csv", Self.chargesHeader)
        let s = try db.importFile(.charges, input)
        #expect(s.rowsRead == 0 && s.posted == 0 && s.duplicates == 0 && s.rejected == 0)
        #expect(!s.refused && !s.alreadyImported)
        #expect(s.rejectsPath == nil)
        #expect(!scratch.exists("charges.csv.rejects.csv"))
        #expect(try db.count("charges") == 0)
    }

    // MARK: idempotency

    @Test func duplicatesWithinAndAcrossFilesAreCountedNotPosted() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let first = Self.chargesHeader
            + "A001,INV-1,2025-01-01,2025-01-31,100,Tagihan\n"
            + "A001,INV-1,2025-01-01,2025-01-31,100,Tagihan\n"
            + "A002,INV-2,2025-01-01,2025-01-31,200,\n"
        let s1 = try db.importFile(.charges, try scratch.write("charges-1.csv", first))
        #expect(s1.rowsRead == 3 && s1.posted == 2 && s1.duplicates == 1 && s1.rejected == 0)

        // Reordered columns and spacing do not make a different charge.
        let second = "ref,account_no,amount,issue_date,due_date,description\n"
            + "INV-2,A002,200.00,2025-01-01,2025-01-31,\n"
            + "INV-1, A001 ,100,2025-01-01,2025-01-31,Tagihan\n"
            + "INV-3,A003,300,2025-01-01,2025-01-31,\n"
        let s2 = try db.importFile(.charges, try scratch.write("charges-2.csv", second))
        #expect(s2.rowsRead == 3 && s2.posted == 1 && s2.duplicates == 2 && s2.rejected == 0)
        #expect(try db.count("charges") == 3)
        #expect(try db.int("SELECT sum(amount) FROM charges") == 60_000)
        #expect(try db.failedChecks() == [])
    }

    @Test func reimportingTheSameFilePostsNothing() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let text = Self.chargesHeader + Self.goodCharges("INV", 5)
        let input = try scratch.write("charges.csv", text)
        let first = try db.importFile(.charges, input)
        #expect(first.posted == 5 && !first.alreadyImported)
        let after = try db.tableCounts()

        let again = try db.importFile(.charges, input)
        #expect(again.alreadyImported)
        #expect(again.posted == 0 && again.rowsRead == 0 && again.duplicates == 0)
        #expect(again.line.contains("already imported"))
        #expect(try db.tableCounts() == after)

        // The same bytes under another name are the same file.
        let copy = try scratch.write("charges-copy.csv", text)
        #expect(try db.importFile(.charges, copy).alreadyImported)
        #expect(try db.tableCounts() == after)

        // One byte more is a new file: its rows are duplicates, nothing is posted twice.
        let changed = try scratch.write("charges-changed.csv", text + "\n")
        let s = try db.importFile(.charges, changed)
        #expect(!s.alreadyImported && s.posted == 0 && s.duplicates == 5)
        #expect(try db.count("charges") == 5)
    }

    @Test func dryRunWritesNothingButTheRejectsFile() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let text = Self.chargesHeader + Self.goodCharges("INV", 10) + "A001,INV-X,2025-01-01,2025-01-31,-5,x\n"
        let input = try scratch.write("charges.csv", text)
        let before = try db.tableCounts()

        let dry = try db.importFile(.charges, input, dryRun: true)
        #expect(dry.dryRun)
        #expect(dry.rowsRead == 11 && dry.posted == 10 && dry.rejected == 1 && !dry.refused)
        #expect(dry.batchID == nil)
        #expect(dry.line.hasPrefix("dry run"))
        #expect(dry.line == "dry run, nothing written: \(input): 11 rows read, 10 would post, 0 duplicates, 1 rejected (see \(input).rejects.csv)")
        #expect(try db.tableCounts() == before)
        #expect(try LedgerReports(db).aging(asOf: Fixture.today, by: .none).total.accounts == 0)
        let rejects = try #require(scratch.read("charges.csv.rejects.csv"))
        #expect(rejects.hasPrefix("line,reason,raw\n12,amount: bad amount -5"))

        // The dry run did not record the file: the real import posts it.
        let real = try db.importFile(.charges, input)
        #expect(!real.alreadyImported && real.posted == 10 && real.rejected == 1)
        #expect(try db.count("charges") == 10)
    }

    // MARK: refusal threshold

    @Test func moreThanTenPercentRejectedRefusesTheFile() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let text = Self.chargesHeader + Self.goodCharges("INV", 8)
            + "A001,BAD-1,2025-01-01,2025-01-31,0,x\n"
            + "A001,BAD-2,2025-02-30,2025-01-31,5,x\n"
        let input = try scratch.write("charges.csv", text)
        let before = try db.tableCounts()
        let s = try db.importFile(.charges, input)
        #expect(s.refused)
        #expect(s.rowsRead == 10 && s.rejected == 2)
        #expect(s.line.contains("refused"))
        #expect(try db.tableCounts() == before)
        let rejects = try #require(scratch.read("charges.csv.rejects.csv"))
        #expect(rejects.split(separator: "\n").map { String($0.prefix(3)) } == ["lin", "10,", "11,"])
        // Refused again on a second try: a refused file was not recorded.
        let again = try db.importFile(.charges, input)
        #expect(again.refused && !again.alreadyImported)
        #expect(try db.count("charges") == 0)
    }

    @Test func exactlyTenPercentRejectedStillPosts() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let text = Self.chargesHeader + Self.goodCharges("INV", 9) + "Z999,BAD-1,2025-01-01,2025-01-31,5,x\n"
        let s = try db.importFile(.charges, try scratch.write("charges.csv", text))
        #expect(!s.refused)
        #expect(s.rowsRead == 10 && s.posted == 9 && s.rejected == 1)
        #expect(try db.count("charges") == 9)
        #expect(scratch.exists("charges.csv.rejects.csv"))
    }

    @Test func thresholdIsConfigurable() throws {
        let scratch = try Scratch()
        var settings = Settings()
        settings.rejectThresholdBasisPoints = 0
        let db = try Fixture.ledger(settings: settings)
        try db.importFile(.accounts, try scratch.write("a.csv", "account_no,name\nA001,Budi\n"))
        let text = Self.chargesHeader + Self.goodCharges("INV", 99) + "A001,BAD,2025-01-01,2025-01-31,0,x\n"
        #expect(try db.importFile(.charges, try scratch.write("c.csv", text)).refused)
        #expect(try db.count("charges") == 0)
    }

    // MARK: accounts

    @Test func laterAccountRowsUpdateTheAccount() throws {
        let scratch = try Scratch()
        let db = try Fixture.ledger()
        let first = "account_no,name,phone,timezone,segment,collector\n"
            + "A001,Budi,0811,Asia/Jakarta,RETAIL,col01\n"
            + "A001,Budi Santoso,0811,Asia/Jakarta,RETAIL,col01\n"      // a later row updates
            + "A001,Budi Santoso,0811,Asia/Jakarta,RETAIL,col01\n"      // identical: duplicate
            + "A002,Siti,,,SME,\n"
        let s = try db.importFile(.accounts, try scratch.write("accounts-1.csv", first))
        #expect(s.rowsRead == 4 && s.posted == 3 && s.duplicates == 1)
        #expect(try db.count("accounts") == 2)
        #expect(try db.text("SELECT name FROM accounts WHERE account_no = 'A001'") == "Budi Santoso")
        #expect(try db.text("SELECT timezone FROM accounts WHERE account_no = 'A002'") == "Asia/Jakarta") // the default
        #expect(try db.text("SELECT collector FROM accounts WHERE account_no = 'A002'") == nil)

        // A later file: same row is a duplicate; a changed collector is an update.
        let second = "account_no,name,phone,timezone,segment,collector\n"
            + "A001,Budi Santoso,0811,Asia/Jakarta,RETAIL,col01\n"
            + "A002,Siti,,Asia/Jakarta,SME,col02\n"
        let s2 = try db.importFile(.accounts, try scratch.write("accounts-2.csv", second))
        #expect(s2.posted == 1 && s2.duplicates == 1)
        #expect(try db.text("SELECT collector FROM accounts WHERE account_no = 'A002'") == "col02")

        // A column the file lacks keeps the current value, and so does a
        // present empty one (a duplicate when nothing else changed); `-` clears it.
        let third = "account_no,name\nA001,Budi S.\n"
        #expect(try db.importFile(.accounts, try scratch.write("accounts-3.csv", third)).posted == 1)
        #expect(try db.text("SELECT phone FROM accounts WHERE account_no = 'A001'") == "0811")
        #expect(try db.text("SELECT collector FROM accounts WHERE account_no = 'A001'") == "col01")
        let fourth = "account_no,name,phone\nA001,Budi S.,\n"
        let s4 = try db.importFile(.accounts, try scratch.write("accounts-4.csv", fourth))
        #expect(s4.posted == 0 && s4.duplicates == 1)
        #expect(try db.text("SELECT phone FROM accounts WHERE account_no = 'A001'") == "0811")
        let fifth = "account_no,name,phone\nA001,Budi S.,-\n"
        #expect(try db.importFile(.accounts, try scratch.write("accounts-5.csv", fifth)).posted == 1)
        #expect(try db.text("SELECT phone FROM accounts WHERE account_no = 'A001'") == nil)
        #expect(try db.text("SELECT name FROM accounts WHERE account_no = 'A001'") == "Budi S.")
    }

    /// Issue 13 item 9: a later row with empty timezone, collector or phone
    /// used to reset the zone to the default, unassign the account and erase
    /// the phone (a debtor in WIT could then be called until 21:59 local).
    /// Empty leaves a field as it is; exactly `-` clears it, with the phone
    /// search keys and the name index kept in step.
    @Test func emptyAccountFieldsKeepTheStoredValueAndDashClearsThem() throws {
        let scratch = try Scratch()
        let db = try Fixture.ledger()
        let header = "account_no,name,phone,email,address,timezone,segment,collector\n"
        let first = header + "A001,Yohanes Rumbiak,0812-3456-7890,y@example.id,Jl. Biak 1,Asia/Jayapura,SME,col01\n"
        #expect(try db.importFile(.accounts, try scratch.write("accounts-1.csv", first)).posted == 1)
        func row() throws -> [String?] {
            try db.writer.read { db in
                let r = try #require(try Row.fetchOne(db, sql: "SELECT name, phone, email, address, timezone, segment, collector FROM accounts WHERE account_no = 'A001'"))
                return (0..<7).map { r[$0] as String? }
            }
        }
        let full: [String?] = ["Yohanes Rumbiak", "0812-3456-7890", "y@example.id", "Jl. Biak 1", "Asia/Jayapura", "SME", "col01"]
        #expect(try row() == full)

        // Every optional field empty: nothing changes, and the row is a duplicate, not a conflict.
        let empty = header + "A001,Yohanes Rumbiak,,,,,,\n"
        let s2 = try db.importFile(.accounts, try scratch.write("accounts-2.csv", empty))
        #expect(s2.posted == 0 && s2.duplicates == 1 && s2.rejected == 0)
        #expect(try row() == full)

        // A new name with empty fields: the name changes, the rest stays.
        let renamed = header + "A001,Yohanes R.,,,,,,\n"
        #expect(try db.importFile(.accounts, try scratch.write("accounts-3.csv", renamed)).posted == 1)
        #expect(try row() == ["Yohanes R."] + full.dropFirst())

        // `-` clears: the zone goes back to the default, the account is unassigned, the phone erased.
        let cleared = header + "A001,Yohanes R.,-,-,-,-,-,-\n"
        #expect(try db.importFile(.accounts, try scratch.write("accounts-4.csv", cleared)).posted == 1)
        #expect(try row() == ["Yohanes R.", nil, nil, nil, "Asia/Jakarta", nil, nil])
        #expect(try db.count("account_phones") == 0)
        // A new account with `-` fields takes no value (and the default zone).
        let fresh = header + "A002,Siti,-,,-,-,-,-\n"
        #expect(try db.importFile(.accounts, try scratch.write("accounts-5.csv", fresh)).posted == 1)
        #expect(try db.text("SELECT coalesce(phone, 'none') || '/' || timezone || '/' || coalesce(collector, 'none') FROM accounts WHERE account_no = 'A002'")
            == "none/Asia/Jakarta/none")
        #expect(try db.failedChecks() == [])
    }

    // MARK: rejects file life cycle

    @Test func staleRejectsFileIsRemovedByACleanImport() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let good = Self.chargesHeader + Self.goodCharges("INV", 10)
        let input = try scratch.write("charges.csv", good + "A001,INV-11,2025-01-01,2025-01-31,1.234,x\n")
        let s1 = try db.importFile(.charges, input)
        #expect(s1.rejected == 1 && s1.posted == 10)
        #expect(scratch.exists("charges.csv.rejects.csv"))

        try scratch.write("charges.csv", good + "A001,INV-11,2025-01-01,2025-01-31,1.23,x\n")
        let s2 = try db.importFile(.charges, input)
        #expect(s2.rejected == 0 && s2.posted == 1 && s2.duplicates == 10)
        #expect(s2.rejectsPath == nil)
        #expect(!scratch.exists("charges.csv.rejects.csv"))
        #expect(try db.int("SELECT amount FROM charges WHERE ref = 'INV-11'") == 123)
    }

    @Test func noRejectsFileWhenNothingIsRejected() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let s = try db.importFile(.charges, try scratch.write("charges.csv", Self.chargesHeader + Self.goodCharges("INV", 3)))
        #expect(s.rejected == 0 && s.rejectsPath == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.dir.path).sorted() == ["accounts-base.csv", "charges.csv"])
    }

    // MARK: identities

    @Test func paymentIdentityIsChannelAndRef() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.importFile(.charges, try scratch.write("charges.csv", Self.chargesHeader + "A001,INV-1,2025-01-01,2025-01-31,1000,x\n"))
        let payments = "account_no,ref,paid_on,amount,channel,invoice_ref\n"
            + "A001,TRX-1,2025-02-01,100,VA,\n"
            + "A001,TRX-1,2025-02-01,100,QRIS,\n"             // same ref, another channel: another payment
            + "A001,TRX-1,2025-02-01,100,VA,\n"               // same channel and ref, same content: duplicate
            + "A001,TRX-1,2025-02-02,100,VA,\n"               // same identity, other content: conflict
            + (1...10).map { "A002,F-\($0),2025-02-01,1,VA,\n" }.joined()
        let s = try db.importFile(.payments, try scratch.write("payments.csv", payments), dryRun: false)
        #expect(s.rowsRead == 14)
        #expect(s.posted == 12 && s.duplicates == 1 && s.rejected == 1)
        #expect(try db.writer.read { d in try String.fetchAll(d, sql: "SELECT channel FROM credits WHERE ref = 'TRX-1' ORDER BY channel") } == ["QRIS", "VA"])
        #expect(s.sampleRejects.first?.reason == "conflicts with payment VA/TRX-1 already posted with a different date")
        let a = try LedgerReports(db).account("A001", asOf: Fixture.today)
        #expect(a.position.balance == Money(minor: 100_000 - 20_000))
    }

    @Test func chargeRefConflictAcrossFiles() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.importFile(.charges, try scratch.write("c1.csv", Self.chargesHeader + "A001,INV-1,2025-01-01,2025-01-31,1000,x\n"))
        let s = try db.importFile(.charges, try scratch.write("c2.csv", Self.chargesHeader + Self.goodCharges("G", 10)
            + "A002,INV-1,2025-01-01,2025-02-28,1000,x\n"))
        #expect(s.rejected == 1)
        #expect(s.sampleRejects.first?.reason == "conflicts with charge INV-1 already posted with a different account_no, due_date")
        #expect(try db.text("SELECT a.account_no FROM charges c JOIN accounts a ON a.id = c.account_id WHERE c.ref = 'INV-1'") == "A001")
    }
}
