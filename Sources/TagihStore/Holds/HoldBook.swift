import Foundation
import GRDB
import TagihCore

/// Holds in the store (CONTRACT §9): placed and released by the rules of
/// `Authority`, audited, and read back as dated records whose force on a
/// day is derived (`Hold.inForce`).
public struct HoldBook: Sendable {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    /// Places a hold from today (to `until`, inclusive, when given).
    public func place(accountNo: String, kind: HoldKind, reason: String, until: Day?, session: Session) throws -> Hold {
        if let why = TextField.refusal("--reason", reason) { throw StoreError(why) }
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw StoreError(CaseRefusal.emptyText(field: "--reason")) }
        return try database.write { db in
            let accountID = try Self.accountID(db, accountNo)
            try StoreError.require(.placeHold(kind, try PlanBook.owner(db, accountID: accountID)), session)
            if let until, until < session.today { throw StoreError(CaseRefusal.untilBeforeToday(until: until, today: session.today)) }
            if let held = Self.holds(try Self.holds(db, accountID: accountID), kind, on: session.today).first {
                throw StoreError(CaseRefusal.alreadyOnHold(account: accountNo, kind: kind, since: held.since))
            }
            return try Self.place(db, accountID: accountID, accountNo: accountNo, kind: kind, reason: reason, until: until, caseID: nil, session: session)
        }
    }

    /// Releases the account's holds of `kind` in force today: from today they no longer hold.
    public func release(accountNo: String, kind: HoldKind, reason: String, session: Session) throws -> [Hold] {
        if let why = TextField.refusal("--reason", reason) { throw StoreError(why) }
        if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw StoreError(CaseRefusal.emptyText(field: "--reason")) }
        return try database.write { db in
            let accountID = try Self.accountID(db, accountNo)
            try StoreError.require(.releaseHold, session)
            let held = Self.holds(try Self.holds(db, accountID: accountID), kind, on: session.today)
            guard !held.isEmpty else { throw StoreError(CaseRefusal.notOnHold(account: accountNo, kind: kind)) }
            return try Self.release(db, held, accountNo: accountNo, reason: reason, session: session)
        }
    }

    /// The account's holds, oldest first.
    public func holds(accountNo: String) throws -> [Hold] {
        try database.read { db in try Self.holds(db, accountID: try Self.accountID(db, accountNo)) }
    }

    // MARK: inside a caller's transaction

    static func accountID(_ db: Database, _ accountNo: String) throws -> Int64 { try accountID(SQLiteSQL(db), accountNo) }

    static func accountID(_ db: any LedgerSQL, _ accountNo: String) throws -> Int64 {
        guard let id = try db.int("SELECT id FROM accounts WHERE account_no = ?", [.text(accountNo)]) else {
            throw StoreError("unknown account \(accountNo)")
        }
        return id
    }

    static func holds(_ holds: [Hold], _ kind: HoldKind, on day: Day) -> [Hold] {
        holds.filter { $0.kind == kind && $0.inForce(on: day) }
    }

    static func place(_ db: any LedgerSQL, accountID: Int64, accountNo: String, kind: HoldKind, reason: String, until: Day?, caseID: Int64?,
                      session: Session) throws -> Hold {
        let id = try db.nextID(in: "holds")
        try db.execute("INSERT INTO holds(id, account_id, kind, since, until, reason, placed_by, case_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                       id, accountID, kind.rawValue, session.today.ordinal, until?.ordinal, reason, session.user.login, caseID)
        let hold = Hold(id: id, kind: kind, since: session.today, until: until, reason: reason, caseID: caseID)
        try AuditTrail.append(db, session: session, action: "hold.place", subject: "\(accountNo) hold \(hold.id)",
                              detail: "\(kind.rawValue) since \(session.today.iso)" + (until.map { " until \($0.iso)" } ?? " no end set")
                                  + (caseID.map { " case \($0)" } ?? "") + ": \(reason)")
        return hold
    }

    static func release(_ db: any LedgerSQL, _ held: [Hold], accountNo: String, reason: String, session: Session) throws -> [Hold] {
        var out: [Hold] = []
        for var h in held {
            try db.execute("UPDATE holds SET released = ?, released_by = ?, release_reason = ? WHERE id = ?",
                           session.today.ordinal, session.user.login, reason, h.id)
            h.released = session.today
            try AuditTrail.append(db, session: session, action: "hold.release", subject: "\(accountNo) hold \(h.id)",
                                  detail: "\(h.kind.rawValue) since \(h.since.iso) released \(session.today.iso): \(reason)")
            out.append(h)
        }
        return out
    }

    static func holds(_ db: Database, accountID: Int64) throws -> [Hold] { try holds(SQLiteSQL(db), accountID: accountID) }

    static func holds(_ db: any LedgerSQL, accountID: Int64) throws -> [Hold] {
        try db.rows("""
            SELECT id, kind, since, until, released, reason, case_id FROM holds WHERE account_id = ? ORDER BY since, id
            """, [.int(accountID)]).map(Self.hold)
    }

    static func hold(_ r: SQLRow) -> Hold {
        func day(_ name: String) -> Day? { r.int(name).map { Day(ordinal: Int32($0)) } }
        return Hold(id: r.int("id") ?? 0, kind: HoldKind(rawValue: r.string("kind")) ?? .legal, since: day("since") ?? Day(ordinal: 0),
                    until: day("until"), released: day("released"), reason: r.string("reason"), caseID: r.int("case_id"))
    }

    /// The hold that blocks collection on `day`, if any.
    static func blocking(_ db: Database, accountID: Int64, on day: Day) throws -> Hold? {
        Holds.blocking(try holds(db, accountID: accountID), on: day)
    }

    /// Accounts with a hold in force on `day`, and whether only hardship
    /// (true) or a blocking hold (false): for the queue, one index scan.
    static func inForce(_ db: any LedgerSQL, on day: Day, account: Int64? = nil) throws -> [Int64: Bool] {
        var out: [Int64: Bool] = [:]
        let d = Int64(day.ordinal)
        let rows = try db.cursor(account == nil ? """
            SELECT account_id, kind FROM holds \(db.dialect.indexedBy("holds_days"))
            WHERE since <= ?1 AND (until IS NULL OR until >= ?1) AND (released IS NULL OR released > ?1)
            """ : """
            SELECT account_id, kind FROM holds \(db.dialect.indexedBy("holds_account"))
            WHERE account_id = ?2 AND since <= ?1 AND (until IS NULL OR until >= ?1) AND (released IS NULL OR released > ?1)
            """, [.int(d), .int(account ?? 0)])
        while try rows.step() {
            let hardship = rows.text(1) == HoldKind.hardship.rawValue
            out[rows.int(0)] = (out[rows.int(0)] ?? true) && hardship
        }
        return out
    }
}
