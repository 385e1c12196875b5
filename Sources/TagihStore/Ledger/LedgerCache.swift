import GRDB
import TagihCore

/// The cached position after every posted entry: `charges.open_amount` per
/// charge and `accounts.open_total`, `unapplied`, `oldest_due`,
/// `credit_count` per account.
///
/// It is the position as of a day later than every entry, so it equals the
/// position as of any day on or after the newest entry date
/// (`meta.max_entry_day`): today's aging is then one indexed aggregate. Import
/// refreshes it for the accounts a file touched, inside the file's transaction;
/// `tagih check` recomputes it from the entries and compares.
enum LedgerCache {
    /// Above this share of the book, one merged pass over every account beats
    /// three indexed look-ups per touched account.
    static let fullScanFraction = 0.25

    /// The indexes whose keys hold cached figures (open amounts, totals, the
    /// oldest due date): every refresh of a charge or account rewrites them.
    static let cacheIndexes = ["charges_open", "accounts_active", "accounts_queue"]

    /// Adds wholly open charges to the totals of an account that has no
    /// credit at all. Then nothing is allocated: every charge is wholly open
    /// (it was inserted so), the open total grows by the amounts and the
    /// oldest due date is the earlier of the two. This keeps a bulk load of
    /// invoices from replaying every account. Rows of one account usually come
    /// together, so they are summed and written once per run of rows.
    final class Adder {
        private let update: Prepared
        private var pending: (account: Int64, total: Int64, firstDue: Int64)?

        private let db: Database

        init(_ db: Database) throws {
            self.db = db
            update = try Prepared(db, """
                UPDATE accounts SET open_total = open_total + ?2,
                    oldest_due = CASE WHEN oldest_due IS NULL OR ?3 < oldest_due THEN ?3 ELSE oldest_due END
                WHERE id = ?1 RETURNING typeof(open_total)
                """)
        }

        func add(account: Int64, amount: Int64, due: Int64) throws {
            if let p = pending, p.account == account {
                let (sum, overflow) = p.total.addingReportingOverflow(amount)
                if overflow { throw StoreError.overflow("the open total of \(LedgerCache.name(db, account: account))") }
                pending = (account, sum, min(p.firstDue, due))
                return
            }
            try flush()
            pending = (account, amount, due)
        }

        func flush() throws {
            guard let p = pending else { return }
            // SQLite's `+` turns an integer overflow into a REAL rather than
            // failing: the sum's type says whether it still fits Int64.
            if try update.bind(.int(p.account), .int(p.total), .int(p.firstDue)).step(), update.text(0) != "integer" {
                throw StoreError.overflow("the open total of \(LedgerCache.name(db, account: p.account))")
            }
            try update.run()
            pending = nil
        }
    }

    /// Recomputes the cache for `accounts` (all when nil) and writes only
    /// what changed.
    static func refresh(_ db: Database, accounts: Set<Int64>?) throws {
        let updateCharge = try Prepared(db, "UPDATE charges SET open_amount = ? WHERE id = ?")
        let updateAccount = try Prepared(db, "UPDATE accounts SET open_total = ?, unapplied = ?, oldest_due = ?, credit_count = ? WHERE id = ?")
        func apply(_ e: AccountEntries, cached: Cached) throws {
            let p: Position
            do {
                p = try e.position(asOf: .end)
                try e.checkTotals()
            } catch {
                throw StoreError.overflow("a total of \(name(db, account: e.accountID))")
            }
            for (i, open) in e.reconcile(p) { try updateCharge.bind(.int(open), .int(e.charges[i].id)).run() }
            let fresh = Cached(p, e)
            if fresh != cached {
                try updateAccount.bind(.int(fresh.open), .int(fresh.unapplied), .opt(fresh.oldestDue), .int(fresh.credits), .int(e.accountID)).run()
            }
        }

        let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM accounts") ?? 0
        if let ids = accounts, Double(ids.count) < Double(total) * fullScanFraction {
            let cachedRow = try Prepared(db, "SELECT \(Cached.columns) FROM accounts WHERE id = ?")
            for id in ids.sorted() {
                guard try cachedRow.bind(.int(id)).step() else { continue }
                try apply(try LedgerScan.entries(db, accountID: id), cached: Cached(cachedRow, from: 0))
            }
        } else {
            // Most of the book changes: the indexes over cached figures are
            // built again once rather than updated a few million times.
            try db.withoutIndexes(cacheIndexes) {
                try LedgerScan(db, asOf: .end, accountColumns: Cached.columns).forEach { row, e in
                    if let ids = accounts, !ids.contains(e.accountID) { return }
                    try apply(e, cached: Cached(row, from: 1))
                }
            }
        }
    }

