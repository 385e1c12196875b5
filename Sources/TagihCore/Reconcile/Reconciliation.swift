/// Reconciliation (CONTRACT §11): the payments Tagih posted for one channel
/// in a period against the channel's settlement statement, the money it
/// actually received. Pure: the store reads both sides, this matches them.
public enum Reconciliation {
    /// A payment in the ledger.
    public struct Posted: Sendable, Equatable {
        public var ref: String
        public var accountNo: String
        public var date: Day
        public var amount: Money
        public init(ref: String, accountNo: String, date: Day, amount: Money) {
            self.ref = ref; self.accountNo = accountNo; self.date = date; self.amount = amount
        }
    }

    /// A line of the settlement statement: `amount` is the payment as the
    /// channel settled it, `fee` what the channel kept of it.
    public struct Settled: Sendable, Equatable {
        public var ref: String
        public var date: Day
        public var amount: Money
        public var fee: Money
        public init(ref: String, date: Day, amount: Money, fee: Money) {
            self.ref = ref; self.date = date; self.amount = amount; self.fee = fee
        }
    }

    public enum Status: String, Sendable, Equatable, CaseIterable {
        case matched, postedNotSettled = "posted_not_settled", settledNotPosted = "settled_not_posted", amountDiffers = "amount_differs"
    }

    /// One ref's outcome, with both sides where they exist.
    public struct Row: Sendable, Equatable {
        public var ref: String
        public var status: Status
        public var posted: Posted?
        public var settled: Settled?
    }

    public struct Totals: Sendable, Equatable {
        /// Every posted payment of the period, and every statement line.
        public var posted: Money
        public var settled: Money
        public var fees: Money
        /// posted − settled: money the ledger counts that the channel has not paid over.
        public var difference: Money
        public var counts: [Status: Int]
    }

    public struct Result: Sendable, Equatable {
        public var rows: [Row]
        public var totals: Totals
    }

    public enum Problem: Error, Equatable {
        /// A total beyond the 64-bit range (R9).
        case overflow
        /// The statement names the same ref twice.
        case repeatedRef(String)
    }

    /// Matches by ref: a ref on both sides with the same amount is
    /// `matched`, with another amount `amountDiffers`; a ref on one side only
    /// is `postedNotSettled` or `settledNotPosted`. Rows in ref order (by
    /// bytes: the same on every machine).
    public static func match(posted: [Posted], settled: [Settled]) throws(Problem) -> Result {
        var byRef: [String: Settled] = [:]
        for s in settled {
            guard byRef.updateValue(s, forKey: s.ref) == nil else { throw .repeatedRef(s.ref) }
        }
        var rows: [Row] = []
        var seen: Set<String> = []
        for p in posted {
            seen.insert(p.ref)
            if let s = byRef[p.ref] {
                rows.append(Row(ref: p.ref, status: s.amount == p.amount ? .matched : .amountDiffers, posted: p, settled: s))
            } else {
                rows.append(Row(ref: p.ref, status: .postedNotSettled, posted: p, settled: nil))
            }
        }
        for s in settled where !seen.contains(s.ref) {
            rows.append(Row(ref: s.ref, status: .settledNotPosted, posted: nil, settled: s))
        }
        rows.sort { Array($0.ref.utf8).lexicographicallyPrecedes($1.ref.utf8) }

        func sum(_ xs: [Money]) throws(Problem) -> Money {
            var total: Int64 = 0
            for x in xs {
                let (t, o) = total.addingReportingOverflow(x.minor)
                if o { throw .overflow }
                total = t
            }
            return Money(minor: total)
        }
        let p = try sum(posted.map(\.amount)), s = try sum(settled.map(\.amount))
        let (d, o) = p.minor.subtractingReportingOverflow(s.minor)
        if o { throw .overflow }
        var counts: [Status: Int] = [:]
        for r in rows { counts[r.status, default: 0] += 1 }
        return Result(rows: rows, totals: Totals(posted: p, settled: s, fees: try sum(settled.map(\.fee)), difference: Money(minor: d), counts: counts))
    }
}
