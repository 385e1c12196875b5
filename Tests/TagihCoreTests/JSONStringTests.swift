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

    /// The escaper against a model written from the rule (quote, backslash,
    /// the three named controls, every other C0, DEL and C1 as `\u00XX`),
    /// on random texts from an alphabet of the awkward neighbours: `Â`
    /// (U+00C2, the C1 controls' lead byte) and U+00A0 (0xC2 0xA0, no
    /// control) beside the controls themselves, so the copy-whole path and
    /// the scalar-at-a-time path are both taken.
    @Test func generatedTextsAreQuotedAsTheRuleSays() {
        func model(_ s: String) -> String {
            var r = "\""
            for u in s.unicodeScalars {
                switch u.value {
                case 0x22: r += "\\\""
                case 0x5C: r += "\\\\"
                case 0x0A: r += "\\n"
                case 0x0D: r += "\\r"
                case 0x09: r += "\\t"
                case 0..<0x20, 0x7F...0x9F: r += String(format: "\\u%04x", u.value)
                default: r.unicodeScalars.append(u)
                }
            }
            return r + "\""
        }
        let alphabet: [Unicode.Scalar] = ["a", "Z", "0", "-", " ", "\"", "\\", "\n", "\t", "\r", "\u{0}", "\u{1F}", "\u{7F}", "\u{80}",
                                          "\u{9F}", "\u{A0}", "\u{C2}", "é", "漢", "🙂"]
        var rng = SplitMix64(seed: 5)
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % 8) { text.unicodeScalars.append(alphabet[Int(rng.next() % UInt64(alphabet.count))]) }
            #expect(JSONString.quoted(text) == model(text), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func aListOfTextsIsAnArrayInTheirOrder() throws {
        #expect(JSONString.array([String]()) == "[]")
        #expect(JSONString.array(["b", "a\"", "c\\"]) == #"["b","a\"","c\\"]"#)
        let texts = ["INV-1", "line\nbreak", "", "Ω"]
        #expect(try JSONDecoder().decode([String].self, from: Data(JSONString.array(texts).utf8)) == texts)
    }
}
