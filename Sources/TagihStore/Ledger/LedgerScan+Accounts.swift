/// The replay of chosen accounts rather than the whole book: the accounts a
/// file touched (`LedgerCache.refresh`), the accounts of a queue with entries
/// after its day (`WorkstationStore`).
extension LedgerScan {
    /// Ids per chunk on a server: one round trip asks for a chunk's rows,
    /// charges and credits as arrays. The chunk after is asked for before
    /// this one is replayed, as `forEach` does with ranges.
    static let accountsChunk = 5_000

    /// Calls `body` for each of `ids` (ascending) that `filter` keeps, in id
    /// order, with its account row (`id, ` + `accountColumns`) and all its
    /// entries (the position filters by day). `filter` may use `arguments`
    /// as `?1`…; the ids are the parameter after them. On a server whether
    /// a credit is a plan's discount is not read: only a plan's settlement
    /// asks, and it reads through `entries(_:accounts:)`.
    ///
    /// In-process (SQLite) each account is three look-ups with statements
    /// compiled once. On a server a look-up per account is a round trip: a
    /// lead's queue a week back replayed 219,000 accounts in 156 s on
    /// PostgreSQL at 1M, one account at a time (measured); a chunk at a time
    /// it is arrays, a few round trips per thousand accounts.
    static func forEach(_ db: any LedgerSQL, accounts ids: [Int64], accountColumns: String,
                        where filter: String = "TRUE", _ arguments: [SQLValue] = [], chunk: Int = accountsChunk,
                        _ body: (any SQLCursor, AccountEntries) throws -> Void) throws {
        let list = "?\(arguments.count + 1)"
        let select = "SELECT id, \(accountColumns) FROM accounts WHERE (\(filter)) AND "
        guard db.dialect.rowsCrossASocket else {
            let row = try db.prepare(select + "id = \(list)")
            let entries = try EntriesReader(db)
            for id in ids {
                try row.run(with: arguments + [.int(id)])
                guard try row.step() else { continue }
                try body(row, try entries.read(accountID: id))
            }
            return
        }
        let chunk = max(1, chunk)
        let width = accountColumns.split(separator: ",").count + 1
        let of = db.dialect.inJSONInts("account_id", "?1")
        typealias Reads = (rows: () throws -> any SQLCursor, charges: () throws -> any SQLCursor, credits: () throws -> any SQLCursor)
        func ask(_ from: Int) -> Reads {
            let json = EntriesReader.jsonList(Array(ids[from..<min(from + chunk, ids.count)]))
            return (db.bulkAhead(select + db.dialect.inJSONInts("id", list) + " ORDER BY id", arguments + [.text(json)], columns: width),
                    db.bulkAhead(charges(where: of), [.text(json)], columns: 8),
                    db.bulkAhead(creditsReversed(of: { db.dialect.inJSONInts($0, "?1") }), [.text(json)], columns: 7))
        }
        var next: Reads? = ids.isEmpty ? nil : ask(0)
        var from = 0
        while let reads = next {
            from += chunk
            next = from < ids.count ? ask(from) : nil
            try merge(reads.rows, reads.charges, reads.credits, planDiscount: false, body)
        }
    }
}
