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

    /// `n` days later (earlier when negative). Total: a result beyond what a
    /// day can hold is clamped to the first or last ordinal, never a trap.
    /// Use `checkedAdding(days:)` where a day past 9999-12-31 must be refused.
    public func adding(days n: Int) -> Day {
        let (sum, overflow) = Int(ordinal).addingReportingOverflow(n)
        if overflow { return Day(ordinal: n < 0 ? Int32.min : Int32.max) }
        return Day(ordinal: Int32(clamping: sum))
    }

    /// `n` days later, or nil when that is outside 0001-01-01 … 9999-12-31
    /// (the days an ISO date can name).
    public func checkedAdding(days n: Int) -> Day? {
        let (sum, overflow) = Int(ordinal).addingReportingOverflow(n)
        guard !overflow, (Int(Day.earliest.ordinal)...Int(Day.latest.ordinal)).contains(sum) else { return nil }
        return Day(ordinal: Int32(sum))
    }

    /// Same day of month `n` months later, clamped to the end of a shorter
    /// month (2026-01-31 + 1 month = 2026-02-28). Total: a month before year
    /// 1 or after 9999 gives `Day.earliest` or `Day.latest` (a plan schedule
    /// that reaches there must be refused with `checkedAdding(months:)`).
    public func adding(months n: Int, dayOfMonth wanted: Int? = nil) -> Day {
        switch monthsLater(n, dayOfMonth: wanted) {
        case .day(let d): d
        case .beforeYear1: .earliest
        case .afterYear9999: .latest
        }
    }

    /// Same day of month `n` months later (clamped to the end of a shorter
    /// month), or nil when that month is before year 1 or after year 9999.
    public func checkedAdding(months n: Int, dayOfMonth wanted: Int? = nil) -> Day? {
        if case .day(let d) = monthsLater(n, dayOfMonth: wanted) { return d }
        return nil
    }

    private enum MonthsLater { case day(Day), beforeYear1, afterYear9999 }

    private func monthsLater(_ n: Int, dayOfMonth wanted: Int?) -> MonthsLater {
        let (y, m, d) = components
        let (total, overflow) = (y * 12 + (m - 1)).addingReportingOverflow(n)
        if overflow { return n < 0 ? .beforeYear1 : .afterYear9999 }
        // Floor division: months before year 0 stay in their own year.
        let ny = total >= 0 ? total / 12 : (total - 11) / 12
        let nm = total - ny * 12 + 1
        if ny < 1 { return .beforeYear1 }
        if ny > 9999 { return .afterYear9999 }
        let dd = min(max(wanted ?? d, 1), Day.daysIn(month: nm, year: ny))
        return .day(Day(year: ny, month: nm, day: dd)!) // ny, nm and dd are in range: the initializer cannot fail
    }

    /// The last day of this day's month.
    public var monthEnd: Day { adding(months: 0, dayOfMonth: 31) }

    /// The month-end before this day (the end of the month before), and the
    /// first one after it (this month's end, or the next month's on a
    /// month-end): where month-end reports step.
    public var previousMonthEnd: Day { adding(months: -1, dayOfMonth: 31) }
    public var nextMonthEnd: Day { self == monthEnd ? adding(months: 1, dayOfMonth: 31) : monthEnd }

    /// Whole days from `a` to `b` (positive when `b` is later).
    public static func days(from a: Day, to b: Day) -> Int { Int(b.ordinal) - Int(a.ordinal) }

    public static func < (l: Day, r: Day) -> Bool { l.ordinal < r.ordinal }

    /// The first and last days an ISO date (`YYYY-MM-DD`) names.
    public static let earliest = Day(ordinal: -719162) // 0001-01-01
    public static let latest = Day(ordinal: 2932896)   // 9999-12-31

    /// Later than any day a ledger will hold: "after every entry".
    public static let end = Day(ordinal: Int32.max / 2)
}

extension String {
    public func leftPadded(_ width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
