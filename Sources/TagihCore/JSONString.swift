/// A JSON string literal of `s`, exact: the text round-trips byte for byte.
/// Every control character is escaped (DEL and C1 too, which JSON allows
/// raw), so JSON printed to a terminal or written to a log sends none. One
/// escaper for the command line's JSON and `tagih serve`'s answers.
public enum JSONString {
    public static func quoted(_ s: String) -> String {
        // Most texts (account numbers, refs) need no escape: checked on the
        // bytes and copied whole, where the loop below appends a scalar at a
        // time (a tenth of a PostgreSQL import's client time, in perf).
        // A C1 control is U+0080–U+009F: bytes 0xC2 0x80–0x9F in UTF-8.
        var plain = true
        var previous: UInt8 = 0
        for b in s.utf8 {
            if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) {
                plain = false
                break
            }
            previous = b
        }
        if plain { return "\"" + s + "\"" }
        var r = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\r": r += "\\r"
            case "\t": r += "\\t"
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) {
                    let hex = String(u.value, radix: 16)
                    r += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    r.unicodeScalars.append(u)
                }
            }
        }
        return r + "\""
    }

    /// A JSON array of `texts`, each quoted as above, in their order: how the
    /// store hands a list of texts to one statement (`json_each` on SQLite,
    /// `json_array_elements_text` on PostgreSQL).
    public static func array<S: Sequence>(_ texts: S) -> String where S.Element == String {
        var out = "["
        var first = true
        for t in texts {
            if !first { out += "," }
            first = false
            out += quoted(t)
        }
        return out + "]"
    }
}
