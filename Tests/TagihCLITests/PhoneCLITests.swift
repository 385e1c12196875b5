import Foundation
import Testing

/// `phone add|mark|list`, `contact log --to` and the phones of `account`
/// through the real binary (CONTRACT §9, R3, R5).
@Suite(.serialized) struct PhoneCLITests {
    static func ledger() throws -> TagihRunner {
        var t = try TagihRunner()
        try t.ok("init")
        try t.ok("user", "add", "kol01", "--name", "Rudi", "--role", "collector", "--team", "T1")
        try t.ok("user", "add", "lead01", "--name", "Hendra", "--role", "lead", "--team", "T1")
        try t.write("accounts.csv", """
            account_no,name,phone,timezone,collector
            A1,Siti Rahayu,0812-3456-7890;021 555 1234,Asia/Jakarta,kol01
            A2,Bayu Effendi,+62 21 5551234,Asia/Makassar,kol01

            """)
        try t.write("charges.csv", "account_no,ref,issue_date,due_date,amount\nA1,INV1,2026-10-01,2026-10-31,1000000\n")
        for k in ["accounts", "charges"] { try t.ok("import", k, "\(k).csv") }
        // Monday 16 November 2026, 10:00 in Jakarta.
        t.environment["TAGIH_NOW"] = "2026-11-16T10:00"
        return t
    }

    static func log(_ t: TagihRunner, as user: String, _ args: String...) throws -> TagihRunner.Result {
        var r = t
        r.user = user
        return try r.run(["contact", "log", "A1", "--channel", "phone"] + args)
    }

    @Test func addMarkListAndTheAccount() throws {
        var t = try Self.ledger()
        defer { t.cleanup() }
        t.user = "kol01"
        #expect(try t.ok("phone", "add", "A1", "0813-1111-2222", "--party", "emergency", "--consent", "ibu; setuju 2026-11-01")
                == "phone 0813-1111-2222 added to A1 (emergency)\n")
        #expect(try t.ok("phone", "add", "A1", "021-777-888", "--party", "workplace") == "phone 021-777-888 added to A1 (workplace)\n")
        #expect(try t.ok("phone", "mark", "(021) 555-1234", "--status", "do-not-call") == "phone (021) 555-1234 marked do-not-call from 2026-11-16: A1, A2\n")
        #expect(try t.ok("phone", "list", "A1", "--format", "csv") == """
            number,party,status,since,consent
            0812-3456-7890,debtor,ok,,
            021 555 1234,debtor,do-not-call,2026-11-16,
            0813-1111-2222,emergency,ok,,ibu; setuju 2026-11-01
            021-777-888,workplace,ok,,

            """)
        #expect(try t.ok("phone", "list", "A2") == """
            Number          Party   Status       Since       Consent
            ──────────────  ──────  ───────────  ──────────  ───────
            +62 21 5551234  debtor  do-not-call  2026-11-16

