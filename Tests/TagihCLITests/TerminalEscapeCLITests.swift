import Foundation
import GRDB
import Testing

/// Data never reaches a terminal raw (issue 15): names, segments, teams,
/// notes and audit text holding OSC 52 (sets the clipboard), CSI, CR, BS, DEL
/// and C1 are shown as U+FFFD by every human format; CSV stays exact and JSON
/// escapes them its own way.
@Suite(.serialized) struct TerminalEscapeCLITests {
    /// What an attacker with write access to the ledger file could plant
    /// (imports and `user add` refuse controls since R8, so it is written with SQL).
    static let hostile = "X\u{1B}]52;c;aGk=\u{07}\r\u{08}\u{7F}\u{9B}2J\u{1B}[31mY"

    static func ledger() throws -> TagihRunner {
        let t = try TagihRunner()
        try t.ok("init")
        try t.ok("user", "add", "kol01", "--name", "Rudi Hartono", "--role", "collector", "--team", "T1")
        try t.write("accounts.csv", "account_no,name,timezone,segment,collector\nA1,Siti,Asia/Jakarta,RETAIL,kol01\nA2,Bayu,Asia/Jakarta,UMKM,\n")
        try t.write("charges.csv", "account_no,ref,issue_date,due_date,amount\nA1,INV1,2026-10-01,2026-10-31,1000000\nA2,INV2,2026-10-01,2026-10-31,500000\n")
        try t.ok("--today", "2026-11-23", "import", "accounts", "accounts.csv")
        try t.ok("--today", "2026-11-23", "import", "charges", "charges.csv")
        var kol = t
        kol.user = "kol01"
        kol.environment["TAGIH_NOW"] = "2026-11-20T10:00"
        try kol.ok("--today", "2026-11-20", "contact", "log", "A1", "--channel", "phone", "--outcome", "PTP", "--promise", "400000",
                   "--promise-date", "2026-11-27", "--at", "2026-11-20T10:00")
        try t.ok("--today", "2026-11-23", "plan", "propose", "A1", "--instalments", "2")
        try t.ok("--today", "2026-11-23", "plan", "propose", "A2", "--instalments", "2")

        let db = try DatabaseQueue(path: t.path("tagih.db"))
        try db.write { db in
            // The attacker drops whatever trigger guards or seals these tables (`check` finds that; reading commands still show the text).
            let triggers = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('accounts', 'users', 'plans', 'audit')
                """)
            for name in triggers { try db.execute(sql: "DROP TRIGGER \"\(name)\"") }
            try db.execute(sql: "UPDATE accounts SET name = ?, segment = ?, phone = ?, address = ? WHERE account_no = 'A1'",
                           arguments: [hostile, hostile, hostile, hostile])
            // A2's number too: it is printed in titles and lines outside tables.
            try db.execute(sql: "UPDATE accounts SET account_no = ? WHERE account_no = 'A2'", arguments: ["A2" + hostile])
            try db.execute(sql: "UPDATE users SET name = ?, team = ? WHERE login = 'kol01'", arguments: [hostile, hostile])
            try db.execute(sql: "UPDATE plans SET note = ?", arguments: [hostile])
            try db.execute(sql: "UPDATE audit SET subject = ?, detail = ?", arguments: [hostile, hostile])
        }
        try db.close()
        return t
    }

    /// Bytes a terminal would act on: C0 but newline, DEL, and C1 (UTF-8 `C2 80`–`C2 9F`).
    static func controls(_ text: String) -> [UInt8] { HostileFilesCLITests.controls(text) }

    @Test func everyHumanFormatEscapesStoredText() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        // The commands that show the planted text, and those that may.
        let shows: [[String]] = [
            ["account", "A1"], ["report", "aging", "--by", "segment"], ["user", "list"],
            ["plan", "show", "1"], ["plan", "show", "2"], ["plan", "list"], ["audit"],
        ]
        let may: [[String]] = [
            ["report", "aging", "--by", "collector"], ["report", "promises"], ["report", "activity"], ["report", "kpi"], ["report", "roll-rate"], ["report", "nightly"],
            ["assign", "A1", "kol01"], ["can-contact", "A1"],
        ]
        for args in shows + may {
            let r = try t.run(["--today", "2026-11-23"] + args)
            let joined = args.joined(separator: " ")
            #expect(Self.controls(r.stdout).isEmpty, "tagih \(joined) printed control bytes \(Self.controls(r.stdout)): \(r.stdout)")
            #expect(Self.controls(r.stderr).isEmpty, "tagih \(joined) said control bytes \(Self.controls(r.stderr)): \(r.stderr)")
            if shows.contains(args) {
                #expect(r.status == 0, "tagih \(joined): \(r.stderr)")
                #expect(r.stdout.contains("X\u{FFFD}]52;c;aGk=\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}2J\u{FFFD}[31mY"),
                        "tagih \(joined) shows the planted text escaped: \(r.stdout)")
            }
        }
    }

    @Test func csvStaysExactAndJSONEscapesItsOwnWay() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let csv = try t.ok("--today", "2026-11-23", "report", "aging", "--by", "segment", "--format", "csv")
        #expect(csv.contains(Self.hostile), "CSV carries the stored bytes exactly: \(csv)")
        let users = try t.ok("user", "list", "--format", "csv")
        #expect(users.contains(Self.hostile))
        let json = try t.ok("--today", "2026-11-23", "account", "A1", "--format", "json")
        #expect(Self.controls(json).isEmpty)
        #expect(json.contains("\"name\": \"X\\u001b]52;c;aGk=\\u0007\\r\\u0008\\u007f\\u009b2J\\u001b[31mY\""), "\(json)")
    }
}
