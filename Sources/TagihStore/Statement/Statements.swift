import GRDB
import TagihCore

/// A statement of account with the account it is of.
public struct AccountStatementReport: Sendable {
    public var accountNo: String
    public var name: String
    public var statement: AccountStatement
}

/// `tagih statement` (issue 17): one account's entries in a period with the
/// running balance, from the same entries `tagih account` reads, so the two
/// agree on both ends to the sen.
public struct Statements: Sendable {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    /// The statement from `from` (nil: the account's first entry) to `to`.
    public func statement(_ accountNo: String, from: Day?, to: Day) throws -> AccountStatementReport {
        try database.read { db in
            guard let row = try db.row("SELECT id, name FROM accounts WHERE account_no = ?", [.text(accountNo)]) else {
                throw StoreError(RecordProblem.unknownAccount(accountNo))
            }
            let id = row.int("id") ?? 0
            let ledger = try LedgerScan.entries(db, accountID: id)
            let entries = try Self.entries(db, accountID: id)
            let start = from ?? min(entries.map(\.effective).min() ?? to, to)
            let result = Result { () throws(StatementError) in
                try AccountStatement.build(charges: ledger.charges, credits: ledger.credits, entries: entries, from: start, to: to)
            }
            switch result {
            case .success(let s): return AccountStatementReport(accountNo: accountNo, name: row.string("name"), statement: s)
            case .failure(.overflow): throw StoreError(StatementProblem.overflow(accountNo: accountNo))
            case .failure(.doesNotAddUp(let expected, let got)):
                throw StoreError(StatementProblem.unbalanced(accountNo: accountNo, entries: got.minor, balance: expected.minor))
            }
        }
    }

    /// Every entry of the account as a statement line. A payment reversed
    /// more than once (a plan's discount, CONTRACT R11) moves the balance
    /// back once, on the earliest reversal: only that one is a line.
    static func entries(_ db: any LedgerSQL, accountID: Int64) throws -> [StatementEntry] {
        var out: [StatementEntry] = []
        func day(_ r: SQLRow, _ c: String) -> Day { Day(ordinal: Int32(r.int(c) ?? 0)) }
        for r in try db.rows("""
            SELECT id, source, ref, issue_date, due_date, amount, description FROM charges WHERE account_id = ? ORDER BY id
            """, [.int(accountID)]) {
            out.append(StatementEntry(kind: r.string("source") == "debit" ? .debit : .charge, date: day(r, "issue_date"), ref: r.string("ref"),
                                      text: r.text("description"), dueDate: day(r, "due_date"),
                                      amount: Money(minor: r.int("amount") ?? 0), id: r.int("id") ?? 0))
        }
        var paidOn: [Int64: (day: Day, amount: Int64, ref: String)] = [:]
        for r in try db.rows("""
            SELECT id, source, channel, ref, date, amount, note FROM credits WHERE account_id = ? ORDER BY id
            """, [.int(accountID)]) {
            let kind = StatementEntry.Kind(rawValue: r.string("source")) ?? .payment
            let on = day(r, "date")
            let channel = r.string("channel")
            let amount = r.int("amount") ?? 0
            paidOn[r.int("id") ?? 0] = (on, amount, r.string("ref"))
            out.append(StatementEntry(kind: kind, date: on, ref: r.string("ref"), text: r.text("note"), channel: channel.isEmpty ? nil : channel,
                                      amount: Money(minor: -amount), id: r.int("id") ?? 0))
        }
        var reversed: Set<Int64> = []
        for r in try db.rows("""
            SELECT id, ref, date, credit_id, reason FROM reversals WHERE account_id = ? ORDER BY date, id
            """, [.int(accountID)]) {
            let credit = r.int("credit_id") ?? 0
            guard let paid = paidOn[credit], reversed.insert(credit).inserted else { continue }
            let on = day(r, "date")
            out.append(StatementEntry(kind: .reversal, date: on, effective: max(on, paid.day), ref: r.string("ref"), text: r.text("reason"),
                                      reverses: paid.ref, amount: Money(minor: paid.amount), id: r.int("id") ?? 0))
        }
        return out
    }
}
