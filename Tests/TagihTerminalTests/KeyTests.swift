import CNcursesw
import Testing
@testable import TagihTerminal

@Suite struct KeyTests {
    @Test(arguments: [
        (UInt32(10), Key.enter), (13, .enter), (9, .tab), (27, .escape), (127, .backspace), (8, .backspace),
        (3, .control("c")), (1, .control("a")), (26, .control("z")),
        (0x2F, .character("/")), (0x3F, .character("?")), (0x71, .character("q")),
        (0xE9, .character("é")), (0x1F4B8, .character("💸")),
    ])
    func characters(_ value: UInt32, _ key: Key) {
        #expect(Key.decode(value, isKeyCode: false) == key)
    }

    @Test func specialKeys() {
        let table: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right), (KEY_HOME, .home), (KEY_END, .end),
            (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_BTAB, .backTab), (KEY_BACKSPACE, .backspace),
            (KEY_DC, .delete), (KEY_ENTER, .enter), (KEY_RESIZE, .resize), (KEY_F0 + 1, .function(1)), (KEY_F0 + 12, .function(12)),
        ]
        for (code, key) in table { #expect(Key.decode(UInt32(code), isKeyCode: true) == key, "code \(code)") }
        #expect(Key.decode(UInt32(KEY_F0), isKeyCode: true) == .unknown(UInt32(KEY_F0)))
    }

    @Test func namesRoundTrip() {
        let keys: [Key] = [.enter, .escape, .tab, .backTab, .backspace, .delete, .up, .down, .left, .right, .home, .end,
                           .pageUp, .pageDown, .function(5), .control("c"), .character("/"), .character("?"), .character(" ")]
        for k in keys { #expect(Key(name: k.name) == k, "\(k.name)") }
        #expect(Key.control("c").name == "Ctrl-C")
        #expect(Key(name: "ctrl-x") == .control("x"))
        #expect(Key(name: "SHIFT-TAB") == .backTab)
        #expect(Key(name: "f64") == nil)
        #expect(Key(name: "ctrl-1") == nil)
        #expect(Key(name: "hyper-q") == nil)
    }
}
