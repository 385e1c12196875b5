import Foundation
import Testing

/// Many writers and faults on a PostgreSQL ledger (CONTRACT §12, issue 21):
/// two processes importing the same file at once post it once; different
/// files at once both land; an import killed mid-file or cut off by a
/// server stop leaves nothing, and the same import then posts exactly once.
@Suite(.serialized) struct PostgresImportWritersTests {
    typealias PG = PostgresInitCLITests
    typealias Lite = PostgresMigrateCLITests
    typealias Cases = PostgresCasesCLITests
    typealias Channels = PostgresChannelsCLITests

    /// A charges file of `rows` rows over the demo's accounts ACC0000001…ACC00000nn.
    static func chargesFile(_ t: TagihRunner, _ name: String, rows: Int, accounts: Int, prefix: String) throws {
        var text = "account_no,ref,issue_date,due_date,amount,description\n"
        text.reserveCapacity(rows * 60)
        for i in 1...rows {
            text += "ACC\(String(format: "%07d", (i * 7919) % accounts + 1)),\(prefix)\(i),2026-11-20,2026-12-20,\(1000 + i % 9000).\(String(format: "%02d", i % 100)),Tagihan\n"
        }
        try t.write(name, text)
    }

    static func paymentsFile(_ t: TagihRunner, _ name: String, rows: Int, accounts: Int, prefix: String) throws {
        var text = "account_no,ref,paid_on,amount,channel\n"
        for i in 1...rows { text += "ACC\(String(format: "%07d", (i * 104729) % accounts + 1)),\(prefix)\(i),2026-11-25,\(500 + i % 700),VA\n" }
        try t.write(name, text)
    }

    /// Starts `tagih --db db args` in the runner's folder, its output in files.
    static func start(_ t: TagihRunner, _ db: String, _ args: [String], tag: String) throws -> (Process, URL, URL) {
        var t = t
        t.environment = Cases.environment
        let out = URL(fileURLWithPath: t.path("\(tag).out")), err = URL(fileURLWithPath: t.path("\(tag).err"))
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        return (try t.start(["--db", db] + args, stdout: out, stderr: err, acting: false), out, err)
    }

    static func text(_ url: URL) -> String { (try? String(contentsOf: url, encoding: .utf8)) ?? "" }

