import Foundation
import Testing
import TagihCore
@testable import TagihUI

/// A workstation left open past midnight moves on to the new day, unless
/// `--today` fixed the day (issue 16).
@Suite struct DayChangeTests {
    final class Clock: @unchecked Sendable { var now: Int64 = fixedNow }

    func workstation(_ clock: Clock, followsTheClock: Bool) -> Workstation {
        let ledger = FakeLedger.standard()
        var state = AppState(me: ledger.people.first { $0.login == "lead01" }!, today: today, database: "tagih.db", language: .en,
                             currency: .idr, buckets: .standard, keymap: .standard)
        state.operatorClock = .fixed("Asia/Jakarta", hours: 7, abbreviation: "WIB")
        let w = Workstation(state: state, data: ledger, clock: { clock.now })
        // Jakarta's day of a moment, as the command line gives it.
        if followsTheClock { w.dayOf = { Day(ordinal: Int32(($0 + 7 * 3600) / 86_400)) } }
        w.start()
        return w
    }

    @Test func midnightMovesTheDayOn() {
        let clock = Clock()
        let w = workstation(clock, followsTheClock: true)
        let start = w.state.today
        w.followTheDay()
        #expect(w.state.today == start && w.state.status == nil, "the same day: nothing happens")
        // To the next local midnight, and one minute past it.
        let jakarta = clock.now + 7 * 3600
        clock.now += 86_400 - jakarta % 86_400 + 60
        w.followTheDay()
        #expect(w.state.today == start.adding(days: 1))
        #expect(w.state.status?.text == "A new day, \(start.adding(days: 1).iso): the queue and every figure are as of today now.")
        #expect(w.state.queueDay == start.adding(days: 1), "the queue is reloaded as of the new day")
    }

    @Test func aDayFixedByTodayStays() {
        let clock = Clock()
        let w = workstation(clock, followsTheClock: false)
        let start = w.state.today
        clock.now += 2 * 86_400
        w.followTheDay()
        #expect(w.state.today == start && w.state.status == nil)
    }
}
