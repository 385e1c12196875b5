import Foundation
import TagihCore

/// Validates and posts the rows of one file inside its transaction.
///
/// Every row either posts, is a duplicate of what was posted before (same
/// identity, same content: skipped), or throws a `RowError` (the identity was
/// posted with other content, or a field is wrong).
///
/// It speaks the store's seam (`LedgerSQL`), so the same rows post the same
/// way on SQLite and on PostgreSQL. On SQLite its statements are still the
/// raw prepared ones (`Prepared`, bound through SQLite's C API), so a file of
/// a million rows posts as fast as before the seam; what only SQLite needs
/// (dropping the cache's indexes for a bulk load, the FTS5 name search) is
/// asked of the dialect, and is nothing on PostgreSQL.
///
/// New rows take `max(id) + 1` in the insert itself (R21, as SQLite's rowid
/// would): no id is held in memory, so a row undone by a savepoint (the
/// payment desk) leaves no gap, and the inserts say with `RETURNING id`
/// whether they posted (nothing returned: the identity was there).
final class RowPoster {
    enum Result { case posted, duplicate }

    let db: any LedgerSQL
    let kind: ImportKind
    let batchID: Int64
    let settings: Settings
    private(set) var touched: Set<Int64> = []
    private var maxDay: Int64 = Int64.min
    private var hasher = EntryHasher()
    var entriesHash: String { hasher.finalize() }

    // Look-ups and inserts, prepared once per file.
    private let accountByNo: any SQLStatement
    private let chargeByRef: any SQLStatement
    private let knownLogins: Set<String>
    private var zoneCache: [String: Bool] = [:]
    var accountCache: [String: (id: Int64, credits: Int64)] = [:]
    /// The chunk being posted (`RowPosterChunks`): nil row by row.
    var chunk: Chunk?
    /// The id the next deferred row of each table takes (`deferredID`),
    /// the first it took, and how many rows the table had gained when its
    /// statistics were last brought up to date (`endChunk`).
    var nextIDs: [String: Int64] = [:]
    var firstIDs: [String: Int64] = [:]
    /// How many rows a table must have grown by in this file for its next ANALYZE (`analyzeGrownTables`).
    var analyzeAt: [String: Int] = [:]
    private var lastAccount: (no: String, found: (id: Int64, credits: Int64))?
    /// Updates the cache by addition for invoices on accounts with no credit
    /// (a charges file never holds credits, so that stays true to its end).
    private let adder: LedgerCache.Adder
    /// Phone search keys, kept in step with each account's phone field.
    private var phones: PhoneIndex
    /// Name search, brought up to date at the end of an accounts file.
    private var names: NameIndex?
    /// Accounts with a larger id were added by this file and are not sealed
    /// yet (they have no insert trigger): the importer seals them as it
    /// closes the batch. An update of one of them (the file names it twice)
    /// seals those added so far first, since the update's trigger moves the
    /// seal from the row as it was: sealed again at the close, the row would
    /// count twice (`check`: "its rows differ from what the trail sealed").
    private(set) var sealedThrough: Int64 = 0
    /// Rows of a ledger file after which it counts as a bulk load (a quarter
    /// of the book, at least 50,000): from then on the indexes over cached
    /// figures are dropped and built again once at the end (`finish`),
    /// instead of being updated row by row. A nightly file stays below it.
    private let bulkThreshold: Int
    private var rows = 0
    /// The SQL of the indexes dropped for a bulk load, rebuilt by `finish`.
    private var droppedIndexes: [String]?
    var isBulkLoad: Bool { droppedIndexes != nil }

