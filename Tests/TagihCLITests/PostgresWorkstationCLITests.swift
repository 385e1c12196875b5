import Foundation
import Testing

/// The workstation on PostgreSQL (CONTRACT §7, §12), through the real binary
/// (`tagih ui-bench --script`: the real store, update and render, headless):
/// the same keys on a demo ledger file and on its migration give the same
/// 80×24 screens and save the same rows; a server stopped under an open
/// workstation is said on the status line, the form kept, and the
/// workstation carries on when the server is back.
@Suite(.serialized) struct PostgresWorkstationCLITests {
    typealias PG = PostgresInitCLITests

    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A moment every zone may be called (Monday 10:00 WIB), as scripts/e2e.
    static func fixedClock(_ t: inout TagihRunner) {
        t.environment["TAGIH_TODAY"] = "2026-11-23"
        t.environment["TAGIH_NOW"] = "2026-11-23T10:00+07:00"
    }

    /// Queue, moves, an account, a contact with a promise saved, search by name and number.
    static func script(search name: String, number: String) -> String {
        """
        screen
        key down down pgdn home
        screen
        key enter
        screen
        key c tab
        type p
        key tab
        type k
        key tab
        type transfer via VA
        screen
        key f2
        saves
        screen
        key esc esc /
        type \(name)
        screen
        key esc /
        type \(number.suffix(4))
        screen
        key esc
        """
    }

    static let contactColumns = "account_id, day, made_by, channel, outcome, reason, note, promise_amount, promise_due, attempt, contact"

