import Foundation
import Testing

/// `tagih remind` on PostgreSQL through the store's seam (CONTRACT §10,
/// §12, R13–R16, R21): a demo ledger is copied with `migrate`, the same
/// commands run on the file and on the database, and every answer (stdout,
/// stderr, exit), every file written (gateway CSVs and letter PDFs, byte
/// for byte), every row recorded (with its seals in the audit trail) and
/// `check` must agree. Two runs at once on the server record each message once.
@Suite struct PostgresRemindCLITests {
    typealias PG = PostgresInitCLITests
    typealias Lite = PostgresMigrateCLITests
    typealias Cases = PostgresCasesCLITests
    typealias Channels = PostgresChannelsCLITests
    typealias Outcome = PostgresReadingCLITests.Outcome

    /// The rows the reminder commands write, ordered, as sqlite3 and psql
    /// print them (the audit's wall-clock `at` and the hashes over it left out;
    /// its `seals` kept: the message tables are sealed by their writer).
    static let dumps = [
        "SELECT * FROM messages ORDER BY id", "SELECT * FROM message_stages ORDER BY stage, charge_id",
        "SELECT * FROM message_results ORDER BY id", "SELECT * FROM stage_pauses ORDER BY id",
        "SELECT * FROM contacts ORDER BY id",
        "SELECT id, business_day, actor, real_user, action, subject, detail, seals FROM audit ORDER BY id",
    ]

    static func sameRows(_ name: String, _ file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for sql in dumps {
            #expect(try PG.psql(name, sql) == Lite.sqlite(file, sql), "\(sql)", sourceLocation: sourceLocation)
        }
    }

