/// A channel file profile (CONTRACT §11 "Channel files", R7: a ledger rule):
/// how a bank's or aggregator's own payments export reads as section 3's
/// payments file — the lines before its header, its delimiter, its header
/// names for the contract's fields, its date and amount formats — and the
/// channel its payments belong to.
public struct ChannelProfile: Sendable, Equatable {
    /// The name in `[profiles.NAME]`: letters, digits, `-` and `_`.
    public var name: String
    /// The payment channel of every row (section 3's `channel`, R17).
    public var channel: String
    /// Inbox file names the nightly batch imports with this profile (`*`, `?`); nil: none.
    public var filePattern: String?
    /// The field delimiter, one ASCII byte (`,`, `;`, `|` or tab).
    public var delimiter: UInt8
    /// Physical lines before the header (a report's title, its period).
    public var skipLines: Int
    public var dateFormat: ProfileDateFormat
    public var amountFormat: ProfileAmountFormat
    /// Contract field → the file's header text (compared case-insensitively).
    public var columns: [String: String]

    public init(name: String, channel: String, filePattern: String? = nil, delimiter: UInt8 = UInt8(ascii: ","), skipLines: Int = 0,
                dateFormat: ProfileDateFormat = .iso, amountFormat: ProfileAmountFormat = .plain, columns: [String: String] = [:]) {
        self.name = name
        self.channel = channel
        self.filePattern = filePattern
        self.delimiter = delimiter
        self.skipLines = skipLines
        self.dateFormat = dateFormat
        self.amountFormat = amountFormat
        self.columns = columns
    }

    /// The payments fields a profile may map, and those it must. `fee` is
    /// read only from a settlement statement (`tagih reconcile --profile`).
    public static let fields = ["account_no", "ref", "paid_on", "amount", "invoice_ref", "fee"]
    public static let requiredFields = ["account_no", "ref", "paid_on", "amount"]
    /// The delimiters a profile may name, as written in the rules.
    public static let delimiters: [(text: String, byte: UInt8)] = [(",", 0x2C), (";", 0x3B), ("|", 0x7C), ("\t", 0x09)]
    public static let skipLinesRange = 0...100

    public var delimiterText: String { Self.delimiters.first { $0.byte == delimiter }?.text ?? "," }

    /// The contract field a header cell names under this profile, if any.
    public func field(forHeader header: String) -> String? {
        let h = header.lowercased()
        return columns.first { $0.value.lowercased() == h }?.key
    }

    /// Whether an inbox file's name matches `file_pattern`.
    public func matches(fileName: String) -> Bool {
        guard let filePattern else { return false }
        return Glob.matches(Array(filePattern.unicodeScalars), Array(fileName.unicodeScalars))
    }
}

/// A file's dates and amounts as a profile writes them, or, with no
/// profile, as section 3 does: one choice for the import and the
/// reconciliation's statement alike.
extension Optional where Wrapped == ChannelProfile {
    public func day(_ text: String) -> Day? { self.map { $0.dateFormat.day(text) } ?? Day(iso: text) }

    /// The date layout a message names.
    public var dateLayout: String { self?.dateFormat.source ?? "YYYY-MM-DD" }

    public func amount(_ text: String, currency: Currency) throws(MoneyError) -> Money {
        if let p = self { return try p.amountFormat.parse(text, currency: currency) }
        return try Money.parse(text, currency: currency)
    }
}

