import Foundation
import TagihCore
import Testing

/// Contacts and plans on PostgreSQL through the store's seam (CONTRACT §6,
/// §8, §12, R10–R12, R21): the same commands on a ledger file and on its
/// copy in a database print the same bytes and leave the same rows — the
/// contacts with their limits, overrides and promises, the plans with their
/// decisions, a discount posted when a plan completes — and two collectors
/// logging the same debtor at once never pass the daily limit.
@Suite struct PostgresContactsPlansCLITests {
    typealias PG = PostgresInitCLITests
    typealias Lite = PostgresMigrateCLITests
    typealias Outcome = PostgresReadingCLITests.Outcome

    /// The contact ledger (`ContactCLITests.ledger`) with one more thing
    /// done on the file before it is copied: a plan beyond its proposer's
    /// authority on A4, then a payment that pays its discounted total, so
    /// approving it later completes it and posts the discount.
    static func ledger() throws -> (TagihRunner, String) {
        let t = try ContactCLITests.ledger()
        let file = t.path("tagih.db")
        var early = t
        early.environment["TAGIH_NOW"] = "2026-11-15T10:00"
        try early.ok("assign", "A4", "--to", "kol02")
        early.user = "kol02"
        let proposed = try early.ok("plan", "propose", "A4", "--instalments", "1", "--discount", "10", "--first", "2026-11-25")
        #expect(proposed.hasPrefix("plan 1 pending"), "\(proposed)")
        try t.write("paid.csv", "account_no,ref,paid_on,amount,channel\nA4,P9,2026-11-16,675000,VA\n")
        var admin = t
        admin.environment["TAGIH_NOW"] = "2026-11-16T08:00"
        try admin.ok("import", "payments", "paid.csv")
        return (t, file)
    }

    /// A day as the ledger stores it.
    static func ordinal(_ iso: String) -> Int32 { Day(iso: iso)!.ordinal }

    static func outcome(_ t: TagihRunner, _ db: String, now: String, _ args: [String], language: String = "C.UTF-8") throws -> Outcome {
        var t = t
        t.environment["TAGIH_NOW"] = now
        t.environment["LANG"] = language
        let r = try t.runRaw(["--db", db] + args, acting: false)
        return Outcome(status: r.status, stdout: r.stdout.replacingOccurrences(of: db, with: "LEDGER"),
                       stderr: r.stderr.replacingOccurrences(of: db, with: "LEDGER"))
    }

    /// The rows the sequence writes, in id order, as text to compare.
    static let dumps = [
        "SELECT id, account_id, made_by, at, day, debtor_day, debtor_time, channel, outcome, attempt, contact, right_party, promise, reason, note, "
            + "promise_amount, promise_due, next_action, next_action_at, override_reason, phone_number FROM contacts ORDER BY id",
        "SELECT id, account_id, proposed_by, start_day, balance, discount_bp, discount, total, down_payment, instalments, frequency, first_due, "
            + "note, beyond, status, status_day, credit_mark FROM plans ORDER BY id",
        "SELECT plan_id, n, due_date, amount FROM plan_lines ORDER BY plan_id, n",
        "SELECT id, plan_id, day, status, by_user, note FROM plan_events ORDER BY id",
        "SELECT credit_id, plan_id, seq FROM plan_discounts ORDER BY credit_id",
        "SELECT id, account_id, source, channel, ref, date, amount, charge_id, note, batch_id FROM credits ORDER BY id",
        "SELECT id, account_id, ref, date, credit_id, reason, batch_id FROM reversals ORDER BY id",
        "SELECT id, kind, file_name, file_hash, rows_read, posted, entries_hash, imported_by, business_day FROM import_batches ORDER BY id",
        "SELECT id, open_total, unapplied, oldest_due, credit_count, next_action_day, next_action_at FROM accounts ORDER BY id",
        "SELECT id, open_amount FROM charges ORDER BY id",
        "SELECT key, value FROM meta WHERE key IN ('charged_total', 'credited_total', 'max_entry_day') ORDER BY key",
        "SELECT id, action, subject, detail, seals FROM audit ORDER BY id",
    ]

