import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// Import files as an attacker or a bad night makes them (issue 15 items 1,
/// 2, 4, 5, 6): CR-only line ends, control characters in every column, fields
/// past the limits, values that would flood a message, a full disk.
@Suite struct ImportHostileFileTests {
    /// A ledger with accounts A1 and A2 that refuses no file for its share
    /// of rejects (these files are mostly bad rows on purpose).
    static func ledger(_ scratch: Scratch, settings: Settings = Settings()) throws -> AppDatabase {
        var settings = settings
        settings.rejectThresholdBasisPoints = 10_000
        let db = try Fixture.ledger(settings: settings)
        let s = try db.importFile(.accounts, try scratch.write("accounts.csv", "account_no,name\nA1,Satu\nA2,Dua\n"))
        #expect(s.posted == 2)
        return db
    }

    /// A payments file with bare CR line ends whose last column is optional:
    /// the whole file was read as its header, the import "posted" 0 rows and
    /// the nightly archived it. Now every row posts.
    @Test func aCROnlyPaymentsFilePostsItsRows() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let path = try scratch.write("payments-cr.csv", "account_no,ref,paid_on,amount,channel,invoice_ref\rA1,T1,2025-06-01,100,VA,\rA2,T2,2025-06-02,200,VA,\r")
        let s = try db.importFile(.payments, path)
        #expect(s.rowsRead == 2 && s.posted == 2 && s.rejected == 0)
        #expect(try db.count("credits") == 2)
        #expect(try db.failedChecks() == [])
    }

    /// The check behind "a file that has bytes after its header but yields no
    /// row is never posted": it reads what follows the header.
    @Test func contentAfterTheHeaderIsFound() throws {
        let scratch = try Scratch()
        #expect(try Importer.hasContent(try scratch.write("a.csv", "h\n\r\n\r"), after: 2) == false)
        #expect(try Importer.hasContent(try scratch.write("b.csv", "h\n\r\nx"), after: 2) == true)
    }

    /// Every column of every kind refuses NUL, ESC and C1 controls: the row
    /// is rejected naming the column, nothing reaches the ledger (a NUL in a
    /// phone failed the search-index check before issue 8) and `check` passes.
    @Test(arguments: ImportKind.allCases) func everyColumnRefusesControlCharacters(kind: ImportKind) throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let columns = kind.required + kind.optional
        var text = columns.joined(separator: ",") + "\n"
        var expected: [String] = []
        var line = 1
        for (i, column) in columns.enumerated() {
            for bad in ["\u{0}", "\u{1B}", "\u{85}"] {
                line += 1
                text += columns.indices.map { $0 == i ? "a\(bad)b" : "x" }.joined(separator: ",") + "\n"
                let code = bad == "\u{0}" ? "U+0000" : bad == "\u{1B}" ? "U+001B" : "U+0085"
                expected.append("\(line):\(column): holds a control character (\(code)); text fields take no control characters other than tab")
            }
        }
        let path = try scratch.write("\(kind.rawValue)-ctl.csv", text)
        let s = try db.importFile(kind, path)
        #expect(s.posted == 0 && s.rejected == expected.count)
        let rejects = try #require(scratch.read("\(kind.rawValue)-ctl.csv.rejects.csv"))
        let reasons = rejects.split(separator: "\n").dropFirst().map { row -> String in
            let parts = row.split(separator: ",", maxSplits: 1)
            let reason = parts[1].hasPrefix("\"") ? String(parts[1].dropFirst().prefix { $0 != "\"" }) : String(parts[1].prefix { $0 != "," })
            return "\(parts[0]):\(reason)"
        }
        #expect(reasons == expected)
        #expect(try db.failedChecks() == [])
        #expect(try db.count("accounts") == 2)
    }

    /// Fields past the limits (rules `import.max_text_bytes`,
    /// `import.max_code_bytes`) reject the row naming the field and the limit;
    /// at the limit they post. Before, any length posted.
    @Test func fieldsPastTheLimitsRejectTheRow() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let name4096 = String(repeating: "n", count: 4096)
        let ref64 = String(repeating: "R", count: 64)
        var accounts = "account_no,name,address\n"
        accounts += "B1,\(name4096),Jl. 1\n"
        accounts += "B2,\(name4096)n,Jl. 2\n"
        accounts += "\(ref64)X,Tiga,Jl. 3\n"
        accounts += "B4,Empat,\"\(String(repeating: "a\n", count: 3000))\"\n"
        let s = try db.importFile(.accounts, try scratch.write("accounts-long.csv", accounts))
        #expect(s.rowsRead == 4 && s.posted == 1)
        #expect(s.sampleRejects.map { "\($0.0) \($0.1)" } == [
            "3 name: longer than 4096 bytes (import.max_text_bytes)",
            "4 account_no: longer than 64 bytes (import.max_code_bytes)",
            "5 address: longer than 4096 bytes (import.max_text_bytes)",
        ])
        let charges = "account_no,ref,issue_date,due_date,amount\nA1,\(ref64),2025-06-01,2025-06-30,100\nA1,\(ref64)X,2025-06-01,2025-06-30,100\n"
        let c = try db.importFile(.charges, try scratch.write("charges-long.csv", charges))
        #expect(c.posted == 1 && c.sampleRejects.map(\.1) == ["ref: longer than 64 bytes (import.max_code_bytes)"])
        #expect(try db.failedChecks() == [])
    }

    /// The limits are the ledger's rules: a ledger with smaller ones holds rows to them.
    @Test func theLimitsAreRules() throws {
        let scratch = try Scratch()
        var settings = Settings()
        settings.rules.importLimits = ImportLimits(textBytes: 10, codeBytes: 4)
        let db = try Self.ledger(scratch, settings: settings)
        let s = try db.importFile(.accounts, try scratch.write("a2.csv", "account_no,name\nA3,Sepuluh 10\nA4,Sebelas 11!\nA5555,Lima\n"))
        #expect(s.posted == 1)
        #expect(s.sampleRejects.map(\.1) == ["name: longer than 10 bytes (import.max_text_bytes)", "account_no: longer than 4 bytes (import.max_code_bytes)"])
    }

    /// A reject message names a value cut to 40 characters, on one line (a
    /// header label holding a line end shows it as `\n`); the rejects file
    /// keeps the row's raw bytes exactly and its reason column is quoted CSV.
    /// Before, the whole value was echoed and a label broke the line.
    @Test func rejectMessagesCutValuesAndStayOneLine() throws {
        let scratch = try Scratch()
        var settings = Settings()
        settings.rules.importLimits = ImportLimits(textBytes: 4096, codeBytes: 4096)
        let db = try Self.ledger(scratch, settings: settings)
        let amount = "x" + String(repeating: "9", count: 2000)
        let text = "account_no,ref,issue_date,due_date,amount,\"no\nte\"\nA1,C1,2025-06-01,2025-06-30,100,a\u{1B}b\nA1,C2,2025-06-01,2025-06-30,\(amount),\n"
        let s = try db.importFile(.charges, try scratch.write("charges-msg.csv", text))
        #expect(s.rejected == 2)
        let nines = "x" + String(repeating: "9", count: 39)
        #expect(s.sampleRejects.map { "\($0.0) \($0.1)" } == [
            #"3 no\nte: holds a control character (U+001B); text fields take no control characters other than tab"#,
            "4 amount: bad amount \(nines)… (expected digits with an optional '.' and at most 2 decimals)",
        ])
        let rejects = try #require(scratch.read("charges-msg.csv.rejects.csv"))
        #expect(rejects == "line,reason,raw\n"
            + #"3,no\nte: holds a control character (U+001B); text fields take no control characters other than tab,"A1,C1,2025-06-01,2025-06-30,100,a"# + "\u{1B}b\"\n"
            + "4,amount: bad amount \(nines)… (expected digits with an optional '.' and at most 2 decimals),\"A1,C2,2025-06-01,2025-06-30,\(amount),\"\n")
    }

    /// A rejects file that fails like a full disk: written through a real
    /// private file that refuses its second write.
    final class FullDisk: RejectsSink {
        let file: PrivateFile
        var writes = 0
        init(_ path: String) throws(PrivateFileError) { file = try PrivateFile(path: path) }
        func append(_ bytes: [UInt8]) throws(PrivateFileError) {
            writes += 1
            if writes > 1 { throw PrivateFileError(path: file.path, problem: .diskFull) }
            try file.append(bytes)
        }
        func commit() throws(PrivateFileError) { try file.commit() }
        func discard() { file.discard() }
    }

    /// A full disk while writing a rejects file is a refusal sentence, never
    /// a crash: nothing posted, no temporary file left; in the nightly the
    /// other files still post and the run is logged.
    @Test func aFullDiskWritingRejectsRefusesTheFileAndTheNightlyGoesOn() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let inbox = scratch.path("inbox")
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
        var charges = "account_no,ref,issue_date,due_date,amount\nZ9,X1,2025-06-01,2025-06-30,5\n"
        for i in 1...10 { charges += "A1,J\(i),2025-06-01,2025-06-30,1000\n" }
        try scratch.write("inbox/charges-1.csv", charges)
        try scratch.write("inbox/payments-1.csv", "account_no,ref,paid_on,amount,channel\nA1,P1,2025-06-20,5,VA\n")
        var said: [String] = []
        let run = try RejectsWriter.$open.withValue({ path in try FullDisk(path) }) {
            try Nightly(db).run(inbox: inbox, dryRun: false, session: Fixture.session) { said.append($0) }
        }
        let charged = try #require(run.files.first)
        // (The sentence shortens a long path in the middle.)
        #expect(charged.refusal?.hasPrefix("importing \(inbox)/charges-1.csv failed, nothing posted: cannot write ") == true)
        #expect(charged.refusal?.hasSuffix(": the disk is full; nothing was written") == true)
        #expect(said.first == "charges-1.csv: refused: \(charged.refusal!)")
        #expect(run.files.count == 2 && run.files[1].refusal == nil && run.files[1].summary?.posted == 1)
        #expect(try db.count("charges") == 0 && db.count("credits") == 1)
        // The charges file stays for the next night; no temporary or rejects file is left.
        let left = try FileManager.default.contentsOfDirectory(atPath: inbox).filter { $0 != ".tagih-nightly.lock" }.sorted()
        #expect(left == ["archive", "charges-1.csv"])
        #expect(try ContactReports(db).nightlyRuns(limit: 1).first?.files == 2)
    }
}