    @Test(.enabled(if: PG.server != nil))
    func theSameKeysGiveTheSameScreensAndRowsOnAFileAndOnItsMigration() throws {
        var t = try TagihRunner()
        defer { t.cleanup() }
        Self.fixedClock(&t)
        try PG.withDatabase { name, uri in
            // The file named as the database: the header names the ledger alike.
            let file = t.path(name)
            let demo = try t.runRaw(["demo", "--no-ui", "--accounts", "120", "--db", file], acting: false)
            #expect(demo.status == 0, "\(demo.stderr)")
            let migrated = try t.runRaw(["migrate", "--db", file, "--to", uri], acting: false)
            #expect(migrated.status == 0, "\(migrated.stderr)")
            let first = try PostgresMigrateCLITests.sqlite(file, """
                SELECT name || '|' || account_no FROM accounts WHERE collector = 'kol01' AND open_total > unapplied ORDER BY id LIMIT 1
                """).split(separator: "|")
            try t.write("keys.txt", Self.script(search: String(first[0].split(separator: " ")[0]), number: String(first[1])))
            let onFile = try t.runRaw(["--db", file, "--as", "kol01", "ui-bench", "--script", t.path("keys.txt")], acting: false)
            let onServer = try t.runRaw(["--db", uri, "--as", "kol01", "ui-bench", "--script", t.path("keys.txt")], acting: false)
            #expect(onFile.status == 0, "\(onFile.stderr)")
            #expect(onServer.status == 0, "\(onServer.stderr)")
            #expect(onFile.stdout.components(separatedBy: "--- screen").count == 8)
            let fileScreens = onFile.stdout.components(separatedBy: "\n"), serverScreens = onServer.stdout.components(separatedBy: "\n")
            #expect(fileScreens.count == serverScreens.count)
            for (i, (a, b)) in zip(fileScreens, serverScreens).enumerated() where a != b {
                Issue.record("screen line \(i) differs:\n file:   \(a)\n server: \(b)")
            }
            #expect(onFile.stdout.contains(String(first[1])), "the search found the account")
            // The same rows saved: the contact, its audit, no lease left behind.
            let fileRows = try PostgresMigrateCLITests.sqlite(file, "SELECT \(Self.contactColumns) FROM contacts ORDER BY id")
            let serverRows = try PG.psql(name, "SELECT \(Self.contactColumns) FROM contacts ORDER BY id")
            #expect(fileRows == serverRows)
            let savedToday = "SELECT count(*) FROM contacts WHERE made_by = 'kol01' AND day = 20780"  // 2026-11-23
            #expect(try PostgresMigrateCLITests.sqlite(file, savedToday) == PG.psql(name, savedToday))
            #expect(try PostgresMigrateCLITests.sqlite(file, savedToday) != "0", "the form saved a contact")
            #expect(try PostgresMigrateCLITests.sqlite(file, "SELECT action, subject FROM audit ORDER BY id DESC LIMIT 3") ==
                    PG.psql(name, "SELECT action, subject FROM audit ORDER BY id DESC LIMIT 3"))
            #expect(try PG.psql(name, "SELECT count(*) FROM leases WHERE login = 'kol01' AND expires_at > 0") ==
                    PostgresMigrateCLITests.sqlite(file, "SELECT count(*) FROM leases WHERE login = 'kol01' AND expires_at > 0"))
        }
    }

    /// A lead's team queue: on a server it is read in two parts split at the
    /// middle of the team's collectors (`WorkstationStore.keys`), and every
    /// account of every collector must be there, flagged and ordered as the
    /// file has it (the header counts them; the pages and the last page show
    /// them; a sort by balance orders them again).
    @Test(.enabled(if: PG.server != nil))
    func aLeadsTeamQueueIsTheSameOnAFileAndOnItsMigration() throws {
        var t = try TagihRunner()
        defer { t.cleanup() }
        Self.fixedClock(&t)
        try PG.withDatabase { name, uri in
            let file = t.path(name)
            #expect(try t.runRaw(["demo", "--no-ui", "--accounts", "400", "--db", file], acting: false).status == 0)
            let migrated = try t.runRaw(["migrate", "--db", file, "--to", uri], acting: false)
            #expect(migrated.status == 0, "\(migrated.stderr)")
            try t.write("lead.txt", "screen\nkey pgdn\nscreen\nkey pgdn pgdn\nscreen\nkey end\nscreen\nkey o\nscreen\nkey end\nscreen\n")
            let onFile = try t.runRaw(["--db", file, "--as", "lead01", "ui-bench", "--script", t.path("lead.txt")], acting: false)
            let onServer = try t.runRaw(["--db", uri, "--as", "lead01", "ui-bench", "--script", t.path("lead.txt")], acting: false)
            #expect(onFile.status == 0 && onServer.status == 0, "\(onFile.stderr)\(onServer.stderr)")
            #expect(onFile.stdout.components(separatedBy: "--- screen").count == 7)
            let team = try PostgresMigrateCLITests.sqlite(file, """
                SELECT count(*) FROM accounts WHERE collector IN (SELECT login FROM users WHERE team = 'TIM-BARAT')
                AND open_total > unapplied AND oldest_due < 20780
                """)
            #expect(onServer.stdout.contains("team TIM-BARAT (\(team))"), "every account of the team's collectors, on both halves")
            #expect(onFile.stdout == onServer.stdout)
            // The rows moved in the server's storage (PostgresReadingCLITests.reshuffle): the same screens.
            try PG.psql(name, PostgresReadingCLITests.reshuffle)
            let reordered = try t.runRaw(["--db", uri, "--as", "lead01", "ui-bench", "--script", t.path("lead.txt")], acting: false)
            #expect(reordered.status == 0, "\(reordered.stderr)")
            #expect(onFile.stdout == reordered.stdout, "rows reordered on the server")
        }
    }

    @Test(.enabled(if: PG.server != nil))
    func aServerStoppedUnderAnOpenWorkstationIsSaidTheFormKeptAndItCarriesOnWhenBack() throws {
        var t = try TagihRunner()
        defer { t.cleanup() }
        Self.fixedClock(&t)
        let state = t.path("pg.state")
        #expect(t.privatePG("start").status == 0, "scripts/pg start")
        defer { _ = t.privatePG("stop") }
        let server = t.privatePG("uri").output
        let folder = try String(contentsOfFile: state, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(system("psql -XAtq -h '\(folder)' -d postgres -c \"CREATE DATABASE ws TEMPLATE template0 ENCODING 'UTF8'\" > /dev/null 2>&1") == 0)
        let uri = server.replacingOccurrences(of: "postgresql:///postgres?", with: "postgresql:///ws?")
        let file = t.path("ws")
        #expect(try t.runRaw(["demo", "--no-ui", "--accounts", "60", "--db", file], acting: false).status == 0)
        let migrated = try t.runRaw(["migrate", "--db", file, "--to", uri], acting: false)
        #expect(migrated.status == 0, "\(migrated.stderr)")

        let pgScript = Self.repo.appendingPathComponent("scripts/pg").path
        for (language, lang) in [("en", "C.UTF-8"), ("id", "id_ID.UTF-8")] {
            t.environment["LANG"] = lang
            try t.write("keys-\(language).txt", """
                key enter c tab
                type p
                key tab
                type k
                key tab
                type dijanjikan lewat telepon
                run PATH=/usr/sbin:/usr/bin:/sbin:/bin TAGIH_PG_STATE='\(state)' '\(pgScript)' halt
                key f2
                saves
                screen
                follow
                follow
                screen
                run PATH=/usr/sbin:/usr/bin:/sbin:/bin TAGIH_PG_STATE='\(state)' '\(pgScript)' resume
                follow
                screen
                key f2
                saves
                screen
                """)
            let before = Int(try psqlOwn(folder, "SELECT count(*) FROM contacts")) ?? -1
            // Through system(3), not Process: the server `resume` starts from inside inherits what the child holds.
            let r = Self.runThroughShell(t, ["--db", uri, "--as", "kol01", "ui-bench", "--script", t.path("keys-\(language).txt")])
            #expect(r.status == 0, "\(r.stderr)")
            let screens = r.stdout.components(separatedBy: "--- screen ").dropFirst().map { $0.components(separatedBy: "\n") }
            guard screens.count == 4 else { Issue.record("4 screens, got \(screens.count): \(r.stdout) \(r.stderr)"); continue }
            let gone = language == "en" ? "The ledger's server cannot be reached: nothing saved, form kept; retrying."
                                        : "Server ledger tak terjangkau: tidak tersimpan, isian tetap ada; mencoba lagi."
            let back = language == "en" ? "The ledger's server is back: reconnected." : "Server ledger kembali: tersambung lagi."
            // Stopped: the status line says so, the form is on screen with what was typed.
            #expect(screens[0].joined(separator: "\n").contains(gone), "\(screens[0].joined(separator: "\n"))")
            #expect(screens[0].joined(separator: "\n").contains("dijanjikan lewat telepon"))
            // The idle looks while it is gone say it once, and keep the form.
            #expect(screens[1].joined(separator: "\n").contains("dijanjikan lewat telepon"))
            // Back: said, the form still there; saved now.
            #expect(screens[2].joined(separator: "\n").contains(back), "\(screens[2].joined(separator: "\n"))")
            #expect(screens[2].joined(separator: "\n").contains("dijanjikan lewat telepon"))
            #expect(!screens[3].joined(separator: "\n").contains(gone))
            #expect(Int(try psqlOwn(folder, "SELECT count(*) FROM contacts")) == before + 1, "saved once, after the server came back")
        }
    }

    /// `tagih args` as TagihRunner runs it, through sh with its output in files.
    static func runThroughShell(_ t: TagihRunner, _ args: [String]) -> TagihRunner.Result {
        func q(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        var env = ["TZ": "Asia/Jakarta", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": t.dir.path]
        env.merge(t.environment) { $1 }
        let out = t.path(".sh-out"), err = t.path(".sh-err")
        let command = "cd \(q(t.dir.path)) && env -i " + env.sorted { $0.key < $1.key }.map { "\($0.key)=\(q($0.value))" }.joined(separator: " ")
            + " " + q(TagihRunner.binary.path) + " " + args.map(q).joined(separator: " ") + " > \(q(out)) 2> \(q(err)) < /dev/null"
        let status = system(command)
        let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return TagihRunner.Result(status: code, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                                  stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    func psqlOwn(_ folder: String, _ sql: String) throws -> String {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("psql-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let status = system("psql -XAtq -h '\(folder)' -d ws -c \"\(sql)\" > '\(out)' 2>&1")
        guard status == 0 else { throw CocoaError(.fileReadUnknown) }
        return try String(contentsOfFile: out, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
