import Foundation
import TagihCore

/// The questions the workstation asks of the ledger, answered in plain SQL
/// so the UI never writes any. Every method is a short read (or, for leases,
/// a short write) so many terminals and the nightly batch share the file.
public struct WorkstationStore: Sendable {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    public var buckets: Buckets { database.settings.buckets }
    public var path: String { database.path }

    // MARK: queue

    /// Accounts in `scope` that need work as of `today`: something past due
    /// and a positive balance. Reads the covering `accounts_queue` index,
    /// then marks each key with what the contact log says at `now`: whether
    /// the policy allows a call (per zone, and per account for the few with
    /// attempts in the last days), promises due today or broken this week,
    /// next actions due. The order is the caller's (`WorkQueue.order`).
    public func queueKeys(_ scope: QueueScope, today: Day, now: Int64) throws -> QueueKeys {
        let (condition, argument): (String, String?) = switch scope {
        case .collector(let login): ("collector = ?1", login)
        case .team(let team): ("collector IN (SELECT login FROM users WHERE team = ?1)", team)
        case .unassigned: ("collector IS NULL", nil)
        case .book: ("TRUE", nil)
        }
        let byCollector = if case .team = scope { true } else { false }
        return try keys(where: condition, argument: argument.map { .text($0) } ?? .null, today: today, now: now, one: nil,
                        halvesByCollector: byCollector)
    }

    /// One account's queue key as of now (after a contact is logged): no
    /// key when it needs no work. The same rules as `queueKeys`, for one row;
    /// its segment index is into the segments returned with it.
    public func queueKey(account: Int64, today: Day, now: Int64) throws -> QueueKeys {
        try keys(where: "id = ?1", argument: .int(account), today: today, now: now, one: account)
    }

