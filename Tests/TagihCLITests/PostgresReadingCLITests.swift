import Foundation
import Testing

/// The reading commands that run through the store's seam on PostgreSQL
/// (CONTRACT §12: the same bytes out on both backends): a demo ledger with a
/// case, a hold and phones is copied with `migrate`, and each command's
/// standard output, standard error and exit code are compared between the
/// file and the database — as people of each role, in both languages.
@Suite struct PostgresReadingCLITests {
    typealias PG = PostgresInitCLITests
    typealias Lite = PostgresMigrateCLITests

    /// What a run printed and how it ended, with the ledger's name taken out
    /// (the only thing that may differ between the two).
    struct Outcome: Equatable, CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String
        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
    }

    static func outcome(_ t: TagihRunner, _ db: String, _ args: [String], language: String) throws -> Outcome {
        var t = t
        t.environment = ["LANG": language, "TAGIH_TODAY": "2026-12-03"]
        let r = try t.runRaw(["--db", db] + args, acting: false)
        return Outcome(status: r.status, stdout: r.stdout.replacingOccurrences(of: db, with: "LEDGER"),
                       stderr: r.stderr.replacingOccurrences(of: db, with: "LEDGER"))
    }

    @Test(.enabled(if: PG.server != nil))
    func readingCommandsPrintTheSameBytesOnBothBackends() throws {
        var t = try TagihRunner()
        t.environment = ["TAGIH_TODAY": "2026-12-03"]
        defer { t.cleanup() }
        let file = t.path("demo.db")
        let demo = try t.runRaw(["demo", "--no-ui", "--accounts", "150", "--db", file], acting: false)
        #expect(demo.status == 0, "\(demo.stderr)")
        let accounts = try Lite.sqlite(file, "SELECT account_no FROM accounts ORDER BY id LIMIT 3").split(separator: "\n").map(String.init)
        let busy = accounts[0]
        for args in [["case", "open", busy, "--type", "dispute", "--summary", "Tagihan ganda"],
                     ["hold", busy, "--kind", "cease", "--reason", "minta berhenti", "--until", "2026-12-31"],
                     ["phone", "add", busy, "0813-1111-2222", "--party", "emergency", "--consent", "ibu; setuju 2026-11-01"],
                     ["phone", "add", busy, "021-777-888", "--party", "workplace"]] {
            let r = try t.runRaw(["--db", file] + args, acting: false)
            #expect(r.status == 0, "\(args): \(r.stderr)")
        }
        let lead = try Lite.sqlite(file, "SELECT login FROM users WHERE role = 'lead' ORDER BY login LIMIT 1")
        let collector = try Lite.sqlite(file, "SELECT collector FROM accounts WHERE collector IS NOT NULL ORDER BY id LIMIT 1")
        let planned = try Lite.sqlite(file, "SELECT a.account_no FROM plans p JOIN accounts a ON a.id = p.account_id ORDER BY p.id DESC LIMIT 1")
        try PG.withDatabase { name, uri in
            let copied = try t.runRaw(["migrate", "--db", file, "--to", uri], acting: false)
            #expect(copied.status == 0, "\(copied.stderr)")
            var commands: [[String]] = []
            for a in accounts + ["NO-SUCH-ACCOUNT"] {
                commands += [["account", a], ["account", a, "--format", "json"], ["account", a, "--as-of", "2026-07-31"]]
            }
            commands += [
                ["report", "aging"], ["report", "aging", "--by", "collector"], ["report", "aging", "--by", "segment", "--format", "csv"],
                // A past day: the allocation replayed account by account, not the cache.
                ["report", "aging", "--as-of", "2026-06-30", "--by", "collector", "--format", "json"],
                ["--as", lead, "report", "aging", "--by", "collector"], ["--as", lead, "report", "aging", "--scope", "book"],
                ["--as", lead, "report", "aging", "--by", "segment"], ["--as", collector, "report", "aging", "--by", "segment", "--format", "json"],
                ["--as", collector, "report", "aging"], ["--as", collector, "account", busy, "--format", "json"],
                ["report", "roll-rate", "--from", "2026-10-01", "--to", "2026-11-30"],
                ["report", "kpi", "--from", "2026-10-01", "--to", "2026-11-30", "--format", "json"],
                ["--as", "nobody-here", "report", "aging"],
                ["report", "promises"], ["report", "promises", "--format", "json"], ["--as", lead, "report", "promises"],
                ["report", "cases", "--from", "2026-01-01", "--to", "2026-12-31"],
                ["report", "activity", "--from", "2026-11-01", "--to", "2026-12-03"],
                ["--as", collector, "report", "activity", "--from", "2026-11-01", "--to", "2026-12-03", "--format", "csv"],
                ["statement", busy], ["statement", accounts[1], "--from", "2026-01-01", "--format", "csv"],
                ["case", "list"], ["case", "list", "--account", busy, "--format", "json"], ["case", "show", "1"],
                ["audit", "--format", "csv"], ["audit", "--format", "json", "--from", "2026-01-01"],
                ["rules", "show"], ["user", "list"], ["--as", collector, "user", "list"],
                ["plan", "list"], ["plan", "list", "--format", "json"], ["plan", "show", "1"], ["plan", "show", planned],
            ]
            var onFile: [String: Outcome] = [:]
            for language in ["C.UTF-8", "id_ID.UTF-8"] {
                for args in commands {
                    let outcome = try Self.outcome(t, file, args, language: language)
                    onFile["\(language) \(args)"] = outcome
                    let onServer = try Self.outcome(t, uri, args, language: language)
                    #expect(onServer == outcome, "\(language) tagih \(args.joined(separator: " "))")
                    // Refused only where it should be: the rest printed figures, not the same error twice.
                    let refused = args.contains("NO-SUCH-ACCOUNT") || args.contains("nobody-here")
                    #expect((outcome.status == 0) != refused, "\(args): \(outcome)")
                }
            }
            // A server keeps rows where there is room, not in the order they
            // came: every other row of every table written again (the same
            // values, the triggers off as a superuser may turn them) puts
            // them in another order than the file's. A read that took the
            // order it found would now print otherwise.
            try PG.psql(name, Self.reshuffle)
            for args in commands {
                let onServer = try Self.outcome(t, uri, args, language: "C.UTF-8")
                #expect(onServer == onFile["C.UTF-8 \(args)"], "rows reordered: tagih \(args.joined(separator: " "))")
            }
            // The case, the hold and both phones reached the account's page on the server.
            let page = try Self.outcome(t, uri, ["account", busy], language: "C.UTF-8")
            #expect(page.status == 0)
            #expect(page.stdout.contains("0813-1111-2222") && page.stdout.contains("021-777-888"), "\(page)")
            #expect(page.stdout.contains("Tagihan ganda") && page.stdout.contains("minta berhenti"), "\(page)")
        }
    }

    /// Every other row (by its place in its page) of every table of the
    /// ledger written again with the same values, triggers off: the rows
    /// keep their values and move.
    static let reshuffle = """
        SET session_replication_role = replica;
        DO $$ DECLARE r record; BEGIN
            FOR r IN SELECT c.relname, a.attname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1
                     WHERE n.nspname = current_schema() AND c.relkind = 'r' LOOP
                EXECUTE format('UPDATE %I SET %I = %I WHERE ((ctid::text::point)[1])::int %% 2 = 0', r.relname, r.attname, r.attname);
            END LOOP;
        END $$;
        """

    /// `check` on the server checks what it checks on a file (CONTRACT §12):
    /// every cached figure, the entries' hashes, the chain, the seals — and
    /// finds a row changed behind Tagih's back by someone with `psql`.
    @Test(.enabled(if: PG.server != nil))
    func checkPassesAfterMigrateAndFindsRowsChangedOutsideTagih() throws {
        var t = try TagihRunner()
        t.environment = ["TAGIH_TODAY": "2026-12-03"]
        defer { t.cleanup() }
        let file = t.path("demo.db")
        #expect(try t.runRaw(["demo", "--no-ui", "--accounts", "60", "--db", file], acting: false).status == 0)
        try PG.withDatabase { name, uri in
            #expect(try t.runRaw(["migrate", "--db", file, "--to", uri], acting: false).status == 0)
            let ok = try t.runRaw(["--db", uri, "check"], acting: false)
            #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
            #expect(ok.stdout.hasPrefix("ok    postgresql schema: Tagih's current schema (16 migrations), its seal triggers and functions"), "\(ok.stdout)")
            for finding in ["allocations", "cached balances", "ledger entries", "plan discounts", "audit trail", "sealed tables"] {
                #expect(ok.stdout.contains("ok    \(finding): "), "\(finding)")
            }
            #expect(ok.stdout.hasSuffix("All checks passed.\n"))
            // Without Tagih's writer flag the server refuses the change outright.
            #expect(throws: (any Error).self) { try PG.psql(name, "UPDATE accounts SET name = 'Someone Else' WHERE id = 1") }
            // A debtor's name changed with psql by someone who knows the flag: the seal no longer matches.
            try PG.psql(name, "SET tagih.writer = 'on'; UPDATE accounts SET name = 'Someone Else' WHERE id = 1")
            let sealed = try t.runRaw(["--db", uri, "check"], acting: false)
            #expect(sealed.status == 1)
            #expect(sealed.stdout.contains("FAIL  sealed tables\n      - table accounts: its rows differ from what the audit trail sealed"), "\(sealed.stdout)")
            #expect(sealed.stderr == "tagih: check failed: sealed tables of \(uri)\n")
            // A cached open amount moved: the replay finds it.
            try PG.psql(name, "UPDATE charges SET open_amount = open_amount - 1 WHERE id = (SELECT min(id) FROM charges WHERE open_amount > 0)")
            let cached = try t.runRaw(["--db", uri, "check"], acting: false)
            #expect(cached.status == 1)
            #expect(cached.stdout.contains("FAIL  cached balances"), "\(cached.stdout)")
            // A reference trigger disabled by the tables' owner, and the row it let in (PostgresReferences).
            try PG.psql(name, "ALTER TABLE account_phones DISABLE TRIGGER account_phones_refs_insert; INSERT INTO account_phones VALUES ('0000', 999999)")
            let refs = try t.runRaw(["--db", uri, "check"], acting: false)
            #expect(refs.status == 1)
            #expect(refs.stdout.contains("FAIL  postgresql schema\n      - trigger account_phones_refs_insert is disabled\n"
                + "      - 1 rows of account_phones name a row of accounts that is not there (account_id)\n"), "\(refs.stdout)")
            // A debtor's name taken out of the name search's table (PostgresNameSearch): the workstation would not find it.
            try PG.psql(name, "DELETE FROM account_names WHERE id = 2")
            let names = try t.runRaw(["--db", uri, "check"], acting: false)
            #expect(names.status == 1)
            #expect(names.stdout.contains("      - 1 accounts are missing from the name search (account_names)\n"), "\(names.stdout)")
        }
    }

    @Test func anUnreachableServerIsOneSentence() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        let r = try t.runRaw(["--db", "postgresql:///tagih?host=/nonexistent-folder", "report", "aging"], acting: false)
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: the PostgreSQL server /nonexistent-folder/.s.PGSQL.5432, database tagih cannot be reached (no such file or directory)\n")
    }
}