    @Test(.enabled(if: PG.server != nil))
    func contactsAndPlansGiveTheSameBytesAndRowsOnBothBackends() throws {
        let (t, file) = try Self.ledger()
        defer { t.cleanup() }
        try PG.withDatabase { name, uri in
            let copied = try t.runRaw(["migrate", "--db", file, "--to", uri], acting: false)
            #expect(copied.status == 0, "\(copied.stderr)")
            func log(_ user: String, _ at: String, _ rest: [String]) -> (String, [String]) {
                (at, ["--as", user, "contact", "log"] + rest + ["--at", at])
            }
            let steps: [(now: String, args: [String], status: Int32)] = [
                // Three attempts fill A1's day; the fourth is refused, a collector's override too, a lead's goes ahead.
                log("kol01", "2026-11-16T09:00", ["A1", "--channel", "phone", "--outcome", "NA"]) + 0,
                log("kol01", "2026-11-16T09:30", ["A1", "--channel", "sms", "--outcome", "NA", "--next", "2026-11-18"]) + 0,
                log("kol01", "2026-11-16T10:00", ["A1", "--channel", "whatsapp", "--outcome", "NA"]) + 0,
                log("kol01", "2026-11-16T10:30", ["A1", "--channel", "phone", "--outcome", "NA"]) + 1,
                log("kol01", "2026-11-16T10:31", ["A1", "--channel", "phone", "--outcome", "NA", "--override", "asked to call"]) + 1,
                log("lead01", "2026-11-16T10:32", ["A1", "--channel", "phone", "--outcome", "RPC", "--override", "debtor asked to be called"]) + 0,
                // The debtor calls at night: not an attempt, no hours, no limit.
                log("kol01", "2026-11-16T21:30", ["A1", "--channel", "phone", "--outcome", "RPC", "--inbound", "--note", "called back"]) + 0,
                ("2026-11-16T11:00", ["--as", "kol01", "can-contact", "A1"], 1),
                ("2026-11-16T11:00", ["--as", "kol02", "can-contact", "A3", "--channel", "sms"], 0),
                // A promise; one above the balance; one on a paid account.
                log("kol02", "2026-11-16T10:00+09:00", ["A3", "--channel", "whatsapp", "--outcome", "PTP", "--promise", "200000",
                                                        "--promise-date", "2026-11-20", "--reason", "financial"]) + 0,
                log("kol02", "2026-11-16T10:10+09:00", ["A3", "--channel", "whatsapp", "--outcome", "PTP", "--promise", "900000",
                                                        "--promise-date", "2026-11-20"]) + 1,
                log("kol01", "2026-11-16T11:00", ["A2", "--channel", "phone", "--outcome", "PTP", "--promise", "1000", "--promise-date", "2026-11-20"]) + 1,
                log("kol01", "2026-11-16T11:00", ["NO-SUCH", "--channel", "phone", "--outcome", "NA"]) + 1,
                // Plans: within authority (active), beyond it (pending) and approved, one replacing the active one, a decline, a cancel.
                ("2026-11-16T12:00", ["--as", "kol01", "plan", "propose", "A1", "--instalments", "2"], 0),
                ("2026-11-16T12:00", ["--as", "kol02", "plan", "propose", "A3", "--instalments", "2", "--discount", "5", "--note", "PHK"], 0),
                ("2026-11-16T12:05", ["--as", "lead01", "plan", "approve", "3", "--note", "ok"], 0),
                ("2026-11-16T12:10", ["--as", "kol01", "plan", "propose", "A1", "--instalments", "3", "--every", "2weeks"], 0),
                ("2026-11-16T12:15", ["--as", "kol02", "plan", "propose", "A3", "--instalments", "4", "--discount", "30"], 0),
                ("2026-11-16T12:20", ["--as", "lead01", "plan", "decline", "5", "--reason", "too much"], 0),
                ("2026-11-16T12:25", ["--as", "lead01", "plan", "cancel", "4", "--reason", "debtor moved"], 0),
                ("2026-11-16T12:26", ["--as", "lead01", "plan", "cancel", "4", "--reason", "again"], 1),
                ("2026-11-16T12:27", ["--as", "kol01", "plan", "approve", "3"], 1),
                // The plan paid before it was approved completes on the day it is approved, its discount (10% of 750,000) posted that day.
                ("2026-11-17T09:00", ["plan", "approve", "1", "--note", "paid already"], 0),
                ("2026-11-17T09:01", ["plan", "show", "1"], 0),
                ("2026-11-17T09:02", ["plan", "letter", "3"], 0),
                ("2026-11-17T09:03", ["plan", "list"], 0),
                ("2026-11-17T09:04", ["account", "A4"], 0),
            ]
            var printed: [String] = []
            for step in steps {
                let onFile = try Self.outcome(t, file, now: step.now, step.args)
                let onServer = try Self.outcome(t, uri, now: step.now, step.args)
                #expect(onServer == onFile, "tagih \(step.args.joined(separator: " "))")
                #expect(onFile.status == step.status, "\(step.args): \(onFile)")
                printed.append(onServer.stdout + onServer.stderr)
            }
            // Refusals and a plan in Bahasa Indonesia, the same on both.
            for (now, args) in [("2026-11-16T11:00", ["--as", "kol01", "can-contact", "A1"]),
                                ("2026-11-16T11:00", ["--as", "kol01", "contact", "log", "A1", "--channel", "sms", "--outcome", "NA"]),
                                ("2026-11-17T09:05", ["--as", "kol01", "plan", "approve", "5"]),
                                ("2026-11-17T09:05", ["plan", "show", "3"])] {
                let onFile = try Self.outcome(t, file, now: now, args, language: "id_ID.UTF-8")
                #expect(try Self.outcome(t, uri, now: now, args, language: "id_ID.UTF-8") == onFile, "id_ID tagih \(args.joined(separator: " "))")
                #expect(onFile.status == (args.contains("show") ? 0 : 1), "\(args): \(onFile)")
            }
            // What the steps said: the limit, the override, the replacement, the completed plan and its discount.
            #expect(printed[3].contains("3 contact attempts already today, the daily limit"), "\(printed[3])")
            #expect(printed[5].contains("override recorded"), "\(printed[5])")
            #expect(printed[16].contains("replaces active plan 2"), "\(printed[16])")
            #expect(printed[22] == "plan 1 completed\n", "\(printed[22])")
            let discounts = try PG.psql(name, "SELECT c.ref, c.amount, c.date FROM credits c JOIN plan_discounts d ON d.credit_id = c.id ORDER BY c.id")
            #expect(discounts == "PLAN-1-DISCOUNT|7500000|\(Self.ordinal("2026-11-17"))", "\(discounts)")
            #expect(try PG.psql(name, "SELECT string_agg(id::text, ',' ORDER BY id) FROM contacts") == "1,2,3,4,5,6")
            for sql in Self.dumps {
                #expect(try PG.psql(name, sql) == Lite.sqlite(file, sql), "\(sql)")
            }
            for db in [file, uri] {
                let check = try t.runRaw(["--db", db, "check"], acting: false)
                #expect(check.status == 0, "\(db): \(check.stdout)\(check.stderr)")
            }
        }
    }