    /// `halvesByCollector`: over a socket, a team's queue is read in two
    /// parts split at the middle of its collectors' logins rather than of the
    /// ids (see below).
    private func keys(where condition: String, argument: SQLValue, today: Day, now: Int64, one: Int64?,
                      halvesByCollector: Bool = false) throws -> QueueKeys {
        let settings = database.settings
        let policy = settings.contactPolicy
        return try database.read { db in
            var keys: [QueueKey] = []
            // A book has a handful of segments and zones: compare bytes with
            // those seen instead of making a String per row.
            var segments = Interner(), zones = Interner()
            var zoneOfKey: [UInt8] = []
            /// Adds the key of an account whose row holds segment, timezone, next action day and time from column `c`.
            func add(_ id: Int64, oldestDue: Day, balance: Money, _ row: any SQLCursor, from c: Int32) {
                let seg = row.withBytes(c) { $0.map { Int32(segments.index($0)) } } ?? -1
                zoneOfKey.append(UInt8(truncatingIfNeeded: row.withBytes(c + 1) { $0.map { zones.index($0) } } ?? 0))
                let next = row.optInt(c + 2).map { Day(ordinal: Int32($0)) }
                let nextAt = row.optInt(c + 3)
                // A next action is due on its day — from its time, when it has one (a call back at 14:00).
                let due = next.map { $0 < today || ($0 == today && (nextAt.map { $0 <= now } ?? true)) } ?? false
                keys.append(QueueKey(accountID: id, oldestDue: oldestDue, balance: balance,
                                     segment: seg, nextAction: next, nextActionAt: nextAt, flag: due ? .actionDue : .none))
            }
            /// Adds the key of a replayed account when it needs work as of `today` (the cache query's rule).
            func add(_ id: Int64, _ e: AccountEntries, _ row: any SQLCursor, from c: Int32) throws {
                let p = try checkedMoney("account id \(id) balance") { () throws(MoneyError) in try e.position(asOf: today) }
                guard p.openTotal.isPositive, p.openTotal.minor > p.unapplied.minor,
                      let oldest = p.openCharges.first?.charge.dueDate, oldest < today else { return }
                add(id, oldestDue: oldest, balance: p.balance, row, from: c)
            }

            // The cache is each account's position after its last entry. When
            // entries are dated after `today` (future-dated rows, or a queue as
            // of a past day) it is not today's position for the accounts that
            // hold them: those are replayed as of `today`, as aging does.
            let stale = try db.cacheIsCurrent(asOf: today) ? []
                : try Self.accountsWithEntries(db, after: today, where: one == nil ? condition : nil, argument, one: one)
            // Many to replay (a past day, most of the book since changed): one
            // streaming replay beats a few look-ups per account. Counted within
            // the scope: a collector's drill-down replays only their accounts.
            var replayAll: Set<Int64>? = nil
            if one == nil, !stale.isEmpty {
                let threshold = Double(try db.int("SELECT count(*) FROM accounts") ?? 0) * LedgerCache.fullScanFraction
                if Double(stale.count) >= threshold {
                    let inScope = try db.bulk("SELECT id FROM accounts WHERE \(condition)", [argument], columns: 1)
                    var ids = Set<Int64>()
                    while try inScope.step() { ids.insert(inScope.int(0)) }
                    replayAll = ids
                }
            }
            if let ids = replayAll {
                try LedgerScan(db, asOf: today, accountColumns: "segment, timezone, next_action_day, next_action_at").forEach { row, e in
                    if ids.contains(e.accountID) { try add(e.accountID, e, row, from: 1) }
                }
            } else {
                let sql = """
                    SELECT id, oldest_due, open_total - unapplied, segment, timezone, next_action_day, next_action_at
                    FROM accounts \(one == nil ? db.dialect.indexedBy("accounts_queue") : "")
                    WHERE \(condition) AND open_total > 0 AND oldest_due < ?2 AND open_total > unapplied
                    """
                let arguments: [SQLValue] = [argument, .int(Int64(today.ordinal))]
                // Over a socket the server builds the queue's arrays (a lead's
                // 292,000 keys at 1M: 0.26 s before the first byte comes): the
                // upper half of the ids on a second connection on the same
                // snapshot while this one builds the lower, on two cores. The
                // order of the keys is the caller's (ties broken by id).
                //
                // A team's halves are its collectors' logins split at the
                // middle one: the index leads with the collector, so each part
                // scans only its own collectors' entries, where halves of the
                // ids each scanned the whole team's and kept half (a lead's
                // first paint at 1M: 27 ms less a part, measured).
                var parts: [() throws -> any SQLCursor] = [{ try db.bulk(sql, arguments, columns: 7) }]
                if one == nil, db.dialect.rowsCrossASocket {
                    var split: (lower: String, upper: String, at: SQLValue)? = nil
                    if halvesByCollector {
                        let logins = try db.cursor("SELECT login FROM users WHERE team = ?1 AND role = 'collector' ORDER BY login", [argument])
                        var names: [String] = []
                        while try logins.step() { names.append(logins.text(0) ?? "") }
                        if names.count > 1 { split = (" AND collector <= ?3", " AND collector > ?3", .text(names[(names.count - 1) / 2])) }
                    }
                    if split == nil, let middle = try db.int("SELECT (min(id) + max(id)) / 2 FROM accounts") {
                        split = (" AND id <= ?3", " AND id > ?3", .int(middle))
                    }
                    if let split {
                        let upper = db.bulkBeside(sql + split.upper, arguments + [split.at], columns: 7)
                        parts = [{ try db.bulk(sql + split.lower, arguments + [split.at], columns: 7) }, upper]
                    }
                }
                for part in parts {
                    let q = try part()
                    while try q.step() {
                        if stale.contains(q.int(0)) { continue }
                        add(q.int(0), oldestDue: Day(ordinal: Int32(q.int(1))), balance: Money(minor: q.int(2)), q, from: 3)
                    }
                }
                // The accounts with entries after `today`, in scope: replayed.
                try LedgerScan.forEach(db, accounts: stale.sorted(), accountColumns: "segment, timezone, next_action_day, next_action_at",
                                       where: condition, [argument]) { row, e in
                    try add(e.accountID, e, row, from: 1)
                }
            }
            // Contact hours per zone: one check each.
            let clocks = zones.names.map { LocalClock.system($0) }
            let zoneOpens: [Int64] = clocks.map { clock in
                guard let clock else { return 0 }
                return Self.opens(policy.check(.phone, at: now, clock: clock, history: []), now: now)
            }
            for i in keys.indices { keys[i].opensAt = zoneOpens[Int(zoneOfKey[i])] }
            guard !keys.isEmpty else { return QueueKeys(keys: keys, segments: segments.names) }

            // Which key holds an account. One account: its only key. The whole
            // queue: ids are dense row ids, so a plain array (4 bytes an
            // account of the book) answers in O(1) without hashing, built
            // only when something needs it.
            let maxID = keys.reduce(Int64(0)) { max($0, $1.accountID) }
            var position: [Int32] = []
            func slot(_ id: Int64) -> Int? {
                if one != nil { return keys.first?.accountID == id ? 0 : nil }
                if position.isEmpty {
                    position = [Int32](repeating: -1, count: Int(maxID) + 1)
                    for (i, k) in keys.enumerated() { position[Int(k.accountID)] = Int32(i) }
                }
                guard id >= 0, id <= maxID, position[Int(id)] >= 0 else { return nil }
                return Int(position[Int(id)])
            }

            // Holds in force today (few next to the book): hardship lowers, any other holds the account.
            for (id, hardshipOnly) in try HoldBook.inForce(db, on: today, account: one) {
                guard let i = slot(id) else { continue }
                keys[i].hold = hardshipOnly ? .hardship : .held
            }

            // Unresolved cases (no effective resolution, no approval) due within two working days or
            // overdue raise their account (CONTRACT §9): read from the unsettled ones of `case_days`
            // (a few next to the year's cases), each judged on the day, deadlines memoized.
            let terms = database.settings.caseTerms
            let due = DueMemo(terms)
            try CaseDays.unsettled(db, on: Int64(today.ordinal), scope: (condition, argument), account: one) { id, opened, extended in
                guard let i = slot(id), CaseAlert.raises(due: due.day(Day(ordinal: Int32(opened)), extended), today: today, holidays: terms.holidays)
                else { return }
                keys[i].flag = min(keys[i].flag, .caseDue)
            }

            // Accounts with attempts in the days around now (few): the full policy, with caps and rests.
            var recent: [Int64: [ContactEvent]] = [:]
            let attempts = try db.cursor(one == nil ? """
                SELECT account_id, at, channel, contact FROM contacts \(db.dialect.indexedBy("contacts_at")) WHERE attempt = 1 AND at > ?1 AND at <= ?2
                """ : """
                SELECT account_id, at, channel, contact FROM contacts WHERE account_id = ?3 AND attempt = 1 AND at > ?1 AND at <= ?2
                """, [.int(now - 9 * 86_400), .int(now + 9 * 86_400), .int(one ?? 0)])  // later attempts count too (R12)
            while try attempts.step() {
                guard slot(attempts.int(0)) != nil else { continue }
                recent[attempts.int(0), default: []].append(ContactEvent(at: attempts.int(1), channel: Channel(rawValue: attempts.text(2) ?? "") ?? .phone,
                                                                         conversation: attempts.int(3) != 0))
            }
            // Promises falling due today or broken in the last week (few).
            let grace = settings.promiseGraceDays
            var promised: [Int64: [PromiseToPay]] = [:]
            let promises = try db.cursor("""
                SELECT account_id, day, made_by, promise_amount, promise_due, id FROM contacts \(one == nil ? db.dialect.indexedBy("contacts_promise_due") : "")
                WHERE promise_amount IS NOT NULL AND promise_due BETWEEN ?1 AND ?2 AND day <= ?2 \(one == nil ? "" : "AND account_id = ?3")
                """, [.int(Int64(today.ordinal) - Int64(grace) - 8), .int(Int64(today.ordinal)), .int(one ?? 0)])
            while try promises.step() {
                guard slot(promises.int(0)) != nil else { continue }
                promised[promises.int(0), default: []].append(
                    PromiseToPay(accountID: promises.int(0), madeOn: Day(ordinal: Int32(promises.int(1))), madeBy: promises.text(2) ?? "",
                                 amount: Money(minor: promises.int(3)), due: Day(ordinal: Int32(promises.int(4))), contactID: promises.int(5)))
            }
            // Plans: active ones with an instalment due today or overdue, and plans broken this week.
            // A plan whose last line's grace ended more than a week ago is completed or broken
            // before this week (its status is derived): it flags nothing, so it is not read.
            var planned: [Int64] = []
            let plans = try db.cursor("""
                SELECT account_id, id FROM plans \(one == nil ? db.dialect.indexedBy("plans_status") : "")
                WHERE (status = 'active' AND (SELECT max(due_date) FROM plan_lines WHERE plan_id = plans.id) >= ?3
                       OR (status = 'declined' AND status_day >= ?1)) \(one == nil ? "" : "AND account_id = ?2")
                """, [.int(Int64(today.ordinal) - 7), .int(one ?? 0), .int(Int64(today.ordinal) - Int64(grace) - 8)])
            while try plans.step() {
                guard slot(plans.int(0)) != nil else { continue }
                planned.append(plans.int(1))
            }
            guard !recent.isEmpty || !promised.isEmpty || !planned.isEmpty else { return QueueKeys(keys: keys, segments: segments.names) }
            for (id, history) in recent {
                guard let i = slot(id) else { continue }
                if let clock = clocks[Int(zoneOfKey[i])] {
                    keys[i].opensAt = Self.opens(policy.check(.phone, at: now, clock: clock, history: history), now: now)
                }
            }
            for plan in try PlanBook.records(db, ids: planned.sorted(), asOf: today, grace: grace) {
                guard let i = slot(plan.accountID) else { continue }
                keys[i].flag = min(keys[i].flag, Self.planFlag(plan, today: today))
            }
            // Judged with all the account's promises (a replaced one asks
            // nothing), every account's read together.
            let promisedIDs = promised.keys.sorted()
            let allOf = try ContactLog.promises(db, accounts: promisedIDs, madeOnOrBefore: today)
            let lists = promisedIDs.map { allOf[$0] ?? [] }
            let judged = try PromisePayments.statuses(db, accounts: lists, asOf: today, graceDays: grace)
            for (id, (all, statuses)) in zip(promisedIDs, zip(lists, judged)) {
                guard let i = slot(id), let list = promised[id] else { continue }
                let wanted = Set(list.map(\.contactID))
                for (p, s) in zip(all, statuses) where wanted.contains(p.contactID) {
                    let flag: QueueFlag = switch s.status {
                    case .open where p.due == today: .promiseDueToday
                    case .broken: .brokenPromise
                    default: .none
                    }
                    keys[i].flag = min(keys[i].flag, flag)
                }
            }
            return QueueKeys(keys: keys, segments: segments.names)
        }
    }

