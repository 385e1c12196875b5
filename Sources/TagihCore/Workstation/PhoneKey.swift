/// Phone numbers written any way (`0812-3456-789`, `+62 812 3456 789`,
/// `6281234567 89`) reduce to one key, the national number without its
/// trunk `0` or country code `62`, so a search in any format finds them.
public enum PhoneKey {
    /// The key of one number: its digits, without a leading `62` or `0`.
    /// `nil` when fewer than 3 digits remain.
    public static func key(_ text: some StringProtocol) -> String? {
        // On the UTF-8 bytes: only ASCII digits count, and UTF-8 never puts
        // one inside a multi-byte character (a reminder run asks this for a
        // million accounts; filtering Characters took a tenth of its choosing).
        var digits: [UInt8] = []
        digits.reserveCapacity(16)
        for b in text.utf8 where b >= 0x30 && b <= 0x39 { digits.append(b) }
        return key(digits: digits)
    }

    /// The key of one number's ASCII digits: without a leading `62` or `0`,
    /// `nil` when fewer than 3 remain (`key` and `keys` both end here).
    private static func key(digits: [UInt8]) -> String? {
        var d = digits[...]
        if d.starts(with: [0x36, 0x32]) { d = d.dropFirst(2) } else if d.first == 0x30 { d = d.dropFirst() }
        return d.count >= 3 ? String(decoding: d, as: UTF8.self) : nil
    }

    /// The numbers in a phone field: several may be listed, separated by
    /// `,`, `;`, `/` or `|`.
    public static func numbers(_ field: String) -> [String] {
        // An ASCII field (nearly every one) splits on its bytes: the same
        // pieces as Characters give, as no ASCII byte combines with another
        // (but "\r\n", which a text field refuses).
        if field.utf8.allSatisfy({ $0 < 0x80 }) {
            return field.utf8.split(whereSeparator: { $0 == 0x2C || $0 == 0x3B || $0 == 0x2F || $0 == 0x7C }).compactMap { (piece: Substring.UTF8View) -> String? in
                var p = piece
                while let f = p.first, f == 0x20 || f == 0x09 { p = p.dropFirst() }
                while let l = p.last, l == 0x20 || l == 0x09 { p = p.dropLast() }
                return p.isEmpty ? nil : String(decoding: p, as: UTF8.self)
            }
        }
        return field.split(whereSeparator: { ",;/|".contains($0) })
            .map { $0.trimmed(of: " \t") }
            .filter { !$0.isEmpty }
    }

    /// Every key of a phone field, without repeats: `numbers` then `key`,
    /// in one pass over the field's bytes (import computes it for a million
    /// accounts; splitting and filtering Characters took a fifth of that
    /// import). Only ASCII digits count and UTF-8 never puts one inside a
    /// multi-byte character, so bytes give the same keys.
    public static func keys(_ field: String) -> [String] {
        var out: [String] = []
        var digits: [UInt8] = []
        func endNumber() {
            if let k = key(digits: digits), !out.contains(k) { out.append(k) }
            digits.removeAll(keepingCapacity: true)
        }
        for b in field.utf8 {
            switch b {
            case 0x30...0x39: digits.append(b)
            case 0x2C, 0x3B, 0x2F, 0x7C: endNumber() // , ; / |
            default: break
            }
        }
        endNumber()
        return out
    }

    /// Whether a search text reads as a phone number (digits with the usual
    /// separators and at least 3 digits), as opposed to a name or account number.
    public static func looksLikePhone(_ text: String) -> Bool {
        let allowed = Set("0123456789+-(). ")
        return !text.isEmpty && text.allSatisfy { allowed.contains($0) } && text.filter(\.isNumber).count >= 3
    }
}

extension StringProtocol {
    func trimmed(of set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
