import Testing
@testable import TagihCore

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("Budi Santoso", 12),
        ("Rp1.250.000", 11),
        ("Jose\u{0301}", 4),      // e + combining acute
        ("日本", 4),               // wide
        ("한국어", 6),
        ("Bayar 💸", 8),           // emoji is two columns
        ("a\u{200B}b", 2),        // zero-width space
        ("tab\there", 7),         // control characters take none
        ("", 0),
    ])
    func widths(_ text: String, _ columns: Int) {
        #expect(displayWidth(text) == columns)
    }
}
