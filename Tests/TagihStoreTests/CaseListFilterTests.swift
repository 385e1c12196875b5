import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// `case list --status open|overdue|awaiting` leaves out the cases already
/// settled before it builds anything (a year's cases are mostly resolved):
/// on every day, each list must hold exactly the cases whose derived status
/// is that status, as the unfiltered list judges them.
@Suite struct CaseListFilterTests {
    typealias A = StoreAuthorityTests

    static func on(_ u: User, _ day: Day) -> Session {
        Session(user: u, realLogin: u.login, today: day, now: Date(timeIntervalSince1970: TimeInterval(Int64(day.ordinal) * 86_400 + 3 * 3_600)))
    }

    @Test(arguments: [20251203, 7, 42])
    func theFilteredListsAgreeWithTheDerivedStatusOnEveryDay(seed: UInt64) throws {
        let scratch = try Scratch()
        let db = try A.ledger(scratch)
        let cases = CaseBook(db)
        var rng = SplitMix64(seed: seed)
        let start = A.day
        // Twelve cases, each opened on its own day and then resolved at once,
        // resolved with a credit to approve, approved or declined, or left open.
        for i in 0..<12 {
            let opened = start.adding(days: i * 2)
            let id = try cases.open(accountNo: "ACC002", type: .complaint, summary: "case \(i)", charges: [], amount: nil, via: nil,
                                    session: Self.on(A.kol2, opened)).id
            let later = opened.adding(days: 1 + Int(rng.next() % 20))
            switch rng.next() % 5 {
            case 0: _ = try cases.resolve(id, outcome: .rejected, note: "no", credit: nil, session: Self.on(A.lead, later))
            case 1: _ = try cases.resolve(id, outcome: .upheld, note: "credit", credit: Money(minor: 1_000), session: Self.on(A.kol2, later))
            case 2:
                _ = try cases.resolve(id, outcome: .upheld, note: "credit", credit: Money(minor: 1_000), session: Self.on(A.kol2, later))
                _ = try cases.decide(id, approve: true, note: nil, session: Self.on(A.lead, later.adding(days: 3)))
            case 3:
                _ = try cases.resolve(id, outcome: .upheld, note: "credit", credit: Money(minor: 1_000), session: Self.on(A.kol2, later))
                _ = try cases.decide(id, approve: false, note: "no", session: Self.on(A.lead, later.adding(days: 2)))
            default: break
            }
        }
        var seen: Set<CaseStatus> = []
        for d in 0..<60 {
            let day = start.adding(days: d)
            let all = try cases.list(status: nil, asOf: day, collectors: nil)
            for (status, name) in [(CaseStatus.open, "open"), (.overdue, "overdue"), (.awaitingApproval, "awaiting")] {
                let expected = all.filter { name == "open" ? $0.state.status.isUnresolved : $0.state.status == status }.map(\.record.id)
                #expect(try cases.list(status: name, asOf: day, collectors: nil).map(\.record.id) == expected, "\(name) on \(day.iso)")
            }
            seen.formUnion(all.map(\.state.status))
        }
        #expect(seen.contains(.resolved) && seen.contains(.open), "the days cover resolved and open cases: \(seen)")
    }
}
