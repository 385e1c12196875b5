import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// The plan form at the calendar's end (issue 15: a first due date near
/// 9999-12-31 was SIGILL, a backtrace over the screen): the form says why.
@Suite struct PlanFormCalendarTests {
    @Test(arguments: ["9999-12-20", "9999-12-31"])
    func aScheduleBeyond9999IsRefusedInTheForm(_ first: String) {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        w.press(.enter, .character("n"), .tab, .tab, .tab, .tab, .tab, .control("u"))
        w.type(first)
        #expect(w.screen.text.contains("the last payment would fall after 9999-12-31"), "\(w.screen.text)")
        w.press(.function(2))
        // A refusal longer than a line takes the hint's line too.
        #expect(w.screen.line(22).contains("9999-12-31") && w.screen.line(23) == " fewer instalments", "\(w.screen.line(22))")
        #expect(ledger.proposals.isEmpty)
        #expect(w.state.context == .form)
    }
}
