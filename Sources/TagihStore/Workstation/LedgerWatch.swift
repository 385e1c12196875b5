import TagihCore

/// What an open workstation polls every few seconds (issue 19): payments now
/// arrive all day through `tagih serve`, imports and other terminals, and a
/// queue that changed only when its collector opened an account would send
/// them to debtors who have already paid.
///
/// Why row ids and not `PRAGMA data_version`: that pragma is per connection,
/// and the workstation reads through a pool whose reads go to any of its
/// readers, so two polls would compare two connections' counters. The
/// highest row id of an append-only table is as cheap (one seek to the last
/// leaf of each of five b-trees, in one read transaction) and also says
/// which rows are new: those above the last mark, found by their rowid range.
extension WorkstationStore {
    /// The ledger's mark now.
    public func changeMark() throws -> ChangeMark {
        try database.read { db in try Self.mark(db) }
    }

    /// The accounts touched since `mark` (nil when nothing was added): by
    /// payments, credits, reversals and charges of any origin, contacts, and
    /// the audited changes people make to an account (holds, cases, plans),
    /// whose subject starts with its number. An assignment or a user's team
    /// changed, or more than `LedgerChanges.oneByOneLimit` accounts, asks for
    /// the whole queue instead.
    public func changes(since mark: ChangeMark) throws -> LedgerChanges? {
        try database.read { db in
            let now = try Self.mark(db)
            guard now != mark else { return nil }
            let limit = LedgerChanges.oneByOneLimit
            // A nightly import adds rows by the hundred thousand: their
            // accounts are not worth gathering one by one (the union would
            // sort them all) when the queue is read again anyway.
            let added = [now.credits - mark.credits, now.reversals - mark.reversals, now.charges - mark.charges,
                         now.contacts - mark.contacts, now.audit - mark.audit].reduce(0, +)
            if added > Int64(limit) * 10 { return LedgerChanges(mark: now, reloadQueue: true) }
            // Each branch is a rowid range of its table; the audit's subject
            // is joined to the account numbers' unique index.
            let rows = try db.rows("""
                SELECT acc.id, acc.collector FROM accounts acc WHERE acc.id IN (
                SELECT account_id FROM credits WHERE id > ?1 AND id <= ?6
                UNION SELECT account_id FROM reversals WHERE id > ?2 AND id <= ?7
                UNION SELECT account_id FROM charges WHERE id > ?3 AND id <= ?8
                UNION SELECT account_id FROM contacts WHERE id > ?4 AND id <= ?9
                UNION SELECT a.id FROM audit t JOIN accounts a ON a.account_no = \(db.dialect.firstWord("t.subject"))
                      WHERE t.id > ?5 AND t.id <= ?10)
                ORDER BY acc.id LIMIT ?11
                """, [mark.credits, mark.reversals, mark.charges, mark.contacts, mark.audit,
                      now.credits, now.reversals, now.charges, now.contacts, now.audit, Int64(limit + 1)].map { .int($0) })
            let regrouped = try db.int("""
                SELECT CASE WHEN EXISTS (SELECT 1 FROM audit WHERE id > ?1 AND id <= ?2 AND (action = 'account.assign' OR action LIKE 'user.%')) THEN 1 ELSE 0 END
                """, [.int(mark.audit), .int(now.audit)]) == 1
            if regrouped || rows.count > limit { return LedgerChanges(mark: now, reloadQueue: true) }
            return LedgerChanges(mark: now, accounts: rows.map { LedgerChanges.Touched(accountID: $0[0].int ?? 0, collector: $0[1].text) })
        }
    }

    private static func mark(_ db: any LedgerSQL) throws -> ChangeMark {
        let row = try db.row("""
            SELECT (SELECT max(id) FROM credits), (SELECT max(id) FROM reversals), (SELECT max(id) FROM charges),
                   (SELECT max(id) FROM contacts), (SELECT max(id) FROM audit)
            """)
        func at(_ i: Int) -> Int64 { row?[i].int ?? 0 }
        return ChangeMark(credits: at(0), reversals: at(1), charges: at(2), contacts: at(3), audit: at(4))
    }
}
