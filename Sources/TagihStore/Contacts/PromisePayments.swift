import GRDB
import TagihCore

/// The payments that can count toward a promise: one account's payments
/// dated in a window, with the day each was reversed (if ever). One
/// prepared statement, so reports over hundreds of thousands of promises
/// read only the rows they need and hold none of them for long.
struct PromisePayments {
    private let query: any SQLStatement
    private let db: any LedgerSQL

    init(_ db: Database) throws { try self.init(SQLiteSQL(db)) }

    init(_ db: any LedgerSQL) throws {
        self.db = db
        query = try db.prepare("""
            SELECT c.account_id, c.id, c.source, c.date, c.amount, c.charge_id, r.date
            FROM credits c LEFT JOIN reversals r ON r.credit_id = c.id
            WHERE c.account_id = ? AND c.source = 'payment' AND c.date BETWEEN ? AND ? ORDER BY c.id
            """)
    }

    /// The account's payments dated from `from` to `to`.
    func credits(accountID: Int64, from: Day, to: Day) throws -> [Credit] {
        try query.run(with: [.int(accountID), .int(Int64(from.ordinal)), .int(Int64(to.ordinal))])
        var credits: [Credit] = []
        while try query.step() { credits.append(LedgerScan.credit(query)) }
        return credits
    }

    /// The days whose payments can count toward one account's promises as
    /// of `day`: from the first made to the last due date plus grace (no
    /// later than `day`); nil for no promises.
    static func window(_ account: [PromiseToPay], asOf day: Day, graceDays: Int) -> (from: Day, to: Day)? {
        guard let first = account.map(\.madeOn).min(), let last = account.map({ $0.due.adding(days: graceDays) }).max() else { return nil }
        return (first, min(day, last))
    }

    /// One account's promises judged with its window's payments: a lone
    /// promise on its own (CONTRACT §6), several together (`replaced`).
    static func judged(_ account: [PromiseToPay], credits: [Credit], asOf day: Day, graceDays: Int) -> [(status: PromiseStatus, paid: Money)] {
        account.count == 1 ? [Promises.status(account[0], credits: credits, asOf: day, graceDays: graceDays)]
            : Promises.statuses(account, credits: credits, asOf: day, graceDays: graceDays)
    }

    /// The status as of `day` of each of one account's promises, `replaced`
    /// included (the list must hold every promise of the account that could
    /// replace one of them: those made later, on or before `day`). A lone
    /// promise reads only its own window.
    func statuses(_ account: [PromiseToPay], asOf day: Day, graceDays: Int) throws -> [(status: PromiseStatus, paid: Money)] {
        guard let w = Self.window(account, asOf: day, graceDays: graceDays) else { return [] }
        let credits = try credits(accountID: account[0].accountID, from: w.from, to: w.to)
        return Self.judged(account, credits: credits, asOf: day, graceDays: graceDays)
    }

    /// The statuses as of `day` of several accounts' promises (each list one
    /// account's, as `statuses(_:asOf:graceDays:)` takes it) with their
    /// payments read in one statement. A look-up per account is a round trip
    /// each on a server, and the workstation's first paint judges every
    /// account with a promise due this week (a lead's: hundreds, measured at
    /// 40% of the paint on PostgreSQL). Each account still counts only the
    /// payments of its own window, so the answers are `statuses`' own.
    static func statuses(_ db: any LedgerSQL, accounts: [[PromiseToPay]], asOf day: Day,
                         graceDays: Int) throws -> [[(status: PromiseStatus, paid: Money)]] {
        let windows = accounts.map { list in window(list, asOf: day, graceDays: graceDays).map { (id: list[0].accountID, from: $0.from, to: $0.to) } }
        let present = windows.compactMap { $0 }
        guard let from = present.map(\.from).min(), let to = present.map(\.to).max() else { return accounts.map { _ in [] } }
        var credits: [Int64: [Credit]] = [:]
        let rows = try db.small("""
            SELECT c.account_id, c.id, c.source, c.date, c.amount, c.charge_id, r.date
            FROM credits c LEFT JOIN reversals r ON r.credit_id = c.id
            WHERE \(db.dialect.inJSONInts("c.account_id", "?1")) AND c.source = 'payment' AND c.date BETWEEN ?2 AND ?3
            ORDER BY c.account_id, c.id
            """, [.text(LedgerScan.EntriesReader.jsonList(present.map(\.id))), .int(Int64(from.ordinal)), .int(Int64(to.ordinal))])
        while try rows.step() { credits[rows.int(0), default: []].append(LedgerScan.credit(rows)) }
        return zip(accounts, windows).map { list, window in
            guard let window else { return [] }
            let own = (credits[window.id] ?? []).filter { $0.date >= window.from && $0.date <= window.to }
            return judged(list, credits: own, asOf: day, graceDays: graceDays)
        }
    }

    /// Every promise of `promises` (any accounts, any order) with its status
    /// as of `day`, in the order given: grouped by account so each account's
    /// promises are judged together.
    ///
    /// Where every statement is a round trip (`SQLDialect.rowsCrossASocket`:
    /// PostgreSQL), the accounts go `accountsPerRead` at a time through one
    /// statement each (`statuses(_:accounts:…)`): a statement per account
    /// made `report promises` ten times SQLite's time (716 promises, 0.3 s).
    func statuses(of promises: [PromiseToPay], asOf day: Day, graceDays: Int,
                  accountsPerRead: Int? = nil) throws -> [(status: PromiseStatus, paid: Money)] {
        var byAccount: [Int64: [Int]] = [:]
        for (i, p) in promises.enumerated() { byAccount[p.accountID, default: []].append(i) }
        var out = [(status: PromiseStatus, paid: Money)](repeating: (.open, .zero), count: promises.count)
        let accounts = byAccount.keys.sorted()
        let step = accountsPerRead ?? (db.dialect.rowsCrossASocket ? Self.accountsPerRead : 1)
        for start in stride(from: 0, to: accounts.count, by: step) {
            let lists = accounts[start..<min(start + step, accounts.count)].map { byAccount[$0]! }
            let results = step == 1
                ? [try statuses(lists[0].map { promises[$0] }, asOf: day, graceDays: graceDays)]
                : try Self.statuses(db, accounts: lists.map { $0.map { promises[$0] } }, asOf: day, graceDays: graceDays)
            for (indices, result) in zip(lists, results) {
                for (i, r) in zip(indices, result) { out[i] = r }
            }
        }
        return out
    }

    /// Accounts whose payments one statement reads on a server (those dated
    /// in the union of their windows: each account keeps its own).
    static let accountsPerRead = 500
}
