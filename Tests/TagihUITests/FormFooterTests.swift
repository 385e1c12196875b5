import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// The forms' footers come from the keymap in use, like every other
/// screen's hint (issue 16): a rebinding in keys.toml shows in them, and at
/// 80 columns the least important tips give way first.
@Suite struct FormFooterTests {
    @Test func theContactFormFooterFollowsARebinding() throws {
        let keys = try Keymap.standard.overriding([(action: "save", keys: ["F5"]), (action: "clear-input", keys: ["Ctrl-K"]),
                                                   (action: "next-field", keys: ["Ctrl-N", "Tab", "Enter"])])
        let (w, _) = makeWorkstation("kol01", language: .en, keymap: keys)
        w.press(.enter, .character("c"))
        #expect(w.state.context == .form)
        #expect(w.screen.line(22) == " Ctrl-N/Shift-Tab field  ←→ choose  Ctrl-K clear  F5 save  Esc cancel  F1 help")
        // Indonesian is longer: help, the least important, gives way at 80 columns.
        let (i, _) = makeWorkstation("kol01", language: .id, keymap: keys)
        i.press(.enter, .character("c"))
        #expect(i.screen.line(22) == " Ctrl-N/Shift-Tab pindah  ←→ pilih  Ctrl-K hapus  F5 simpan  Esc batal")
        // And the rebound key is the one that saves.
        i.press(.control("s"))
        #expect(i.state.context == .form)
    }

    @Test func thePlanFormFooterFollowsARebinding() throws {
        let keys = try Keymap.standard.overriding([(action: "save", keys: ["Ctrl-W", "F2"]), (action: "back", keys: ["F10"])])
        let (w, _) = makeWorkstation("kol01", language: .id, keymap: keys)
        w.press(.enter, .character("n"))
        #expect(w.screen.line(22) == " Tab pindah  ←→ frekuensi  Ctrl-U hapus  Ctrl-W/F2 simpan  F10 batal  F1 bantuan")
    }

    @Test func atEightyColumnsSavingAndLeavingAlwaysShow() throws {
        // Long bindings: help goes first, then Ctrl-U's tip, then the choices; save and cancel stay.
        let keys = try Keymap.standard.overriding([(action: "save", keys: ["F2", "Ctrl-S", "F12", "Ctrl-W"]),
                                                   (action: "choice-next", keys: ["Ctrl-F"]), (action: "choice-previous", keys: ["Ctrl-B"]),
                                                   (action: "previous-field", keys: ["Ctrl-P"]), (action: "next-field", keys: ["Ctrl-N"])])
        let (w, _) = makeWorkstation("kol01", language: .id, keymap: keys)
        w.press(.enter, .character("c"))
        let footer = w.screen.line(22)
        #expect(footer == " Ctrl-N/Ctrl-P pindah  F2/Ctrl-S/F12/Ctrl-W simpan  Esc batal")
        #expect(displayWidth(footer) <= 80)
    }
}
