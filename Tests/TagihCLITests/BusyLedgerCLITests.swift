import Foundation
import GRDB
import Testing

/// Busy, read-only and damaged ledgers (issue 15): readers never wait for a
/// writer, a writer waits for the lock and then saves, a read-only ledger is
/// read and refused for writing with a sentence.
@Suite(.serialized) struct BusyLedgerCLITests {
    /// A ledger with two accounts and a busy timeout of `timeoutMs`.
    func ledger(timeoutMs: Int = 10_000) throws -> TagihRunner {
        let t = try TagihRunner()
        try t.write("config/tagih.toml", "[database]\nbusy_timeout_ms = \(timeoutMs)\n")
        try t.ok("init")
        try t.write("accounts.csv", "account_no,name,timezone\nA1,Debitur Satu,Asia/Jakarta\nA2,Debitur Dua,Asia/Jakarta\n")
        try t.ok("import", "accounts", "accounts.csv")
        try t.write("charges.csv", "account_no,ref,issue_date,due_date,amount,description\nA1,INV-1,2025-01-01,2025-02-01,150000,Tagihan\n")
        try t.ok("import", "charges", "charges.csv")
        return t
    }

    /// A second connection in the middle of a write: the lock held until `release`.
    final class LockHolder {
        let queue: DatabaseQueue
        init(_ path: String, exclusive: Bool = false) throws {
            var c = Configuration()
            c.allowsUnsafeTransactions = true
            queue = try DatabaseQueue(path: path, configuration: c)
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: exclusive ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE")
                try db.execute(sql: "CREATE TABLE lock_probe(x); INSERT INTO lock_probe VALUES (1)")
            }
        }
        func release() throws {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
            try queue.close()
        }
    }

    func timed(_ body: () throws -> TagihRunner.Result) rethrows -> (TagihRunner.Result, Double) {
        let start = Date()
        let r = try body()
        return (r, Date().timeIntervalSince(start))
    }

    @Test(arguments: [false, true]) func readingCommandsDoNotWaitForAWriter(exclusive: Bool) throws {
        let t = try ledger()
        defer { t.cleanup() }
        // The writers closed cleanly: no WAL is left, the case that used to wait.
        let wal = (try? FileManager.default.attributesOfItem(atPath: t.path("tagih.db-wal")))?[.size] as? Int ?? 0
        #expect(wal == 0)
        let holder = try LockHolder(t.path("tagih.db"), exclusive: exclusive)
        defer { try? holder.release() }
        for args in [["--today", "2025-06-30", "report", "aging", "--format", "csv"], ["--today", "2025-06-30", "account", "A1"],
                     ["rules", "show"], ["user", "list"]] {
            let (r, seconds) = try timed { try t.run(args) }
            #expect(r.status == 0, "tagih \(args.joined(separator: " ")): \(r.stderr)")
            #expect(seconds < 5, "tagih \(args.joined(separator: " ")) waited \(seconds) s for the writer")
        }
        let aging = try t.run("--today", "2025-06-30", "report", "aging", "--format", "csv")
        #expect(aging.stdout.contains("150000.00"))
    }

    @Test func aWriterWaitsForTheLockThenSaves() throws {
        let t = try ledger()
        defer { t.cleanup() }
        let holder = try LockHolder(t.path("tagih.db"))
        let start = Date()
        let out = t.dir.appendingPathComponent("add.out"), err = t.dir.appendingPathComponent("add.err")
        let p = try t.start(["user", "add", "kol09", "--name", "Kolektor Sembilan", "--role", "collector"], stdout: out, stderr: err)
        Thread.sleep(forTimeInterval: 2)
        #expect(p.isRunning, "the writer waits while the lock is held")
        try holder.release()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        #expect(Date().timeIntervalSince(start) >= 2)
        #expect(try t.ok("user", "list").contains("kol09"))
    }

    @Test func aWriterThatWaitsTooLongSaysASentence() throws {
        let t = try ledger(timeoutMs: 500)
        defer { t.cleanup() }
        let holder = try LockHolder(t.path("tagih.db"))
        let r = try t.run("user", "add", "kol09", "--name", "Kolektor Sembilan", "--role", "collector")
        try holder.release()
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: the ledger is busy (another command is writing); nothing was saved, try again\n")
        #expect(!(try t.ok("user", "list").contains("kol09")))
    }

    @Test func busyInIndonesian() throws {
        var t = try ledger(timeoutMs: 300)
        defer { t.cleanup() }
        t.environment["LANG"] = "id_ID.UTF-8"
        let holder = try LockHolder(t.path("tagih.db"))
        let r = try t.run("user", "add", "kol09", "--name", "Kolektor Sembilan", "--role", "collector")
        try holder.release()
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: ledger sibuk (perintah lain sedang menulis); tidak ada yang tersimpan, coba lagi\n")
    }

    @Test func aFileThatIsNotALedgerInBothLanguages() throws {
        var t = try ledger()
        defer { t.cleanup() }
        try t.write("notes.db", String(repeating: "not a database\n", count: 400))
        let en = try t.run("--db", "notes.db", "report", "aging")
        #expect(en.status == 1)
        #expect(en.stderr == "tagih: the file notes.db is not a Tagih ledger\n")
        t.environment["LANG"] = "id_ID.UTF-8"
        let id = try t.run("--db", "notes.db", "user", "add", "kol09", "--name", "K", "--role", "collector")
        #expect(id.status == 1)
        #expect(id.stderr == "tagih: berkas notes.db bukan ledger Tagih\n")
    }

    /// Runs `tagih args` as a person without the rights to write the ledger
    /// (nobody, when the tests run as root: root writes anything).
    func runWithoutRights(_ t: TagihRunner, _ args: [String]) throws -> TagihRunner.Result {
        let p = Process()
        let out = t.dir.appendingPathComponent("ro.out"), err = t.dir.appendingPathComponent("ro.err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        if getuid() == 0 {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", TagihRunner.binary.path] + args
        } else {
            p.executableURL = TagihRunner.binary
            p.arguments = args
        }
        p.currentDirectoryURL = t.dir
        p.environment = ["TZ": "Asia/Jakarta", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": t.dir.path]
        p.standardOutput = try FileHandle(forWritingTo: out)
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return TagihRunner.Result(status: p.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
                                  stderr: try String(contentsOf: err, encoding: .utf8))
    }

    @Test(arguments: [true, false]) func aReadOnlyLedgerIsReadAndRefusedForWriting(readOnlyFolder: Bool) throws {
        let t = try ledger()
        defer {
            chmod(t.path("ro"), 0o755)
            t.cleanup()
        }
        if getuid() == 0 {
            // The person reading is nobody: a user of the ledger (a collector reads any one account).
            try t.ok("user", "add", "nobody", "--name", "Nobody", "--role", "admin")
            chmod(t.dir.path, 0o755)
        }
        try FileManager.default.createDirectory(atPath: t.path("ro"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: t.path("tagih.db"), toPath: t.path("ro/tagih.db"))
        chmod(t.path("ro/tagih.db"), 0o444)
        chmod(t.path("ro"), readOnlyFolder ? 0o555 : 0o777)
        let db = t.path("ro/tagih.db")

        let aging = try runWithoutRights(t, ["--db", db, "--today", "2025-06-30", "report", "aging", "--format", "csv"])
        #expect(aging.status == 0, "\(aging.stderr)")
        #expect(aging.stdout.contains("150000.00"))
        let account = try runWithoutRights(t, ["--db", db, "--today", "2025-06-30", "account", "A1"])
        #expect(account.status == 0, "\(account.stderr)")
        #expect(account.stdout.contains("Debitur Satu"))

        let check = try runWithoutRights(t, ["--db", db, "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("ok    schema:") && check.stdout.contains("ok    search indexes: phone keys match the accounts"))

        let add = try runWithoutRights(t, ["--db", db, "user", "add", "kol09", "--name", "Kolektor", "--role", "collector"])
        #expect(add.status == 1)
        #expect(add.stderr == "tagih: the ledger \(db) is read-only; nothing was written\n")
        if readOnlyFolder {
            #expect(!FileManager.default.fileExists(atPath: db + "-wal") && !FileManager.default.fileExists(atPath: db + "-shm"))
        }
    }

    @Test func aDamagedLedgerIsNotWrittenTo() throws {
        let t = try ledger()
        defer { t.cleanup() }
        // A page of the accounts table overwritten on disk (a bad sector, a stray write).
        let q = try DatabaseQueue(path: t.path("tagih.db"))
        let (root, pageSize) = try q.read { db in
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'accounts'")!,
             try Int.fetchOne(db, sql: "PRAGMA page_size")!)
        }
        try q.close()
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: t.path("tagih.db")))
        try file.seek(toOffset: UInt64((root - 1) * pageSize))
        try file.write(contentsOf: Data(repeating: 0xEE, count: 64))
        try file.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: t.path("tagih.db")))
        let r = try t.run("user", "add", "kol09", "--name", "Kolektor Sembilan", "--role", "collector")
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("tagih: the ledger tagih.db is damaged ("), "\(r.stderr)")
        #expect(r.stderr.hasSuffix("; nothing was written; run `tagih check`\n"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: t.path("tagih.db"))) == before, "nothing was written")
        #expect(try t.run("check").status == 1)
    }

    @Test func checkFindsAnEditedSchema() throws {
        let t = try ledger()
        defer { t.cleanup() }
        let clean = try t.ok("check")
        #expect(clean.contains("ok    schema: tables, columns, indexes and triggers are those of the current migration"))
        #expect(clean.contains("ok    search indexes: phone keys and the name index match the accounts"), "a writable ledger's name index is checked")
        let q = try DatabaseQueue(path: t.path("tagih.db"))
        try q.write { db in
            let trigger = try String.fetchOne(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name LIMIT 1")!
            try db.execute(sql: "DROP TRIGGER \(trigger)")
            try db.execute(sql: "CREATE INDEX sneaky ON accounts(name)")
        }
        try q.close()
        let r = try t.run("check")
        #expect(r.status == 1)
        #expect(r.stdout.contains("FAIL  schema"))
        #expect(r.stdout.contains("is missing"))
        #expect(r.stdout.contains("      - index sneaky is not part of the schema"))
    }

    /// A full disk, as a file size limit makes it (SIGXFSZ ignored, so
    /// SQLite's write fails with EFBIG): a sentence, exit 1, nothing posted.
    @Test func aFullDiskSaysASentence() throws {
        let t = try ledger()
        defer { t.cleanup() }
        var csv = "account_no,name,timezone\n"
        for i in 0..<30_000 { csv += "B\(i),Debitur Nomor \(i) dengan nama yang cukup panjang,Asia/Makassar\n" }
        try t.write("big.csv", csv)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-c", "trap '' XFSZ; ulimit -f 512; exec \"$0\" \"$@\"", TagihRunner.binary.path, "import", "accounts", "big.csv"]
        p.currentDirectoryURL = t.dir
        p.environment = ["TZ": "Asia/Jakarta", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": t.dir.path, "TMPDIR": t.dir.path]
        let err = t.dir.appendingPathComponent("full.err")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        p.waitUntilExit()
        let stderr = try String(contentsOf: err, encoding: .utf8)
        #expect(p.terminationStatus == 1, "\(stderr)")
        #expect(stderr.contains("the disk is full; nothing was saved"), "\(stderr)")
        #expect(!stderr.contains("SQLite") && !stderr.contains("disk I/O error"), "\(stderr)")
        #expect(try t.ok("check").contains("All checks passed."))
        #expect(!(try t.ok("user", "list").isEmpty))
        let aging = try t.ok("--today", "2025-06-30", "report", "aging", "--format", "csv")
        #expect(aging.contains("150000.00"), "the ledger is as it was")
    }

    /// `tagih demo` opens one connection at a time: several built at once, each in its own folder, all succeed.
    @Test func demoBuildsUnderLoadWithoutBusyErrors() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        for round in 0..<5 {
            let ps = try (0..<4).map { i in
                try t.start(["--today", "2026-11-23", "--db", "demo\(i).db", "demo", "--no-ui", "--accounts", "200"], acting: false)
            }
            for (i, p) in ps.enumerated() {
                p.waitUntilExit()
                #expect(p.terminationStatus == 0, "demo \(i) of round \(round)")
            }
        }
    }
}
