import GRDB
import TagihCore

/// The account a contact is about, with the debtor's clock.
public struct ContactTarget: Sendable {
    public var accountID: Int64
    public var accountNo: String
    public var name: String
    public var clock: LocalClock
}

/// Logs contacts and answers the contact policy for an account (CONTRACT §6).
public struct ContactLog: Sendable {
    public let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    var settings: Settings { database.settings }

    /// The account with its debtor's clock; unknown accounts are refused.
    public func target(_ accountNo: String) throws -> ContactTarget {
        try database.writer.read { db in try Self.target(db, accountNo) }
    }

    static func target(_ db: Database, _ accountNo: String) throws -> ContactTarget {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, name, timezone FROM accounts WHERE account_no = ?", arguments: [accountNo]) else {
            throw StoreError("unknown account \(accountNo)")
        }
        let zone: String = row["timezone"]
        guard let clock = LocalClock.system(zone) else { throw StoreError("account \(accountNo) has time zone \(zone), which this system does not know") }
        return ContactTarget(accountID: row["id"], accountNo: accountNo, name: row["name"], clock: clock)
    }

    /// The account's attempts in the week before `instant` (all the policy looks at).
    static func history(_ db: Database, accountID: Int64, before instant: Int64) throws -> [ContactEvent] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT at, channel, contact FROM contacts WHERE account_id = ? AND at > ? AND at <= ? AND attempt = 1 ORDER BY at
            """, arguments: [accountID, instant - 9 * 86_400, instant])
        return rows.map { ContactEvent(at: $0["at"], channel: Channel(rawValue: $0["channel"]) ?? .phone, conversation: $0["contact"]) }
    }

    /// May the account be contacted on `channel` at `instant`?
    public func verdict(_ accountNo: String, channel: Channel, at instant: Int64) throws -> (ContactTarget, ContactVerdict) {
        try database.writer.read { db in
            let t = try Self.target(db, accountNo)
            let history = try Self.history(db, accountID: t.accountID, before: instant)
            return (t, settings.contactPolicy.check(channel, at: instant, clock: t.clock, history: history))
        }
    }

    /// `blocked: REASON; next allowed 2026-11-09 08:00 WIB`.
    public static func blockedLine(_ reason: BlockReason, next: Int64?, clock: LocalClock) -> String {
        "blocked: \(reason.text); " + (next.map { "next allowed \(clock.describe($0))" } ?? "not allowed within a year")
    }

    /// Validates and records a contact as the session's user, in one short
    /// transaction that also checks the policy (so two terminals cannot pass
    /// a daily limit together), updates the queue's cache and appends to the
    /// audit trail. A blocked contact is refused unless a lead or admin
    /// gives an override reason.
    public func log(_ r: ContactRequest, session: Session) throws -> LoggedContact {
        if let p = r.promise {
            guard r.outcome.promise else {
                throw StoreError("outcome \(r.outcome.code) takes no promise; --promise and --promise-date are for a promise outcome such as PTP")
            }
            let last = r.day.adding(days: settings.promiseHorizonDays)
            guard p.due >= r.day, p.due <= last else {
                throw StoreError("--promise-date \(p.due.iso) must fall from the contact's day \(r.day.iso) to \(last.iso) (\(settings.promiseHorizonDays) days)")
            }
            guard p.amount.isPositive else { throw StoreError("--promise must be more than zero") }
        } else if r.outcome.promise {
            throw StoreError("outcome \(r.outcome.code) is a promise to pay: give --promise AMOUNT and --promise-date DATE")
        }
        if let next = r.nextAction, next < r.day {
            throw StoreError("--next \(next.iso) is before the contact's day \(r.day.iso)")
        }
        if let o = r.override, o.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError("--override needs a reason in words")
        }
        return try database.writer.write { db in
            let t = try Self.target(db, r.accountNo)
            let history = try Self.history(db, accountID: t.accountID, before: r.at)
            var overridden: BlockReason?
            if case .blocked(let reason, let next) = settings.contactPolicy.check(r.channel, at: r.at, clock: t.clock, history: history) {
                guard let why = r.override else { throw StoreError(Self.blockedLine(reason, next: next, clock: t.clock)) }
                guard session.user.role != .collector else {
                    throw StoreError("\(Self.blockedLine(reason, next: next, clock: t.clock)); only a lead or admin may override, and \(session.user.login) is a collector")
                }
                overridden = reason
                _ = why
            }
            let debtor = t.clock.local(r.at)
            let debtorTime = t.clock.describe(r.at)
            try db.execute(sql: """
                INSERT INTO contacts(account_id, made_by, real_user, at, day, debtor_day, debtor_time, channel, outcome,
                                     attempt, contact, right_party, promise, reason, note, promise_amount, promise_due, next_action, next_action_at,
                                     override_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [t.accountID, session.user.login, session.realLogin, r.at, r.day.ordinal, debtor.day.ordinal, debtorTime,
                                 r.channel.rawValue, r.outcome.code, r.outcome.attempt, r.outcome.contact, r.outcome.rightParty,
                                 r.outcome.promise, r.reason?.rawValue, r.note, r.promise?.amount.minor, r.promise?.due.ordinal,
                                 r.nextAction?.ordinal, r.nextActionAt, overridden == nil ? nil : r.override])
            let id = db.lastInsertedRowID
            try Self.refreshQueueCache(db, accountID: t.accountID)
            var detail = "\(r.channel.rawValue) \(r.outcome.code) at \(debtorTime)"
            if let reason = r.reason { detail += " reason=\(reason.rawValue)" }
            if let p = r.promise { detail += " promise=\(p.amount.machine(settings.currency)) due=\(p.due.iso)" }
            if let n = r.nextAction { detail += " next=\(n.iso)" }
            if let t = r.nextActionAt { detail += " next_at=\(t)" }
            if let o = overridden { detail += " override of \"\(o.text)\": \(r.override ?? "")" }
            try AuditTrail.append(db, session: session, action: overridden == nil ? "contact.log" : "contact.override",
                                  subject: "\(r.accountNo) contact \(id)", detail: detail)
            return LoggedContact(id: id, debtorTime: debtorTime, overridden: overridden)
        }
    }

    /// The account's contacts, newest first.
    static func records(_ db: Database, accountID: Int64) throws -> [ContactRecord] {
        try Row.fetchAll(db, sql: """
            SELECT id, at, day, debtor_time, made_by, channel, outcome, reason, note, promise_amount, promise_due, next_action, next_action_at, override_reason
            FROM contacts WHERE account_id = ? ORDER BY at DESC, id DESC
            """, arguments: [accountID]).map { r in
            let amount: Int64? = r["promise_amount"]
            let due: Int32? = r["promise_due"]
            return ContactRecord(id: r["id"], at: r["at"], day: Day(ordinal: r["day"]), debtorTime: r["debtor_time"], madeBy: r["made_by"],
                                 channel: Channel(rawValue: r["channel"]) ?? .phone, outcome: r["outcome"],
                                 reason: (r["reason"] as String?).flatMap(DelayReason.init(rawValue:)), note: r["note"],
                                 promise: amount.flatMap { a in due.map { (Money(minor: a), Day(ordinal: $0)) } },
                                 nextAction: (r["next_action"] as Int32?).map(Day.init(ordinal:)), nextActionAt: r["next_action_at"],
                                 override: r["override_reason"])
        }
    }

    /// The account's promises, oldest first.
    static func promises(_ db: Database, accountID: Int64) throws -> [PromiseToPay] {
        try Row.fetchAll(db, sql: """
            SELECT day, made_by, promise_amount, promise_due FROM contacts
            WHERE account_id = ? AND promise_amount IS NOT NULL ORDER BY day, at, id
            """, arguments: [accountID]).map { r in
            PromiseToPay(accountID: accountID, madeOn: Day(ordinal: r["day"]), madeBy: r["made_by"],
                         amount: Money(minor: r["promise_amount"]), due: Day(ordinal: r["promise_due"]))
        }
    }

    /// The queue's cache on the account: the last contact's day, and the
    /// next action of the latest contact that set one.
    static func refreshQueueCache(_ db: Database, accountID: Int64) throws {
        try db.execute(sql: """
            UPDATE accounts SET
              last_contact_day = (SELECT day FROM contacts WHERE account_id = ?1 ORDER BY at DESC, id DESC LIMIT 1),
              next_action_day = (SELECT next_action FROM contacts WHERE account_id = ?1 AND next_action IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1),
              next_action_at = (SELECT next_action_at FROM contacts WHERE account_id = ?1 AND next_action IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1)
            WHERE id = ?1
            """, arguments: [accountID])
    }
}
