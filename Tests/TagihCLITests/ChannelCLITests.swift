import Foundation
import Testing

/// `tagih channel add|rotate|list` (CONTRACT §11, R3, R17, R23).
@Suite struct ChannelCLITests {
    static func isSecret(_ s: String) -> Bool {
        s.utf8.count == 65 && s.hasSuffix("\n") && s.dropLast().allSatisfy { "0123456789abcdef".contains($0) }
    }

    @Test func addPrintsTheSecretOnceAndNeverLists() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        #expect(try t.ok("channel", "list") == "No payment channels; `tagih channel add NAME` creates one.\n")
        let added = try t.run("channel", "add", "VA")
        #expect(added.status == 0)
        #expect(Self.isSecret(added.stdout), "stdout is exactly 64 hex digits and a line end: \(added.stdout)")
        #expect(added.stderr.contains("shown only this once"))
        // The name exists: exit 1, the secret unchanged (no stdout).
        let again = try t.run("channel", "add", "VA")
        #expect(again.status == 1 && again.stdout.isEmpty && again.stderr.contains("exists already"))
        // A name that is no channel of section 3's kind: a usage error.
        #expect(try t.run("channel", "add", "V A").status == 2)
        let secret = String(added.stdout.dropLast())
        for format in ["table", "csv", "json"] {
            let out = try t.ok("channel", "list", "--format", format)
            #expect(out.contains("VA") && !out.contains(secret), "\(format) lists the channel, never its secret")
        }
        // The table in the reader's language.
        var indonesian = t
        indonesian.environment["LANG"] = "id_ID.UTF-8"
        let table = try indonesian.ok("channel", "list")
        #expect(table.contains("Kanal") && table.contains("Rahasia lama sampai") && table.contains("VA"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try t.ok("channel", "list", "--format", "json").utf8)) as? [[String: Any]])
        #expect(json.count == 1 && json[0]["name"] as? String == "VA" && json[0]["rotated"] is NSNull && json[0]["grace_until"] is NSNull)
        // Audited, without the secret.
        let audit = try t.ok("audit", "--format", "csv")
        #expect(audit.contains("channel.add") && !audit.contains(secret))
    }

    @Test func rotateGivesANewSecretAndRecordsTheGrace() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        let first = try t.ok("channel", "add", "QRIS")
        let second = try t.ok("channel", "rotate", "QRIS")
        #expect(Self.isSecret(second) && second != first)
        var rows = try #require(try JSONSerialization.jsonObject(with: Data(try t.ok("channel", "list", "--format", "json").utf8)) as? [[String: Any]])
        #expect(rows[0]["rotated"] is String && rows[0]["grace_until"] is NSNull)
        let third = try t.ok("channel", "rotate", "QRIS", "--grace", "30")
        #expect(Self.isSecret(third) && third != second)
        rows = try #require(try JSONSerialization.jsonObject(with: Data(try t.ok("channel", "list", "--format", "json").utf8)) as? [[String: Any]])
        let until = try #require(rows[0]["grace_until"] as? String)
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let seconds = try #require(f.date(from: until)).timeIntervalSinceNow
        #expect(seconds > 29 * 60 && seconds <= 30 * 60, "the grace ends 30 minutes from now: \(until)")
        #expect(try t.run("channel", "rotate", "NOPE").status == 1)
        #expect(try t.ok("audit", "--format", "csv").contains("grace=30m"))
    }

    @Test func onlyAdminsAndBatchManageChannels() throws {
        var t = try TagihRunner()
        defer { t.cleanup() }
        try t.ok("init")
        try t.ok("user", "add", "col1", "--name", "Col", "--role", "collector")
        try t.ok("user", "add", "cron", "--name", "Cron", "--role", "batch")
        t.user = "col1"
        let refused = try t.run("channel", "add", "VA")
        #expect(refused.status == 1 && refused.stdout.isEmpty)
        #expect(try t.run("channel", "list").status == 1)
        t.user = "cron"
        #expect(Self.isSecret(try t.ok("channel", "add", "VA")))
    }
}
