import TagihCore

/// Posting a file a chunk of rows at a time, where every statement is a
/// round trip (`SQLDialect.writeChunk` > 1: PostgreSQL).
///
/// Row by row, a row costs a server two or three round trips (its account,
/// its insert, the cache) and each insert runs the table's statement-level
/// seal and writer triggers: a 25,000-row file took over a minute. In a
/// chunk, the importer hands the poster the chunk's parsed rows first
/// (`beginChunk`): a few queries find their accounts, which of their
/// identities the ledger holds already, and the invoices they name. Then
/// each row goes through the very same `post` as before; a new row (the
/// common case) takes its id from a counter and waits in a multi-row insert
/// that `endChunk` writes.
///
/// The rows post as the row-by-row path posts them: same ids (the next
/// after the table's largest, in file order), same entries hash, same
/// duplicates and conflicts. A row whose identity the ledger holds goes the
/// row-by-row way (its insert does nothing, its stored row is compared). A
/// row that must read one still waiting in the chunk (a file that names the
/// same ref twice, a reversal's ref or payment again) first writes the
/// chunk's inserts, then goes that way too. What later rows of the same
/// chunk may ask of a waiting row without reading it — an adjustment ref's
/// kind, a debit named as an invoice — the chunk answers from its maps.
extension RowPoster {
    final class Chunk {
        private let db: any LedgerSQL
        /// Account numbers the chunk names that the ledger lacks.
        var missingAccounts: Set<String> = []
        /// Identities (`identity(…)`) of the chunk's rows the ledger holds.
        var existing: Set<String> = []
        /// The charges the chunk's `invoice_ref`s name, by `identity(source,
        /// ref)`: every ref in `chargeRefs` was looked up, found or not (and
        /// a debit the chunk adds under such a ref is added here).
        var charges: [String: (id: Int64, accountID: Int64)] = [:]
        var chargeRefs: Set<String> = []
        /// Adjustment refs (one namespace) posted or waiting, with their kind.
        var adjustmentKinds: [String: String] = [:]
        /// The payments the chunk's reversals name by channel, by
        /// `identity(channel, ref)`: every pair in `paymentRefs` was looked
        /// up, found or not (no file but a payments file adds payments).
        var payments: [String: (id: Int64, accountID: Int64, amount: Int64, channel: String)] = [:]
        var paymentRefs: Set<String> = []
        /// For each payment in `payments`, the refs of the reversals that
        /// undo it: the ledger's when the chunk began, then the chunk's own.
        var reversalsOf: [Int64: [String]] = [:]
        /// Identities of the rows waiting, and the payments their reversals undo.
        var pending: Set<String> = []
        var pendingReversals: Set<Int64> = []
        /// The debits added since the last look-ups, by `identity(source,
        /// ref)`: the next look-ups run before they are sent, so cannot see them.
        var unseenDebits: [String: (id: Int64, accountID: Int64)] = [:]
        /// The waiting rows by table, written in this order (a credit may
        /// name a debit of the chunk).
        private var inserts: [(table: String, rows: RowBatch)] = []
        private static let order = ["accounts", "charges", "credits", "reversals"]

        init(_ db: any LedgerSQL) { self.db = db }

        /// The multi-row insert of `table`'s waiting rows.
        func rows(_ table: String) throws -> RowBatch {
            if let found = inserts.first(where: { $0.table == table }) { return found.rows }
            let (types, sql) = RowPoster.deferredInsert(table)
            let batch = try RowBatch(db, types: types, size: 64, [(sql, "")])
            inserts.append((table, batch))
            inserts.sort { Self.order.firstIndex(of: $0.table)! < Self.order.firstIndex(of: $1.table)! }
            return batch
        }

        /// Sends the waiting rows' inserts without waiting for them
        /// (`RowBatch.flushLater`): every later statement on the connection
        /// runs after them, so a read that must see them sees them.
        func flush() throws {
            for i in inserts { try i.rows.flushLater() }
            existing.formUnion(pending)
            pending.removeAll(keepingCapacity: true)
            pendingReversals.removeAll(keepingCapacity: true)
        }

