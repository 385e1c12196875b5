/// Working days (CONTRACT §9): Monday to Friday, never a holiday of the
/// rules' holiday list (national holidays and cuti bersama alike). OJK's
/// complaint deadline counts these.
public enum WorkingDays {
    public static func isWorkingDay(_ day: Day, holidays: [Day: String]) -> Bool {
        day.isoWeekday <= 5 && holidays[day] == nil
    }

    /// The `n`th working day after `day` (`day` itself never counts); `n` 0
    /// is `day`. A list that leaves no working day for years cannot hang it:
    /// every 7 days hold at least one weekday, and the holiday list is finite.
    public static func add(_ n: Int, to day: Day, holidays: [Day: String]) -> Day {
        var d = day
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d, holidays: holidays) { left -= 1 }
        }
        return d
    }

    /// Working days after `from` up to and including `to` (0 when `to <= from`).
    public static func count(from: Day, to: Day, holidays: [Day: String]) -> Int {
        guard to > from else { return 0 }
        var n = 0
        var d = from.adding(days: 1)
        while d <= to {
            if isWorkingDay(d, holidays: holidays) { n += 1 }
            d = d.adding(days: 1)
        }
        return n
    }
}
