import Foundation
import Testing

/// The worked examples of Fixtures/example/plans-and-promises.md (P1–P7),
/// worked by hand from CONTRACT §8 and run here through the real binary:
/// files imported on the day named, plans proposed and shown with --today.
/// Every figure below is the one in the example's table, not one the
/// program produced.
@Suite(.serialized) struct PlanExamplesCLITests {
    /// Account A owes 1,000.00 (a charge due 2025-12-31).
    static func ledger() throws -> TagihRunner {
        let t = try TagihRunner()
        try t.ok("init")
        try t.write("a.csv", "account_no,name\nA,Ani\n")
        try t.write("c.csv", "account_no,ref,issue_date,due_date,amount\nA,INV1,2025-12-01,2025-12-31,1000\n")
        try t.ok("--today", "2025-12-01", "import", "accounts", "a.csv")
        try t.ok("--today", "2025-12-01", "import", "charges", "c.csv")
        return t
    }

    /// Imports one payment (or several) on `day`.
    static func pay(_ t: TagihRunner, on day: String, _ rows: [(ref: String, date: String, amount: String, channel: String)]) throws {
        let name = "p-\(UUID().uuidString).csv"
        try t.write(name, "account_no,ref,paid_on,amount,channel\n" + rows.map { "A,\($0.ref),\($0.date),\($0.amount),\($0.channel)\n" }.joined())
        try t.ok("--today", day, "import", "payments", name)
    }

    static func adjust(_ t: TagihRunner, on day: String, _ rows: [String]) throws {
        let name = "j-\(UUID().uuidString).csv"
        try t.write(name, "account_no,ref,date,kind,amount,payment_ref,channel\n" + rows.map { $0 + "\n" }.joined())
        try t.ok("--today", day, "import", "adjustments", name)
    }

    struct Shown: Equatable {
        var status: String
        var paid: [String]
    }

    static func show(_ t: TagihRunner, _ id: String, asOf day: String) throws -> Shown {
        let json = try JSONSerialization.jsonObject(with: Data(try t.ok("--today", day, "plan", "show", id, "--format", "json").utf8)) as! [String: Any]
        let lines = json["schedule"] as! [[String: Any]]
        return Shown(status: json["status"] as! String, paid: lines.map { $0["paid"] as! String })
    }

    static func balance(_ t: TagihRunner, asOf day: String) throws -> String {
        let json = try JSONSerialization.jsonObject(with: Data(try t.ok("account", "A", "--as-of", day, "--format", "json").utf8)) as! [String: Any]
        return json["balance"] as! String
    }

    /// The plan's discount entries: ref, date, amount of each credit; ref and date of each reversal.
    static func discountEntries(_ t: TagihRunner) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [t.path("tagih.db"), """
            SELECT ref || ' ' || date(date * 86400, 'unixepoch') || ' ' || amount FROM credits WHERE ref LIKE 'PLAN-%'
            UNION ALL SELECT ref || ' ' || date(date * 86400, 'unixepoch') FROM reversals WHERE ref LIKE 'PLAN-%' ORDER BY 1
            """]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func propose(_ t: TagihRunner, on day: String, _ args: String...) throws -> String {
        let out = try t.ok(["--today", day, "plan", "propose", "A"] + args)
        return String(out.split(separator: " ")[1])
    }