        /// Before the next rows' look-ups: what the last ones found is
        /// forgotten (the sets would grow to the whole file), all but what
        /// they cannot see of the rows still waiting. The adjustment refs'
        /// kinds and the reversals' payments stay whole: few, and true.
        func forgetLookUps() {
            existing.removeAll(keepingCapacity: true)
            missingAccounts.removeAll(keepingCapacity: true)
            charges.removeAll(keepingCapacity: true)
            chargeRefs.removeAll(keepingCapacity: true)
        }
    }

    /// How many rows the importer gathers before posting them (1 in-process).
    var chunkRows: Int { db.dialect.writeChunk }

    /// The key a row's identity has in `Chunk.existing` and `Chunk.pending`.
    static func identity(_ parts: String...) -> String { parts.joined(separator: "\u{1F}") }

    /// Looks up what the chunk's rows name: their accounts, which of their
    /// identities the ledger holds, the invoices they name. Rows that cannot
    /// be parsed are not here; they are rejected as before.
    ///
    /// The chunk before (when there is one) is still waiting: its rows are
    /// looked up first, on the ledger without them, then its inserts are
    /// sent, and the server writes them while the client posts these rows
    /// (a chunk's posting was half the client's time, with the server
    /// idle). What the look-ups cannot see of the waiting rows the chunk's
    /// maps hold, as they hold a chunk's own rows: a row naming a waiting
    /// identity writes the chunk first and reads it (`deferredID`), and
    /// after the inserts are sent their identities count as the ledger's.
    func beginChunk(_ rows: [RowValues]) throws {
        if let chunk {
            chunk.forgetLookUps()
            try lookUp(rows, into: chunk)
            for (key, debit) in chunk.unseenDebits { chunk.charges[key] = debit }
            try chunk.flush()
            chunk.unseenDebits.removeAll(keepingCapacity: true)
            try analyzeGrownTables()
        } else {
            let chunk = Chunk(db)
            try lookUp(rows, into: chunk)
            self.chunk = chunk
        }
    }

    private func lookUp(_ rows: [RowValues], into chunk: Chunk) throws {
        var numbers: Set<String> = []
        for v in rows { if let no = v.optional("account_no") { numbers.insert(no) } }
        if kind != .accounts {
            // Bounded as `accountWithCredits` bounds it.
            if accountCache.count > 100_000 - numbers.count { accountCache.removeAll(keepingCapacity: true) }
            // A look-up per number of the chunk, not a pass over the cache's
            // up to 100,000 keys (`subtract` walked them all: a tenth of the
            // client's time in a charges file, measured with perf).
            numbers = numbers.filter { accountCache[$0] == nil }
        }
        if !numbers.isEmpty {
            var found: Set<String> = []
            try each("SELECT account_no, id, credit_count FROM accounts WHERE \(db.dialect.inJSONTexts("account_no", "?1"))", numbers) { c in
                let no = c.text(0) ?? ""
                found.insert(no)
                if kind == .accounts { chunk.existing.insert(no) } else { accountCache[no] = (c.int(1), c.int(2)) }
            }
            if kind != .accounts { chunk.missingAccounts.formUnion(numbers.subtracting(found)) }
        }
        let refs = Set(rows.compactMap { $0.optional("ref") })
        switch kind {
        case .accounts: break
        case .charges:
            try each("SELECT ref FROM charges WHERE source = 'invoice' AND \(db.dialect.inJSONTexts("ref", "?1"))", refs) { c in
                chunk.existing.insert(Self.identity("invoice", c.text(0) ?? ""))
            }
        case .payments:
            try eachPayment("channel, ref", Self.refsByChannel(rows, ref: "ref")) { c in
                chunk.existing.insert(Self.identity("payment", c.text(0) ?? "", c.text(1) ?? ""))
            }
        case .adjustments:
            // The one namespace of adjustment refs (`adjustmentKindByRef`, for
            // many). A part per source, each ref one probe of that source's
            // unique index (`probeJSONTexts`).
            let d = db.dialect
            try each([d.probeJSONTexts(select: "'debit', ref", from: "charges", where: "source = 'debit'", column: "ref", "?1"),
                      d.probeJSONTexts(select: "source, ref", from: "credits", where: "source = 'credit' AND channel = ''", column: "ref", "?1"),
                      d.probeJSONTexts(select: "source, ref", from: "credits", where: "source = 'writeoff' AND channel = ''", column: "ref", "?1"),
                      d.probeJSONTexts(select: "'reversal', ref", from: "reversals", where: "1 = 1", column: "ref", "?1")]
                .joined(separator: "\nUNION ALL "), refs) { c in
                let kind = c.text(0) ?? "", ref = c.text(1) ?? ""
                if chunk.adjustmentKinds[ref] == nil { chunk.adjustmentKinds[ref] = kind }
                chunk.existing.insert(kind == "debit" || kind == "reversal" ? Self.identity(kind, ref) : Self.identity(kind, "", ref))
            }
            try lookUpReversed(rows, into: chunk)
        }
        // Payments and adjustments name charges posted before them (an
        // adjustment also a debit of its own chunk: `deferredID`'s caller adds it).
        let invoiceRefs = Set(rows.compactMap { $0.optional("invoice_ref") })
        if kind == .payments || kind == .adjustments {
            // Debits are rare beside invoices: probed one by one (`probeJSONTexts`).
            try each("""
                SELECT source, ref, id, account_id FROM charges WHERE source = 'invoice' AND \(db.dialect.inJSONTexts("ref", "?1"))
                UNION ALL \(db.dialect.probeJSONTexts(select: "source, ref, id, account_id", from: "charges", where: "source = 'debit'", column: "ref", "?1"))
                """, invoiceRefs) { c in chunk.charges[Self.identity(c.text(0) ?? "", c.text(1) ?? "")] = (c.int(2), c.int(3)) }
            chunk.chargeRefs.formUnion(invoiceRefs)
        }
    }

