import Foundation
import Testing

/// Files an attacker or a bad night plants where Tagih reads or writes
/// (issue 15): FIFOs, links and odd names in the nightly inbox, `--output` to
/// a FIFO or a full device, standard output on a full device, the demo's
/// temporary folder.
@Suite(.serialized) struct HostileFilesCLITests {
    /// Runs `tagih args` and gives up after `seconds` (a hang is a failure, not a stuck suite).
    static func runBounded(_ t: TagihRunner, _ args: [String], seconds: Double = 60) throws -> TagihRunner.Result? {
        let id = UUID().uuidString
        let out = t.dir.appendingPathComponent(".out-\(id)"), err = t.dir.appendingPathComponent(".err-\(id)")
        let p = try t.start(args, stdout: out, stderr: err)
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if p.isRunning {
            // SIGKILL: a process stuck in open(2) on a FIFO may outlive a SIGTERM.
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            return nil
        }
        defer { try? FileManager.default.removeItem(at: out); try? FileManager.default.removeItem(at: err) }
        return TagihRunner.Result(status: p.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                                  stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    func fileType(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    @Test func theNightlyReadsPlainFilesOnlyAndLeavesTheRestWhereItIs() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        try t.write("inbox/accounts-1.csv", "account_no,name\nA1,Satu\n")
        // A charges file from elsewhere, reached through a link in the inbox.
        try t.write("elsewhere/charges.csv", "account_no,ref,issue_date,due_date,amount\nA1,I1,2026-10-01,2026-10-31,999999\n")
        #expect(symlink(t.path("elsewhere/charges.csv"), t.path("inbox/charges-link.csv")) == 0)
        // A FIFO nobody writes to: reading it would wait forever holding the lock.
        #expect(mkfifo(t.path("inbox/payments-fifo.csv"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: t.path("inbox/adjustments-folder.csv"), withIntermediateDirectories: false)

        let r = try #require(try Self.runBounded(t, ["--today", "2026-11-23", "nightly", "inbox"], seconds: 60),
                             "the nightly hung on a FIFO in the inbox")
        #expect(r.status == 1, "refused entries make the night exit 1: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("inbox/accounts-1.csv: 1 row read, 1 posted, 0 duplicates, 0 rejected"), "\(r.stdout)")
        #expect(lines.contains("charges-link.csv: refused: it is a symbolic link; the nightly batch reads plain files only; it stays in the inbox"))
        #expect(lines.contains("payments-fifo.csv: refused: it is not a plain file (a FIFO, a device or a folder); the nightly batch reads plain files only; it stays in the inbox"))
        #expect(lines.contains("adjustments-folder.csv: refused: it is not a plain file (a FIFO, a device or a folder); the nightly batch reads plain files only; it stays in the inbox"))
        #expect(lines.last?.hasPrefix("nightly 2026-11-23: 4 files, 1 posted, 3 refused;") == true, "\(r.stdout)")
        // Nothing came in through the link; every refused entry is where it was, untouched.
        let a1 = try t.ok("--today", "2026-11-23", "account", "A1", "--format", "json")
        #expect(a1.contains("\"balance\": \"0.00\"") && a1.contains("\"open_charges\": []"), "\(a1)")
        #expect(fileType(t.path("inbox/charges-link.csv")) == S_IFLNK && fileType(t.path("inbox/payments-fifo.csv")) == S_IFIFO)
        #expect(fileType(t.path("inbox/adjustments-folder.csv")) == S_IFDIR && fileType(t.path("elsewhere/charges.csv")) == S_IFREG)
        // The log keeps each refusal, for whoever reads it in the morning.
        let log = try t.ok("--today", "2026-11-23", "report", "nightly")
        #expect(log.contains("\n  payments-fifo.csv: refused: it is not a plain file"), "\(log)")
        #expect(log.contains("\n  charges-link.csv: refused: it is a symbolic link"), "\(log)")
    }

    /// `tagih import` of a FIFO or a folder is refused at once, never read.
    @Test func importReadsRegularFilesOnly() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        #expect(mkfifo(t.path("payments.csv"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: t.path("folder.csv"), withIntermediateDirectories: false)
        for name in ["payments.csv", "folder.csv"] {
            let r = try #require(try Self.runBounded(t, ["import", "payments", name], seconds: 30), "import hung on \(name)")
            #expect(r.status == 1)
            #expect(r.stderr == "tagih: cannot read \(name): it is not a regular file (a folder, FIFO, device or socket)\n")
        }
    }

