import Foundation
import Testing

/// `can-contact`, `contact log`, `report promises` and `report activity`
/// through the real binary (CONTRACT §6).
@Suite(.serialized) struct ContactCLITests {
    /// Four accounts in three zones, two collectors and a lead of one team,
    /// payments that keep two promises and a reversal that breaks one.
    static func ledger() throws -> TagihRunner {
        let t = try TagihRunner()
        try t.ok("init")
        try t.ok("user", "add", "kol01", "--name", "Rudi Hartono", "--role", "collector", "--team", "T1")
        try t.ok("user", "add", "kol02", "--name", "Sri Wahyuni", "--role", "collector", "--team", "T1")
        try t.ok("user", "add", "lead01", "--name", "Hendra Gunawan", "--role", "lead", "--team", "T1")
        try t.write("accounts.csv", """
            account_no,name,timezone,collector
            A1,Siti Rahayu,Asia/Jakarta,kol01
            A2,Bayu Effendi,Asia/Makassar,kol01
            A3,Yohanes Rumbiak,Asia/Jayapura,kol02
            A4,CV Tirta,Asia/Jakarta,

            """)
        try t.write("charges.csv", """
            account_no,ref,issue_date,due_date,amount
            A1,INV1,2026-10-01,2026-10-31,1000000
            A2,INV2,2026-10-01,2026-10-31,2000000
            A3,INV3,2026-10-01,2026-10-31,500000
            A4,INV4,2026-10-01,2026-10-31,750000

            """)
        try t.write("payments.csv", """
            account_no,ref,paid_on,amount,channel
            A1,P1,2026-11-12,300000,VA
            A1,P2,2026-11-13,200000,QRIS
            A2,P3,2026-11-10,2000000,BANK_TRANSFER
            A3,P4,2026-11-11,500000,VA

            """)
        try t.write("adjustments.csv", "account_no,ref,date,kind,payment_ref,channel\nA3,R1,2026-11-14,reversal,P4,VA\n")
        for k in ["accounts", "charges", "payments", "adjustments"] { try t.ok("import", k, "\(k).csv") }
        return t
    }

    static func log(_ t: TagihRunner, as user: String, _ args: String...) throws -> TagihRunner.Result {
        try log(t, as: user, args[0], Array(args.dropFirst()))
    }

    /// The contacts the reports are built from, logged by kol01, kol02 and lead01.
    static func logContacts(_ t: TagihRunner) throws {
        let contacts: [(String, [String])] = [
            ("kol01", ["A1", "--channel", "phone", "--outcome", "PTP", "--promise", "500000", "--promise-date", "2026-11-13",
                       "--reason", "financial", "--at", "2026-11-09T09:00"]),
            ("kol01", ["A2", "--channel", "phone", "--outcome", "ptp", "--promise", "1000000.50", "--promise-date", "2026-11-10",
                       "--at", "2026-11-09T10:00"]),
            ("kol02", ["A3", "--channel", "whatsapp", "--outcome", "PTP", "--promise", "500000", "--promise-date", "2026-11-12",
                       "--at", "2026-11-10T10:00+09:00"]),
            ("kol01", ["A1", "--channel", "sms", "--outcome", "NA", "--at", "2026-11-09T11:00"]),
            ("kol01", ["A1", "--channel", "phone", "--outcome", "RPC", "--reason", "dispute", "--note", "tagihan ganda", "--next", "2026-11-12",
                       "--at", "2026-11-10T09:00"]),
            ("kol01", ["A4", "--channel", "letter", "--outcome", "TP", "--at", "2026-11-11T22:00", "--next", "2026-11-12T14:30"]),
            ("lead01", ["A1", "--channel", "visit", "--outcome", "PTP", "--promise", "400000", "--promise-date", "2026-11-27",
                        "--at", "2026-11-20T10:00"]),
        ]
        for (user, args) in contacts {
            let r = try log(t, as: user, args[0], Array(args.dropFirst()))
            #expect(r.status == 0, "contact log \(args.joined(separator: " ")): \(r.stderr)")
        }
    }