/// `*` (any run, also empty) and `?` (one character); nothing else is special.
enum Glob {
    static func matches(_ p: [Unicode.Scalar], _ s: [Unicode.Scalar]) -> Bool {
        // Iterative with one backtrack point: linear enough for file names.
        var pi = 0, si = 0
        var star: (p: Int, s: Int)?
        while si < s.count {
            if pi < p.count, p[pi] == "?" || p[pi] == s[si] {
                pi += 1; si += 1
            } else if pi < p.count, p[pi] == "*" {
                star = (pi, si); pi += 1
            } else if let st = star {
                pi = st.p + 1; si = st.s + 1; star = (st.p, st.s + 1)
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}

/// A date layout of strftime directives `%d %m %Y %H %M` and literal
/// characters (`%d/%m/%Y`, `%Y-%m-%d %H:%M`). The time, when present, is
/// checked and dropped: a payment's date is its day.
public struct ProfileDateFormat: Sendable, Equatable {
    public enum Part: Sendable, Equatable { case day, month, year, hour, minute, literal(Character) }
    public let source: String
    public let parts: [Part]

    public static let iso = try! ProfileDateFormat("%Y-%m-%d")

    public enum Problem: Error, Equatable {
        /// A `%` directive other than the five (the text shows it).
        case unknownDirective(String)
        /// Each of %d, %m and %Y once; %H and %M at most once.
        case missingOrRepeated(String)
    }

    public init(_ source: String) throws(Problem) {
        var parts: [Part] = []
        var it = source.makeIterator()
        while let c = it.next() {
            guard c == "%" else { parts.append(.literal(c)); continue }
            switch it.next() {
            case "d"?: parts.append(.day)
            case "m"?: parts.append(.month)
            case "Y"?: parts.append(.year)
            case "H"?: parts.append(.hour)
            case "M"?: parts.append(.minute)
            case let other: throw .unknownDirective("%" + (other.map(String.init) ?? ""))
            }
        }
        for (p, needed) in [(Part.day, "%d"), (.month, "%m"), (.year, "%Y")] where parts.filter({ $0 == p }).count != 1 {
            throw .missingOrRepeated(needed)
        }
        for (p, name) in [(Part.hour, "%H"), (.minute, "%M")] where parts.filter({ $0 == p }).count > 1 {
            throw .missingOrRepeated(name)
        }
        self.source = source
        self.parts = parts
    }

    /// The day the text names, or nil when it does not follow the format or
    /// names no real date or time. `%d %m %H %M` take one or two digits,
    /// `%Y` four.
    public func day(_ text: String) -> Day? {
        let chars = Array(text)
        var i = 0
        var d = 0, m = 0, y = 0, hour = 0, minute = 0
        func number(_ least: Int, _ most: Int) -> Int? {
            var n = 0, count = 0
            while i < chars.count, count < most, let v = chars[i].wholeNumberValue, chars[i].isASCII {
                n = n * 10 + v; count += 1; i += 1
            }
            return count >= least ? n : nil
        }
        for part in parts {
            switch part {
            case .literal(let c):
                guard i < chars.count, chars[i] == c else { return nil }
                i += 1
            case .day: guard let v = number(1, 2) else { return nil }; d = v
            case .month: guard let v = number(1, 2) else { return nil }; m = v
            case .year: guard let v = number(4, 4) else { return nil }; y = v
            case .hour: guard let v = number(1, 2), v < 24 else { return nil }; hour = v
            case .minute: guard let v = number(1, 2), v < 60 else { return nil }; minute = v
            }
        }
        _ = (hour, minute)
        guard i == chars.count else { return nil }
        return Day(year: y, month: m, day: d)
    }
}

/// How an export writes amounts, named by the way it writes 1,250,000:
/// thousands grouped with `.` and decimals after `,` (Indonesian banks),
/// the other way round, or section 3's plain form.
public enum ProfileAmountFormat: String, Sendable, Equatable, CaseIterable {
    case dotGrouped = "1.250.000,00"
    case commaGrouped = "1,250,000.00"
    case plain = "1250000.00"

    /// The amount exactly in minor units (never through Double). Grouping is
    /// optional but, when used, must be in threes; R9: beyond Int64 is `.overflow`.
    public func parse(_ text: String, currency: Currency) throws(MoneyError) -> Money {
        let (group, decimal): (Character?, Character) = switch self {
        case .dotGrouped: (".", ",")
        case .commaGrouped: (",", ".")
        case .plain: (nil, ".")
        }
        let pieces = text.split(separator: decimal, omittingEmptySubsequences: false)
        guard pieces.count <= 2 else { throw .malformed(text) }
        var whole = String(pieces[0])
        if let group, whole.contains(group) {
            let groups = whole.split(separator: group, omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { throw .malformed(text) }
            whole = groups.joined()
        }
        let normal = pieces.count == 2 ? whole + "." + pieces[1] : whole
        // Only digits and the one '.' reach the file-format parser: a stray
        // separator of the other kind is malformed there.
        return try Money.parse(normal, currency: currency)
    }
}
