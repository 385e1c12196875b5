import Foundation
import Testing
@testable import TagihCore

/// Holds in force by date, working-day deadlines and case status (CONTRACT §9, R22).
@Suite struct HoldsAndCasesTests {
    static func d(_ s: String) -> Day { Day(iso: s)! }
    /// The rules' holidays around the year end of 2026 (cuti bersama 24 Dec, Christmas, New Year, Isra Mikraj).
    static let holidays: [Day: String] = [d("2026-12-24"): "Cuti Bersama", d("2026-12-25"): "Natal", d("2027-01-01"): "Tahun Baru",
                                          d("2027-01-05"): "Isra Mikraj"]

    @Test(arguments: [
        // Monday + 10 working days, no holiday: two weeks later.
        ("2026-11-23", 10, "2026-12-07"),
        // Friday: the weekend does not count.
        ("2026-11-27", 1, "2026-11-30"),
        // Saturday opened: Monday is the first working day.
        ("2026-11-28", 1, "2026-11-30"),
        // Across cuti bersama and Christmas: 15,16,17,18,21,22,23,28,29,30.
        ("2026-12-14", 10, "2026-12-30"),
        // Across the year end, New Year and Isra Mikraj: 31, 4, 6, 7, 8.
        ("2026-12-30", 5, "2027-01-08"),
        ("2026-12-23", 1, "2026-12-28"),
        ("2026-12-23", 0, "2026-12-23"),
    ])
    func workingDays(_ from: String, _ n: Int, _ want: String) {
        #expect(WorkingDays.add(n, to: Self.d(from), holidays: Self.holidays) == Self.d(want))
    }