    init(db: any LedgerSQL, kind: ImportKind, batchID: Int64, settings: Settings, bulkMinimum: Int = 50_000) throws {
        self.db = db
        self.kind = kind
        self.batchID = batchID
        self.settings = settings
        accountByNo = try db.prepare("SELECT id, credit_count FROM accounts WHERE account_no = ?")
        chargeByRef = try db.prepare("SELECT id, account_id FROM charges WHERE source = ? AND ref = ?")
        // Every statement is prepared up front (a few milliseconds) so that a
        // schema problem is an error before the first row, never a trap mid-file.
        accountRow = try db.prepare(Self.accountRowSQL)
        insertAccount = try db.prepare(Self.insertAccountSQL)
        updateAccount = try db.prepare(Self.updateAccountSQL)
        insertCharge = try db.prepare(Self.insertChargeSQL)
        chargeRow = try db.prepare(Self.chargeRowSQL)
        insertCredit = try db.prepare(Self.insertCreditSQL)
        creditRow = try db.prepare(Self.creditRowSQL)
        paymentByRef = try db.prepare(Self.paymentByRefSQL)
        paymentsByRef = try db.prepare(Self.paymentsByRefSQL)
        reversalByCredit = try db.prepare(Self.reversalByCreditSQL)
        reversalByRef = try db.prepare(Self.reversalByRefSQL)
        insertReversal = try db.prepare(Self.insertReversalSQL)
        adjustmentKindByRef = try db.prepare(Self.adjustmentKindByRefSQL)
        adder = try LedgerCache.Adder(db)
        if kind != .accounts { try BookTotals.prime(db) }
        phones = try PhoneIndex(db)
        names = kind == .accounts ? try NameIndex(db) : nil
        sealedThrough = (names?.firstNewID ?? 1) - 1
        knownLogins = Set(try db.rows("SELECT login FROM users").map { $0.string("login") })
        bulkThreshold = max(bulkMinimum, Int(try db.int("SELECT max(id) FROM accounts") ?? 0) / 4)
    }

    func post(_ v: RowValues) throws -> Result {
        rows += 1
        if rows == bulkThreshold, kind == .charges, droppedIndexes == nil {
            droppedIndexes = try db.dialect.dropIndexes(LedgerCache.cacheIndexes, in: db)
        }
        switch kind {
        case .accounts: return try postAccount(v)
        case .charges: return try postCharge(v)
        case .payments: return try postPayment(v)
        case .adjustments: return try postAdjustment(v)
        }
    }

    /// Refreshes the cache for the accounts this file touched and records the
    /// newest entry date.
    func finish() throws {
        if kind == .accounts {
            try phones.flush()
            try names?.finish(db)
        }
        guard kind != .accounts else { return }
        if maxDay > Int64.min { try db.noteEntryDay(maxDay) }
        if kind == .charges { try adder.finish() }
        if !touched.isEmpty { try LedgerCache.refresh(db, accounts: touched) }
        if let sql = droppedIndexes { for index in sql { try db.execute(index, []) } }
        // A file that takes the book's totals out of range is refused whole (R9).
        // What was ever charged and credited bounds every open total and
        // unapplied credit too, so the two running totals are the whole check.
        if totalsOverflow { throw StoreError.overflow("the book's total") }
        try BookTotals.add(db, charged: charged, credited: credited)
    }

    private func noteDay(_ d: Day) { maxDay = max(maxDay, Int64(d.ordinal)) }

    /// What this file charged and credited (BookTotals), and whether that
    /// alone overflowed: the file is then refused at `finish`.
    private var charged: Int64 = 0
    private var credited: Int64 = 0
    private var totalsOverflow = false
    private func count(_ amount: Int64, into sum: inout Int64) {
        let (next, overflow) = sum.addingReportingOverflow(amount)
        if overflow { totalsOverflow = true } else { sum = next }
    }

    // MARK: look-ups

    private func account(_ v: RowValues) throws -> Int64 {
        try accountWithCredits(v).id
    }

    /// The account's id and how many credits it had before this file.
    private func accountWithCredits(_ v: RowValues) throws -> (id: Int64, credits: Int64) {
        let no = try v.required("account_no")
        // Billing files list an account's rows together: most look-ups are
        // for the account of the row before.
        if let last = lastAccount, last.no == no { return last.found }
        if let hit = accountCache[no] { lastAccount = (no, hit); return hit }
        if chunk?.missingAccounts.contains(no) == true { throw RowError("account_no", "unknown account \(shown(no))") }
        guard try accountByNo.first(.text(no)) else { throw RowError("account_no", "unknown account \(shown(no))") }
        let found = (accountByNo.int(0), accountByNo.int(1))
        if accountCache.count > 100_000 { accountCache.removeAll(keepingCapacity: true) }
        accountCache[no] = found
        lastAccount = (no, found)
        return found
    }