    /// Accounts with an entry (charge, debit, credit, reversal) dated after
    /// `day`: their cached figures are not their position as of `day`. Only
    /// those `scope` keeps (a condition on `accounts`, `argument` its `?1`;
    /// nil or "TRUE": every account), or only `one`.
    static func accountsWithEntries(_ db: any LedgerSQL, after day: Day, where scope: String?, _ argument: SQLValue,
                                    one: Int64? = nil) throws -> Set<Int64> {
        let only = one == nil ? "" : " AND account_id = ?3"
        var sql = """
            SELECT account_id FROM charges WHERE issue_date > ?2\(only)
            UNION SELECT account_id FROM credits WHERE date > ?2\(only)
            UNION SELECT account_id FROM reversals WHERE date > ?2\(only)
            """
        // Kept to the scope by the server: a lead's team a week back is
        // 219,000 of the book's 450,000 (1M accounts), each otherwise sent.
        if let scope, scope != "TRUE" {
            sql = "SELECT account_id FROM (\(sql)) AS later WHERE account_id IN (SELECT id FROM accounts WHERE \(scope))"
        }
        let ids = try db.bulk(sql, [argument, .int(Int64(day.ordinal))] + (one.map { [.int($0)] } ?? []), columns: 1)
        var out = Set<Int64>()
        while try ids.step() { out.insert(ids.int(0)) }
        return out
    }