    /// The payments a chunk's reversals name with a channel (a statement
    /// per channel, as a payments file's refs), then the reversals that
    /// undo them. Row by row these were three statements a reversal: a
    /// twentieth of an adjustments file on the server, and a third of it
    /// in round trips (measured).
    private func lookUpReversed(_ rows: [RowValues], into chunk: Chunk) throws {
        let refsByChannel = Self.refsByChannel(rows.filter { $0.optional("kind")?.lowercased() == AdjustmentKind.reversal.rawValue },
                                               ref: "payment_ref")
        for (channel, refs) in refsByChannel { for ref in refs { chunk.paymentRefs.insert(Self.identity(channel, ref)) } }
        try eachPayment("channel, ref, id, account_id, amount", refsByChannel) { c in
            let channel = c.text(0) ?? ""
            chunk.payments[Self.identity(channel, c.text(1) ?? "")] = (c.int(2), c.int(3), c.int(4), channel)
        }
        // Payments new to the chunk's maps. Not one a waiting reversal undoes
        // (found row by row: the look-up cannot see that reversal); those
        // already in the maps have every reversal since appended.
        let ids = Set(chunk.payments.values.map(\.id)).filter { chunk.reversalsOf[$0] == nil && !chunk.pendingReversals.contains($0) }
        var found: [Int64: [String]] = Dictionary(uniqueKeysWithValues: ids.map { ($0, []) })
        try each("SELECT credit_id, ref FROM reversals WHERE \(db.dialect.inJSONInts("credit_id", "?1")) ORDER BY credit_id, id",
                 Set(ids.map(String.init))) { c in found[c.int(0), default: []].append(c.text(1) ?? "") }
        chunk.reversalsOf.merge(found) { old, _ in old }
    }

    /// The payment refs the rows name in the column `ref`, by channel; a row
    /// without either names no payment.
    private static func refsByChannel(_ rows: [RowValues], ref: String) -> [String: Set<String>] {
        var refs: [String: Set<String>] = [:]
        for v in rows {
            if let channel = v.optional("channel"), let r = v.optional(ref) { refs[channel, default: []].insert(r) }
        }
        return refs
    }

    /// Runs `SELECT columns FROM credits` for the payments named by
    /// `refsByChannel`: a statement per channel, its refs each one probe of
    /// the unique index `(source, channel, ref)`. All the channels beside
    /// all the refs in one statement had PostgreSQL 15 probe the index for
    /// every pair of them (5 channels × 2,000 refs, 27 ms a chunk, an
    /// eighth of a payments import).
    private func eachPayment(_ columns: String, _ refsByChannel: [String: Set<String>], _ row: (any SQLCursor) throws -> Void) throws {
        for (channel, refs) in refsByChannel.sorted(by: { $0.key < $1.key }) {
            try each("""
                SELECT \(columns) FROM credits
                WHERE source = 'payment' AND \(db.dialect.inJSONTexts("channel", "?2")) AND \(db.dialect.inJSONTexts("ref", "?1"))
                """, refs, also: [channel], row)
        }
    }

