import GRDB
import TagihCore

/// One account's entries as of a day, as the allocation needs them.
struct AccountEntries {
    var accountID: Int64
    var charges: [Charge] = []
    /// The cached open amount of each charge in `charges`, same order.
    var cachedOpen: [Int64] = []
    var credits: [Credit] = []

    /// Appends the charge in the current row of a statement selecting
    /// `account_id, id, ref, issue_date, due_date, amount, open_amount, source`.
    mutating func appendCharge(_ p: any SQLCursor) {
        charges.append(Charge(id: p.int(1), kind: p.text(7) == "debit" ? .debit : .invoice, ref: p.text(2) ?? "",
                              issueDate: Day(ordinal: Int32(p.int(3))), dueDate: Day(ordinal: Int32(p.int(4))),
                              amount: Money(minor: p.int(5))))
        cachedOpen.append(p.int(6))
    }

    func position(asOf day: Day) throws(MoneyError) -> Position {
        try Ledger.position(charges: charges, credits: credits, asOf: day)
    }
}

/// Walks every account in id order with its entries dated on or before a
/// day, merging three cursors that are each ordered by account (accounts by
/// rowid, charges and credits through their account indexes), so the whole
/// book is replayed in one pass with one account in memory at a time.
struct LedgerScan {
    let db: any LedgerSQL
    let asOf: Day
    /// Extra account columns the caller reads from the account cursor
    /// (column 0 is always `id`).
    let accountColumns: String

    init(_ db: any LedgerSQL, asOf: Day, accountColumns: String = "") {
        self.db = db
        self.asOf = asOf
        self.accountColumns = accountColumns
    }

    init(_ db: Database, asOf: Day, accountColumns: String = "") {
        self.init(SQLiteSQL(db), asOf: asOf, accountColumns: accountColumns)
    }

    /// Calls `body` for every account, with its entries (possibly none).
    /// Each account's charges and credits come in id order (the account
    /// index's own order on SQLite, asked for on PostgreSQL), so the
    /// replay is the same on both backends.
    func forEach(_ body: (any SQLCursor, AccountEntries) throws -> Void) throws {
        let cols = accountColumns.isEmpty ? "id" : "id, " + accountColumns
        let accounts = try db.cursor("SELECT \(cols) FROM accounts ORDER BY id")
        let charges = try db.cursor("""
            SELECT account_id, id, ref, issue_date, due_date, amount, open_amount, source
            FROM charges \(db.dialect.indexedBy("charges_account")) WHERE issue_date <= ? ORDER BY account_id, id
            """, Int64(asOf.ordinal))
        let credits = try db.cursor("""
            SELECT c.account_id, c.id, c.source, c.date, c.amount, c.charge_id,
                   (SELECT min(r.date) FROM reversals r WHERE r.credit_id = c.id)
            FROM credits c \(db.dialect.indexedBy("credits_account"))
            WHERE c.date <= ? ORDER BY c.account_id, c.id
            """, Int64(asOf.ordinal))
        var chargeRow = try charges.step()
        var creditRow = try credits.step()
        while try accounts.step() {
            var e = AccountEntries(accountID: accounts.int(0))
            while chargeRow && charges.int(0) == e.accountID {
                e.appendCharge(charges)
                chargeRow = try charges.step()
            }
            while creditRow && credits.int(0) == e.accountID {
                e.credits.append(LedgerScan.credit(credits))
                creditRow = try credits.step()
            }
            try body(accounts, e)
        }
    }

    /// The credit in the current row of a statement selecting `account_id,
    /// id, source, date, amount, charge_id, reversal date[, plan discount]`.
    static func credit(_ p: any SQLCursor, planDiscount: Bool = false) -> Credit {
        Credit(id: p.int(1), kind: Credit.Kind(rawValue: p.text(2) ?? "") ?? .payment,
               date: Day(ordinal: Int32(p.int(3))), amount: Money(minor: p.int(4)),
               targetChargeID: p.optInt(5), reversedOn: p.optInt(6).map { Day(ordinal: Int32($0)) },
               planDiscount: planDiscount && p.int(7) != 0)
    }

