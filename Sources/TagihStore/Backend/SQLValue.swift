/// One value bound to a statement or read from a row, on either backend
/// (CONTRACT §12): the store's SQL speaks only these, so the same statement
/// runs on SQLite and on PostgreSQL. Money and days are integers; flags are
/// integers 0/1 on both (rows copy 1:1); hashes are bytes.
public enum SQLValue: Sendable, Hashable {
    case null
    case int(Int64)
    case text(String)
    case blob([UInt8])

    /// The value as an integer: PostgreSQL answers `sum(bigint)` as numeric
    /// (read as text) and `EXISTS` as a boolean (read as 1/0).
    public var int: Int64? {
        switch self {
        case .int(let v): v
        case .text(let t): Int64(t)
        default: nil
        }
    }

    public var text: String? {
        switch self {
        case .text(let t): t
        case .int(let v): String(v)
        default: nil
        }
    }

    public var isNull: Bool { if case .null = self { true } else { false } }
}

/// What a store function may bind: the Swift types of Tagih's columns.
public protocol SQLArgument {
    var sqlValue: SQLValue { get }
}

extension Int64: SQLArgument { public var sqlValue: SQLValue { .int(self) } }
extension Int: SQLArgument { public var sqlValue: SQLValue { .int(Int64(self)) } }
extension Int32: SQLArgument { public var sqlValue: SQLValue { .int(Int64(self)) } }
extension Bool: SQLArgument { public var sqlValue: SQLValue { .int(self ? 1 : 0) } }
extension String: SQLArgument { public var sqlValue: SQLValue { .text(self) } }
extension SQLValue: SQLArgument { public var sqlValue: SQLValue { self } }
extension Optional: SQLArgument where Wrapped: SQLArgument {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}