    @Test func theNightlyLockIsNeverFollowedThroughALink() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        try t.write("inbox/accounts-1.csv", "account_no,name\nA1,Satu\n")
        #expect(symlink(t.path("planted.lock"), t.path("inbox/.tagih-nightly.lock")) == 0)
        let r = try t.run("--today", "2026-11-23", "nightly", "inbox")
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: the lock inbox/.tagih-nightly.lock is a symbolic link; remove it (the batch makes its own)\n")
        #expect(!FileManager.default.fileExists(atPath: t.path("planted.lock")), "no file was created through the link")
        #expect(FileManager.default.fileExists(atPath: t.path("inbox/accounts-1.csv")), "nothing was imported")
    }

    @Test func theNightlyNeverFilesThroughALinkedArchive() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        try t.write("inbox/accounts-1.csv", "account_no,name\nA1,Satu\n")
        try FileManager.default.createDirectory(atPath: t.path("elsewhere"), withIntermediateDirectories: true)
        #expect(symlink(t.path("elsewhere"), t.path("inbox/archive")) == 0)
        let r = try t.run("--today", "2026-11-23", "nightly", "inbox")
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: inbox/archive is a symbolic link; the nightly batch files the inbox only into folders of its own (remove it)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.path("elsewhere")).isEmpty)
        #expect(FileManager.default.fileExists(atPath: t.path("inbox/accounts-1.csv")), "nothing was imported or moved")
        #expect(try t.run("--today", "2026-11-23", "account", "A1").status == 1, "A1 was not imported")
    }

    /// Bytes a terminal would act on: C0 but newline, DEL, and C1 (UTF-8 `C2 80`–`C2 9F`).
    static func controls(_ text: String) -> [UInt8] {
        let b = Array(text.utf8)
        var found: [UInt8] = []
        for (i, c) in b.enumerated() {
            if (c < 0x20 && c != 0x0A) || c == 0x7F { found.append(c) }
            if c == 0xC2, i + 1 < b.count, (0x80...0x9F).contains(b[i + 1]) { found.append(b[i + 1]) }
        }
        return found
    }

    @Test func fileNamesWithControlsAreEscapedInTheNightlyAndItsReport() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        // OSC 52 (sets the clipboard), CR, BS, a C1 CSI and a newline, in names billing's folder may hold.
        let osc = "accounts-\u{1B}]52;c;aGk=\u{07}\r\u{08}\u{9B}2J.csv"
        try t.write("inbox/\(osc)", "account_no,name\nA1,Satu\n")
        try t.write("inbox/accounts-x\ny.csv", "account_no,name\nA2,Dua\n")
        let r = try t.run("--today", "2026-11-23", "nightly", "inbox")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.controls(r.stdout).isEmpty && Self.controls(r.stderr).isEmpty, "\(Self.controls(r.stdout))")
        #expect(r.stdout.contains("inbox/accounts-\u{FFFD}]52;c;aGk=\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}2J.csv: 1 row read, 1 posted"), "\(r.stdout)")
        #expect(r.stdout.contains("inbox/accounts-x\u{FFFD}y.csv: 1 row read, 1 posted"), "\(r.stdout)")
        let log = try t.ok("--today", "2026-11-23", "report", "nightly")
        #expect(Self.controls(log).isEmpty, "\(Self.controls(log))")
        #expect(log.contains("\n  accounts-x\u{FFFD}y.csv: 1 row read, 1 posted"), "\(log)")
        // JSON says the same names exactly, escaped the JSON way.
        let json = try t.ok("--today", "2026-11-23", "report", "nightly", "--format", "json")
        #expect(json.contains("accounts-\\u001b]52;c;aGk=\\u0007\\r\\b") || json.contains("accounts-\\u001b]52;c;aGk=\\u0007\\r\\u0008"), "\(json)")
        #expect(FileManager.default.fileExists(atPath: t.path("inbox/archive/2026-11-23/\(osc)")), "the file itself is archived under its own name")
    }

    @Test func outputToAFIFOIsWrittenThroughAndAFullDeviceIsAnError() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        let expected = try t.ok("report", "aging", "--format", "csv")
        // A reader on the FIFO, as a pipe to another program would be.
        #expect(mkfifo(t.path("pipe"), 0o600) == 0)
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat pipe > got.csv"]
        reader.currentDirectoryURL = t.dir
        try reader.run()
        let bounded = try Self.runBounded(t, ["report", "aging", "--format", "csv", "--output", "pipe"], seconds: 30)
        // Whatever tagih did, the reader gets its end of file and the test goes on.
        for _ in 0..<100 where reader.isRunning {
            let release = open(t.path("pipe"), O_WRONLY | O_NONBLOCK)
            if release >= 0 { close(release); break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        reader.waitUntilExit()
        let r = try #require(bounded, "writing to the FIFO hung")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try t.read("got.csv") == expected)
        #expect(fileType(t.path("pipe")) == S_IFIFO, "the FIFO is still a FIFO, not replaced by a file")

        let full = try t.run("report", "aging", "--output", "/dev/full")
        #expect(full.status == 1)
        #expect(full.stderr == "tagih: cannot write /dev/full: the disk is full; nothing was written\n", "\(full.stderr)")
        #expect(fileType("/dev/full") == S_IFCHR)
        let letter = try t.run("report", "nightly", "--output", "/dev/null")
        #expect(letter.status == 0 && fileType("/dev/null") == S_IFCHR, "\(letter.stderr)")
    }

    /// Runs `tagih args` with standard output on /dev/full; its status and standard error.
    static func runOnFullDevice(_ t: TagihRunner, _ args: [String]) throws -> (Int32, String) {
        let err = t.dir.appendingPathComponent("err.txt")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = TagihRunner.binary
        p.arguments = ["--as", t.user] + args
        p.currentDirectoryURL = t.dir
        p.environment = ["TZ": "Asia/Jakarta", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": t.dir.path]
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        return (p.terminationStatus, try String(contentsOf: err, encoding: .utf8))
    }

    @Test func standardOutputOnAFullDeviceIsAnError() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        // Small: it sits in the buffer until the end.
        let small = try Self.runOnFullDevice(t, ["report", "aging"])
        #expect(small.0 == 1)
        #expect(small.1 == "tagih: cannot write standard output: the disk or device is full; the output is incomplete\n")
        // Large: the buffer fills and fails during the run; CSV as well as text.
        try t.write("accounts.csv", "account_no,name\nA1,Satu\n")
        try t.write("charges.csv", "account_no,ref,issue_date,due_date,amount\n" + (1...300).map { "A1,I\($0),2026-10-01,2026-10-31,1000\n" }.joined())
        try t.ok("--today", "2026-11-23", "import", "accounts", "accounts.csv")
        try t.ok("--today", "2026-11-23", "import", "charges", "charges.csv")
        #expect(try t.ok("--today", "2026-11-23", "account", "A1").utf8.count > 16_384)
        let large = try Self.runOnFullDevice(t, ["--today", "2026-11-23", "account", "A1"])
        #expect(large.0 == 1 && large.1.hasPrefix("tagih: cannot write standard output: "), "\(large)")
        #expect(large.1.hasSuffix("; the output is incomplete\n"), "\(large)")
    }

    @Test func theDemoNeverFollowsALinkPlantedAtAGuessableTemporaryName() throws {
        var t = try TagihRunner()
        t.user = TagihRunner.realLogin
        defer { t.cleanup() }
        try FileManager.default.createDirectory(atPath: t.path("tmp"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: t.path("planted"), withIntermediateDirectories: true)
        // The shell's pid is the demo's (exec): the link stands where a
        // predictable `tagih-demo-<pid>` would be made.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "ln -s \"$PWD/planted\" \"$TMPDIR/tagih-demo-$$\" && exec \"$0\" --today 2026-11-23 demo --no-ui --accounts 20",
                       TagihRunner.binary.path]
        p.currentDirectoryURL = t.dir
        p.environment = ["TZ": "Asia/Jakarta", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": t.dir.path, "TMPDIR": t.path("tmp")]
        let err = t.dir.appendingPathComponent("demo-err.txt")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        p.standardError = try FileHandle(forWritingTo: err)
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.path("planted")).isEmpty, "nothing was written through the planted link")
        // The demo's own folder is gone again; only the planted link is left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: t.path("tmp")).allSatisfy { $0.hasPrefix("tagih-demo-") && fileType(t.path("tmp/\($0)")) == S_IFLNK })
    }
}
