import Foundation
import Testing

/// Plans never reach a state that makes no sense (issue 13 items 6 and 8;
/// CONTRACT §8, R10), through the real binary. The ledger is
/// PlanCLITests.ledger(): A1 owes 3,000,000, A2 1,000,000; kol01 may give 10%.
@Suite(.serialized) struct PlanRulesCLITests {
    func run(_ t: TagihRunner, as user: String, on day: String = "2026-11-23", _ args: String...) throws -> TagihRunner.Result {
        try t.run(["--as", user, "--today", day] + args)
    }

    @Test func aFirstDueDateBeforeTheStartIsRefused() throws {
        let t = try PlanCLITests.ledger()
        defer { t.cleanup() }
        let r = try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--first", "2026-11-22")
        #expect(r.status == 1)
        #expect(r.stderr == "tagih: --first 2026-11-22 is before the plan's start on 2026-11-23: the first payment falls due on the start day or later\n")
        #expect(try run(t, as: "kol01", "plan", "list", "--format", "csv").stdout.split(separator: "\n").count == 1, "nothing was recorded")
        #expect(try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--first", "2026-11-23").stdout.hasPrefix("plan 1 active\n"))
    }

    @Test func approvingAfterTheFirstDueDateIsRefused() throws {
        let t = try PlanCLITests.ledger()
        defer { t.cleanup() }
        #expect(try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--discount", "15", "--first", "2026-11-30").stdout
            .hasPrefix("plan 1 pending\n"))
        let late = try run(t, as: "lead01", on: "2026-12-01", "plan", "approve", "1")
        #expect(late.status == 1)
        #expect(late.stderr == "tagih: plan 1's first payment was due on 2026-11-30, before today: propose it again with new dates\n")
        #expect(try run(t, as: "lead01", on: "2026-12-01", "plan", "show", "1", "--format", "json").stdout.contains("\"status\": \"pending\""))
        // On the first due date itself it may still be approved.
        #expect(try run(t, as: "lead01", on: "2026-11-30", "plan", "approve", "1").stdout == "plan 1 active\n")
    }

    @Test func lettersOnlyForPlansThatHoldOrWait() throws {
        let t = try PlanCLITests.ledger()
        defer { t.cleanup() }
        _ = try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--discount", "15", "--first", "2026-11-30")
        let draft = try run(t, as: "kol01", "plan", "letter", "1")
        #expect(draft.status == 0 && draft.stdout.hasPrefix("DRAFT — NOT VALID UNTIL APPROVED\nINSTALMENT PAYMENT AGREEMENT\n"))
        _ = try run(t, as: "lead01", "plan", "decline", "1", "--reason", "too generous")
        let declined = try run(t, as: "kol01", "plan", "letter", "1")
        #expect(declined.status == 1 && declined.stderr == "tagih: plan 1 is declined: only an active, completed or pending (draft) plan has a letter\n")
        _ = try run(t, as: "kol01", "plan", "propose", "A2", "--instalments", "2", "--every", "week", "--first", "2026-11-24")
        // Line 1 is due 11-24; its grace ends 11-26: active that day, broken from 11-27.
        #expect(try run(t, as: "kol01", on: "2026-11-26", "plan", "letter", "2").stdout.hasPrefix("INSTALMENT PAYMENT AGREEMENT\n"))
        let broken = try run(t, as: "kol01", on: "2026-11-27", "plan", "letter", "2")
        #expect(broken.status == 1 && broken.stderr == "tagih: plan 2 is broken: only an active, completed or pending (draft) plan has a letter\n")
    }

    @Test func aCompletedPlanIsNotCancelledByTheNextOne() throws {
        let t = try PlanCLITests.ledger()
        defer { t.cleanup() }
        _ = try run(t, as: "admin01", "plan", "propose", "A2", "--instalments", "1", "--first", "2026-11-30")
        try t.write("p.csv", "account_no,ref,paid_on,amount,channel\nA2,P1,2026-11-24,1000000,VA\n")
        try t.ok("--today", "2026-11-24", "import", "payments", "p.csv")
        try t.write("c.csv", "account_no,ref,issue_date,due_date,amount\nA2,I9,2026-11-25,2026-12-25,500000\n")
        try t.ok("--today", "2026-11-25", "import", "charges", "c.csv")
        let second = try run(t, as: "admin01", on: "2026-11-25", "plan", "propose", "A2", "--instalments", "2", "--first", "2026-12-25")
        #expect(second.stdout.hasPrefix("plan 2 active\n") && !second.stdout.contains("replaces"))
        let list = try run(t, as: "admin01", on: "2026-11-25", "plan", "list", "--format", "csv").stdout
        #expect(list.contains("\n2,A2,active,") && list.contains("\n1,A2,completed,"), "\(list)")
    }

    @Test func amountsAndDatesOutOfRange() throws {
        let t = try PlanCLITests.ledger()
        defer { t.cleanup() }
        let huge = try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--down", "99999999999999999999")
        #expect(huge.status == 1 && huge.stderr == "tagih: amount overflow: --down 99999999999999999999 exceeds what Tagih can hold exactly\n")
        let down = try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--down", "3000000")
        #expect(down.status == 1)
        #expect(down.stderr == "tagih: A1: the down payment (3000000.00) must be less than the plan total (3000000.00) and not negative\n")
        let far = try t.run("--today", "9999-06-01", "plan", "propose", "A1", "--instalments", "12", "--first", "9999-06-30")
        #expect(far.status == 1)
        #expect(far.stderr == "tagih: A1: the last payment would fall after 9999-12-31; choose an earlier first date or fewer instalments\n")
        #expect(try t.run("check").status == 0)
    }

    @Test func notesAndReasonsRefuseControlCharacters() throws {
        let t = try PlanCLITests.ledger()
        defer { t.cleanup() }
        let esc = try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--discount", "15", "--note", "ok\u{1B}[2Jbad")
        #expect(esc.status == 1)
        #expect(esc.stderr == "tagih: --note holds a control character (U+001B); text fields take no control characters other than tab\n")
        #expect(try run(t, as: "kol01", "plan", "propose", "A1", "--instalments", "2", "--discount", "15", "--note", "tab\there").status == 0)
        let reason = try run(t, as: "lead01", "plan", "decline", "1", "--reason", "no\u{7}")
        #expect(reason.status == 1 && reason.stderr.contains("--reason holds a control character (U+0007)"))
        let note = try t.run("--as", "kol01", "--today", "2026-11-23", "contact", "log", "A1", "--channel", "email", "--outcome", "NA", "--note", "x\u{1}y")
        #expect(note.status == 1 && note.stderr.contains("--note holds a control character (U+0001)"))
        #expect(try t.run("check").status == 0)
    }
}
