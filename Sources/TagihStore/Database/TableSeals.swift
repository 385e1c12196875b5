import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// Seals over the tables people change (CONTRACT §1a, issue 14): users, the
/// rules, accounts (their owner, names and contact details), contacts, plans
/// with their schedules and decisions.
///
/// The ledger entries are proven by the hashes of their import batches; these
/// tables have no batch. So each keeps a *seal*: the sum, modulo 2²⁵⁶, of the
/// SHA-256 of every row (a multiset hash: order-free, and a row's change is
/// its old hash taken out and its new one added). Triggers hand every
/// written row's hash to the writing connection, whichever code path writes
/// it; the audit row that ends the change records the new seal of each table
/// the change moved, inside its own hash. `tagih check` recomputes each table's seal from its rows and
/// compares it with the newest one the audit trail recorded: a row added,
/// changed or removed by anything but Tagih is found, even when the chain of
/// audit hashes is left whole. (What it cannot find: a rewrite of the trail
/// itself by someone who can write the file — see the README.)
///
/// The row hash and the seal arithmetic are SQL functions Tagih registers on
/// each of its connections (`tagih_row`, `tagih_seal`), so the triggers run
/// only inside Tagih: the `sqlite3` shell cannot write a sealed table at all
/// without first dropping a trigger, which `check` reports; and a change the
/// trail did not record stays found, whatever Tagih records after it.
enum SealedTable: String, CaseIterable, Sendable {
    case users, rules, accounts, contacts, plans
    case planLines = "plan_lines"
    case planEvents = "plan_events"
    /// Holds and cases (CONTRACT §9), sealed from migration v11.
    case holds, cases
    case caseEvents = "case_events"
    /// An account's phones and their dated marks (CONTRACT §9, migration v12).
    case phones
    case phoneMarks = "phone_marks"
    /// The payment channels of `tagih serve` and their secrets (CONTRACT §11, migration v15-channels).
    case channels
    /// The reminders sent, the stages they cover, their delivery results and
    /// the stages' pauses (CONTRACT §10). Never changed nor removed (their
    /// guards refuse it), so they have no seal triggers: the code that adds
    /// rows seals them in the same statement's wake (`sealAdded`), as a
    /// million messages a run would otherwise fire a trigger each.
    case messages
    case messageStages = "message_stages"
    case messageResults = "message_results"
    case stagePauses = "stage_pauses"

    /// The table's number in the triggers' SQL (stored in every ledger: never
    /// renumber; a new sealed table takes the next number).
    var code: Int32 {
        switch self {
        case .users: return 1
        case .rules: return 2
        case .accounts: return 3
        case .contacts: return 4
        case .plans: return 5
        case .planLines: return 6
        case .planEvents: return 7
        case .holds: return 8
        case .cases: return 9
        case .caseEvents: return 10
        case .phones: return 11
        case .phoneMarks: return 12
        case .channels: return 13
        case .messages: return 14
        case .messageStages: return 15
        case .messageResults: return 16
        case .stagePauses: return 17
        }
    }

