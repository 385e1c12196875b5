/// The UI language. Bahasa Indonesia first; English for everyone else.
public enum Language: String, Sendable, CaseIterable {
    case id, en

    /// `ui.language` from the config when set, else `LANG`/`LC_ALL`
    /// (`id_*` → Indonesian), else English.
    public static func resolve(configured: String?, environment: [String: String]) -> Language {
        if let c = configured?.lowercased(), !c.isEmpty, let l = Language(rawValue: String(c.prefix(2))) { return l }
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let v = environment[key], !v.isEmpty {
                return v.lowercased().hasPrefix("id") ? .id : .en
            }
        }
        return .en
    }
}

/// Formats amounts and days for people, per CONTRACT §1:
/// Indonesian `Rp1.250.000` / `Rp1.250.000,50`, English `IDR 1,250,000` /
/// `IDR 1,250,000.50`; minor digits only when they are not zero.
public struct MoneyFormatter: Sendable {
    public var currency: Currency
    public var language: Language

    public init(currency: Currency, language: Language) {
        self.currency = currency
        self.language = language
    }

    public func format(_ m: Money) -> String {
        let prefix = language == .id ? currency.localSymbol : currency.code + " "
        return (m.minor < 0 ? "-" : "") + prefix + body(m)
    }

    /// The amount without the currency prefix, for table columns whose header
    /// names the currency.
    public func plain(_ m: Money) -> String {
        (m.minor < 0 ? "-" : "") + body(m)
    }

    /// A count with the language's digit grouping: `12.345` / `12,345`.
    public func count(_ n: Int) -> String {
        var out: [UInt8] = []
        group(UInt64(n.magnitude), into: &out)
        return (n < 0 ? "-" : "") + String(decoding: out, as: UTF8.self)
    }

    // On bytes: a reminder run formats a million amounts, and building
    // the groups as Strings was a twentieth of its choosing.
    private func body(_ m: Money) -> String {
        let (_, whole, frac) = m.split(currency)
        var out: [UInt8] = []
        out.reserveCapacity(32)
        group(whole, into: &out)
        if frac != 0 {
            out.append(language == .id ? 0x2C : 0x2E)
            out.append(contentsOf: String(frac).leftPadded(currency.minorDigits).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `n`'s digits in threes, with the language's separator (`.` / `,`).
    private func group(_ n: UInt64, into out: inout [UInt8]) {
        let separator: UInt8 = language == .id ? 0x2E : 0x2C
        let digits = Array(String(n).utf8)
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(separator) }
            out.append(d)
        }
    }
}