    /// The charge an `invoice_ref` names: the row's own account's invoice,
    /// else its debit adjustment, of that ref. Refs are unique per source,
    /// not across accounts, so both are looked up before another account's
    /// charge of the same ref is named as the reason.
    private func charge(ref: String, accountID: Int64, field: String) throws -> Int64 {
        // In a chunk the refs were looked up together (`beginChunk`).
        let prefetched = chunk.flatMap { $0.chargeRefs.contains(ref) ? $0 : nil }
        var elsewhere = false
        for source in ["invoice", "debit"] {
            let hit: (id: Int64, accountID: Int64)?
            if let prefetched {
                hit = prefetched.charges[Self.identity(source, ref)]
            } else {
                hit = try chargeByRef.first(.text(source), .text(ref)) ? (chargeByRef.int(0), chargeByRef.int(1)) : nil
            }
            guard let hit else { continue }
            if hit.accountID == accountID { return hit.id }
            elsewhere = true
        }
        if elsewhere { throw RowError(field, "\(shown(ref)) is a charge of another account") }
        throw RowError(field, "unknown invoice ref \(shown(ref)) for this account")
    }

    /// The row's `ref`; refs beginning `PLAN-` or `CASE-` are Tagih's own
    /// (plan discounts, case credits) and no file may post one (CONTRACT §3).
    private func entryRef(_ v: RowValues) throws -> String {
        let ref = try v.required("ref")
        if ref.hasPrefix("PLAN-") || ref.hasPrefix("CASE-") {
            throw RowError("ref", "\(shown(ref)) is reserved (refs beginning PLAN- or CASE- are Tagih's own)")
        }
        return ref
    }

    /// Compares the row with what was posted under the same identity.
    private func sameOrConflict(_ what: String, posted: [(String, String?)], row: [(String, String?)]) throws -> Result {
        let differing = zip(posted, row).filter { $0.0.1 != $0.1.1 }.map { $0.0.0 }
        if differing.isEmpty { return .duplicate }
        throw RowError(nil, "conflicts with \(what) already posted with a different \(differing.joined(separator: ", "))")
    }

    private func chargeRef(_ id: Int64?) throws -> String? {
        guard let id else { return nil }
        return try db.text("SELECT ref FROM charges WHERE id = ?", [.int(id)])
    }

    // MARK: accounts

    private let accountRow: any SQLStatement
    private static let accountRowSQL = """
    SELECT id, name, phone, email, address, timezone, segment, collector, language, va_number FROM accounts WHERE account_no = ?
    """
    private let insertAccount: any SQLStatement
    private static let insertAccountSQL = """
    INSERT INTO accounts(id, account_no, name, phone, email, address, timezone, segment, collector, language, va_number)
    VALUES ((SELECT coalesce(max(id), 0) + 1 FROM accounts), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(account_no) DO NOTHING RETURNING id
    """
    private let updateAccount: any SQLStatement
    private static let updateAccountSQL = """
    UPDATE accounts SET name = ?, phone = ?, email = ?, address = ?, timezone = ?, segment = ?, collector = ?, language = ?, va_number = ?
    WHERE id = ?
    """

    /// What an accounts row says about an optional field (CONTRACT §3): an
    /// empty field (or a column the file lacks) leaves the stored value as it
    /// is; exactly `-` clears it; anything else is the new value.
    enum FieldChange: Equatable {
        case keep, clear, set(String)

        init(_ v: RowValues, _ name: String) {
            switch v.optional(name) {
            case nil: self = .keep
            case "-": self = .clear
            case let text?: self = .set(text)
            }
        }

        /// The value after the change, from `old`.
        func applied(to old: String?) -> String? {
            switch self {
            case .keep: old
            case .clear: nil
            case .set(let text): text
            }
        }
    }

