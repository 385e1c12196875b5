/// The statement of account for a billing question (issue 17): every
/// charge, payment, adjustment and reversal dated in a period with the
/// running balance, and the position at both ends. Pure: the store hands it
/// the account's entries.

/// One ledger entry as a statement line shows it.
public struct StatementEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case charge, debit, payment, credit, writeoff, reversal
        /// Charges first within a day, then what pays them, then reversals.
        var order: Int {
            switch self {
            case .charge, .debit: 0
            case .payment, .credit, .writeoff: 1
            case .reversal: 2
            }
        }
    }
    public var kind: Kind
    /// The entry's own date (a charge's issue date).
    public var date: Day
    /// The day it moves the balance: its date, except for a reversal dated
    /// before the payment it reverses (the payment never counted: it moves
    /// the balance on the payment's date). Lines are ordered and put in the
    /// period by this day.
    public var effective: Day
    public var ref: String
    /// A charge's description, an adjustment's or reversal's reason (as imported).
    public var text: String?
    /// A charge's due date.
    public var dueDate: Day?
    /// A payment's channel.
    public var channel: String?
    /// A reversal's payment ref.
    public var reverses: String?
    /// Signed: what it adds to the balance (a charge positive, a payment negative).
    public var amount: Money
    /// The store's row id within its kind, for a stable order on ties.
    public var id: Int64

    public init(kind: Kind, date: Day, effective: Day? = nil, ref: String, text: String? = nil, dueDate: Day? = nil, channel: String? = nil,
                reverses: String? = nil, amount: Money, id: Int64) {
        self.kind = kind; self.date = date; self.effective = effective ?? date; self.ref = ref; self.text = text
        self.dueDate = dueDate; self.channel = channel; self.reverses = reverses; self.amount = amount; self.id = id
    }
}

/// A line with the balance after it.
public struct StatementLine: Sendable, Equatable {
    public var entry: StatementEntry
    public var balance: Money
}

/// The position at one end of the period (CONTRACT §5).
public struct StatementEnd: Sendable, Equatable {
    public var asOf: Day
    public var balance: Money
    public var pastDue: Money
    public init(asOf: Day, balance: Money, pastDue: Money) { self.asOf = asOf; self.balance = balance; self.pastDue = pastDue }
}

public struct AccountStatement: Sendable, Equatable {
    public var from: Day
    public var to: Day
    /// As of the day before `from`: what the period starts with.
    public var opening: StatementEnd
    public var lines: [StatementLine]
    /// As of `to`: `tagih account --as-of TO` gives the same figures.
    public var closing: StatementEnd
    /// What the period's charges added and its credits took off (reversals count with the charges: they raise the balance).
    public var raised: Money
    public var lowered: Money

    /// The statement from `from` to `to` (inclusive) of an account with
    /// `charges` and `credits` (for the positions) and `entries` (the lines).
    /// The running balance is the opening balance plus each line: it ends on
    /// the closing balance, or the entries do not match the ledger and the
    /// statement is refused rather than printed wrong.
    public static func build(charges: [Charge], credits: [Credit], entries: [StatementEntry], from: Day, to: Day)
        throws(StatementError) -> AccountStatement {
        func position(_ day: Day) throws(StatementError) -> StatementEnd {
            do {
                let p = try Ledger.position(charges: charges, credits: credits, asOf: day)
                return StatementEnd(asOf: day, balance: p.balance, pastDue: p.pastDue)
            } catch { throw .overflow }
        }
        let opening = try position(from.adding(days: -1))
        let closing = try position(to)
        let inPeriod = entries.filter { $0.effective >= from && $0.effective <= to }.sorted { a, b in
            if a.effective != b.effective { return a.effective < b.effective }
            if a.kind.order != b.kind.order { return a.kind.order < b.kind.order }
            if a.ref != b.ref { return Array(a.ref.utf8).lexicographicallyPrecedes(b.ref.utf8) }
            return a.id < b.id
        }
        var running = opening.balance.minor
        var raised: Int64 = 0, lowered: Int64 = 0
        var lines: [StatementLine] = []
        lines.reserveCapacity(inPeriod.count)
        for e in inPeriod {
            let (r, o) = running.addingReportingOverflow(e.amount.minor)
            if o { throw .overflow }
            running = r
            if e.amount.minor >= 0 {
                let (s, o2) = raised.addingReportingOverflow(e.amount.minor); if o2 { throw .overflow }; raised = s
            } else {
                let (s, o2) = lowered.addingReportingOverflow(-e.amount.minor); if o2 { throw .overflow }; lowered = s
            }
            lines.append(StatementLine(entry: e, balance: Money(minor: running)))
        }
        guard running == closing.balance.minor else { throw .doesNotAddUp(expected: closing.balance, got: Money(minor: running)) }
        return AccountStatement(from: from, to: to, opening: opening, lines: lines, closing: closing,
                                raised: Money(minor: raised), lowered: Money(minor: lowered))
    }
}

public enum StatementError: Error, Sendable, Equatable {
    /// A total beyond the 64-bit range (never for what Tagih accepted, CONTRACT §1).
    case overflow
    /// The lines do not lead from the opening to the closing balance.
    case doesNotAddUp(expected: Money, got: Money)
}
