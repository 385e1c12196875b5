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
        try database.writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, name FROM accounts WHERE account_no = ?", arguments: [accountNo]) else {
                throw StoreError(RecordProblem.unknownAccount(accountNo))
            }
            let id: Int64 = row["id"]
            let ledger = try LedgerScan.entries(db, accountID: id)
            let entries = try Self.entries(db, accountID: id)
            let start = from ?? min(entries.map(\.effective).min() ?? to, to)
            let result = Result { () throws(StatementError) in
                try AccountStatement.build(charges: ledger.charges, credits: ledger.credits, entries: entries, from: start, to: to)
            }
            switch result {
            case .success(let s): return AccountStatementReport(accountNo: accountNo, name: row["name"], statement: s)
            case .failure(.overflow): throw StoreError(StatementProblem.overflow(accountNo: accountNo))
            case .failure(.doesNotAddUp(let expected, let got)):
                throw StoreError(StatementProblem.unbalanced(accountNo: accountNo, entries: got.minor, balance: expected.minor))
            }
        }
    }

    /// Every entry of the account as a statement line. A payment reversed
    /// more than once (a plan's discount, CONTRACT R11) moves the balance
    /// back once, on the earliest reversal: only that one is a line.
    static func entries(_ db: Database, accountID: Int64) throws -> [StatementEntry] {
        var out: [StatementEntry] = []
        for r in try Row.fetchAll(db, sql: """
            SELECT id, source, ref, issue_date, due_date, amount, description FROM charges WHERE account_id = ?
            """, arguments: [accountID]) {
            out.append(StatementEntry(kind: r["source"] == "debit" ? .debit : .charge, date: Day(ordinal: r["issue_date"]), ref: r["ref"],
                                      text: r["description"], dueDate: Day(ordinal: r["due_date"]),
                                      amount: Money(minor: r["amount"]), id: r["id"]))
        }
        var paidOn: [Int64: (day: Day, amount: Int64, ref: String)] = [:]
        for r in try Row.fetchAll(db, sql: """
            SELECT id, source, channel, ref, date, amount, note FROM credits WHERE account_id = ?
            """, arguments: [accountID]) {
            let kind = StatementEntry.Kind(rawValue: r["source"]) ?? .payment
            let day = Day(ordinal: r["date"])
            let channel: String = r["channel"]
            let note: String? = r["note"]
            paidOn[r["id"]] = (day, r["amount"], r["ref"])
            out.append(StatementEntry(kind: kind, date: day, ref: r["ref"], text: note, channel: channel.isEmpty ? nil : channel,
                                      amount: Money(minor: -(r["amount"] as Int64)), id: r["id"]))
        }
        var reversed: Set<Int64> = []
        for r in try Row.fetchAll(db, sql: """
            SELECT id, ref, date, credit_id, reason FROM reversals WHERE account_id = ? ORDER BY date, id
            """, arguments: [accountID]) {
            let credit: Int64 = r["credit_id"]
            guard let paid = paidOn[credit], reversed.insert(credit).inserted else { continue }
            let day = Day(ordinal: r["date"])
            out.append(StatementEntry(kind: .reversal, date: day, effective: max(day, paid.day), ref: r["ref"], text: r["reason"],
                                      reverses: paid.ref, amount: Money(minor: paid.amount), id: r["id"]))
        }
        return out
    }
}
