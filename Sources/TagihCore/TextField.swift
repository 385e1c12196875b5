/// What a text field may hold (CONTRACT §1, ruling R8): no Unicode control
/// character of general category Cc (C0 with NUL, DEL, C1) except tab.
///
/// One definition for every entry point that stores person-typed text
/// (import rows, user names, contact and plan notes), and for every place
/// that shows stored text on a terminal, so that nothing from the data
/// reaches a terminal as a control sequence.
public enum TextField {
    /// Whether `u` is a control character a text field refuses: U+0000–U+001F
    /// but tab, U+007F, U+0080–U+009F.
    @inlinable
    public static func isRefused(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x09) || (v >= 0x7F && v <= 0x9F)
    }

    /// The first refused control character in `text`, if any.
    public static func firstRefused(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isRefused)
    }

    /// The offset of the first refused control character in valid UTF-8
    /// bytes, scanning bytes only (the import checks millions of fields):
    /// C0 and DEL are single bytes, C1 is `C2 80`…`C2 9F`.
    @inlinable
    public static func firstRefused(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x20 {
                if b != 0x09 { return i }
            } else if b == 0x7F {
                return i
            } else if b == 0xC2, i + 1 < n, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F {
                return i
            }
            i += 1
        }
        return nil
    }

    /// `U+0000` for a scalar, as messages name it.
    public static func code(_ u: Unicode.Scalar) -> String {
        let hex = String(u.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Why `text` cannot be stored as the field `name` (one sentence), or nil
    /// when it can. `name` is how the reader knows the field: `--note`,
    /// `--name`, a column name.
    public static func refusal(_ name: String, _ text: String) -> String? {
        guard let u = firstRefused(in: text) else { return nil }
        return "\(name) holds a control character (\(code(u))); text fields take no control characters other than tab"
    }

    /// What a terminal may be shown for `text`: every refused control
    /// character becomes U+FFFD, a tab a space (a tab would move the cursor
    /// past the cell's width). Text without either comes back as it is.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value == 0x09 || isRefused($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if u.value == 0x09 { out.append(" ") } else if isRefused(u) { out.append("\u{FFFD}") } else { out.append(u) }
        }
        return String(out)
    }

    /// A value as a one-line message quotes it (issue 15): at most `limit`
    /// characters then "…", so a 2 MB field never floods a terminal or a
    /// log, and line ends, tabs and every refused control character as a
    /// visible escape (`\n`, `\r`, `\t`, `\u{1B}`), so a message stays one
    /// line whatever the value held. `visible` is for showing stored text;
    /// this is for naming a value inside a sentence.
    public static func quoted(_ text: String, limit: Int = 40) -> String {
        var out = ""
        var count = 0
        for ch in text {
            if count == limit { out += "…"; break }
            count += 1
            for u in ch.unicodeScalars {
                switch u.value {
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                default:
                    if isRefused(u) { out += "\\u{\(String(u.value, radix: 16, uppercase: true))}" } else { out.unicodeScalars.append(u) }
                }
            }
        }
        return out
    }
}