    private func postAccount(_ v: RowValues) throws -> Result {
        let no = try v.required("account_no")
        let name = try v.required("name")
        let phone = FieldChange(v, "phone"), email = FieldChange(v, "email"), address = FieldChange(v, "address")
        let segment = FieldChange(v, "segment"), collector = FieldChange(v, "collector")
        // A cleared time zone goes back to the default; a new account without one takes it.
        var zone = FieldChange(v, "timezone")
        if zone == .clear { zone = .set(settings.defaultTimeZone) }
        if case .set(let z) = zone {
            if zoneCache[z] == nil {
                // Bounded like the account cache: a hostile file of distinct names must not grow it without end.
                if zoneCache.count > 10_000 { zoneCache.removeAll(keepingCapacity: true) }
                zoneCache[z] = TimeZone(identifier: z) != nil && z.contains("/") || z == "UTC"
            }
            guard zoneCache[z]! else { throw RowError("timezone", "unknown time zone \(shown(z)) (expected an IANA name such as Asia/Makassar)") }
        }
        // The debtor's language (CONTRACT §3); none (or `-`) is the rules' default, decided when a message is written.
        let language = FieldChange(v, "language"), va = FieldChange(v, "va_number")
        if case .set(let l) = language, Language(rawValue: l) == nil { throw RowError("language", "\(shown(l)) is not a language (expected id or en)") }
        if case .set(let c) = collector, Login.validate(c) != nil { throw RowError("collector", "is not a login (1 to 32 letters, digits, '.', '_' or '-')") }
        if case .set(let c) = collector, !knownLogins.contains(c) { throw RowError("collector", "unknown login \(shown(c))") }

        // A new account is one insert; only when the number exists already is
        // the stored row read and compared.
        let newPhone = phone.applied(to: nil)
        if let id = try insertRow("accounts", identity: no, by: insertAccount, [
            .text(no), .text(name), .opt(newPhone), .opt(email.applied(to: nil)), .opt(address.applied(to: nil)),
            .text(zone.applied(to: settings.defaultTimeZone)!), .opt(segment.applied(to: nil)), .opt(collector.applied(to: nil)),
            .opt(language.applied(to: nil)), .opt(va.applied(to: nil)),
        ]) {
            phones.add(account: id, phone: newPhone)
            return .posted
        }

        // The same number again: each field changes only as the row says, so
        // a row whose filled fields equal the stored ones is a duplicate.
        guard try accountRow.first(.text(no)) else { throw RowError("account_no", "cannot read account \(shown(no))") }
        let id = accountRow.int(0)
        let old: [String?] = (1...9).map { accountRow.text(Int32($0)) }
        let new: [String?] = [name, phone.applied(to: old[1]), email.applied(to: old[2]), address.applied(to: old[3]),
                              zone.applied(to: old[4]), segment.applied(to: old[5]), collector.applied(to: old[6]),
                              language.applied(to: old[7]), va.applied(to: old[8])]
        if old == new { return .duplicate }
        if id > sealedThrough {
            try db.execute(db.dialect.sealAdded(table: SealedTable.accounts.rawValue, where: "id > ?"), sealedThrough)
            sealedThrough = try db.int("SELECT coalesce(max(id), 0) FROM accounts") ?? sealedThrough
        }
        try updateAccount.perform(.text(name), .opt(new[1]), .opt(new[2]), .opt(new[3]), .opt(new[4]), .opt(new[5]), .opt(new[6]),
                                  .opt(new[7]), .opt(new[8]), .int(id))
        if new[1] != old[1] {
            // Replacing a key writes the keys waiting in `phones`, some of
            // them of accounts waiting in the chunk's insert: those go first.
            try chunk?.flush()
            try phones.set(account: id, phone: new[1], replacing: old[1])
        }
        if let oldName = old[0], oldName != name { names?.rename(account: id, from: oldName) }
        return .posted
    }

    // MARK: charges

    private let insertCharge: any SQLStatement
    private static let insertChargeSQL = """
    INSERT INTO charges(id, account_id, source, ref, issue_date, due_date, amount, description, batch_id, open_amount)
    VALUES ((SELECT coalesce(max(id), 0) + 1 FROM charges), ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, ref) DO NOTHING RETURNING id
    """
    private let chargeRow: any SQLStatement
    private static let chargeRowSQL = """
    SELECT a.account_no, c.issue_date, c.due_date, c.amount, c.description
    FROM charges c JOIN accounts a ON a.id = c.account_id WHERE c.source = ? AND c.ref = ?
    """

    private func postCharge(_ v: RowValues) throws -> Result {
        let ref = try entryRef(v)
        let issue = try v.date("issue_date")
        let due = try v.date("due_date")
        let amount = try v.amount("amount")
        let account = try accountWithCredits(v)
        let description = v.optional("description")
        return try insertChargeRow(source: .invoice, accountID: account.id, accountNo: try v.required("account_no"), ref: ref,
                                   issue: issue, due: due, amount: amount, description: description, what: "charge \(ref)",
                                   additive: account.credits == 0)
    }

