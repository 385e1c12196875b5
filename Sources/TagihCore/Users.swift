/// A person's role decides what they may do.
public enum Role: String, Sendable, CaseIterable, Comparable {
    /// `batch` is the login cron runs the nightly batch as (CONTRACT §1a):
    /// it imports and settles, and works no account.
    case collector, lead, admin, batch

    private var rank: Int { switch self { case .batch: -1; case .collector: 0; case .lead: 1; case .admin: 2 } }
    public static func < (l: Role, r: Role) -> Bool { l.rank < r.rank }
}

/// A Tagih user: an operating-system login mapped to a name and a role.
public struct User: Sendable, Equatable {
    public var login: String
    public var name: String
    public var role: Role
    /// Discount authority in basis points of a percent (12.5% = 1250);
    /// `nil` means the role default (collectors 0, leads and admins unlimited).
    public var discountLimitBasisPoints: Int?
    public var team: String?
    public var active: Bool

    public init(login: String, name: String, role: Role, discountLimitBasisPoints: Int? = nil, team: String? = nil, active: Bool = true) {
        self.login = login; self.name = name; self.role = role
        self.discountLimitBasisPoints = discountLimitBasisPoints; self.team = team; self.active = active
    }

    /// A login is 1–32 of letters, digits, `.`, `_`, `-`, starting with a letter or digit or `_`.
    public static func isValidLogin(_ s: String) -> Bool {
        guard (1...32).contains(s.utf8.count), let first = s.utf8.first, first != UInt8(ascii: "-"), first != UInt8(ascii: ".") else { return false }
        return s.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2E || c == 0x5F || c == 0x2D
        }
    }
}

/// Parses a percentage with at most two decimals (`12`, `12.5`, `12.50`) into
/// basis points of a percent, exactly. `nil` when malformed or above 100.
public func parsePercent(_ text: String) -> Int? {
    guard let m = try? Money.parse(text, currency: Currency(code: "PCT", minorDigits: 2)),
          m.minor <= 10_000 else { return nil }
    return Int(m.minor)
}

/// `12.5` → "12.5", `1000` → "10".
public func formatPercent(_ basisPoints: Int) -> String {
    let whole = basisPoints / 100, frac = basisPoints % 100
    if frac == 0 { return String(whole) }
    if frac % 10 == 0 { return "\(whole).\(frac / 10)" }
    return "\(whole).\(String(frac).leftPadded(2))"
}