    static let byCode: [Int32: SealedTable] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.code, $0) })

    /// The columns a row's hash covers. Every column but the caches that
    /// `check` proves from the entries another way (`unsealed`); a test holds
    /// the two lists to the table's real columns, so a column a later
    /// migration adds cannot be forgotten here.
    var columns: [String] {
        switch self {
        case .users: return ["login", "name", "role", "discount_limit_bp", "team", "active"]
        case .rules: return ["id", "toml", "loaded_at", "loaded_by", "business_day"]
        case .accounts:
            return ["id", "account_no", "name", "phone", "email", "address", "timezone", "segment", "collector", "language", "va_number"]
        case .contacts:
            return ["id", "account_id", "made_by", "real_user", "at", "day", "debtor_day", "debtor_time", "channel", "outcome",
                    "attempt", "contact", "right_party", "promise", "reason", "note", "promise_amount", "promise_due",
                    "next_action", "next_action_at", "override_reason", "phone_number"]
        case .plans:
            return ["id", "account_id", "proposed_by", "start_day", "balance", "discount_bp", "discount", "total", "down_payment",
                    "instalments", "frequency", "first_due", "note", "beyond", "status", "status_day", "credit_mark"]
        case .planLines: return ["plan_id", "n", "due_date", "amount"]
        case .planEvents: return ["id", "plan_id", "day", "status", "by_user", "note"]
        case .holds:
            return ["id", "account_id", "kind", "since", "until", "reason", "placed_by", "case_id", "released", "released_by", "release_reason"]
        case .cases: return ["id", "account_id", "account_no", "type", "via", "summary", "charges", "amount", "opened", "opened_by"]
        case .caseEvents:
            return ["id", "case_id", "kind", "day", "by_user", "note", "outcome", "credit", "needs_approval", "credit_id"]
        case .phones: return ["id", "account_id", "number", "phone_key", "party", "consent", "added_day", "added_by"]
        case .phoneMarks: return ["id", "phone_id", "day", "status", "by_user", "at"]
        case .channels:
            return ["id", "name", "secret", "previous_secret", "grace_until", "created_at", "created_by", "rotated_at", "rotated_by"]
        case .messages: return ["id", "contact_id", "account_id", "day", "stage", "channel", "recipient", "language", "text"]
        case .messageStages: return ["stage", "charge_id", "message_id"]
        case .messageResults: return ["id", "message_id", "status", "at"]
        case .stagePauses: return ["id", "stage", "day", "paused", "by_user", "reason"]
        }
    }

    /// Columns a later migration added to a table that was already sealed,
    /// at the end of `columns`. A row's hash covers such a column only when
    /// it holds a value: the rows sealed before it was added (NULL there)
    /// keep the hash they were sealed with, so an upgraded ledger's seals
    /// stay valid without resealing anything, and a value set there outside
    /// Tagih still changes the row's hash. (Never list a column that was
    /// sealed from the start: its NULLs would stop counting.)
    var addedLater: [String] {
        switch self {
        case .contacts: return ["phone_number"]
        case .accounts: return ["language", "va_number"]  // migration v13 (reminders)
        default: return []
        }
    }

    /// How many leading columns every row's hash covers, NULL or not.
    var alwaysHashed: Int { columns.count - addedLater.count }

    /// The tables migration v10 sealed, with the columns they had then.
    static let sealedByV10: [SealedTable] = [.users, .rules, .accounts, .contacts, .plans, .planLines, .planEvents]

    /// Cached figures, proven by `check` from the ledger and the contacts.
    var unsealed: [String] {
        self == .accounts
            ? ["open_total", "unapplied", "oldest_due", "credit_count", "next_action_day", "next_action_at"]
            : []
    }

    /// The table's columns as SQL arguments, of `row` (`NEW`, `OLD`) or,
    /// when empty, of the table's own rows.
    func columnsSQL(_ row: String = "", upTo count: Int? = nil) -> String {
        let prefix = row.isEmpty ? "" : row + "."
        return columns.prefix(count ?? columns.count).map { prefix + $0 }.joined(separator: ", ")
    }

    /// The triggers that hand each written row's hash to the connection's
    /// running sum (`tagih_seal`). An update trigger fires only on the sealed
    /// columns, so refreshing the cached figures of a million accounts costs
    /// nothing here.
    var triggersSQL: String { triggersSQL() }

    /// The triggers over the first `count` columns (v10's, before columns were added).
    func triggersSQL(columns count: Int? = nil) -> String { triggers(columns: count).map { $0.sql + ";" }.joined(separator: "\n") }

    /// Each trigger's name and statement, as `sqlite_master` keeps it.
    /// New accounts have no insert trigger: a trigger makes SQLite keep a
    /// statement journal for every row (an import of 100,000 accounts wrote
    /// 13 GB of journal pages and took three times as long). Import and the
    /// loader seal the accounts they add in one statement instead
    /// (`sealNewAccounts`); an account inserted any other way is found by
    /// `check` all the same.
    var triggers: [(name: String, sql: String)] { triggers(columns: nil) }

    /// Whether rows are sealed by the code that adds them, not by triggers.
    var sealedByWriter: Bool { [.messages, .messageStages, .messageResults, .stagePauses].contains(self) }

    func triggers(columns count: Int?) -> [(name: String, sql: String)] {
        if sealedByWriter { return [] }
        let note = "SELECT tagih_seal(\(code), "
        let columns = Array(self.columns.prefix(count ?? self.columns.count))
        let columnsSQL = { (row: String) in self.columnsSQL(row, upTo: count) }
        let insert = ("seal_\(rawValue)_insert", """
             CREATE TRIGGER seal_\(rawValue)_insert AFTER INSERT ON \(rawValue)
             BEGIN \(note)1, \(columnsSQL("NEW"))); END
             """)
        return (self == .accounts ? [] : [insert]) + [
            ("seal_\(rawValue)_delete", """
             CREATE TRIGGER seal_\(rawValue)_delete AFTER DELETE ON \(rawValue)
             BEGIN \(note)-1, \(columnsSQL("OLD"))); END
             """),
            ("seal_\(rawValue)_update", """
             CREATE TRIGGER seal_\(rawValue)_update AFTER UPDATE OF \(columns.joined(separator: ", ")) ON \(rawValue)
             BEGIN \(note)-1, \(columnsSQL("OLD"))); \(note)1, \(columnsSQL("NEW"))); END
             """),
        ]
    }

}

