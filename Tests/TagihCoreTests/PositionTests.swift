import Testing
@testable import TagihCore

// Small helpers for inline ledgers.
func day(_ s: String) -> Day {
    guard let d = Day(iso: s) else { fatalError("test fixture date \(s) does not parse") }
    return d
}

func charge(_ id: Int64, _ ref: String, issued: String, due: String, _ amount: Int64) -> Charge {
    Charge(id: id, ref: ref, issueDate: day(issued), dueDate: day(due), amount: Money(minor: amount))
}

func credit(_ id: Int64, _ kind: Credit.Kind = .payment, on date: String, _ amount: Int64,
            target: Int64? = nil, reversedOn: String? = nil) -> Credit {
    Credit(id: id, kind: kind, date: day(date), amount: Money(minor: amount), targetChargeID: target,
           reversedOn: reversedOn.map(day))
}

/// One inline ledger, a day, and everything its position must show.
struct PositionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var charges: [Charge]
    var credits: [Credit]
    var asOf: String
    /// Open amount of every charge issued by `asOf` (zero when paid).
    var open: [String: Int64]
    /// Refs of the open charges, in pay order (when the order matters).
    var openOrder: [String]? = nil
    var unapplied: Int64 = 0
    var balance: Int64
    var pastDue: Int64
    var oldest: Int
    var testDescription: String { name }
}

@Suite struct PositionTests {
    static let jan = charge(1, "INV-1", issued: "2025-01-01", due: "2025-01-31", 100_000)
    static let feb = charge(2, "INV-2", issued: "2025-02-01", due: "2025-02-28", 200_000)
    static let mar = charge(3, "INV-3", issued: "2025-03-01", due: "2025-03-31", 100_000)

