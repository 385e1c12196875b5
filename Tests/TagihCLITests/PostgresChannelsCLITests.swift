import Foundation
import Testing

/// Reminder stages paused and resumed on PostgreSQL through the store's seam
/// (CONTRACT §10, R15, R21): a demo ledger is copied with `migrate`, the
/// same commands are run on the file and on the database, and every answer,
/// every row they wrote (its seal too) and `check` must agree.
@Suite struct PostgresChannelsCLITests {
    typealias PG = PostgresInitCLITests
    typealias Lite = PostgresMigrateCLITests
    typealias Cases = PostgresCasesCLITests

    static func runner() throws -> TagihRunner {
        var t = try TagihRunner()
        t.environment = Cases.environment
        return t
    }

    /// A demo ledger file and the first active collector's login.
    static func demo(_ t: TagihRunner, accounts: Int) throws -> (file: String, collector: String) {
        let file = t.path("demo.db")
        let demo = try t.runRaw(["demo", "--no-ui", "--accounts", String(accounts), "--db", file], acting: false)
        #expect(demo.status == 0, "\(demo.stderr)")
        let collector = try Lite.sqlite(file, "SELECT login FROM users WHERE role = 'collector' AND active = 1 ORDER BY login LIMIT 1")
        #expect(!collector.isEmpty)
        return (file, collector)
    }

    static func migrate(_ t: TagihRunner, _ file: String, to uri: String) throws {
        let copied = try t.runRaw(["migrate", "--db", file, "--to", uri], acting: false)
        #expect(copied.status == 0, "\(copied.stderr)")
    }

    static func checkPasses(_ t: TagihRunner, _ dbs: String...) throws {
        for db in dbs {
            let check = try Cases.outcome(t, db, ["check"])
            #expect(check.status == 0, "\(db): \(check)")
        }
    }