    /// Every file under `folder` (relative path → bytes); empty when there is no folder.
    static func tree(_ t: TagihRunner, _ folder: String) throws -> [String: Data] {
        let base = t.path(folder)
        var out: [String: Data] = [:]
        guard let walk = FileManager.default.enumerator(atPath: base) else { return out }
        for case let rel as String in walk {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: base + "/" + rel, isDirectory: &isFolder)
            if !isFolder.boolValue { out[rel] = try Data(contentsOf: URL(fileURLWithPath: base + "/" + rel)) }
        }
        return out
    }

    static func outcome(_ t: TagihRunner, _ db: String, _ args: [String], environment: [String: String] = [:]) throws -> Outcome {
        var t = t
        t.environment = Cases.environment.merging(environment) { $1 }
        let r = try t.runRaw(["--db", db] + args, acting: false)
        return Outcome(status: r.status, stdout: r.stdout.replacingOccurrences(of: db, with: "LEDGER"),
                       stderr: r.stderr.replacingOccurrences(of: db, with: "LEDGER"))
    }

    /// Runs `args` on the file, then on the database, each into a fresh
    /// `out` folder: the same answer and the same files, byte for byte
    /// (the folder is left as the database's run made it).
    @discardableResult
    static func same(_ t: TagihRunner, _ file: String, _ uri: String, _ args: [String], status: Int32, out: String = "out",
                     environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> (Outcome, [String: Data]) {
        var results: [(Outcome, [String: Data])] = []
        for db in [file, uri] {
            try? FileManager.default.removeItem(atPath: t.path(out))
            let o = try outcome(t, db, args, environment: environment)
            results.append((o, try tree(t, out)))
        }
        let (onFile, fileTree) = results[0], (onServer, serverTree) = results[1]
        #expect(onServer == onFile, "tagih \(args.joined(separator: " "))", sourceLocation: sourceLocation)
        #expect(onFile.status == status, "\(args): \(onFile)", sourceLocation: sourceLocation)
        #expect(serverTree.keys.sorted() == fileTree.keys.sorted(), "\(args): files", sourceLocation: sourceLocation)
        for (path, bytes) in fileTree {
            #expect(serverTree[path] == bytes, "\(args): \(path) differs", sourceLocation: sourceLocation)
        }
        return (onFile, fileTree)
    }

    /// `remind …: N messages sent` → N.
    static func sent(_ stdout: String) -> Int? {
        guard let line = stdout.split(separator: "\n").last(where: { $0.hasPrefix("remind 2026-") }),
              let colon = line.firstIndex(of: ":") else { return nil }
        return Int(line[line.index(after: colon)...].split(separator: " ").first ?? "")
    }

    @Test(.enabled(if: PG.server != nil))
    func runsResultsAndPausesAnswerAndWriteTheSameOnBothBackends() throws {
        let t = try Channels.runner()
        defer { t.cleanup() }
        let (file, collector) = try Channels.demo(t, accounts: 80)
        let indonesian = ["LANG": "id_ID.UTF-8"]
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, file, to: uri)

            // A dry run: the counts, nothing recorded, no folder.
            let (dry, dryFiles) = try Self.same(t, file, uri, ["remind", "--out", "out", "--dry-run"], status: 0)
            #expect(dry.stdout.hasSuffix(" messages would be sent (dry run: nothing recorded or written)\n"), "\(dry)")
            let wouldSend = Self.sent(dry.stdout) ?? 0
            #expect(wouldSend > 10, "\(dry)")
            #expect(dryFiles.isEmpty)
            #expect(try PG.psql(name, "SELECT count(*) FROM messages") == "0")

            // Refusals, in both languages: no --out (usage), a collector may not send.
            let noOut = try Self.same(t, file, uri, ["remind"], status: 2).0
            let noOutID = try Self.same(t, file, uri, ["remind"], status: 2, environment: indonesian).0
            #expect(noOut.stderr.hasPrefix("tagih: ") && noOutID.stderr.hasPrefix("tagih: ") && noOut.stderr != noOutID.stderr, "\(noOut) \(noOutID)")
            let refused = try Self.same(t, file, uri, ["--as", collector, "remind", "--out", "out"], status: 1).0
            let refusedID = try Self.same(t, file, uri, ["--as", collector, "remind", "--out", "out"], status: 1, environment: indonesian).0
            #expect(refused.stderr.hasPrefix("tagih: ") && refusedID.stderr.hasPrefix("tagih: ") && refused.stderr != refusedID.stderr,
                    "\(refused) \(refusedID)")

            // The run: the same lines, the same gateway files and letters, byte for byte.
            let (run, files) = try Self.same(t, file, uri, ["remind", "--out", "out"], status: 0)
            #expect(Self.sent(run.stdout) == wouldSend, "\(run)")
            #expect(run.stdout.hasSuffix("remind 2026-12-03: \(wouldSend) messages sent; \(files.count) files in out\n"), "\(run)")
            #expect(try PG.psql(name, "SELECT count(*) FROM messages") == String(wouldSend))
            #expect(try PG.psql(name, "SELECT count(*) FROM contacts WHERE outcome = 'SENT' AND note LIKE 'reminder %'") == String(wouldSend))
            let letters = files.keys.filter { $0.hasPrefix("letters/") && $0.hasSuffix(".pdf") }
            let letterCount = Int(try PG.psql(name, "SELECT count(*) FROM messages WHERE channel = 'letter'"))
            #expect(!letters.isEmpty && letters.count == letterCount, "\(files.keys.sorted())")
            for (path, bytes) in files where path.hasSuffix(".csv") {
                let channel = String(path.prefix { $0 != "-" })
                let rows = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
                #expect(rows.first == "message_id,account_no,to,language,text")
                #expect(rows.count - 1 == Int(try PG.psql(name, "SELECT count(*) FROM messages WHERE channel = '\(channel)'")), "\(path)")
            }
            if let letter = letters.sorted().first {
                let account = String(letter.dropFirst("letters/".count).dropLast(".pdf".count).split(separator: "-", maxSplits: 1)[1])
                try Data(files[letter]!).write(to: URL(fileURLWithPath: t.path("letter.pdf")))
                #expect(try RemindCLITests.pdfText(t.path("letter.pdf")).contains(account), "\(letter)")
            }
            // A rerun the same day sends nothing and writes the same files again.
            let (again, againFiles) = try Self.same(t, file, uri, ["remind", "--out", "out"], status: 0)
            #expect(again.stdout.hasSuffix("remind 2026-12-03: 0 messages sent; \(files.count) files in out\n"), "\(again)")
            #expect(againFiles == files)
            try Self.sameRows(name, file)

            // Delivery results: a duplicate inside the file, then the same file again, then a file naming no message.
            let ids = try PG.psql(name, "SELECT id FROM messages ORDER BY id LIMIT 3").split(separator: "\n")
            #expect(ids == ["1", "2", "3"])
            try t.write("results.csv", """
                message_id,status,at
                1,delivered,2026-12-03T10:01:00+07:00
                2,read,2026-12-03T10:02:00+07:00
                1,delivered,2026-12-03T10:01:00+07:00
                3,failed,2026-12-03T10:03:00Z

                """)
            let first = try Self.same(t, file, uri, ["remind", "results", "results.csv"], status: 0).0
            #expect(first.stdout == "results results.csv: 4 rows, 3 recorded, 1 already recorded\n", "\(first)")
            let repeated = try Self.same(t, file, uri, ["remind", "results", "results.csv"], status: 0).0
            #expect(repeated.stdout == "results results.csv: 4 rows, 0 recorded, 4 already recorded\n", "\(repeated)")
            try t.write("more.csv", "message_id,status,at\n2,read,2026-12-03T10:02:00+07:00\n2,read,2026-12-03T11:00:00+07:00\n")
            let more = try Self.same(t, file, uri, ["remind", "results", "more.csv"], status: 0).0
            #expect(more.stdout == "results more.csv: 2 rows, 1 recorded, 1 already recorded\n", "\(more)")
            try t.write("unknown.csv", "message_id,status,at\n1,read,2026-12-03T12:00:00+07:00\n99999,read,2026-12-03T12:00:00+07:00\n")
            let unknown = try Self.same(t, file, uri, ["remind", "results", "unknown.csv"], status: 1).0
            #expect(unknown.stderr.contains("unknown.csv line 3, field message_id: no message 99999 was sent"), "\(unknown)")
            let unknownID = try Self.same(t, file, uri, ["remind", "results", "unknown.csv"], status: 1, environment: indonesian).0
            #expect(unknownID.stderr.hasPrefix("tagih: ") && unknownID.stderr != unknown.stderr && unknownID.stderr.contains("99999"), "\(unknownID)")
            #expect(try PG.psql(name, "SELECT id, message_id, status, at FROM message_results ORDER BY id") == """
                1|1|delivered|2026-12-03T10:01:00+07:00
                2|2|read|2026-12-03T10:02:00+07:00
                3|3|failed|2026-12-03T10:03:00Z
                4|2|read|2026-12-03T11:00:00+07:00
                """)
            let refusedResults = try Self.same(t, file, uri, ["--as", collector, "remind", "results", "more.csv"], status: 1, environment: indonesian).0
            #expect(refusedResults.stderr.hasPrefix("tagih: "), "\(refusedResults)")

            // Pauses in both languages, then the next day's run counts the paused stage's messages.
            let pause = try Self.same(t, file, uri, ["remind", "pause", "due-1"], status: 0).0
            #expect(pause.stdout == "stage due-1 paused from 2026-12-03\n", "\(pause)")
            let pauseID = try Self.same(t, file, uri, ["remind", "pause", "SP2"], status: 0, environment: indonesian).0
            #expect(!pauseID.stdout.isEmpty && !pauseID.stdout.contains("paused from"), "\(pauseID)")
            let unknownStage = try Self.same(t, file, uri, ["remind", "pause", "no-such-stage"], status: 2, environment: indonesian).0
            #expect(unknownStage.stderr.contains("no-such-stage"), "\(unknownStage)")
            let nextDay = ["TAGIH_TODAY": "2026-12-04", "TAGIH_NOW": "2026-12-04T10:00"]
            let (paused, pausedFiles) = try Self.same(t, file, uri, ["remind", "--out", "out"], status: 0, environment: nextDay)
            #expect(paused.stdout.contains(/due-1 \(sms\): chosen 0, sent 0, blocked 0, skipped 0 already sent, paused [1-9]/), "\(paused)")
            #expect(pausedFiles.keys.allSatisfy { !$0.hasPrefix("sms-2026-12-04") }, "\(pausedFiles.keys.sorted())")
            let resume = try Self.same(t, file, uri, ["remind", "resume", "due-1"], status: 0, environment: indonesian.merging(nextDay) { $1 }).0
            #expect(!resume.stdout.isEmpty && resume.stdout != "stage due-1 resumed from 2026-12-04\n", "\(resume)")
            let resumeEN = try Self.same(t, file, uri, ["remind", "resume", "SP2"], status: 0, environment: nextDay).0
            #expect(resumeEN.stdout == "stage SP2 resumed from 2026-12-04\n", "\(resumeEN)")

            // The nightly batch's reminder step (R14: `[remind] out` in the personal config).
            try FileManager.default.createDirectory(atPath: t.path("inbox"), withIntermediateDirectories: true)
            try t.write("config/tagih.toml", "[remind]\nout = \"night\"\n")
            let dayAfter = ["TAGIH_TODAY": "2026-12-05", "TAGIH_NOW": "2026-12-05T10:00"]
            let (night, nightFiles) = try Self.same(t, file, uri, ["nightly", "inbox"], status: 0, out: "night", environment: dayAfter)
            #expect(night.stdout.contains("remind due-1 (sms): chosen "), "\(night)")
            #expect(night.stdout.contains(/; reminders: [0-9]+ sent\n$/), "\(night)")
            #expect(!nightFiles.isEmpty, "\(night)")
            try FileManager.default.removeItem(atPath: t.path("config/tagih.toml"))

            try Self.sameRows(name, file)
            try Channels.checkPasses(t, file, uri)
        }
    }

    /// Two `remind` runs started together on the server: one records the
    /// day's messages, the other (run again after the server refused it as a
    /// serialization failure) finds them sent; each message is recorded
    /// once, with the ids a single run on the file gives, and both runs'
    /// files hold every message once.
    @Test(.enabled(if: PG.server != nil))
    func twoRunsAtOnceRecordEachMessageOnce() throws {
        var t = try Channels.runner()
        defer { t.cleanup() }
        let (file, _) = try Channels.demo(t, accounts: 600)
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, file, to: uri)
            let single = try Self.outcome(t, file, ["remind", "--out", "out-file"])
            let total = Self.sent(single.stdout) ?? 0
            #expect(single.status == 0 && total > 100, "\(single)")

            t.environment = Cases.environment
            var runs: [(Process, URL, URL)] = []
            for n in ["a", "b"] {
                let out = URL(fileURLWithPath: t.path("run-\(n).out")), err = URL(fileURLWithPath: t.path("run-\(n).err"))
                runs.append((try t.start(["--db", uri, "remind", "--out", "out-\(n)"], stdout: out, stderr: err, acting: false), out, err))
            }
            var sent: [Int] = []
            for (p, out, err) in runs {
                p.waitUntilExit()
                let stdout = try String(contentsOf: out, encoding: .utf8), stderr = try String(contentsOf: err, encoding: .utf8)
                #expect(p.terminationStatus == 0, "\(stdout)\(stderr)")
                sent.append(Self.sent(stdout) ?? -1)
            }
            #expect(sent.sorted() == [0, total], "\(sent)")
            #expect(try PG.psql(name, "SELECT count(*) FROM messages") == String(total))
            #expect(try PG.psql(name, "SELECT count(*) FROM (SELECT account_id, channel FROM messages GROUP BY account_id, channel HAVING count(*) > 1) AS d") == "0")
            #expect(try PG.psql(name, "SELECT count(*) FROM audit WHERE action = 'remind.run'") == "2")
            for sql in ["SELECT * FROM messages ORDER BY id", "SELECT * FROM message_stages ORDER BY stage, charge_id", "SELECT * FROM contacts ORDER BY id"] {
                #expect(try PG.psql(name, sql) == Lite.sqlite(file, sql), "\(sql)")
            }
            let reference = try Self.tree(t, "out-file")
            #expect(reference.count > 2)
            #expect(try Self.tree(t, "out-a") == reference)
            #expect(try Self.tree(t, "out-b") == reference)
            try Channels.checkPasses(t, uri)
        }
    }
}
