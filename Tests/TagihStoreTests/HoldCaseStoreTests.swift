import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// Holds and cases through the store (CONTRACT §9, R21, R22): lifecycles,
/// approvals, the credit posted once, gap-free ids, and the seals `check` proves.
@Suite struct HoldCaseStoreTests {
    typealias A = StoreAuthorityTests
    static func s(_ u: User) -> Session { A.session(u) }
    static let admin = User(login: "admin", name: "Admin", role: .admin)

    static func credits(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { try String.fetchAll($0, sql: "SELECT ref || ' ' || amount || ' ' || date FROM credits ORDER BY id") }
    }

    static func caseRefusal(_ body: () throws -> Any) -> CaseRefusal? {
        do { _ = try body(); return nil } catch let e as StoreError { return e.holdCase } catch { return nil }
    }

    @Test func aDisputeCaseHoldsTheAccountUntilItsApprovedCreditTakesEffectOnce() throws {
        let scratch = try Scratch()
        let db = try A.ledger(scratch)
        let cases = CaseBook(db)
        let day = A.day  // Monday 2025-06-30; the in-memory rules have no holidays
        // A refused case takes no id (R21): the charge is not the account's.
        #expect(Self.caseRefusal {
            try cases.open(accountNo: "ACC001", type: .dispute, summary: "x", charges: ["I2"], amount: nil, via: nil, session: Self.s(A.kol))
        } == .unknownCharge(account: "ACC001", ref: "I2"))
        let opened = try cases.open(accountNo: "ACC001", type: .dispute, summary: "billed twice", charges: ["I1"],
                                    amount: Money(minor: 50_000_000), via: .phone, session: Self.s(A.kol))
        #expect(opened.id == 1)
        #expect(opened.due == Day(iso: "2025-07-14")!, "10 working days after Monday 30 June")
        let holds = try HoldBook(db).holds(accountNo: "ACC001")
        #expect(holds.count == 1 && holds[0].kind == .dispute && holds[0].caseID == 1 && holds[0].inForce(on: day))

        // Contact is blocked, and a lead's override does not lift it (R5); no promise, no plan.
        let at = Int64(Date(timeIntervalSince1970: TimeInterval(Int64(day.ordinal) * 86_400 + 3 * 3_600)).timeIntervalSince1970)
        let outcome = db.settings.outcomes.codes.first { $0.code == "NA" }!
        let request = ContactRequest(accountNo: "ACC001", channel: .phone, outcome: outcome, at: at, day: day, override: "lead says so")
        do {
            _ = try ContactLog(db).log(request, session: Self.s(A.lead))
            Issue.record("a held account took a contact")
        } catch let e as StoreError {
            #expect(e.contact == .blocked(.onHold(.dispute, since: day), next: nil))
        }
        #expect(Self.caseRefusal {
            try PlanBook(db).propose(accountNo: "ACC001", instalments: 2, discountBasisPoints: 0, downPayment: .zero, frequency: .month,
                                     first: nil, note: nil, session: Self.s(A.kol))
        } == .heldForPlan(account: "ACC001", kind: .dispute, since: day))

        // A collector's credit waits for a lead; the collector cannot approve it.
        let waiting = try cases.resolve(1, outcome: .partly, note: "half was billed twice", credit: Money(minor: 25_000_000), session: Self.s(A.kol))
        #expect(waiting.status == .awaitingApproval)
        #expect(try Self.credits(db).isEmpty)
        #expect(try HoldBook(db).holds(accountNo: "ACC001")[0].inForce(on: day), "the hold stays until the resolution takes effect")
        #expect(A.refusal { try cases.decide(1, approve: true, note: nil, session: Self.s(A.kol)) } == .role(.collector, .approveCredit))
        let done = try cases.decide(1, approve: true, note: "ok", session: Self.s(A.lead))
        #expect(done.status == .resolved && done.resolvedOn == day && done.credited == Money(minor: 25_000_000))
        #expect(try Self.credits(db) == ["CASE-1 25000000 \(day.ordinal)"])
        #expect(try !HoldBook(db).holds(accountNo: "ACC001")[0].inForce(on: day))
        // Never twice.
        #expect(Self.caseRefusal { try cases.decide(1, approve: true, note: nil, session: Self.s(A.lead)) } == .notAwaiting(1, .resolved))
        #expect(Self.caseRefusal { try cases.resolve(1, outcome: .upheld, note: "again", credit: Money(minor: 1), session: Self.s(A.lead)) }
                == .notOpen(1, .resolved))
        #expect(try Self.credits(db).count == 1)
        let balance = try LedgerReports(db).account("ACC001", asOf: day).position.balance
        #expect(balance == Money(minor: 75_000_000))
        #expect(try IntegrityTests.failed(db).isEmpty)
    }

    @Test func theQueueKnowsTheHoldsInForce() throws {
        let scratch = try Scratch()
        let db = try A.ledger(scratch)
        let now = Int64(A.day.ordinal) * 86_400 + 3 * 3_600
        func holds() throws -> [String: QueueHold] {
            let keys = try WorkstationStore(db).queueKeys(.book, today: A.day, now: now).keys
            return Dictionary(uniqueKeysWithValues: keys.map { ($0.accountID == 1 ? "ACC001" : "ACC002", $0.hold) })
        }
        #expect(try holds() == ["ACC001": QueueHold.none, "ACC002": QueueHold.none])
        _ = try CaseBook(db).open(accountNo: "ACC001", type: .dispute, summary: "x", charges: [], amount: nil, via: nil, session: Self.s(A.kol))
        _ = try HoldBook(db).place(accountNo: "ACC002", kind: .hardship, reason: "ill", until: nil, session: Self.s(A.kol2))
        #expect(try holds() == ["ACC001": .held, "ACC002": .hardship])
        #expect(try WorkstationStore(db).queueKey(account: 1, today: A.day, now: now).keys.first?.hold == .held)
        // The account workspace gets the holds in force and the cases with their state.
        let detail = try WorkstationStore(db).account(id: 1, asOf: A.day, now: now)
        #expect(detail.holds.map(\.kind) == [.dispute] && detail.cases.map(\.state.status) == [.open] && detail.cases.first?.record.id == 1)
        // The queue raises the account from two working days before the case's deadline (issue 17), one account or the book.
        let due = try #require(detail.cases.first?.state.due)
        let store = WorkstationStore(db)
        #expect(try store.queueKey(account: 1, today: A.day, now: now).keys.first?.flag != .caseDue)
        #expect(try store.queueKey(account: 1, today: due.adding(days: -2), now: now).keys.first?.flag == .caseDue)
        #expect(try store.queueKeys(.book, today: due.adding(days: 1), now: now).keys.first { $0.accountID == 1 }?.flag == .caseDue)
        #expect(try store.queueKeys(.book, today: due.adding(days: 1), now: now).keys.first { $0.accountID == 2 }?.flag != .caseDue)
    }

    @Test func aDeclinedCreditReopensAndALeadsCreditTakesEffectAtOnce() throws {
        let scratch = try Scratch()
        let db = try A.ledger(scratch)
        let cases = CaseBook(db)
        _ = try cases.open(accountNo: "ACC002", type: .complaint, summary: "rude call", charges: [], amount: nil, via: .ojk, session: Self.s(A.kol2))
        _ = try cases.resolve(1, outcome: .upheld, note: "credit", credit: Money(minor: 100_000), session: Self.s(A.kol2))
        #expect(try cases.decide(1, approve: false, note: "no credit for this", session: Self.s(A.lead)).status == .open)
        #expect(try cases.extend(1, reason: "waiting for the recording", session: Self.s(A.kol2)) == Day(iso: "2025-07-28")!)
        #expect(Self.caseRefusal { try cases.extend(1, reason: "again", session: Self.s(A.kol2)) }
                == .alreadyExtended(1, due: Day(iso: "2025-07-28")!))
        // Another collector may not resolve it (not their account).
        #expect(A.refusal { try cases.resolve(1, outcome: .rejected, note: "x", credit: nil, session: Self.s(A.kol)) }
                == .mayNotWork("ACC002", collector: "col02", .workCase))
        let s = try cases.resolve(1, outcome: .upheld, note: "apology and credit", credit: Money(minor: 100_000), session: Self.s(A.lead))
        #expect(s.status == .resolved && s.credited == Money(minor: 100_000))
        #expect(try Self.credits(db) == ["CASE-1 100000 \(A.day.ordinal)"])
        // A complaint places no hold.
        #expect(try HoldBook(db).holds(accountNo: "ACC002").isEmpty)
    }

    /// The Approvals screen's case credits: those awaiting approval that
    /// the user may approve (the lead of the resolver's team, an admin),
    /// never a collector's, gone once decided.
    @Test func theCaseCreditsAwaitingApprovalAreTheApproversOnly() throws {
        let scratch = try Scratch()
        let db = try A.ledger(scratch)
        let otherLead = A.user("lead02", .lead, team: "T2")
        try UserDirectory(db).add(otherLead, session: Fixture.session)
        let cases = CaseBook(db)
        _ = try cases.open(accountNo: "ACC001", type: .dispute, summary: "double charge", charges: [], amount: nil, via: .phone, session: Self.s(A.kol))
        _ = try cases.open(accountNo: "ACC002", type: .question, summary: "which invoice", charges: [], amount: nil, via: nil, session: Self.s(A.kol2))
        _ = try cases.resolve(1, outcome: .upheld, note: "proved", credit: Money(minor: 50_000), session: Self.s(A.kol))
        _ = try cases.resolve(2, outcome: .rejected, note: "explained", credit: nil, session: Self.s(A.kol2))
        func pending(_ u: User) throws -> [Int64] { try cases.pendingCredits(asOf: A.day, for: u).map(\.record.id) }
        #expect(try pending(A.lead) == [1])
        #expect(try pending(Self.admin) == [1])
        #expect(try pending(otherLead) == [])
        #expect(try pending(A.kol) == [] && pending(A.kol2) == [])
        _ = try cases.decide(1, approve: true, note: nil, session: Self.s(A.lead))
        #expect(try pending(A.lead) == [])
    }

    @Test func holdsPlacedAndReleasedByTheRules() throws {
        let scratch = try Scratch()
        let db = try A.ledger(scratch)
        let holds = HoldBook(db)
        #expect(A.refusal { try holds.place(accountNo: "ACC001", kind: .legal, reason: "court", until: nil, session: Self.s(A.kol)) } == .holdKind(.legal))
        #expect(A.refusal { try holds.place(accountNo: "ACC002", kind: .hardship, reason: "x", until: nil, session: Self.s(A.kol)) }
                == .mayNotWork("ACC002", collector: "col02", .placeHold))
        let h = try holds.place(accountNo: "ACC001", kind: .hardship, reason: "lost job", until: A.day.adding(days: 30), session: Self.s(A.kol))
        #expect(h.since == A.day && h.until == A.day.adding(days: 30))
        #expect(Self.caseRefusal { try holds.place(accountNo: "ACC001", kind: .hardship, reason: "again", until: nil, session: Self.s(A.lead)) }
                == .alreadyOnHold(account: "ACC001", kind: .hardship, since: A.day))
        #expect(A.refusal { try holds.release(accountNo: "ACC001", kind: .hardship, reason: "x", session: Self.s(A.kol)) } == .role(.collector, .releaseHold))
        #expect(try holds.release(accountNo: "ACC001", kind: .hardship, reason: "found work", session: Self.s(A.lead)).count == 1)
        #expect(Self.caseRefusal { try holds.release(accountNo: "ACC001", kind: .hardship, reason: "x", session: Self.s(A.lead)) }
                == .notOnHold(account: "ACC001", kind: .hardship))
        let actions = try db.writer.read { try String.fetchAll($0, sql: "SELECT action FROM audit WHERE action LIKE 'hold.%' ORDER BY id") }
        #expect(actions == ["hold.place", "hold.release"])
    }

    /// An edit of a holds or cases row outside Tagih is found by `check`,
    /// with the seal triggers dropped (as the sqlite3 shell must) or firing.
    @Test(arguments: [
        ("holds", "UPDATE holds SET released = since"),
        ("cases", "UPDATE cases SET summary = 'nothing'"),
        ("case_events", "DELETE FROM case_events"),
    ])
    func anEditOfHoldsOrCasesIsFound(table: String, sql: String) throws {
        for dropTriggers in [true, false] {
            let scratch = try Scratch()
            let db = try A.ledger(scratch)
            _ = try CaseBook(db).open(accountNo: "ACC001", type: .dispute, summary: "x", charges: [], amount: nil, via: nil, session: Self.s(A.kol))
            try CaseBook(db).note(1, text: "called back", session: Self.s(A.kol))
            #expect(try IntegrityTests.failed(db).isEmpty)
            try TableSealTests.editOutsideTagih(db, sql, dropTriggers: dropTriggers)
            let problems = try IntegrityTests.failed(db)["sealed tables"] ?? []
            #expect(problems.contains { $0.hasPrefix("table \(table): its rows differ") }, "\(dropTriggers) \(problems)")
        }
    }
}
