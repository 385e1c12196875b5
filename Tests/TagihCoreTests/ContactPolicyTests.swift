import Foundation
import Testing
@testable import TagihCore

/// The contact policy at its edges, in the three Indonesian zones and a US
/// zone with daylight saving time.
@Suite struct ContactPolicyTests {
    /// A clock on the system's zone data (the store builds the same).
    static func clock(_ zone: String, _ abbreviation: String) -> LocalClock {
        let tz = TimeZone(identifier: zone)!
        return LocalClock(zone: zone, offset: { tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))) },
                          abbreviation: { _ in abbreviation })
    }
    static let zones = [clock("Asia/Jakarta", "WIB"), clock("Asia/Makassar", "WITA"), clock("Asia/Jayapura", "WIT")]
    static let newYork = clock("America/New_York", "ET")
    static let ojk = ContactPolicy(rules: .ojk, holidays: [Day(iso: "2026-12-25")!: "Kelahiran Yesus Kristus",
                                                         Day(iso: "2026-12-24")!: "Cuti Bersama Natal"])
    static let regf = ContactPolicy(rules: .regf)

    func at(_ c: LocalClock, _ day: String, _ hh: Int, _ mm: Int) -> Int64 { c.instant(day: Day(iso: day)!, minute: hh * 60 + mm) }

    @Test(arguments: zones) func ojkHoursInEachIndonesianZone(_ c: LocalClock) {
        let p = Self.ojk
        // Monday 2026-11-09.
        #expect(p.check(.phone, at: at(c, "2026-11-09", 7, 59), clock: c, history: [])
                == .blocked(.beforeHours(now: 479, start: 480), nextAllowed: at(c, "2026-11-09", 8, 0)))
        #expect(p.check(.phone, at: at(c, "2026-11-09", 8, 0), clock: c, history: []) == .allowed)
        #expect(p.check(.whatsapp, at: at(c, "2026-11-09", 19, 59), clock: c, history: []) == .allowed)
        #expect(p.check(.visit, at: at(c, "2026-11-09", 20, 0), clock: c, history: [])
                == .blocked(.afterHours(now: 1200, end: 1200), nextAllowed: at(c, "2026-11-10", 8, 0)))
        // Saturday evening: the next contact day is Monday.
        #expect(p.check(.sms, at: at(c, "2026-11-14", 20, 30), clock: c, history: [])
                == .blocked(.afterHours(now: 1230, end: 1200), nextAllowed: at(c, "2026-11-16", 8, 0)))
        #expect(p.check(.phone, at: at(c, "2026-11-14", 10, 0), clock: c, history: []) == .allowed, "Saturday is a contact day")
        #expect(p.check(.phone, at: at(c, "2026-11-15", 10, 0), clock: c, history: [])
                == .blocked(.notAContactDay(weekday: 7), nextAllowed: at(c, "2026-11-16", 8, 0)))
    }

    @Test func theSameInstantIsAllowedInOneZoneAndNotInAnother() {
        // 2026-11-09 00:30 UTC: 07:30 in Jakarta, 08:30 in Makassar, 09:30 in Jayapura.
        let instant = Int64(Day(iso: "2026-11-09")!.ordinal) * 86_400 + 1800
        let verdicts = Self.zones.map { Self.ojk.check(.phone, at: instant, clock: $0, history: []).isAllowed }
        #expect(verdicts == [false, true, true])
    }

    @Test func holidaysAndDayRulesApplyToEveryChannel() {
        let c = Self.zones[0]
        let p = Self.ojk
        // Christmas Eve (cuti bersama) and Christmas: Saturday 26 Dec is next.
        #expect(p.check(.phone, at: at(c, "2026-12-24", 10, 0), clock: c, history: [])
                == .blocked(.holiday("Cuti Bersama Natal"), nextAllowed: at(c, "2026-12-26", 8, 0)))
        #expect(p.check(.letter, at: at(c, "2026-12-25", 10, 0), clock: c, history: [])
                == .blocked(.holiday("Kelahiran Yesus Kristus"), nextAllowed: at(c, "2026-12-26", 0, 0)))
        // E-mail and letters: the day rules only, not the hours.
        #expect(p.check(.email, at: at(c, "2026-11-09", 22, 0), clock: c, history: []) == .allowed)
        #expect(p.check(.email, at: at(c, "2026-11-15", 9, 0), clock: c, history: [])
                == .blocked(.notAContactDay(weekday: 7), nextAllowed: at(c, "2026-11-16", 0, 0)))
    }

    @Test func ojkDailyLimitCountsImmediateChannelsOfTheDebtorsDay() {
        let c = Self.zones[1]
        let p = Self.ojk
        let history = [ContactEvent(at: at(c, "2026-11-09", 9, 0), channel: .phone, conversation: false),
                       ContactEvent(at: at(c, "2026-11-09", 10, 0), channel: .sms, conversation: false),
                       ContactEvent(at: at(c, "2026-11-09", 11, 0), channel: .email, conversation: false),
                       ContactEvent(at: at(c, "2026-11-08", 11, 0), channel: .phone, conversation: false)]
        #expect(p.check(.phone, at: at(c, "2026-11-09", 12, 0), clock: c, history: history) == .allowed, "e-mail and yesterday do not count")
        let full = history + [ContactEvent(at: at(c, "2026-11-09", 11, 30), channel: .visit, conversation: true)]
        #expect(p.check(.whatsapp, at: at(c, "2026-11-09", 12, 0), clock: c, history: full)
                == .blocked(.dailyLimit(3), nextAllowed: at(c, "2026-11-10", 8, 0)))
        #expect(p.check(.email, at: at(c, "2026-11-09", 12, 0), clock: c, history: full) == .allowed)
    }

    @Test func regfHoursAcrossDaylightSavingTime() {
        let c = Self.newYork
        let p = Self.regf
        // 2026-03-08: clocks go forward at 02:00; 08:00 local is 12:00 UTC (EDT) that day, 13:00 UTC the day before (EST).
        #expect(at(c, "2026-03-08", 8, 0) == Int64(Day(iso: "2026-03-08")!.ordinal) * 86_400 + 12 * 3600)
        #expect(at(c, "2026-03-07", 8, 0) == Int64(Day(iso: "2026-03-07")!.ordinal) * 86_400 + 13 * 3600)
        #expect(p.check(.phone, at: at(c, "2026-03-08", 7, 59), clock: c, history: [])
                == .blocked(.beforeHours(now: 479, start: 480), nextAllowed: at(c, "2026-03-08", 8, 0)))
        #expect(p.check(.phone, at: at(c, "2026-03-08", 8, 0), clock: c, history: []) == .allowed, "Sunday is allowed under Reg F")
        #expect(p.check(.phone, at: at(c, "2026-11-01", 20, 59), clock: c, history: []) == .allowed, "the day clocks go back")
        #expect(p.check(.phone, at: at(c, "2026-11-01", 21, 0), clock: c, history: [])
                == .blocked(.afterHours(now: 1260, end: 1260), nextAllowed: at(c, "2026-11-02", 8, 0)))
    }

    @Test func regfSevenCallsInSevenDays() {
        let c = Self.newYork
        let p = Self.regf
        // Seven unanswered calls on 2026-06-01 … 06-07.
        let calls = (1...7).map { ContactEvent(at: at(c, "2026-06-0\($0)", 10, 0), channel: .phone, conversation: false) }
        #expect(p.check(.phone, at: at(c, "2026-06-07", 15, 0), clock: c, history: calls)
                == .blocked(.weeklyPhoneLimit(7), nextAllowed: at(c, "2026-06-08", 8, 0)), "on 06-08 the call of 06-01 falls out")
        #expect(p.check(.sms, at: at(c, "2026-06-07", 15, 0), clock: c, history: calls) == .allowed, "the cap is for calls")
        let six = Array(calls.dropFirst())
        #expect(p.check(.phone, at: at(c, "2026-06-07", 15, 0), clock: c, history: six) == .allowed)
    }

    @Test func regfRestsSevenDaysAfterAConversation() {
        let c = Self.newYork
        let p = Self.regf
        let talk = [ContactEvent(at: at(c, "2026-06-03", 10, 0), channel: .phone, conversation: true)]
        let until = Day(iso: "2026-06-10")!
        #expect(p.check(.phone, at: at(c, "2026-06-03", 16, 0), clock: c, history: talk)
                == .blocked(.restAfterConversation(on: Day(iso: "2026-06-03")!, until: until), nextAllowed: at(c, "2026-06-10", 8, 0)))
        #expect(p.check(.phone, at: at(c, "2026-06-09", 20, 0), clock: c, history: talk) != .allowed, "day X+6 is still resting")
        #expect(p.check(.phone, at: at(c, "2026-06-10", 8, 0), clock: c, history: talk) == .allowed, "day X+7")
        #expect(p.check(.whatsapp, at: at(c, "2026-06-04", 10, 0), clock: c, history: talk) == .allowed)
        let sms = [ContactEvent(at: at(c, "2026-06-03", 10, 0), channel: .sms, conversation: true)]
        #expect(p.check(.phone, at: at(c, "2026-06-04", 10, 0), clock: c, history: sms) == .allowed, "only a phone conversation rests the phone")
    }

    @Test func blockedLinesSayWhyAndWhen() {
        #expect(BlockReason.dailyLimit(3).text == "3 contact attempts already today, the daily limit")
        #expect(BlockReason.notAContactDay(weekday: 7).text == "Sunday is not a contact day")
        #expect(BlockReason.afterHours(now: 1205, end: 1200).text == "from 20:00 no contact in the debtor's time (it is 20:05)")
        let c = Self.zones[2]
        #expect(c.describe(at(c, "2026-11-09", 8, 0)) == "2026-11-09 08:00 WIT")
    }
}

