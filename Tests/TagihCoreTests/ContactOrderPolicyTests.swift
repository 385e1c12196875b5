import Foundation
import Testing
@testable import TagihCore

/// The limits judged over the whole record, in time order (CONTRACT §6, R12):
/// an attempt logged later with an earlier time counts exactly as if logged
/// in order. Worked examples C1 and C2 of plans-and-promises.md, out-of-order
/// cases for each limit, and a seeded randomized run against a model of the
/// limits written here from the contract.
@Suite struct ContactOrderPolicyTests {
    static let wib = ContactPolicyTests.clock("Asia/Jakarta", "WIB")
    static let wit = ContactPolicyTests.clock("Asia/Jayapura", "WIT")
    static let ny = ContactPolicyTests.newYork
    let ojk = ContactPolicyTests.ojk
    let regf = ContactPolicyTests.regf

    func at(_ c: LocalClock, _ day: String, _ hh: Int, _ mm: Int) -> Int64 { c.instant(day: Day(iso: day)!, minute: hh * 60 + mm) }
    func call(_ c: LocalClock, _ day: String, _ hh: Int, talk: Bool = false, _ channel: Channel = .phone) -> ContactEvent {
        ContactEvent(at: at(c, day, hh, 0), channel: channel, conversation: talk)
    }