/// A 256-bit sum of row hashes, as four 64-bit limbs (most significant
/// first). No arrays: a trigger adds one per row written.
struct Seal: Equatable, Sendable {
    var limbs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    static let zero = Seal()

    static func == (a: Seal, b: Seal) -> Bool { a.limbs == b.limbs }

    init() {}

    /// From 32 bytes (a SHA-256 digest, big-endian).
    init?(bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 32 else { return nil }
        func limb(_ i: Int) -> UInt64 { UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) }
        limbs = (limb(0), limb(1), limb(2), limb(3))
    }

    init?(bytes: [UInt8]) {
        guard let s = bytes.withUnsafeBytes({ Seal(bytes: $0) }) else { return nil }
        self = s
    }

    init(digest: SHA256.Digest) {
        self = digest.withUnsafeBytes { Seal(bytes: $0)! }
    }

    /// From its 64 hexadecimal digits, as the audit trail keeps it.
    init?(hex: String) {
        let u = Array(hex.utf8)
        guard u.count == 64 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for i in stride(from: 0, to: 64, by: 2) {
            guard let hi = Self.nibble(u[i]), let lo = Self.nibble(u[i + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
        }
        self.init(bytes: bytes)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: return c - 0x30
        case 0x61...0x66: return c - 0x61 + 10
        default: return nil
        }
    }

    var bytes: [UInt8] {
        [limbs.0, limbs.1, limbs.2, limbs.3].flatMap { l in (0..<8).reversed().map { UInt8(truncatingIfNeeded: l >> (8 * $0)) } }
    }

    var hex: String {
        [limbs.0, limbs.1, limbs.2, limbs.3].map { l in
            let s = String(l, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }.joined()
    }

    /// The additive inverse modulo 2²⁵⁶ (two's complement: invert, add one).
    var negated: Seal {
        var n = Seal()
        n.limbs = (~limbs.0, ~limbs.1, ~limbs.2, ~limbs.3)
        n.add(Seal(low: 1))
        return n
    }

    private init(low: UInt64) { limbs = (0, 0, 0, low) }

    /// Adds (or, with `negate`, subtracts) `other`, modulo 2²⁵⁶.
    mutating func add(_ other: Seal, negate: Bool = false) {
        let o = negate ? other.negated : other
        var c3 = false, c2 = false, c1 = false
        (limbs.3, c3) = limbs.3.addingReportingOverflow(o.limbs.3)
        (limbs.2, c2) = Self.add(limbs.2, o.limbs.2, carry: c3)
        (limbs.1, c1) = Self.add(limbs.1, o.limbs.1, carry: c2)
        (limbs.0, _) = Self.add(limbs.0, o.limbs.0, carry: c1)
    }

    private static func add(_ a: UInt64, _ b: UInt64, carry: Bool) -> (UInt64, Bool) {
        let (s1, o1) = a.addingReportingOverflow(b)
        let (s2, o2) = s1.addingReportingOverflow(carry ? 1 : 0)
        return (s2, o1 || o2)
    }
}

/// The seal changes the connection's open transaction has made, summed per
/// table. Connection-local on purpose: only a transaction Tagih runs, and
/// that ends with an audit row, gets its changes into the trail; an edit made
/// through any other connection is never recorded, so it can never be
/// laundered into the seals by the next change Tagih makes.
final class PendingSeals: TransactionObserver, @unchecked Sendable {
    // (Touched only on the connection's own thread, like the connection.)
    var deltas: [SealedTable: Seal] = [:]
    /// The bytes of the row being hashed, reused for every row.
    var scratch: [UInt8] = []

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { false }
    func databaseDidChange(with event: DatabaseEvent) {}
    func databaseDidCommit(_ db: Database) { deltas.removeAll() }
    func databaseDidRollback(_ db: Database) { deltas.removeAll() }
}

enum TableSeals {
    /// A row's hash: SHA-256 of the table's name, then each value with its
    /// storage class (so `5` and `'5'` differ), each followed by a separator.
    /// Read straight from SQLite's values (`argv[first...]`): a trigger hashes
    /// every row an import writes.
    static func rowHash(_ table: SealedTable, _ argv: UnsafeMutablePointer<OpaquePointer?>, from first: Int, count: Int,
                        into bytes: inout [UInt8]) -> Seal {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(0x74); bytes.append(contentsOf: table.rawValue.utf8); bytes.append(0x1F)
        let always = first + table.alwaysHashed
        for i in first..<count {
            let v = argv[i]
            // A column added after the table was sealed counts only when set (`addedLater`).
            if i >= always && sqlite3_value_type(v) == SQLITE_NULL { continue }
            switch sqlite3_value_type(v) {
            case SQLITE_NULL: bytes.append(0x6E) // n
            case SQLITE_INTEGER:
                bytes.append(0x69)
                appendDecimal(sqlite3_value_int64(v), to: &bytes)
            case SQLITE_FLOAT:
                bytes.append(0x72); bytes.append(contentsOf: String(sqlite3_value_double(v)).utf8)
            case SQLITE_TEXT:
                bytes.append(0x74)
                let n = Int(sqlite3_value_bytes(v))
                if let p = sqlite3_value_text(v), n > 0 { bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n)) }
            default:
                bytes.append(0x62)
                let n = Int(sqlite3_value_bytes(v))
                if let p = sqlite3_value_blob(v), n > 0 { bytes.append(contentsOf: UnsafeRawBufferPointer(start: p, count: n)) }
            }
            bytes.append(0x1F)
        }
        return Seal(digest: bytes.withUnsafeBytes { SHA256.hash(data: $0) })
    }

    private static func appendDecimal(_ n: Int64, to bytes: inout [UInt8]) {
        if n < 0 { bytes.append(0x2D) }
        var m = n.magnitude
        let start = bytes.count
        repeat { bytes.append(UInt8(truncatingIfNeeded: 0x30 &+ m % 10)); m /= 10 } while m > 0
        bytes[start...].reverse()
    }

    /// Registers Tagih's seal functions on a connection (every connection
    /// Tagih opens: see `AppDatabase.configuration`), through SQLite's C API
    /// (no value boxed per row):
    /// - `tagih_row(code, values…)`: a row's hash, as a 32-byte blob;
    /// - `tagih_seal(code, sign, values…)`: adds the row's hash to (or takes
    ///   it from) the transaction's pending change of that table's seal;
    /// - `tagih_seal_take()`: the pending changes as `table=hex;…`, cleared.
    static func register(_ db: Database) {
        let pending = PendingSeals()
        db.add(transactionObserver: pending, extent: .databaseLifetime)
        let context = Unmanaged.passRetained(pending).toOpaque()
        let release: @convention(c) (UnsafeMutableRawPointer?) -> Void = { p in
            if let p { Unmanaged<PendingSeals>.fromOpaque(p).release() }
        }
        let row: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, argc, argv in
            guard let argv, argc >= 1, let table = SealedTable.byCode[Int32(sqlite3_value_int(argv[0]))] else {
                sqlite3_result_error(ctx, "tagih_row: unknown table", -1); return
            }
            let pending = Unmanaged<PendingSeals>.fromOpaque(sqlite3_user_data(ctx)).takeUnretainedValue()
            let bytes = TableSeals.rowHash(table, argv, from: 1, count: Int(argc), into: &pending.scratch).bytes
            sqlite3_result_blob(ctx, bytes, 32, unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
        let seal: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { ctx, argc, argv in
            guard let argv, argc >= 2, let table = SealedTable.byCode[Int32(sqlite3_value_int(argv[0]))] else {
                sqlite3_result_error(ctx, "tagih_seal: unknown table", -1); return
            }
            let pending = Unmanaged<PendingSeals>.fromOpaque(sqlite3_user_data(ctx)).takeUnretainedValue()
            let h = TableSeals.rowHash(table, argv, from: 2, count: Int(argc), into: &pending.scratch)
            pending.deltas[table, default: .zero].add(h, negate: sqlite3_value_int(argv[1]) < 0)
            sqlite3_result_null(ctx)
        }
        let connection = db.sqliteConnection
        // Each registration holds the context once; SQLite releases it with the connection.
        _ = Unmanaged.passRetained(pending)
        sqlite3_create_function_v2(connection, "tagih_row", -1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, context, row, nil, nil, release)
        sqlite3_create_function_v2(connection, "tagih_seal", -1, SQLITE_UTF8, context, seal, nil, nil, release)
        // (For sealing an older ledger's rows: a table's whole change at once.)
        db.add(function: DatabaseFunction("tagih_seal_add", argumentCount: 2, pure: false) { values in
            guard let t = String.fromDatabaseValue(values[0]).flatMap(SealedTable.init(rawValue:)),
                  let delta = String.fromDatabaseValue(values[1]).flatMap(Seal.init(hex:)) else { return nil }
            pending.deltas[t, default: .zero].add(delta)
            return nil
        })
        db.add(function: DatabaseFunction("tagih_seal_take", argumentCount: 0, pure: false) { _ in
            let text = pending.deltas.filter { $0.value != .zero }.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { "\($0.key.rawValue)=\($0.value.hex)" }.joined(separator: ";")
            pending.deltas.removeAll()
            return text
        })
    }

    /// The seal of a table recomputed from its rows.
    static func recompute(_ db: Database, _ table: SealedTable) throws -> Seal {
        var seal = Seal.zero
        let rows = try Prepared(db, "SELECT tagih_row(\(table.code), \(table.columnsSQL())) FROM \(table.rawValue)")
        while try rows.step() {
            if let s = rows.blob(0).flatMap({ Seal(bytes: $0) }) { seal.add(s) }
        }
        return seal
    }

    static func parse(_ text: String) -> [SealedTable: Seal] {
        var out: [SealedTable: Seal] = [:]
        for part in text.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let t = SealedTable(rawValue: String(kv[0])) else { continue }
            out[t] = Seal(hex: String(kv[1])) ?? .zero
        }
        return out
    }

    static func pointerKey(_ table: SealedTable) -> String { "sealed_at." + table.rawValue }

    /// The newest seal of `table` in the trail, found through `meta`'s
    /// pointer to the audit row that holds it. Read from that (hashed) row,
    /// never from a value `meta` could be made to hold: a pointer moved to
    /// another row gives a seal of another time, which `check` then finds.
    static func newestRecorded(_ db: Database, _ table: SealedTable) throws -> Seal { try newestRecorded(SQLiteSQL(db), table) }

    static func newestRecorded(_ db: any LedgerSQL, _ table: SealedTable) throws -> Seal {
        guard let id = try db.meta(pointerKey(table)).flatMap({ Int64($0) }),
              let text = try db.text("SELECT seals FROM audit WHERE id = ?", [.int(id)]) else { return .zero }
        return parse(text)[table] ?? .zero
    }

    /// What audit row `id` records: each table the transaction changed, with
    /// its new seal (the newest recorded plus the change), as `table=hex;…`.
    /// Empty when the change touched no sealed table.
    static func record(_ db: any LedgerSQL, auditID id: Int64) throws -> String {
        let moved = parse(try db.text("SELECT tagih_seal_take()") ?? "")
        var parts: [String] = []
        for (table, delta) in moved.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            var seal = try newestRecorded(db, table)
            seal.add(delta)
            parts.append("\(table.rawValue)=\(seal.hex)")
            try db.setMeta(pointerKey(table), String(id))
        }
        return parts.joined(separator: ";")
    }

    /// The newest seal of each table the audit trail holds (zero for a table
    /// it never recorded: an empty table).
    static func recorded(_ db: Database) throws -> [SealedTable: Seal] { try recorded(SQLiteSQL(db)) }

    static func recorded(_ db: any LedgerSQL) throws -> [SealedTable: Seal] {
        var out: [SealedTable: Seal] = [:]
        let rows = try db.cursor("SELECT seals FROM audit WHERE seals <> '' ORDER BY id")
        while try rows.step() {
            out.merge(parse(rows.text(0) ?? ""), uniquingKeysWith: { $1 })
        }
        return out
    }

    /// The seal of `table` recomputed from its rows, on either backend.
    static func recomputed(_ db: any LedgerSQL, _ table: SealedTable) throws -> Seal {
        var seal = Seal.zero
        let rows = try db.cursor(db.dialect.rowHashes(table: table.rawValue, columns: table.columns, alwaysHashed: table.alwaysHashed))
        while try rows.step() {
            if case .blob(let b) = rows.value(0), let s = Seal(bytes: b) { seal.add(s) }
        }
        return seal
    }

    /// Migration v10: the `seals` column of the audit trail and the triggers.
    /// An older ledger's rows are sealed as they stand: `tagih init` records
    /// them in an audit row of its own (`ledger.seal`, `unsealed`).
    static func install(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE audit ADD COLUMN seals TEXT NOT NULL DEFAULT ''")
        for table in SealedTable.sealedByV10 { try db.execute(sql: table.triggersSQL(columns: table.alwaysHashed)) }
    }

    /// Migration v12 (contact parties): the new tables' triggers, and the
    /// contacts' triggers again with the number used (`phone_number`,
    /// hashed only when set, so the contacts sealed before keep their seal).
    static func installParties(_ db: Database) throws {
        for name in SealedTable.contacts.triggers.map(\.name) { try db.execute(sql: "DROP TRIGGER \(name)") }
        for table in [SealedTable.contacts, .phones, .phoneMarks] { try db.execute(sql: table.triggersSQL) }
    }

    /// Migration v13 (reminders): the accounts' triggers again with the
    /// debtor's language and virtual account, hashed only when set, so the
    /// accounts sealed before keep their seal.
    static func installReminders(_ db: Database) throws {
        for name in SealedTable.accounts.triggers.map(\.name) { try db.execute(sql: "DROP TRIGGER \(name)") }
        try db.execute(sql: SealedTable.accounts.triggersSQL)
    }

    /// Hands the rows no audit row has sealed yet (those of a ledger made
    /// before seals) to the transaction's pending changes; true when there
    /// were some. The caller appends the audit row that records them.
    static func sealUnrecorded(_ db: Database) throws -> Bool {
        var any = false
        for table in SealedTable.allCases {
            let actual = try recompute(db, table)
            let sealed = try newestRecorded(db, table)
            guard actual != sealed else { continue }
            var delta = actual
            delta.add(sealed, negate: true)
            try db.execute(sql: "SELECT tagih_seal_add(?, ?)", arguments: [table.rawValue, delta.hex])
            any = true
        }
        return any
    }

    /// Seals the accounts an import or the loader added in this transaction:
    /// those numbered after `id` (ids only grow: accounts are never deleted).
    /// (`columns`: how many of the table's columns it has, for a ledger of an older version.)
    static func sealNewAccounts(_ db: Database, after id: Int64, columns: Int? = nil) throws {
        try db.execute(sql: "SELECT tagih_seal(\(SealedTable.accounts.code), 1, \(SealedTable.accounts.columnsSQL(upTo: columns))) FROM accounts WHERE id > ?",
                       arguments: [id])
    }

    /// Seals the rows of `table` that `filter` selects (the rows this
    /// transaction added), in one statement: for the tables without seal
    /// triggers (`sealedByWriter`).
    static func sealAdded(_ db: Database, _ table: SealedTable, where filter: String, arguments: StatementArguments = []) throws {
        try db.execute(sql: SQLiteDialect().sealAdded(table: table.rawValue, where: filter), arguments: arguments)
    }

    /// Problems `check` reports: a table whose rows differ from the seal the
    /// audit trail recorded. (A seal trigger dropped or altered is a finding
    /// of the schema check.)
    static func problems(_ db: any LedgerSQL) throws -> [String] {
        var problems: [String] = []
        let recorded = try recorded(db)
        for table in SealedTable.allCases where try recomputed(db, table) != recorded[table] ?? .zero {
            problems.append("table \(table.rawValue): its rows differ from what the audit trail sealed (a row was added, changed or removed outside Tagih)")
        }
        return problems
    }
}

/// Each sealed table with the columns its rows' hash covers, in order, and
/// how many lead columns count even when NULL (`addedLater`): for the
/// PostgreSQL backend, which hashes the same rows the same way.
public enum SealedColumns {
    public static var all: [(table: String, columns: [String], alwaysHashed: Int)] {
        SealedTable.allCases.map { ($0.rawValue, $0.columns, $0.alwaysHashed) }
    }
}