    static func log(_ t: TagihRunner, as user: String, _ account: String, _ rest: [String]) throws -> TagihRunner.Result {
        var r = t
        r.user = user
        // A contact is logged as it happens (backdate_hours): the clock stands at its moment.
        if r.environment["TAGIH_NOW"] == nil, let i = rest.firstIndex(of: "--at"), i + 1 < rest.count { r.environment["TAGIH_NOW"] = rest[i + 1] }
        return try r.run(["contact", "log", account] + rest)
    }

    @Test func canContactSaysAllowedOrBlockedAndWhen() throws {
        var t = try Self.ledger()
        defer { t.cleanup() }
        t.user = "kol01"
        // 07:30 in Jakarta is 08:30 in Makassar.
        let ok = try t.run("can-contact", "A2", "--at", "2026-11-09T07:30")
        #expect(ok.status == 0)
        #expect(ok.stdout == "allowed\ndebtor's time 2026-11-09 08:30 WITA (Asia/Makassar); phone; policy ojk\n")
        let early = try t.run("can-contact", "A1", "--at", "2026-11-09T07:59")
        #expect(early.status == 1)
        #expect(early.stdout.hasPrefix("blocked: before 08:00 in the debtor's time (it is 07:59); next allowed 2026-11-09 08:00 WIB\n"))
        let sunday = try t.run("can-contact", "A3", "--at", "2026-11-08T12:00Z", "--channel", "sms")
        #expect(sunday.status == 1)
        #expect(sunday.stdout.hasPrefix("blocked: Sunday is not a contact day; next allowed 2026-11-09 08:00 WIT\n"))
        let holiday = try t.run("can-contact", "A1", "--at", "2026-12-25T10:00", "--channel", "email")
        #expect(holiday.status == 1)
        #expect(holiday.stdout.hasPrefix("blocked: national holiday (Kelahiran Yesus Kristus); next allowed 2026-12-26 00:00 WIB\n"))
        let unknown = try t.run("can-contact", "A9")
        #expect(unknown.status == 1 && unknown.stderr == "tagih: unknown account A9\n")
        #expect(try t.run("can-contact", "A1", "--at", "2026-11-09 10:00").status == 2)
        #expect(try t.run("can-contact", "A1", "--channel", "pigeon").status == 2)
    }

    @Test func refusalsRecordNothing() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try Self.logContacts(t)
        let before = try t.ok("report", "activity", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv")
        let audit = try t.ok("check")
        func refused(_ user: String, _ status: Int32, _ message: String, _ args: String..., sourceLocation: SourceLocation = #_sourceLocation) throws {
            let r = try Self.log(t, as: user, args[0], Array(args.dropFirst()))
            #expect(r.status == status, "exit \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
            #expect(r.stderr == "tagih: \(message)\n", sourceLocation: sourceLocation)
        }
        try refused("kol01", 1, "blocked: Sunday is not a contact day; next allowed 2026-11-16 08:00 WIB",
                    "A1", "--channel", "phone", "--outcome", "NA", "--at", "2026-11-15T10:00")
        try refused("kol01", 1, "blocked: Sunday is not a contact day; next allowed 2026-11-16 08:00 WIB; only a lead or admin may override the contact policy; kol01 is a collector",
                    "A1", "--channel", "phone", "--outcome", "NA", "--at", "2026-11-15T10:00", "--override", "debtor asked")
        try refused("kol01", 1, "outcome PTP is a promise to pay: give --promise AMOUNT and --promise-date DATE",
                    "A1", "--channel", "phone", "--outcome", "PTP", "--at", "2026-11-16T10:00")
        try refused("kol01", 1, "outcome RPC takes no promise; --promise and --promise-date are for a promise outcome such as PTP",
                    "A1", "--channel", "phone", "--outcome", "RPC", "--promise", "10", "--promise-date", "2026-11-20", "--at", "2026-11-16T10:00")
        try refused("kol01", 1, "--promise-date 2026-12-17 must fall from the contact's day 2026-11-16 to 2026-12-16 (30 days)",
                    "A1", "--channel", "phone", "--outcome", "PTP", "--promise", "10", "--promise-date", "2026-12-17", "--at", "2026-11-16T10:00")
        try refused("kol01", 1, "--promise-date 2026-11-15 must fall from the contact's day 2026-11-16 to 2026-12-16 (30 days)",
                    "A1", "--channel", "phone", "--outcome", "PTP", "--promise", "10", "--promise-date", "2026-11-15", "--at", "2026-11-16T10:00")
        try refused("kol01", 1, "unknown account A9", "A9", "--channel", "phone", "--outcome", "NA", "--at", "2026-11-16T10:00")
        try refused("kol01", 2, "--outcome XX is not an outcome code (known: NA, BUSY, VM, WN, TP, RPC, CB, DSP, RTP, PTP)",
                    "A1", "--channel", "phone", "--outcome", "XX")
        try refused("kol01", 2, "--promise 1.234 is not an amount (digits with at most 2 decimals)",
                    "A1", "--channel", "phone", "--outcome", "PTP", "--promise", "1.234", "--promise-date", "2026-11-20")
        #expect(try t.ok("report", "activity", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv") == before)
        #expect(try t.ok("check") == audit, "nothing reached the audit trail")
    }

