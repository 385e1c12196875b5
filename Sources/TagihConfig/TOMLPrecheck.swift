/// What TOMLKit's parser (toml++ 3.4) would crash on instead of reporting,
/// found before it parses.
///
/// toml++ asserts (`assert`, active in our builds: the process aborts) when
/// a table header's name starts with a character that cannot start a key —
/// `[[[`, `[=`, `[ #`, `[{`: its header parser checks only for `]` before
/// handing the text to the key parser, whose first line asserts. Exceptions
/// are on (TOMLKit builds it with TOML_EXCEPTIONS=1) and every other syntax
/// error comes back as a parse error; a dependency's compile flags cannot
/// be set from our Package.swift, so the text is checked here instead.
///
/// The scan follows toml++'s statements exactly enough to tell a header
/// from a `[` inside a value: strings (basic, literal, multi-line) and
/// comments are skipped, and brackets and braces of values are counted, so
/// a `[[[` inside a multi-line array (three nested arrays, valid TOML) is
/// not taken for a header. It also refuses a NUL byte, which the C string
/// handed to toml++ would silently end the text at.
enum TOMLPrecheck {
    struct Problem: Equatable {
        /// 1-based, as toml++ counts lines (LF).
        var line: Int
        var what: String
        /// The bytes of the text before that line: what toml++ may safely parse.
        var lineStart: Int
    }

    /// The first line toml++ would crash on, or nil when it can parse the text safely.
    static func problem(in text: String) -> Problem? {
        let b = Array(text.utf8)
        var i = 0, line = 1, lineStart = 0
        var depth = 0           // open `[` and `{` of values
        var atStatement = true  // only whitespace so far on this line, outside any value
        var inHeader = false    // inside `[table]` or `[[array]]` (its brackets are not values)

        /// Skips a string opening at `i`; stops at its end, or at the line's end when unterminated.
        func skipString(quote: UInt8) {
            let multi = i + 2 < b.count && b[i + 1] == quote && b[i + 2] == quote
            i += multi ? 3 : 1
            while i < b.count {
                let c = b[i]
                if c == 0 { return } // reported by the main loop
                if c == UInt8(ascii: "\n") {
                    if !multi { return }
                    line += 1
                    lineStart = i + 1
                } else if c == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                    i += 1 // an escape: the next byte is not the end
                    if i < b.count && b[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
                } else if c == quote {
                    if !multi { i += 1; return }
                    if i + 2 < b.count && b[i + 1] == quote && b[i + 2] == quote {
                        i += 3
                        while i < b.count && b[i] == quote { i += 1 } // up to two quotes may close the content
                        return
                    }
                }
                i += 1
            }
        }

        while i < b.count {
            let c = b[i]
            switch c {
            case 0:
                return Problem(line: line, what: "a NUL byte is not allowed in a TOML file", lineStart: lineStart)
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = i + 1
                inHeader = false
                if depth == 0 { atStatement = true }
                i += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                i += 1
            case UInt8(ascii: "#"):
                while i < b.count && b[i] != UInt8(ascii: "\n") && b[i] != 0 { i += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                atStatement = false
                skipString(quote: c)
            case UInt8(ascii: "["):
                if atStatement {
                    atStatement = false
                    inHeader = true
                    var j = i + 1
                    if j < b.count && b[j] == UInt8(ascii: "[") { j += 1 }
                    while j < b.count && (b[j] == UInt8(ascii: " ") || b[j] == UInt8(ascii: "\t")) { j += 1 }
                    if j < b.count && !startsKeyOrCloses(b[j]) {
                        return Problem(line: line, what: "a table header must begin with a key name (letters, digits, _ or -, or a quoted name)", lineStart: lineStart)
                    }
                    i = j
                } else {
                    if !inHeader { depth += 1 }
                    i += 1
                }
            case UInt8(ascii: "{"):
                atStatement = false
                if !inHeader { depth += 1 }
                i += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if !inHeader && depth > 0 { depth -= 1 }
                i += 1
            default:
                atStatement = false
                i += 1
            }
        }
        return nil
    }

    /// What toml++ accepts after `[` or `[[`: a bare key's first character,
    /// a quote, or `]` (which it reports itself as an empty name). Not a
    /// line end: `[` alone on a line crashes it too.
    private static func startsKeyOrCloses(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
            true
        default:
            false
        }
    }
}
