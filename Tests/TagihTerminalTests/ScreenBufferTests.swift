import Testing
@testable import TagihTerminal

@Suite struct ScreenBufferTests {
    @Test func textIsPlacedAndClipped() {
        var b = ScreenBuffer(width: 10, height: 3)
        #expect(b.put("Tagih", x: 0, y: 0) == 5)
        #expect(b.put("Rp1.250.000", x: 2, y: 1) == 8)   // clipped at the right edge
        #expect(b.put("abcdef", x: 1, y: 2, maxWidth: 3) == 3)
        #expect(b.text == "Tagih\n  Rp1.250.\n abc")
        #expect(b.put("x", x: 10, y: 0) == 0)
        #expect(b.put("x", x: 0, y: 3) == 0)
    }

    @Test func wideAndCombiningCharacters() {
        var b = ScreenBuffer(width: 6, height: 2)
        #expect(b.put("日本語", x: 0, y: 0) == 6)
        #expect(b[1, 0].isContinuation && b[0, 0].text == "日")
        #expect(b.put("a日本語", x: 0, y: 1) == 5)     // the last wide character would straddle the edge
        #expect(b.line(1) == "a日本")
        var c = ScreenBuffer(width: 8, height: 1)
        #expect(c.put("Jose\u{0301}", x: 0, y: 0) == 4)  // the accent joins the e
        #expect(c.line(0) == "Jose\u{0301}")
        #expect(c[3, 0].text == "e\u{0301}")
    }

    /// Nothing from the data reaches the terminal as a control character
    /// (CONTRACT §1): each is drawn as U+FFFD, a tab as a space. Before,
    /// control characters took no width and were appended to the previous
    /// cell, so an ESC sequence in a name went out to the terminal.
    @Test func controlCharactersAreDrawnVisibly() {
        var b = ScreenBuffer(width: 12, height: 1)
        #expect(b.put("a\u{1B}[2Jb\tc\u{0}\u{9B}", x: 0, y: 0) == 10)
        #expect(b.line(0) == "a\u{FFFD}[2Jb c\u{FFFD}\u{FFFD}")
        #expect(b[0, 0].text == "a")
        #expect(!b.text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }

    @Test func changedRowsDriveThePaint() {
        var a = ScreenBuffer(width: 4, height: 3)
        a.put("aa", x: 0, y: 0)
        #expect(a.changedRows(since: nil) == [0, 1, 2])
        var b = a
        #expect(b.changedRows(since: a).isEmpty)
        b.put("x", x: 3, y: 2)
        b.style(row: 1, Style(reverse: true))
        #expect(b.changedRows(since: a) == [1, 2])
        #expect(ScreenBuffer(width: 5, height: 3).changedRows(since: a) == [0, 1, 2])
    }
}