    private func insertChargeRow(source kind: Charge.Kind, accountID: Int64, accountNo: String, ref: String, issue: Day, due: Day,
                                 amount: Money, description: String?, what: String, additive: Bool = false) throws -> Result {
        let source = kind.rawValue
        guard let id = try insertRow("charges", identity: Self.identity(source, ref), by: insertCharge, [
            .int(accountID), .text(source), .text(ref), .int(Int64(issue.ordinal)), .int(Int64(due.ordinal)), .int(amount.minor),
            .opt(description), .int(batchID), .int(amount.minor),
        ]) else {
            guard try chargeRow.first(.text(source), .text(ref)) else { throw RowError("ref", "cannot read posted \(what)") }
            let posted: [(String, String?)] = [
                ("account_no", chargeRow.text(0)), ("date", Day(ordinal: Int32(chargeRow.int(1))).iso),
                ("due_date", Day(ordinal: Int32(chargeRow.int(2))).iso), ("amount", String(chargeRow.int(3))),
                ("description", chargeRow.text(4)),
            ]
            let row: [(String, String?)] = [("account_no", accountNo), ("date", issue.iso), ("due_date", due.iso),
                                            ("amount", String(amount.minor)), ("description", description)]
            return try sameOrConflict(what, posted: posted, row: row)
        }
        // In a chunk, a later row may name this debit as its invoice.
        if let chunk {
            if chunk.chargeRefs.contains(ref) { chunk.charges[Self.identity(source, ref)] = (id, accountID) }
            chunk.unseenDebits[Self.identity(source, ref)] = (id, accountID)
        }
        count(amount.minor, into: &charged)
        hasher.charge(id: id, accountID: accountID, source: source, ref: ref, issue: Int64(issue.ordinal), due: Int64(due.ordinal),
                      amount: amount.minor, description: description)
        if additive {
            // A wholly open charge on an account without credits: added to
            // the account's totals, no replay.
            try adder.add(account: accountID, amount: amount.minor, due: Int64(due.ordinal))
        } else {
            touched.insert(accountID)
        }
        noteDay(issue)
        return .posted
    }

    // MARK: payments and credit adjustments

    private let insertCredit: any SQLStatement
    private static let insertCreditSQL = """
    INSERT INTO credits(id, account_id, source, channel, ref, date, amount, charge_id, note, batch_id)
    VALUES ((SELECT coalesce(max(id), 0) + 1 FROM credits), ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source, channel, ref) DO NOTHING RETURNING id
    """
    private let creditRow: any SQLStatement
    private static let creditRowSQL = """
    SELECT a.account_no, c.date, c.amount, c.charge_id, c.note, c.id
    FROM credits c JOIN accounts a ON a.id = c.account_id WHERE c.source = ? AND c.channel = ? AND c.ref = ?
    """

    private func postPayment(_ v: RowValues) throws -> Result {
        let ref = try entryRef(v)
        let paidOn = try v.date("paid_on")
        let amount = try v.amount("amount")
        let channel = try v.required("channel")
        let accountID = try account(v)
        let target = try v.optional("invoice_ref").map { try charge(ref: $0, accountID: accountID, field: "invoice_ref") }
        return try insertCreditRow(source: .payment, channel: channel, accountID: accountID, accountNo: try v.required("account_no"),
                                   ref: ref, date: paidOn, amount: amount, target: target, note: nil, what: "payment \(channel)/\(ref)")
    }

    private func insertCreditRow(source kind: Credit.Kind, channel: String, accountID: Int64, accountNo: String, ref: String, date: Day,
                                 amount: Money, target: Int64?, note: String?, what: String) throws -> Result {
        let source = kind.rawValue
        guard let id = try insertRow("credits", identity: Self.identity(source, channel, ref), by: insertCredit, [
            .int(accountID), .text(source), .text(channel), .text(ref), .int(Int64(date.ordinal)), .int(amount.minor), .opt(target),
            .opt(note), .int(batchID),
        ]) else {
            guard try creditRow.first(.text(source), .text(channel), .text(ref)) else { throw RowError("ref", "cannot read posted \(what)") }
            let postedTarget = creditRow.optInt(3)
            let posted: [(String, String?)] = [
                ("account_no", creditRow.text(0)), ("date", Day(ordinal: Int32(creditRow.int(1))).iso),
                ("amount", String(creditRow.int(2))), ("invoice_ref", try chargeRef(postedTarget)), ("reason", creditRow.text(4)),
            ]
            let row: [(String, String?)] = [("account_no", accountNo), ("date", date.iso), ("amount", String(amount.minor)),
                                            ("invoice_ref", try chargeRef(target)), ("reason", note)]
            return try sameOrConflict(what, posted: posted, row: row)
        }
        count(amount.minor, into: &credited)
        hasher.credit(id: id, accountID: accountID, source: source, channel: channel, ref: ref, date: Int64(date.ordinal),
                      amount: amount.minor, chargeID: target, note: note)
        touched.insert(accountID)
        noteDay(date)
        return .posted
    }

