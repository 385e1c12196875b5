import Testing
@testable import TagihCore

/// Exact money: parsing the file format, checked arithmetic, the machine
/// format and the people-facing format in both languages.
@Suite struct MoneyTests {
    static let jpy = Currency.known["JPY"]!
    static let kwd = Currency.known["KWD"]!

    // MARK: parsing

    @Test(arguments: [
        ("1250000", Int64(125_000_000)), ("1250000.5", 125_000_050), ("1250000.50", 125_000_050),
        ("0.01", 1), ("0.1", 10), ("0", 0), ("0.00", 0), ("007", 700), ("1", 100),
        ("92233720368547758.07", Int64.max), ("92233720368547758", 9_223_372_036_854_775_800),
    ])
    func parsesTheFileFormat(_ text: String, _ minor: Int64) throws {
        #expect(try Money.parse(text, currency: .idr) == Money(minor: minor))
    }

    @Test(arguments: [
        "1.234", ".5", "5.", "1,000", "-5", "+5", " 5", "5 ", "", "1e5", "1..0", "1.2.3",
        "Rp5", "5,00", "\u{2212}5", "0x10", "1_000", ".", "-", "١٢", "5\n",
    ])
    func rejectsMalformedAmounts(_ text: String) {
        #expect(throws: MoneyError.malformed(text)) { try Money.parse(text, currency: .idr) }
    }

    @Test(arguments: [("-5", Int64(-500)), ("-0.01", -1), ("-1250000.50", -125_000_050), ("7", 700), ("-0", 0),
                      ("-92233720368547758.07", -Int64.max)])
    func parsesNegativesWhenAllowed(_ text: String, _ minor: Int64) throws {
        #expect(try Money.parse(text, currency: .idr, allowNegative: true) == Money(minor: minor))
    }

    @Test(arguments: ["--5", "-", "5-", "+5", "- 5", "-.5", "-5."])
    func rejectsMalformedNegatives(_ text: String) {
        #expect(throws: MoneyError.malformed(text)) { try Money.parse(text, currency: .idr, allowNegative: true) }
    }

    @Test(arguments: ["92233720368547758.08", "92233720368547758.1", "92233720368547759",
                      "99999999999999999999", "9223372036854775808", "100000000000000000000.00"])
    func overflowingAmountsThrowOverflow(_ text: String) {
        #expect(throws: MoneyError.overflow) { try Money.parse(text, currency: .idr) }
    }

    // MARK: arithmetic

    @Test func arithmeticIsChecked() throws {
        #expect(throws: MoneyError.overflow) { try Money(minor: .max).plus(Money(minor: 1)) }
        #expect(throws: MoneyError.overflow) { try Money(minor: .min).plus(Money(minor: -1)) }
        #expect(throws: MoneyError.overflow) { try Money(minor: .min).minus(Money(minor: 1)) }
        #expect(throws: MoneyError.overflow) { try Money(minor: .max).minus(Money(minor: -1)) }
        #expect(throws: MoneyError.overflow) { try Money(minor: .min).negated() }
        #expect(try Money(minor: .max).plus(Money(minor: .min)) == Money(minor: -1))
        #expect(try Money(minor: 150).plus(Money(minor: 275)) == Money(minor: 425))
        #expect(try Money(minor: 150).minus(Money(minor: 275)) == Money(minor: -125))
        #expect(try Money(minor: .max).negated() == Money(minor: -Int64.max))
        #expect(Money.min(Money(minor: 3), Money(minor: -4)) == Money(minor: -4))
        #expect(Money(minor: 0).isZero && !Money(minor: 0).isPositive)
        #expect(Money(minor: 1).isPositive && !Money(minor: -1).isPositive)
        #expect(Money(minor: -1) < Money.zero)
    }

    // MARK: machine format

    @Test(arguments: [
        (Int64(125_000_000), "1250000.00"), (-500_000, "-5000.00"), (1, "0.01"), (-1, "-0.01"), (0, "0.00"),
        (125_000_050, "1250000.50"), (10, "0.10"), (Int64.max, "92233720368547758.07"), (Int64.min, "-92233720368547758.08"),
    ])
    func machineFormat(_ minor: Int64, _ text: String) throws {
        #expect(Money(minor: minor).machine(.idr) == text)
        if minor != .min {
            #expect(try Money.parse(text, currency: .idr, allowNegative: true) == Money(minor: minor))
        }
    }