/// Promise status as of a day (CONTRACT §6).
@Suite struct PromiseTests {
    let made = Day(iso: "2026-11-09")!
    let due = Day(iso: "2026-11-20")!
    func d(_ s: String) -> Day { Day(iso: s)! }
    func pay(_ id: Int64, _ day: String, _ amount: Int64, reversed: String? = nil) -> Credit {
        Credit(id: id, kind: .payment, date: d(day), amount: Money(minor: amount), reversedOn: reversed.map(d))
    }
    var promise: PromiseToPay { PromiseToPay(accountID: 1, madeOn: made, madeBy: "kol01", amount: Money(minor: 500_000_00), due: due) }

    func status(_ credits: [Credit], _ asOf: String) -> (PromiseStatus, Int64) {
        let s = Promises.status(promise, credits: credits, asOf: d(asOf), graceDays: 2)
        return (s.status, s.paid.minor)
    }

    @Test func keptOnTimeAndWithinGrace() {
        #expect(status([pay(1, "2026-11-15", 500_000_00)], "2026-11-30") == (.kept, 500_000_00))
        #expect(status([pay(1, "2026-11-10", 200_000_00), pay(2, "2026-11-22", 400_000_00)], "2026-11-30") == (.kept, 500_000_00),
                "two payments, the second on the last day of grace; paid is at most the amount")
        #expect(status([pay(1, "2026-11-15", 500_000_00)], "2026-11-15") == (.kept, 500_000_00), "kept the day it is paid")
    }

    @Test func brokenShortOrLate() {
        #expect(status([pay(1, "2026-11-15", 499_999_99)], "2026-11-23") == (.broken, 499_999_99))
        #expect(status([pay(1, "2026-11-23", 500_000_00)], "2026-11-30") == (.broken, 0), "paid a day after the grace")
        #expect(status([pay(1, "2026-11-08", 500_000_00)], "2026-11-30") == (.broken, 0), "paid before the promise was made")
        #expect(status([], "2026-11-22") == (.open, 0), "open through the last day of grace")
        #expect(status([], "2026-11-23") == (.broken, 0), "broken the day after")
    }

    @Test func reversedPaymentsDoNotCount() {
        let reversed = [pay(1, "2026-11-15", 500_000_00, reversed: "2026-11-18")]
        #expect(status(reversed, "2026-11-17") == (.kept, 500_000_00), "before the reversal the payment counts")
        #expect(status(reversed, "2026-11-18") == (.open, 0))
        #expect(status(reversed, "2026-11-25") == (.broken, 0))
        #expect(status([pay(1, "2026-11-25", 500_000_00)], "2026-11-21") == (.open, 0), "entries after the day do not count")
    }

    @Test func twoPromisesOnOneAccount() {
        let second = PromiseToPay(accountID: 1, madeOn: d("2026-11-21"), madeBy: "lead01", amount: Money(minor: 100_000_00), due: d("2026-11-28"))
        let credits = [pay(1, "2026-11-16", 300_000_00), pay(2, "2026-11-26", 100_000_00)]
        #expect(Promises.status(promise, credits: credits, asOf: d("2026-11-30"), graceDays: 2).status == .broken)
        let s = Promises.status(second, credits: credits, asOf: d("2026-11-30"), graceDays: 2)
        #expect(s.status == .kept && s.paid == Money(minor: 100_000_00), "each promise counts the payments in its own window")
    }

    // R1 and R2 of plans-and-promises.md (grace 2 days).
    var r1: PromiseToPay {
        PromiseToPay(accountID: 1, madeOn: d("2026-01-05"), madeBy: "kol01", amount: Money(minor: 500_00), due: d("2026-01-10"),
                     madeAt: 100, contactID: 1)
    }

    @Test func r1PaidLateThenReversed() {
        func st(_ credits: [Credit], _ asOf: String) -> (PromiseStatus, Int64) {
            let s = Promises.statuses([r1], credits: credits, asOf: d(asOf), graceDays: 2)[0]
            return (s.status, s.paid.minor)
        }
        let first = pay(1, "2026-01-08", 300_00)
        #expect(st([first], "2026-01-12") == (.open, 300_00))
        #expect(st([first], "2026-01-13") == (.broken, 300_00))
        #expect(st([first, pay(2, "2026-01-12", 300_00)], "2026-01-13") == (.kept, 500_00), "never above the amount")
        #expect(st([first, pay(2, "2026-01-12", 300_00, reversed: "2026-01-14")], "2026-01-14") == (.broken, 300_00))
    }

    @Test func r2ANewPromiseReplacesAnOpenOne() {
        let second = PromiseToPay(accountID: 1, madeOn: d("2026-01-09"), madeBy: "kol02", amount: Money(minor: 200_00), due: d("2026-01-15"),
                                  madeAt: 200, contactID: 2)
        func st(_ credits: [Credit], _ asOf: String, _ list: [PromiseToPay]? = nil) -> [PromiseStatus] {
            Promises.statuses(list ?? [r1, second], credits: credits, asOf: d(asOf), graceDays: 2).map(\.status)
        }
        let partly = [pay(1, "2026-01-08", 300_00)]
        #expect(st(partly, "2026-01-08") == [.open, .open], "as of 01-08 the second is not made yet")
        #expect(st(partly, "2026-01-09") == [.replaced, .open])
        // Whatever is paid later, the first stays replaced and counts neither kept nor broken.
        #expect(st(partly + [pay(2, "2026-01-10", 500_00)], "2026-01-20") == [.replaced, .kept])
        #expect(st(partly, "2026-01-20") == [.replaced, .broken])
        // Listed in any order, judged by contact moment.
        #expect(st(partly, "2026-01-20", [second, r1]) == [.broken, .replaced])
        // Already kept before the new promise: stays kept.
        #expect(st([pay(1, "2026-01-08", 500_00)], "2026-01-20") == [.kept, .broken])
        // Already broken before the new promise: stays broken.
        let late = PromiseToPay(accountID: 1, madeOn: d("2026-01-14"), madeBy: "kol02", amount: Money(minor: 200_00), due: d("2026-01-15"),
                                madeAt: 300, contactID: 3)
        #expect(st(partly, "2026-01-20", [r1, late]) == [.broken, .broken])
        // A later promise made earlier the same day by moment: the one made at the later moment replaces.
        let sameDay = PromiseToPay(accountID: 1, madeOn: d("2026-01-05"), madeBy: "kol02", amount: Money(minor: 100_00), due: d("2026-01-06"),
                                   madeAt: 50, contactID: 4)
        #expect(st([], "2026-01-05", [r1, sameDay]) == [.open, .replaced], "logged after r1 but made before it")
    }
}
