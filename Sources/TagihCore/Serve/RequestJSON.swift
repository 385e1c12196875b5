/// A request body's JSON object, parsed by hand so that a number keeps its
/// literal text: an amount sent as a JSON number (`150000.50`) is read
/// exactly from those digits, never through a Double (CONTRACT §1).
public enum JSONValue: Equatable, Sendable {
    case string(String)
    /// A number's literal text as it stood in the body.
    case number(String)
    case bool(Bool)
    case null
    /// An array or object: kept only as "something else" (no field of the
    /// endpoint takes one).
    case composite
}

public struct JSONProblem: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

public enum RequestJSON {
    /// The top-level object's members. Anything but one object (with no key
    /// twice) is a problem naming what is wrong.
    public static func object(_ bytes: [UInt8]) throws(JSONProblem) -> [String: JSONValue] {
        var p = Parser(b: bytes)
        p.space()
        guard p.peek == UInt8(ascii: "{") else { throw JSONProblem("the body is not a JSON object") }
        let members = try p.object(depth: 0)
        p.space()
        guard p.i == bytes.count else { throw JSONProblem("unexpected text after the JSON object at byte \(p.i + 1)") }
        return members ?? [:]
    }

    private struct Parser {
        let b: [UInt8]
        var i = 0
        var peek: UInt8? { i < b.count ? b[i] : nil }

        mutating func space() { while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 } }

        func problem(_ what: String) -> JSONProblem { JSONProblem("malformed JSON at byte \(i + 1): \(what)") }

        mutating func expect(_ c: Character) throws(JSONProblem) {
            guard peek == c.asciiValue else { throw problem("expected '\(c)'") }
            i += 1
        }

        /// An object; its members only at depth 0 (deeper ones are checked, not kept).
        mutating func object(depth: Int) throws(JSONProblem) -> [String: JSONValue]? {
            guard depth < 32 else { throw problem("nested too deep") }
            try expect("{")
            var out: [String: JSONValue] = [:]
            space()
            if peek == UInt8(ascii: "}") { i += 1; return out }
            while true {
                space()
                guard peek == UInt8(ascii: "\"") else { throw problem("expected a member name in quotes") }
                let key = try string()
                space()
                try expect(":")
                space()
                let v = try value(depth: depth + 1)
                if depth == 0 {
                    guard out[key] == nil else { throw JSONProblem("the JSON object names \"\(key)\" twice") }
                    out[key] = v
                }
                space()
                if peek == UInt8(ascii: ",") { i += 1; continue }
                try expect("}")
                return depth == 0 ? out : nil
            }
        }

        mutating func value(depth: Int) throws(JSONProblem) -> JSONValue {
            switch peek {
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "{"): _ = try object(depth: depth); return .composite
            case UInt8(ascii: "["):
                guard depth < 32 else { throw problem("nested too deep") }
                i += 1
                space()
                if peek == UInt8(ascii: "]") { i += 1; return .composite }
                while true {
                    space()
                    _ = try value(depth: depth + 1)
                    space()
                    if peek == UInt8(ascii: ",") { i += 1; continue }
                    try expect("]")
                    return .composite
                }
            case UInt8(ascii: "t"): try word("true"); return .bool(true)
            case UInt8(ascii: "f"): try word("false"); return .bool(false)
            case UInt8(ascii: "n"): try word("null"); return .null
            case let c? where c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39): return .number(try number())
            default: throw problem(peek == nil ? "the body ends too early" : "unexpected character")
            }
        }

        mutating func word(_ w: String) throws(JSONProblem) {
            for c in w.utf8 {
                guard peek == c else { throw problem("unexpected character") }
                i += 1
            }
        }

        /// A number by JSON's grammar, returned as its text.
        mutating func number() throws(JSONProblem) -> String {
            let start = i
            func isDigit(_ c: UInt8?) -> Bool { c.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }
            if peek == UInt8(ascii: "-") { i += 1 }
            guard isDigit(peek) else { throw problem("bad number") }
            if peek == 0x30 { i += 1 } else { while isDigit(peek) { i += 1 } }
            if peek == UInt8(ascii: ".") {
                i += 1
                guard isDigit(peek) else { throw problem("bad number") }
                while isDigit(peek) { i += 1 }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                i += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
                guard isDigit(peek) else { throw problem("bad number") }
                while isDigit(peek) { i += 1 }
            }
            return String(decoding: b[start..<i], as: UTF8.self)
        }

        /// A string with its escapes resolved; invalid UTF-8 or a raw control
        /// character (JSON allows neither) is a problem.
        mutating func string() throws(JSONProblem) -> String {
            try expect("\"")
            var out: [UInt8] = []
            while true {
                guard let c = peek else { throw problem("unterminated string") }
                i += 1
                switch c {
                case UInt8(ascii: "\""):
                    guard let s = String(validating: out, as: UTF8.self) else { throw JSONProblem("a JSON string is not valid UTF-8") }
                    return s
                case UInt8(ascii: "\\"):
                    guard let e = peek else { throw problem("unterminated string") }
                    i += 1
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hex4()
                        if (0xD800..<0xDC00).contains(scalar) {
                            guard peek == UInt8(ascii: "\\"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "u") else { throw problem("lone surrogate") }
                            i += 2
                            let low = try hex4()
                            guard (0xDC00..<0xE000).contains(low) else { throw problem("lone surrogate") }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00..<0xE000).contains(scalar) {
                            throw problem("lone surrogate")
                        }
                        guard let u = Unicode.Scalar(scalar) else { throw problem("bad escape") }
                        out.append(contentsOf: Array(String(Character(u)).utf8))
                    default: throw problem("bad escape")
                    }
                case 0x00..<0x20: throw problem("a control character inside a string")
                default: out.append(c)
                }
            }
        }

        mutating func hex4() throws(JSONProblem) -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<4 {
                guard let c = peek else { throw problem("bad escape") }
                let d: UInt32
                switch c {
                case 0x30...0x39: d = UInt32(c - 0x30)
                case 0x41...0x46: d = UInt32(c - 0x41 + 10)
                case 0x61...0x66: d = UInt32(c - 0x61 + 10)
                default: throw problem("bad escape")
                }
                v = v * 16 + d
                i += 1
            }
            return v
        }
    }
}