    @Test func theDailyLimitAndALeadsOverride() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        for hour in ["09", "10", "11"] {
            #expect(try Self.log(t, as: "kol01", "A2", ["--channel", "phone", "--outcome", "NA", "--at", "2026-11-12T\(hour):00"]).status == 0)
        }
        let fourth = try Self.log(t, as: "kol01", "A2", ["--channel", "whatsapp", "--outcome", "NA", "--at", "2026-11-12T12:00"])
        #expect(fourth.status == 1)
        #expect(fourth.stderr == "tagih: blocked: 3 contact attempts already today, the daily limit; next allowed 2026-11-13 08:00 WITA\n")
        let email = try Self.log(t, as: "kol01", "A2", ["--channel", "email", "--outcome", "NA", "--at", "2026-11-12T12:00"])
        #expect(email.status == 0, "e-mail is not capped")
        let lead = try Self.log(t, as: "lead01", "A2", ["--channel", "phone", "--outcome", "RPC", "--at", "2026-11-12T13:00",
                                                        "--override", "debtor asked to be called back today"])
        #expect(lead.status == 0)
        #expect(lead.stdout == "contact 5 logged: A2 phone RPC at 2026-11-12 14:00 WITA (debtor's time)\noverride recorded: 3 contact attempts already today, the daily limit\n")
        #expect(try t.run("check").status == 0)
        let activity = try t.ok("report", "activity", "--from", "2026-11-12", "--to", "2026-11-12", "--format", "csv")
        #expect(activity == """
            collector,attempts,contacts,right_party,promises,promised_amount,kept,broken,collected
            kol01,4,0,0,0,0.00,0,0,300000.00
            lead01,1,1,1,0,0.00,0,0,0.00

            """)
    }

    @Test func reportGoldens() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try Self.logContacts(t)
        let g = ReportGoldenTests()
        // On 11-13 the reversed payment still counts for A3; on 11-23 it does not.
        #expect(try t.ok("report", "promises", "--as-of", "2026-11-13", "--format", "csv") == """
            account_no,made_on,made_by,amount,due_date,paid,status
            A1,2026-11-09,kol01,500000.00,2026-11-13,500000.00,kept
            A2,2026-11-09,kol01,1000000.50,2026-11-10,1000000.50,kept
            A3,2026-11-10,kol02,500000.00,2026-11-12,500000.00,kept

            """)
        try g.expectGolden(try t.ok("report", "promises", "--as-of", "2026-11-23", "--format", "csv"), "promises-2026-11-23.csv")
        try g.expectGolden(try t.ok("report", "promises", "--as-of", "2026-11-23", "--format", "json"), "promises-2026-11-23.json")
        try g.expectGolden(try t.ok("report", "promises", "--as-of", "2026-11-23"), "promises-2026-11-23-en.txt")
        try g.expectGolden(try t.ok("report", "activity", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"), "activity-2026-11.csv")
        try g.expectGolden(try t.ok("report", "activity", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "json"), "activity-2026-11.json")
        try g.expectGolden(try t.ok("report", "activity", "--from", "2026-11-01", "--to", "2026-11-30"), "activity-2026-11-en.txt")
        var id = t
        id.environment["LANG"] = "id_ID.UTF-8"
        try g.expectGolden(try id.ok("report", "promises", "--as-of", "2026-11-23"), "promises-2026-11-23-id.txt")
        try g.expectGolden(try id.ok("report", "activity", "--from", "2026-11-01", "--to", "2026-11-30"), "activity-2026-11-id.txt")
        #expect(try t.ok("report", "activity", "--from", "2026-11-10", "--to", "2026-11-10", "--format", "csv") == """
            collector,attempts,contacts,right_party,promises,promised_amount,kept,broken,collected
            kol01,1,1,1,0,0.00,0,0,2000000.00
            kol02,1,1,1,1,500000.00,0,0,0.00

