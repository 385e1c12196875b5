import Foundation
import Testing
@testable import TagihCore

/// `Day`: ISO parsing, the ordinal, weekdays, month arithmetic and day differences.
@Suite struct DayTests {
    static func day(_ s: String) -> Day {
        guard let d = Day(iso: s) else { fatalError("test fixture date \(s) does not parse") }
        return d
    }

    // MARK: parsing

    @Test(arguments: [
        "2025-01-01", "2025-12-31", "2024-02-29", "2000-02-29", "1970-01-01",
        "0001-01-01", "9999-12-31", "2025-06-30", "2025-04-30", "1969-12-31",
    ])
    func acceptsRealDatesAndRoundTrips(_ text: String) throws {
        let d = try #require(Day(iso: text))
        #expect(d.iso == text)
        #expect(d.description == text)
        let (y, m, dd) = d.components
        #expect(String(y).leftPadded(4) == String(text.prefix(4)))
        #expect(m == Int(text.dropFirst(5).prefix(2)))
        #expect(dd == Int(text.suffix(2)))
    }

    @Test(arguments: [
        "2025-02-30", "2025-13-01", "2025-1-01", "20250101", "2025-02-29", "1900-02-29",
        "2025-00-10", "2025-01-00", "2025-04-31", "2025-01-32", "0000-01-01", "",
        "2025-01-01 ", " 2025-01-01", "2025/01/01", "+025-01-01", "-025-01-01", "2025-01-1",
        "25-01-01", "2025-01-01T00:00", "２０２５-01-01", "abcd-ef-gh", "2025-1a-01",
    ])
    func rejectsMalformedOrImpossibleDates(_ text: String) {
        #expect(Day(iso: text) == nil, "\(text) should not parse")
    }

    @Test func leapYears() {
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2025-02-29") == nil)
        #expect(Day(iso: "1900-02-29") == nil)
        #expect(Day(iso: "2000-02-29") != nil)
        #expect(Day.isLeap(2024) && Day.isLeap(2000) && Day.isLeap(2400))
        #expect(!Day.isLeap(2025) && !Day.isLeap(1900) && !Day.isLeap(2100))
        #expect(Day.daysIn(month: 2, year: 2024) == 29)
        #expect(Day.daysIn(month: 2, year: 1900) == 28)
        #expect(Day.daysIn(month: 4, year: 2025) == 30)
        #expect(Day.daysIn(month: 12, year: 2025) == 31)
    }

    @Test func parsesSubstrings() {
        let line = "x,2025-03-15,y"
        let field = line.split(separator: ",")[1]
        #expect(Day(iso: field) == Day(year: 2025, month: 3, day: 15))
    }

    // MARK: ordinal

    @Test(arguments: [
        ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-01-01", 10_957),
        ("2000-03-01", 11_017), ("2025-01-01", 20_089), ("0001-01-01", -719_162),
    ])
    func ordinals(_ text: String, _ ordinal: Int32) {
        #expect(Self.day(text).ordinal == ordinal)
        #expect(Day(ordinal: ordinal).iso == text)
    }

