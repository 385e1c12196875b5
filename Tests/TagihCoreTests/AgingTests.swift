import Testing
@testable import TagihCore

/// Bucket edges and the aging fold (CONTRACT §5).
@Suite struct BucketTests {
    @Test func defaultLabels() {
        #expect(Buckets.standard.edges == [30, 60, 90, 120])
        #expect(Buckets.standard.labels == ["current", "1-30", "31-60", "61-90", "91-120", "121+"])
        #expect(Buckets.standard.count == 6)
        #expect(Settings().buckets == .standard)
    }

    @Test(arguments: [(0, 0), (1, 1), (30, 1), (31, 2), (60, 2), (61, 3), (90, 3), (91, 4), (120, 4), (121, 5),
                      (-5, 0), (10_000, 5), (Int.min, 0), (Int.max, 5)])
    func defaultIndex(_ days: Int, _ index: Int) {
        #expect(Buckets.standard.index(daysPastDue: days) == index)
    }

    @Test func customEdges() throws {
        let b = try Buckets(edges: [7, 14])
        #expect(b.labels == ["current", "1-7", "8-14", "15+"])
        #expect(b.count == 4)
        #expect([0, 1, 7, 8, 14, 15, 999].map(b.index(daysPastDue:)) == [0, 1, 1, 2, 2, 3, 3])

        let one = try Buckets(edges: [1])
        #expect(one.labels == ["current", "1-1", "2+"])
        #expect([0, 1, 2].map(one.index(daysPastDue:)) == [0, 1, 2])

        let wide = try Buckets(edges: [30, 90, 180, 365])
        #expect(wide.labels == ["current", "1-30", "31-90", "91-180", "181-365", "366+"])
        #expect([30, 31, 90, 91, 365, 366].map(wide.index(daysPastDue:)) == [1, 2, 2, 3, 4, 5])
    }

    @Test(arguments: [[Int](), [0], [-1, 5], [30, 30], [60, 30], [30, 60, 60, 90], [5, 4]])
    func invalidEdgesThrow(_ edges: [Int]) {
        #expect(throws: Buckets.Invalid.edges(edges)) { try Buckets(edges: edges) }
    }
}

@Suite struct AgingTests {
    static let asOf = day("2025-06-30")

    /// One account: a set of charges, one credit, its position as of 2025-06-30.
    static func position(_ charges: [(due: String, amount: Int64)], paid: Int64 = 0) throws -> Position {
        let cs = charges.enumerated().map { i, c in
            Charge(id: Int64(i + 1), ref: "C\(i)", issueDate: day(c.due).adding(days: -30), dueDate: day(c.due), amount: Money(minor: c.amount))
        }
        let credits = paid > 0 ? [Credit(id: 100, date: day("2025-01-01"), amount: Money(minor: paid))] : []
        return try Ledger.position(charges: cs, credits: credits, asOf: asOf)
    }

    @Test func foldsPositionsIntoBuckets() throws {
        let positions = [
            try Self.position([("2025-06-30", 1_000), ("2025-06-29", 2_000)]),       // current 1 000, 1-30 2 000
            try Self.position([("2025-05-31", 3_000), ("2025-05-30", 4_000)]),       // 30 days → 1-30, 31 days → 31-60
            try Self.position([("2025-03-01", 5_000), ("2025-02-28", 6_000)]),       // 121 → 121+, 122 → 121+
            try Self.position([("2025-04-01", 7_000)], paid: 2_000),                 // 90 days → 61-90, 5 000 open
            try Self.position([("2025-04-01", 7_000)], paid: 7_000),                 // settled: not counted
            try Self.position([], paid: 9_000),                                      // only unapplied 9 000
            try Self.position([("2025-03-31", 8_000)], paid: 0),                     // 91 days → 91-120
        ]
        var t = AgingTotals(bucketCount: Buckets.standard.count)
        for p in positions { try t.add(p, buckets: .standard) }
        #expect(t.accounts == 6)
        #expect(t.buckets.map(\.minor) == [1_000, 5_000, 4_000, 5_000, 8_000, 11_000])
        #expect(t.unapplied == Money(minor: 9_000))
        #expect(try t.balance() == Money(minor: 34_000 - 9_000))
        let sum = positions.reduce(Int64(0)) { $0 + $1.balance.minor }
        #expect(try t.balance().minor == sum)
    }

    @Test func inactiveAccountsAreNotCounted() throws {
        var t = AgingTotals(bucketCount: 6)
        try t.add(try Self.position([("2025-01-31", 500)], paid: 500), buckets: .standard)
        try t.add(try Self.position([]), buckets: .standard)
        #expect(t.accounts == 0)
        #expect(t.buckets.allSatisfy { $0.isZero })
        #expect(t.unapplied == .zero)
        #expect(try t.balance() == .zero)
    }

