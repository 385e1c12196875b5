import Foundation
import GRDB
import TagihCore
import TagihStore

/// A week of a collection team's work on the demo ledger, so every screen has
/// something to show: calls, messages and visits with their outcomes, promises
/// (some due today, some broken), call backs, and payment plans — active ones
/// and requests waiting for the lead. Logged through the same store calls as
/// the workstation (policy, audit), with a fixed seed.
enum DemoActivity {
    static func seed(_ db: AppDatabase, today: Day, staff: [DemoLedger.Staff], operatorClock: LocalClock, limit: Int) throws -> (contacts: Int, plans: Int) {
        var rng = SplitMix64(seed: 20261123)
        let directory = UserDirectory(db)
        var users: [String: User] = [:]
        for s in staff { users[s.login] = try directory.find(s.login) }
        // Accounts that need work, with their collector: the first `limit` of them.
        let targets: [(no: String, collector: String, pastDue: Int64)] = try db.writer.read { database in
            try Row.fetchAll(database, sql: """
                SELECT account_no, collector, open_total - unapplied AS balance FROM accounts
                WHERE collector IS NOT NULL AND open_total > unapplied AND oldest_due < ? ORDER BY id LIMIT ?
                """, arguments: [today.ordinal, limit]).map { ($0["account_no"], $0["collector"], $0["balance"]) }
        }
        let log = ContactLog(db)
        let outcomes = OutcomeTable.standard
        var contacts = 0
        for (i, t) in targets.enumerated() {
            guard let user = users[t.collector] else { continue }
            // One to three attempts over the last week, in the morning of the operator's day.
            let attempts = 1 + Int(rng.next() % 3)
            for k in 0..<attempts {
                let day = today.adding(days: -Int(rng.next() % 7) - (k == attempts - 1 ? 0 : 1))
                let at = operatorClock.instant(day: day, minute: 9 * 60 + Int(rng.next() % 180))
                let roll = Int(rng.next() % 100)
                let code = roll < 30 ? "NA" : roll < 40 ? "BUSY" : roll < 48 ? "VM" : roll < 58 ? "RPC" : roll < 68 ? "CB" : roll < 74 ? "DSP" : roll < 78 ? "TP" : "PTP"
                var promise: (Money, Day)?
                var next: Day?
                if code == "PTP" {
                    // Promises due soon, today, or a few days ago (some will be broken).
                    let due = i % 4 == 0 ? today : day.adding(days: Int(rng.next() % 10))
                    promise = (Money(minor: max(10_000_00, t.pastDue / 2 / 100 * 100)), max(due, day))
                }
                if code == "CB" || code == "RPC" { next = day.adding(days: 1 + Int(rng.next() % 5)) }
                let channel: Channel = [.phone, .phone, .phone, .whatsapp, .sms, .visit][Int(rng.next() % 6)]
                let reason: DelayReason? = code == "NA" || code == "BUSY" ? nil : [.financial, .financial, .admin, .dispute, .other][Int(rng.next() % 5)]
                // Logged as it happened: the collector's clock stands at the call.
                let s = Session(user: user, realLogin: user.login, today: day, now: Date(timeIntervalSince1970: TimeInterval(at)))
                do {
                    _ = try log.log(ContactRequest(accountNo: t.no, channel: channel, outcome: outcomes[code]!, reason: reason, note: nil,
                                                   promise: promise, nextAction: next, at: at, day: day), session: s)
                    contacts += 1
                } catch {
                    continue // blocked by the policy (a Sunday, a holiday, the daily limit): a real collector would not have called either
                }
            }
        }
        // Plans: a few active, a few beyond a collector's authority waiting for the lead.
        let book = PlanBook(db)
        var plans = 0
        for (i, t) in targets.enumerated() where i % 25 == 3 {
            guard let user = users[t.collector] else { continue }
            let session = Session(user: user, realLogin: user.login, today: today.adding(days: -2), now: Date())
            let beyond = i % 50 == 3
            _ = try? book.propose(accountNo: t.no, instalments: beyond ? 9 : 3 + i % 4, discountBasisPoints: beyond ? 1500 : 0,
                                  downPayment: .zero, frequency: .month, first: today.adding(days: 5), note: beyond ? "debitur terdampak PHK" : nil,
                                  session: session)
            plans += 1
        }
        return (contacts, plans)
    }
}
