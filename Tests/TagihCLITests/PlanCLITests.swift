import Foundation
import Testing

/// `tagih plan …` through the real binary (CONTRACT §8).
@Suite(.serialized) struct PlanCLITests {
    /// Account A1 owes 3,000,000 (one invoice); kol01 may give 10%; lead01 is a lead.
    static func ledger() throws -> TagihRunner {
        let t = try TagihRunner()
        try t.ok("init")
        try t.ok("user", "add", "kol01", "--name", "Rudi", "--role", "collector", "--discount-limit", "10", "--team", "T1")
        try t.ok("user", "add", "lead01", "--name", "Hendra", "--role", "lead", "--team", "T1")
        try t.write("a.csv", "account_no,name,collector\nA1,Siti Rahayu,kol01\nA2,Bayu,kol01\n")
        try t.write("c.csv", "account_no,ref,issue_date,due_date,amount\nA1,I1,2026-09-01,2026-09-30,3000000\nA2,I2,2026-09-01,2026-09-30,1000000\n")
        try t.ok("import", "accounts", "a.csv")
        try t.ok("import", "charges", "c.csv")
        return t
    }

    func run(_ t: TagihRunner, as user: String, _ args: String...) throws -> TagihRunner.Result {
        var r = t
        r.user = user
        return try r.run(["--today", "2026-11-23"] + args)
    }

