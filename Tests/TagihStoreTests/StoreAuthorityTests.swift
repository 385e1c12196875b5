import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// The store asks `Authority` inside its writes (CONTRACT §1a): each refused
/// action throws the typed refusal and leaves the ledger as it was.
@Suite struct StoreAuthorityTests {
    static let day = Fixture.today
    static func user(_ login: String, _ role: Role, team: String? = "T1") -> User { User(login: login, name: login, role: role, team: team) }
    static func session(_ u: User, clockMoved: Bool = false, realRole: Role? = nil) -> Session {
        Session(user: u, realLogin: u.login, today: day, now: Date(timeIntervalSince1970: TimeInterval(Int64(day.ordinal) * 86_400 + 3 * 3_600)),
                clockOverridden: clockMoved, realRole: realRole)
    }

    static let kol = user("col01", .collector)
    static let kol2 = user("col02", .collector)
    static let lead = user("lead01", .lead)
    static let batch = user("tagih", .batch, team: nil)

    /// ACC001 is col01's, ACC002 col02's (both team T1); the admin imported them.
    static func ledger(_ scratch: Scratch) throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        try UserDirectory(db).bootstrapAdmin(login: "admin", name: "Admin", today: day, now: Date())
        for u in [kol, kol2, lead, batch] { try UserDirectory(db).add(u, session: Fixture.session) }
        try db.importFile(.accounts, try scratch.write("a.csv", "account_no,name,collector\nACC001,Satu,col01\nACC002,Dua,col02\n"))
        try db.importFile(.charges, try scratch.write("c.csv", """
            account_no,ref,issue_date,due_date,amount
            ACC001,I1,2025-05-01,2025-05-31,1000000
            ACC002,I2,2025-05-01,2025-05-31,1000000

            """))
        return db
    }

    /// The refusal a write throws, or nil when it went through.
    static func refusal(_ body: () throws -> Any) -> Refusal? {
        do { _ = try body(); return nil } catch let e as StoreError { return e.refusal } catch { return nil }
    }

    @Test func importsAndTheNightlyBatchAreForAdminsAndBatch() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let file = try scratch.write("p.csv", "account_no,ref,paid_on,amount,channel\nACC001,P1,2025-06-30,1000,VA\n")
        let before = try db.tableCounts()
        #expect(Self.refusal { try Importer(db).run(.payments, path: file, session: Self.session(Self.kol)) } == .role(.collector, .importFiles))
        #expect(Self.refusal { try Importer(db).run(.payments, path: file, session: Self.session(Self.lead)) } == .role(.lead, .importFiles))
        try FileManager.default.createDirectory(atPath: scratch.path("inbox"), withIntermediateDirectories: true)
        #expect(Self.refusal { try Nightly(db).run(inbox: scratch.path("inbox"), dryRun: false, session: Self.session(Self.kol)) { _ in } }
                == .role(.collector, .runNightly))
        #expect(try db.tableCounts() == before)
        #expect(Self.refusal { try Importer(db).run(.payments, path: file, session: Self.session(Self.batch)) } == nil, "the batch login imports")
    }

    @Test func plansFollowTheTableInsideTheWrite() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let book = PlanBook(db)
        func propose(_ no: String, by u: User, instalments: Int = 2) throws -> Proposal {
            try book.propose(accountNo: no, instalments: instalments, discountBasisPoints: 0, downPayment: .zero, frequency: .month,
                             first: Self.day.adding(days: 7), note: nil, session: Self.session(u))
        }
        #expect(Self.refusal { try propose("ACC002", by: Self.kol) } == .notTheirAccount("ACC002", collector: "col02"))
        #expect(Self.refusal { try propose("ACC001", by: Self.batch) } == .role(.batch, .proposePlan))
        let mine = try propose("ACC002", by: Self.lead, instalments: 24)   // beyond a lead's 12: pending
        #expect(mine.status == .pending)
        #expect(Self.refusal { try book.decide(.approve, plan: mine.id, note: nil, session: Self.session(Self.lead)) } == .ownProposal)
        #expect(Self.refusal { try book.decide(.approve, plan: mine.id, note: nil, session: Self.session(Self.kol)) } == .role(.collector, .approvePlan))
        let theirs = try propose("ACC001", by: Self.kol, instalments: 24)
        #expect(Self.refusal { try book.decide(.approve, plan: theirs.id, note: nil, session: Self.session(Self.lead)) } == .beyondAuthority)
        #expect(try book.show(String(theirs.id), asOf: Self.day).status == .pending, "a refused approval changes nothing")
        #expect(try book.pending(asOf: Self.day, for: Self.lead).isEmpty, "nothing the lead may approve")
        #expect(try book.pending(asOf: Self.day, for: Fixture.admin).map(\.id) == [mine.id, theirs.id])
        #expect(Self.refusal { try book.decide(.decline, plan: theirs.id, note: "too long", session: Self.session(Self.lead)) } == nil,
                "declining needs no authority (R3)")
    }

    @Test func usersAssignmentsOverridesAndAMovedClock() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        #expect(Self.refusal { try UserDirectory(db).add(Self.user("x", .admin), session: Self.session(Self.lead)) } == .role(.lead, .manageUsers))
        #expect(Self.refusal { try Assignments(db).assign(["ACC001"], to: "col02", session: Self.session(Self.kol)) } == .role(.collector, .assign))
        #expect(Self.refusal { try Assignments(db).assign(["ACC001"], to: "tagih", session: Fixture.session) } == .assigneeRole("tagih", .batch))
        #expect(try Assignments(db).assign(["ACC001"], to: "col02", session: Self.session(Self.lead)) == 1)
        // A collector's session with a moved clock records nothing; an admin acting as the collector may.
        let at = Int64(Self.day.ordinal) * 86_400 + 3 * 3_600   // 10:00 WIB, Monday
        let request = ContactRequest(accountNo: "ACC002", channel: .phone, outcome: OutcomeTable.standard["NA"]!, at: at, day: Self.day)
        #expect(Self.refusal { try ContactLog(db).log(request, session: Self.session(Self.kol, clockMoved: true)) } == .clockOverride(.collector))
        #expect(try db.count("contacts") == 0)
        #expect(Self.refusal { try ContactLog(db).log(request, session: Self.session(Self.kol, clockMoved: true, realRole: .admin)) } == nil)
        #expect(Self.refusal { try ContactLog(db).log(request, session: Self.session(Self.batch)) } == .role(.batch, .logContact))
        #expect(try db.failedChecks().isEmpty)
    }
}