    static let cases: [PositionCase] = [
        PositionCase(name: "nothing at all", charges: [], credits: [], asOf: "2025-06-30",
                     open: [:], balance: 0, pastDue: 0, oldest: 0),
        PositionCase(name: "unpaid charge not yet due", charges: [jan], credits: [], asOf: "2025-01-31",
                     open: ["INV-1": 100_000], balance: 100_000, pastDue: 0, oldest: 0),
        PositionCase(name: "payment without target pays the oldest due first",
                     charges: [feb, jan], credits: [credit(10, on: "2025-03-01", 150_000)], asOf: "2025-03-10",
                     open: ["INV-1": 0, "INV-2": 150_000], openOrder: ["INV-2"],
                     balance: 150_000, pastDue: 150_000, oldest: 10),
        PositionCase(name: "targeted credit pays its charge, the excess joins the pool",
                     charges: [jan, feb], credits: [credit(10, on: "2025-03-01", 250_000, target: 2)], asOf: "2025-03-10",
                     open: ["INV-1": 50_000, "INV-2": 0], balance: 50_000, pastDue: 50_000, oldest: 38),
        PositionCase(name: "targeted credit smaller than its charge leaves the older charge open",
                     charges: [jan, feb], credits: [credit(10, on: "2025-03-01", 150_000, target: 2)], asOf: "2025-03-10",
                     open: ["INV-1": 100_000, "INV-2": 50_000], openOrder: ["INV-1", "INV-2"],
                     balance: 150_000, pastDue: 150_000, oldest: 38),
        PositionCase(name: "targeted credit larger than everything leaves unapplied credit",
                     charges: [jan, feb], credits: [credit(10, on: "2025-03-01", 400_000, target: 2)], asOf: "2025-03-10",
                     open: ["INV-1": 0, "INV-2": 0], unapplied: 100_000, balance: -100_000, pastDue: 0, oldest: 0),
        PositionCase(name: "two credits aimed at one charge: the second one's excess joins the pool",
                     charges: [jan, feb, mar],
                     credits: [credit(10, on: "2025-03-01", 150_000, target: 2), credit(11, .credit, on: "2025-03-02", 100_000, target: 2)],
                     asOf: "2025-04-05",
                     open: ["INV-1": 50_000, "INV-2": 0, "INV-3": 100_000], openOrder: ["INV-1", "INV-3"],
                     balance: 150_000, pastDue: 150_000, oldest: 64),
        PositionCase(name: "pool pays by due date before issue date",
                     charges: [charge(1, "LATE-ISSUE", issued: "2025-02-10", due: "2025-02-20", 100),
                               charge(2, "EARLY-ISSUE", issued: "2025-01-01", due: "2025-03-01", 100)],
                     credits: [credit(10, on: "2025-03-01", 150)], asOf: "2025-03-01",
                     open: ["LATE-ISSUE": 0, "EARLY-ISSUE": 50], balance: 50, pastDue: 0, oldest: 0),
        PositionCase(name: "same due date: pool pays the earlier issue date first",
                     charges: [charge(1, "A", issued: "2025-01-20", due: "2025-02-28", 100),
                               charge(2, "Z", issued: "2025-01-10", due: "2025-02-28", 100)],
                     credits: [credit(10, on: "2025-03-01", 150)], asOf: "2025-03-02",
                     open: ["A": 50, "Z": 0], balance: 50, pastDue: 50, oldest: 2),
        PositionCase(name: "same due and issue dates: pool pays refs in byte order",
                     charges: [charge(1, "Z-1", issued: "2025-01-01", due: "2025-01-31", 100),
                               charge(2, "a-1", issued: "2025-01-01", due: "2025-01-31", 100),
                               charge(3, "B-2", issued: "2025-01-01", due: "2025-01-31", 100),
                               charge(4, "A-9", issued: "2025-01-01", due: "2025-01-31", 100),
                               charge(5, "A-10", issued: "2025-01-01", due: "2025-01-31", 100)],
                     credits: [credit(10, on: "2025-02-01", 250)], asOf: "2025-02-01",
                     open: ["A-10": 0, "A-9": 0, "B-2": 50, "Z-1": 100, "a-1": 100], openOrder: ["B-2", "Z-1", "a-1"],
                     balance: 250, pastDue: 250, oldest: 1),
        PositionCase(name: "payment before any charge is unapplied",
                     charges: [charge(1, "INV-1", issued: "2025-02-01", due: "2025-03-01", 80_000)],
                     credits: [credit(10, on: "2025-01-05", 100_000)], asOf: "2025-01-31",
                     open: [:], unapplied: 100_000, balance: -100_000, pastDue: 0, oldest: 0),
        PositionCase(name: "a later charge absorbs the earlier unapplied payment",
                     charges: [charge(1, "INV-1", issued: "2025-02-01", due: "2025-03-01", 80_000)],
                     credits: [credit(10, on: "2025-01-05", 100_000)], asOf: "2025-02-15",
                     open: ["INV-1": 0], unapplied: 20_000, balance: -20_000, pastDue: 0, oldest: 0),
        PositionCase(name: "a later charge larger than the unapplied payment stays partly open",
                     charges: [charge(1, "INV-1", issued: "2025-02-01", due: "2025-03-01", 180_000)],
                     credits: [credit(10, on: "2025-01-05", 100_000)], asOf: "2025-03-03",
                     open: ["INV-1": 80_000], balance: 80_000, pastDue: 80_000, oldest: 2),
        PositionCase(name: "a charge issued after the day is ignored",
                     charges: [jan, mar], credits: [], asOf: "2025-02-15",
                     open: ["INV-1": 100_000], balance: 100_000, pastDue: 100_000, oldest: 15),
        PositionCase(name: "a charge issued on the day counts",
                     charges: [jan, mar], credits: [], asOf: "2025-03-01",
                     open: ["INV-1": 100_000, "INV-3": 100_000], balance: 200_000, pastDue: 100_000, oldest: 29),
        PositionCase(name: "a credit dated after the day is ignored",
                     charges: [jan], credits: [credit(10, on: "2025-02-20", 100_000)], asOf: "2025-02-19",
                     open: ["INV-1": 100_000], balance: 100_000, pastDue: 100_000, oldest: 19),
        PositionCase(name: "a credit dated on the day counts",
                     charges: [jan], credits: [credit(10, on: "2025-02-20", 100_000)], asOf: "2025-02-20",
                     open: ["INV-1": 0], balance: 0, pastDue: 0, oldest: 0),
        PositionCase(name: "reversal dated after the day: the payment still counts",
                     charges: [jan], credits: [credit(10, on: "2025-02-01", 100_000, reversedOn: "2025-03-01")], asOf: "2025-02-28",
                     open: ["INV-1": 0], balance: 0, pastDue: 0, oldest: 0),
        PositionCase(name: "reversal dated on the day: the payment no longer counts",
                     charges: [jan], credits: [credit(10, on: "2025-02-01", 100_000, reversedOn: "2025-03-01")], asOf: "2025-03-01",
                     open: ["INV-1": 100_000], balance: 100_000, pastDue: 100_000, oldest: 29),
        PositionCase(name: "reversal dated before the day: the payment no longer counts",
                     charges: [jan], credits: [credit(10, on: "2025-02-01", 100_000, reversedOn: "2025-03-01")], asOf: "2025-03-15",
                     open: ["INV-1": 100_000], balance: 100_000, pastDue: 100_000, oldest: 43),
        PositionCase(name: "reversed overpayment no longer leaves unapplied credit",
                     charges: [jan],
                     credits: [credit(10, on: "2025-02-01", 100_000), credit(11, on: "2025-02-02", 50_000, reversedOn: "2025-02-10")],
                     asOf: "2025-02-10", open: ["INV-1": 0], balance: 0, pastDue: 0, oldest: 0),
        PositionCase(name: "targeted credit whose target is not issued yet joins the pool",
                     charges: [jan, mar], credits: [credit(10, .credit, on: "2025-02-10", 60_000, target: 3)], asOf: "2025-02-15",
                     open: ["INV-1": 40_000], balance: 40_000, pastDue: 40_000, oldest: 15),
        PositionCase(name: "once its target is issued the credit goes to it",
                     charges: [jan, mar], credits: [credit(10, .credit, on: "2025-02-10", 60_000, target: 3)], asOf: "2025-03-05",
                     open: ["INV-1": 100_000, "INV-3": 40_000], openOrder: ["INV-1", "INV-3"],
                     balance: 140_000, pastDue: 100_000, oldest: 33),
        PositionCase(name: "before the write-off the rest is 120 days past due",
                     charges: [jan],
                     credits: [credit(10, on: "2025-02-01", 30_000), credit(11, .writeoff, on: "2025-06-01", 70_000)],
                     asOf: "2025-05-31", open: ["INV-1": 70_000], balance: 70_000, pastDue: 70_000, oldest: 120),
        PositionCase(name: "a write-off clears the account",
                     charges: [jan],
                     credits: [credit(10, on: "2025-02-01", 30_000), credit(11, .writeoff, on: "2025-06-01", 70_000)],
                     asOf: "2025-06-30", open: ["INV-1": 0], balance: 0, pastDue: 0, oldest: 0),
        PositionCase(name: "a debit adjustment is a charge the pool pays in due order",
                     charges: [jan, charge(7, "DEB-1", issued: "2025-02-01", due: "2025-02-15", 5_000)],
                     credits: [credit(10, on: "2025-02-10", 100_000)], asOf: "2025-02-20",
                     open: ["INV-1": 0, "DEB-1": 5_000], balance: 5_000, pastDue: 5_000, oldest: 5),
        PositionCase(name: "a debit due before the invoice is paid first",
                     charges: [jan, charge(7, "DEB-1", issued: "2025-01-02", due: "2025-01-10", 5_000)],
                     credits: [credit(10, on: "2025-02-10", 100_000)], asOf: "2025-02-20",
                     open: ["INV-1": 5_000, "DEB-1": 0], balance: 5_000, pastDue: 5_000, oldest: 20),
        PositionCase(name: "leap day: due 2024-02-29, one day past due on 2024-03-01",
                     charges: [charge(1, "L", issued: "2024-02-01", due: "2024-02-29", 700)], credits: [], asOf: "2024-03-01",
                     open: ["L": 700], balance: 700, pastDue: 700, oldest: 1),
        PositionCase(name: "year end: due 2025-12-31, one day past due on 2026-01-01",
                     charges: [charge(1, "Y", issued: "2025-12-01", due: "2025-12-31", 900)], credits: [], asOf: "2026-01-01",
                     open: ["Y": 900], balance: 900, pastDue: 900, oldest: 1),
        PositionCase(name: "due in the future is current and not past due",
                     charges: [charge(9, "F", issued: "2025-01-01", due: "2025-12-31", 900), jan], credits: [], asOf: "2025-02-01",
                     open: ["F": 900, "INV-1": 100_000], openOrder: ["INV-1", "F"], balance: 100_900, pastDue: 100_000, oldest: 1),
    ]

