import Foundation
import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// The forms' typing (issue 16): one editor for every input, a suggested
/// value replaced by typing, amounts echoed as understood, the contact
/// policy said when the form opens, plan drafts, the schedule scrolling,
/// a call back on a day without contact warned about.
@Suite struct FormInputTests {
    // MARK: the editor

    /// Keys on an editor; whether every one was the editor's.
    func press(_ t: inout TextInput, _ keys: Key...) -> Bool {
        var all = true
        for k in keys where !t.handle(k) { all = false }
        return all
    }

    @Test func aSuggestionIsReplacedByTheFirstCharacterTyped() {
        var t = TextInput("290.000", suggested: true)
        let typed = press(&t, .character("1"), .character("5"), .character("0"), .character("."), .character("0"), .character("0"), .character("0"))
        #expect(typed && t.text == "150.000" && t.cursor == 7 && !t.suggested)
        // Typed text is not a suggestion: more typing appends.
        _ = press(&t, .character("5"))
        #expect(t.text == "150.0005")
    }

    @Test func cursorKeysBackspaceDeleteAndCtrlU() {
        var t = TextInput("2026-1130")
        #expect(press(&t, .left, .left, .character("-")))
        #expect(t.text == "2026-11-30" && t.cursor == 8)
        #expect(press(&t, .home, .delete))
        #expect(t.text == "026-11-30" && t.cursor == 0)
        _ = press(&t, .backspace)
        #expect(t.text == "026-11-30", "Backspace at the start removes nothing")
        _ = press(&t, .end, .backspace)
        #expect(t.text == "026-11-3" && t.shown(focused: true) == "026-11-3▏" && t.shown(focused: false) == "026-11-3")
        _ = press(&t, .left)
        #expect(t.shown(focused: true) == "026-11-▏3")
        _ = press(&t, .control("u"))
        #expect(t.text.isEmpty && t.cursor == 0)
        #expect(!press(&t, .tab), "a key that is not the editor's is left to the screen")
        var s = TextInput("6", suggested: true)
        _ = press(&s, .backspace)
        #expect(s.text.isEmpty, "Backspace on a suggestion takes all of it")
        var limited = TextInput("abc", limit: 3)
        _ = press(&limited, .character("d"))
        #expect(limited.text == "abc")
        var digits = TextInput("")
        let taken = digits.handle(.character("x"), accepts: { $0.isNumber })
        #expect(!taken && digits.text.isEmpty)
    }

    @Test func aLongTextShowsThePartAroundTheCursor() {
        let t = TextInput("0123456789abcdefghij")
        #expect(t.shown(focused: true, width: 8) == "…efghij▏")
        #expect(t.shown(focused: false, width: 8) == "0123456…")
        #expect(TextInput("0123456789abcdefghij", cursor: 10).shown(focused: true, width: 8) == "…56789▏…")
        #expect(TextInput("0123456789abcdefghij", cursor: 0).shown(focused: true, width: 8) == "▏012345…")
        #expect(TextInput("short").shown(focused: true, width: 8) == "short▏")
    }

    @Test func aLongNoteKeepsItsCursorOnScreen() {
        let (w, _) = makeWorkstation(language: .en)
        w.press(.enter, .character("c"), .tab, .tab, .tab)   // note
        let note = "debtor says the transfer went out on Friday from another bank; will send the receipt tonight"
        w.type(note)
        #expect(w.screen.line(9).hasSuffix("[… Friday from another bank; will send the receipt tonight▏]"))
        w.press(.tab)                      // unfocused: its start
        #expect(w.screen.line(9).hasSuffix("[debtor says the transfer went out on Friday from another …]"))
        guard case .contactForm(let f) = w.state.stack.last else { Issue.record("the form closed"); return }
        #expect(f.note == note, "nothing typed is lost, only scrolled")
    }

    // MARK: the contact form

    /// ACC0000006 opened, the form on PTP with the past-due amount suggested, the amount focused.
    func promiseForm(_ language: Language) -> (Workstation, FakeLedger) {
        let (w, l) = makeWorkstation(language: language)
        w.press(.enter, .character("c"), .tab)
        w.type("p")
        w.press(.tab, .tab, .tab)           // reason, note, amount
        return (w, l)
    }

    @Test func typingOverTheSuggestedAmountReplacesItAndEchoesItInIndonesian() throws {
        let (w, ledger) = promiseForm(.id)
        #expect(w.screen.text.contains("[3.125.000▏]   lewat jatuh tempo Rp3.125.000"))
        w.type("150.000")
        guard case .contactForm(let f) = w.state.stack.last else { Issue.record("the form closed"); return }
        #expect(f.promiseAmount == "150.000", "not 3.125.000150.000")
        #expect(w.screen.text.contains("[150.000▏]   = Rp150.000"))
        try expectGolden("form-amount-echo-id", w.screen)
        w.press(.function(2))
        #expect(ledger.logged.first?.promise?.amount == Money(minor: 15_000_000), "the echo is what was saved")
    }