            """)
        // As of a day before the mark, the number was ok.
        let json = try t.ok("account", "A1", "--as-of", "2026-11-15", "--format", "json")
        let phones = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any])["phones"] as! [[String: Any]]
        #expect(phones.map { $0["number"] as! String } == ["0812-3456-7890", "021 555 1234", "0813-1111-2222", "021-777-888"])
        #expect(phones.map { $0["status"] as! String } == ["ok", "ok", "ok", "ok"])
        #expect(phones.map { $0["party"] as! String } == ["debtor", "debtor", "emergency", "workplace"])
        let today = try t.ok("account", "A1", "--format", "json")
        #expect(today.contains("\"status\": \"do-not-call\"") && today.contains("\"since\": \"2026-11-16\""))
        // Refused: another party for a number already there, no digits, an unknown account, a bad status.
        let again = try t.run("phone", "add", "A1", "62 813 1111 2222", "--party", "debtor")
        #expect(again.status == 1 && again.stderr == "tagih: 0813-1111-2222 is already on account A1 as an emergency number; a number keeps its party\n")
        #expect(try t.run("phone", "add", "A9", "0812 9", "--party", "debtor").status == 1)
        #expect(try t.run("phone", "add", "A1", "--", "--party", "debtor").status != 0)
        #expect(try t.run("phone", "mark", "0812", "--status", "gone").status == 2)
        #expect(try t.run("phone", "mark", "0899 000 111", "--status", "wrong").stderr == "tagih: 0899 000 111 is not a phone number of any account\n")
        t.user = "admin01"
        let audit = try t.ok("audit", "--format", "csv")
        #expect(audit.components(separatedBy: ",phone.add,").count == 3 && audit.components(separatedBy: ",phone.mark,").count == 2)
        #expect(try t.run("check").status == 0)
    }

    @Test func contactLogUsesAndChecksTheNumber() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.ok("phone", "add", "A1", "0813-1111-2222", "--party", "emergency")
        try t.ok("phone", "add", "A1", "021-777-888", "--party", "workplace")
        #expect(try Self.log(t, as: "kol01", "--outcome", "NA").stdout == "contact 1 logged: A1 phone NA at 2026-11-16 10:00 WIB (debtor's time) to 0812-3456-7890\n")
        try t.ok("phone", "mark", "0812 3456 7890", "--status", "wrong")
        let marked = try Self.log(t, as: "kol01", "--outcome", "NA", "--to", "081234567890")
        #expect(marked.status == 1 && marked.stderr == "tagih: number 0812-3456-7890 is marked wrong since 2026-11-16: it may not be contacted\n")
        // R5: an override lifts hours and limits, never a marked number or the party rules.
        let lead = try Self.log(t, as: "lead01", "--outcome", "NA", "--to", "081234567890", "--override", "manager asked")
        #expect(lead.status == 1 && lead.stderr.hasPrefix("tagih: number 0812-3456-7890 is marked wrong"))
        // can-contact asks the same party rules, as an attempt that only tries to reach someone.
        let probe = try t.run("can-contact", "A1", "--to", "0812-3456-7890")
        #expect(probe.status == 1 && probe.stdout == "number 0812-3456-7890 is marked wrong since 2026-11-16: it may not be contacted\n")
        let emergency = try t.run("can-contact", "A1", "--to", "0813-1111-2222")
        #expect(emergency.status == 1 && emergency.stdout.hasPrefix("emergency number 0813-1111-2222 has no recorded consent"))
        #expect(try t.run("can-contact", "A1").stdout.hasPrefix("allowed\n"), "the next debtor number is usable")
        #expect(try t.run("can-contact", "A1", "--to", "021 777 888").status == 0, "a workplace number may be called to locate the debtor")
        #expect(try t.run("can-contact", "A1", "--to", "0899").status == 1)
        #expect(try t.run("can-contact", "A1", "--to", "0899", "--channel", "letter").status == 2)
        let unknown = try Self.log(t, as: "kol01", "--outcome", "NA", "--to", "0899-1")
        #expect(unknown.status == 1 && unknown.stderr == "tagih: --to 0899-1 is not a number of account A1 (tagih phone list A1)\n")
        let noConsent = try Self.log(t, as: "lead01", "--outcome", "TP", "--to", "0813-1111-2222", "--override", "urgent")
        #expect(noConsent.status == 1 && noConsent.stderr == "tagih: emergency number 0813-1111-2222 has no recorded consent to be called (tagih phone add … --consent)\n")
        let collect = try Self.log(t, as: "kol01", "--outcome", "RTP", "--to", "021 777 888")
        #expect(collect.status == 1 && collect.stderr
                == "tagih: number 021-777-888 is a workplace contact's: only to locate the debtor, never to collect; outcome RTP is refused (allowed: BUSY, NA, TP, VM, WN)\n")
        #expect(try Self.log(t, as: "kol01", "--outcome", "TP", "--to", "021 777 888").status == 0)
        // The default moves to the next usable debtor number; the third attempt of the day is the last (ojk: 3 a day, any number).
        #expect(try Self.log(t, as: "kol01", "--outcome", "BUSY").status == 0)
        let fourth = try Self.log(t, as: "kol01", "--outcome", "NA")
        #expect(fourth.status == 1 && fourth.stderr.hasPrefix("tagih: blocked: 3 contact attempts already today, the daily limit"))
        let email = try Self.log(t, as: "kol01", "--outcome", "NA", "--to", "021 777 888", "--channel", "email")
        #expect(email.status == 2)
        var admin = t
        admin.environment["TAGIH_NOW"] = nil
        let audit = try admin.ok("audit", "--format", "csv")
        #expect(audit.contains("phone NA at 2026-11-16 10:00 WIB to=0812-3456-7890"))
        #expect(audit.contains("phone TP at 2026-11-16 10:00 WIB to=021-777-888"))
        #expect(audit.contains("phone BUSY at 2026-11-16 10:00 WIB to=021 555 1234"))
        #expect(try admin.run("check").status == 0)
    }
}