    @Test(.enabled(if: PG.server != nil))
    func theSameFileImportedByTwoProcessesAtOncePostsOnce() throws {
        let t = try Channels.runner()
        defer { t.cleanup() }
        let (file, _) = try Channels.demo(t, accounts: 200)
        try Self.chargesFile(t, "same.csv", rows: 5000, accounts: 200, prefix: "SAME-")
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, file, to: uri)
            let before = try PG.psql(name, "SELECT count(*) FROM charges")
            let a = try Self.start(t, uri, ["import", "charges", "same.csv"], tag: "a")
            let b = try Self.start(t, uri, ["import", "charges", "same.csv"], tag: "b")
            a.0.waitUntilExit()
            b.0.waitUntilExit()
            let outs = [Self.text(a.1), Self.text(b.1)].sorted()
            // Both exit 0 (a duplicate file is no error, CONTRACT §3): one posted it, the other found it imported.
            #expect(a.0.terminationStatus == 0 && b.0.terminationStatus == 0, "\(Self.text(a.2)) \(Self.text(b.2))")
            #expect(outs.filter { $0 == "same.csv: 5000 rows read, 5000 posted, 0 duplicates, 0 rejected\n" }.count == 1, "\(outs)")
            #expect(outs.filter { $0.contains("already imported") }.count == 1, "\(outs)")
            #expect(try PG.psql(name, "SELECT count(*) FROM import_batches WHERE file_name = 'same.csv'") == "1")
            #expect(try Int(PG.psql(name, "SELECT count(*) FROM charges")) == Int(before)! + 5000)
            // The same as one import on the file.
            _ = try Cases.outcome(t, file, ["import", "charges", "same.csv"])
            for sql in ["SELECT * FROM charges ORDER BY id", "SELECT * FROM accounts ORDER BY id"] {
                #expect(try PG.psql(name, sql) == Lite.sqlite(file, sql), "\(sql)")
            }
            try Channels.checkPasses(t, uri)
        }
    }

    @Test(.enabled(if: PG.server != nil))
    func differentFilesImportedAtOnceBothLand() throws {
        let t = try Channels.runner()
        defer { t.cleanup() }
        let (file, _) = try Channels.demo(t, accounts: 200)
        // Charges and payments over the same accounts, and charges over the others' accounts too.
        try Self.chargesFile(t, "charges-1.csv", rows: 3000, accounts: 200, prefix: "C1-")
        try Self.paymentsFile(t, "payments-1.csv", rows: 3000, accounts: 200, prefix: "P1-")
        try Self.chargesFile(t, "charges-2.csv", rows: 2000, accounts: 50, prefix: "C2-")
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, file, to: uri)
            let runs = try ["charges-1.csv", "payments-1.csv", "charges-2.csv"].enumerated().map { i, f in
                try Self.start(t, uri, ["import", f.hasPrefix("payments") ? "payments" : "charges", f], tag: "w\(i)")
            }
            for r in runs { r.0.waitUntilExit() }
            for r in runs { #expect(r.0.terminationStatus == 0 && Self.text(r.1).contains(" posted, 0 duplicates, 0 rejected"), "\(Self.text(r.1)) \(Self.text(r.2))") }
            // One by one on the file: the same figures (ids may differ with the order of commits; amounts may not).
            for (kind, f) in [("charges", "charges-1.csv"), ("payments", "payments-1.csv"), ("charges", "charges-2.csv")] {
                #expect(try Cases.outcome(t, file, ["import", kind, f]).status == 0)
            }
            for sql in ["SELECT account_no, open_total, unapplied, oldest_due, credit_count FROM accounts ORDER BY account_no",
                        "SELECT source, ref, amount, open_amount FROM charges ORDER BY source, ref",
                        "SELECT source, channel, ref, amount FROM credits ORDER BY source, channel, ref",
                        "SELECT key, value FROM meta WHERE key IN ('charged_total', 'credited_total', 'max_entry_day') ORDER BY key"] {
                #expect(try PG.psql(name, sql) == Lite.sqlite(file, sql), "\(sql)")
            }
            for args in [["report", "aging", "--format", "csv"]] {
                #expect(try Cases.outcome(t, uri, args) == Cases.outcome(t, file, args), "\(args)")
            }
            try Channels.checkPasses(t, uri)
        }
    }

    @Test(.enabled(if: PG.server != nil))
    func anImportKilledMidFileThenRunAgainPostsOnce() throws {
        let t = try Channels.runner()
        defer { t.cleanup() }
        let (file, _) = try Channels.demo(t, accounts: 500)
        // Enough rows that the import is still running when it is stopped
        // (a chunk's rows go in one statement: 40,000 took under 3 s).
        let rows = 150_000
        try Self.chargesFile(t, "big.csv", rows: rows, accounts: 500, prefix: "BIG-")
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, file, to: uri)
            let before = try PG.psql(name, "SELECT count(*) || '/' || max(id) FROM charges")
            let run = try Self.start(t, uri, ["import", "charges", "big.csv"], tag: "killed")
            // Mid-file: the batch's row is written (uncommitted) as the rows start.
            Thread.sleep(forTimeInterval: 2)
            #expect(run.0.isRunning, "the import finished before it could be killed: \(Self.text(run.1))")
            kill(run.0.processIdentifier, SIGKILL)
            run.0.waitUntilExit()
            #expect(run.0.terminationReason == .uncaughtSignal)
            #expect(try PG.psql(name, "SELECT count(*) || '/' || max(id) FROM charges") == before, "nothing of the killed import")
            #expect(try PG.psql(name, "SELECT count(*) FROM import_batches WHERE file_name = 'big.csv'") == "0")
            let again = try Cases.outcome(t, uri, ["import", "charges", "big.csv"])
            #expect(again.stdout == "big.csv: \(rows) rows read, \(rows) posted, 0 duplicates, 0 rejected\n", "\(again)")
            #expect(try PG.psql(name, "SELECT count(*) FROM charges WHERE ref LIKE 'BIG-%'") == String(rows))
            #expect(try Cases.outcome(t, uri, ["import", "charges", "big.csv"]).stdout.contains("already imported"))
            try Channels.checkPasses(t, uri)
        }
    }

    /// A server of the test's own (`scripts/pg` with a private state file):
    /// stopped fast in the middle of an import, then started again.
    @Test(.enabled(if: PG.server != nil))
    func aServerStopMidImportFailsCleanlyAndTheImportThenPostsOnce() throws {
        let t = try Channels.runner()
        defer { t.cleanup() }
        func pg(_ command: String) -> String {
            let (status, text) = t.privatePG(command)
            #expect(status == 0, "scripts/pg \(command): \(text)")
            return text
        }
        _ = pg("start")
        defer { _ = pg("stop") }
        let server = pg("uri")
        let uri = server.replacingOccurrences(of: "postgresql:///postgres?", with: "postgresql:///faults?")
        func psql(_ target: String, _ sql: String) throws -> String {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            p.arguments = [target, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        _ = try psql(server, "CREATE DATABASE faults TEMPLATE template0 ENCODING 'UTF8'")
        let (file, _) = try Channels.demo(t, accounts: 500)
        try Channels.migrate(t, file, to: uri)
        // Enough rows that the import is still running when it is stopped
        // (a chunk's rows go in one statement: 40,000 took under 3 s).
        let rows = 150_000
        try Self.chargesFile(t, "big.csv", rows: rows, accounts: 500, prefix: "BIG-")
        let before = try psql(uri, "SELECT count(*) || '/' || max(id) FROM charges")
        let run = try Self.start(t, uri, ["import", "charges", "big.csv"], tag: "stopped")
        Thread.sleep(forTimeInterval: 2)
        #expect(run.0.isRunning, "the import finished before the server stopped: \(Self.text(run.1))")
        _ = pg("halt")
        run.0.waitUntilExit()
        // Exit 1 with one sentence that names the server; no stack trace.
        let err = Self.text(run.2)
        #expect(run.0.terminationStatus == 1, "\(err)")
        #expect(err.hasPrefix("tagih: ") && err.split(separator: "\n").count == 1, "\(err)")
        #expect(err.contains(server.replacingOccurrences(of: "postgresql:///postgres?host=", with: "")), "names the server: \(err)")
        _ = pg("resume")
        #expect(try psql(uri, "SELECT count(*) || '/' || max(id) FROM charges") == before, "nothing half-written")
        let again = try Cases.outcome(t, uri, ["import", "charges", "big.csv"])
        #expect(again.stdout == "big.csv: \(rows) rows read, \(rows) posted, 0 duplicates, 0 rejected\n", "\(again)")
        #expect(try psql(uri, "SELECT count(*) FROM charges WHERE ref LIKE 'BIG-%'") == String(rows))
        try Channels.checkPasses(t, uri)
    }
}
