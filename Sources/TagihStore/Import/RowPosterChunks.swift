import TagihCore

/// Posting a file a chunk of rows at a time, where every statement is a
/// round trip (`SQLDialect.writeChunk` > 1: PostgreSQL).
///
/// Row by row, a row costs a server two or three round trips (its account,
/// its insert, the cache) and each insert runs the table's statement-level
/// seal and writer triggers: a 25,000-row file took over a minute. In a
/// chunk, the importer hands the poster the chunk's parsed rows first
/// (`beginChunk`): one query finds their accounts and one which of their
/// identities the ledger holds already. Then each row goes through the very
/// same `post` as before; a new row (the common case) takes its id from a
/// counter and waits in a multi-row insert that `endChunk` writes.
///
/// The rows post as the row-by-row path posts them: same ids (the next
/// after the table's largest, in file order), same entries hash, same
/// duplicates and conflicts. A row whose identity the ledger holds goes the
/// row-by-row way (its insert does nothing, its stored row is compared). A
/// row whose identity waits in this chunk's insert (a file that names the
/// same ref twice) first writes the chunk's inserts, then goes that way too.
extension RowPoster {
    final class Chunk {
        /// Account numbers the chunk names that the ledger lacks.
        var missingAccounts: Set<String> = []
        /// Identities (`identity(…)`) of the chunk's rows the ledger holds.
        var existing: Set<String> = []
        /// The charges the chunk's `invoice_ref`s name, by `identity(source,
        /// ref)`: every ref in `chargeRefs` was looked up, found or not.
        var charges: [String: (id: Int64, accountID: Int64)] = [:]
        var chargeRefs: Set<String> = []
        /// Identities of the rows waiting in `inserts`.
        var pending: Set<String> = []
        /// The deferred rows, written by `flush`.
        let inserts: RowBatch

        init(inserts: RowBatch) { self.inserts = inserts }

        func flush() throws {
            try inserts.flush()
            existing.formUnion(pending)
            pending.removeAll(keepingCapacity: true)
        }
    }

    /// How many rows the importer gathers before posting them: 1 for an
    /// adjustments file, whose rows may name the rows before them (a credit
    /// against a debit of the same file, a reversal), and in-process.
    var chunkRows: Int { kind == .adjustments ? 1 : db.dialect.writeChunk }

    /// The key a row's identity has in `Chunk.existing` and `Chunk.pending`.
    static func identity(_ parts: String...) -> String { parts.joined(separator: "\u{1F}") }

    /// Looks up what the chunk's rows name: their accounts, and which of
    /// their identities the ledger holds. Rows that cannot be parsed are not
    /// here; they are rejected as before.
    func beginChunk(_ rows: [RowValues]) throws {
        let chunk = Chunk(inserts: RowBatch(db, columns: Self.deferredColumns(kind), size: 64, [(Self.deferredInsert(kind), "")]))
        var numbers: Set<String> = []
        for v in rows { if let no = v.optional("account_no") { numbers.insert(no) } }
        if kind != .accounts {
            // Bounded as `accountWithCredits` bounds it.
            if accountCache.count > 100_000 - numbers.count { accountCache.removeAll(keepingCapacity: true) }
            numbers.subtract(accountCache.keys)
        }
        if !numbers.isEmpty {
            var found: Set<String> = []
            let c = try db.cursor("SELECT account_no, id, credit_count FROM accounts WHERE account_no IN (\(db.dialect.jsonTexts("?1")))",
                                  [.text(Self.jsonArray(numbers))])
            while try c.step() {
                let no = c.text(0) ?? ""
                found.insert(no)
                if kind == .accounts { chunk.existing.insert(no) } else { accountCache[no] = (c.int(1), c.int(2)) }
            }
            if kind != .accounts { chunk.missingAccounts = numbers.subtracting(found) }
        }
        let refs = Set(rows.compactMap { $0.optional("ref") })
        if !refs.isEmpty, kind == .charges || kind == .payments {
            let sql = kind == .charges
                ? "SELECT source, ref FROM charges WHERE source = 'invoice' AND ref IN (\(db.dialect.jsonTexts("?1")))"
                : "SELECT channel, ref FROM credits WHERE source = 'payment' AND ref IN (\(db.dialect.jsonTexts("?1")))"
            let c = try db.cursor(sql, [.text(Self.jsonArray(refs))])
            while try c.step() { chunk.existing.insert(Self.identity(c.text(0) ?? "", c.text(1) ?? "")) }
        }
        // A payments file names charges posted before it (never in it).
        let invoiceRefs = Set(rows.compactMap { $0.optional("invoice_ref") })
        if kind == .payments, !invoiceRefs.isEmpty {
            let c = try db.cursor("""
                SELECT source, ref, id, account_id FROM charges WHERE source IN ('invoice', 'debit') AND ref IN (\(db.dialect.jsonTexts("?1")))
                """, [.text(Self.jsonArray(invoiceRefs))])
            while try c.step() { chunk.charges[Self.identity(c.text(0) ?? "", c.text(1) ?? "")] = (c.int(2), c.int(3)) }
            chunk.chargeRefs = invoiceRefs
        }
        self.chunk = chunk
    }

    /// Writes the chunk's deferred rows and goes back to row by row.
    func endChunk() throws {
        try chunk?.flush()
        chunk = nil
    }

    /// In a chunk, the id a new row takes (its insert deferred: the caller
    /// adds its values to `chunk.inserts`); nil when the row must go the
    /// row-by-row way.
    func deferredID(_ identity: String, table: String) throws -> Int64? {
        guard let chunk else { return nil }
        if chunk.pending.contains(identity) {
            try chunk.flush()
            return nil
        }
        if chunk.existing.contains(identity) { return nil }
        // Read once per file: every row of the table since was added by this
        // poster, in this transaction (a concurrent writer's row would
        // collide on the primary key, and the transaction runs again).
        let id = try nextID ?? (db.int("SELECT coalesce(max(id), 0) + 1 FROM \(table)") ?? 1)
        nextID = id + 1
        chunk.pending.insert(identity)
        return id
    }

    private static func deferredColumns(_ kind: ImportKind) -> Int { kind == .accounts ? 11 : 10 }

    private static func deferredInsert(_ kind: ImportKind) -> String {
        switch kind {
        case .accounts: "INSERT INTO accounts(id, account_no, name, phone, email, address, timezone, segment, collector, language, va_number) "
        case .charges, .adjustments: "INSERT INTO charges(id, account_id, source, ref, issue_date, due_date, amount, description, batch_id, open_amount) "
        case .payments: "INSERT INTO credits(id, account_id, source, channel, ref, date, amount, charge_id, note, batch_id) "
        }
    }

    /// `["a","b"]`, for `jsonTexts`.
    static func jsonArray(_ texts: some Collection<String>) -> String {
        "[" + texts.map(JSONString.quoted).joined(separator: ",") + "]"
    }
}
