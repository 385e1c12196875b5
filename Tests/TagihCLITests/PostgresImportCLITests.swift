import Foundation
import Testing

/// `tagih import` and `tagih nightly` on PostgreSQL through the store's seam
/// (CONTRACT §3, §4, §11, §12, R9, R17): a demo ledger is copied with
/// `migrate`, the same files are imported into the file and into the
/// database, and every answer (stdout, stderr, exit), every rejects file,
/// every row written and `check` must agree byte for byte.
@Suite struct PostgresImportCLITests {
    typealias PG = PostgresInitCLITests
    typealias Lite = PostgresMigrateCLITests
    typealias Cases = PostgresCasesCLITests
    typealias Channels = PostgresChannelsCLITests

    /// The rows an import writes, ordered, as sqlite3 and psql print them
    /// (`imported_at` is the wall clock: left out).
    static let dumps = [
        "SELECT * FROM accounts ORDER BY id", "SELECT * FROM charges ORDER BY id", "SELECT * FROM credits ORDER BY id",
        "SELECT * FROM reversals ORDER BY id", "SELECT * FROM account_phones ORDER BY phone_key, account_id",
        "SELECT id, kind, file_name, file_hash, rows_read, posted, duplicates, rejected, entries_hash, imported_by, business_day FROM import_batches ORDER BY id",
        "SELECT id, business_day, actor, real_user, action, subject, detail FROM audit ORDER BY id",
        "SELECT key, value FROM meta WHERE key IN ('charged_total', 'credited_total', 'max_entry_day') ORDER BY key",
        "SELECT * FROM plan_discounts ORDER BY credit_id",
    ]

    static func sameRows(_ name: String, _ file: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for sql in dumps {
            #expect(try PG.psql(name, sql) == Lite.sqlite(file, sql), "\(sql)", sourceLocation: sourceLocation)
        }
    }