    /// Every day from 1899 to 2101 round-trips through `iso`, advances by one
    /// calendar day per ordinal, and agrees with Foundation's Gregorian calendar.
    @Test func ordinalRoundTripAgreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let start = Self.day("1899-01-01"), end = Self.day("2101-12-31")
        var previous = start.components
        for ordinal in (start.ordinal + 1)...end.ordinal {
            let d = Day(ordinal: ordinal)
            let c = d.components
            // Next calendar day of `previous`.
            var expected = (previous.year, previous.month, previous.day + 1)
            if expected.2 > Day.daysIn(month: previous.month, year: previous.year) {
                expected = (previous.year, previous.month + 1, 1)
                if expected.1 > 12 { expected = (previous.year + 1, 1, 1) }
            }
            #expect(c.year == expected.0 && c.month == expected.1 && c.day == expected.2, "ordinal \(ordinal)")
            #expect(Day(iso: d.iso)?.ordinal == ordinal)
            previous = c
            if ordinal % 97 == 0 {
                let date = Date(timeIntervalSince1970: TimeInterval(ordinal) * 86_400)
                let f = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
                #expect(f.year == c.year && f.month == c.month && f.day == c.day, "ordinal \(ordinal)")
                // Foundation: 1 = Sunday … 7 = Saturday; ISO: 1 = Monday … 7 = Sunday.
                #expect(d.isoWeekday == ((f.weekday! + 5) % 7) + 1, "weekday of \(d.iso)")
            }
        }
    }

    // MARK: weekday

    @Test(arguments: [
        ("2026-11-23", 1), ("2026-11-29", 7), ("1970-01-01", 4), ("1969-12-29", 1),
        ("1969-12-28", 7), ("2025-06-30", 1), ("2025-06-29", 7), ("2024-02-29", 4), ("2000-01-01", 6),
    ])
    func isoWeekday(_ text: String, _ weekday: Int) {
        #expect(Self.day(text).isoWeekday == weekday)
    }

    // MARK: month arithmetic

    @Test(arguments: [
        ("2026-01-31", 1, nil, "2026-02-28"),
        ("2026-01-31", 2, nil, "2026-03-31"),
        ("2026-02-28", 1, 31, "2026-03-31"),
        ("2026-02-28", 1, nil, "2026-03-28"),
        ("2026-01-31", 2, 31, "2026-03-31"),
        ("2026-01-31", 3, 31, "2026-04-30"),
        ("2024-01-31", 1, nil, "2024-02-29"),
        ("2024-02-29", 12, nil, "2025-02-28"),
        ("2025-11-30", 3, nil, "2026-02-28"),
        ("2025-12-15", 1, nil, "2026-01-15"),
        ("2025-12-31", 0, nil, "2025-12-31"),
        ("2026-03-31", -1, nil, "2026-02-28"),
        ("2026-01-15", -1, nil, "2025-12-15"),
        ("2026-01-15", -13, nil, "2024-12-15"),
        ("2025-01-10", 24, nil, "2027-01-10"),
        ("2025-02-15", 1, 30, "2025-03-30"),
    ] as [(String, Int, Int?, String)])
    func addingMonthsClampsToMonthEnd(_ from: String, _ months: Int, _ dayOfMonth: Int?, _ expected: String) {
        #expect(Self.day(from).adding(months: months, dayOfMonth: dayOfMonth).iso == expected)
    }

    @Test func addingDays() {
        #expect(Self.day("2025-12-31").adding(days: 1).iso == "2026-01-01")
        #expect(Self.day("2024-02-28").adding(days: 1).iso == "2024-02-29")
        #expect(Self.day("2024-03-01").adding(days: -1).iso == "2024-02-29")
        #expect(Self.day("2025-03-01").adding(days: -1).iso == "2025-02-28")
        #expect(Self.day("2025-01-01").adding(days: 365).iso == "2026-01-01")
    }

    // MARK: differences

    @Test(arguments: [
        ("2025-12-31", "2026-01-01", 1),
        ("2025-12-01", "2026-01-31", 61),
        ("2024-02-28", "2024-03-01", 2),
        ("2023-02-28", "2023-03-01", 1),
        ("2024-02-29", "2024-03-01", 1),
        ("2025-01-01", "2026-01-01", 365),
        ("2024-01-01", "2025-01-01", 366),
        ("2026-01-01", "2025-12-31", -1),
        ("2025-06-30", "2025-06-30", 0),
        ("1969-12-31", "1970-01-01", 1),
    ])
    func daysBetween(_ a: String, _ b: String, _ n: Int) {
        #expect(Day.days(from: Self.day(a), to: Self.day(b)) == n)
    }

    @Test func ordering() {
        #expect(Self.day("2025-01-31") < Self.day("2025-02-01"))
        #expect(Self.day("2024-12-31") < Self.day("2025-01-01"))
        #expect(!(Self.day("2025-01-01") < Self.day("2025-01-01")))
        #expect(Self.day("9999-12-31") < Day.end)
        let shuffled = ["2025-03-01", "2024-12-31", "2025-02-28", "2025-01-01"].map(Self.day)
        #expect(shuffled.sorted().map(\.iso) == ["2024-12-31", "2025-01-01", "2025-02-28", "2025-03-01"])
    }
}