    @Test(arguments: cases)
    func position(_ c: PositionCase) throws {
        let p = try Ledger.position(charges: c.charges, credits: c.credits, asOf: day(c.asOf))
        let refByID = Dictionary(uniqueKeysWithValues: c.charges.map { ($0.id, $0.ref) })
        var open: [String: Int64] = [:]
        for a in p.allocation { open[refByID[a.chargeID]!] = a.open.minor }
        #expect(open == c.open)
        #expect(p.openCharges.allSatisfy { $0.open.isPositive })
        #expect(Dictionary(uniqueKeysWithValues: p.openCharges.map { ($0.charge.ref, $0.open.minor) }) == c.open.filter { $0.value > 0 })
        if let order = c.openOrder { #expect(p.openCharges.map(\.charge.ref) == order) }
        #expect(p.unapplied == Money(minor: c.unapplied))
        #expect(p.balance == Money(minor: c.balance))
        #expect(p.openTotal == Money(minor: c.open.values.reduce(0, +)))
        #expect(p.pastDue == Money(minor: c.pastDue))
        #expect(p.oldestDaysPastDue == c.oldest)
        #expect(p.isActive == (c.open.values.contains { $0 > 0 } || c.unapplied > 0))
        #expect(p.asOf == day(c.asOf))
        for oc in p.openCharges {
            #expect(oc.daysPastDue == Day.days(from: oc.charge.dueDate, to: day(c.asOf)))
        }
    }

    @Test func allocationListsEveryIssuedChargeInPayOrder() throws {
        let charges = [Self.mar, Self.jan, Self.feb]
        let p = try Ledger.position(charges: charges, credits: [credit(10, on: "2025-03-02", 300_000)], asOf: day("2025-03-02"))
        #expect(p.allocation.map(\.chargeID) == [1, 2, 3])
        #expect(p.allocation.map(\.open.minor) == [0, 0, 100_000])
        #expect(p.isActive)
    }

    // MARK: buckets

    @Test(arguments: [(0, "current"), (-5, "current"), (1, "1-30"), (30, "1-30"), (31, "31-60"), (60, "31-60"),
                      (61, "61-90"), (90, "61-90"), (91, "91-120"), (120, "91-120"), (121, "121+"), (400, "121+")])
    func bucketOfTheOldestOpenCharge(_ daysPastDue: Int, _ label: String) throws {
        let asOf = day("2025-06-30")
        let due = asOf.adding(days: -daysPastDue)
        let c = Charge(id: 1, ref: "INV", issueDate: min(due, asOf).adding(days: -30), dueDate: due, amount: Money(minor: 12_345))
        let p = try Ledger.position(charges: [c], credits: [], asOf: asOf)
        #expect(p.openCharges.count == 1)
        #expect(p.openCharges.first?.daysPastDue == daysPastDue)
        #expect(p.oldestDaysPastDue == max(daysPastDue, 0))
        #expect(p.pastDue == Money(minor: daysPastDue >= 1 ? 12_345 : 0))
        #expect(Buckets.standard.labels[p.bucket(.standard)] == label)
    }

    @Test func oldestIsTheMaximumOverOpenCharges() throws {
        let asOf = day("2025-06-30")
        let charges = [charge(1, "A", issued: "2025-01-01", due: "2025-05-31", 100),   // 30 days
                       charge(2, "B", issued: "2025-01-01", due: "2025-02-28", 100),   // 122 days, paid
                       charge(3, "C", issued: "2025-01-01", due: "2025-03-31", 100),   // 91 days, half paid
                       charge(4, "D", issued: "2025-01-01", due: "2025-07-31", 100)]   // current
        let p = try Ledger.position(charges: charges, credits: [credit(10, on: "2025-06-01", 150)], asOf: asOf)
        #expect(p.openCharges.map(\.charge.ref) == ["C", "A", "D"])
        #expect(p.openCharges.map(\.daysPastDue) == [91, 30, -31])
        #expect(p.oldestDaysPastDue == 91)
        #expect(p.pastDue == Money(minor: 150))
        #expect(Buckets.standard.labels[p.bucket(.standard)] == "91-120")
    }

    // MARK: import order never matters

    @Test func entryOrderDoesNotChangeThePosition() throws {
        let charges = [
            charge(1, "INV-1", issued: "2025-01-01", due: "2025-01-31", 100_000),
            charge(2, "INV-2", issued: "2025-02-01", due: "2025-02-28", 250_000),
            charge(3, "INV-3", issued: "2025-03-01", due: "2025-03-31", 80_000),
            charge(4, "DEB-1", issued: "2025-02-10", due: "2025-02-28", 5_000),
            charge(5, "INV-0", issued: "2025-02-01", due: "2025-02-28", 40_000),
            charge(6, "INV-4", issued: "2025-04-01", due: "2025-04-30", 120_000),
        ]
        let credits = [
            credit(10, on: "2025-01-15", 30_000),
            credit(11, on: "2025-02-05", 300_000, target: 2),
            credit(12, on: "2025-03-03", 70_000, reversedOn: "2025-03-20"),
            credit(13, .credit, on: "2025-03-05", 20_000, target: 3),
            credit(14, on: "2025-03-10", 45_000, target: 6),
            credit(15, .writeoff, on: "2025-04-15", 10_000),
            credit(16, on: "2025-01-02", 1_000),
        ]
        var rng = SplitMix64(seed: 42)
        for asOf in ["2025-01-20", "2025-02-28", "2025-03-15", "2025-03-20", "2025-04-30", "2025-12-31"].map(day) {
            let reference = try Ledger.position(charges: charges, credits: credits, asOf: asOf)
            for _ in 0..<40 {
                let p = try Ledger.position(charges: charges.shuffled(using: &rng), credits: credits.shuffled(using: &rng), asOf: asOf)
                #expect(p.allocation.map(\.chargeID) == reference.allocation.map(\.chargeID))
                #expect(p.allocation.map(\.open) == reference.allocation.map(\.open))
                #expect(p.openCharges == reference.openCharges)
                #expect(p.unapplied == reference.unapplied)
                #expect(p.balance == reference.balance)
                #expect(p.pastDue == reference.pastDue)
                #expect(p.oldestDaysPastDue == reference.oldestDaysPastDue)
            }
        }
        // And the reference itself is what the rules give, as of 2025-03-15:
        // credits 16 (1 000) + 10 (30 000) + 12 (70 000, not reversed yet) to the pool;
        // 11 pays INV-2 (250 000) with 50 000 excess to the pool; 13 pays 20 000 of INV-3;
        // 14 names INV-4, not issued yet, so its 45 000 joins the pool. Pool 196 000 pays
        // INV-1 100 000, then (due 02-28) INV-0 40 000 (issued 02-01, ref "INV-0" < "INV-2"),
        // INV-2 already 0, DEB-1 5 000 (issued 02-10), then INV-3 51 000 of its 60 000.
        let p = try Ledger.position(charges: charges, credits: credits, asOf: day("2025-03-15"))
        #expect(p.allocation.map(\.chargeID) == [1, 5, 2, 4, 3])
        #expect(p.allocation.map(\.open.minor) == [0, 0, 0, 0, 9_000])
        #expect(p.unapplied == .zero)
        #expect(p.balance == Money(minor: 9_000))
        #expect(p.pastDue == .zero)
    }

    // MARK: overflow

    @Test func overflowingPoolThrows() {
        let credits = [credit(1, on: "2025-01-01", .max), credit(2, on: "2025-01-02", 1)]
        #expect(throws: MoneyError.overflow) {
            try Ledger.position(charges: [], credits: credits, asOf: day("2025-02-01"))
        }
    }