    @Test(.enabled(if: PG.server != nil))
    func stagePausesAnswerAndWriteTheSameOnBothBackends() throws {
        let t = try Self.runner()
        defer { t.cleanup() }
        let (file, collector) = try Self.demo(t, accounts: 30)
        try PG.withDatabase { name, uri in
            try Self.migrate(t, file, to: uri)
            // (command, exit status): a pause, a repeat that changes nothing,
            // a collector refused, an unknown stage (usage), a resume.
            let steps: [([String], Int32)] = [
                (["remind", "pause", "SP1"], 0), (["remind", "pause", "SP1"], 0), (["remind", "pause", "SP2"], 0),
                (["--as", collector, "remind", "pause", "SP3"], 1), (["remind", "pause", "NO-SUCH-STAGE"], 2),
                (["remind", "resume", "SP1"], 0), (["remind", "resume", "SP1"], 0), (["remind", "resume", "SP3"], 0),
            ]
            for (args, status) in steps {
                let onFile = try Cases.outcome(t, file, args)
                let onServer = try Cases.outcome(t, uri, args)
                #expect(onServer == onFile, "tagih \(args.joined(separator: " "))")
                #expect(onFile.status == status, "\(args): \(onFile)")
            }
            // Three records written (a repeat writes none), ids 1…3 on both.
            #expect(try PG.psql(name, "SELECT string_agg(id || ':' || stage || ':' || paused, ',' ORDER BY id) FROM stage_pauses")
                    == "1:SP1:1,2:SP2:1,3:SP1:0")
            for sql in ["SELECT id, stage, day, paused, by_user, reason FROM stage_pauses ORDER BY id",
                        "SELECT id, business_day, actor, action, subject, detail FROM audit ORDER BY id",
                        "SELECT id, seals FROM audit ORDER BY id"] {
                #expect(try PG.psql(name, sql) == Lite.sqlite(file, sql), "\(sql)")
            }
            try Self.checkPasses(t, file, uri)
        }
    }

    /// Wall-clock times (`created`, `rotated`, `grace_until`) as `TIME`: they differ between two runs.
    static func timeless(_ text: String) -> String {
        text.replacingOccurrences(of: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z?"#, with: "TIME", options: .regularExpression)
    }

    @Test(.enabled(if: PG.server != nil))
    func channelsAnswerAndWriteTheSameOnBothBackends() throws {
        let t = try Self.runner()
        defer { t.cleanup() }
        let (file, collector) = try Self.demo(t, accounts: 30)
        let before = try Lite.sqlite(file, "SELECT count(*) FROM channels")
        try PG.withDatabase { name, uri in
            try Self.migrate(t, file, to: uri)
            // (command, exit status, prints a secret)
            let steps: [([String], Int32, Bool)] = [
                (["channel", "add", "TEST_VA"], 0, true), (["channel", "add", "TEST_VA"], 1, false),
                (["channel", "add", "bad name"], 2, false), (["--as", collector, "channel", "add", "TEST_QR"], 1, false),
                (["channel", "add", "TEST_QR"], 0, true), (["channel", "rotate", "TEST_VA", "--grace", "30"], 0, true),
                (["channel", "rotate", "TEST_QR"], 0, true), (["channel", "rotate", "NO_SUCH"], 1, false),
                (["channel", "rotate", "TEST_QR", "--grace", "0"], 2, false),
                (["channel", "list"], 0, false), (["channel", "list", "--format", "csv"], 0, false), (["channel", "list", "--format", "json"], 0, false),
            ]
            for (args, status, secret) in steps {
                let onFile = try Cases.outcome(t, file, args)
                let onServer = try Cases.outcome(t, uri, args)
                #expect(onFile.status == status && onServer.status == status, "\(args): \(onFile) \(onServer)")
                #expect(onServer.stderr == onFile.stderr, "tagih \(args.joined(separator: " "))")
                if secret {
                    // Random secrets: the same shape, never the same value.
                    for out in [onFile.stdout, onServer.stdout] {
                        #expect(out.range(of: "^[0-9a-f]{64}\n$", options: .regularExpression) != nil, "\(args): \(out)")
                    }
                    #expect(onFile.stdout != onServer.stdout)
                } else {
                    #expect(Self.timeless(onServer.stdout) == Self.timeless(onFile.stdout), "tagih \(args.joined(separator: " "))")
                }
            }
            let listed = try Cases.outcome(t, uri, ["channel", "list", "--format", "csv"])
            #expect(listed.stdout.contains("TEST_QR,") && listed.stdout.contains("TEST_VA,"), "\(listed)")
            #expect(try PG.psql(name, "SELECT count(*) FROM channels") == String((Int(before) ?? 0) + 2))
            for sql in ["""
                        SELECT id, name, created_by, rotated_by, CASE WHEN grace_until IS NULL THEN 0 ELSE 1 END,
                               CASE WHEN previous_secret IS NULL THEN 0 ELSE 1 END FROM channels ORDER BY id
                        """,
                        "SELECT id, business_day, actor, action, subject, detail FROM audit ORDER BY id"] {
                #expect(try PG.psql(name, sql) == Lite.sqlite(file, sql), "\(sql)")
            }
            try Self.checkPasses(t, file, uri)
        }
    }

    @Test(.enabled(if: PG.server != nil))
    func rulesLoadAnswersAndWritesTheSameOnBothBackends() throws {
        let t = try Self.runner()
        defer { t.cleanup() }
        let (file, collector) = try Self.demo(t, accounts: 30)
        // The rules in force as a file, and the same with one rule changed.
        let shown = try Cases.outcome(t, file, ["rules", "show"])
        #expect(shown.status == 0, "\(shown)")
        let same = t.path("same.toml"), changed = t.path("changed.toml")
        try shown.stdout.write(toFile: same, atomically: true, encoding: .utf8)
        let edited = shown.stdout.replacingOccurrences(of: #"max_attempts_per_day = \d+"#, with: "max_attempts_per_day = 9", options: .regularExpression)
        #expect(edited != shown.stdout)
        try edited.write(toFile: changed, atomically: true, encoding: .utf8)
        try PG.withDatabase { name, uri in
            try Self.migrate(t, file, to: uri)
            let steps: [([String], Int32)] = [
                (["rules", "load", same], 0), (["--as", collector, "rules", "load", changed], 1),
                (["rules", "load", t.path("none.toml")], 1), (["rules", "load", changed], 0), (["rules", "load", changed], 0),
                (["rules", "show"], 0),
            ]
            for (args, status) in steps {
                let onFile = try Cases.outcome(t, file, args)
                let onServer = try Cases.outcome(t, uri, args)
                #expect(onFile.status == status, "\(args): \(onFile)")
                #expect(onServer.stderr == onFile.stderr && onServer.status == onFile.status, "tagih \(args.joined(separator: " ")): \(onServer)")
                #expect(Self.timeless(onServer.stdout) == Self.timeless(onFile.stdout), "tagih \(args.joined(separator: " "))")
            }
            let after = try Cases.outcome(t, uri, ["rules", "show"])
            #expect(after.stdout.contains("max_attempts_per_day = 9"), "\(after)")
            for sql in ["SELECT id, toml, loaded_by, business_day FROM rules ORDER BY id",
                        "SELECT id, business_day, actor, action, subject, detail FROM audit ORDER BY id"] {
                #expect(try PG.psql(name, sql) == Lite.sqlite(file, sql), "\(sql)")
            }
            try Self.checkPasses(t, file, uri)
        }
    }

    @Test(.enabled(if: PG.server != nil))
    func reconcileAnswersTheSameOnBothBackends() throws {
        let t = try Self.runner()
        defer { t.cleanup() }
        let (file, collector) = try Self.demo(t, accounts: 60)
        let channel = try Lite.sqlite(file, """
            SELECT channel FROM credits WHERE source = 'payment' AND channel <> '' GROUP BY channel ORDER BY count(*) DESC, channel LIMIT 1
            """)
        let paid = try Lite.sqlite(file, "SELECT ref || '|' || amount FROM credits WHERE source = 'payment' AND channel = '\(channel)' ORDER BY id LIMIT 3")
            .split(separator: "\n").map { $0.split(separator: "|").map(String.init) }
        #expect(!channel.isEmpty && paid.count == 3, "\(channel) \(paid)")
        func money(_ minor: Int) -> String { "\(minor / 100)." + String(format: "%02d", minor % 100) }
        // One settled in full, one a sen short, one not settled, one settled that the ledger never posted.
        let a = Int(paid[0][1]) ?? 0, b = Int(paid[1][1]) ?? 0
        try t.write("settlement.csv", "date,ref,amount,fee\n2026-12-01,\(paid[0][0]),\(money(a)),1000\n"
                    + "2026-12-02,\(paid[1][0]),\(money(b - 1)),0\n2026-12-02,NOT-POSTED-1,5000,2500.50\n")
        try PG.withDatabase { name, uri in
            try Self.migrate(t, file, to: uri)
            let base = ["reconcile", "--channel", channel, "--statement", t.path("settlement.csv"), "--from", "2000-01-01", "--to", "2026-12-31"]
            let steps: [([String], Int32)] = [
                (base, 0), (base + ["--format", "csv"], 0), (base + ["--format", "json"], 0),
                (["--as", collector] + base, 1), (Array(base.dropLast(4)) + ["--from", "2026-12-02", "--to", "2026-12-01"], 2),
                (["reconcile", "--channel", channel, "--statement", t.path("none.csv"), "--from", "2026-12-01", "--to", "2026-12-02"], 1),
            ]
            for (args, status) in steps {
                let onFile = try Cases.outcome(t, file, args)
                let onServer = try Cases.outcome(t, uri, args)
                #expect(onServer == onFile, "tagih \(args.joined(separator: " "))")
                #expect(onFile.status == status, "\(args): \(onFile)")
            }
            let csv = try Cases.outcome(t, uri, base + ["--format", "csv"]).stdout
            for (ref, status) in [(paid[0][0], "matched"), (paid[1][0], "amount_differs"), (paid[2][0], "posted_not_settled"), ("NOT-POSTED-1", "settled_not_posted")] {
                #expect(csv.contains("\(ref),\(status),"), "\(ref) \(status): \(csv)")
            }
        }
    }
}
