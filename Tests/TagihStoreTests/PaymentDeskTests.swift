import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// `tagih serve`'s posting (CONTRACT §11, R17): a group of requests in one
/// transaction through the import's own path, a savepoint per request.
@Suite struct PaymentDeskTests {
    /// Account A owes 1,000.00 (INV-A); B nothing.
    static func ledger(_ scratch: Scratch) throws -> AppDatabase {
        let db = try Fixture.ledger()
        try db.importFile(.accounts, try scratch.write("a.csv", "account_no,name\nA,Ani Wulandari\nB,Budi\n"))
        try db.importFile(.charges, try scratch.write("c.csv", "account_no,ref,issue_date,due_date,amount\nA,INV-A,2025-06-01,2025-06-15,1000\n"))
        return db
    }

    static func payment(_ ref: String, _ account: String, _ amount: String, channel: String = "VA") -> DeskRequest {
        .payment(channel: channel, fields: [("ref", ref), ("account_no", account), ("amount", amount), ("paid_on", "2025-06-20")])
    }

    @Test func aRefusedRequestSpoilsNoneOfItsGroup() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let answers = PaymentDesk(db).post([
            Self.payment("P1", "A", "100.00"),
            Self.payment("P2", "NOPE", "5.00"),
            Self.payment("P1", "A", "100.00"),
            Self.payment("P1", "A", "100.01"),
            Self.payment("P3", "A", "0"),
            Self.payment("P4", "B", "7.50"),
            .reversal(channel: "VA", ref: "P4", reason: "recalled", day: Fixture.today),
            .reversal(channel: "VA", ref: "P4", reason: "recalled", day: Fixture.today),
            .reversal(channel: "QRIS", ref: "P1", reason: "x", day: Fixture.today),
        ], session: Fixture.session)
        #expect(answers[0] == .posted)
        #expect(answers[1] == .invalid(field: "account_no", reason: "account_no: unknown account NOPE"))
        #expect(answers[2] == .duplicate)
        guard case .conflict(let why) = answers[3] else { Issue.record("\(answers[3])"); return }
        #expect(why.contains("different amount"))
        guard case .invalid(let field, _) = answers[4] else { Issue.record("\(answers[4])"); return }
        #expect(field == "amount")
        #expect(answers[5] == .posted && answers[6] == .reversed && answers[7] == .duplicate)
        #expect(answers[8] == .notFound("no payment P1 of channel QRIS"))
        // A owes 1,000.00 - 100.00; B's 7.50 was reversed.
        #expect(try LedgerReports(db).account("A", asOf: Fixture.today).position.balance.minor == 90_000)
        #expect(try LedgerReports(db).account("B", asOf: Fixture.today).position.balance.minor == 0)
        #expect(try db.text("SELECT ref FROM reversals") == "REV-VA-P4")
        // One batch per kind, named serve, its counts the group's.
        #expect(try db.count("import_batches", where: "file_name = 'serve' AND kind = 'payments' AND posted = 2 AND duplicates = 1 AND rejected = 3") == 1)
        #expect(try db.count("import_batches", where: "file_name = 'serve' AND kind = 'adjustments' AND posted = 1") == 1)
        #expect(try db.failedChecks() == [])
    }

    @Test func aGroupThatPostsNothingLeavesNoBatch() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        #expect(PaymentDesk(db).post([Self.payment("P1", "A", "1.00")], session: Fixture.session) == [.posted])
        let before = try db.tableCounts()
        #expect(PaymentDesk(db).post([Self.payment("P1", "A", "1.00"), Self.payment("P9", "A", "x")], session: Fixture.session).first == .duplicate)
        #expect(try db.tableCounts() == before)
    }

    /// Two desks in one group: the one that posted nothing loses its batch,
    /// and nothing the other posted after it opened is undone with it.
    @Test func aDeskThatPostsNothingBesideAnotherLeavesOnlyTheOthersBatch() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        #expect(PaymentDesk(db).post([Self.payment("P1", "A", "1.00")], session: Fixture.session) == [.posted])
        // Payments first and posting nothing, then a reversal that posts.
        let first = PaymentDesk(db).post([Self.payment("P1", "A", "1.00"),
                                          .reversal(channel: "VA", ref: "P1", reason: "recalled", day: Fixture.today)], session: Fixture.session)
        #expect(first == [.duplicate, .reversed])
        #expect(try db.count("import_batches", where: "file_name = 'serve' AND kind = 'payments'") == 1)
        #expect(try db.count("import_batches", where: "file_name = 'serve' AND kind = 'adjustments' AND posted = 1") == 1)
        #expect(try db.count("reversals") == 1)
        // A reversal refused first, then a payment that posts: the payment stays.
        let second = PaymentDesk(db).post([.reversal(channel: "VA", ref: "NOPE", reason: "x", day: Fixture.today),
                                           Self.payment("P2", "A", "2.00")], session: Fixture.session)
        #expect(second == [.notFound("no payment NOPE of channel VA"), .posted])
        #expect(try db.count("credits", where: "ref = 'P2'") == 1)
        #expect(try db.count("import_batches", where: "file_name = 'serve' AND kind = 'adjustments'") == 1)
        #expect(try db.count("import_batches", where: "file_name = 'serve' AND kind = 'payments' AND posted = 1") == 2)
        #expect(try db.failedChecks() == [])
    }

    @Test func aPaymentSentAndInTheChannelsFileIsOnePayment() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        #expect(PaymentDesk(db).post([Self.payment("VA-1", "A", "250.00")], session: Fixture.session) == [.posted])
        let s = try db.importFile(.payments, try scratch.write("va.csv", "account_no,ref,paid_on,amount,channel\nA,VA-1,2025-06-20,250.00,VA\n"))
        #expect(s.posted == 0 && s.duplicates == 1)
        #expect(try db.count("credits", where: "ref = 'VA-1'") == 1)
    }

    @Test func inquiryMasksAndDue() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let a = try #require(try PaymentDesk(db).inquiry("A", today: Fixture.today))
        #expect(a == Inquiry(accountNo: "A", maskedName: "Ani W.", amountDue: Money(minor: 100_000), dueDate: Day(iso: "2025-06-15")))
        let b = try #require(try PaymentDesk(db).inquiry("B", today: Fixture.today))
        #expect(b.amountDue == Money(minor: 0) && b.dueDate == nil)
        #expect(try PaymentDesk(db).inquiry("Z", today: Fixture.today) == nil)
    }
}