    /// What a plan asks of the collector today: an instalment due today, or
    /// one overdue (or the plan broken this week).
    static func planFlag(_ p: PlanRecord, today: Day) -> QueueFlag {
        // A request a lead decided in the last two days: the collector tells the debtor.
        let decided = p.beyond != nil && Day.days(from: p.decidedOn, to: today) <= 2
        switch p.status {
        case .declined: return decided ? .planDeclined : .none
        case .broken: return Day.days(from: p.statusDay, to: today) <= 7 ? .instalmentMissed : .none
        case .active:
            for (line, paid) in zip(p.schedule.lines, p.paid) where paid < line.amount {
                if line.due < today { return .instalmentMissed }
                if line.due == today { return .instalmentDue }
            }
            return decided ? .planApproved : .none
        default: return .none
        }
    }

    /// 0 when allowed, else when contact next opens (a year out when never).
    static func opens(_ v: ContactVerdict, now: Int64) -> Int64 {
        switch v {
        case .allowed: 0
        case .blocked(_, let next): next ?? now + 366 * 86_400
        }
    }

    /// The details of the queue lines on screen. `me` is left out of the
    /// lease column (one's own lease is not news).
    public func queueRows(_ ids: [Int64], me: String, now: Int64) throws -> [Int64: QueueRow] {
        guard !ids.isEmpty else { return [:] }
        return try database.read { db in
            var out: [Int64: QueueRow] = [:]
            let rows = try db.cursor("""
                SELECT a.id, a.account_no, a.name, a.collector, a.segment, a.next_action_day, l.login AS leased_by,
                       (SELECT day FROM contacts WHERE account_id = a.id ORDER BY at DESC, id DESC LIMIT 1) AS last_contact_day
                FROM accounts a LEFT JOIN leases l ON l.account_id = a.id AND l.expires_at > ? AND l.login <> ?
                WHERE a.id IN (\(ids.map(String.init).joined(separator: ",")))
                """, [.int(now), .text(me)])
            while try rows.step() {
                let id = rows.int(0)
                out[id] = QueueRow(accountID: id, accountNo: rows.text(1) ?? "", name: rows.text(2) ?? "", collector: rows.text(3),
                                   segment: rows.text(4), lastContact: rows.optInt(7).map { Day(ordinal: Int32($0)) },
                                   nextAction: rows.optInt(5).map { Day(ordinal: Int32($0)) }, leasedBy: rows.text(6))
            }
            // The latest decision on a plan that waited for one: the collector reads who decided, when and why.
            let events = try db.cursor("""
                SELECT p.account_id, e.plan_id, e.day, e.status, e.by_user, e.note FROM plans p JOIN plan_events e ON e.plan_id = p.id
                WHERE p.account_id IN (\(ids.map(String.init).joined(separator: ","))) AND p.beyond IS NOT NULL ORDER BY e.plan_id, e.id
                """, [])
            var history: [Int64: (account: Int64, events: [PlanReview.Event])] = [:]
            while try events.step() {
                guard let decision = PlanDecision(rawValue: events.text(3) ?? "") else { continue }
                history[events.int(1), default: (events.int(0), [])].events
                    .append(PlanReview.Event(decision: decision, by: events.text(4), day: Day(ordinal: Int32(events.int(2))), note: events.text(5)))
            }
            for (plan, h) in history.sorted(by: { $0.key < $1.key }) {
                if let review = PlanReview.of(plan: plan, events: h.events) { out[h.account]?.planReview = review }
            }
            return out
        }
    }