    /// Runs `args` on the file, then on the database, in the same folder:
    /// the same answer, and the same rejects file (read after each run).
    static func same(_ t: TagihRunner, _ file: String, _ uri: String, _ args: [String], status: Int32, rejects: String? = nil,
                     environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation) throws -> PostgresReadingCLITests.Outcome {
        var t = t
        t.environment = Cases.environment.merging(environment) { $1 }
        func one(_ db: String) throws -> (PostgresReadingCLITests.Outcome, String?) {
            if let rejects { try? FileManager.default.removeItem(atPath: t.path(rejects)) }
            let r = try t.runRaw(["--db", db] + args, acting: false)
            let out = PostgresReadingCLITests.Outcome(status: r.status, stdout: r.stdout.replacingOccurrences(of: db, with: "LEDGER"),
                                                      stderr: r.stderr.replacingOccurrences(of: db, with: "LEDGER"))
            return (out, rejects.flatMap { try? t.read($0) })
        }
        let (onFile, fileRejects) = try one(file)
        let (onServer, serverRejects) = try one(uri)
        #expect(onServer == onFile, "tagih \(args.joined(separator: " "))", sourceLocation: sourceLocation)
        #expect(onFile.status == status, "\(args): \(onFile)", sourceLocation: sourceLocation)
        if rejects != nil {
            #expect(fileRejects != nil && serverRejects == fileRejects, "\(args): rejects \(fileRejects ?? "none") / \(serverRejects ?? "none")",
                    sourceLocation: sourceLocation)
        }
        return onFile
    }

    /// The files of the sequence: every kind, rejects, a duplicate file, a
    /// conflicting row, a refused file and an overflow (R9).
    static func writeFiles(_ t: TagihRunner) throws {
        var accounts = "account_no,name,phone,collector\n8808001,Siti Rahayu,0812-1111-2222,\n8808002,Budi Santoso,,\n"
        for i in 1...12 { accounts += "N\(i),Nasabah \(i),08\(i)5550\(i),\n" }
        // An existing demo account renamed and given a phone; a row with an unknown collector.
        accounts += "ACC0000001,Nama Baru,0813-0000-0001,\nX1,Bad Login,,no.such.login\n"
        try t.write("accounts.csv", accounts)

        var charges = "account_no,ref,issue_date,due_date,amount,description\n"
        charges += "8808002,INV-8808002-11,2026-11-01,2026-11-30,2000000,Tagihan November\n"
        for i in 1...12 { charges += "N\(i),NC\(i),2026-10-0\(i % 9 + 1),2026-11-0\(i % 9 + 1),\(i * 10000).50,\n" }
        charges += "ACC0000001,NC-D1,2026-11-15,2026-12-15,75000,Demo\nACC0000002,NC-D2,2026-11-16,2026-12-16,85000,\n"
        charges += "NOPE,NC-X,2026-11-01,2026-11-30,1000,\n"
        try t.write("charges.csv", charges)

        var payments = "account_no,ref,paid_on,amount,channel,invoice_ref\n"
        for i in 1...11 { payments += "N\(i),NP\(i),2026-11-2\(i % 9),\(i * 4000),VA,\(i == 3 ? "NC3" : "")\n" }
        payments += "ACC0000001,NP-D1,2026-11-20,100000,QRIS,\nN12,NP12,2026-13-01,500,VA,\n"
        try t.write("payments.csv", payments)

        try t.write("adjustments.csv", """
            account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,reason
            N1,ADJ1,2026-11-25,credit,1000,,,,goodwill
            N2,ADJ2,2026-11-25,writeoff,2000,NC2,,,small balance
            N4,ADJ3,2026-11-25,debit,3000,,,,fee
            N5,ADJ4,2026-11-26,reversal,,,NP5,VA,bounced
            N5,ADJ4,2026-11-26,reversal,,,NP5,VA,bounced

            """)
        var conflict = "account_no,ref,issue_date,due_date,amount\nN1,NC1,2026-10-02,2026-11-02,99.00\n"
        for i in 1...10 { conflict += "N\(i),NC2-\(i),2026-11-1\(i % 9),2026-12-1\(i % 9),\(i)00\n" }
        try t.write("conflict.csv", conflict)
        try t.write("refused.csv", "account_no,ref,paid_on,amount,channel\nN1,RP1,2026-11-20,5,VA\nNOPE,RP2,2026-11-20,5,VA\n")
        try t.write("overflow.csv", """
            account_no,ref,issue_date,due_date,amount
            N1,BIG1,2026-11-01,2026-11-30,50000000000000000.00
            N2,BIG2,2026-11-01,2026-11-30,50000000000000000.00

            """)
    }

    @Test(.enabled(if: PG.server != nil))
    func everyKindOfFileImportsTheSameOnBothBackends() throws {
        let t = try Channels.runner()
        defer { t.cleanup() }
        let (file, collector) = try Channels.demo(t, accounts: 30)
        try Self.writeFiles(t)
        // The shipped bank profile (CONTRACT §11) in the rules, loaded on both.
        let rules = try Cases.outcome(t, file, ["rules", "show"]).stdout + "\n" + ProfileImportCLITests.profileText("bca-va")
        try t.write("rules.toml", rules)
        try t.copyFixture("profiles/bca-va-20261202.csv")
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, file, to: uri)
            _ = try Self.same(t, file, uri, ["rules", "load", "rules.toml"], status: 0)
            let accounts = try Self.same(t, file, uri, ["import", "accounts", "accounts.csv"], status: 0, rejects: "accounts.csv.rejects.csv")
            #expect(accounts.stdout == "accounts.csv: 16 rows read, 15 posted, 0 duplicates, 1 rejected (see accounts.csv.rejects.csv)\n", "\(accounts)")
            #expect(accounts.stderr == "tagih: accounts.csv:17: collector: unknown login \"no.such.login\"\n" || accounts.stderr.contains("accounts.csv:17: collector"),
                    "\(accounts)")
            let charges = try Self.same(t, file, uri, ["import", "charges", "charges.csv"], status: 0, rejects: "charges.csv.rejects.csv")
            #expect(charges.stdout.hasPrefix("charges.csv: 16 rows read, 15 posted, 0 duplicates, 1 rejected"), "\(charges)")
            #expect(charges.stderr.contains("charges.csv:17: account_no: unknown account"), "\(charges)")
            // The same file again: already imported, nothing posted.
            let again = try Self.same(t, file, uri, ["import", "charges", "charges.csv"], status: 0)
            #expect(again.stdout.contains("already"), "\(again)")
            let dry = try Self.same(t, file, uri, ["import", "payments", "payments.csv", "--dry-run"], status: 0)
            #expect(dry.stdout.contains("13 rows read, 12 would post"), "\(dry)")
            let payments = try Self.same(t, file, uri, ["import", "payments", "payments.csv"], status: 0, rejects: "payments.csv.rejects.csv")
            #expect(payments.stdout.hasPrefix("payments.csv: 13 rows read, 12 posted, 0 duplicates, 1 rejected"), "\(payments)")
            let adjustments = try Self.same(t, file, uri, ["import", "adjustments", "adjustments.csv"], status: 0)
            #expect(adjustments.stdout == "adjustments.csv: 5 rows read, 4 posted, 1 duplicate, 0 rejected\n", "\(adjustments)")
            let conflict = try Self.same(t, file, uri, ["import", "charges", "conflict.csv"], status: 0, rejects: "conflict.csv.rejects.csv")
            #expect(conflict.stderr.contains("conflicts with charge NC1 already posted with a different"), "\(conflict)")
            let refused = try Self.same(t, file, uri, ["import", "payments", "refused.csv"], status: 1, rejects: "refused.csv.rejects.csv")
            #expect(refused.stderr.contains("refused.csv refused: 1 of 2 rows rejected"), "\(refused)")
            // A typed refusal (a collector may not import, CONTRACT §1) in both languages (R7: LANG when the config names none).
            let english = try Self.same(t, file, uri, ["--as", collector, "import", "payments", "refused.csv"], status: 1)
            let indonesian = try Self.same(t, file, uri, ["--as", collector, "import", "payments", "refused.csv"], status: 1,
                                           environment: ["LANG": "id_ID.UTF-8"])
            #expect(english.stderr.hasPrefix("tagih: ") && indonesian.stderr.hasPrefix("tagih: ") && indonesian.stderr != english.stderr,
                    "\(english) \(indonesian)")
            let overflow = try Self.same(t, file, uri, ["import", "charges", "overflow.csv"], status: 1)
            #expect(overflow.stderr == "tagih: importing overflow.csv failed, nothing posted: amount overflow: the book's total exceeds what Tagih can hold exactly\n",
                    "\(overflow)")
            let profiled = try Self.same(t, file, uri, ["import", "payments", "bca-va-20261202.csv", "--profile", "bca-va"], status: 0)
            #expect(profiled.stdout == "bca-va-20261202.csv: 3 rows read, 3 posted, 0 duplicates, 0 rejected\n", "\(profiled)")
            for args in [["report", "aging", "--format", "csv"], ["statement", "N5", "--format", "csv"], ["statement", "8808002", "--format", "csv"],
                         ["account", "ACC0000001", "--format", "json"], ["account", "N2"]] {
                _ = try Self.same(t, file, uri, args, status: 0)
            }
            try Self.sameRows(name, file)
            try Channels.checkPasses(t, file, uri)
            // An account's open total past Int64 by a later file: on a server
            // the sums' update is sent without waiting (`LedgerCache.Adder`),
            // and the overflow it finds is still this sentence, nothing posted.
            try t.write("ovf.csv", "account_no,name\nOVF1,Overflow One\n")
            try t.write("near.csv", "account_no,ref,issue_date,due_date,amount\nOVF1,NEAR1,2026-11-01,2026-11-30,90000000000000000.00\n")
            try t.write("over.csv", "account_no,ref,issue_date,due_date,amount\nN2,OVER1,2026-11-01,2026-11-30,1.00\n"
                        + "OVF1,OVER2,2026-11-01,2026-11-30,5000000000000000.00\n")
            _ = try Self.same(t, file, uri, ["import", "accounts", "ovf.csv"], status: 0)
            _ = try Self.same(t, file, uri, ["import", "charges", "near.csv"], status: 0)
            let over = try Self.same(t, file, uri, ["import", "charges", "over.csv"], status: 1)
            #expect(over.stderr == "tagih: importing over.csv failed, nothing posted: amount overflow: the open total of account OVF1 exceeds what Tagih can hold exactly\n",
                    "\(over)")
            try Self.sameRows(name, file)
        }
    }

    /// The nightly batch (CONTRACT §4) over an inbox of several files, one of
    /// them refused, then its log: the same lines, files filed the same way,
    /// the same rows.
    @Test(.enabled(if: PG.server != nil))
    func aNightlyBatchRunsTheSameOnBothBackends() throws {
        let t = try Channels.runner()
        defer { t.cleanup() }
        let (file, _) = try Channels.demo(t, accounts: 30)
        try Self.writeFiles(t)
        func inbox() throws {
            try? FileManager.default.removeItem(atPath: t.path("inbox"))
            for (from, to) in [("accounts.csv", "accounts-1.csv"), ("charges.csv", "charges-a.csv"), ("conflict.csv", "charges-b.csv"),
                               ("payments.csv", "payments-1.csv"), ("refused.csv", "payments-2.csv"), ("adjustments.csv", "adjustments-1.csv")] {
                try t.write("inbox/\(to)", try t.read(from))
            }
        }
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, file, to: uri)
            var listings: [String] = []
            var outcomes: [PostgresReadingCLITests.Outcome] = []
            for db in [file, uri] {
                try inbox()
                outcomes.append(try Cases.outcome(t, db, ["nightly", "inbox"]))
                let found = FileManager.default.enumerator(atPath: t.path("inbox"))?.compactMap { $0 as? String }.sorted() ?? []
                listings.append(found.joined(separator: "\n"))
            }
            #expect(outcomes[1] == outcomes[0])
            #expect(outcomes[0].status == 1, "a refused file makes the night exit 1: \(outcomes[0])")
            #expect(outcomes[0].stdout.contains("payments-2.csv: refused"), "\(outcomes[0])")
            #expect(listings[1] == listings[0])
            #expect(listings[0].contains("archive/2026-12-03/charges-a.csv") && listings[0].contains("rejects/2026-12-03/charges-a.csv.rejects.csv"),
                    "\(listings[0])")
            for args in [["report", "nightly"], ["report", "nightly", "--format", "csv"], ["report", "aging", "--format", "csv"]] {
                let onFile = try Cases.outcome(t, file, args), onServer = try Cases.outcome(t, uri, args)
                #expect(onServer == onFile, "\(args)")
                #expect(onFile.status == 0 && onFile.stdout.count > 20, "\(args): \(onFile)")
            }
            try Self.sameRows(name, file)
            let runs = "SELECT id, day, inbox, files, posted, refused, rejected, plans_completed, plans_broken, summary, files_detail FROM nightly_runs ORDER BY id"
            #expect(try PG.psql(name, runs) == Lite.sqlite(file, runs))
            try Channels.checkPasses(t, file, uri)
        }
    }
}
