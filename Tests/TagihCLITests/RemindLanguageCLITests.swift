import Foundation
import Testing

/// Every sentence of `tagih remind` in the reader's language (issue 18):
/// the usage error, the out folder's failures (the system's own words kept
/// as a detail), a results file's bad rows and its summary, pause and
/// resume; the English is the wording scripts read and stays as it was.
@Suite(.serialized) struct RemindLanguageCLITests {
    /// The ledger of `RemindCLITests`, read as a person whose LANG is `lang`.
    static func ledger(_ lang: String) throws -> TagihRunner {
        var t = try RemindCLITests.ledger()
        t.environment["LANG"] = lang
        return t
    }

    static let english = "C.UTF-8", indonesian = "id_ID.UTF-8"

    func expectRefused(_ t: TagihRunner, _ args: [String], exit: Int32, _ stderr: String,
                       sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try t.run(args)
        #expect(r.status == exit, "exit \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr == stderr, sourceLocation: sourceLocation)
        #expect(r.stdout == "", sourceLocation: sourceLocation)
    }

    @Test func remindWithoutOutIsAUsageErrorInBothLanguages() throws {
        var t = try Self.ledger(Self.english)
        defer { t.cleanup() }
        try expectRefused(t, ["remind"], exit: 2, "tagih: tagih remind needs --out DIR\n")
        t.environment["LANG"] = Self.indonesian
        try expectRefused(t, ["remind"], exit: 2, "tagih: tagih remind memerlukan --out DIR\n")
        // The person's config decides over LANG, as for every other line of the command.
        t.environment["LANG"] = Self.english
        try t.write("config/tagih.toml", "[ui]\nlanguage = \"id\"\n")
        try expectRefused(t, ["remind"], exit: 2, "tagih: tagih remind memerlukan --out DIR\n")
    }

    @Test func anOutPathThatIsAFileIsRefusedInBothLanguages() throws {
        var t = try Self.ledger(Self.english)
        defer { t.cleanup() }
        try t.write("out.txt", "not a folder\n")
        try expectRefused(t, ["remind", "--out", "out.txt"], exit: 1, "tagih: out.txt is not a folder\n")
        t.environment["LANG"] = Self.indonesian
        try expectRefused(t, ["remind", "--out", "out.txt"], exit: 1, "tagih: out.txt bukan folder\n")
        #expect(try t.read("out.txt") == "not a folder\n")
    }

    @Test func anOutFolderThatCannotBeMadeKeepsTheSystemsWords() throws {
        var t = try Self.ledger(Self.english)
        defer { t.cleanup() }
        // A parent that does not exist fails even for root.
        try expectRefused(t, ["remind", "--out", "nowhere/out"], exit: 1,
                          "tagih: cannot make the folder nowhere/out: No such file or directory\n")
        t.environment["LANG"] = Self.indonesian
        try expectRefused(t, ["remind", "--out", "nowhere/out"], exit: 1,
                          "tagih: tidak dapat membuat folder nowhere/out: No such file or directory\n")
    }

    @Test(.enabled(if: getuid() != 0, "root may make a folder in a read-only one"))
    func anOutFolderInAReadOnlyParentIsRefusedInBothLanguages() throws {
        var t = try Self.ledger(Self.english)
        defer {
            chmod(t.path("locked"), 0o755)
            t.cleanup()
        }
        try FileManager.default.createDirectory(atPath: t.path("locked"), withIntermediateDirectories: false)
        #expect(chmod(t.path("locked"), 0o555) == 0)
        try expectRefused(t, ["remind", "--out", "locked/out"], exit: 1,
                          "tagih: cannot make the folder locked/out: Permission denied\n")
        t.environment["LANG"] = Self.indonesian
        try expectRefused(t, ["remind", "--out", "locked/out"], exit: 1,
                          "tagih: tidak dapat membuat folder locked/out: Permission denied\n")
    }

