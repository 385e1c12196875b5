import TagihCore

/// One month of the cases tab: `report cases --from` its first day `--to`
/// its last (or the report's day, for the month under way).
public struct CaseMonth: Sendable, Equatable {
    public var from: Day
    public var to: Day
    public var rows: [CaseReportRow]

    /// Months shown: the half year to the report's day.
    static let shown = 6

    /// The `months` months ending with `day`'s, newest first (the month under way is read first), each asked of `report`.
    static func trend(to day: Day, months: Int, _ report: (Day, Day) throws -> [CaseReportRow]) throws -> [CaseMonth] {
        var out: [CaseMonth] = []
        var first = day.adding(days: 1 - day.components.day)
        for _ in 0..<months {
            let last = min(day, (first.checkedAdding(months: 1) ?? first).adding(days: -1))
            out.append(CaseMonth(from: first, to: last, rows: try report(first, last)))
            guard let previous = first.checkedAdding(months: -1) else { break }
            first = previous
        }
        return out
    }
}
