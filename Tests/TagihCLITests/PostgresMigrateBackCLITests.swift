import Foundation
import Testing

/// `tagih --db postgresql://… migrate --to FILE` (CONTRACT §12): the way
/// back. A demo ledger goes to PostgreSQL and comes back into a new file
/// with every table and the schema identical, `check` passing and the same
/// reports; a target holding anything, a non-admin and a target of the same
/// kind are refused; a copy that fails leaves no file behind.
@Suite struct PostgresMigrateBackCLITests {
    typealias PG = PostgresInitCLITests

    /// Every row of `table`, each value written with its storage class
    /// (`quote`: 5 and '5' differ, X'…' for a blob, NULL for NULL).
    static func dump(_ path: String, _ table: String) throws -> String {
        try PostgresMigrateCLITests.sqlite(path, "SELECT * FROM \(table) ORDER BY 1, 2", options: ["-cmd", ".mode quote"])
    }

    /// The schema as SQLite keeps it: every table, index and trigger with its SQL.
    static func schema(_ path: String) throws -> String {
        try PostgresMigrateCLITests.sqlite(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name")
    }

    /// The demo ledger's day and moment, fixed: on a real Sunday or holiday
    /// `remind` sends nothing (the contact policy's hours), so a test run
    /// that day found no messages to copy (a Sunday run failed so).
    static func fixedClock(_ t: inout TagihRunner) { PostgresWorkstationCLITests.fixedClock(&t) }

    /// A demo ledger with a case (extended: a row the dropped `case_days_extend`
    /// trigger would have touched), a hold and reminders beside its contacts and plans.
    static func demo(_ t: TagihRunner) throws -> (account: String, collector: String) {
        let db = t.path("demo.db")
        let made = try t.runRaw(["demo", "--no-ui", "--accounts", "80", "--db", db], acting: false)
        #expect(made.status == 0, "\(made.stderr)")
        let account = try PostgresMigrateCLITests.sqlite(db, "SELECT account_no FROM accounts ORDER BY id LIMIT 1")
        let second = try PostgresMigrateCLITests.sqlite(db, "SELECT account_no FROM accounts ORDER BY id LIMIT 1 OFFSET 1")
        for args in [["case", "open", account, "--type", "dispute", "--summary", "Tagihan ganda"],
                     ["case", "extend", "1", "--reason", "menunggu bukti"],
                     ["hold", second, "--kind", "cease", "--reason", "minta dihentikan"],
                     ["remind", "--out", t.path("letters")]] {
            let r = try t.runRaw(["--db", db] + args, acting: false)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let collector = try PostgresMigrateCLITests.sqlite(db, "SELECT login FROM users WHERE role = 'collector' ORDER BY login LIMIT 1")
        return (account, collector)
    }

    /// The demo ledger in a fresh PostgreSQL database.
    static func withDemoOnServer(_ t: TagihRunner, _ body: (String, String) throws -> Void) throws {
        try PG.withDatabase { name, uri in
            let there = try t.runRaw(["migrate", "--db", t.path("demo.db"), "--to", uri], acting: false)
            #expect(there.status == 0, "\(there.stderr)")
            try body(name, uri)
        }
    }

    @Test(.enabled(if: PG.server != nil))
    func aDemoLedgerComesBackIdenticalAndChecks() throws {
        var t = try TagihRunner()
        Self.fixedClock(&t)
        defer { t.cleanup() }
        let (account, _) = try Self.demo(t)
        let original = t.path("demo.db"), copy = t.path("back.db")
        try Self.withDemoOnServer(t) { _, uri in
            let r = try t.runRaw(["--db", uri, "migrate", "--to", copy], acting: false)
            #expect(r.status == 0, "\(r.stderr)")
            let rows = try PostgresMigrateCLITests.tables.map { try PostgresMigrateCLITests.sqlite(original, "SELECT count(*) FROM \($0)") }
                .compactMap { Int($0) }.reduce(0, +)
            #expect(r.stdout == "\(uri): copied to \(copy): \(rows) rows in \(PostgresMigrateCLITests.tables.count) tables\n")
        }
        var nonEmpty = 0
        for table in PostgresMigrateCLITests.tables {
            let before = try Self.dump(original, table)
            #expect(before == (try Self.dump(copy, table)), "table \(table)")
            if !before.isEmpty { nonEmpty += 1 }
        }
        // The case (its derived case_days row copied, not derived again), the hold and the reminders came along.
        #expect(nonEmpty >= 20)
        for table in ["cases", "case_events", "case_days", "holds", "messages", "message_stages", "plans", "contacts"] {
            #expect(try PostgresMigrateCLITests.sqlite(copy, "SELECT count(*) > 0 FROM \(table)") == "1", "table \(table)")
        }
        // Every index and trigger as the migrations made them (those dropped for the load made again from their SQL).
        #expect(try Self.schema(copy) == (try Self.schema(original)))
        #expect(try PostgresMigrateCLITests.sqlite(copy, "SELECT count(*) FROM accounts_fts WHERE accounts_fts MATCH 'a*'")
                == (try PostgresMigrateCLITests.sqlite(original, "SELECT count(*) FROM accounts_fts WHERE accounts_fts MATCH 'a*'")))
        let check = try t.runRaw(["--db", copy, "check"], acting: false)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        for args in [["report", "aging"], ["report", "aging", "--by", "collector", "--format", "json"],
                     ["account", account, "--format", "json"], ["audit"], ["plan", "list"]] {
            let a = try t.runRaw(["--db", original] + args, acting: false)
            let b = try t.runRaw(["--db", copy] + args, acting: false)
            #expect(a.status == 0, "\(args): \(a.stderr)")
            #expect(a.stdout == b.stdout, "\(args)")
            #expect(b.stderr == a.stderr, "\(args)")
        }
        // Group and others as `init` makes a ledger: never world-readable.
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int ?? 0
        #expect(mode & 0o007 == 0)
    }

    @Test(.enabled(if: PG.server != nil))
    func aTargetHoldingAnythingANonAdminAndTheSameKindAreRefused() throws {
        var t = try TagihRunner()
        Self.fixedClock(&t)
        defer { t.cleanup() }
        let (_, collector) = try Self.demo(t)
        try t.write("notes.txt", "not a ledger\n")
        try FileManager.default.createDirectory(atPath: t.path("folder"), withIntermediateDirectories: false)
        try Self.withDemoOnServer(t) { name, uri in
            func ledger(_ args: [String], _ acting: Bool) throws -> TagihRunner.Result { try t.runRaw(args, acting: acting) }
            // A ledger with rows (the original itself), a text file, a folder: exit 1, each untouched.
            let full = try ledger(["--db", uri, "migrate", "--to", t.path("demo.db")], false)
            #expect(full.status == 1)
            #expect(full.stderr.hasPrefix("tagih: --to: \(t.path("demo.db")) is not empty (its table "))
            let text = try ledger(["--db", uri, "migrate", "--to", t.path("notes.txt")], false)
            #expect(text.status == 1)
            #expect(text.stderr == "tagih: --to: \(t.path("notes.txt")) already exists and is not an empty Tagih ledger; migrate copies only into a new or empty file\n")
            #expect(try t.read("notes.txt") == "not a ledger\n")
            let folder = try ledger(["--db", uri, "migrate", "--to", t.path("folder")], false)
            #expect(folder.status == 1)
            #expect(folder.stderr == "tagih: --to: \(t.path("folder")) is a folder; name a new ledger file\n")
            // A collector (through an admin's --as) is refused before any file is made; said in Indonesian too.
            let refused = try ledger(["--as", collector, "--db", uri, "migrate", "--to", t.path("x.db")], false)
            #expect(refused.status == 1)
            #expect(refused.stderr == "tagih: migrate copies the whole ledger: admins only; \(collector) is a collector\n")
            var id = t
            id.environment["LANG"] = "id_ID.UTF-8"
            let ditolak = try id.runRaw(["--as", collector, "--db", uri, "migrate", "--to", t.path("x.db")], acting: false)
            #expect(ditolak.stderr == "tagih: migrate menyalin seluruh buku besar: hanya admin; \(collector) adalah collector\n")
            #expect(!FileManager.default.fileExists(atPath: t.path("x.db")))
            // PostgreSQL to PostgreSQL, and a file to a file: usage errors, exit 2.
            let pgpg = try ledger(["--db", uri, "migrate", "--to", uri], false)
            #expect(pgpg.status == 2)
            #expect(pgpg.stderr == "tagih: --to: \(uri) is a PostgreSQL database, as --db is; migrate copies a PostgreSQL ledger into a new ledger file (give a file path)\n")
            let filefile = try ledger(["--db", t.path("demo.db"), "migrate", "--to", t.path("y.db")], false)
            #expect(filefile.status == 2)
            #expect(filefile.stderr.hasPrefix("tagih: --to: \(t.path("y.db")) is not a PostgreSQL URI (postgresql://HOST/DBNAME); "))
            #expect(!FileManager.default.fileExists(atPath: t.path("y.db")))
            // The person as the PostgreSQL ledger's users say (the rules of a file's session): a lead may not,
            // nor use --as; a deactivated login is refused.
            let me = TagihRunner.realLogin
            try PG.psql(name, "SET tagih.writer = 'on'; UPDATE users SET role = 'lead' WHERE login = '\(me)'")
            let lead = try ledger(["--db", uri, "migrate", "--to", t.path("x.db")], false)
            #expect(lead.stderr == "tagih: migrate copies the whole ledger: admins only; \(me) is a lead\n")
            let leadAs = try ledger(["--as", collector, "--db", uri, "migrate", "--to", t.path("x.db")], false)
            #expect(leadAs.stderr == "tagih: --as is allowed only to admins; \(me) is a lead\n")
            try PG.psql(name, "SET tagih.writer = 'on'; UPDATE users SET role = 'admin', active = 0 WHERE login = '\(me)'")
            let inactive = try ledger(["--db", uri, "migrate", "--to", t.path("x.db")], false)
            #expect(inactive.status == 1)
            #expect(inactive.stderr == "tagih: login \(me) is deactivated in \(uri)\n")
            #expect(!FileManager.default.fileExists(atPath: t.path("x.db")))
        }
    }

    /// A row SQLite refuses, found only when the copy is all in (a foreign
    /// key to nothing, which the server was told not to check): the copy
    /// rolls back, the file it made is gone with its -wal and -shm, and an
    /// empty file given as the target is empty again.
    @Test(.enabled(if: PG.server != nil))
    func aCopyThatFailsLeavesNoFile() throws {
        var t = try TagihRunner()
        Self.fixedClock(&t)
        defer { t.cleanup() }
        _ = try Self.demo(t)
        try Self.withDemoOnServer(t) { name, uri in
            try PG.psql(name, """
                SET session_replication_role = replica;
                INSERT INTO case_days(case_id, account_id, opened) VALUES (999999, 1, 1);
                """)
            let target = t.path("back.db")
            let r = try t.runRaw(["--db", uri, "migrate", "--to", target], acting: false)
            #expect(r.status == 1)
            #expect(r.stderr == "tagih: a row of case_days (rowid 999999) names a row of cases that the ledger copied does not hold; "
                    + "nothing was copied, and \(target) was removed\n")
            for suffix in ["", "-wal", "-shm"] { #expect(!FileManager.default.fileExists(atPath: target + suffix), "\(suffix)") }
            try t.write("empty.db", "")
            let again = try t.runRaw(["--db", uri, "migrate", "--to", t.path("empty.db")], acting: false)
            #expect(again.status == 1)
            #expect(again.stderr.hasSuffix("; nothing was copied; \(t.path("empty.db")) is as it was\n"), "\(again.stderr)")
            #expect(try t.read("empty.db") == "")
            #expect(!FileManager.default.fileExists(atPath: t.path("empty.db") + "-wal"))
            // Once the bad row is gone, the empty file takes the copy.
            try PG.psql(name, "DELETE FROM case_days WHERE case_id = 999999")
            let ok = try t.runRaw(["--db", uri, "migrate", "--to", t.path("empty.db")], acting: false)
            #expect(ok.status == 0, "\(ok.stderr)")
            #expect(try t.runRaw(["--db", t.path("empty.db"), "check"], acting: false).status == 0)
        }
    }
}
