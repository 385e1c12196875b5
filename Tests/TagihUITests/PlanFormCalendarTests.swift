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

    /// The same refusal in Indonesian: the form says why in the reader's language.
    @Test func theCalendarsEndInIndonesian() {
        let (w, ledger) = makeWorkstation("kol01", language: .id)
        w.press(.enter, .character("n"), .tab, .tab, .tab, .tab, .tab, .control("u"))
        w.type("9999-12-31")
        #expect(w.screen.line(11) == " pembayaran terakhir melewati 9999-12-31; majukan tanggal atau kurangi angsuran", "whole at 80 columns")
        w.press(.function(2))
        #expect(w.screen.line(23) == " pembayaran terakhir melewati 9999-12-31; majukan tanggal atau kurangi angsuran")
        #expect(ledger.proposals.isEmpty)
    }
}