    // MARK: search

    /// Accounts whose number starts with the text, whose name has words
    /// starting with each word of the text (any case, any accents), or whose
    /// phone starts with the number however it is written. Every branch is
    /// an index range or an FTS5 prefix query, never a scan.
    ///
    /// The balance shown is the position as of `today`: the cached one, or,
    /// when entries are dated after `today` (the cache is then a later day's
    /// position), each hit replayed as of `today`, as aging does. Without
    /// `today`, the cached balance.
    public func search(_ text: String, limit: Int = 50, today: Day? = nil) throws -> [SearchHit] {
        let query = text.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return [] }
        return try database.read { db in
            var hits = try searchHits(db, query, limit: limit)
            if let today, try !db.cacheIsCurrent(asOf: today) {
                for i in hits.indices {
                    let e = try LedgerScan.entries(db, accountID: hits[i].accountID)
                    hits[i].balance = try checkedMoney("account \(hits[i].accountNo) balance") { () throws(MoneyError) in
                        try e.position(asOf: today).balance
                    }
                }
            }
            return hits
        }
    }

    private func searchHits(_ db: any LedgerSQL, _ query: String, limit: Int) throws -> [SearchHit] {
        var hits: [SearchHit] = []
        var seen: Set<Int64> = []
        for branch in Self.searchBranches(query, db.dialect) where hits.count < limit {
            let ordered = branch.sql + (branch.order.map { " ORDER BY \($0)" } ?? "")
            // At most `limit` rows: read whole (`small`). Through a server-side
            // cursor PostgreSQL plans for the first tenth of the rows
            // (`cursor_tuple_fraction`) and chose, for a number's tail, a
            // nested loop matching every account against the 200 found: 40
            // million comparisons, 1.6 s a key at 200,000 accounts (EXPLAIN
            // ANALYZE DECLARE), where the plain query takes 80 ms.
            let rows = try db.small("""
                SELECT a.id, a.account_no, a.name, a.phone, a.collector, a.open_total - a.unapplied AS balance
                FROM accounts a WHERE a.id IN (\(ordered) LIMIT ?2)
                """, [.text(branch.argument), .int(Int64(limit))])
            var batch: [SearchHit] = []
            while try rows.step() {
                batch.append(SearchHit(accountID: rows.int(0), accountNo: rows.text(1) ?? "", name: rows.text(2) ?? "", phone: rows.text(3),
                                       collector: rows.text(4), balance: Money(minor: rows.int(5)), match: branch.match))
            }
            for h in batch.sorted(by: { $0.accountNo < $1.accountNo }) where hits.count < limit && seen.insert(h.accountID).inserted {
                hits.append(h)
            }
        }
        return hits
    }

    /// How many accounts the text finds in all, counted up to `upTo` (a
    /// count of `upTo` means "at least"): search shows the first 200 and
    /// says of how many. Each branch stops at `upTo`, so the count is
    /// bounded like the search itself (a few ms for a number or phone
    /// prefix; a name as common as `a` on 1M accounts reads `upTo` rowids).
    public func searchCount(_ text: String, upTo: Int) throws -> Int {
        let query = text.trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty, upTo > 0 else { return 0 }
        return try database.read { db in
            let branches = Self.searchBranches(query, db.dialect)
            guard !branches.isEmpty else { return 0 }
            // (Each derived table named: PostgreSQL 15 asks for it; SQLite takes it alike.)
            // Unordered: which `upTo` ids a branch stops at changes nothing. A
            // branch that stops has `upTo` ids, and the count is then `upTo`
            // whichever they are; a branch that does not stop gives them all.
            let union = branches.indices.map { "SELECT * FROM (\(branches[$0].sql) LIMIT ?\(branches.count + 1)) AS b\($0)" }
                .enumerated().map { i, sql in sql.replacingOccurrences(of: "?1", with: "?\(i + 1)") }
                .joined(separator: " UNION ")
            let arguments: [SQLValue] = branches.map { .text($0.argument) } + [.int(Int64(upTo))]
            let n = try db.int("SELECT count(*) FROM (\(union)) AS hits", arguments) ?? 0
            return min(Int(n), upTo)
        }
    }

    /// The ways a text finds an account, best first, each a query of
    /// account ids taking the text as `?1` (the caller adds the LIMIT), with
    /// the order the search reads it in (`ORDER BY`; nil: as it comes):
    /// the number's start, the number's end, a phone's start, the name's words.
    static func searchBranches(_ query: String, _ dialect: any SQLDialect) -> [SearchBranch] {
        guard !query.isEmpty else { return [] }
        var out: [SearchBranch] = []
        // Account numbers are stored as billing writes them (upper case in practice).
        let upper = query.uppercased()
        let prefix = "SELECT id FROM accounts WHERE account_no >= ?1 AND account_no < ?1 || \(dialect.textCeiling)"
        out.append((prefix, "account_no", upper, .accountNo))
        if upper != query { out.append((prefix, "account_no", query, .accountNo)) }
        // The end of a number (`1129` finds ACC0001129), as collectors read it
        // off a letter or say it on the phone. No index serves a suffix, so
        // this is a scan of the account_no index (narrow: number and rowid),
        // stopped by the LIMIT once enough are found. Measured with
        // `tagih ui-bench` (release) on the demo ledger of 200,000 accounts:
        // every prefix of a number and of its last four digits, p50 0.6 ms,
        // worst 22 ms (`000`, a full scan); it grows with the book, so about
        // 110 ms at worst on 1M accounts, while typed keys wait. Only for a text
        // that can be a number's tail (letters, digits, `-`, `/`, at least
        // one digit), so names never pay for it.
        if query.count >= 2, query.contains(where: \.isNumber),
           query.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "/" || $0 == "." }) {
            // In the numbers' order, as the prefix: a scan stopped by a LIMIT
            // keeps the rows it meets first, and a server's table is not in
            // any order (a file's covering index was, so the two showed other
            // accounts once more than the limit ended in the text).
            out.append(("SELECT id FROM accounts WHERE account_no \(dialect.likeASCIICase) '%' || ?1 AND account_no NOT \(dialect.likeASCIICase) ?1 || '%'",
                        "account_no", upper, .accountNo))
        }
        if PhoneKey.looksLikePhone(query), let key = PhoneKey.key(query) {
            // Digits sort before ':' so [key, key + ':') is every key with that prefix.
            // (In the keys' order, the primary key's, for the same reason.)
            out.append(("SELECT account_id FROM account_phones WHERE phone_key >= ?1 AND phone_key < ?1 || ':'", "phone_key, account_id", key, .phone))
            // Numbers added with `phone add` (an emergency contact, a new mobile) find their account too.
            out.append(("SELECT account_id FROM phones WHERE phone_key >= ?1 AND phone_key < ?1 || ':'", "phone_key, account_id", key, .phone))
        }
        if let (sql, order, argument) = dialect.nameWords(query.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)) {
            out.append((sql, order, argument, .name))
        }
        return out
    }

    typealias SearchBranch = (sql: String, order: String?, argument: String, match: SearchHit.Match)

    /// Each word of the text as an FTS5 prefix term, all required:
    /// `siti rah` → `"siti"* AND "rah"*`. Words split where the tokenizer
    /// splits names (anything but letters and digits), so each term is one
    /// token: the index keeps no positions (`detail = none`), so it answers
    /// terms, not phrases.
    static func ftsQuery(_ text: String) -> String? {
        let words = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        guard !words.isEmpty else { return nil }
        return words.map { "\"\($0)\"*" }.joined(separator: " AND ")
    }

    // MARK: account

    /// An account's details, position as of `day`, charges, activity,
    /// contacts and promises; `now` bounds the attempts the policy counts.
    public func account(id: Int64, asOf day: Day, now: Int64) throws -> AccountDetail {
        try database.read { db in
            guard let row = try db.row("SELECT * FROM accounts WHERE id = ?", [.int(id)]) else {
                throw StoreError(.accountGone(id))
            }
            let entries = try LedgerScan.entries(db, accountID: id)
            let no = row.string("account_no")
            let position = try checkedMoney("account \(no) balance") { () throws(MoneyError) in try entries.position(asOf: day) }
            let charges = entries.charges.filter { $0.issueDate <= day }
                .sorted { ($0.issueDate, $0.id) > ($1.issueDate, $1.id) }
            let zone = row.string("timezone")
            return AccountDetail(accountID: id, accountNo: no, name: row.string("name"), phones: PhoneKey.numbers(row.text("phone") ?? ""),
                                 email: row.text("email"), address: row.text("address"), timeZone: zone, segment: row.text("segment"),
                                 collector: row.text("collector"), position: position, charges: charges,
                                 activity: try activity(db, accountID: id, asOf: day), clock: LocalClock.system(zone),
                                 contacts: try ContactLog.records(db, accountID: id),
                                 promises: ContactReports.promiseLines(try ContactLog.promises(db, accountID: id), accountNo: no,
                                                                       credits: entries.credits, asOf: day,
                                                                       graceDays: database.settings.promiseGraceDays).reversed(),
                                 recentAttempts: try ContactLog.history(db, accountID: id, around: now))
                .withPlans(try PlanBook.plans(db, accountID: id, asOf: day, settings: database.settings))
                .withHoldsAndCases(Holds.inForce(try HoldBook.holds(db, accountID: id), on: day),
                                   try CaseBook.loadAll(db, accountID: id, collectors: nil).reversed().filter { $0.opened <= day }
                                       .map { ($0, Cases.state($0, asOf: day, terms: database.settings.caseTerms)) })
                .withParties(try PhoneBook.phones(db, accountID: id))
                .withMessages(try MessageResults.sent(db, accountID: id, upTo: day))
        }
    }

    /// Payments, credits, write-offs, debits and reversals dated on or
    /// before `day`, newest first.
    func activity(_ db: any LedgerSQL, accountID: Int64, asOf day: Day) throws -> [LedgerActivity] {
        let d = Int64(day.ordinal)
        var out: [LedgerActivity] = []
        let credits = try db.rows("""
            SELECT c.source, c.date, c.ref, c.channel, c.amount, c.note,
                   (SELECT min(r.date) FROM reversals r WHERE r.credit_id = c.id AND r.date <= ?2) AS reversed_on
            FROM credits c
            WHERE c.account_id = ?1 AND c.date <= ?2
            """, [.int(accountID), .int(d)])
        for r in credits {
            let channel = r.string("channel")
            out.append(LedgerActivity(kind: LedgerActivity.Kind(rawValue: r.string("source")) ?? .payment, date: Self.day(r, "date"), ref: r.string("ref"),
                                      channel: channel.isEmpty ? nil : channel, amount: Money(minor: r.int("amount") ?? 0),
                                      reversedOn: r.int("reversed_on").map { Day(ordinal: Int32($0)) }, note: r.text("note")))
        }
        let reversals = try db.rows("""
            SELECT r.date, r.ref, c.channel, c.amount, r.reason, c.ref AS payment_ref FROM reversals r JOIN credits c ON c.id = r.credit_id
            WHERE r.account_id = ?1 AND r.date <= ?2
            """, [.int(accountID), .int(d)])
        for r in reversals {
            let reason = r.text("reason")
            let paymentRef = r.string("payment_ref")
            out.append(LedgerActivity(kind: .reversal, date: Self.day(r, "date"), ref: r.string("ref"), channel: r.text("channel"),
                                      amount: Money(minor: r.int("amount") ?? 0), note: reason.map { "\(paymentRef): \($0)" } ?? paymentRef))
        }
        let debits = try db.rows("""
            SELECT issue_date, ref, amount, description FROM charges WHERE account_id = ?1 AND source = 'debit' AND issue_date <= ?2
            """, [.int(accountID), .int(d)])
        for r in debits {
            out.append(LedgerActivity(kind: .debit, date: Self.day(r, "issue_date"), ref: r.string("ref"), amount: Money(minor: r.int("amount") ?? 0),
                                      note: r.text("description")))
        }
        // Down to the amount: the three reads above come in no order a file
        // and a server share, so two entries of a day with one ref (a
        // payment's ref on two channels) must not keep the order they came in.
        return out.sorted {
            ($0.date, $0.ref, $0.kind.rawValue, $0.channel ?? "", $0.amount.minor)
                > ($1.date, $1.ref, $1.kind.rawValue, $1.channel ?? "", $1.amount.minor)
        }
    }

    private static func day(_ r: SQLRow, _ column: String) -> Day { Day(ordinal: Int32(r.int(column) ?? 0)) }

    // MARK: people

    /// Active users, by login.
    public func users() throws -> [User] { try UserDirectory(database).list().filter(\.active) }

    // MARK: leases

    /// How long a lease lasts without being renewed.
    public static let leaseSeconds: Int64 = 10 * 60

    /// Takes (or renews) the lease on an account for `login`, unless someone
    /// else holds a live one: then returns who.
    /// Leases are advisory and taken on the key loop: a ledger busy with
    /// another writer (a nightly import) fails them quickly rather than freezing the keys.
    public func takeLease(account: Int64, login: String, now: Int64) throws -> LeaseHolder? {
        try database.writeBriefly { (db: any LedgerSQL) in
            try db.execute("""
                INSERT INTO leases(account_id, login, expires_at) VALUES (?1, ?2, ?3)
                ON CONFLICT(account_id) DO UPDATE SET login = excluded.login, expires_at = excluded.expires_at
                WHERE leases.login = excluded.login OR leases.expires_at <= ?4
                """, [.int(account), .text(login), .int(now + Self.leaseSeconds), .int(now)])
            guard let row = try db.row("""
                SELECT l.login, coalesce(u.name, l.login) AS name FROM leases l LEFT JOIN users u ON u.login = l.login WHERE l.account_id = ?
                """, [.int(account)]) else { return nil }
            let holder = row.string("login")
            return holder == login ? nil : LeaseHolder(login: holder, name: row.string("name"))
        }
    }

    /// Gives the lease back (only one's own).
    public func releaseLease(account: Int64, login: String) throws {
        try database.writeBriefly { (db: any LedgerSQL) in
            _ = try db.execute("DELETE FROM leases WHERE account_id = ? AND login = ?", [.int(account), .text(login)])
        }
    }
}

