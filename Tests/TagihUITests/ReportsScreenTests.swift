import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// The lead's Reports screen: tabs, bars, drill-down, export.
@Suite struct ReportsScreenTests {
    @Test func agingByCollectorDrillsDownToTheQueue() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .en)
        w.press(.character("R"))
        #expect(w.state.context == .reports)
        // A lead starts on the team (kol01 and kol02 of TIM-BARAT; the unassigned account is not the team's).
        try expectGolden("reports-aging-en", w.screen)
        #expect(w.screen.line(0).hasPrefix(" Tagih — Reports · team TIM-BARAT"))
        #expect(cells(w, 4) == ["kol01", "6"] && cells(w, 5) == ["kol02", "2"] && cells(w, 6) == ["TOTAL", "8"])
        // t, End, Enter: the whole book (the last scope of the list), with the accounts no one is assigned.
        w.press(.character("t"), .end, .enter)
        #expect(w.screen.line(0).hasPrefix(" Tagih — Reports · whole book"))
        #expect(cells(w, 4) == ["(none)", "1"] && cells(w, 7) == ["TOTAL", "9"])
        // kol02's row, the 121+ column: the queue of kol02's accounts in 121+.
        // ← from all buckets: the unapplied credit first, then 121+.
        w.press(.down, .down, .left)
        #expect(w.screen.text.contains(" → Unapplied"))
        w.press(.left)
        #expect(w.screen.text.contains(" → 121+"))
        w.press(.enter)
        #expect(w.state.context == .queue && w.state.queue.scope == .collector("kol02") && w.state.queue.filter.bucket == 5)
        #expect(w.state.queue.ordered.map(\.accountID) == [3, 4])
        // Esc: back to the report as it was (the whole book, kol02's row, the 121+ column), the queue as before.
        w.press(.escape)
        guard case .reports(let back) = w.state.stack.last else { Issue.record("Esc did not go back to Reports"); return }
        #expect(back.scope == .book && back.cursor == 2 && back.column == 5 && back.loaded)
        #expect(w.state.queue.scope == .team("TIM-BARAT") && w.state.queue.filter.bucket == nil)
        w.press(.escape)
        #expect(w.state.context == .queue)
        w.press(.escape)
        #expect(w.state.context == .queue && w.state.stack.isEmpty, "a second Esc on the queue does nothing")
        w.press(.character("R"), .character("t"), .end, .enter, .character("e"))
        #expect(ledger.exports.first?.0 == "aging-collector-book-2026-11-23")
        #expect(ledger.exports.first?.1.hasPrefix("group,accounts,current,1-30,31-60,61-90,91-120,121+,unapplied,balance\n(none),1,") == true)
        let total = ledger.exports.first?.1.split(separator: "\n").last.map(String.init)
        #expect(total?.hasPrefix("TOTAL,9,0.00,") == true && total?.hasSuffix(",0.00,775208413.13") == true,
                "the same TOTAL row as report aging --format csv: \(total ?? "none")")
        #expect(w.screen.line(23) == " Exported to tagih.db-exports/aging-collector-book-2026-11-23.csv")
        // The team's export of the same report and day is a file of its own.
        w.press(.character("t"), .home, .enter, .character("e"))
        #expect(ledger.exports.map(\.0) == ["aging-collector-book-2026-11-23", "aging-collector-team-TIM-BARAT-2026-11-23"])
        // A segment row of the team drills down to the team's queue of that segment.
        w.press(.tab, .enter)
        #expect(w.state.context == .queue && w.state.queue.scope == .team("TIM-BARAT") && w.state.queue.filter.segment != nil)
    }

    @Test func activityAndNightlyTabs() throws {
        let (w, _) = makeWorkstation("lead01")
        w.press(.character("R"), .tab, .tab)
        try expectGolden("reports-activity-id", w.screen)
        w.press(.tab)
        try expectGolden("reports-roll-id", w.screen)
        w.press(.tab)
        try expectGolden("reports-kpi-id", w.screen)
        #expect(w.screen.text.contains(" CEI  69,23%"), "a decimal comma in Bahasa Indonesia")
        #expect(w.screen.line(2) == " 1 Okt 2026 – 31 Okt 2026 (31 hari)", "last month")
        w.press(.tab)
        try expectGolden("reports-nightly-id", w.screen)
        #expect(w.screen.line(4).hasPrefix(" 2026-11-23         4       3        1             12                  2/1"))
        #expect(w.screen.text.contains("charges-1123.csv: 120 baris dibaca, 110 diposting"), "the selected run's files, under the table, in Bahasa Indonesia")
        w.press(.down)
        #expect(!w.screen.text.contains("charges-1123.csv"), "the run before has no file lines")
        w.press(.backTab, .backTab, .backTab, .backTab, .backTab, .escape)
        #expect(w.state.context == .queue)
    }

    @Test func aCollectorSeesTheirOwnFigures() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        w.press(.character("R"))
        #expect(w.screen.line(0).hasPrefix(" Tagih — Reports · my accounts"))
        #expect(w.screen.line(4).hasPrefix(" kol01") && w.screen.line(5).isEmpty)
        // t does not widen a collector's view, and the footer does not offer it; a lead's does.
        #expect(w.screen.line(22) == " Tab report  [ ] month-end  d day  ←→ bucket  e export  ? help  Esc back")
        let (lead, _) = makeWorkstation("lead01", language: .en)
        lead.press(.character("R"))
        #expect(lead.screen.line(22).contains("  t team  "))
        w.press(.character("t"))
        #expect(w.state.reportsOnScreen?.scope == .collector("kol01"))
        // By segment: kol01's accounts only.
        w.press(.tab)
        let segments = try ledger.aging(asOf: w.state.today, by: .segment, collectors: ["kol01"])
        #expect(w.state.reportsOnScreen?.aging?.rows.map(\.group) == segments.rows.map(\.group))
        #expect(w.state.reportsOnScreen?.aging?.total == segments.total)
        #expect(segments.total.accounts == 6)
        // Roll rates of kol01's own accounts only.
        w.press(.tab, .tab)
        let period = Day(year: 2026, month: 9, day: 30)!...Day(year: 2026, month: 10, day: 31)!
        let own = try ledger.rollRate(from: period.lowerBound, to: period.upperBound, collectors: ["kol01"])
        let book = try ledger.rollRate(from: period.lowerBound, to: period.upperBound, collectors: nil)
        #expect(w.state.reportsOnScreen?.period == period)
        #expect(w.state.reportsOnScreen?.roll == own)
        #expect(own.accounts.reduce(0, +) > 0 && own != book)
    }

    @Test func reportsAsOfADayTyped() {
        let (w, _) = makeWorkstation("lead01", language: .en)
        w.press(.character("R"), .character("d"))
        #expect(w.screen.line(21).hasPrefix(" As of (YYYY-MM-DD, Enter to show, Esc to cancel): [2026-11-23_]"))
        // Letters are not part of a date; a bad day and a day after today are refused.
        w.press(.control("u"))
        w.type("2026-02-30x")
        w.press(.enter)
        #expect(w.screen.line(23) == " not a date: 2026-02-30 (YYYY-MM-DD)")
        w.press(.control("u"))
        w.type("2026-12-01")
        w.press(.enter)
        #expect(w.screen.line(23) == " 2026-12-01 is after today")
        w.press(.control("u"))
        w.type("2026-10-23")
        w.press(.enter)
        #expect(w.state.reportsOnScreen?.asOf == Day(iso: "2026-10-23") && w.state.reportsOnScreen?.dateInput == nil)
        #expect(w.screen.line(0).hasSuffix("Fri 23 Oct 2026"))
        #expect(cells(w, 4) == ["kol01", "4"], "the aging as of that day")
        // Esc closes the prompt and keeps the day.
        w.press(.character("d"), .escape)
        #expect(w.state.reportsOnScreen?.dateInput == nil && w.state.context == .reports)
        #expect(w.state.reportsOnScreen?.asOf == Day(iso: "2026-10-23"))
    }

    /// A drill-down from a past day's aging shows the accounts behind the
    /// figure as they stood that day, and says the day (issue 13 item 8: it
    /// opened today's queue). By hand from FakeLedger.standard(): kol01's
    /// accounts on 2026-10-23 are ACC0000002 (oldest due 09-01, 52 days),
    /// ACC0000005 (10-20, 3 days), ACC0000006 (08-15, 69 days) and ACC0000008
    /// (10-01, 22 days); ACC0000001 and ACC0000010 were not yet charged
    /// (issued 10-27 and 11-08). Today kol01 has all six in the queue.
    @Test func drillDownFromAPastDayShowsThatDaysAccounts() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .en)
        w.press(.character("R"), .character("d"), .control("u"))
        w.type("2026-10-23")
        w.press(.enter)
        #expect(cells(w, 4) == ["kol01", "4"])
        w.press(.enter)
        #expect(w.state.context == .queue && w.state.queue.scope == .collector("kol01"))
        #expect(w.state.queue.asOf == Day(iso: "2026-10-23"))
        #expect(w.state.queue.ordered.map(\.accountID).sorted() == [2, 5, 6, 8], "the four accounts behind the figure, not today's six")
        try expectGolden("queue-drill-past-day-en", w.screen)
        #expect(w.screen.line(0).hasPrefix(" Tagih — Work queue as of 2026-10-23"))
        let today = try ledger.queueKeys(.collector("kol01"), today: w.state.today, now: 0).keys.map(\.accountID).sorted()
        #expect(today == [1, 2, 5, 6, 8, 10])
        // A bucket column as of that day: 61-90 held only ACC0000006 (69 days on 10-23; 100 days today).
        w.press(.character("R"), .character("d"), .control("u"))
        w.type("2026-10-23")
        w.press(.enter, .right, .right, .right, .right)
        #expect(w.screen.text.contains(" → 61-90"))
        w.press(.enter)
        #expect(w.state.queue.ordered.map(\.accountID) == [6] && w.state.queue.filter.bucket == 3)
        // x clears the drill-down's filters, its day with them: today's queue again.
        w.press(.character("x"))
        #expect(w.state.queue.asOf == nil && w.state.queue.ordered.map(\.accountID).sorted() == [1, 2, 5, 6, 8, 10])
        #expect(w.screen.line(0).hasPrefix(" Tagih — Work queue "))
        #expect(!w.screen.line(0).contains("as of"))
        // From today's aging the drill-down has no day.
        w.press(.character("R"), .enter)
        #expect(w.state.queue.asOf == nil)
    }

    @Test func slowReportsArriveWithoutHoldingTheKeys() {
        let (w, ledger) = makeWorkstation("lead01", language: .en)
        w.computeReportsInBackground()
        w.press(.character("R"), .tab, .tab, .tab)
        // Whatever the worker has done, the screen answered the keys at once.
        #expect(w.state.reportsOnScreen?.tab == .rollRate)
        w.waitForReports()
        #expect(w.state.reportsOnScreen?.loaded == true)
        #expect(w.screen.line(2).hasPrefix(" 30 Sep 2026 → 31 Oct 2026"))
        let calls = ledger.reportCalls
        #expect(calls == 1, "one replay for the roll rates (the aging tabs on the way are not replays here)")
        // A closed month's figures are kept: back to them, no second replay.
        w.press(.tab)
        w.waitForReports()
        w.press(.backTab)
        w.waitForReports()
        #expect(ledger.reportCalls == calls + 1, "only the KPIs were computed")
        #expect(w.screen.line(2).hasPrefix(" 30 Sep 2026 → 31 Oct 2026"))
    }

    @Test func whileComputingTheScreenSaysSo() {
        let (w, _) = makeWorkstation("lead01", language: .en)
        w.computeReportsInBackground()
        w.press(.character("R"))
        // Until the worker's result is received, the table is a note, and e/Enter do nothing.
        #expect(w.screen.line(3) == " Computing… (the keys keep working)")
        w.press(.character("e"), .enter)
        #expect(w.state.context == .reports)
        w.waitForReports()
        #expect(w.screen.line(3).hasPrefix(" Group"))
    }

    @Test func agingAsOfEarlierMonths() {
        let (w, _) = makeWorkstation("lead01", language: .en)
        w.press(.character("R"), .character("["))
        #expect(w.screen.line(0).hasSuffix("Sat 31 Oct 2026"), "the month-end before today")
        // ACC0000001's invoice was issued on 27 Oct, ACC0000010's on 8 Nov: on 31 Oct kol01 had 5 accounts open, not 6,
        // 4 of them past due (the figure shown at 80 columns, which the Accounts column follows).
        #expect(cells(w, 4) == ["kol01", "4"])
        w.press(.character("["))
        #expect(w.screen.line(0).hasSuffix("Wed 30 Sep 2026"))
        w.press(.character("]"))
        #expect(w.screen.line(0).hasSuffix("Sat 31 Oct 2026"))
        w.press(.character("]"), .character("]"))
        #expect(w.screen.line(0).hasSuffix("Mon 23 Nov 2026"), "never after today")
    }
}

/// The group and account count at the start of a report line, whatever the column widths.
private func cells(_ w: Workstation, _ row: Int) -> [String] {
    w.screen.line(row).split(separator: " ").prefix(2).map(String.init)
}