    /// Eight processes log an attempt on the same debtor's day at once: the
    /// daily limit (3) holds, the others are refused, and the contacts' ids
    /// and the audit chain stay gap-free.
    @Test(.enabled(if: PG.server != nil))
    func collectorsLoggingTheSameDebtorAtOnceNeverPassTheDailyLimit() throws {
        var t = try ContactCLITests.ledger()
        defer { t.cleanup() }
        try PG.withDatabase { name, uri in
            #expect(try t.runRaw(["migrate", "--db", t.path("tagih.db"), "--to", uri], acting: false).status == 0)
            let before = try PG.psql(name, "SELECT count(*) FROM audit")
            t.environment["TAGIH_NOW"] = "2026-11-16T11:00"
            var running: [(Process, URL)] = []
            for i in 0..<8 {
                let err = t.dir.appendingPathComponent("log\(i).err")
                let args = ["--db", uri, "--as", i % 2 == 0 ? "kol01" : "lead01", "contact", "log", "A1", "--channel", "phone",
                            "--outcome", "NA", "--at", "2026-11-16T09:0\(i)"]
                running.append((try t.start(args, stderr: err, acting: false), err))
            }
            var logged = 0
            for (p, err) in running {
                p.waitUntilExit()
                let said = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
                if p.terminationStatus == 0 {
                    logged += 1
                } else {
                    #expect(p.terminationStatus == 1)
                    #expect(said.contains("the daily limit"), "\(said)")
                }
            }
            // The rule: ojk allows 3 attempts a day; all 8 were within the hours.
            #expect(logged == 3)
            #expect(try PG.psql(name, "SELECT count(*), min(id), max(id) FROM contacts") == "3|1|3")
            #expect(try PG.psql(name, "SELECT count(*) FROM audit") == String(Int(before)! + 3))
            let check = try t.runRaw(["--db", uri, "check"], acting: false)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
    }
}

/// A step of the sequence with the exit it must end with.
private func + (step: (String, [String]), status: Int32) -> (now: String, args: [String], status: Int32) {
    (step.0, step.1, status)
}