    @Test func p1AStartDayPaymentBeforeTheProposalIsInB() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try Self.pay(t, on: "2026-01-10", [("P400", "2026-01-10", "400", "BANK_TRANSFER")])
        let id = try Self.propose(t, on: "2026-01-10", "--instalments", "2", "--discount", "10", "--first", "2026-01-20")
        let json = try t.ok("--today", "2026-01-10", "plan", "show", id, "--format", "json")
        #expect(json.contains("\"balance\": \"600.00\"") && json.contains("\"discount\": \"60.00\"") && json.contains("\"total\": \"540.00\""))
        #expect(try Self.show(t, id, asOf: "2026-01-10") == Shown(status: "active", paid: ["0.00", "0.00"]))
        try Self.pay(t, on: "2026-01-20", [("P140", "2026-01-20", "140", "BANK_TRANSFER")])
        #expect(try Self.show(t, id, asOf: "2026-01-20") == Shown(status: "active", paid: ["140.00", "0.00"]))
        #expect(try Self.balance(t, asOf: "2026-01-20") == "460.00")
        #expect(try Self.show(t, id, asOf: "2026-01-22") == Shown(status: "active", paid: ["140.00", "0.00"]))
        #expect(try Self.show(t, id, asOf: "2026-01-23") == Shown(status: "broken", paid: ["140.00", "0.00"]))
        try Self.pay(t, on: "2026-02-20", [("P400B", "2026-02-20", "400", "BANK_TRANSFER")])
        #expect(try Self.show(t, id, asOf: "2026-02-20") == Shown(status: "broken", paid: ["270.00", "270.00"]))
        #expect(try Self.balance(t, asOf: "2026-02-20") == "60.00", "a broken plan earns no discount")
        #expect(try Self.discountEntries(t).isEmpty)
        #expect(try t.run("check").status == 0)
    }

    @Test func p2TheSamePaymentPostedAfterTheProposalIsThePlans() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let id = try Self.propose(t, on: "2026-01-10", "--instalments", "2", "--discount", "10", "--first", "2026-01-20")
        try Self.pay(t, on: "2026-01-10", [("P400", "2026-01-10", "400", "BANK_TRANSFER")])
        try Self.pay(t, on: "2026-01-20", [("P140", "2026-01-20", "140", "BANK_TRANSFER")])
        #expect(try Self.show(t, id, asOf: "2026-01-20") == Shown(status: "active", paid: ["450.00", "90.00"]))
    }

    /// P3–P5: A owes 1,000.00; one instalment due 2026-01-20 at 20% off
    /// (D = 200.00, T = 800.00), proposed 2026-01-10.
    static func oneInstalmentAt20PercentOff() throws -> (TagihRunner, String) {
        let t = try ledger()
        return (t, try propose(t, on: "2026-01-10", "--instalments", "1", "--discount", "20", "--first", "2026-01-20"))
    }

    @Test func p3CompletionReversalCompletionAgain() throws {
        let (t, id) = try Self.oneInstalmentAt20PercentOff()
        defer { t.cleanup() }
        try Self.pay(t, on: "2026-01-15", [("P800", "2026-01-15", "800", "BANK_TRANSFER")])
        #expect(try Self.show(t, id, asOf: "2026-01-15").status == "completed")
        #expect(try Self.discountEntries(t) == ["PLAN-\(id)-DISCOUNT 2026-01-15 20000"])
        #expect(try Self.balance(t, asOf: "2026-01-15") == "0.00")
        #expect(try Self.show(t, id, asOf: "2026-01-16").status == "completed")
        try Self.adjust(t, on: "2026-01-17", ["A,REV1,2026-01-17,reversal,,P800,BANK_TRANSFER"])
        #expect(try Self.show(t, id, asOf: "2026-01-17").status == "active")
        #expect(try Self.balance(t, asOf: "2026-01-17") == "1000.00")
        #expect(try Self.balance(t, asOf: "2026-01-16") == "0.00", "the discount stays in force up to the reversal's day")
        #expect(try Self.discountEntries(t) == ["PLAN-\(id)-DISCOUNT 2026-01-15 20000", "PLAN-\(id)-DISCOUNT-REV 2026-01-17"])
        #expect(try Self.show(t, id, asOf: "2026-01-22").status == "active")
        #expect(try Self.show(t, id, asOf: "2026-01-23").status == "broken", "had nothing been paid again")
        try Self.pay(t, on: "2026-01-19", [("Q800", "2026-01-19", "800", "QRIS")])
        #expect(try Self.show(t, id, asOf: "2026-01-19").status == "completed")
        #expect(try Self.discountEntries(t) == ["PLAN-\(id)-DISCOUNT 2026-01-15 20000", "PLAN-\(id)-DISCOUNT-2 2026-01-19 20000",
                                                "PLAN-\(id)-DISCOUNT-REV 2026-01-17"])
        #expect(try Self.balance(t, asOf: "2026-01-19") == "0.00")
        #expect(try Self.show(t, id, asOf: "2026-01-30").status == "completed")
        #expect(try Self.balance(t, asOf: "2026-01-30") == "0.00")
        #expect(try t.run("check").status == 0)
    }

    @Test func p4AReversalDatedOnThePaymentsOwnDay() throws {
        let (t, id) = try Self.oneInstalmentAt20PercentOff()
        defer { t.cleanup() }
        try Self.pay(t, on: "2026-01-15", [("P800", "2026-01-15", "800", "BANK_TRANSFER")])
        // Shown (read) on 01-16: reading writes nothing.
        #expect(try Self.show(t, id, asOf: "2026-01-16").status == "completed")
        try Self.adjust(t, on: "2026-01-17", ["A,REV1,2026-01-15,reversal,,P800,BANK_TRANSFER"])
        #expect(try Self.show(t, id, asOf: "2026-01-15").status == "active")
        #expect(try Self.show(t, id, asOf: "2026-01-23").status == "broken")
        for day in ["2026-01-15", "2026-01-16", "2026-01-17", "2026-01-23"] {
            #expect(try Self.balance(t, asOf: day) == "1000.00", "no discount on \(day)")
        }
        #expect(try Self.discountEntries(t) == ["PLAN-\(id)-DISCOUNT 2026-01-15 20000", "PLAN-\(id)-DISCOUNT-REV 2026-01-15"])
        #expect(try t.run("check").status == 0)
    }

    @Test func p5ALateFileRepairsABrokenPlan() throws {
        let (t, id) = try Self.oneInstalmentAt20PercentOff()
        defer { t.cleanup() }
        #expect(try Self.show(t, id, asOf: "2026-01-23").status == "broken")
        try Self.pay(t, on: "2026-01-24", [("LATE", "2026-01-19", "800", "BANK_TRANSFER")])
        #expect(try Self.show(t, id, asOf: "2026-01-18").status == "active")
        #expect(try Self.show(t, id, asOf: "2026-01-19").status == "completed")
        #expect(try Self.show(t, id, asOf: "2026-01-23").status == "completed")
        #expect(try Self.discountEntries(t) == ["PLAN-\(id)-DISCOUNT 2026-01-19 20000"])
        #expect(try Self.balance(t, asOf: "2026-01-19") == "0.00")
    }

    @Test func p6WhatCountsAsAPlanPayment() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let id = try Self.propose(t, on: "2026-01-10", "--instalments", "2", "--every", "week", "--first", "2026-01-12")
        try Self.pay(t, on: "2026-01-10", [("P300", "2026-01-10", "300", "BANK_TRANSFER")])
        try Self.pay(t, on: "2026-01-12", [("P300B", "2026-01-09", "300", "BANK_TRANSFER")])
        try Self.adjust(t, on: "2026-01-12", ["A,WO50,2026-01-11,writeoff,50,,", "A,CR70,2026-01-11,credit,70,,"])
        #expect(try Self.show(t, id, asOf: "2026-01-14") == Shown(status: "active", paid: ["370.00", "0.00"]))
        #expect(try Self.show(t, id, asOf: "2026-01-15") == Shown(status: "broken", paid: ["370.00", "0.00"]))
        #expect(try Self.show(t, id, asOf: "2026-01-20") == Shown(status: "broken", paid: ["370.00", "0.00"]))
    }

    @Test func p7ADecisionAndTheDerivedStatus() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try t.ok("user", "add", "kol01", "--name", "Rudi", "--role", "collector")
        let out = try t.ok("--as", "kol01", "--today", "2026-01-10", "plan", "propose", "A", "--instalments", "2", "--discount", "5", "--first", "2026-01-20")
        #expect(out.hasPrefix("plan 1 pending\n"))
        try t.ok("--today", "2026-01-11", "plan", "approve", "1")
        #expect(try Self.show(t, "1", asOf: "2026-01-10").status == "pending")
        #expect(try Self.show(t, "1", asOf: "2026-01-11").status == "active")
        #expect(try Self.show(t, "1", asOf: "2026-01-23").status == "broken")
    }
}
