/// A calendar day with no time of day and no time zone.
///
/// Stored as the number of days since 1970-01-01 in the proleptic Gregorian
/// calendar, so differences are plain subtraction and a column of days sorts
/// and indexes as an integer. The core never asks the clock what day it is:
/// "today" is always a parameter.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// The day for a valid year, month and day; `nil` for 2025-02-30 and the like.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = Int32(era * 146097 + doe - 719468)
    }

    /// Parses exactly `YYYY-MM-DD`; anything else (other lengths, signs,
    /// impossible days) is `nil`.
    @inlinable
    public init?<S: StringProtocol>(iso text: S) {
        // Walks the bytes once without copying them: import parses millions of dates.
        var parts = (0, 0, 0)
        var n = 0
        for c in text.utf8 {
            switch n {
            case 4, 7:
                guard c == 0x2D else { return nil }
            case 0..<10:
                guard c >= 0x30, c <= 0x39 else { return nil }
                let v = Int(c - 0x30)
                if n < 4 { parts.0 = parts.0 * 10 + v } else if n < 7 { parts.1 = parts.1 * 10 + v } else { parts.2 = parts.2 * 10 + v }
            default:
                return nil
            }
            n += 1
        }
        guard n == 10, let day = Day(year: parts.0, month: parts.1, day: parts.2) else { return nil }
        self = day
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// (year, month, day) — Howard Hinnant's civil_from_days.
    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(ordinal) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// ISO 8601 weekday: 1 = Monday … 7 = Sunday.
    public var isoWeekday: Int {
        let w = (Int(ordinal) % 7 + 7 + 3) % 7 // 1970-01-01 was a Thursday
        return w + 1
    }

    public var iso: String {
        let (y, m, d) = components
        return String(y).leftPadded(4) + "-" + String(m).leftPadded(2) + "-" + String(d).leftPadded(2)
    }

    public var description: String { iso }

    public func adding(days n: Int) -> Day { Day(ordinal: ordinal + Int32(n)) }

    /// Same day of month `n` months later, clamped to the end of a shorter
    /// month (2026-01-31 + 1 month = 2026-02-28).
    public func adding(months n: Int, dayOfMonth wanted: Int? = nil) -> Day {
        let (y, m, d) = components
        let total = y * 12 + (m - 1) + n
        let ny = total / 12, nm = total % 12 + 1
        let dd = min(wanted ?? d, Day.daysIn(month: nm, year: ny))
        return Day(year: ny, month: nm, day: dd)!
    }

    /// Whole days from `a` to `b` (positive when `b` is later).
    public static func days(from a: Day, to b: Day) -> Int { Int(b.ordinal) - Int(a.ordinal) }

    public static func < (l: Day, r: Day) -> Bool { l.ordinal < r.ordinal }

    /// The ordinal of 9999-12-31, the last day an ISO date can name.
    public static let lastOrdinal: Int32 = Day(year: 9999, month: 12, day: 31)!.ordinal

    /// Later than any day a ledger will hold: "after every entry".
    public static let end = Day(ordinal: Int32.max / 2)
}

extension String {
    public func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
