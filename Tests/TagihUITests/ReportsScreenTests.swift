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
        try expectGolden("reports-aging-en", w.screen)
        // kol02's row, the 121+ column: the queue of kol02's accounts in 121+.
        w.press(.down, .down, .left)
        #expect(w.screen.text.contains(" → 121+"))
        w.press(.enter)
        #expect(w.state.context == .queue && w.state.queue.scope == .collector("kol02") && w.state.queue.filter.bucket == 5)
        #expect(w.state.queue.ordered.map(\.accountID) == [3, 4])
        w.press(.character("R"), .character("e"))
        #expect(ledger.exports.first?.0 == "aging-collector-2026-11-23")
        #expect(ledger.exports.first?.1.hasPrefix("group,accounts,current,1-30,31-60,61-90,91-120,121+,unapplied,balance\n(none),1,") == true)
        #expect(w.screen.line(23) == " Exported to tagih.db-exports/aging-collector-2026-11-23.csv")
    }

    @Test func activityAndNightlyTabs() throws {
        let (w, _) = makeWorkstation("lead01")
        w.press(.character("R"), .tab, .tab)
        try expectGolden("reports-activity-id", w.screen)
        w.press(.tab)
        try expectGolden("reports-roll-id", w.screen)
        w.press(.tab)
        #expect(w.screen.text.contains(" CEI  69,23%"), "a decimal comma in Bahasa Indonesia")
        #expect(w.screen.text.contains("2026-10-01 – 2026-10-31"), "last month")
        w.press(.tab)
        #expect(w.screen.text.contains(" 2026-11-23        4       3        1        12"))
        w.press(.backTab, .backTab, .backTab, .backTab, .backTab, .escape)
        #expect(w.state.context == .queue)
    }

    @Test func aCollectorSeesTheirOwnFigures() {
        let (w, _) = makeWorkstation("kol01", language: .en)
        w.press(.character("R"))
        #expect(w.screen.line(4).hasPrefix(" kol01") && w.screen.line(5).isEmpty)
        w.press(.tab)
        #expect(w.screen.line(3).hasPrefix(" Collector"), "the segment table is skipped for a collector")
    }

    @Test func agingAsOfEarlierMonths() {
        let (w, _) = makeWorkstation("lead01", language: .en)
        w.press(.character("R"), .character("["))
        #expect(w.screen.line(0).hasSuffix("Fri 23 Oct 2026"))
        #expect(w.screen.text.contains(" kol01               4"), "a month ago kol01 had 4 accounts open, not 6")
        w.press(.character("]"), .character("]"))
        #expect(w.screen.line(0).hasSuffix("Mon 23 Nov 2026"), "never after today")
    }
}