    @Test func c1ThreeAttemptsLaterInTheDayBlockTheMorning() {
        let c = Self.wib
        let monday = ["2026-03-02"].flatMap { d in [15, 16, 17].map { call(c, d, $0) } }
        // Whatever order they came in, the policy sees the same record.
        for order in [monday, monday.reversed(), [monday[1], monday[2], monday[0]]] {
            #expect(ojk.check(.phone, at: at(c, "2026-03-02", 9, 0), clock: c, history: order)
                    == .blocked(.dailyLimit(3), nextAllowed: at(c, "2026-03-03", 8, 0)))
            #expect(ojk.check(.phone, at: at(c, "2026-03-02", 8, 30), clock: c, history: order)
                    == .blocked(.dailyLimit(3), nextAllowed: at(c, "2026-03-03", 8, 0)))
        }
        let tuesday = [9, 10, 11].map { call(c, "2026-03-03", $0) }
        #expect(ojk.check(.phone, at: at(c, "2026-03-02", 21, 0), clock: c, history: monday + tuesday)
                == .blocked(.afterHours(now: 21 * 60, end: 20 * 60), nextAllowed: at(c, "2026-03-04", 8, 0)))
        #expect(ojk.check(.email, at: at(c, "2026-03-02", 9, 0), clock: c, history: monday) == .allowed, "e-mail is not capped")
    }

    @Test func c2TheDebtorsZoneAndHolidays() {
        let c = Self.wit
        // Monday 2026-03-02 18:30 WIB is 20:30 WIT.
        let instant = Self.wib.instant(day: Day(iso: "2026-03-02")!, minute: 18 * 60 + 30)
        #expect(ojk.check(.phone, at: instant, clock: c, history: [])
                == .blocked(.afterHours(now: 20 * 60 + 30, end: 20 * 60), nextAllowed: at(c, "2026-03-03", 8, 0)))
        #expect(ojk.check(.phone, at: at(c, "2026-03-07", 20, 0), clock: c, history: [])
                == .blocked(.afterHours(now: 20 * 60, end: 20 * 60), nextAllowed: at(c, "2026-03-09", 8, 0)))
        #expect(ojk.check(.phone, at: at(c, "2026-03-08", 10, 0), clock: c, history: [])
                == .blocked(.notAContactDay(weekday: 7), nextAllowed: at(c, "2026-03-09", 8, 0)))
        #expect(ojk.check(.phone, at: at(c, "2026-12-23", 20, 15), clock: c, history: [])
                == .blocked(.afterHours(now: 20 * 60 + 15, end: 20 * 60), nextAllowed: at(c, "2026-12-26", 8, 0)))
        // 23:30 UTC on Monday 2026-03-02 is 08:30 on Tuesday in WIT.
        let utc = Int64(Day(iso: "2026-03-02")!.ordinal) * 86_400 + 23 * 3600 + 1800
        #expect(ojk.check(.phone, at: utc, clock: c, history: []) == .allowed)
    }

    @Test func regfSevenInSevenCountsTheWindowsOfLaterAttempts() {
        let c = Self.ny
        // Seven calls 06-05 … 06-11: the window ending 06-11 is full, so a
        // call on 06-06 (in it) is refused although only one call precedes it.
        let later = (5...11).map { call(c, String(format: "2026-06-%02d", $0), 10) }
        #expect(regf.check(.phone, at: at(c, "2026-06-06", 9, 0), clock: c, history: later)
                == .blocked(.weeklyPhoneLimitAhead(7, through: Day(iso: "2026-06-11")!), nextAllowed: at(c, "2026-06-12", 8, 0)))
        #expect(regf.check(.phone, at: at(c, "2026-06-04", 9, 0), clock: c, history: later) == .allowed,
                "06-04 is in no window that already holds seven")
    }

    @Test func regfRestBeforeAndAfterAConversation() {
        let c = Self.ny
        let talk = call(c, "2026-06-05", 10, talk: true)
        // A plain attempt before the conversation is fine, even the same day.
        #expect(regf.check(.phone, at: at(c, "2026-06-03", 9, 0), clock: c, history: [talk]) == .allowed)
        #expect(regf.check(.phone, at: at(c, "2026-06-05", 9, 0), clock: c, history: [talk]) == .allowed)
        // After it, for the rest of 06-05 and six more days: no.
        #expect(regf.check(.phone, at: at(c, "2026-06-05", 11, 0), clock: c, history: [talk])
                == .blocked(.restAfterConversation(on: Day(iso: "2026-06-05")!, until: Day(iso: "2026-06-12")!),
                            nextAllowed: at(c, "2026-06-12", 8, 0)))
        // A conversation logged for 06-03 would rest the phone through 06-09,
        // and the call of 06-05 is already recorded inside that rest.
        #expect(regf.check(.phone, at: at(c, "2026-06-03", 9, 0), clock: c, history: [talk], conversation: true)
                == .blocked(.laterPhoneAttempt(on: Day(iso: "2026-06-05")!, until: Day(iso: "2026-06-10")!),
                            nextAllowed: at(c, "2026-06-12", 8, 0)))
        #expect(regf.check(.phone, at: at(c, "2026-05-28", 9, 0), clock: c, history: [talk], conversation: true) == .allowed,
                "its rest ends 06-03, before the recorded call")
        let sms = ContactEvent(at: at(c, "2026-06-05", 10, 0), channel: .sms, conversation: false)
        #expect(regf.check(.phone, at: at(c, "2026-06-03", 9, 0), clock: c, history: [sms], conversation: true) == .allowed,
                "the rest is for calls only")
    }

    // MARK: - Randomized, against a model of the limits

    /// The limits as the contract states them, over a set of accepted attempts.
    struct Model {
        let clock: LocalClock
        let rules: ContactRules

        func broken(_ record: [ContactEvent]) -> String? {
            let days = record.map { clock.local($0.at).day }
            for (i, e) in record.enumerated() where e.channel.isImmediate {
                let m = clock.local(e.at).minute
                if m < rules.startMinute || m >= rules.endMinute { return "attempt \(i) out of hours" }
            }
            if let cap = rules.maxAttemptsPerDay {
                var perDay: [Day: Int] = [:]
                for (e, d) in zip(record, days) where e.channel.isImmediate { perDay[d, default: 0] += 1 }
                if let (d, n) = perDay.first(where: { $0.value > cap }) { return "\(n) attempts on \(d.iso)" }
            }
            if let cap = rules.maxPhoneAttemptsPer7Days {
                for end in Set(days) {
                    let n = zip(record, days).filter { $0.0.channel == .phone && $0.1 <= end && Day.days(from: $0.1, to: end) < 7 }.count
                    if n > cap { return "\(n) calls in the 7 days to \(end.iso)" }
                }
            }
            if let rest = rules.phoneRestDaysAfterConversation {
                for (t, td) in zip(record, days) where t.channel == .phone && t.conversation {
                    for (a, ad) in zip(record, days) where a.channel == .phone && a.at > t.at && Day.days(from: td, to: ad) < rest {
                        return "a call on \(ad.iso) inside the rest after \(td.iso)"
                    }
                }
            }
            return nil
        }
    }

    /// Random attempts over ten days, logged in a random order, each judged
    /// against everything accepted so far: the accepted record never breaks
    /// a limit, and whatever was refused is still refused against the final
    /// record (the record only grows, so a refusal never becomes wrong).
    @Test(arguments: [("ojk", 1 as UInt64), ("ojk", 2), ("ojk", 3), ("regf", 4), ("regf", 5), ("regf", 6)])
    func randomLoggingOrderNeverBreaksALimit(_ preset: String, _ seed: UInt64) {
        let clock = preset == "ojk" ? Self.wib : Self.ny
        let policy = preset == "ojk" ? ojk : regf
        let model = Model(clock: clock, rules: policy.rules)
        var rng = SplitMix64(seed: seed)
        let channels: [Channel] = [.phone, .phone, .phone, .sms, .whatsapp, .email, .visit]
        let first = Day(iso: "2026-06-01")!
        for _ in 0..<40 {
            let events = (0..<Int.random(in: 10...40, using: &rng)).map { _ in
                ContactEvent(at: clock.instant(day: first.adding(days: Int.random(in: 0...9, using: &rng)),
                                               minute: Int.random(in: (7 * 60)...(21 * 60 + 30), using: &rng)),
                             channel: channels.randomElement(using: &rng)!, conversation: Int.random(in: 0...4, using: &rng) == 0)
            }
            var accepted: [ContactEvent] = []
            var refused: [ContactEvent] = []
            for e in events.shuffled(using: &rng) {
                if policy.check(e.channel, at: e.at, clock: clock, history: accepted, conversation: e.conversation).isAllowed {
                    accepted.append(e)
                    if let why = model.broken(accepted) { Issue.record("seed \(seed): \(why)"); return }
                } else {
                    refused.append(e)
                }
            }
            for e in refused {
                #expect(!policy.check(e.channel, at: e.at, clock: clock, history: accepted, conversation: e.conversation).isAllowed,
                        "seed \(seed): a refusal holds against the final record")
            }
            // The same record logged in time order is judged the same way:
            // each accepted attempt, replayed in time order, passes.
            var replay: [ContactEvent] = []
            for e in accepted.sorted(by: { $0.at < $1.at }) {
                #expect(policy.check(e.channel, at: e.at, clock: clock, history: replay, conversation: e.conversation).isAllowed,
                        "seed \(seed): accepted out of order, refused in order")
                replay.append(e)
            }
        }
    }

    /// The next allowed moment is really allowed, and nothing before it is.
    @Test(arguments: [1 as UInt64, 2, 3])
    func nextAllowedIsTheFirstAllowedMoment(_ seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for (policy, clock) in [(ojk, Self.wib), (regf, Self.ny)] {
            let first = Day(iso: "2026-06-01")!
            let record = (0..<30).map { _ in
                ContactEvent(at: clock.instant(day: first.adding(days: Int.random(in: 0...9, using: &rng)), minute: Int.random(in: 480...1199, using: &rng)),
                             channel: .phone, conversation: Int.random(in: 0...5, using: &rng) == 0)
            }
            let probe = clock.instant(day: first.adding(days: Int.random(in: 0...9, using: &rng)), minute: Int.random(in: 0...1439, using: &rng))
            guard case .blocked(_, let next?) = policy.check(.phone, at: probe, clock: clock, history: record) else { continue }
            #expect(policy.check(.phone, at: next, clock: clock, history: record) == .allowed)
            var t = probe
            while t < next {
                #expect(!policy.check(.phone, at: t, clock: clock, history: record).isAllowed, "allowed at \(clock.describe(t)) before \(clock.describe(next))")
                t += 15 * 60
            }
        }
    }
}