    /// One account's entries (all of them; the position filters by day).
    static func entries(_ db: Database, accountID: Int64) throws -> AccountEntries {
        var e = AccountEntries(accountID: accountID)
        let charges = try Prepared(db, chargesOfAccount, cached: true).bind(.int(accountID))
        while try charges.step() { e.appendCharge(charges) }
        let credits = try Prepared(db, creditsOfAccount, cached: true).bind(.int(accountID))
        while try credits.step() { e.credits.append(credit(credits, planDiscount: true)) }
        return e
    }

    /// The same through the seam, on either backend (the GRDB one above keeps
    /// its compiled statements for the loops that call it per account).
    static func entries(_ db: any LedgerSQL, accountID: Int64) throws -> AccountEntries {
        var e = AccountEntries(accountID: accountID)
        let charges = try db.small(chargesOfAccount, [.int(accountID)])
        while try charges.step() { e.appendCharge(charges) }
        let credits = try db.small(creditsOfAccount, [.int(accountID)])
        while try credits.step() { e.credits.append(credit(credits, planDiscount: true)) }
        return e
    }

    /// One account's entries after another, through the seam: the two
    /// statements prepared once (compiled once on SQLite) for a loop over
    /// the accounts a file touched.
    final class EntriesReader {
        private let charges: any SQLStatement
        private let credits: any SQLStatement

        private let db: any LedgerSQL

        init(_ db: any LedgerSQL) throws {
            self.db = db
            charges = try db.prepare(LedgerScan.chargesOfAccount)
            credits = try db.prepare(LedgerScan.creditsOfAccount)
        }

        /// The entries of many accounts in two statements (a chunk of a
        /// cache refresh on a server): every id given has its entry.
        func read(accounts ids: [Int64]) throws -> [Int64: AccountEntries] {
            var out: [Int64: AccountEntries] = [:]
            out.reserveCapacity(ids.count)
            for id in ids { out[id] = AccountEntries(accountID: id) }
            let list: [SQLValue] = [.text(Self.jsonList(ids))]
            let ofChunk = db.dialect.inJSONInts("account_id", "?1")
            // Read whole (`small`): a chunk's rows, planned for all of them (see `RowPoster.each`).
            let c = try db.small(LedgerScan.charges(where: ofChunk), list)
            while try c.step() { out[c.int(0)]?.appendCharge(c) }
            let d = try db.small(LedgerScan.credits(where: ofChunk), list)
            while try d.step() { out[d.int(0)]?.credits.append(LedgerScan.credit(d, planDiscount: true)) }
            return out
        }

        /// `[1,2,3]`, for `SQLDialect.inJSONInts`.
        static func jsonList(_ ids: [Int64]) -> String { "[" + ids.map(String.init).joined(separator: ",") + "]" }

        func read(accountID: Int64) throws -> AccountEntries {
            var e = AccountEntries(accountID: accountID)
            try charges.run(with: [.int(accountID)])
            while try charges.step() { e.appendCharge(charges) }
            try credits.run(with: [.int(accountID)])
            while try credits.step() { e.credits.append(LedgerScan.credit(credits, planDiscount: true)) }
            return e
        }
    }

    static let chargesOfAccount = charges(where: "account_id = ?")
    static let creditsOfAccount = credits(where: "account_id = ?")

    /// An account's charges (or several accounts', each in a run), by id.
    static func charges(where accounts: String) -> String {
        """
        SELECT account_id, id, ref, issue_date, due_date, amount, open_amount, source FROM charges WHERE \(accounts) ORDER BY account_id, id
        """
    }

    static func credits(where accounts: String) -> String {
        """
        SELECT c.account_id, c.id, c.source, c.date, c.amount, c.charge_id,
               (SELECT min(r.date) FROM reversals r WHERE r.credit_id = c.id),
               EXISTS (SELECT 1 FROM plan_discounts d WHERE d.credit_id = c.id)
        FROM credits c WHERE c.\(accounts) ORDER BY c.account_id, c.id
        """
    }
}