    @Test func theEchoUsesTheEnglishFormatAndSaysWhenAnAmountDoesNotRead() throws {
        let (w, ledger) = promiseForm(.en)
        w.type("1,500")
        #expect(w.screen.text.contains("[1,500▏]   = IDR 1,500"))
        try expectGolden("form-amount-echo-en", w.screen)
        w.type("x")
        #expect(w.screen.text.contains("[1,500x▏]   an amount such as 1.250.000 or 1250000"))
        w.press(.backspace, .left, .left, .left, .backspace)   // 1,500 → 1500 with the cursor keys
        w.press(.function(2))
        #expect(ledger.logged.first?.promise?.amount == Money(minor: 150_000))
    }

    @Test func theSuggestedDateIsReplacedToo() {
        let (w, ledger) = promiseForm(.en)
        w.press(.tab)                       // promised by: 2026-11-30 suggested
        w.type("2026-12-01")
        w.press(.function(2))
        #expect(ledger.logged.first?.promise?.due == Day(iso: "2026-12-01"))
    }

    @Test func aDraftKeepsWhatIsStillOnlySuggested() throws {
        let (w, ledger) = promiseForm(.en)
        #expect(ledger.draft?.contains("suggested=promise_amount,promise_date") == true)
        let (again, _) = makeWorkstation(language: .en, ledger: ledger)
        #expect(again.screen.text.contains("[3,125,000▏]"))
        again.type("9")                      // the focus came back on the amount, still a suggestion
        guard case .contactForm(let f) = again.state.stack.last else { Issue.record("no form restored"); return }
        #expect(f.promiseAmount == "9")
        _ = w
    }

    /// 13:30 UTC: 22:30 in Jayapura (ACC0000006's zone), after hours.
    static let evening = Int64(today.ordinal) * 86_400 + 13 * 3600 + 1800

    @Test(arguments: [Language.en, .id]) func theFormSaysTheAccountIsBlockedWhenItOpens(_ language: Language) throws {
        let (w, _) = makeWorkstation(language: language, now: Self.evening)
        w.press(.enter, .character("c"))
        // Whole, wrapped: the time, when contact is next allowed, and why.
        let top = (1...3).map { w.screen.line($0).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(!top.contains("…"))
        #expect(top.contains(language == .en ? "blocked until Tue 08:00 WIT" : "Sel 08:00 WIT"))
        try expectGolden("form-blocked-\(language.rawValue)", w.screen)
    }

    @Test func aRefusedSaveIsReadWholeInTheForm() throws {
        let ledger = FakeLedger.standard()
        let typed = ContactRefusal.blocked(.dailyLimit(3), next: LocalMoment(day: FakeLedger.day("2026-11-24"), minute: 480, zone: "WIB"))
        ledger.refuseNext = typed
        let refusal = Strings(.en).contactRefusal(typed, options: false)
        let (w, _) = makeWorkstation(language: .en, ledger: ledger)
        w.press(.enter, .character("c"), .tab)
        w.type("n")                         // NA
        w.press(.function(2))
        #expect(w.state.context == .form)
        let body = (2...4).map { w.screen.line($0).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(body.contains(refusal), "the status line cuts it; the form shows all of it")
        try expectGolden("form-refused-en", w.screen)
    }

    @Test(arguments: [Language.en, .id]) func aCallBackOnASundayOrHolidayIsWarnedAbout(_ language: Language) throws {
        let (w, _) = makeWorkstation(language: language)
        w.press(.enter, .character("c"), .tab)
        w.type("c")                         // CB
        w.press(.tab, .tab, .tab)           // next action
        w.type("2026-11-29 10:00")          // a Sunday
        #expect(w.screen.text.contains(language == .en ? "⚠ Sunday is not a contact day" : "⚠ Minggu bukan hari kontak"))
        try expectGolden("form-callback-sunday-\(language.rawValue)", w.screen)
        w.press(.control("u"))
        w.type("2026-12-25")
        #expect(w.screen.text.contains(language == .en ? "⚠ holiday: Kelahiran Yesus Kristus" : "⚠ hari libur: Kelahiran Yesus Kristus"))
        w.press(.control("u"))
        w.type("2026-11-30")                // a Monday: the usual hint
        #expect(!w.screen.text.contains("⚠"))
    }

    @Test func theSearchBoxAndTheReportsDatePromptUseTheSameEditor() {
        let (w, _) = makeWorkstation("lead01", language: .en)
        w.press(.character("/"))
        w.type("0812x")
        w.press(.backspace)
        guard case .search(let st) = w.state.stack.last else { Issue.record("no search"); return }
        #expect(st.text == "0812")
        w.press(.escape, .character("R"), .character("d"), .control("u"))
        w.type("2026-10-2x3")               // only digits and dashes are taken
        #expect(w.state.reportsOnScreen?.dateInput == "2026-10-23")
    }

    @Test func theFormsAt132x40() throws {
        // The blocked verdict on one line when it fits; the amount echo beside its field.
        let (w, _) = makeWorkstation(language: .en, width: 132, height: 40, now: Self.evening)
        w.press(.enter, .character("c"), .tab)
        w.type("p")
        w.press(.tab, .tab, .tab)
        w.type("150,000")
        #expect(w.screen.line(1).contains("blocked until Tue 08:00 WIT") && w.screen.line(2).trimmingCharacters(in: .whitespaces).isEmpty)
        try expectGolden("form-blocked-132-en", w.screen)
        // A long schedule shown whole when there is room for it.
        let (p, _) = makeWorkstation("kol01", language: .id, width: 132, height: 40)
        p.press(.enter, .character("n"), .tab, .tab, .tab)
        p.type("12")
        #expect(p.screen.text.contains(" 12 30 Okt 2027") && !p.screen.text.contains("(PgDn)"))
        try expectGolden("plan-form-132-id", p.screen)
    }

    // MARK: the plan form

    @Test func theSuggestedInstalmentsAreReplacedAndAmountsEchoed() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .en)
        w.press(.enter, .character("n"), .tab, .tab)   // down payment
        w.type("500,000")
        #expect(w.screen.text.contains("[500,000▏]   = IDR 500,000"))
        w.press(.tab)
        w.type("12")                        // over the suggested 6: twelve, not 612
        w.press(.function(2))
        let (_, terms, _) = try #require(ledger.proposals.first)
        #expect(terms.instalments == 12 && terms.downPayment == Money(minor: 50_000_000))
    }

