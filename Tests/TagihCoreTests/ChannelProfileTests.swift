import Testing
@testable import TagihCore

/// A channel profile's date and amount formats and its file pattern (CONTRACT §11).
@Suite struct ChannelProfileTests {
    @Test(arguments: [
        ("%d/%m/%Y", "03/12/2026", "2026-12-03"), ("%d/%m/%Y", "3/1/2026", "2026-01-03"),
        ("%Y-%m-%d %H:%M", "2026-12-03 23:59", "2026-12-03"), ("%Y-%m-%d", "2024-02-29", "2024-02-29"),
        ("%m%d%Y", "12032026", "2026-12-03"),
    ])
    func readsDates(_ format: String, _ text: String, _ iso: String) throws {
        #expect(try ProfileDateFormat(format).day(text) == Day(iso: iso))
    }

    @Test(arguments: [
        ("%d/%m/%Y", "2026-12-03"), ("%d/%m/%Y", "31/02/2026"), ("%d/%m/%Y", "03/12/26"), ("%d/%m/%Y", "03/12/2026 "),
        ("%Y-%m-%d %H:%M", "2026-12-03 24:00"), ("%Y-%m-%d %H:%M", "2026-12-03 10:60"), ("%Y-%m-%d %H:%M", "2026-12-03"),
        ("%d/%m/%Y", ""), ("%d/%m/%Y", "٠٣/12/2026"), ("%Y-%m-%d", "2023-02-29"),
    ])
    func refusesBadDates(_ format: String, _ text: String) throws {
        #expect(try ProfileDateFormat(format).day(text) == nil)
    }

    @Test func refusesBadFormats() {
        #expect(throws: ProfileDateFormat.Problem.unknownDirective("%y")) { try ProfileDateFormat("%d/%m/%y") }
        #expect(throws: ProfileDateFormat.Problem.unknownDirective("%")) { try ProfileDateFormat("%d/%m/%Y%") }
        #expect(throws: ProfileDateFormat.Problem.missingOrRepeated("%m")) { try ProfileDateFormat("%d/%Y") }
        #expect(throws: ProfileDateFormat.Problem.missingOrRepeated("%d")) { try ProfileDateFormat("%d/%d/%m/%Y") }
        #expect(throws: ProfileDateFormat.Problem.missingOrRepeated("%H")) { try ProfileDateFormat("%d/%m/%Y %H%H") }
    }

    @Test(arguments: [
        (ProfileAmountFormat.dotGrouped, "1.250.000,00", Int64(125_000_000)), (.dotGrouped, "1250000,5", 125_000_050),
        (.dotGrouped, "999", 99_900), (.dotGrouped, "0,01", 1), (.dotGrouped, "12.345", 1_234_500),
        (.commaGrouped, "1,250,000.00", 125_000_000), (.commaGrouped, "1250000.75", 125_000_075),
        (.plain, "1250000.00", 125_000_000), (.plain, "1250000", 125_000_000),
        (.dotGrouped, "92.233.720.368.547.758,07", Int64.max),
    ])
    func readsAmountsExactly(_ format: ProfileAmountFormat, _ text: String, _ minor: Int64) throws {
        #expect(try format.parse(text, currency: .idr) == Money(minor: minor))
    }

    @Test(arguments: [
        (ProfileAmountFormat.dotGrouped, "1,250,000.00"), (.dotGrouped, "1.25.000,00"), (.dotGrouped, "1.250.000,001"),
        (.dotGrouped, "1.250,00,00"), (.dotGrouped, ".250,00"), (.commaGrouped, "1.250.000,00"), (.commaGrouped, "1,2500"),
        (.plain, "1,250,000.00"), (.plain, "-5"), (.plain, ""), (.dotGrouped, "1 250 000"),
    ])
    func refusesBadAmounts(_ format: ProfileAmountFormat, _ text: String) {
        #expect(throws: MoneyError.self) { try format.parse(text, currency: .idr) }
    }

    @Test func anAmountBeyondInt64IsOverflow() {
        // R9: one minor unit past Int64.max.
        #expect(throws: MoneyError.overflow) { try ProfileAmountFormat.dotGrouped.parse("92.233.720.368.547.758,08", currency: .idr) }
    }

    @Test(arguments: [
        ("bca-va-*.csv", "bca-va-20261203.csv", true), ("bca-va-*.csv", "bca-va-.csv", true), ("bca-va-*.csv", "bca-va-1.txt", false),
        ("qris-????.csv", "qris-1203.csv", true), ("qris-????.csv", "qris-12034.csv", false), ("*", "anything", true),
        ("a*b*c", "aXXbYYc", true), ("a*b*c", "aXXbYY", false), ("payments*.csv", "Payments1.csv", false),
    ])
    func matchesFileNames(_ pattern: String, _ name: String, _ expected: Bool) {
        #expect(ChannelProfile(name: "p", channel: "VA", filePattern: pattern).matches(fileName: name) == expected)
    }

    @Test func aProfileWithoutPatternMatchesNothing() {
        #expect(!ChannelProfile(name: "p", channel: "VA").matches(fileName: "x.csv"))
    }
}