    // MARK: adjustments

    private let paymentByRef: any SQLStatement
    private static let paymentByRefSQL = """
    SELECT id, account_id, amount, channel FROM credits WHERE source = 'payment' AND channel = ? AND ref = ?
    """
    private let paymentsByRef: any SQLStatement
    private static let paymentsByRefSQL = """
    SELECT id, account_id, amount, channel FROM credits WHERE source = 'payment' AND account_id = ? AND ref = ?
    """
    private let reversalByCredit: any SQLStatement
    private static let reversalByCreditSQL = "SELECT ref FROM reversals WHERE credit_id = ?"
    private let reversalByRef: any SQLStatement
    private static let reversalByRefSQL = """
    SELECT a.account_no, r.date, c.channel, c.ref, r.reason FROM reversals r
    JOIN accounts a ON a.id = r.account_id JOIN credits c ON c.id = r.credit_id WHERE r.ref = ?
    """
    private let insertReversal: any SQLStatement
    private static let insertReversalSQL = """
    INSERT INTO reversals(id, account_id, ref, date, credit_id, reason, batch_id)
    VALUES ((SELECT coalesce(max(id), 0) + 1 FROM reversals), ?, ?, ?, ?, ?, ?) RETURNING id
    """
    private let adjustmentKindByRef: any SQLStatement
    private static let adjustmentKindByRefSQL = """
    SELECT 'debit' FROM charges WHERE source = 'debit' AND ref = ?1
    UNION ALL SELECT source FROM credits WHERE source IN ('credit', 'writeoff') AND channel = '' AND ref = ?1
    UNION ALL SELECT 'reversal' FROM reversals WHERE ref = ?1
    """

    private func postAdjustment(_ v: RowValues) throws -> Result {
        let ref = try entryRef(v)
        let date = try v.date("date")
        let kindText = try v.required("kind").lowercased()
        guard let kind = AdjustmentKind(rawValue: kindText) else {
            throw RowError("kind", "unknown kind \(shown(kindText)) (expected \(AdjustmentKind.listed))")
        }
        let accountID = try account(v)
        let accountNo = try v.required("account_no")
        let reason = v.optional("reason")
        let what = "adjustment \(ref)"
        // One namespace for adjustment refs, whatever their kind (in a chunk,
        // the refs were looked up together and the chunk's own are kept).
        let postedKind: String?
        if let chunk {
            postedKind = chunk.adjustmentKinds[ref]
        } else {
            postedKind = try adjustmentKindByRef.first(.text(ref)) ? adjustmentKindByRef.text(0) : nil
        }
        if let postedKind, postedKind != kind.rawValue {
            throw RowError(nil, "conflicts with \(what) already posted with a different kind (\(postedKind))")
        }
        let result = try postAdjustment(v, kind: kind, ref: ref, date: date, accountID: accountID, accountNo: accountNo, reason: reason, what: what)
        if result == .posted { chunk?.adjustmentKinds[ref] = kind.rawValue }
        return result
    }

    private func postAdjustment(_ v: RowValues, kind: AdjustmentKind, ref: String, date: Day, accountID: Int64, accountNo: String,
                                reason: String?, what: String) throws -> Result {
        switch kind.entry {
        case .credit(let source):
            let amount = try v.amount("amount")
            let target = try v.optional("invoice_ref").map { try charge(ref: $0, accountID: accountID, field: "invoice_ref") }
            return try insertCreditRow(source: source, channel: "", accountID: accountID, accountNo: accountNo, ref: ref,
                                       date: date, amount: amount, target: target, note: reason, what: what)
        case .charge(let source):
            let amount = try v.amount("amount")
            let due = try v.optionalDate("due_date") ?? date
            if let inv = v.optional("invoice_ref") { _ = try charge(ref: inv, accountID: accountID, field: "invoice_ref") }
            return try insertChargeRow(source: source, accountID: accountID, accountNo: accountNo, ref: ref, issue: date, due: due,
                                       amount: amount, description: reason, what: what)
        case .reversal:
            return try postReversal(v, ref: ref, date: date, accountID: accountID, accountNo: accountNo, reason: reason, what: what)
        }
    }

