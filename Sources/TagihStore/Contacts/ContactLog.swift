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
        try database.read { db in try Self.target(db, accountNo) }
    }

    static func target(_ db: any LedgerSQL, _ accountNo: String) throws -> ContactTarget {
        guard let row = try db.row("SELECT id, name, timezone FROM accounts WHERE account_no = ?", [.text(accountNo)]) else {
            throw StoreError(.unknownAccount(accountNo))
        }
        let zone = row.string("timezone")
        guard let clock = LocalClock.system(zone) else { throw StoreError("account \(accountNo) has time zone \(zone), which this system does not know") }
        return ContactTarget(accountID: row.int("id") ?? 0, accountNo: accountNo, name: row.string("name"), clock: clock)
    }

    /// The account's attempts from `from` to `to` (unix seconds, both
    /// inclusive), whenever they were logged: a range of the account's index.
    static func attempts(_ db: any LedgerSQL, accountID: Int64, from: Int64, to: Int64) throws -> [ContactEvent] {
        let rows = try db.rows("""
            SELECT at, channel, contact FROM contacts \(db.dialect.indexedBy("contacts_account"))
            WHERE account_id = ? AND at BETWEEN ? AND ? AND attempt = 1 ORDER BY at, id
            """, [.int(accountID), .int(from), .int(to)])
        return rows.map { ContactEvent(at: $0.int("at") ?? 0, channel: Channel(rawValue: $0.string("channel")) ?? .phone, conversation: $0.bool("contact")) }
    }

    /// The attempts the policy needs to judge `instant`: every attempt of
    /// the debtor-local days the limits reach on either side (CONTRACT §6:
    /// the whole record, before and after), plus a day for the zone's offset.
    static func history(_ db: Database, accountID: Int64, around instant: Int64) throws -> [ContactEvent] {
        try history(SQLiteSQL(db), accountID: accountID, around: instant)
    }

    static func history(_ db: any LedgerSQL, accountID: Int64, around instant: Int64) throws -> [ContactEvent] {
        let reach = Int64(ContactPolicy.reachDays + 2) * 86_400
        return try attempts(db, accountID: accountID, from: instant - reach, to: instant + reach)
    }

    /// The policy's verdict on a contact at `instant`, judged against the
    /// whole record. The attempts around the instant decide whether it is
    /// allowed; when it is not and the next allowed moment lies beyond the
    /// next day, the days up to it need their own neighbours, so the record
    /// is read again as far as the search goes (a year).
    static func judge(_ db: any LedgerSQL, _ policy: ContactPolicy, target t: ContactTarget, channel: Channel, at instant: Int64,
                      conversation: Bool) throws -> ContactVerdict {
        // A hold other than hardship blocks every collection contact (CONTRACT §9).
        let holds = try HoldBook.holds(db, accountID: t.accountID)
        let near = try history(db, accountID: t.accountID, around: instant)
        let verdict = policy.check(channel, at: instant, clock: t.clock, history: near, conversation: conversation, holds: holds)
        guard case .blocked(_, let next) = verdict, next.map({ $0 > instant + 86_400 }) ?? true else { return verdict }
        let reach = Int64(ContactPolicy.reachDays + 2) * 86_400
        let far = try attempts(db, accountID: t.accountID, from: instant - reach, to: instant + 367 * 86_400 + reach)
        return policy.check(channel, at: instant, clock: t.clock, history: far, conversation: conversation, holds: holds)
    }

    /// May the account be contacted on `channel` at `instant`? A probe knows
    /// no outcome: it is judged as an attempt that reaches no one.
    public func verdict(_ accountNo: String, channel: Channel, at instant: Int64) throws -> (ContactTarget, ContactVerdict) {
        try database.read { db in
            let t = try Self.target(db, accountNo)
            return (t, try Self.judge(db, settings.contactPolicy, target: t, channel: channel, at: instant, conversation: false))
        }
    }

    /// The party rules for a probe (`can-contact --to`): the number `to`
    /// names, or the debtor's first usable one, judged as an attempt that
    /// only tries to reach someone (`NA`) on `day`. Nil: no party rule stands in the way.
    public func partyRefusal(_ accountNo: String, channel: Channel, to: String?, on day: Day) throws -> ContactRefusal? {
        let probe = OutcomeCode(code: "NA", meaning: "no answer")
        return try database.read { db in
            let t = try Self.target(db, accountNo)
            let request = ContactRequest(accountNo: accountNo, channel: channel, outcome: probe, at: 0, day: day, to: to)
            do {
                let phone = try Self.phoneUsed(db, request, target: t)
                return settings.contactPolicy.partyRefusal(phone, outcome: probe, on: day, inbound: false)
            } catch let e as StoreError where e.contact != nil {
                return e.contact
            }
        }
    }

    /// `blocked: REASON; next allowed 2026-11-09 08:00 WIB`.
    public static func blockedLine(_ reason: BlockReason, next: Int64?, clock: LocalClock) -> String {
        ContactRefusal.blocked(reason, next: next.map(clock.moment)).commandLineText
    }

    /// Validates and records a contact as the session's user, in one short
    /// transaction that also checks the policy (so two terminals cannot pass
    /// a daily limit together), updates the queue's cache and appends to the
    /// audit trail. A blocked contact is refused unless a lead or admin
    /// gives an override reason.
    public func log(_ r: ContactRequest, session: Session) throws -> LoggedContact {
        // A contact may be logged up to `backdate_hours` after it happened,
        // never ahead of the clock (5 minutes of skew allowed): CONTRACT §1a.
        let now = Int64(session.now.timeIntervalSince1970)
        let back = Int64(settings.backdateHours) * 3_600
        if r.at < now - back {
            throw StoreError(.backdatedTooFar(at: r.at, hours: settings.backdateHours))
        }
        if r.at > now + 300 { throw StoreError(.inTheFuture(at: r.at)) }
        if let p = r.promise {
            guard r.outcome.promise else {
                throw StoreError(.promiseNotForOutcome(outcome: r.outcome.code))
            }
            let last = r.day.adding(days: settings.promiseHorizonDays)
            guard p.due >= r.day, p.due <= last else {
                throw StoreError(.promiseOutsideHorizon(due: p.due, from: r.day, to: last, days: settings.promiseHorizonDays))
            }
            guard p.amount.isPositive else { throw StoreError(.promiseNotPositive) }
        } else if r.outcome.promise {
            throw StoreError(.promiseMissing(outcome: r.outcome.code))
        }
        if let next = r.nextAction, next < r.day {
            throw StoreError(.nextBeforeContactDay(next: next, day: r.day))
        }
        if let o = r.override, o.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError(.overrideWithoutReason)
        }
        for (name, text) in [("--note", r.note), ("--override", r.override)] {
            if let problem = RecordProblem.text(name, text) { throw StoreError(problem) }
        }
        return try database.write { db in
            let t = try Self.target(db, r.accountNo)
            try StoreError.require(r.outcome.code == "SENT" ? .recordMessages : .logContact, session)
            // The party rules (CONTRACT §9) before the promise and the policy:
            // no override lifts them (R5).
            let phone = try Self.phoneUsed(db, r, target: t)
            if let why = settings.contactPolicy.partyRefusal(phone, outcome: r.outcome, on: r.day, inbound: r.inbound) {
                throw StoreError(why)
            }
            if let p = r.promise { try Self.checkPromiseAmount(db, p.amount, target: t, day: r.day, currency: settings.currency) }
            var overridden: BlockReason?
            // A call the debtor made (R5) is not an attempt: no hours, no limits.
            let verdict = r.inbound ? .allowed
                : try Self.judge(db, settings.contactPolicy, target: t, channel: r.channel, at: r.at, conversation: r.outcome.contact)
            if case .blocked(let reason, let next) = verdict {
                let blocked = ContactRefusal.blocked(reason, next: next.map(t.clock.moment))
                // R5: an override lifts hours, days and limits, never a hold.
                guard let why = r.override, !reason.isHold else { throw StoreError(blocked) }
                if let refusal = Authority.refusal(session.user, .overridePolicy) {
                    throw StoreError(blocked, overrideRefused: refusal, actor: session.user)
                }
                overridden = reason
                _ = why
            }
            // An inbound call under a hold is recorded, but no promise is taken (CONTRACT §9).
            if r.promise != nil, let hold = Holds.blocking(try HoldBook.holds(db, accountID: t.accountID), on: r.day) {
                throw StoreError(CaseRefusal.heldForPromise(account: t.accountNo, kind: hold.kind, since: hold.since))
            }
            let debtor = t.clock.local(r.at)
            let debtorTime = t.clock.describe(r.at)
            // R21: the id is the next one inside this write (gap-free on both
            // backends; a refused or retried log takes none).
            guard let id = try db.int("""
                INSERT INTO contacts(id, account_id, made_by, real_user, at, day, debtor_day, debtor_time, channel, outcome,
                                     attempt, contact, right_party, promise, reason, note, promise_amount, promise_due, next_action, next_action_at,
                                     override_reason, phone_number)
                VALUES ((SELECT coalesce(max(id), 0) + 1 FROM contacts), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id
                """, ([t.accountID, session.user.login, session.realLogin, r.at, r.day.ordinal, debtor.day.ordinal, debtorTime,
                      r.channel.rawValue, r.outcome.code, r.outcome.attempt && !r.inbound, r.outcome.contact, r.outcome.rightParty,
                      r.outcome.promise, r.reason?.rawValue, r.note, r.promise?.amount.minor, r.promise?.due.ordinal,
                      r.nextAction?.ordinal, r.nextActionAt, overridden == nil ? nil : r.override, phone?.number] as [any SQLArgument]).map(\.sqlValue))
            else { throw StoreError("contact was not recorded") }
            try Self.refreshQueueCache(db, accountID: t.accountID)
            var detail = "\(r.inbound ? "inbound " : "")\(r.channel.rawValue) \(r.outcome.code) at \(debtorTime)"
            if let phone { detail += " to=\(phone.number)" }
            if let reason = r.reason { detail += " reason=\(reason.rawValue)" }
            if let p = r.promise { detail += " promise=\(p.amount.machine(settings.currency)) due=\(p.due.iso)" }
            if let n = r.nextAction { detail += " next=\(n.iso)" }
            if let t = r.nextActionAt { detail += " next_at=\(t)" }
            if let o = overridden { detail += " override of \"\(o.text)\": \(r.override ?? "")" }
            try AuditTrail.append(db, session: session, action: overridden == nil ? "contact.log" : "contact.override",
                                  subject: "\(r.accountNo) contact \(id)", detail: detail)
            return LoggedContact(id: id, debtorTime: debtorTime, overridden: overridden, number: phone?.number)
        }
    }

    /// The number a contact uses (CONTRACT §9): the one `--to` names, which
    /// the account must have; else the debtor's first number usable on the
    /// contact's day. None for a channel without a number, or an account
    /// with no debtor number at all (a contact logged as before phones had
    /// parties). When every debtor number is marked, an attempt must name
    /// another; a call the debtor made comes from where it comes.
    static func phoneUsed(_ db: any LedgerSQL, _ r: ContactRequest, target t: ContactTarget) throws -> Phone? {
        guard r.channel.usesNumber else {
            if let to = r.to { throw StoreError("--to \(TextField.visible(to)) names a number; the \(r.channel.rawValue) channel uses none", exitCode: 2) }
            return nil
        }
        let phones = try PhoneBook.phones(db, accountID: t.accountID)
        if let to = r.to {
            guard let p = phones.find(to) else { throw StoreError(.unknownNumber(number: to, account: t.accountNo)) }
            return p
        }
        if let p = phones.firstUsableDebtor(on: r.day) { return p }
        if !r.inbound, phones.contains(where: { $0.party == .debtor }) { throw StoreError(.noUsableDebtorNumber(account: t.accountNo)) }
        return nil
    }

    /// The account's contacts, newest first.
    static func records(_ db: any LedgerSQL, accountID: Int64) throws -> [ContactRecord] {
        try db.rows("""
            SELECT id, at, day, debtor_time, made_by, channel, outcome, reason, note, promise_amount, promise_due, next_action, next_action_at, override_reason
            FROM contacts WHERE account_id = ? ORDER BY at DESC, id DESC
            """, [.int(accountID)]).map { r in
            let amount = r.int("promise_amount")
            let due = r.int("promise_due").map { Int32($0) }
            return ContactRecord(id: r.int("id") ?? 0, at: r.int("at") ?? 0, day: Day(ordinal: Int32(r.int("day") ?? 0)), debtorTime: r.string("debtor_time"),
                                 madeBy: r.string("made_by"),
                                 channel: Channel(rawValue: r.string("channel")) ?? .phone, outcome: r.string("outcome"),
                                 reason: r.text("reason").flatMap(DelayReason.init(rawValue:)), note: r.text("note"),
                                 promise: amount.flatMap { a in due.map { (Money(minor: a), Day(ordinal: $0)) } },
                                 nextAction: r.int("next_action").map { Day(ordinal: Int32($0)) }, nextActionAt: r.int("next_action_at"),
                                 override: r.text("override_reason"))
        }
    }

    /// The account's promises made on or before `day` (all without one), in time order.
    static func promises(_ db: Database, accountID: Int64, madeOnOrBefore day: Day? = nil) throws -> [PromiseToPay] {
        try promises(SQLiteSQL(db), accountID: accountID, madeOnOrBefore: day)
    }

    static func promises(_ db: any LedgerSQL, accountID: Int64, madeOnOrBefore day: Day? = nil) throws -> [PromiseToPay] {
        let r = try db.small("""
            SELECT \(promiseColumns) FROM contacts
            WHERE account_id = ? AND promise_amount IS NOT NULL AND day <= ? ORDER BY at, id
            """, [.int(accountID), .int(Int64(day?.ordinal ?? Int32.max))])
        var out: [PromiseToPay] = []
        while try r.step() { out.append(promise(r)) }
        return out
    }

    /// What `promise(_:)` reads, in its order.
    private static let promiseColumns = "account_id, id, at, day, made_by, promise_amount, promise_due"

    /// The promise of a contact row of `promiseColumns`.
    private static func promise(_ r: any SQLCursor) -> PromiseToPay {
        PromiseToPay(accountID: r.int(0), madeOn: Day(ordinal: Int32(r.int(3))), madeBy: r.text(4) ?? "",
                     amount: Money(minor: r.int(5)), due: Day(ordinal: Int32(r.int(6))), madeAt: r.int(2), contactID: r.int(1))
    }

    /// The promises of each account in `ids` made on or before `day`, each
    /// account's in time order (as `promises(_:accountID:madeOnOrBefore:)`),
    /// in one statement: the workstation's first paint asks for hundreds.
    static func promises(_ db: any LedgerSQL, accounts ids: [Int64], madeOnOrBefore day: Day) throws -> [Int64: [PromiseToPay]] {
        var out: [Int64: [PromiseToPay]] = [:]
        guard !ids.isEmpty else { return out }
        let r = try db.small("""
            SELECT \(promiseColumns) FROM contacts
            WHERE \(db.dialect.inJSONInts("account_id", "?1")) AND promise_amount IS NOT NULL AND day <= ?2 ORDER BY account_id, at, id
            """, [.text(LedgerScan.EntriesReader.jsonList(ids)), .int(Int64(day.ordinal))])
        while try r.step() { out[r.int(0), default: []].append(promise(r)) }
        return out
    }

    /// CONTRACT §6 and §1: a promise is at most the account's balance at the
    /// contact (its day), and the book's promised amounts must stay summable
    /// (`report activity` adds them up): a promise that would take their
    /// total out of the 64-bit range is refused. SQLite's integer `sum` is
    /// exact and fails rather than wrap, read from the covering promise index.
    static func checkPromiseAmount(_ db: any LedgerSQL, _ amount: Money, target t: ContactTarget, day: Day, currency: Currency) throws {
        let entries = try LedgerScan.entries(db, accountID: t.accountID)
        let balance = try checkedMoney("account \(t.accountNo) balance") { () throws(MoneyError) in try entries.position(asOf: day) }.balance
        guard amount.minor <= balance.minor else {
            throw StoreError(.promiseAboveBalance(amount: amount, account: t.accountNo, balance: balance, on: day, currency: currency))
        }
        let overflow = StoreError.overflow("--promise \(amount.machine(currency)): the book's promised amounts together")
        // PostgreSQL sums bigint as numeric: a total beyond 64 bits reads as no integer.
        let total: Int64
        do {
            guard let sum = try db.row("""
                SELECT coalesce(sum(promise_amount), 0) FROM contacts \(db.dialect.indexedBy("contacts_promise_due")) WHERE promise_amount IS NOT NULL
                """)?[0].int else { throw overflow }
            total = sum
        } catch let e as DatabaseError where e.message?.contains("integer overflow") == true {
            throw overflow
        }
        if total.addingReportingOverflow(amount.minor).overflow { throw overflow }
    }

    /// The queue's cache on the account: the next action of the latest
    /// contact that set one (the queue orders by it). The last contact's day
    /// is read for the lines on screen only (`queueRows`), so it is not cached.
    static func refreshQueueCache(_ db: Database, accountID: Int64) throws { try refreshQueueCache(SQLiteSQL(db), accountID: accountID) }

    static func refreshQueueCache(_ db: any LedgerSQL, accountID: Int64) throws {
        try db.execute("""
            UPDATE accounts SET
              next_action_day = (SELECT next_action FROM contacts WHERE account_id = ?1 AND next_action IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1),
              next_action_at = (SELECT next_action_at FROM contacts WHERE account_id = ?1 AND next_action IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1)
            WHERE id = ?1
            """, [.int(accountID)])
    }
}
