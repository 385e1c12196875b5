import Foundation
import GRDB
import Testing

/// A ledger that is no longer where `tagih serve` opened it (moved away,
/// replaced by another file) while the server runs (issue 19): every signed
/// request is answered 503 with Retry-After — never authenticated with the
/// secrets read before and posted into a file nobody will read again — and
/// the server serves again when the ledger is back, each payment posted once.
@Suite(.serialized) struct ServeLedgerGoneTests {
    static func pay(_ ref: String) -> String {
        #"{"ref":"\#(ref)","account_no":"8801","amount":"10000.00","paid_at":"2026-11-25T10:00:00+07:00"}"#
    }

    @Test func movedAwayOrReplacedIs503UntilTheLedgerIsBack() async throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let secret = try t.addChannel("VA")
        let s = try ServeHarness(t)
        #expect(try await s.send("/v1/payments", Self.pay("P-1"), secret: secret).status == 201)
        let fm = FileManager.default
        let ledger = t.path("tagih.db"), away = t.path("tagih.db.away")

        // Moved away: the server's open file still works, but it is not the ledger anyone will read.
        try fm.moveItem(atPath: ledger, toPath: away)
        for (path, body) in [("/v1/payments", Self.pay("P-2")), ("/v1/inquiry", #"{"account_no":"8801"}"#), ("/v1/reversals", #"{"ref":"P-1","reason":"x"}"#)] {
            let r = try await s.send(path, body, secret: secret)
            #expect(r.status == 503 && r.retryAfter == "1" && r.json["error"] is String, "\(path): \(r.status) \(r.text)")
        }
        // Replaced by another file (a copy of it): still not the ledger the server holds.
        try fm.copyItem(atPath: away, toPath: ledger)
        let replaced = try await s.send("/v1/payments", Self.pay("P-2"), secret: secret)
        #expect(replaced.status == 503 && replaced.retryAfter == "1", "\(replaced.status) \(replaced.text)")
        try fm.removeItem(atPath: ledger)

        // Back: the client's retry posts it, once.
        try fm.moveItem(atPath: away, toPath: ledger)
        let back = try await s.send("/v1/payments", Self.pay("P-2"), secret: secret)
        #expect(back.status == 201, "\(back.status) \(back.text)")
        #expect(try await s.send("/v1/payments", Self.pay("P-2"), secret: secret).json["status"] as? String == "duplicate")
        #expect(s.stop() == 0)
        // 150,000.00 owed, less P-1 and P-2 of 10,000.00 each.
        #expect(try t.position("8801")["balance"] as? String == "130000.00")
        // The person running it is told, once each way.
        let log = s.stderr
        #expect(log.components(separatedBy: "is not the file serve opened").count == 2, "\(log)")
        #expect(log.components(separatedBy: "is back; serving again").count == 2, "\(log)")
    }

    /// The ledger's rights taken from the login the server runs as (here
    /// `nobody`, through setpriv: root reads anything): 503 with Retry-After
    /// while it may not read and write the file, and serving again once it may.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") && getpwnam("nobody") != nil))
    func rightsTakenAwayIs503UntilTheyAreBack() async throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        try t.ok("user", "add", "nobody", "--name", "Nobody", "--role", "batch")
        let secret = try t.addChannel("VA")
        let nobody = getpwnam("nobody")!.pointee
        let fm = FileManager.default
        for name in [""] + (try fm.contentsOfDirectory(atPath: t.dir.path)) {
            #expect(chown(t.dir.appendingPathComponent(name).path, nobody.pw_uid, nobody.pw_gid) == 0, "chown \(name)")
        }
        let err = t.dir.appendingPathComponent("serve-nobody.err")
        _ = fm.createFile(atPath: err.path, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = ["--reuid=\(nobody.pw_uid)", "--regid=\(nobody.pw_gid)", "--clear-groups", TagihRunner.binary.path,
                       "serve", "--listen", "127.0.0.1:0"]
        p.currentDirectoryURL = t.dir
        p.environment = ["TZ": "Asia/Jakarta", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": t.dir.path]
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        defer { if p.isRunning { p.terminate(); p.waitUntilExit() } }
        let port = ServeHarness.port(err, of: p)
        let found = try #require(port, "serve as nobody did not start: \((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        #expect(try await ServeHarness.send(port: found, "/v1/payments", Self.pay("P-1"), secret: secret).status == 201)

        let ledger = t.path("tagih.db")
        #expect(chmod(ledger, 0) == 0)
        for (path, body) in [("/v1/payments", Self.pay("P-2")), ("/v1/inquiry", #"{"account_no":"8801"}"#)] {
            let r = try await ServeHarness.send(port: found, path, body, secret: secret)
            #expect(r.status == 503 && r.retryAfter == "1", "\(path): \(r.status) \(r.text)")
        }
        #expect(chmod(ledger, 0o600) == 0)
        let back = try await ServeHarness.send(port: found, "/v1/payments", Self.pay("P-2"), secret: secret)
        #expect(back.status == 201, "\(back.status) \(back.text)")
        p.terminate()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(try t.position("8801")["balance"] as? String == "130000.00")
        let log = try String(contentsOf: err, encoding: .utf8)
        #expect(log.contains("is not the file serve opened, or cannot be read") && log.contains("is back; serving again"), "\(log)")
    }

    /// The channels' keys cannot be read (here their table is renamed away
    /// under the server, as a damaged or half-restored ledger would leave it):
    /// 503 with Retry-After, as for a payment that cannot be written — never
    /// 401, which would tell the bank its signature is wrong (it did, before:
    /// keys that could not be read counted as none) — and once they can be
    /// read again the retry is posted, once.
    @Test func keysThatCannotBeReadAre503NotAWrongSignature() async throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let secret = try t.addChannel("VA")
        let s = try ServeHarness(t)
        let other = try DatabaseQueue(path: t.path("tagih.db"))
        try await other.write { db in try db.execute(sql: "ALTER TABLE channels RENAME TO channels_away") }
        let unread = try await s.send("/v1/payments", Self.pay("P-1"), secret: secret)
        #expect(unread.status == 503 && unread.retryAfter == "1", "\(unread.status) \(unread.text)")
        try await other.write { db in try db.execute(sql: "ALTER TABLE channels_away RENAME TO channels") }
        try other.close()
        try await Task.sleep(for: .milliseconds(20))   // past the 10 ms in which a failed read is not tried again
        let read = try await s.send("/v1/payments", Self.pay("P-1"), secret: secret)
        #expect(read.status == 201, "\(read.status) \(read.text)")
        #expect(s.stop() == 0)
        #expect(try t.position("8801")["balance"] as? String == "140000.00")
    }
}