    @Test func totalsAddUp() throws {
        var a = AgingTotals(bucketCount: 6)
        try a.add(try Self.position([("2025-06-01", 100)]), buckets: .standard)
        var b = AgingTotals(bucketCount: 6)
        try b.add(try Self.position([], paid: 40), buckets: .standard)
        try b.add(try Self.position([("2025-01-01", 300)]), buckets: .standard)
        var sum = a
        try sum.add(b)
        #expect(sum.accounts == 3)
        #expect(sum.buckets.map(\.minor) == [0, 100, 0, 0, 0, 300])
        #expect(sum.unapplied == Money(minor: 40))
        #expect(try sum.balance() == Money(minor: 360))
    }

    @Test func balanceOverflowThrows() {
        var t = AgingTotals(bucketCount: 2)
        t.buckets = [Money(minor: .max), Money(minor: 1)]
        #expect(throws: MoneyError.overflow) { try t.balance() }
        var u = AgingTotals(bucketCount: 2)
        u.unapplied = Money(minor: .min)
        #expect(throws: MoneyError.overflow) { try u.balance() }
    }

    /// Groups in byte order with `(none)` first, empty groups dropped, the
    /// total equal to the sum of every account's balance.
    @Test func reportGroupsInByteOrder() throws {
        let accounts: [(group: String?, position: Position)] = [
            ("b-team", try Self.position([("2025-06-01", 1_000)])),
            (nil, try Self.position([("2025-01-01", 2_000)])),
            ("A-team", try Self.position([], paid: 300)),
            ("a-team", try Self.position([("2025-06-30", 4_000)])),
            ("Z", try Self.position([("2025-05-01", 5_000)], paid: 1_000)),
            ("b-team", try Self.position([("2025-04-15", 600)])),
            ("settled", try Self.position([("2025-04-15", 600)], paid: 600)),
            (nil, try Self.position([("2025-06-29", 70)])),
        ]
        var groups: [String: AgingTotals] = [:]
        for (g, p) in accounts {
            let name = g ?? AgingReport.noGroup
            var t = groups[name] ?? AgingTotals(bucketCount: 6)
            try t.add(p, buckets: .standard)
            groups[name] = t
        }
        let report = try AgingReport(asOf: Self.asOf, grouping: .collector, buckets: .standard, groups: groups)
        #expect(report.rows.map(\.group) == ["(none)", "A-team", "Z", "a-team", "b-team"])
        #expect(report.rows.map(\.totals.accounts) == [2, 1, 1, 1, 2])
        let byGroup = Dictionary(uniqueKeysWithValues: report.rows.map { ($0.group, $0.totals) })
        #expect(byGroup["b-team"]?.buckets.map(\.minor) == [0, 1_000, 0, 600, 0, 0])
        #expect(byGroup["(none)"]?.buckets.map(\.minor) == [0, 70, 0, 0, 0, 2_000])
        #expect(byGroup["A-team"]?.unapplied == Money(minor: 300))
        #expect(report.total.accounts == 7)
        #expect(report.total.buckets.map(\.minor) == [4_000, 1_070, 4_000, 600, 0, 2_000])
        #expect(report.total.unapplied == Money(minor: 300))
        let sum = accounts.reduce(Int64(0)) { $0 + $1.position.balance.minor }
        #expect(try report.total.balance().minor == sum)
        #expect(sum == 11_370)
        #expect(report.asOf == Self.asOf && report.grouping == .collector)
    }

    @Test func noneGroupingIsOneRowNamedAll() throws {
        var t = AgingTotals(bucketCount: 6)
        try t.add(try Self.position([("2025-06-01", 1_000)]), buckets: .standard)
        let report = try AgingReport(asOf: Self.asOf, grouping: .none, buckets: .standard, groups: ["all": t])
        #expect(report.rows.count == 1)
        #expect(report.rows.first?.group == "all")
        #expect(report.rows.first?.totals == t)
        #expect(report.total == t)
    }

    @Test func noneGroupingHasItsRowEvenWhenEmpty() throws {
        let report = try AgingReport(asOf: Self.asOf, grouping: .none, buckets: .standard, groups: [:])
        #expect(report.rows.map(\.group) == ["all"])
        #expect(report.rows.first?.totals == AgingTotals(bucketCount: 6))
        #expect(report.total.accounts == 0)
        #expect(try report.total.balance() == .zero)
        let grouped = try AgingReport(asOf: Self.asOf, grouping: .segment, buckets: .standard, groups: [:])
        #expect(grouped.rows.isEmpty)
        #expect(grouped.total == AgingTotals(bucketCount: 6))
    }

    @Test func reportRefusesATotalThatOverflows() {
        var a = AgingTotals(bucketCount: 6), b = AgingTotals(bucketCount: 6)
        a.accounts = 1; a.buckets[1] = Money(minor: .max)
        b.accounts = 1; b.buckets[2] = Money(minor: 1)
        #expect(throws: MoneyError.overflow) {
            try AgingReport(asOf: Self.asOf, grouping: .collector, buckets: .standard, groups: ["x": a, "y": b])
        }
    }
}
