import Foundation
import Testing
@testable import TagihCore

/// The one JSON escaper (command line, `serve`, the store's lists of texts):
/// what it writes reads back as the same text, every control character
/// escaped, and a list keeps its texts and their order.
@Suite struct JSONStringTests {
    @Test func aTextIsQuotedExactlyAndReadsBackTheSame() throws {
        #expect(JSONString.quoted("VA-1") == #""VA-1""#)
        #expect(JSONString.quoted("a\"b\\c\nd\te\r") == #""a\"b\\c\nd\te\r""#)
        #expect(JSONString.quoted("\u{7}\u{7F}\u{85}") == #""\u0007\u007f\u0085""#)
        for text in ["", "Bu Siti Rahayu", "ref \"x\" \\ y", "\u{1}\u{1F}", "é漢字🙂", "\u{9F}end"] {
            let back = try JSONDecoder().decode(String.self, from: Data(JSONString.quoted(text).utf8))
            #expect(back == text)
        }
    }

    @Test func aListOfTextsIsAnArrayInTheirOrder() throws {
        #expect(JSONString.array([String]()) == "[]")
        #expect(JSONString.array(["b", "a\"", "c\\"]) == #"["b","a\"","c\\"]"#)
        let texts = ["INV-1", "line\nbreak", "", "Ω"]
        #expect(try JSONDecoder().decode([String].self, from: Data(JSONString.array(texts).utf8)) == texts)
    }
}
