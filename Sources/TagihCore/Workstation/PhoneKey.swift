/// Phone numbers written any way (`0812-3456-789`, `+62 812 3456 789`,
/// `6281234567 89`) reduce to one key, the national number without its
/// trunk `0` or country code `62`, so a search in any format finds them.
public enum PhoneKey {
    /// The key of one number: its digits, without a leading `62` or `0`.
    /// `nil` when fewer than 3 digits remain.
    public static func key(_ text: some StringProtocol) -> String? {
        var digits = text.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }.map(Character.init)
        if digits.starts(with: ["6", "2"]) { digits.removeFirst(2) } else if digits.first == "0" { digits.removeFirst() }
        return digits.count >= 3 ? String(digits) : nil
    }

    /// The numbers in a phone field: several may be listed, separated by
    /// `,`, `;`, `/` or `|`.
    public static func numbers(_ field: String) -> [String] {
        field.split(whereSeparator: { ",;/|".contains($0) })
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
            var d = digits[...]
            if d.starts(with: [0x36, 0x32]) { d = d.dropFirst(2) } else if d.first == 0x30 { d = d.dropFirst() }
            if d.count >= 3 {
                let k = String(decoding: d, as: UTF8.self)
                if !out.contains(k) { out.append(k) }
            }
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
