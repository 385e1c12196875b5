import Crypto
import Foundation
import GRDB

/// The hash-chained audit trail. Each row's hash covers its own fields and the
/// previous row's hash, and `meta.audit_head` holds the newest hash, so an
/// edited, inserted or deleted row (the last one included) breaks the chain
/// that `tagih check` walks.
public enum AuditTrail {
    static let genesis = String(repeating: "0", count: 64)

    static func timestamp(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }

    static func hash(id: Int64, at: String, day: String, actor: String, realUser: String,
                     action: String, subject: String, detail: String, prev: String) -> String {
        let text = [String(id), at, day, actor, realUser, action, subject, detail, prev].joined(separator: "\u{1F}")
        return SHA256.hash(data: Data(text.utf8)).hex
    }

    /// Appends one row inside the caller's transaction.
    public static func append(_ db: Database, session: Session, action: String, subject: String, detail: String) throws {
        let prev = try String.fetchOne(db, sql: "SELECT hash FROM audit ORDER BY id DESC LIMIT 1") ?? genesis
        let id = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit") ?? 0) + 1
        let at = timestamp(session.now)
        let day = session.today.iso
        let h = hash(id: id, at: at, day: day, actor: session.user.login, realUser: session.realLogin,
                     action: action, subject: subject, detail: detail, prev: prev)
        try db.execute(sql: """
            INSERT INTO audit(id, at, business_day, actor, real_user, action, subject, detail, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [id, at, day, session.user.login, session.realLogin, action, subject, detail, prev, h])
        try db.setMeta("audit_head", h)
    }

    /// Problems with the chain, empty when it is whole.
    public static func verify(_ db: Database) throws -> [String] {
        var problems: [String] = []
        var prev = genesis
        var expectedID: Int64 = 1
        // Read through `Prepared`, whose text keeps its byte length: a detail
        // holding a NUL (from an older version) must rehash to what was hashed.
        let rows = try Prepared(db, "SELECT id, at, business_day, actor, real_user, action, subject, detail, hash, prev_hash FROM audit ORDER BY id")
        while try rows.step() {
            let id = rows.int(0)
            if id != expectedID { problems.append("audit row \(expectedID) is missing (next is \(id))") }
            let stored = rows.text(8) ?? ""
            let prevStored = rows.text(9) ?? ""
            if prevStored != prev { problems.append("audit row \(id) does not chain to the row before it") }
            let h = hash(id: id, at: rows.text(1) ?? "", day: rows.text(2) ?? "", actor: rows.text(3) ?? "", realUser: rows.text(4) ?? "",
                         action: rows.text(5) ?? "", subject: rows.text(6) ?? "", detail: rows.text(7) ?? "", prev: prevStored)
            if h != stored { problems.append("audit row \(id) was altered (its hash does not match its content)") }
            prev = stored
            expectedID = id + 1
            if problems.count > 20 { break }
        }
        let head = try db.meta("audit_head") ?? genesis
        if head != prev { problems.append("the newest audit rows were removed (the chain ends before the recorded head)") }
        return problems
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