    @Test func deadlineAndItsOneExtension() {
        let terms = CaseTerms(workingDays: 10, extensionDays: 10, holidays: Self.holidays)
        #expect(Cases.due(opened: Self.d("2026-12-14"), extended: false, terms: terms) == Self.d("2026-12-30"))
        // 31 Dec, (1 Jan), 4, (5), 6, 7, 8, 11, 12, 13, 14, 15.
        #expect(Cases.due(opened: Self.d("2026-12-14"), extended: true, terms: terms) == Self.d("2027-01-15"))
        // A rule of 5 working days.
        #expect(Cases.due(opened: Self.d("2026-12-14"), extended: false, terms: CaseTerms(workingDays: 5, extensionDays: 10, holidays: [:]))
                == Self.d("2026-12-21"))
        #expect(WorkingDays.count(from: Self.d("2026-12-14"), to: Self.d("2026-12-30"), holidays: Self.holidays) == 10)
    }

    @Test func holdInForceByDate() {
        let h = Hold(id: 1, kind: .dispute, since: Self.d("2026-11-10"), until: Self.d("2026-11-20"), reason: "x")
        #expect(!h.inForce(on: Self.d("2026-11-09")))
        #expect(h.inForce(on: Self.d("2026-11-10")))
        #expect(h.inForce(on: Self.d("2026-11-20")))
        #expect(!h.inForce(on: Self.d("2026-11-21")))
        var released = h
        released.released = Self.d("2026-11-15")
        #expect(released.inForce(on: Self.d("2026-11-14")))
        #expect(!released.inForce(on: Self.d("2026-11-15")), "from the day of the release it no longer holds")
        #expect(released.lastDay == Self.d("2026-11-14"))
        let open = Hold(id: 2, kind: .cease, since: Self.d("2026-11-10"), until: nil, reason: "x")
        #expect(open.inForce(on: Self.d("2030-01-01")))
        #expect(Holds.firstFreeDay([open], from: Self.d("2026-11-12")) == nil)
        #expect(Holds.firstFreeDay([h], from: Self.d("2026-11-12")) == Self.d("2026-11-21"))
        // Hardship never blocks.
        let hardship = Hold(id: 3, kind: .hardship, since: Self.d("2026-11-10"), until: nil, reason: "x")
        #expect(Holds.blocking([hardship], on: Self.d("2026-11-12")) == nil)
        #expect(Holds.hardship([hardship], on: Self.d("2026-11-12")))
    }

    @Test func policyBlocksEveryChannelOnHoldAndNamesTheEnd() throws {
        let clock = ContactPolicyTests.clock("Asia/Jakarta", "WIB")
        let policy = ContactPolicy(rules: .ojk, holidays: [:])
        // Monday 2026-11-16 10:00 WIB: within the hours.
        let at = clock.instant(day: Self.d("2026-11-16"), minute: 600)
        let h = Hold(id: 1, kind: .dispute, since: Self.d("2026-11-10"), until: Self.d("2026-11-20"), reason: "x")
        #expect(policy.check(.phone, at: at, clock: clock, history: []) == .allowed)
        let v = policy.check(.phone, at: at, clock: clock, history: [], holds: [h])
        // Email too (day rules only: from the hold's end at midnight).
        #expect(policy.check(.email, at: at, clock: clock, history: [], holds: [h])
                == .blocked(BlockReason.onHold(HoldKind.dispute, since: Self.d("2026-11-10")), nextAllowed: clock.instant(day: Self.d("2026-11-21"), minute: 0)))
        // Next allowed: Saturday 21 Nov 08:00 (ojk allows Saturdays).
        let want = ContactVerdict.blocked(BlockReason.onHold(HoldKind.dispute, since: Self.d("2026-11-10")), nextAllowed: clock.instant(day: Self.d("2026-11-21"), minute: 480))
        #expect(v == want)
        let noEnd = Hold(id: 2, kind: .legal, since: Self.d("2026-11-10"), until: nil, reason: "x")
        guard case .blocked(let reason, nil) = policy.check(.phone, at: at, clock: clock, history: [], holds: [noEnd]) else {
            Issue.record("a hold with no end blocks with no next time"); return
        }
        let refusal = ContactRefusal.blocked(reason, next: nil)
        #expect(refusal.commandLineText == "blocked: on hold (legal since 2026-11-10); no end set")
        #expect(!refusal.overridable, "R5: no override lifts a hold")
        #expect(Strings(.id).contactRefusal(refusal, options: true) == "diblokir: ditahan (proses hukum sejak \(Strings(.id).shortDate(Self.d("2026-11-10")))); tanpa akhir")
        let hardship = Hold(id: 3, kind: .hardship, since: Self.d("2026-11-10"), until: nil, reason: "x")
        #expect(policy.check(.phone, at: at, clock: clock, history: [], holds: [hardship]) == .allowed)
    }

    static func record(_ events: [CaseEvent], opened: String = "2026-12-14") -> CaseRecord {
        CaseRecord(id: 1, accountID: 1, accountNo: "A1", type: .dispute, via: nil, summary: "s", charges: [],
                   amount: nil, opened: d(opened), openedBy: "kol01", events: events)
    }

    @Test func statusDerivedFromEvents() {
        let terms = CaseTerms(workingDays: 10, extensionDays: 10, holidays: Self.holidays)
        let plain = Self.record([])
        #expect(Cases.state(plain, asOf: Self.d("2026-12-30"), terms: terms).status == .open, "due day itself is still in time")
        #expect(Cases.state(plain, asOf: Self.d("2026-12-31"), terms: terms).status == .overdue)
        let extended = Self.record([CaseEvent(id: 1, kind: .extend, day: Self.d("2026-12-20"), by: "kol01")])
        #expect(Cases.state(extended, asOf: Self.d("2026-12-31"), terms: terms).status == .open)
        #expect(Cases.state(extended, asOf: Self.d("2026-12-19"), terms: terms).due == Self.d("2026-12-30"), "the extension counts from its day")
        // A collector's credit waits; a decline reopens; a second resolution is approved.
        let credit = Money(minor: 25_000_000)
        let events = [
            CaseEvent(id: 1, kind: .resolve, day: Self.d("2026-12-22"), by: "kol01", outcome: .partly, credit: credit, needsApproval: true),
            CaseEvent(id: 2, kind: .decline, day: Self.d("2026-12-23"), by: "lead01", note: "no"),
            CaseEvent(id: 3, kind: .resolve, day: Self.d("2027-01-04"), by: "kol01", outcome: .upheld, credit: credit, needsApproval: true),
            CaseEvent(id: 4, kind: .approve, day: Self.d("2027-01-06"), by: "lead01"),
        ]
        let c = Self.record(events)
        #expect(Cases.state(c, asOf: Self.d("2026-12-22"), terms: terms).status == .awaitingApproval)
        #expect(Cases.state(c, asOf: Self.d("2026-12-23"), terms: terms).status == .open)
        #expect(Cases.state(c, asOf: Self.d("2026-12-31"), terms: terms).status == .overdue)
        let done = Cases.state(c, asOf: Self.d("2027-01-06"), terms: terms)
        #expect(done.status == .resolved && done.resolvedOn == Self.d("2027-01-06") && done.credited == credit && !done.resolvedInTime)
    }

    @Test func reportCountsAndMedian() throws {
        let terms = CaseTerms(workingDays: 10, extensionDays: 10, holidays: Self.holidays)
        func resolved(_ id: Int64, _ type: CaseType, opened: String, on: String, credit: Int64? = nil) -> CaseRecord {
            var r = Self.record([CaseEvent(id: id, kind: .resolve, day: Self.d(on), by: "lead01", outcome: .upheld,
                                           credit: credit.map(Money.init(minor:)))], opened: opened)
            r.id = id; r.type = type
            return r
        }
        var open = Self.record([], opened: "2026-12-01"); open.id = 9; open.type = .complaint
        let cases = [
            resolved(1, .complaint, opened: "2026-12-01", on: "2026-12-03"),              // 2 days, in time
            resolved(2, .complaint, opened: "2026-12-01", on: "2026-12-31", credit: 100), // 30 days, late (due 12-15)
            resolved(3, .complaint, opened: "2026-12-02", on: "2026-12-07"),              // 5 days
            resolved(4, .complaint, opened: "2026-12-02", on: "2026-12-09", credit: 50),  // 7 days
            open,
        ]
        let rows = try CaseReportRow.report(cases, from: Self.d("2026-12-01"), to: Self.d("2026-12-31"), terms: terms)
        let complaint = try #require(rows.first { $0.type == .complaint })
        #expect(complaint == CaseReportRow(type: .complaint, opened: 5, resolved: 4, resolvedInTime: 3, overdueOpen: 1,
                                           medianDaysTenths: 60, credited: Money(minor: 150)))
        #expect(Cases.tenths(Cases.medianTenths([2, 5, 7, 30])!) == "6")
        #expect(Cases.tenths(Cases.medianTenths([2, 5])!) == "3.5")
        #expect(rows.map(\.type) == CaseType.allCases)
    }

    @Test func authorityForHoldsAndCases() {
        let kol = User(login: "kol01", name: "K", role: .collector, team: "T1")
        let lead = User(login: "lead01", name: "L", role: .lead, team: "T1")
        let mine = AccountOwner(accountNo: "A1", collector: "kol01", team: "T1")
        let theirs = AccountOwner(accountNo: "A2", collector: "kol02", team: "T1")
        #expect(Authority.refusal(kol, .placeHold(.dispute, mine)) == nil)
        #expect(Authority.refusal(kol, .placeHold(.legal, mine)) == .holdKind(.legal))
        #expect(Authority.refusal(kol, .placeHold(.hardship, theirs)) == .mayNotWork("A2", collector: "kol02", .placeHold))
        #expect(Authority.refusal(kol, .releaseHold) == .role(.collector, .releaseHold))
        #expect(Authority.refusal(lead, .placeHold(.legal, theirs)) == nil)
        #expect(Authority.refusal(kol, .openCase) == nil)
        #expect(Authority.refusal(lead, .decideCaseCredit(approve: true, account: mine, resolver: "lead01", resolverTeam: "T1")) == .ownResolution)
        #expect(Authority.refusal(lead, .decideCaseCredit(approve: true, account: mine, resolver: "kol01", resolverTeam: "T1")) == nil)
        #expect(Authority.refusal(kol, .decideCaseCredit(approve: false, account: mine, resolver: "kol02", resolverTeam: "T1"))
                == .role(.collector, .declineCredit))
    }

    @Test func queueLeavesHeldAccountsOutAndLowersHardship() {
        let today = Self.d("2026-11-23")
        func key(_ id: Int64, _ days: Int, _ balance: Int64, _ hold: QueueHold = .none) -> QueueKey {
            QueueKey(accountID: id, oldestDue: today.adding(days: -days), balance: Money(minor: balance), segment: 0, hold: hold)
        }
        let keys = [key(1, 40, 9_000, .hardship), key(2, 45, 1_000), key(3, 200, 5_000, .held), key(4, 10, 500), key(5, 35, 2_000)]
        func ids(_ f: QueueFilter = .init()) -> [Int64] {
            WorkQueue.order(keys, segments: [], today: today, buckets: .standard, filter: f).map(\.accountID)
        }
        // 31-60: 1 (largest balance, but hardship) goes below 5 and 2; 3 is held: not to work.
        #expect(ids() == [5, 2, 1, 4])
        #expect(ids(QueueFilter(held: true)) == [3])
        #expect(ids(QueueFilter(bucket: 2)) == [5, 2, 1])
        // With no hold at all the order is the rules' as before.
        #expect(WorkQueue.order(keys.map { var k = $0; k.hold = .none; return k }, segments: [], today: today, buckets: .standard)
                    .map(\.accountID) == [3, 1, 5, 2, 4])
    }
}
