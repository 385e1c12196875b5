import Testing
@testable import TagihCore

/// Ruling R8: text fields refuse every Cc character but tab; terminals are
/// shown a visible replacement.
@Suite struct TextFieldTests {
    @Test func refusesEveryCcButTab() {
        for v: UInt32 in 0...0x10FFF {
            guard let u = Unicode.Scalar(v) else { continue }
            let cc = u.properties.generalCategory == .control
            #expect(TextField.isRefused(u) == (cc && v != 0x09), "U+\(String(v, radix: 16))")
        }
    }

    @Test func bytesAndTextAgree() {
        let samples = ["plain", "tab\there", "nul\u{0}", "del\u{7F}", "c1\u{85}", "csi\u{9B}", "nbsp\u{A0}", "é渡🙂", "\u{C2}x", "ok\u{80}"]
        for s in samples {
            let byText = TextField.firstRefused(in: s)
            let byBytes: Int? = Array(s.utf8).withUnsafeBufferPointer { TextField.firstRefused(utf8: $0) }
            #expect((byText == nil) == (byBytes == nil), "\(s.debugDescription)")
        }
        #expect(TextField.firstRefused(in: "abc\u{0}def") == "\u{0}")
        #expect(TextField.refusal("--note", "a\u{1B}b") == "--note holds a control character (U+001B); text fields take no control characters other than tab")
        #expect(TextField.refusal("--note", "a\tb é") == nil)
    }

    @Test func visibleReplacesControlsAndTabs() {
        #expect(TextField.visible("Budi Santoso") == "Budi Santoso")
        #expect(TextField.visible("a\u{1B}[31mb\tc\u{0}d\u{85}") == "a\u{FFFD}[31mb c\u{FFFD}d\u{FFFD}")
        #expect(TextField.visible("line\r\nnext") == "line\u{FFFD}\u{FFFD}next")
    }
}
