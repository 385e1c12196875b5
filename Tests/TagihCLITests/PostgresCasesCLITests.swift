import Foundation
import Testing

/// Holds, cases, phones and assignments recorded on PostgreSQL through the
/// store's seam (CONTRACT §9, §12, R21, R22): a demo ledger is copied with
/// `migrate`, the same commands are run on the file and on the database,
/// and every answer, every row they wrote and `check` must agree.
@Suite struct PostgresCasesCLITests {
    typealias PG = PostgresInitCLITests
    typealias Lite = PostgresMigrateCLITests
    typealias Outcome = PostgresReadingCLITests.Outcome

    /// A fixed day and time of day for the contact rules; the audit's and
    /// the marks' `at` stay the wall clock's (compared without it).
    static let environment = ["LANG": "C.UTF-8", "TAGIH_TODAY": "2026-12-03", "TAGIH_NOW": "2026-12-03T10:00"]

    static func outcome(_ t: TagihRunner, _ db: String, _ args: [String]) throws -> Outcome {
        var t = t
        t.environment = environment
        let r = try t.runRaw(["--db", db] + args, acting: false)
        return Outcome(status: r.status, stdout: r.stdout.replacingOccurrences(of: db, with: "LEDGER"),
                       stderr: r.stderr.replacingOccurrences(of: db, with: "LEDGER"))
    }

    /// The rows these commands write, ordered, as sqlite3 and psql print them.
    static let dumps = [
        "SELECT * FROM holds ORDER BY id", "SELECT * FROM cases ORDER BY id", "SELECT * FROM case_events ORDER BY id",
        "SELECT * FROM case_days ORDER BY case_id", "SELECT * FROM phones ORDER BY id", "SELECT id, phone_id, day, status, by_user FROM phone_marks ORDER BY id",
        "SELECT id, account_no, collector FROM accounts ORDER BY id", "SELECT id, business_day, actor, real_user, action, subject, detail FROM audit ORDER BY id",
        // The seals of the tables written (a mark's seal covers its wall-clock `at`).
        "SELECT id, seals FROM audit WHERE action <> 'phone.mark' ORDER BY id",
        "SELECT count(*), max(id) FROM credits",
    ]

    /// A demo ledger file and the people and accounts the sequence uses.
    struct Cast {
        var file: String
        var collector: String, lead: String, outsider: String
        var disputed: String, asked: String, other: String
    }

    static func cast(_ t: TagihRunner) throws -> Cast {
        let file = t.path("demo.db")
        let demo = try t.runRaw(["demo", "--no-ui", "--accounts", "60", "--db", file], acting: false)
        #expect(demo.status == 0, "\(demo.stderr)")
        func one(_ sql: String) throws -> String { try Lite.sqlite(file, sql) }
        // A collector with two accounts owing enough for a credit, the lead of
        // their team, a collector of another team and one of its accounts.
        let collector = try one("""
            SELECT u.login FROM users u JOIN users l ON l.team = u.team AND l.role = 'lead' AND l.active = 1
            WHERE u.role = 'collector' AND u.active = 1
              AND (SELECT count(*) FROM accounts a WHERE a.collector = u.login AND a.open_total > 100000) >= 2
            ORDER BY u.login LIMIT 1
            """)
        let team = try one("SELECT team FROM users WHERE login = '\(collector)'")
        let lead = try one("SELECT login FROM users WHERE role = 'lead' AND active = 1 AND team = '\(team)' ORDER BY login LIMIT 1")
        let outsider = try one("""
            SELECT u.login FROM users u WHERE u.role = 'collector' AND u.active = 1 AND u.team <> '\(team)'
              AND EXISTS (SELECT 1 FROM accounts a WHERE a.collector = u.login) ORDER BY u.login LIMIT 1
            """)
        let mine = try one("""
            SELECT account_no FROM accounts WHERE collector = '\(collector)' AND open_total > 100000
              AND id NOT IN (SELECT account_id FROM holds) ORDER BY id LIMIT 2
            """).split(separator: "\n").map(String.init)
        let other = try one("SELECT account_no FROM accounts WHERE collector = '\(outsider)' ORDER BY id LIMIT 1")
        #expect(!collector.isEmpty && !lead.isEmpty && !outsider.isEmpty && mine.count == 2 && !other.isEmpty)
        return Cast(file: file, collector: collector, lead: lead, outsider: outsider, disputed: mine[0], asked: mine[1], other: other)
    }

