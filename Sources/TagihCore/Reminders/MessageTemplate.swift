/// A reminder's text with named fields (CONTRACT §10): `Yth. {name}, tagihan
/// {account_no} sebesar {amount_due} …`. Parsed once when the rules are
/// loaded, so an unknown field is refused there, with its line, and never
/// met by the nightly batch.
public struct MessageTemplate: Sendable, Equatable {
    /// The fields a template may name.
    public enum Field: String, Sendable, CaseIterable {
        case name, account_no, amount_due, due_date, days_late, va_number
    }

    enum Piece: Sendable, Equatable {
        case text(String)
        case field(Field)
    }

    /// Why a template text cannot be used.
    public enum Problem: Error, Sendable, Equatable {
        case unknownField(String)
        /// A `{` without its `}`, or a `}` without its `{`.
        case unbalancedBrace
        case empty
    }

    /// The text as written (what `rules show` prints back).
    public let source: String
    let pieces: [Piece]

    public init(_ source: String) throws(Problem) {
        guard !source.isEmpty else { throw .empty }
        var pieces: [Piece] = []
        var literal = ""
        var i = source.startIndex
        while i < source.endIndex {
            let c = source[i]
            if c == "{" {
                guard let close = source[i...].firstIndex(of: "}") else { throw .unbalancedBrace }
                let name = String(source[source.index(after: i)..<close])
                guard let field = Field(rawValue: name) else {
                    if name.contains("{") { throw .unbalancedBrace }
                    throw .unknownField(name)
                }
                if !literal.isEmpty { pieces.append(.text(literal)); literal = "" }
                pieces.append(.field(field))
                i = source.index(after: close)
                continue
            }
            if c == "}" { throw .unbalancedBrace }
            literal.append(c)
            i = source.index(after: i)
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        self.source = source
        self.pieces = pieces
    }

    /// The fields the text names, in order of first use.
    public var fields: [Field] {
        var seen: [Field] = []
        for case .field(let f) in pieces where !seen.contains(f) { seen.append(f) }
        return seen
    }

    /// The text with each field replaced by its value (a missing value is empty).
    public func render(_ values: [Field: String]) -> String { render { values[$0] ?? "" } }

    /// The text with each field replaced by what `value` gives for it
    /// (asked only for the fields the text names).
    public func render(_ value: (Field) -> String) -> String {
        var out = ""
        for p in pieces {
            switch p {
            case .text(let t): out += t
            case .field(let f): out += value(f)
            }
        }
        return out
    }

    /// The text with the message's values.
    public func render(_ values: ReminderValues) -> String { render { values[$0] } }
}