    @Test func overflowingOpenTotalThrows() {
        let charges = [charge(1, "A", issued: "2025-01-01", due: "2025-01-31", .max),
                       charge(2, "B", issued: "2025-01-01", due: "2025-01-31", .max)]
        #expect(throws: MoneyError.overflow) {
            try Ledger.position(charges: charges, credits: [], asOf: day("2025-02-01"))
        }
    }

    @Test func largeButRepresentableAmountsDoNotThrow() throws {
        let charges = [charge(1, "A", issued: "2025-01-01", due: "2025-01-31", .max)]
        let credits = [credit(1, on: "2025-01-01", .max - 1), credit(2, on: "2025-01-02", 1)]
        let p = try Ledger.position(charges: charges, credits: credits, asOf: day("2025-02-01"))
        #expect(p.balance == .zero)
        #expect(!p.isActive)
    }
}


/// The adjustments file's kinds (CONTRACT §3) and the entries they make.
@Suite struct AdjustmentKindTests {
    @Test func eachKindMakesItsEntry() {
        #expect(AdjustmentKind(rawValue: "credit")?.entry == .credit(.credit))
        #expect(AdjustmentKind(rawValue: "writeoff")?.entry == .credit(.writeoff))
        #expect(AdjustmentKind(rawValue: "debit")?.entry == .charge(.debit))
        #expect(AdjustmentKind(rawValue: "reversal")?.entry == .reversal)
        #expect(AdjustmentKind(rawValue: "payment") == nil && AdjustmentKind(rawValue: "Credit") == nil)
        #expect(AdjustmentKind.listed == "credit, writeoff, debit or reversal")
    }
}
