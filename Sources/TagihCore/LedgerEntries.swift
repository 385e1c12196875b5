/// What the ledger holds for one account, in the shape the allocation needs.
/// Store rows map onto these; ids are the store's row ids (any unique key
/// works for the pure function).

/// An invoice or a `debit` adjustment: something the debtor owes.
public struct Charge: Hashable, Sendable {
    public enum Kind: String, Sendable { case invoice, debit }
    public var id: Int64
    public var kind: Kind
    public var ref: String
    public var issueDate: Day
    public var dueDate: Day
    public var amount: Money

    public init(id: Int64, kind: Kind = .invoice, ref: String, issueDate: Day, dueDate: Day, amount: Money) {
        self.id = id; self.kind = kind; self.ref = ref; self.issueDate = issueDate; self.dueDate = dueDate; self.amount = amount
    }

    /// The order the pool pays charges in (CONTRACT §5 rule 4): due date,
    /// then issue date, then ref in byte order. An invoice and a debit
    /// adjustment may share a ref (they are separate identities); on that
    /// full tie the invoice goes first, so the order never depends on the
    /// order entries were posted in.
    public static func payOrder(_ a: Charge, _ b: Charge) -> Bool {
        if a.dueDate != b.dueDate { return a.dueDate < b.dueDate }
        if a.issueDate != b.issueDate { return a.issueDate < b.issueDate }
        if a.ref != b.ref { return Array(a.ref.utf8).lexicographicallyPrecedes(b.ref.utf8) }
        return a.kind == .invoice && b.kind == .debit
    }
}

/// A payment, a `credit` or a `writeoff` adjustment: something that reduces
/// what the debtor owes.
public struct Credit: Hashable, Sendable {
    public enum Kind: String, Sendable { case payment, credit, writeoff }
    public var id: Int64
    public var kind: Kind
    public var date: Day
    public var amount: Money
    /// The charge named by `invoice_ref`, if any.
    public var targetChargeID: Int64?
    /// The date of the reversal that cancels this payment, if any (the
    /// earliest, for a plan's discount, which may be reversed more than once).
    public var reversedOn: Day?
    /// A `credit` a payment plan posted as its discount (CONTRACT §8): in
    /// the balance like any credit, never one of a plan's payments.
    public var planDiscount: Bool

    public init(id: Int64, kind: Kind = .payment, date: Day, amount: Money, targetChargeID: Int64? = nil, reversedOn: Day? = nil,
                planDiscount: Bool = false) {
        self.id = id; self.kind = kind; self.date = date; self.amount = amount
        self.targetChargeID = targetChargeID; self.reversedOn = reversedOn; self.planDiscount = planDiscount
    }

    /// Whether this credit counts as of `day`: dated on or before it and not
    /// reversed on or before it.
    public func counts(asOf day: Day) -> Bool {
        date <= day && (reversedOn.map { $0 > day } ?? true)
    }
}

/// The `kind` of an adjustments row (CONTRACT §3): what it posts.
public enum AdjustmentKind: String, CaseIterable, Sendable {
    case credit, writeoff, debit, reversal

    /// The ledger entry it makes: a charge (`debit`), a credit (`credit`,
    /// `writeoff`), or neither (a `reversal` cancels a payment).
    public enum Entry: Equatable, Sendable {
        case charge(Charge.Kind)
        case credit(Credit.Kind)
        case reversal
    }

    public var entry: Entry {
        switch self {
        case .credit: return .credit(.credit)
        case .writeoff: return .credit(.writeoff)
        case .debit: return .charge(.debit)
        case .reversal: return .reversal
        }
    }

    /// "credit, writeoff, debit or reversal", as a message lists them.
    public static var listed: String {
        let names = allCases.map(\.rawValue)
        return names.dropLast().joined(separator: ", ") + " or " + names.last!
    }
}