    /// Runs `sql` with `texts` as a JSON array at `?1` (nothing for none).
    /// Read whole (`small`: a chunk's worth of rows, one round trip).
    /// With `also`, a second array at `?2`.
    private func each(_ sql: String, _ texts: Set<String>, also: Set<String>? = nil, _ row: (any SQLCursor) throws -> Void) throws {
        guard !texts.isEmpty else { return }
        func json(_ t: Set<String>) -> SQLValue { .text(JSONString.array(t)) }
        let c = try db.small(sql, [json(texts)] + (also.map { [json($0)] } ?? []))
        while try c.step() { try row(c) }
    }

    /// Writes the chunk's waiting rows and goes back to row by row. A
    /// table this file has grown by 4,000 rows and by as many as its
    /// statistics counted, then by each doubling of that, has its
    /// statistics brought up to date (`SQLDialect.analyze`): a few times a
    /// file into a new ledger, none for a nightly file of a few thousand
    /// rows, none for 50,000 debits beside a million charges (four
    /// ANALYZEs of the charges were a tenth of such a file, measured).
    func endChunk() throws {
        try chunk?.flush()
        chunk = nil
        try analyzeGrownTables()
    }

    private func analyzeGrownTables() throws {
        for (table, next) in nextIDs {
            let added = Int(next - (firstIDs[table] ?? next))
            guard added >= 4_000, let sql = db.dialect.analyze(table) else { continue }
            if analyzeAt[table] == nil {
                // The statistics as the file found them (read before its first ANALYZE).
                let counted = try db.dialect.plannedRows(table).map { try db.int($0) ?? 0 } ?? 0
                analyzeAt[table] = max(4_000, Int(counted))
            }
            guard added >= analyzeAt[table]! else { continue }
            try db.execute(sql, [])
            analyzeAt[table] = 2 * added
        }
    }

    /// Inserts a new row of `table` (its values but the id): in a chunk it
    /// takes its id from the counter and waits in the chunk's insert; else
    /// (or when it must go the row-by-row way) `statement` inserts it. Nil:
    /// the identity was in the ledger, nothing inserted.
    func insertRow(_ table: String, identity: String, by statement: any SQLStatement, _ values: [SQLValue]) throws -> Int64? {
        if let id = try deferredID(identity, table: table) {
            try chunk!.rows(table).add([.int(id)] + values)
            return id
        }
        return try statement.inserted(values)
    }

    /// In a chunk, the id a new row of `table` takes (`insertRow` defers
    /// its insert); nil when the row must go the row-by-row way.
    private func deferredID(_ identity: String, table: String) throws -> Int64? {
        guard let chunk else { return nil }
        if chunk.pending.contains(identity) {
            try chunk.flush()
            return nil
        }
        if chunk.existing.contains(identity) { return nil }
        // Read once per table and file: every row of the table since was
        // added by this poster, in this transaction (a concurrent writer's
        // row would collide on the primary key, and the transaction runs again).
        let id: Int64
        if let next = nextIDs[table] { id = next } else {
            id = try db.int("SELECT coalesce(max(id), 0) + 1 FROM \(table)") ?? 1
            firstIDs[table] = id
        }
        nextIDs[table] = id + 1
        chunk.pending.insert(identity)
        return id
    }

    /// The columns' types and the SQL before the rows of a deferred insert.
    static func deferredInsert(_ table: String) -> (types: [SQLColumnType], sql: String) {
        let i = SQLColumnType.integer, t = SQLColumnType.text
        return switch table {
        case "accounts": ([i, t, t, t, t, t, t, t, t, t, t],
                          "INSERT INTO accounts(id, account_no, name, phone, email, address, timezone, segment, collector, language, va_number) ")
        case "charges": ([i, i, t, t, i, i, i, t, i, i],
                         "INSERT INTO charges(id, account_id, source, ref, issue_date, due_date, amount, description, batch_id, open_amount) ")
        case "credits": ([i, i, t, t, t, i, i, i, t, i],
                         "INSERT INTO credits(id, account_id, source, channel, ref, date, amount, charge_id, note, batch_id) ")
        default: ([i, i, t, i, i, t, i], "INSERT INTO reversals(id, account_id, ref, date, credit_id, reason, batch_id) ")
        }
    }
}
