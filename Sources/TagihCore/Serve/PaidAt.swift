/// `paid_at` of a real-time payment (R18): ISO 8601 with an offset
/// (`2026-03-14T10:15:00+07:00`, `…Z`); the payment's date is its date in
/// that offset, which is the date the text names.
public enum PaidAt {
    /// The payment's date, or nil when the text is not such a moment.
    public static func day(_ text: String) -> Day? { moment(text)?.day }

    /// The payment's date and its instant (Unix seconds), or nil when the
    /// text is not such a moment.
    public static func moment(_ text: String) -> (day: Day, instant: Int64)? {
        let b = Array(text.utf8)
        func digits(_ from: Int, _ n: Int) -> Int? {
            guard from + n <= b.count else { return nil }
            var v = 0
            for i in from..<(from + n) {
                guard b[i] >= 0x30 && b[i] <= 0x39 else { return nil }
                v = v * 10 + Int(b[i] - 0x30)
            }
            return v
        }
        // YYYY-MM-DDTHH:MM
        guard b.count >= 17, let y = digits(0, 4), b[4] == 0x2D, let m = digits(5, 2), b[7] == 0x2D, let d = digits(8, 2),
              b[10] == 0x54 || b[10] == 0x74, let hh = digits(11, 2), b[13] == 0x3A, let mm = digits(14, 2),
              hh < 24, mm < 60, let day = Day(year: y, month: m, day: d) else { return nil }
        var i = 16
        var seconds = 0
        if i < b.count, b[i] == 0x3A {  // :SS, then an optional fraction
            guard let ss = digits(i + 1, 2), ss < 61 else { return nil }
            seconds = ss
            i += 3
            if i < b.count, b[i] == 0x2E {
                i += 1
                let start = i
                while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
                guard i > start, i - start <= 9 else { return nil }
            }
        }
        guard i < b.count else { return nil }  // the offset is required
        let local = Int64(day.ordinal) * 86_400 + Int64(hh * 3_600 + mm * 60 + seconds)
        if b[i] == 0x5A || b[i] == 0x7A { return i + 1 == b.count ? (day, local) : nil }
        let sign: Int64 = b[i] == 0x2B ? 1 : -1
        guard b[i] == 0x2B || b[i] == 0x2D, let oh = digits(i + 1, 2), oh <= 14 else { return nil }
        i += 3
        if i < b.count, b[i] == 0x3A { i += 1 }
        guard let om = digits(i, 2), om < 60, i + 2 == b.count else { return nil }
        return (day, local - sign * Int64(oh * 3_600 + om * 60))
    }
}