    @Test func aPlanFormIsKeptAsADraftAndEscDiscardsIt() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        w.press(.enter, .character("n"))
        w.type("5")
        w.press(.tab, .tab, .tab, .tab)     // frequency
        w.press(.right)                     // every week
        w.press(.tab, .tab)
        w.type("promised the rest in March")
        let draft = try #require(ledger.draft)
        #expect(draft.hasPrefix("form=plan\n") && draft.contains("discount=5") && draft.contains("frequency=week"))
        // The session drops; the next one opens the plan form as it was.
        let (again, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        guard case .planForm(let f) = again.state.stack.last else { Issue.record("no plan form restored"); return }
        #expect(f.accountNo == "ACC0000006" && f.discount == "5" && f.frequency == .week && f.note == "promised the rest in March")
        #expect(f.focus == .note && f.balance == Money(minor: 312_500_000))
        #expect(again.screen.line(23) == " Unsaved plan for ACC0000006 restored from your last session.")
        again.press(.escape)
        #expect(again.screen.line(23) == " The form has input: Esc again discards it.")
        #expect(again.state.context == .form && ledger.draft != nil, "one Esc does not throw typed terms away")
        again.press(.escape)
        #expect(again.state.context == .account && ledger.draft == nil)
        // An untouched plan form is not kept, and closes at once.
        again.press(.character("n"), .tab, .tab)
        #expect(ledger.draft == nil)
        again.press(.escape)
        #expect(again.state.context == .account && ledger.draft == nil)
    }

    @Test func aSavedPlanLeavesNoDraft() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        w.press(.enter, .character("n"))
        w.type("0")
        #expect(ledger.draft != nil)
        w.press(.function(2))
        #expect(ledger.proposals.count == 1 && ledger.draft == nil)
    }

    @Test(arguments: [Language.en, .id]) func aLongScheduleScrolls(_ language: Language) throws {
        let (w, _) = makeWorkstation("kol01", language: language)
        w.press(.enter, .character("n"), .tab, .tab, .tab)   // instalments
        w.type("24")
        #expect(w.screen.text.contains(language == .en ? "… and 19 more (PgDn)" : "… dan 19 lagi (PgDn)"))
        w.press(.pageDown)
        try expectGolden("plan-schedule-scrolled-\(language.rawValue)", w.screen)
        w.press(.pageDown, .pageDown, .pageDown, .pageDown, .pageDown, .pageDown, .pageDown)
        #expect(w.screen.text.contains(" 24 "), "the last line can be reached")
        #expect(!w.screen.text.contains("(PgDn)"))
        for _ in 0..<8 { w.press(.pageUp) }
        #expect(w.screen.text.contains("  1 30 ") && !w.screen.text.contains("(PgUp)"), "back at the first line")
    }
}
