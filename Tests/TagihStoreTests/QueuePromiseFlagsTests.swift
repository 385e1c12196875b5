import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// The queue judges every account with a promise falling due this week in
/// one read of their promises and payments (`PromisePayments.statuses(_:
/// accounts:…)`). Seeded random books: each account's flag must be what a
/// model written from CONTRACT §6 and R12 says, and the same whether the
/// account is read with the whole book or alone.
@Suite struct QueuePromiseFlagsTests {
    static let today = Day(iso: "2025-06-30")!
    static let grace = Settings().promiseGraceDays

    struct Promise { let made: Day; let at: Int64; let amount: Int64; let due: Day }
    struct Payment { let day: Day; let amount: Int64 }

    /// CONTRACT §6: kept once the payments dated from the day it was made to
    /// its due date plus the grace days reach the amount (only those on or
    /// before `asOf` count); broken from the day after that without it.
    static func status(_ p: Promise, _ pays: [Payment], asOf: Day) -> PromiseStatus {
        let last = p.due.adding(days: grace)
        let paid = pays.filter { $0.day >= p.made && $0.day <= last && $0.day <= asOf }.reduce(0) { $0 + $1.amount }
        if paid >= p.amount { return .kept }
        return asOf > last ? .broken : .open
    }

    /// R12: a promise is replaced by a later one (by contact moment) made
    /// while it was still open on that promise's day.
    static func modelFlag(_ promises: [Promise], _ pays: [Payment]) -> QueueFlag {
        var flag = QueueFlag.none
        for p in promises where p.made <= today && p.due >= today.adding(days: -grace - 8) && p.due <= today {
            let replaced = promises.contains { q in q.at > p.at && q.made <= today && status(p, pays, asOf: q.made) == .open }
            if replaced { continue }
            switch status(p, pays, asOf: today) {
            case .open where p.due == today: flag = min(flag, .promiseDueToday)
            case .broken: flag = min(flag, .brokenPromise)
            default: break
            }
        }
        return flag
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6])
    func flagsFollowTheModelWholeOrAlone(seed: UInt64) throws {
        let scratch = try Scratch()
        let db = try AppDatabase.inMemory()
        try UserDirectory(db).bootstrapAdmin(login: "admin", name: "Admin", today: Fixture.today, now: Date())
        try UserDirectory(db).add(User(login: "col01", name: "Rudi Hartono", role: .collector, team: "T1"), session: Fixture.session)
        let accounts = (1...24).map { String(format: "P%02d", $0) }
        try db.importFile(.accounts, try scratch.write("a.csv", "account_no,name,timezone,collector\n"
            + accounts.map { "\($0),Debitur \($0),Asia/Jakarta,col01\n" }.joined()))
        try db.importFile(.charges, try scratch.write("c.csv", "account_no,ref,issue_date,due_date,amount\n"
            + accounts.map { "\($0),INV-\($0),2025-04-01,2025-04-30,1000000.00\n" }.joined()))

        var rng = SplitMix64(seed: seed)
        func pick(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }
        var promises: [String: [Promise]] = [:], payments: [String: [Payment]] = [:]
        var toLog: [(String, Promise)] = []
        var paymentRows = ""
        for no in accounts {
            // Promises made on distinct days of the last three weeks, due within a week of being made.
            let days = Set((0..<pick(4)).map { _ in pick(21) }).sorted()
            for back in days {
                let made = Self.today.adding(days: -back)
                let p = Promise(made: made, at: Int64(made.ordinal) * 86_400 + 3 * 3600 + Int64(pick(3600)),
                                amount: Int64(1 + pick(5)) * 10_000_00, due: made.adding(days: pick(8)))
                promises[no, default: []].append(p)
                toLog.append((no, p))
            }
            for i in 0..<pick(3) {
                let pay = Payment(day: Self.today.adding(days: -pick(24)), amount: Int64(1 + pick(6)) * 10_000_00)
                payments[no, default: []].append(pay)
                paymentRows += "\(no),PAY-\(no)-\(i),\(pay.day.iso),\(Money(minor: pay.amount).machine(.idr)),VA\n"
            }
        }
        if !paymentRows.isEmpty {
            try db.importFile(.payments, try scratch.write("p.csv", "account_no,ref,paid_on,amount,channel\n" + paymentRows))
        }
        // Logged out of time order: the record is judged in time order (R12).
        // A day the policy keeps free of calls (a Sunday, a holiday) is
        // refused, and that promise is then none of the model's.
        toLog.shuffle(using: &rng)
        var logged = 0
        for (no, p) in toLog {
            do {
                _ = try ContactLog(db).log(ContactRequest(accountNo: no, channel: .phone, outcome: OutcomeTable.standard["PTP"]!,
                                                          promise: (Money(minor: p.amount), p.due), at: p.at, day: p.made),
                                           session: Fixture.session(at: p.at))
                logged += 1
            } catch where "\(error)".contains("not a contact day") || "\(error)".contains("holiday") {
                promises[no]?.removeAll { $0.at == p.at }
            }
        }
        #expect(logged > toLog.count / 2)

        let store = WorkstationStore(db)
        let now = Int64(Self.today.ordinal) * 86_400 + 5 * 3600
        let whole = try store.queueKeys(.book, today: Self.today, now: now).keys
        var seen: Set<QueueFlag> = []
        for (i, no) in accounts.enumerated() {
            let id = Int64(i + 1)
            let expected = Self.modelFlag(promises[no] ?? [], payments[no] ?? [])
            let inBook = whole.first { $0.accountID == id }?.flag
            let alone = try store.queueKey(account: id, today: Self.today, now: now).keys.first?.flag
            #expect(inBook == expected, "\(no), seed \(seed)")
            #expect(alone == expected, "\(no) alone, seed \(seed)")
            seen.insert(expected)
        }
        // The books are rich enough to mean something: each seed has both flags.
        #expect(seen.contains(.promiseDueToday) || seen.contains(.brokenPromise))

        // `report promises` on a server judges the accounts a few hundred a
        // statement: in groups of 1, 5 and all, the same statuses as account
        // by account (the in-process path), on several days.
        let all = try db.read { sql in
            try accounts.indices.flatMap { try ContactLog.promises(sql, accountID: Int64($0 + 1)) }
        }
        #expect(all.count >= logged)
        for day in [Self.today.adding(days: -10), Self.today, Self.today.adding(days: 9)] {
            let (one, five, whole) = try db.read { sql in
                let p = try PromisePayments(sql)
                return (try p.statuses(of: all, asOf: day, graceDays: Self.grace, accountsPerRead: 1),
                        try p.statuses(of: all, asOf: day, graceDays: Self.grace, accountsPerRead: 5),
                        try p.statuses(of: all, asOf: day, graceDays: Self.grace, accountsPerRead: 500))
            }
            #expect(five.map(\.status) == one.map(\.status) && five.map(\.paid) == one.map(\.paid), "seed \(seed) \(day.iso)")
            #expect(whole.map(\.status) == one.map(\.status) && whole.map(\.paid) == one.map(\.paid), "seed \(seed) \(day.iso)")
            #expect(Set(one.map(\.status)).count > 1, "seed \(seed) \(day.iso): \(Set(one.map(\.status)))")
        }
    }
}
