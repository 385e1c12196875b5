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
        private let update: any SQLStatement
        private var pending: (account: Int64, total: Int64, firstDue: Int64)?

        private let db: any LedgerSQL

        convenience init(_ db: Database) throws { try self.init(SQLiteSQL(db)) }

        /// The update adds only while the sum fits Int64 (the same test on
        /// both backends: SQLite would turn the overflow into a REAL,
        /// PostgreSQL would fail the statement): no row back is the overflow.
        init(_ db: any LedgerSQL) throws {
            self.db = db
            update = try db.prepare("""
                UPDATE accounts SET open_total = open_total + ?2,
                    oldest_due = CASE WHEN oldest_due IS NULL OR ?3 < oldest_due THEN ?3 ELSE oldest_due END
                WHERE id = ?1 AND open_total <= 9223372036854775807 - ?2 RETURNING id
                """)
            gatheredUpdate = try RowBatch(db, types: [.integer, .integer, .integer], Self.gatheredSQL)
        }

        /// On a server (`SQLDialect.writeChunk` > 1): the sums gathered per
        /// account, in first-seen order, written by one statement per chunk.
        private var gathered: [(account: Int64, total: Int64, firstDue: Int64)] = []
        private var gatheredAt: [Int64: Int] = [:]
        private let gatheredUpdate: RowBatch
        private static let gatheredSQL = [("""
            UPDATE accounts SET open_total = open_total + v.column2,
                oldest_due = CASE WHEN oldest_due IS NULL OR v.column3 < oldest_due THEN v.column3 ELSE oldest_due END
            FROM (
            """, """
            ) AS v WHERE accounts.id = v.column1 AND open_total <= 9223372036854775807 - v.column2 RETURNING accounts.id
            """)]

        func add(account: Int64, amount: Int64, due: Int64) throws {
            if db.dialect.writeChunk > 1 {
                if let i = gatheredAt[account] {
                    let (sum, overflow) = gathered[i].total.addingReportingOverflow(amount)
                    if overflow { throw StoreError.overflow("the open total of \(LedgerCache.name(db, account: account))") }
                    gathered[i].total = sum
                    gathered[i].firstDue = min(gathered[i].firstDue, due)
                } else {
                    gatheredAt[account] = gathered.count
                    gathered.append((account, amount, due))
                    if gathered.count >= db.dialect.writeChunk { try flush() }
                }
                return
            }
            if let p = pending, p.account == account {
                let (sum, overflow) = p.total.addingReportingOverflow(amount)
                if overflow { throw StoreError.overflow("the open total of \(LedgerCache.name(db, account: account))") }
                pending = (account, sum, min(p.firstDue, due))
                return
            }
            try flush()
            pending = (account, amount, due)
        }

        /// The first account a gathered update sent earlier did not change
        /// (its sum would overflow), once that update has answered.
        private var missed: Int64?

        /// Writes what is gathered. On a server the update is sent without
        /// waiting (the server writes it while the importer posts more
        /// rows: these updates were a sixth of a charges file, the client
        /// idle); its rows come back when a later statement waits, and an
        /// overflow is thrown by the next `flush` or `finish` after that.
        func flush() throws {
            if !gathered.isEmpty {
                for g in gathered { gatheredUpdate.add(.int(g.account), .int(g.total), .int(g.firstDue)) }
                let accounts = gathered.map(\.account)
                try gatheredUpdate.flushLater { [weak self] returned in
                    guard let self, self.missed == nil else { return }
                    // No row back is the overflow, as row by row: named for the first such account.
                    let updated = Set(returned)
                    self.missed = accounts.first { !updated.contains($0) }
                }
                gathered.removeAll(keepingCapacity: true)
                gatheredAt.removeAll(keepingCapacity: true)
            }
            if let missed { throw StoreError.overflow("the open total of \(LedgerCache.name(db, account: missed))") }
            guard let p = pending else { return }
            guard try update.inserted(.int(p.account), .int(p.total), .int(p.firstDue)) != nil else {
                throw StoreError.overflow("the open total of \(LedgerCache.name(db, account: p.account))")
            }
            pending = nil
        }

        /// Writes the rest and waits for every update sent: an overflow in any is thrown here.
        func finish() throws {
            try flush()
            try db.waitForLater()
            try flush()
        }
    }

    /// Recomputes the cache for `accounts` (all when nil) and writes only
    /// what changed.
    static func refresh(_ db: Database, accounts: Set<Int64>?) throws { try refresh(SQLiteSQL(db), accounts: accounts) }

    /// The same through the seam, on either backend: account by account for
    /// a posting that touches a few (a plan's discount, a nightly file), in
    /// one merged pass over the book when a file touches most of it.
    static func refresh(_ db: any LedgerSQL, accounts: Set<Int64>?) throws {
        let writes = try CacheWrites(db)
        func apply(_ e: AccountEntries, cached: Cached) throws {
            let p: Position
            do {
                p = try e.position(asOf: .end)
                try e.checkTotals()
            } catch {
                throw StoreError.overflow("a total of \(name(db, account: e.accountID))")
            }
            for (i, open) in e.reconcile(p) { try writes.charge(e.charges[i].id, open: open) }
            let fresh = Cached(p, e)
            if fresh != cached { try writes.account(e.accountID, fresh) }
        }

        // The accounts are counted only as far as the choice needs: a group of a
        // few payments (`serve`, every group) on a million-account book reads a
        // few index entries, not the whole table (a full count each group on
        // PostgreSQL). Past `cap` the count is cut, and the choice is the same.
        let cap = accounts.map { Int64((Double($0.count) / fullScanFraction).rounded(.down)) + 1 } ?? 0
        let total = accounts == nil ? 0 : try db.int("SELECT count(*) FROM (SELECT 1 FROM accounts LIMIT ?) AS capped", [.int(cap)]) ?? 0
        if let ids = accounts, Double(ids.count) < Double(total) * fullScanFraction {
            // A chunk of accounts a round trip on a server (their cached
            // figures, charges and credits, as arrays), not two per account.
            try LedgerScan.forEach(db, accounts: ids.sorted(), accountColumns: Cached.columns) { row, e in
                try apply(e, cached: Cached(row, from: 1))
            }
        } else {
            // Most of the book changes: on SQLite the indexes over cached
            // figures are built again once rather than updated a few million
            // times (the dialect's choice; PostgreSQL keeps them).
            let dropped = try db.dialect.dropIndexes(cacheIndexes, in: db)
            try LedgerScan(db, asOf: .end, accountColumns: Cached.columns).forEach { row, e in
                if let ids = accounts, !ids.contains(e.accountID) { return }
                try apply(e, cached: Cached(row, from: 1))
            }
            for index in dropped { try db.execute(index, []) }
        }
        try writes.flush()
    }

    /// The cache's writes: a statement each in-process; on a server
    /// (`SQLDialect.writeChunk` > 1) gathered into `UPDATE … FROM (VALUES …)`
    /// statements of many rows each, a round trip per statement, sent
    /// without waiting (`RowBatch.flushLater`): the server writes one while
    /// the client works out the next accounts' figures; the next statement
    /// on the connection waits for them.
    final class CacheWrites {
        private let updateCharge, updateAccount: any SQLStatement
        private let charges, accounts: RowBatch?

        init(_ db: any LedgerSQL) throws {
            updateCharge = try db.prepare("UPDATE charges SET open_amount = ? WHERE id = ?")
            updateAccount = try db.prepare("UPDATE accounts SET open_total = ?, unapplied = ?, oldest_due = ?, credit_count = ? WHERE id = ?")
            guard db.dialect.writeChunk > 1 else { charges = nil; accounts = nil; return }
            charges = try RowBatch(db, types: [.integer, .integer],
                                   [("UPDATE charges SET open_amount = v.column2 FROM (", ") AS v WHERE charges.id = v.column1")])
            // A list whose oldest dues are all NULL has a column of no type: cast.
            accounts = try RowBatch(db, types: [.integer, .integer, .integer, .integer, .integer], [("""
                UPDATE accounts SET open_total = v.column2, unapplied = v.column3, oldest_due = CAST(v.column4 AS BIGINT),
                    credit_count = v.column5 FROM (
                """, ") AS v WHERE accounts.id = v.column1")])
        }

        func charge(_ id: Int64, open: Int64) throws {
            guard let charges else { return try updateCharge.perform(.int(open), .int(id)) }
            charges.add(.int(id), .int(open))
            if charges.isFull { try charges.flushLater() }
        }

        func account(_ id: Int64, _ c: Cached) throws {
            guard let accounts else {
                return try updateAccount.perform(.int(c.open), .int(c.unapplied), .opt(c.oldestDue), .int(c.credits), .int(id))
            }
            accounts.add(.int(id), .int(c.open), .int(c.unapplied), .opt(c.oldestDue), .int(c.credits))
            if accounts.isFull { try accounts.flushLater() }
        }

        func flush() throws {
            try charges?.flushLater()
            try accounts?.flushLater()
        }
    }

    /// "account A001" for messages (the id when the row cannot be read).
    static func name(_ db: any LedgerSQL, account id: Int64) -> String {
        (try? db.text("SELECT account_no FROM accounts WHERE id = ?", [.int(id)])).flatMap { $0 }.map { "account \($0)" }
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
