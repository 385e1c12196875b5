import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// The Reports date prompt takes typing at once (issue 16): the day it
/// opens with is a suggestion, replaced by the first character typed, as
/// the forms' prefilled amounts are.
@Suite struct ReportsDatePromptTests {
    @Test func aTypedDayReplacesTheOneThePromptOpensWith() throws {
        let (w, _) = makeWorkstation("lead01", language: .en)
        w.press(.character("R"), .character("d"))
        #expect(w.state.reportsOnScreen?.dateInput == today.iso)
        w.type("2026-10-31")
        #expect(w.state.reportsOnScreen?.dateInput == "2026-10-31")
        w.press(.enter)
        #expect(w.state.reportsOnScreen?.asOf == Day(iso: "2026-10-31"))
        #expect(w.state.reportsOnScreen?.dateInput == nil)
    }

    @Test func aCursorKeyKeepsTheDayAndBackspaceTakesItWhole() throws {
        let (w, _) = makeWorkstation("lead01", language: .id)
        w.press(.character("R"), .character("d"))
        // A cursor key keeps the day for editing (typing goes at its end, where the prompt shows the cursor).
        w.press(.left, .backspace)
        w.type("1")
        #expect(w.state.reportsOnScreen?.dateInput == "2026-11-21")
        w.press(.escape, .character("d"), .backspace)
        #expect(w.state.reportsOnScreen?.dateInput == "", "Backspace on the suggestion means: not that day")
    }
}
