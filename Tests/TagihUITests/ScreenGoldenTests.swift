import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// Every screen at 80×24 in both languages, driven by scripted keys,
/// compared with golden text.
@Suite struct ScreenGoldenTests {
    @Test func queueOfACollector() throws {
        let (w, _) = makeWorkstation("kol01")
        try expectGolden("queue-id", w.screen)
        let (en, _) = makeWorkstation("kol01", language: .en)
        try expectGolden("queue-en", en.screen)
    }

    @Test func queueOfALeadsTeamWithFilters() throws {
        let (w, _) = makeWorkstation("lead01", language: .en)
        try expectGolden("queue-lead-team-en", w.screen)
        w.press(.character("b"), .character("b"), .character("b"), .character("b"), .character("b")) // 121+
        try expectGolden("queue-lead-121-en", w.screen)
    }

    @Test func account() throws {
        let (w, _) = makeWorkstation("kol01")
        w.press(.down, .enter)
        try expectGolden("account-id", w.screen)
        let (en, _) = makeWorkstation("kol01", language: .en)
        en.press(.down, .enter)
        try expectGolden("account-en", en.screen)
    }

    @Test func search() throws {
        let (w, _) = makeWorkstation("kol01")
        w.press(.character("/"))
        try expectGolden("search-empty-id", w.screen)
        w.type("0812")
        try expectGolden("search-phone-id", w.screen)
        let (en, _) = makeWorkstation("kol01", language: .en)
        en.press(.character("/"))
        en.type("siti ra")
        try expectGolden("search-name-en", en.screen)
    }

    @Test func help() throws {
        let (w, _) = makeWorkstation("kol01")
        w.press(.character("?"))
        try expectGolden("help-queue-id", w.screen)
        let (en, _) = makeWorkstation("kol01", language: .en)
        en.press(.enter, .character("?"))
        try expectGolden("help-account-en", en.screen)
    }

    @Test func smallWindow() throws {
        let (w, _) = makeWorkstation("kol01")
        w.send(.resize(width: 60, height: 15))
        try expectGolden("small-id", w.screen)
        let (en, _) = makeWorkstation("kol01", language: .en)
        en.send(.resize(width: 79, height: 24))
        try expectGolden("small-en", en.screen)
    }
}