    @Test(.enabled(if: PG.server != nil))
    func recordingCommandsAnswerAndWriteTheSameOnBothBackends() throws {
        var t = try TagihRunner()
        t.environment = Self.environment
        defer { t.cleanup() }
        let c = try Self.cast(t)
        let file = c.file
        let firstCase = (Int(try Lite.sqlite(file, "SELECT coalesce(max(id), 0) FROM cases")) ?? 0) + 1
        let (dispute, question) = (String(firstCase), String(firstCase + 1))
        // An account's own number (the accounts file's), to record its consent and mark it.
        let ownNumber = try Lite.sqlite(file, "SELECT phone FROM accounts WHERE account_no = '\(c.asked)'")
        let markedNumber = try Lite.sqlite(file, "SELECT phone FROM accounts WHERE account_no = '\(c.disputed)'")
        #expect(!ownNumber.isEmpty && !markedNumber.isEmpty)
        try PG.withDatabase { name, uri in
            let copied = try t.runRaw(["migrate", "--db", file, "--to", uri], acting: false)
            #expect(copied.status == 0, "\(copied.stderr)")
            // (command, whether it is refused)
            let steps: [([String], Bool)] = [
                (["hold", c.disputed, "--kind", "hardship", "--reason", "sakit", "--until", "2026-12-20"], false),
                (["hold", c.disputed, "--kind", "hardship", "--reason", "lagi"], true),
                (["hold", c.disputed, "--kind", "legal", "--reason", "lama", "--until", "2026-01-01"], true),
                (["--as", c.collector, "release", c.disputed, "--kind", "hardship", "--reason", "sembuh"], true),
                (["--as", c.lead, "release", c.disputed, "--kind", "hardship", "--reason", "sembuh"], false),
                (["release", c.disputed, "--kind", "hardship", "--reason", "lagi"], true),
                (["--as", c.collector, "case", "open", c.disputed, "--type", "dispute", "--summary", "Tagihan ganda", "--via", "phone"], false),
                (["--as", c.collector, "case", "open", c.asked, "--type", "question", "--summary", "Kapan jatuh tempo"], false),
                (["--as", c.collector, "case", "open", c.asked, "--type", "complaint", "--summary", "x", "--charge", "NO-SUCH-REF"], true),
                (["--as", c.collector, "case", "note", dispute, "Debitur kirim bukti transfer"], false),
                (["--as", c.collector, "case", "extend", dispute, "--reason", "menunggu bank"], false),
                (["--as", c.collector, "case", "extend", dispute, "--reason", "lagi"], true),
                (["--as", c.outsider, "case", "resolve", dispute, "--outcome", "upheld", "--note", "bukan timnya"], true),
                (["--as", c.collector, "case", "resolve", dispute, "--outcome", "upheld", "--note", "Tagihan ganda terbukti", "--credit", "10000"], false),
                (["--as", c.collector, "case", "approve", dispute], true),
                (["--as", c.lead, "case", "decline", dispute, "--reason", "bukti kurang"], false),
                (["--as", c.collector, "case", "resolve", question, "--outcome", "rejected", "--note", "Sudah dijawab"], false),
                (["--as", c.collector, "case", "resolve", question, "--outcome", "rejected", "--note", "lagi"], true),
                (["--as", c.collector, "case", "resolve", dispute, "--outcome", "partly", "--note", "Sebagian", "--credit", "5000"], false),
                (["case", "list"], false), (["case", "show", dispute], false),
                (["case", "list", "--status", "awaiting", "--format", "json"], false),
                (["phone", "add", c.asked, "0813-5555-6666", "--party", "emergency", "--consent", "ibu; setuju 2026-11-01"], false),
                (["phone", "add", c.asked, "0813-5555-6666", "--party", "workplace"], true),
                (["phone", "add", c.asked, "0813 5555 6666", "--party", "emergency"], false),
                (["phone", "add", c.asked, ownNumber, "--party", "debtor", "--consent", "debitur sendiri"], false),
                (["phone", "mark", markedNumber, "--status", "wrong"], false),
                (["phone", "mark", "0813-5555-6666", "--status", "do-not-call"], false),
                (["phone", "mark", "0899-0000-1111", "--status", "wrong"], true),
                (["phone", "list", c.asked], false), (["phone", "list", c.disputed, "--format", "json"], false),
                (["--as", c.collector, "assign", c.disputed, "--to", c.outsider], true),
                (["--as", c.lead, "assign", c.other, "--to", c.collector], true),
                (["assign", c.other, c.asked, "--to", c.collector], false),
                (["--as", c.lead, "assign", c.disputed, "--to", "-"], false),
                (["assign", "NO-SUCH-ACCOUNT", "--to", c.collector], true),
                (["account", c.disputed], false), (["account", c.asked, "--format", "json"], false),
            ]
            for (args, refused) in steps {
                let onFile = try Self.outcome(t, file, args)
                let onServer = try Self.outcome(t, uri, args)
                #expect(onServer == onFile, "tagih \(args.joined(separator: " "))")
                #expect((onFile.status == 1) == refused && (refused || onFile.status == 0), "\(args): \(onFile)")
            }
            // What the commands said happened did: a collector's credit waits, a note, an extension, a decline.
            let waiting = try Self.outcome(t, uri, ["case", "show", dispute])
            #expect(waiting.stdout.contains("awaiting_approval") || waiting.stdout.contains("awaiting"), "\(waiting)")
            #expect(try PG.psql(name, "SELECT string_agg(kind || ':' || needs_approval, ',' ORDER BY id) FROM case_events WHERE case_id = \(dispute)")
                    == "note:0,extend:0,resolve:1,decline:0,resolve:1")
            // Row for row the same tables (ids included: R21, gap-free on both).
            for sql in Self.dumps {
                let (server, local) = (try PG.psql(name, sql), try Lite.sqlite(file, sql))
                let differ = zip(server.split(separator: "\n"), local.split(separator: "\n")).first { $0 != $1 }
                #expect(server == local, "\(sql): first difference \(differ.map { "\($0.0)\n  vs file\n\($0.1)" } ?? "in length")")
            }
            for db in [file, uri] {
                let check = try Self.outcome(t, db, ["check"])
                #expect(check.status == 0, "\(db): \(check)")
            }
            // A lead's approval posts the credit as CASE-<id> in a batch of its own, the same on both.
            for db in [file, uri] {
                let approved = try Self.outcome(t, db, ["--as", c.lead, "case", "approve", dispute])
                #expect(approved.status == 0 && approved.stdout == "case \(dispute) resolved, credited 5000.00 as CASE-\(dispute)\n", "\(approved)")
            }
            // A lead's own credit resolution takes effect at once.
            let complaint = String(firstCase + 2)
            for args in [["--as", c.lead, "case", "open", c.asked, "--type", "complaint", "--summary", "Denda salah"],
                         ["--as", c.lead, "case", "resolve", complaint, "--outcome", "upheld", "--note", "Denda dihapus", "--credit", "2500"]] {
                let onFile = try Self.outcome(t, file, args)
                #expect(try Self.outcome(t, uri, args) == onFile && onFile.status == 0, "\(args): \(onFile)")
            }
            for sql in Self.dumps + ["SELECT * FROM credits ORDER BY id", "SELECT id, kind, file_name, file_hash, entries_hash FROM import_batches ORDER BY id",
                                     "SELECT id, open_total, unapplied, oldest_due, credit_count FROM accounts ORDER BY id", "SELECT key, value FROM meta WHERE key IN ('charged_total', 'credited_total', 'max_entry_day') ORDER BY key"] {
                #expect(try PG.psql(name, sql) == Lite.sqlite(file, sql), "\(sql)")
            }
            for db in [file, uri] {
                let check = try Self.outcome(t, db, ["check"])
                #expect(check.status == 0, "\(db): \(check)")
            }
        }
    }

    /// Several people recording on different accounts at once: every write
    /// lands (a serialization failure is retried whole), ids stay gap-free.
    @Test(.enabled(if: PG.server != nil))
    func manyRecordersAtOnceAllLandWithIdsGapFree() throws {
        var t = try TagihRunner()
        t.environment = Self.environment
        defer { t.cleanup() }
        let file = t.path("demo.db")
        #expect(try t.runRaw(["demo", "--no-ui", "--accounts", "60", "--db", file], acting: false).status == 0)
        let free = try Lite.sqlite(file, "SELECT account_no FROM accounts WHERE id NOT IN (SELECT account_id FROM holds) ORDER BY id LIMIT 9")
            .split(separator: "\n").map(String.init)
        #expect(free.count == 9)
        try PG.withDatabase { name, uri in
            #expect(try t.runRaw(["migrate", "--db", file, "--to", uri], acting: false).status == 0)
            let before = try ["holds", "cases", "phones", "audit"].map { try PG.psql(name, "SELECT count(*) FROM \($0)") }
            var commands: [[String]] = []
            for a in free[0..<3] { commands.append(["hold", a, "--kind", "legal", "--reason", "gugatan"]) }
            for a in free[3..<6] { commands.append(["case", "open", a, "--type", "question", "--summary", "tanya saldo"]) }
            for (i, a) in free[6..<9].enumerated() { commands.append(["phone", "add", a, "0815-000\(i)-1234", "--party", "workplace"]) }
            var running: [(Process, URL, [String])] = []
            for (i, args) in commands.enumerated() {
                let err = t.dir.appendingPathComponent("w\(i).err")
                running.append((try t.start(["--db", uri] + args, stderr: err, acting: false), err, args))
            }
            for (p, err, args) in running {
                p.waitUntilExit()
                #expect(p.terminationStatus == 0, "\(args): \((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
            }
            let after = try ["holds", "cases", "phones", "audit"].map { try PG.psql(name, "SELECT count(*) FROM \($0)") }
            // Three each; the audit has one row a write and a dispute-free case opens no hold.
            #expect(zip(before, after).map { (Int($1) ?? 0) - (Int($0) ?? 0) } == [3, 3, 3, 9])
            for table in ["holds", "cases", "phones", "audit", "case_events"] {
                #expect(try PG.psql(name, "SELECT count(*) = coalesce(max(id), 0) FROM \(table)") == "t", "\(table) ids have a gap")
            }
            #expect(try PG.psql(name, "SELECT count(*) FROM audit a JOIN audit b ON b.id = a.id + 1 WHERE b.prev_hash <> a.hash") == "0")
            let check = try t.runRaw(["--db", uri, "check"], acting: false)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
    }
}
