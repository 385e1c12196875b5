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
/// day, merging three reads that are each ordered by account (accounts by
/// id, charges and credits through their account indexes), so the whole
/// book is replayed in one pass with few accounts in memory at a time.
///
/// The book is read a range of `span` account ids at a time, each range's
/// three reads as arrays (`LedgerSQL.bulkAhead`), the next range asked for
/// before this one is replayed: on a server, its rows are read, sent and
/// parsed while the client replays, and a row costs far less inside an
/// array than on its own (measured at 1M accounts: see docs/postgres.md).
/// On SQLite each range is three cursors, as the whole book was.
struct LedgerScan {
    let db: any LedgerSQL
    let asOf: Day
    /// Extra account columns the caller reads from the account cursor
    /// (column 0 is always `id`): plain column names, comma-separated.
    let accountColumns: String

    /// Account ids per range.
    let span: Int64

    /// A range's entries (a few per account) are a few megabytes of arrays,
    /// two ranges in flight.
    static let defaultSpan: Int64 = 20_000

    init(_ db: any LedgerSQL, asOf: Day, accountColumns: String = "", span: Int64 = LedgerScan.defaultSpan) {
        self.db = db
        self.asOf = asOf
        self.accountColumns = accountColumns
        self.span = max(1, span)
    }

    init(_ db: Database, asOf: Day, accountColumns: String = "") {
        self.init(SQLiteSQL(db), asOf: asOf, accountColumns: accountColumns)
    }

    /// Calls `body` for every account, with its entries (possibly none).
    /// Each account's charges and credits come in id order (the account
    /// index's own order on SQLite, asked for on PostgreSQL), so the
    /// replay is the same on both backends.
    func forEach(_ body: (any SQLCursor, AccountEntries) throws -> Void) throws {
        guard let bounds = try db.row("SELECT min(id) AS low, max(id) AS high FROM accounts"),
              let first = bounds.int("low"), let last = bounds.int("high") else { return }
        var next: Range? = read(from: first, to: last)
        while let range = next {
            next = range.high < last ? read(from: range.high + 1, to: last) : nil
            try replay(range, body)
        }
    }

    /// One range's three reads, asked for.
    private struct Range {
        let high: Int64
        let accounts, charges, credits: () throws -> any SQLCursor
    }

    private func read(from low: Int64, to last: Int64) -> Range {
        let high = last - low < span ? last : low + span - 1
        let cols = accountColumns.isEmpty ? "id" : "id, " + accountColumns
        let width = cols.split(separator: ",").count
        let bounds: [SQLValue] = [.int(Int64(asOf.ordinal)), .int(low), .int(high)]
        return Range(
            high: high,
            accounts: db.bulkAhead("SELECT \(cols) FROM accounts WHERE id BETWEEN ? AND ? ORDER BY id", [.int(low), .int(high)], columns: width),
            charges: db.bulkAhead("""
                SELECT account_id, id, ref, issue_date, due_date, amount, open_amount, source
                FROM charges \(db.dialect.indexedBy("charges_account"))
                WHERE account_id BETWEEN ?2 AND ?3 AND issue_date <= ?1 ORDER BY account_id, id
                """, bounds, columns: 8),
            credits: db.bulkAhead(Self.creditsReversed(of: { "\($0) BETWEEN ?2 AND ?3" }, "AND c.date <= ?1",
                                                       index: db.dialect.indexedBy("credits_account")), bounds, columns: 7))
    }

    /// The credits of some accounts (`of` gives the condition on a column
    /// holding the account id), each with the date of its reversal: the
    /// accounts' reversals (few) found once and joined, not probed for every
    /// credit (on PostgreSQL a probe per credit was half the read: 35,000
    /// credits a range, 53 → 25 ms, measured). No plan-discount column: a
    /// position does not need it (`LedgerScan.credit`, `planDiscount: false`).
    static func creditsReversed(of accounts: (String) -> String, _ more: String = "", index: String = "") -> String {
        """
        SELECT c.account_id, c.id, c.source, c.date, c.amount, c.charge_id, r.reversed
        FROM credits c \(index)
        LEFT JOIN (SELECT credit_id, min(date) AS reversed FROM reversals WHERE \(accounts("account_id")) GROUP BY credit_id) r
               ON r.credit_id = c.id
        WHERE \(accounts("c.account_id")) \(more) ORDER BY c.account_id, c.id
        """
    }

    private func replay(_ range: Range, _ body: (any SQLCursor, AccountEntries) throws -> Void) throws {
        try Self.merge(range.accounts, range.charges, range.credits, planDiscount: false, body)
    }

    /// Walks three reads ordered by account (accounts by id; their charges,
    /// then credits, by account and id), calling `body` with each account's
    /// row and entries. `planDiscount`: the credits carry an eighth column.
    /// The accounts may be fewer than the entries' (a filter on the
    /// accounts only); every account with entries has its row otherwise.
    static func merge(_ accountRows: () throws -> any SQLCursor, _ chargeRows: () throws -> any SQLCursor,
                      _ creditRows: () throws -> any SQLCursor, planDiscount: Bool,
                      _ body: (any SQLCursor, AccountEntries) throws -> Void) throws {
        let accounts = try accountRows(), charges = try chargeRows(), credits = try creditRows()
        var chargeRow = try charges.step()
        var creditRow = try credits.step()
        while try accounts.step() {
            var e = AccountEntries(accountID: accounts.int(0))
            // Entries of accounts the account read left out are passed over.
            while chargeRow && charges.int(0) < e.accountID { chargeRow = try charges.step() }
            while creditRow && credits.int(0) < e.accountID { creditRow = try credits.step() }
            while chargeRow && charges.int(0) == e.accountID {
                e.appendCharge(charges)
                chargeRow = try charges.step()
            }
            while creditRow && credits.int(0) == e.accountID {
                e.credits.append(LedgerScan.credit(credits, planDiscount: planDiscount))
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

        init(_ db: any LedgerSQL) throws {
            charges = try db.prepare(LedgerScan.chargesOfAccount)
            credits = try db.prepare(LedgerScan.creditsOfAccount)
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

    /// The entries of many accounts in two statements (a chunk of a cache
    /// refresh on a server, the plans of a queue), as arrays, both sent
    /// before either is read: every id given has its entry.
    static func entries(_ db: any LedgerSQL, accounts ids: [Int64]) throws -> [Int64: AccountEntries] {
        var out: [Int64: AccountEntries] = [:]
        out.reserveCapacity(ids.count)
        for id in ids { out[id] = AccountEntries(accountID: id) }
        let list: [SQLValue] = [.text(EntriesReader.jsonList(ids))]
        let ofChunk = db.dialect.inJSONInts("account_id", "?1")
        let charges = db.bulkAhead(LedgerScan.charges(where: ofChunk), list, columns: 8)
        let credits = db.bulkAhead(LedgerScan.credits(where: ofChunk), list, columns: 8)
        let c = try charges()
        while try c.step() { out[c.int(0)]?.appendCharge(c) }
        let d = try credits()
        while try d.step() { out[d.int(0)]?.credits.append(LedgerScan.credit(d, planDiscount: true)) }
        return out
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