/// Day arithmetic is total (issue 13 item 8): a monthly plan reaching year
/// 10000 crashed on a force-unwrap in `adding(months:)`.
@Suite struct DayArithmeticLimitTests {
    func d(_ s: String) -> Day { DayTests.day(s) }

    @Test func theISORangeEnds() {
        #expect(Day.earliest == d("0001-01-01") && Day.latest == d("9999-12-31"))
    }

    @Test func monthsPastYear9999AreNoDayWhenChecked() {
        // 9999-11-15 + 1 month is still a day; + 2 months would be 10000-01-15.
        #expect(d("9999-11-15").checkedAdding(months: 1) == d("9999-12-15"))
        #expect(d("9999-11-15").checkedAdding(months: 2) == nil)
        #expect(d("9990-01-31").checkedAdding(months: 120, dayOfMonth: 31) == nil)
        #expect(d("0001-02-10").checkedAdding(months: -2) == nil)
        #expect(d("0001-02-10").checkedAdding(months: -1) == d("0001-01-10"))
        #expect(d("2026-01-31").checkedAdding(months: Int.max) == nil, "no overflow trap in the month count")
        #expect(d("2026-01-31").checkedAdding(months: Int.min) == nil)
    }

    @Test func uncheckedMonthsClampToTheRangeInsteadOfCrashing() {
        // Before the fix this trapped (Day(year: 10000, …)!).
        #expect(d("9999-11-15").adding(months: 2) == Day.latest)
        #expect(d("9999-12-31").adding(months: 1, dayOfMonth: 31) == Day.latest)
        #expect(d("0001-01-01").adding(months: -1) == Day.earliest)
        // Ordinary arithmetic is unchanged, including a day of month clamped to a shorter month.
        #expect(d("2026-01-31").adding(months: 1) == d("2026-02-28"))
        #expect(d("2026-03-15").adding(months: -3) == d("2025-12-15"))
        #expect(d("2026-02-28").adding(months: 1, dayOfMonth: 31) == d("2026-03-31"))
    }

    @Test func daysNeverTrap() {
        #expect(d("9999-12-31").checkedAdding(days: 1) == nil)
        #expect(d("9999-12-30").checkedAdding(days: 1) == d("9999-12-31"))
        #expect(d("0001-01-01").checkedAdding(days: -1) == nil)
        #expect(d("2026-03-01").checkedAdding(days: -1) == d("2026-02-28"))
        // Before the fix Int32(n) trapped for n beyond Int32, and the sum could overflow.
        #expect(Day.end.adding(days: Int.max).ordinal == Int32.max)
        #expect(d("2026-01-01").adding(days: Int.min).ordinal == Int32.min)
        #expect(d("2026-01-01").adding(days: 10) == d("2026-01-11"))
    }
}

@Suite struct MonthEndTests {
    @Test func monthEnds() {
        let d = { (s: String) in Day(iso: s)! }
        #expect(d("2026-02-10").monthEnd == d("2026-02-28") && d("2024-02-10").monthEnd == d("2024-02-29"))
        #expect(d("2026-11-23").previousMonthEnd == d("2026-10-31") && d("2026-10-31").previousMonthEnd == d("2026-09-30"))
        #expect(d("2026-10-15").nextMonthEnd == d("2026-10-31") && d("2026-10-31").nextMonthEnd == d("2026-11-30"))
        #expect(d("2026-03-31").previousMonthEnd == d("2026-02-28") && d("2026-01-31").nextMonthEnd == d("2026-02-28"))
    }
}