/// Numbers a few distinct strings by their bytes, keeping their names.
struct Interner {
    private(set) var names: [String] = []
    private var bytes: [[UInt8]] = []
    /// Rows come in index order, so the same value often repeats: try it first.
    private var last = -1

    mutating func index(_ raw: UnsafeRawBufferPointer) -> Int {
        if last >= 0, Self.same(bytes[last], raw) { return last }
        if let i = bytes.firstIndex(where: { Self.same($0, raw) }) { last = i; return i }
        last = names.count
        bytes.append(Array(raw))
        names.append(String(decoding: raw, as: UTF8.self))
        return names.count - 1
    }

    /// The lengths, then `memcmp` (the generic `elementsEqual` stepped a
    /// byte at a time: 4% of a lead's first paint, in perf).
    private static func same(_ name: [UInt8], _ raw: UnsafeRawBufferPointer) -> Bool {
        guard name.count == raw.count else { return false }
        guard let base = raw.baseAddress, !name.isEmpty else { return true }
        return name.withUnsafeBytes { memcmp($0.baseAddress!, base, raw.count) == 0 }
    }
}

extension AccountDetail {
    func withPlans(_ plans: [PlanRecord]) -> AccountDetail {
        var d = self
        d.plans = plans
        return d
    }

    func withParties(_ phones: [Phone]) -> AccountDetail {
        var d = self
        d.parties = phones
        return d
    }

    func withHoldsAndCases(_ holds: [Hold], _ cases: [(record: CaseRecord, state: CaseState)]) -> AccountDetail {
        var d = self
        d.holds = holds
        d.cases = cases
        return d
    }
}
