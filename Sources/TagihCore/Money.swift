/// The currency of a ledger. One ledger holds one currency (set in the
/// config), so amounts do not carry it: it travels with the formatter.
public struct Currency: Hashable, Sendable {
    public var code: String
    public var minorDigits: Int
    /// The symbol Indonesian formatting puts before the amount (`Rp`).
    public var localSymbol: String

    public init(code: String, minorDigits: Int, localSymbol: String? = nil) {
        self.code = code
        self.minorDigits = minorDigits
        self.localSymbol = localSymbol ?? code + " "
    }

    public static let idr = Currency(code: "IDR", minorDigits: 2, localSymbol: "Rp")

    /// Currencies Tagih knows by code.
    public static let known: [String: Currency] = [
        "IDR": .idr,
        "USD": Currency(code: "USD", minorDigits: 2, localSymbol: "US$"),
        "EUR": Currency(code: "EUR", minorDigits: 2, localSymbol: "€"),
        "SGD": Currency(code: "SGD", minorDigits: 2, localSymbol: "S$"),
        "MYR": Currency(code: "MYR", minorDigits: 2, localSymbol: "RM"),
        "JPY": Currency(code: "JPY", minorDigits: 0, localSymbol: "¥"),
        "KWD": Currency(code: "KWD", minorDigits: 3),
    ]

    /// 10^minorDigits: minor units in one whole unit.
    public var unit: Int64 {
        var u: Int64 = 1
        for _ in 0..<minorDigits { u *= 10 }
        return u
    }
}

public enum MoneyError: Error, Equatable, Sendable {
    case overflow
    case malformed(String)
}

/// An exact amount: a signed count of the currency's minor unit (sen for IDR).
/// Arithmetic that could overflow throws instead of wrapping or trapping.
public struct Money: Hashable, Comparable, Sendable {
    public var minor: Int64

    public init(minor: Int64) { self.minor = minor }
    public static let zero = Money(minor: 0)

    public static func < (l: Money, r: Money) -> Bool { l.minor < r.minor }
    public var isZero: Bool { minor == 0 }
    public var isPositive: Bool { minor > 0 }

    public func plus(_ other: Money) throws(MoneyError) -> Money {
        let (v, o) = minor.addingReportingOverflow(other.minor)
        if o { throw .overflow }
        return Money(minor: v)
    }

    public func minus(_ other: Money) throws(MoneyError) -> Money {
        let (v, o) = minor.subtractingReportingOverflow(other.minor)
        if o { throw .overflow }
        return Money(minor: v)
    }

    public func negated() throws(MoneyError) -> Money {
        if minor == .min { throw .overflow }
        return Money(minor: -minor)
    }

    public static func min(_ a: Money, _ b: Money) -> Money { a < b ? a : b }

    /// Parses the file format: digits with an optional `.` and 1 up to
    /// `minorDigits` digits after it (`1250000`, `1250000.5`, `1250000.50`);
    /// with `allowNegative`, a leading `-`. No grouping, no exponent, no spaces.
    @inlinable
    public static func parse<S: StringProtocol>(_ text: S, currency: Currency, allowNegative: Bool = false) throws(MoneyError) -> Money {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if allowNegative, bytes.first == 0x2D { negative = true; bytes = bytes.dropFirst() }
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var wholeDigits = 0, fractionDigits = 0
        var seenDot = false
        for c in bytes {
            if c == 0x2E {
                if seenDot || currency.minorDigits == 0 { throw .malformed(String(text)) }
                seenDot = true
                continue
            }
            guard c >= 0x30, c <= 0x39 else { throw .malformed(String(text)) }
            let digit = Int64(c - 0x30)
            if seenDot {
                fractionDigits += 1
                if fractionDigits > currency.minorDigits { throw .malformed(String(text)) }
                fraction = fraction * 10 + digit
            } else {
                wholeDigits += 1
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(digit)
                if o1 || o2 { throw .overflow }
                whole = a
            }
        }
        if wholeDigits == 0 || (seenDot && fractionDigits == 0) { throw .malformed(String(text)) }
        for _ in fractionDigits..<currency.minorDigits { fraction *= 10 }
        let (scaled, o1) = whole.multipliedReportingOverflow(by: currency.unit)
        let (total, o2) = scaled.addingReportingOverflow(fraction)
        if o1 || o2 { throw .overflow }
        return Money(minor: negative ? -total : total)
    }

    /// The machine format: plain decimal with exactly the minor digits
    /// (`1250000.00`, `-5000.00`).
    public func machine(_ currency: Currency) -> String {
        let (neg, whole, frac) = split(currency)
        var s = neg ? "-" : ""
        s += String(whole)
        if currency.minorDigits > 0 { s += "." + String(frac).leftPadded(currency.minorDigits) }
        return s
    }

    /// Magnitude split into whole units and the minor remainder. Works on the
    /// magnitude as UInt64 so Int64.min formats too.
    func split(_ currency: Currency) -> (negative: Bool, whole: UInt64, fraction: UInt64) {
        let mag = minor.magnitude
        let unit = UInt64(currency.unit)
        return (minor < 0, mag / unit, mag % unit)
    }
}