    private func postReversal(_ v: RowValues, ref: String, date: Day, accountID: Int64, accountNo: String,
                              reason: String?, what: String) throws -> Result {
        let paymentRef = try v.required("payment_ref")
        let channel = v.optional("channel")
        // The payment: by (channel, ref); without a channel, the account's only payment with that ref.
        var payment: (id: Int64, accountID: Int64, amount: Int64, channel: String)?
        if let channel, let chunk, chunk.paymentRefs.contains(Self.identity(channel, paymentRef)) {
            payment = chunk.payments[Self.identity(channel, paymentRef)]
        } else if let channel {
            if try paymentByRef.first(.text(channel), .text(paymentRef)) {
                payment = (paymentByRef.int(0), paymentByRef.int(1), paymentByRef.int(2), paymentByRef.text(3) ?? "")
            }
        } else {
            try paymentsByRef.run(with: [.int(accountID), .text(paymentRef)])
            var found: [(Int64, Int64, Int64, String)] = []
            while try paymentsByRef.step() {
                found.append((paymentsByRef.int(0), paymentsByRef.int(1), paymentsByRef.int(2), paymentsByRef.text(3) ?? ""))
            }
            if found.count > 1 { throw RowError("channel", "missing: payment ref \(shown(paymentRef)) exists on several channels") }
            payment = found.first
        }
        guard let p = payment else {
            throw RowError("payment_ref", "unknown payment \(shown("\(channel.map { "\($0)/" } ?? "")\(paymentRef)")) for this account")
        }
        guard p.accountID == accountID else { throw RowError("payment_ref", "payment \(shown(paymentRef)) belongs to another account") }
        if let amount = try v.optionalAmount("amount"), amount.minor != p.amount {
            throw RowError("amount", "a reversal reverses the whole payment (\(Money(minor: p.amount).machine(settings.currency))), not \(amount.machine(settings.currency))")
        }

        // A reversal waiting in the chunk under this ref or of this payment is read below: written first.
        // In a chunk, the chunk's maps say what the two reads below would
        // find, unless the ref is a reversal's already or the payment has
        // more than one reversal (a plan's and another: which `first` reads).
        let undoneBy = chunk?.reversalsOf[p.id].flatMap { $0.count <= 1 ? $0 : nil }
        if let chunk, chunk.adjustmentKinds[ref] == "reversal" || (undoneBy == nil && chunk.pendingReversals.contains(p.id)) { try chunk.flush() }
        if chunk?.adjustmentKinds[ref] != nil || chunk == nil, try reversalByRef.first(.text(ref)) {
            let posted: [(String, String?)] = [("account_no", reversalByRef.text(0)), ("date", Day(ordinal: Int32(reversalByRef.int(1))).iso),
                                               ("channel", reversalByRef.text(2)), ("payment_ref", reversalByRef.text(3)),
                                               ("reason", reversalByRef.text(4))]
            let row: [(String, String?)] = [("account_no", accountNo), ("date", date.iso), ("channel", p.channel),
                                            ("payment_ref", paymentRef), ("reason", reason)]
            return try sameOrConflict(what, posted: posted, row: row)
        }
        if let undoneBy {
            if let earlier = undoneBy.first {
                throw RowError("payment_ref", "payment \(shown("\(p.channel)/\(paymentRef)")) was already reversed by \(earlier)")
            }
        } else if try reversalByCredit.first(.int(p.id)) {
            throw RowError("payment_ref", "payment \(shown("\(p.channel)/\(paymentRef)")) was already reversed by \(reversalByCredit.text(0) ?? "another adjustment")")
        }
        guard let id = try insertRow("reversals", identity: Self.identity("reversal", ref), by: insertReversal, [
            .int(accountID), .text(ref), .int(Int64(date.ordinal)), .int(p.id), .opt(reason), .int(batchID),
        ]) else {
            throw RowError("ref", "cannot read posted \(what)")
        }
        chunk?.pendingReversals.insert(p.id)
        chunk?.reversalsOf[p.id]?.append(ref)
        hasher.reversal(id: id, accountID: accountID, ref: ref, date: Int64(date.ordinal), creditID: p.id, reason: reason)
        touched.insert(accountID)
        noteDay(date)
        return .posted
    }
}
