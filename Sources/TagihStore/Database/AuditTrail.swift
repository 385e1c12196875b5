import Crypto
import Foundation
import GRDB
import TagihCore

/// The hash-chained audit trail. Each row's hash covers its own fields and the
/// previous row's hash, and `meta.audit_head` holds the newest hash, so an
/// edited, inserted or deleted row (the last one included) breaks the chain
/// that `tagih check` walks.
public enum AuditTrail {
    public static let genesis = String(repeating: "0", count: 64)

    public static func timestamp(_ date: Date) -> String { UTCStamp.text(seconds: date.timeIntervalSince1970) }

    /// `seals` (the table seals the row's change moved, see `TableSeals`) is
    /// hashed only when there are some, so rows written before seals existed
    /// keep the hash they were written with.
    /// (Public: the PostgreSQL backend chains its rows with the same hash.)
    public static func hash(id: Int64, at: String, day: String, actor: String, realUser: String,
                     action: String, subject: String, detail: String, prev: String, seals: String = "") -> String {
        var fields = [String(id), at, day, actor, realUser, action, subject, detail, prev]
        if !seals.isEmpty { fields.append(seals) }
        let text = fields.joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(text.utf8)).hex
    }

    /// Appends one row inside the caller's transaction, after the caller's
    /// writes: the row records the table seals those writes moved.
    /// Every record appends here, so this is where a record made with a moved
    /// clock by someone who is not an admin is refused (the caller's
    /// transaction rolls back: nothing is changed).
    public static func append(_ db: Database, session: Session, action: String, subject: String, detail: String) throws {
        try append(SQLiteSQL(db), session: session, action: action, subject: subject, detail: detail)
    }

    /// The same on either backend. On PostgreSQL two writers appending at
    /// once read the same last row: SERIALIZABLE fails one, which runs again
    /// whole, so the chain stays one line (and ids gap-free).
    public static func append(_ db: any LedgerSQL, session: Session, action: String, subject: String, detail: String) throws {
        try session.requireRealClock()
        let prev = try db.text("SELECT hash FROM audit ORDER BY id DESC LIMIT 1") ?? genesis
        let id = (try db.int("SELECT max(id) FROM audit") ?? 0) + 1
        let at = timestamp(session.recordedAt)
        let day = session.today.iso
        let seals = try TableSeals.record(db, auditID: id)
        let h = hash(id: id, at: at, day: day, actor: session.user.login, realUser: session.realLogin,
                     action: action, subject: subject, detail: detail, prev: prev, seals: seals)
        try db.execute("""
            INSERT INTO audit(id, at, business_day, actor, real_user, action, subject, detail, prev_hash, hash, seals)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.int(id), .text(at), .text(day), .text(session.user.login), .text(session.realLogin), .text(action), .text(subject),
                  .text(detail), .text(prev), .text(h), .text(seals)])
        try db.setMeta("audit_head", h)
    }

    /// Problems with the chain, empty when it is whole.
    public static func verify(_ db: Database) throws -> [String] { try verify(SQLiteSQL(db)) }

    public static func verify(_ db: any LedgerSQL) throws -> [String] {
        var problems: [String] = []
        var prev = genesis
        var expectedID: Int64 = 1
        // Read through `Prepared`, whose text keeps its byte length: a detail
        // holding a NUL (from an older version) must rehash to what was hashed.
        let rows = try db.cursor("SELECT id, at, business_day, actor, real_user, action, subject, detail, hash, prev_hash, seals FROM audit ORDER BY id")
        while try rows.step() {
            let id = rows.int(0)
            if id != expectedID { problems.append("audit row \(expectedID) is missing (next is \(id))") }
            let stored = rows.text(8) ?? ""
            let prevStored = rows.text(9) ?? ""
            if prevStored != prev { problems.append("audit row \(id) does not chain to the row before it") }
            let h = hash(id: id, at: rows.text(1) ?? "", day: rows.text(2) ?? "", actor: rows.text(3) ?? "", realUser: rows.text(4) ?? "",
                         action: rows.text(5) ?? "", subject: rows.text(6) ?? "", detail: rows.text(7) ?? "", prev: prevStored,
                         seals: rows.text(10) ?? "")
            if h != stored { problems.append("audit row \(id) was altered (its hash does not match its content)") }
            prev = stored
            expectedID = id + 1
            if problems.count > 20 { break }
        }
        let head = try db.meta("audit_head") ?? genesis
        if head != prev { problems.append("the newest audit rows were removed (the chain ends before the recorded head)") }
        return problems
    }

    /// Records the rows no audit row has sealed (an older ledger's, when
    /// this version first opens it): one `ledger.seal` row, or none.
    public static func recordUpgradeSeals(_ database: AppDatabase, session: Session) throws -> Bool {
        try database.writer.write { db in
            guard try TableSeals.sealUnrecorded(db) else { return false }
            try append(db, session: session, action: "ledger.seal", subject: "tables",
                       detail: "rows as they stood when this version first opened the ledger")
            return true
        }
    }
}

extension Digest {
    var hex: String {
        var s = ""
        s.reserveCapacity(64)
        for b in self { s += String(b, radix: 16).count == 1 ? "0" + String(b, radix: 16) : String(b, radix: 16) }
        return s
    }
}

/// One row of the audit trail as `tagih audit` shows it (CONTRACT §2).
public struct AuditRow: Sendable, Equatable {
    /// The real clock time of the change (UTC, ISO 8601).
    public var at: String
    public var businessDay: String
    /// The person at the terminal, and the user they acted as.
    public var actor: String
    public var asUser: String
    public var action: String
    public var target: String
    public var detail: String
}

extension AuditTrail {
    /// The trail, oldest first, whose real time falls from `from` to `to`
    /// (inclusive; `day(at)` gives a row's local date).
    public static func rows(_ database: AppDatabase, from: Day?, to: Day?, day: (String) -> Day?) throws -> [AuditRow] {
        try database.read { db in
            let rows = try db.cursor("SELECT at, business_day, real_user, actor, action, subject, detail FROM audit ORDER BY id")
            var out: [AuditRow] = []
            while try rows.step() {
                let at = rows.text(0) ?? ""
                if from != nil || to != nil, let d = day(at) {
                    if let from, d < from { continue }
                    if let to, d > to { continue }
                }
                out.append(AuditRow(at: at, businessDay: rows.text(1) ?? "", actor: rows.text(2) ?? "", asUser: rows.text(3) ?? "",
                                    action: rows.text(4) ?? "", target: rows.text(5) ?? "", detail: rows.text(6) ?? ""))
            }
            return out
        }
    }
}