            """)
        #expect(try t.run("report", "activity", "--from", "2026-11-30", "--to", "2026-11-01").status == 2)
        // The nightly batch counts the week's promises as it settles them.
        try t.write("inbox/.keep", "")
        let night = try t.ok("--today", "2026-11-13", "nightly", "inbox")
        #expect(night.contains("promises due this week: 0 open, 3 kept, 0 broken"), "\(night)")
        let later = try t.ok("--today", "2026-11-16", "nightly", "inbox")
        #expect(later.contains("promises due this week: 0 open, 2 kept, 1 broken"), "A3's payment was reversed on 11-14: \(later)")
    }

    // MARK: - Issue 13: the whole record in time order, promises replaced, overflow

    /// C1 of plans-and-promises.md: attempts at 15:00, 16:00 and 17:00 on
    /// Monday 2026-03-02 (logged 17, 15, 16, all backdated) block the morning.
    @Test func c1AttemptsLoggedOutOfOrderBlockTheMorning() throws {
        var t = try Self.ledger()
        defer { t.cleanup() }
        t.environment["TAGIH_NOW"] = "2026-03-02T20:30"
        for hour in ["17", "15", "16"] {
            let r = try Self.log(t, as: "kol01", "A1", ["--channel", "phone", "--outcome", "NA", "--at", "2026-03-02T\(hour):00"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let morning = try Self.log(t, as: "kol01", "A1", ["--channel", "phone", "--outcome", "NA", "--at", "2026-03-02T09:00"])
        #expect(morning.status == 1)
        #expect(morning.stderr == "tagih: blocked: 3 contact attempts already today, the daily limit; next allowed 2026-03-03 08:00 WIB\n")
        t.user = "kol01"
        let probe = try t.run("can-contact", "A1", "--at", "2026-03-02T08:30")
        #expect(probe.status == 1)
        #expect(probe.stdout.hasPrefix("blocked: 3 contact attempts already today, the daily limit; next allowed 2026-03-03 08:00 WIB\n"))
        t.environment["TAGIH_NOW"] = "2026-03-03T12:00"
        for hour in ["11", "09", "10"] {
            #expect(try Self.log(t, as: "kol01", "A1", ["--channel", "sms", "--outcome", "NA", "--at", "2026-03-03T\(hour):00"]).status == 0)
        }
        let evening = try t.run("can-contact", "A1", "--at", "2026-03-02T21:00")
        #expect(evening.status == 1)
        #expect(evening.stdout.hasPrefix("blocked: from 20:00 no contact in the debtor's time (it is 21:00); next allowed 2026-03-04 08:00 WIB\n"))
        let activity = try t.ok("report", "activity", "--from", "2026-03-02", "--to", "2026-03-03", "--format", "csv")
        #expect(activity == "collector,attempts,contacts,right_party,promises,promised_amount,kept,broken,collected\nkol01,6,0,0,0,0.00,0,0,0.00\n")
    }

    /// C2: a debtor in WIT (account A3), the zone, weekends and the holidays.
    @Test func c2TheDebtorsZoneWeekendsAndHolidays() throws {
        var t = try Self.ledger()
        defer { t.cleanup() }
        t.user = "kol02"
        func probe(_ at: String) throws -> String { try t.run("can-contact", "A3", "--at", at).stdout.split(separator: "\n").first.map(String.init) ?? "" }
        #expect(try probe("2026-03-02T18:30") == "blocked: from 20:00 no contact in the debtor's time (it is 20:30); next allowed 2026-03-03 08:00 WIT")
        #expect(try probe("2026-03-07T20:00+09:00") == "blocked: from 20:00 no contact in the debtor's time (it is 20:00); next allowed 2026-03-09 08:00 WIT")
        #expect(try probe("2026-03-08T10:00+09:00") == "blocked: Sunday is not a contact day; next allowed 2026-03-09 08:00 WIT")
        #expect(try probe("2026-12-23T20:15+09:00") == "blocked: from 20:00 no contact in the debtor's time (it is 20:15); next allowed 2026-12-26 08:00 WIT")
        #expect(try probe("2026-03-02T23:30Z") == "allowed")
    }

    /// An inbound call (R5): at any hour, not an attempt, counted in activity.
    @Test func inboundCallsAreNotAttempts() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        for hour in ["09", "10", "11"] {
            #expect(try Self.log(t, as: "kol01", "A1", ["--channel", "phone", "--outcome", "NA", "--at", "2026-03-02T\(hour):00"]).status == 0)
        }
        let late = try Self.log(t, as: "kol01", "A1", ["--channel", "phone", "--outcome", "RPC", "--inbound", "--at", "2026-03-02T21:30"])
        #expect(late.status == 0, "\(late.stderr)")
        let both = try Self.log(t, as: "lead01", "A1", ["--channel", "phone", "--outcome", "RPC", "--inbound", "--override", "why"])
        #expect(both.status == 2 && both.stderr == "tagih: --override is for a blocked attempt; an inbound call is never blocked\n")
        let activity = try t.ok("report", "activity", "--from", "2026-03-02", "--to", "2026-03-02", "--format", "csv")
        #expect(activity == "collector,attempts,contacts,right_party,promises,promised_amount,kept,broken,collected\nkol01,3,1,1,0,0.00,0,0,0.00\n")
    }

    /// R2 through the binary: a new promise replaces the open one.
    @Test func aNewPromiseReplacesTheOpenOne() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        // A4 owes 750,000.00 and pays nothing. (Each contact is logged as it happens.)
        for (at, amount, due) in [("2026-11-16T10:00", "500000", "2026-11-25"), ("2026-11-18T10:00", "200000", "2026-11-19")] {
            let r = try Self.log(t, as: "kol01", "A4", ["--channel", "phone", "--outcome", "PTP", "--promise", amount, "--promise-date", due, "--at", at])
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try t.ok("report", "promises", "--as-of", "2026-11-17", "--format", "csv") == """
            account_no,made_on,made_by,amount,due_date,paid,status
            A4,2026-11-16,kol01,500000.00,2026-11-25,0.00,open

