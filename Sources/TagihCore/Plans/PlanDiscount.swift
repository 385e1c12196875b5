/// A plan's discount as ledger entries (CONTRACT §8, R11): a `credit`
/// dated the day the plan completes, reversed from the day a reversal takes
/// its payments below the total, posted again on a later completion. The
/// ledger is append-only, so when news arrives late (a backdated reversal,
/// a late payments file) the entries already posted are corrected by new
/// ones, never edited: as of every day the discount is in force exactly
/// when the plan is completed as of that day.

/// One discount credit already posted, with the earliest of its reversals.
public struct DiscountEntry: Sendable, Equatable {
    /// The store's id of the credit.
    public var id: Int64
    /// Its sequence: 1 for `PLAN-<id>-DISCOUNT`, k for `…-DISCOUNT-k`.
    public var seq: Int
    public var date: Day
    /// How many reversals it has, and the earliest one's date.
    public var reversals: Int
    public var reversedOn: Day?

    public init(id: Int64, seq: Int, date: Day, reversals: Int = 0, reversedOn: Day? = nil) {
        self.id = id; self.seq = seq; self.date = date; self.reversals = reversals; self.reversedOn = reversedOn
    }

    /// The days it is in force: from its date up to its earliest reversal.
    var interval: DayInterval? {
        if let r = reversedOn, r <= date { return nil }
        return DayInterval(from: date, to: reversedOn)
    }
}

/// What to post so that the discount entries agree with the plan.
public struct DiscountCorrection: Sendable, Equatable {
    /// A reversal of an existing credit (by its id and sequence), dated `on`.
    public struct Reversal: Sendable, Equatable {
        public var creditID: Int64
        public var seq: Int
        /// 1 for the credit's first reversal, 2 for a second, …
        public var nth: Int
        public var on: Day
    }
    /// A new discount credit: sequence, date, and the day it ends (its
    /// reversal, posted with it), if known now.
    public struct Credit: Sendable, Equatable {
        public var seq: Int
        public var on: Day
        public var until: Day?
    }
    public var reversals: [Reversal] = []
    public var credits: [Credit] = []
    public var isEmpty: Bool { reversals.isEmpty && credits.isEmpty }
}

extension Plans {
    /// The entries that make `existing` in force exactly on `wanted` (the
    /// plan's completed days). An existing credit is kept for the wanted
    /// days it starts in (cut short by a reversal where they end), and
    /// reversed on its own date (so it never counts) where it starts outside
    /// them or overlaps a credit kept before it; wanted days no kept credit
    /// covers get new credits. Reversals are dated on or after their
    /// credit; the earliest reversal of a credit is the one that counts, so
    /// a credit reversed too late can still be cut shorter.
    public static func discountCorrection(existing: [DiscountEntry], wanted: [DayInterval]) -> DiscountCorrection {
        var fix = DiscountCorrection()
        var covered: [DayInterval] = []
        var coveredUntil: Day?  // end of the last kept credit's days; nil: none kept yet, or open-ended
        var openEnded = false
        for e in existing.sorted(by: { ($0.date, $0.seq) < ($1.date, $1.seq) }) {
            guard let have = e.interval else { continue }
            let inside = wanted.first { $0.contains(have.from) }
            let overlaps = openEnded || (coveredUntil.map { have.from < $0 } ?? false)
            guard let w = inside, !overlaps else {
                fix.reversals.append(.init(creditID: e.id, seq: e.seq, nth: e.reversals + 1, on: e.date))
                continue
            }
            // Kept: it must end no later than the wanted days it starts in.
            var end = have.to
            if let wEnd = w.to, end.map({ $0 > wEnd }) ?? true {
                fix.reversals.append(.init(creditID: e.id, seq: e.seq, nth: e.reversals + 1, on: wEnd))
                end = wEnd
            }
            covered.append(DayInterval(from: have.from, to: end))
            if let end { coveredUntil = end } else { openEnded = true }
        }
        var seq = (existing.map(\.seq).max() ?? 0)
        for w in wanted {
            for gap in uncovered(w, by: covered) {
                seq += 1
                fix.credits.append(.init(seq: seq, on: gap.from, until: gap.to))
            }
        }
        return fix
    }

    /// The parts of `w` that none of `covered` (disjoint intervals) holds.
    static func uncovered(_ w: DayInterval, by covered: [DayInterval]) -> [DayInterval] {
        var out: [DayInterval] = []
        var cursor: Day? = w.from  // nil: nothing of w left
        for c in covered.sorted(by: { $0.from < $1.from }) {
            guard let at = cursor else { break }
            if let cEnd = c.to, cEnd <= at { continue }
            if let wEnd = w.to, c.from >= wEnd { break }
            if c.from > at { out.append(DayInterval(from: at, to: c.from)) }
            cursor = c.to
        }
        if let at = cursor, w.to.map({ at < $0 }) ?? true { out.append(DayInterval(from: at, to: w.to)) }
        return out
    }

    /// Days on which `entries` put the discount in force more than once, or
    /// where they disagree with `wanted`: empty when the ledger is right.
    public static func discountMismatch(existing: [DiscountEntry], wanted: [DayInterval]) -> [Day] {
        var days = Set<Day>()
        for e in existing { days.insert(e.date); if let r = e.reversedOn { days.insert(r) } }
        for w in wanted { days.insert(w.from); if let t = w.to { days.insert(t) } }
        return days.sorted().filter { d in
            let inForce = existing.filter { $0.interval?.contains(d) ?? false }.count
            return inForce != (wanted.contains { $0.contains(d) } ? 1 : 0)
        }
    }
}