    @Test func withinAuthorityActiveBeyondItPendingAndALeadDecides() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let first = try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--discount", "10", "--down", "700000",
                            "--every", "week", "--first", "2026-12-01")
        #expect(first.status == 0)
        #expect(first.stdout.hasPrefix("plan 1 active\n"))
        let second = try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "8", "--discount", "15", "--note", "debitur kehilangan pekerjaan")
        #expect(second.status == 0)
        #expect(second.stdout.hasPrefix("""
            plan 2 pending
            waits for a lead's approval: a discount of 15% is above the limit of 10%; 8 instalments are more than 6; \
            the last payment on 2027-06-30 is more than 6 months after the first on 2026-11-30

            """))
        let refused = try run(t, as: "kol01", "plan", "approve", "2")
        #expect(refused.status == 1 && refused.stderr == "tagih: only a lead or admin may approve plans; kol01 is a collector\n")
        let approved = try run(t, as: "lead01", "plan", "approve", "2", "--note", "ok")
        #expect(approved.status == 0 && approved.stdout == "plan 2 active\n")
        let list = try run(t, as: "lead01", "plan", "list", "--format", "csv")
        #expect(list.stdout == """
            id,account_no,status,proposed_by,start,balance,discount,total,down_payment,instalments,every,first_due,paid
            2,A1,active,kol01,2026-11-23,3000000.00,450000.00,2550000.00,0.00,8,month,2026-11-30,0.00
            1,A1,cancelled,kol01,2026-11-23,3000000.00,300000.00,2700000.00,700000.00,2,week,2026-12-01,0.00

            """, "the approved plan cancelled the earlier active one")
        #expect(try run(t, as: "lead01", "plan", "approve", "2").stderr == "tagih: plan 2 is active, not pending: only a pending plan can be approved\n")
        // Decline and cancel.
        _ = try run(t, as: "kol01", "plan", "propose", "A2", "--instalments", "12")
        #expect(try run(t, as: "lead01", "plan", "decline", "3", "--reason", "too long").stdout == "plan 3 declined\n")
        #expect(try run(t, as: "lead01", "plan", "cancel", "2", "--reason", "debtor paid in full").stdout == "plan 2 cancelled\n")
        #expect(try run(t, as: "lead01", "plan", "cancel", "3", "--reason", "x").status == 1)
        #expect(try run(t, as: "admin01", "check").status == 0)
    }

    @Test func showJSONAndSettlement() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        _ = try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "3", "--discount", "10", "--first", "2026-11-30")
        let json = try run(t, as: "kol01", "plan", "show", "1", "--format", "json").stdout
        #expect(json.contains("""
              "id": 1,
              "account_no": "A1",
              "status": "active",
              "balance": "3000000.00",
              "discount": "300000.00",
              "total": "2700000.00",
              "down_payment": "0.00",
            """))
        #expect(json.contains("""
                {
                  "n": 3,
                  "due_date": "2027-01-30",
                  "amount": "900000.00",
                  "paid": "0.00"
                }
            """))
        #expect(!json.contains("\"n\": 0"), "no down payment line without a down payment")
        // Two instalments paid, then the rest: completed, the discount posted once, the balance zero.
        try t.write("p.csv", "account_no,ref,paid_on,amount,channel\nA1,P1,2026-11-28,900000,VA\nA1,P2,2026-12-20,1800000,QRIS\n")
        try t.ok("import", "payments", "p.csv")
        var r = t
        r.user = "kol01"
        #expect(try r.ok("--today", "2026-12-10", "plan", "show", "A1").contains("active"))
        #expect(try r.ok("--today", "2026-12-21", "plan", "show", "A1").hasPrefix("Plan 1 for A1: completed since 2026-12-20"))
        _ = try r.ok("--today", "2026-12-22", "plan", "list")
        r.environment["LANG"] = "id_ID.UTF-8"
        #expect(try r.ok("--today", "2026-12-21", "plan", "show", "A1").hasPrefix("Rencana 1 untuk A1: selesai sejak 2026-12-20"))
        let list = try r.ok("--today", "2026-12-22", "plan", "list")
        #expect(list.hasPrefix("Rencana  Akun  Status") && list.contains(" selesai ") && list.contains(" × setiap "), "\(list)")
        r.environment["LANG"] = nil
        let account = try r.ok("--today", "2026-12-22", "account", "A1", "--format", "json")
        #expect(account.contains("\"balance\": \"0.00\""), "the discount credit closes the balance, once: \(account)")
        #expect(try t.run("check").status == 0)
    }

    @Test func aPlanBreaksTheDayAfterAGraceRunsOut() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        _ = try run(t, as: "kol01", "plan", "propose", "A2", "--instalments", "2", "--every", "2weeks", "--first", "2026-12-01")
        var r = t
        r.user = "kol01"
        #expect(try r.ok("--today", "2026-12-03", "plan", "show", "A2").hasPrefix("Plan 1 for A2: active"))
        #expect(try r.ok("--today", "2026-12-04", "plan", "show", "A2").hasPrefix("Plan 1 for A2: broken since 2026-12-04"))
    }

    @Test func agreementLetters() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        _ = try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "3", "--down", "100000", "--first", "2026-12-01")
        _ = try run(t, as: "kol01", "plan", "propose", "A2", "--instalments", "2")
        var r = t
        r.user = "kol01"
        r.environment["LANG"] = "id_ID.UTF-8"
        let big = try r.ok("--today", "2026-11-23", "plan", "letter", "1")
        #expect(big.hasPrefix("SURAT PERJANJIAN PEMBAYARAN ANGSURAN\nNomor: PLAN-1/2026\n"))
        #expect(big.contains("2. Siti Rahayu, nomor akun A1"))
        #expect(big.contains("- uang muka Rp100.000, jatuh tempo 1 Desember 2026;"))
        #expect(big.contains("     3  1 Maret 2027     Rp966.668"), "the last instalment takes the remainder")
        #expect(!big.contains("e-Meterai"), "3,000,000 needs no stamp duty")
        try t.write("c2.csv", "account_no,ref,issue_date,due_date,amount\nA2,I3,2026-09-01,2026-09-30,5000000\n")
        try t.ok("import", "charges", "c2.csv")
        _ = try run(t, as: "kol01", "plan", "propose", "A2", "--instalments", "3")
        r.environment["LANG"] = "C.UTF-8"
        let stamped = try r.ok("--today", "2026-11-23", "plan", "letter", "A2", "--output", "letter.txt")
        #expect(stamped.isEmpty)
        #expect(try t.read("letter.txt").contains("This agreement is worth more than IDR 5,000,000 and must bear the IDR 10,000"))
        #expect(try t.read("letter.txt").contains("e-Meterai stamp duty (Law No. 10 of 2020)."))
    }

    @Test func badTermsAreRefused() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        #expect(try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--discount", "10.555").status == 2)
        #expect(try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--every", "year").status == 2)
        let down = try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--down", "3000000")
        #expect(down.status == 1 && down.stderr.hasPrefix("tagih: A1: the down payment"))
        let tiny = try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "360", "--discount", "99.99")
        #expect(tiny.status == 1 && tiny.stderr == "tagih: A1: each instalment would be below one currency unit; use fewer instalments\n")
        #expect(try run(t, as: "kol01", "plan", "show", "99").stderr == "tagih: unknown plan or account 99\n")
        #expect(try run(t, as: "kol01", "plan", "show", "A9").stderr == "tagih: unknown account A9\n")
        #expect(try run(t, as: "kol01", "plan", "show", "A2").stderr == "tagih: account A2 has no payment plan\n")
        #expect(try run(t, as: "kol01", "plan", "list", "--status", "open").status == 2)
    }
}