    /// The same through the seam, account by account: for a posting that
    /// touches a few accounts (a plan's discount), on either backend.
    static func refresh(_ db: any LedgerSQL, accounts ids: Set<Int64>) throws {
        for id in ids.sorted() {
            guard let row = try db.row("SELECT \(Cached.columns) FROM accounts WHERE id = ?", [.int(id)]) else { continue }
            let cached = Cached(open: row[0].int ?? 0, unapplied: row[1].int ?? 0, oldestDue: row[2].int, credits: row[3].int ?? 0)
            let e = try LedgerScan.entries(db, accountID: id)
            let p: Position
            do {
                p = try e.position(asOf: .end)
                try e.checkTotals()
            } catch {
                let no = try db.text("SELECT account_no FROM accounts WHERE id = ?", [.int(id)]) ?? "id \(id)"
                throw StoreError.overflow("a total of account \(no)")
            }
            for (i, open) in e.reconcile(p) {
                try db.execute("UPDATE charges SET open_amount = ? WHERE id = ?", open, e.charges[i].id)
            }
            let fresh = Cached(p, e)
            if fresh != cached {
                try db.execute("UPDATE accounts SET open_total = ?, unapplied = ?, oldest_due = ?, credit_count = ? WHERE id = ?",
                               fresh.open, fresh.unapplied, fresh.oldestDue, fresh.credits, id)
            }
        }
    }

    /// "account A001" for messages (the id when the row cannot be read).
    static func name(_ db: Database, account id: Int64) -> String {
        (try? String.fetchOne(db, sql: "SELECT account_no FROM accounts WHERE id = ?", arguments: [id])).flatMap { $0 }.map { "account \($0)" }
            ?? "account id \(id)"
    }

    /// Differences between the cache and a fresh computation, as sentences.
    static func verify(_ db: any LedgerSQL, limit: Int = 20) throws -> (problems: [String], accounts: Int) {
        var problems: [String] = []
        var count = 0
        func note(_ s: String) { if problems.count < limit { problems.append(s) } }
        try LedgerScan(db, asOf: .end, accountColumns: "account_no, " + Cached.columns).forEach { row, e in
            count += 1
            let accountNo = row.text(1) ?? "?"
            guard let p = try? e.position(asOf: .end), (try? e.checkTotals()) != nil else {
                note("account \(accountNo): its entries overflow an amount")
                return
            }
            for (i, open) in e.reconcile(p) {
                note("account \(accountNo): charge \(e.charges[i].ref) is cached open \(e.cachedOpen[i]) but its entries give \(open)")
            }
            let cached = Cached(row, from: 2), fresh = Cached(p, e)
            if cached != fresh {
                note("account \(accountNo): cached totals (open \(cached.open), unapplied \(cached.unapplied), oldest due \(cached.oldestDue.map(String.init) ?? "none"), credits \(cached.credits)) differ from its entries (open \(fresh.open), unapplied \(fresh.unapplied), oldest due \(fresh.oldestDue.map(String.init) ?? "none"), credits \(fresh.credits))")
            }
        }
        return (problems, count)
    }

    /// An account's cached totals.
    struct Cached: Equatable {
        static let columns = "open_total, unapplied, oldest_due, credit_count"
        var open: Int64
        var unapplied: Int64
        var oldestDue: Int64?
        var credits: Int64

        /// Read from a row holding `columns` from position `i`.
        init(_ row: any SQLCursor, from i: Int32) {
            open = row.int(i); unapplied = row.int(i + 1); oldestDue = row.optInt(i + 2); credits = row.int(i + 3)
        }

        init(open: Int64, unapplied: Int64, oldestDue: Int64?, credits: Int64) {
            self.open = open; self.unapplied = unapplied; self.oldestDue = oldestDue; self.credits = credits
        }

        /// What the entries give.
        init(_ p: Position, _ e: AccountEntries) { self.init(p, credits: e.credits.count) }

        /// What a position gives, for an account with this many credits.
        init(_ p: Position, credits: Int) {
            open = p.openTotal.minor
            unapplied = p.unapplied.minor
            oldestDue = p.openCharges.first.map { Int64($0.charge.dueDate.ordinal) }
            self.credits = Int64(credits)
        }
    }
}

extension AccountEntries {
    /// The account's totals charged and credited fit Int64 (CONTRACT §1: what
    /// Tagih accepts, no report may overflow on), whatever the position.
    func checkTotals() throws(MoneyError) {
        var charged = Money.zero, credited = Money.zero
        for c in charges { charged = try charged.plus(c.amount) }
        for c in credits { credited = try credited.plus(c.amount) }
    }

    /// Charges (by index in `charges`) whose cached open amount differs from
    /// the position's, with the right amount.
    func reconcile(_ p: Position) -> [(Int, Int64)] {
        var index: [Int64: Int] = [:]
        index.reserveCapacity(charges.count)
        for (i, c) in charges.enumerated() { index[c.id] = i }
        return p.allocation.compactMap { a in
            let i = index[a.chargeID]!
            return cachedOpen[i] == a.open.minor ? nil : (i, a.open.minor)
        }
    }
}

extension LedgerSQL {
    /// Raises `meta.max_entry_day` to `day` when it is later (as `Database.noteEntryDay`).
    func noteEntryDay(_ day: Int64) throws {
        if let newest = try meta("max_entry_day").flatMap({ Int64($0) }), newest >= day { return }
        try setMeta("max_entry_day", String(day))
    }
}
