import Foundation
import GRDB
import TagihCore

/// Payment plans in the store (CONTRACT §8): proposals within or beyond
/// authority, leads' decisions, and settlement as of a day — which posts the
/// discount once when a plan completes.
public struct PlanBook: Sendable {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    var settings: Settings { database.settings }

    /// Proposes a plan for the account's balance as of the session's day.
    public func propose(accountNo: String, instalments: Int, discountBasisPoints: Int, downPayment: Money, frequency: PlanFrequency,
                        first: Day?, note: String?, session: Session) throws -> Proposal {
        try database.writer.write { db in
            guard let accountID = try Int64.fetchOne(db, sql: "SELECT id FROM accounts WHERE account_no = ?", arguments: [accountNo]) else {
                throw StoreError("unknown account \(accountNo)")
            }
            let today = session.today
            let entries = try LedgerScan.entries(db, accountID: accountID)
            let position = try checkedMoney("account \(accountNo) balance") { () throws(MoneyError) in try entries.position(asOf: today) }
            let terms = PlanTerms(balance: position.balance, discountBasisPoints: discountBasisPoints, downPayment: downPayment,
                                  instalments: instalments, frequency: frequency, first: first ?? today.adding(days: 7))
            let schedule: PlanSchedule
            do { schedule = try Plans.schedule(terms, currency: settings.currency) } catch let e as PlanError { throw StoreError("\(accountNo): \(e.description)") }
            let beyond = PlanAuthority.of(session.user, longest: settings.planLongest).excesses(schedule)
            let status = beyond.isEmpty ? "active" : "pending"
            try db.execute(sql: """
                INSERT INTO plans(account_id, proposed_by, start_day, balance, discount_bp, discount, total, down_payment, instalments,
                                  frequency, first_due, note, beyond, status, status_day)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [accountID, session.user.login, today.ordinal, terms.balance.minor, discountBasisPoints, schedule.discount.minor,
                                 schedule.total.minor, downPayment.minor, instalments, frequency.rawValue, terms.first.ordinal, note,
                                 beyond.isEmpty ? nil : beyond.joined(separator: "; "), status, today.ordinal])
            let id = db.lastInsertedRowID
            for line in schedule.lines {
                try db.execute(sql: "INSERT INTO plan_lines(plan_id, n, due_date, amount) VALUES (?, ?, ?, ?)",
                               arguments: [id, line.n, line.due.ordinal, line.amount.minor])
            }
            try event(db, plan: id, status: status, session: session, note: beyond.isEmpty ? note : "beyond authority: " + beyond.joined(separator: "; "))
            let replaced = status == "active" ? try replaceActive(db, accountID: accountID, by: id, session: session) : []
            try AuditTrail.append(db, session: session, action: "plan.propose", subject: "\(accountNo) plan \(id)",
                                  detail: "\(status) balance=\(terms.balance.machine(settings.currency)) discount=\(formatPercent(discountBasisPoints))% "
                                      + "total=\(schedule.total.machine(settings.currency)) down=\(downPayment.machine(settings.currency)) "
                                      + "instalments=\(instalments) every=\(frequency.rawValue) first=\(terms.first.iso)")
            return Proposal(id: id, status: status, beyond: beyond, replaced: replaced)
        }
    }

    /// A lead's or admin's decision on a plan.
    public enum Decision: String, Sendable { case approve, decline, cancel }

    public func decide(_ decision: Decision, plan id: Int64, note: String?, session: Session) throws -> String {
        guard session.user.role != .collector else {
            throw StoreError("only a lead or admin may \(decision.rawValue) a plan; \(session.user.login) is a collector")
        }
        return try database.writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT p.status, p.account_id, a.account_no FROM plans p JOIN accounts a ON a.id = p.account_id WHERE p.id = ?",
                                             arguments: [id]) else { throw StoreError("unknown plan \(id)") }
            let status: String = row["status"]
            let next: String
            switch decision {
            case .approve, .decline:
                guard status == "pending" else { throw StoreError("plan \(id) is \(status), not pending: only a pending plan can be \(decision == .approve ? "approved" : "declined")") }
                next = decision == .approve ? "active" : "declined"
            case .cancel:
                guard status == "pending" || status == "active" else { throw StoreError("plan \(id) is \(status): only a pending or active plan can be cancelled") }
                next = "cancelled"
            }
            try db.execute(sql: "UPDATE plans SET status = ?, status_day = ? WHERE id = ?", arguments: [next, session.today.ordinal, id])
            try event(db, plan: id, status: next, session: session, note: note)
            if next == "active" { _ = try replaceActive(db, accountID: row["account_id"], by: id, session: session) }
            let accountNo: String = row["account_no"]
            try AuditTrail.append(db, session: session, action: "plan.\(decision.rawValue)", subject: "\(accountNo) plan \(id)",
                                  detail: "\(status) -> \(next)" + (note.map { ": \($0)" } ?? ""))
            return next
        }
    }

    /// A plan that becomes active cancels the account's earlier active plan.
    private func replaceActive(_ db: Database, accountID: Int64, by id: Int64, session: Session) throws -> [Int64] {
        let earlier = try Int64.fetchAll(db, sql: "SELECT id FROM plans WHERE account_id = ? AND status = 'active' AND id <> ?", arguments: [accountID, id])
        for old in earlier {
            try db.execute(sql: "UPDATE plans SET status = 'cancelled', status_day = ? WHERE id = ?", arguments: [session.today.ordinal, old])
            try event(db, plan: old, status: "cancelled", session: session, note: "replaced by plan \(id)")
        }
        return earlier
    }

    private func event(_ db: Database, plan: Int64, status: String, session: Session?, note: String?) throws {
        try db.execute(sql: "INSERT INTO plan_events(plan_id, day, status, by_user, note) VALUES (?, ?, ?, ?, ?)",
                       arguments: [plan, (session?.today ?? Day(ordinal: 0)).ordinal, status, session?.user.login, note])
    }

    // MARK: settlement

    /// Settles every active plan as of `day` (the nightly batch, and any
    /// command that shows plans): completed when payments reach the total —
    /// posting the discount, once, as credit `PLAN-<id>-DISCOUNT` dated that
    /// day — or broken the day after a line's grace ran out unpaid.
    @discardableResult
    public func settle(asOf day: Day, session: Session, plans only: [Int64]? = nil) throws -> (completed: [Int64], broken: [Int64]) {
        try database.writer.write { db in
            var completed: [Int64] = [], broken: [Int64] = []
            let ids = try only ?? Int64.fetchAll(db, sql: "SELECT id FROM plans WHERE status = 'active' ORDER BY id")
            for id in ids {
                guard let plan = try Self.load(db, id: id, asOf: day, grace: settings.promiseGraceDays, currency: settings.currency),
                      plan.record.status == "active" else { continue }
                switch plan.progress.state {
                case .onTrack: continue
                case .broken:
                    try db.execute(sql: "UPDATE plans SET status = 'broken', status_day = ? WHERE id = ?", arguments: [plan.progress.on!.ordinal, id])
                    try event(db, plan: id, status: "broken", session: session, note: "a line was not paid by the end of its grace days")
                    try AuditTrail.append(db, session: session, action: "plan.broken", subject: "\(plan.record.accountNo) plan \(id)",
                                          detail: "as of \(day.iso), broken on \(plan.progress.on!.iso)")
                    broken.append(id)
                case .completed:
                    let on = plan.progress.on!
                    try db.execute(sql: "UPDATE plans SET status = 'completed', status_day = ? WHERE id = ?", arguments: [on.ordinal, id])
                    try event(db, plan: id, status: "completed", session: session, note: nil)
                    if plan.record.schedule.discount.isPositive {
                        try postDiscount(db, plan: plan.record, on: on, session: session)
                    }
                    try AuditTrail.append(db, session: session, action: "plan.completed", subject: "\(plan.record.accountNo) plan \(id)",
                                          detail: "completed on \(on.iso); discount \(plan.record.schedule.discount.machine(settings.currency))")
                    completed.append(id)
                }
            }
            return (completed, broken)
        }
    }

    /// The discount as a `credit` adjustment in a batch of its own, so the
    /// ledger's rules (append-only, entry hashes, the cache) hold for it too.
    /// Its identity makes a second settlement post nothing.
    private func postDiscount(_ db: Database, plan: PlanRecord, on day: Day, session: Session) throws {
        let ref = "PLAN-\(plan.id)-DISCOUNT"
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM credits WHERE source = 'credit' AND channel = '' AND ref = ?", arguments: [ref]) ?? 0 > 0 {
            return
        }
        try db.execute(sql: """
            INSERT INTO import_batches(kind, file_name, file_hash, rows_read, posted, duplicates, rejected, entries_hash, imported_by, imported_at, business_day)
            VALUES ('plan-discount', ?, ?, 1, 1, 0, 0, '', ?, ?, ?)
            """, arguments: [ref, "plan-\(plan.id)", session.user.login, AuditTrail.timestamp(session.now), session.today.ordinal])
        let batch = db.lastInsertedRowID
        let note = "discount of plan \(plan.id) (\(formatPercent(plan.schedule.terms.discountBasisPoints))%)"
        try db.execute(sql: """
            INSERT INTO credits(account_id, source, channel, ref, date, amount, charge_id, note, batch_id)
            VALUES (?, 'credit', '', ?, ?, ?, NULL, ?, ?)
            """, arguments: [plan.accountID, ref, day.ordinal, plan.schedule.discount.minor, note, batch])
        var hasher = EntryHasher()
        hasher.credit(id: db.lastInsertedRowID, accountID: plan.accountID, source: "credit", channel: "", ref: ref, date: Int64(day.ordinal),
                      amount: plan.schedule.discount.minor, chargeID: nil, note: note)
        let entries = hasher.finalize()
        try db.execute(sql: "UPDATE import_batches SET entries_hash = ? WHERE id = ?", arguments: [entries, batch])
        // Like an import, the batch is in the audit trail with its entries' hash (check compares them).
        try AuditTrail.append(db, session: session, action: "plan.discount", subject: "batch \(batch)",
                              detail: "\(ref) \(plan.accountNo) \(plan.schedule.discount.machine(settings.currency)) on \(day.iso) entries=\(entries)")
        try db.noteEntryDay(Int64(day.ordinal))
        try LedgerCache.refresh(db, accounts: [plan.accountID])
    }

    // MARK: reading

    static func load(_ db: Database, id: Int64, asOf day: Day, grace: Int, currency: Currency) throws -> (record: PlanRecord, progress: PlanProgress)? {
        guard let r = try Row.fetchOne(db, sql: """
            SELECT p.*, a.account_no FROM plans p JOIN accounts a ON a.id = p.account_id WHERE p.id = ?
            """, arguments: [id]) else { return nil }
        let lines = try Row.fetchAll(db, sql: "SELECT n, due_date, amount FROM plan_lines WHERE plan_id = ? ORDER BY n", arguments: [id])
            .map { PlanLine(n: $0["n"], due: Day(ordinal: $0["due_date"]), amount: Money(minor: $0["amount"])) }
        let terms = PlanTerms(balance: Money(minor: r["balance"]), discountBasisPoints: r["discount_bp"], downPayment: Money(minor: r["down_payment"]),
                              instalments: r["instalments"], frequency: PlanFrequency(rawValue: r["frequency"]) ?? .month,
                              first: Day(ordinal: r["first_due"]))
        let schedule = PlanSchedule(terms: terms, discount: Money(minor: r["discount"]), total: Money(minor: r["total"]), lines: lines)
        let start = Day(ordinal: r["start_day"])
        let accountID: Int64 = r["account_id"]
        let status: String = r["status"]
        // Only a plan that ran (active, completed, broken) has payments applied to it.
        let ran = status == "active" || status == "completed" || status == "broken"
        let credits = ran ? try LedgerScan.entries(db, accountID: accountID).credits : []
        let progress = Plans.progress(schedule, start: start, credits: credits, asOf: day, graceDays: grace)
        let record = PlanRecord(id: id, accountID: accountID, accountNo: r["account_no"], proposedBy: r["proposed_by"], start: start,
                                schedule: schedule, note: r["note"], beyond: r["beyond"], status: status, statusDay: Day(ordinal: r["status_day"]),
                                paid: progress.paid)
        return (record, progress)
    }

    /// A plan by id, or an account's most recent plan, settled as of `day` first.
    public func show(_ idOrAccount: String, asOf day: Day, session: Session) throws -> PlanRecord {
        let id: Int64 = try database.writer.read { db in
            if idOrAccount.allSatisfy(\.isNumber), let n = Int64(idOrAccount),
               try Int.fetchOne(db, sql: "SELECT count(*) FROM plans WHERE id = ?", arguments: [n]) ?? 0 > 0 {
                return n
            }
            guard let accountID = try Int64.fetchOne(db, sql: "SELECT id FROM accounts WHERE account_no = ?", arguments: [idOrAccount]) else {
                throw StoreError(idOrAccount.allSatisfy(\.isNumber) ? "unknown plan or account \(idOrAccount)" : "unknown account \(idOrAccount)")
            }
            guard let latest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM plans WHERE account_id = ?", arguments: [accountID]) else {
                throw StoreError("account \(idOrAccount) has no payment plan")
            }
            return latest
        }
        try settle(asOf: day, session: session, plans: [id])
        return try database.writer.read { db in
            try Self.load(db, id: id, asOf: day, grace: settings.promiseGraceDays, currency: settings.currency)!.record
        }
    }

    /// An account's plans, newest first, read as of `day` (no settlement written).
    static func plans(_ db: Database, accountID: Int64, asOf day: Day, settings: Settings) throws -> [PlanRecord] {
        try Int64.fetchAll(db, sql: "SELECT id FROM plans WHERE account_id = ? ORDER BY id DESC", arguments: [accountID])
            .compactMap { try load(db, id: $0, asOf: day, grace: settings.promiseGraceDays, currency: settings.currency)?.record }
    }

    /// Plans waiting for a lead, oldest first.
    public func pending(asOf day: Day) throws -> [PlanRecord] {
        try database.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM plans WHERE status = 'pending' ORDER BY id")
                .compactMap { try Self.load(db, id: $0, asOf: day, grace: settings.promiseGraceDays, currency: settings.currency)?.record }
        }
    }

    /// Plans, newest first, optionally of one status; active ones settled first.
    public func list(status: String?, asOf day: Day, session: Session) throws -> [PlanRecord] {
        try settle(asOf: day, session: session)
        return try database.writer.read { db in
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM plans \(status == nil ? "" : "WHERE status = ?") ORDER BY id DESC",
                                         arguments: StatementArguments(status.map { [$0] } ?? []))
            return try ids.compactMap { try Self.load(db, id: $0, asOf: day, grace: settings.promiseGraceDays, currency: settings.currency)?.record }
        }
    }
}