    @Test func machineFormatFollowsTheCurrencysMinorDigits() {
        #expect(Money(minor: 1_250_000).machine(Self.jpy) == "1250000")
        #expect(Money(minor: -5).machine(Self.jpy) == "-5")
        #expect(Money(minor: 1_234_567).machine(Self.kwd) == "1234.567")
        #expect(Money(minor: 5).machine(Self.kwd) == "0.005")
    }

    /// A seeded walk over the whole Int64 range: machine → parse is the identity.
    @Test func machineFormatRoundTrips() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let minor = Int64(bitPattern: state) >> Int64(state % 60)
            guard minor != .min else { continue }
            let m = Money(minor: minor)
            #expect(try Money.parse(m.machine(.idr), currency: .idr, allowNegative: true) == m)
            #expect(try Money.parse(m.machine(Self.jpy), currency: Self.jpy, allowNegative: true) == m)
        }
    }

    // MARK: formatting for people

    @Test(arguments: [
        (Int64(125_000_000), "Rp1.250.000", "IDR 1,250,000"),
        (125_000_050, "Rp1.250.000,50", "IDR 1,250,000.50"),
        (-500_000, "-Rp5.000", "-IDR 5,000"),
        (0, "Rp0", "IDR 0"),
        (1, "Rp0,01", "IDR 0.01"),
        (-5, "-Rp0,05", "-IDR 0.05"),
        (99_900, "Rp999", "IDR 999"),
        (100_000, "Rp1.000", "IDR 1,000"),
        (10_000_000_000, "Rp100.000.000", "IDR 100,000,000"),
        (123_456_789_012, "Rp1.234.567.890,12", "IDR 1,234,567,890.12"),
        (Int64.min, "-Rp92.233.720.368.547.758,08", "-IDR 92,233,720,368,547,758.08"),
    ])
    func formatsForPeople(_ minor: Int64, _ indonesian: String, _ english: String) {
        let m = Money(minor: minor)
        #expect(MoneyFormatter(currency: .idr, language: .id).format(m) == indonesian)
        #expect(MoneyFormatter(currency: .idr, language: .en).format(m) == english)
    }

    @Test func plainOmitsTheCurrency() {
        #expect(MoneyFormatter(currency: .idr, language: .id).plain(Money(minor: -500_000)) == "-5.000")
        #expect(MoneyFormatter(currency: .idr, language: .en).plain(Money(minor: 125_000_050)) == "1,250,000.50")
    }

    @Test func currencyWithoutMinorDigits() throws {
        #expect(Self.jpy.minorDigits == 0 && Self.jpy.unit == 1)
        #expect(try Money.parse("1250000", currency: Self.jpy) == Money(minor: 1_250_000))
        #expect(try Money.parse("0", currency: Self.jpy) == Money(minor: 0))
        #expect(throws: MoneyError.malformed("1250000.5")) { try Money.parse("1250000.5", currency: Self.jpy) }
        #expect(throws: MoneyError.malformed("1250000.")) { try Money.parse("1250000.", currency: Self.jpy) }
        #expect(throws: MoneyError.malformed("1250000.0")) { try Money.parse("1250000.0", currency: Self.jpy) }
        #expect(throws: MoneyError.overflow) { try Money.parse("9223372036854775808", currency: Self.jpy) }
        #expect(try Money.parse("9223372036854775807", currency: Self.jpy) == Money(minor: .max))
        #expect(MoneyFormatter(currency: Self.jpy, language: .id).format(Money(minor: 1_250_000)) == "¥1.250.000")
        #expect(MoneyFormatter(currency: Self.jpy, language: .en).format(Money(minor: 1_250_000)) == "JPY 1,250,000")
        #expect(MoneyFormatter(currency: Self.jpy, language: .en).format(Money(minor: -5_000)) == "-JPY 5,000")
    }

    @Test func currencyWithThreeMinorDigits() throws {
        #expect(Self.kwd.unit == 1_000)
        #expect(try Money.parse("1.5", currency: Self.kwd) == Money(minor: 1_500))
        #expect(try Money.parse("1.234", currency: Self.kwd) == Money(minor: 1_234))
        #expect(throws: MoneyError.malformed("1.2345")) { try Money.parse("1.2345", currency: Self.kwd) }
        #expect(MoneyFormatter(currency: Self.kwd, language: .en).format(Money(minor: 1_234_005)) == "KWD 1,234.005")
        #expect(MoneyFormatter(currency: Self.kwd, language: .id).format(Money(minor: 1_234_000)) == "KWD 1.234")
    }
}