            """)
        #expect(try t.ok("report", "promises", "--as-of", "2026-11-30", "--format", "csv") == """
            account_no,made_on,made_by,amount,due_date,paid,status
            A4,2026-11-16,kol01,500000.00,2026-11-25,0.00,replaced
            A4,2026-11-18,kol01,200000.00,2026-11-19,0.00,broken

            """)
        let human = try t.ok("report", "promises", "--as-of", "2026-11-30")
        #expect(human.hasPrefix("Promises to pay as of 2026-11-30: 2 (open 0, kept 0, broken 1, replaced 1)\n"), "\(human)")
        var id = t
        id.environment["LANG"] = "id_ID.UTF-8"
        #expect(try id.ok("report", "promises", "--as-of", "2026-11-30").contains("diganti"))
        #expect(try t.ok("report", "activity", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv") == """
            collector,attempts,contacts,right_party,promises,promised_amount,kept,broken,collected
            kol01,2,2,2,2,700000.00,0,1,2500000.00

            """, "the replaced promise counts neither kept nor broken")
    }

    /// §1 and R9: an amount beyond 64 bits is an overflow (exit 1), not a
    /// malformed amount, and nothing is recorded; a promise above the
    /// balance is refused too.
    @Test func overflowingAndOversizedPromisesAreRefused() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let before = try t.ok("check")
        let huge = try Self.log(t, as: "kol01", "A4", ["--channel", "phone", "--outcome", "PTP", "--promise", "92233720368547758.08",
                                                       "--promise-date", "2026-11-20", "--at", "2026-11-16T10:00"])
        #expect(huge.status == 1)
        #expect(huge.stderr == "tagih: --promise 92233720368547758.08 is beyond the largest amount Tagih can hold exactly\n")
        let above = try Self.log(t, as: "kol01", "A4", ["--channel", "phone", "--outcome", "PTP", "--promise", "92233720368547758",
                                                        "--promise-date", "2026-11-20", "--at", "2026-11-16T10:00"])
        #expect(above.status == 1)
        #expect(above.stderr == "tagih: --promise 92233720368547758.00 is more than account A4's balance 750000.00 on 2026-11-16\n")
        #expect(try t.ok("check") == before, "nothing recorded")
        #expect(try t.ok("report", "activity", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv")
                == "collector,attempts,contacts,right_party,promises,promised_amount,kept,broken,collected\n")
    }

    /// Anything Tagih accepted is reportable: a promise near the 64-bit edge.
    @Test func activityWithHugeAmounts() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.write("big.csv", "account_no,name,timezone,collector\nB1,Besar,Asia/Jakarta,kol01\n")
        try t.ok("import", "accounts", "big.csv")
        // 9e18 sen: with the rest of the book still within 64 bits.
        try t.write("bigc.csv", "account_no,ref,issue_date,due_date,amount\nB1,IB,2026-10-01,2026-10-31,90000000000000000.00\n")
        try t.ok("import", "charges", "bigc.csv")
        let r = try Self.log(t, as: "kol01", "B1", ["--channel", "phone", "--outcome", "PTP", "--promise", "90000000000000000.00",
                                                    "--promise-date", "2026-11-20", "--at", "2026-11-16T10:00"])
        #expect(r.status == 0, "\(r.stderr)")
        let second = try Self.log(t, as: "kol01", "B1", ["--channel", "phone", "--outcome", "PTP", "--promise", "5000000000000000",
                                                         "--promise-date", "2026-11-20", "--at", "2026-11-16T11:00"])
        #expect(second.status == 1 && second.stderr.contains("amount overflow"), "\(second.stderr)")
        let activity = try t.run("report", "activity", "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv")
        #expect(activity.status == 0, "\(activity.stderr)")
        #expect(activity.stdout.contains("kol01,1,1,1,1,90000000000000000.00,0,1,2500000.00"), "\(activity.stdout)")
        #expect(try t.run("report", "activity", "--from", "2026-11-01", "--to", "2026-11-30").status == 0)
    }
}


/// `contact log --at` may name a moment up to `backdate_hours` (24) in the
/// past, never the future beyond 5 minutes of skew (CONTRACT §1a, R2).
@Suite struct BackdateCLITests {
    @Test func aContactIsLoggedWithinTheBackdateWindow() throws {
        var t = try ContactCLITests.ledger()
        defer { t.cleanup() }
        t.environment["TAGIH_NOW"] = "2026-11-17T10:00"
        func log(_ at: String) throws -> TagihRunner.Result {
            try t.run("--as", "kol01", "contact", "log", "A1", "--channel", "email", "--outcome", "NA", "--at", at)
        }
        #expect(try log("2026-11-16T10:00").status == 0, "24 hours back: allowed")
        let old = try log("2026-11-16T09:59")
        #expect(old.status == 1)
        #expect(old.stderr == "tagih: the contact's moment 2026-11-16 02:59 UTC is more than 24 hours ago (the rules' backdate_hours); log contacts as they happen\n")
        #expect(try log("2026-11-17T10:05").status == 0, "five minutes of clock skew")
        let ahead = try log("2026-11-17T10:06")
        #expect(ahead.status == 1 && ahead.stderr == "tagih: the contact's moment 2026-11-17 03:06 UTC is in the future\n")
        #expect(try t.ok("--as", "kol01", "report", "activity", "--from", "2026-11-16", "--to", "2026-11-17", "--format", "csv")
                == "collector,attempts,contacts,right_party,promises,promised_amount,kept,broken,collected\nkol01,2,0,0,0,0.00,0,0,0.00\n")
    }
}