    @Test func aFileThatCannotBeWrittenNamesItsStepInBothLanguages() throws {
        var t = try Self.ledger(Self.english)
        defer { t.cleanup() }
        // The day's SMS file's name taken by a folder: the finished file cannot be renamed onto it.
        try t.write("out/sms-2026-11-16.csv/keep", "")
        try expectRefused(t, ["remind", "--out", "out"], exit: 1,
                          "tagih: cannot write out/sms-2026-11-16.csv: rename: Is a directory\n")
        t.environment["LANG"] = Self.indonesian
        try expectRefused(t, ["remind", "--out", "out"], exit: 1,
                          "tagih: tidak dapat menulis out/sms-2026-11-16.csv: mengganti nama: Is a directory\n")
        // Nothing half-written is left beside it.
        let left = try FileManager.default.contentsOfDirectory(atPath: t.path("out")).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty)
    }

    @Test func resultsFilesBadRowsAndSummaryInBothLanguages() throws {
        var t = try Self.ledger(Self.english)
        defer { t.cleanup() }
        try t.ok("remind", "--out", "out")
        try t.write("quote.csv", "message_id,status,at\n1,\"read,2026-11-16T10:01:00+07:00\n")
        try t.write("control.csv", "message_id,status,at\n1,read\u{7},2026-11-16T10:01:00+07:00\n")
        // A field longer than the reader keeps was once taken as empty ("missing").
        try t.write("long.csv", "message_id,status,at\n1,\(String(repeating: "x", count: 2 << 20)),2026-11-16T10:01:00+07:00\n")
        try t.write("good.csv", "message_id,status,at\n1,delivered,2026-11-16T10:01:00+07:00\n2,read,2026-11-16T10:05:00+07:00\n")
        try t.write("again.csv", "message_id,status,at\n1,delivered,2026-11-16T10:01:00+07:00\n3,failed,2026-11-16T10:06:00+07:00\n")

        // Each bad file: the English sentence, then the Indonesian one.
        let refused: [(file: String, en: String, id: String)] = [
            ("quote.csv", "quote.csv line 2: unterminated quote", "quote.csv baris 2: tidak dapat dibaca (unterminated quote)"),
            ("control.csv", "control.csv line 2: status holds a control character (U+0007); text fields take no control characters other than tab",
             "control.csv baris 2: status berisi karakter kontrol (U+0007); kolom teks hanya menerima tab, tidak karakter kontrol lain"),
            ("missing.csv", "cannot read missing.csv: no such file or it is not readable",
             "tidak dapat membaca missing.csv: berkasnya tidak ada atau tidak dapat dibaca"),
            ("long.csv", "long.csv line 2, field status: longer than 1048576 bytes", "long.csv baris 2, kolom status: lebih panjang dari 1048576 bita"),
        ]
        for r in refused { try expectRefused(t, ["remind", "results", r.file], exit: 1, "tagih: \(r.en)\n") }
        #expect(try t.ok("remind", "results", "good.csv") == "results good.csv: 2 rows, 2 recorded, 0 already recorded\n")

        t.environment["LANG"] = Self.indonesian
        for r in refused { try expectRefused(t, ["remind", "results", r.file], exit: 1, "tagih: \(r.id)\n") }
        #expect(try t.ok("remind", "results", "again.csv") == "results again.csv: 2 baris, 1 dicatat, 1 sudah tercatat\n")
    }

    @Test func pauseAndResumeBothWaysInBothLanguages() throws {
        var t = try Self.ledger(Self.english)
        defer { t.cleanup() }
        #expect(try t.ok("remind", "pause", "SP2") == "stage SP2 paused from 2026-11-16\n")
        #expect(try t.ok("remind", "pause", "SP2") == "stage SP2 is already paused; nothing changed\n")
        #expect(try t.ok("remind", "resume", "SP2") == "stage SP2 resumed from 2026-11-16\n")
        #expect(try t.ok("remind", "resume", "SP2") == "stage SP2 is not paused; nothing changed\n")
        t.environment["LANG"] = Self.indonesian
        #expect(try t.ok("remind", "pause", "pre-due") == "tahap pre-due dijeda mulai 2026-11-16\n")
        #expect(try t.ok("remind", "pause", "pre-due") == "tahap pre-due sudah dijeda; tidak ada yang berubah\n")
        #expect(try t.ok("remind", "resume", "pre-due") == "tahap pre-due dilanjutkan mulai 2026-11-16\n")
        #expect(try t.ok("remind", "resume", "pre-due") == "tahap pre-due tidak sedang dijeda; tidak ada yang berubah\n")
    }
}
