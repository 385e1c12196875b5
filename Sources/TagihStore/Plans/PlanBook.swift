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

    /// Proposes a plan for the account's balance as of the session's day,
    /// with every entry posted before it (CONTRACT §8).
    public func propose(accountNo: String, instalments: Int, discountBasisPoints: Int, downPayment: Money, frequency: PlanFrequency,
                        first: Day?, note: String?, session: Session) throws -> Proposal {
        if let problem = RecordProblem.text("--note", note) { throw StoreError(problem) }
        return try database.write { db in
            guard let accountID = try db.int("SELECT id FROM accounts WHERE account_no = ?", [.text(accountNo)]) else {
                throw StoreError(.unknownAccount(accountNo))
            }
            try StoreError.require(.proposePlan(try Self.owner(db, accountID: accountID)), session)
            let today = session.today
            // No plan while a hold other than hardship is in force (CONTRACT §9).
            if let hold = Holds.blocking(try HoldBook.holds(db, accountID: accountID), on: today) {
                throw StoreError(CaseRefusal.heldForPlan(account: accountNo, kind: hold.kind, since: hold.since))
            }
            let firstDue = first ?? today.adding(days: 7)
            guard firstDue >= today else {
                throw StoreError(.firstBeforeStart(first: firstDue, start: today))
            }
            let entries = try LedgerScan.entries(db, accountID: accountID)
            let position = try checkedMoney("account \(accountNo) balance") { () throws(MoneyError) in try entries.position(asOf: today) }
            let terms = PlanTerms(balance: position.balance, discountBasisPoints: discountBasisPoints, downPayment: downPayment,
                                  instalments: instalments, frequency: frequency, first: firstDue)
            let schedule: PlanSchedule
            do { schedule = try Plans.schedule(terms, currency: settings.currency) } catch let e as PlanError {
                throw StoreError(.terms(account: accountNo, e, settings.currency))
            }
            let beyond = PlanAuthority.of(session.user, longest: settings.planLongest).excesses(schedule)
            let decision: PlanDecision = beyond.isEmpty ? .active : .pending
            // Every credit posted so far is in B; a start-day one posted later is the plan's.
            let mark = try db.int("SELECT max(id) FROM credits") ?? 0
            // R21: the next id inside this write, gap-free on both backends.
            guard let id = try db.int("""
                INSERT INTO plans(id, account_id, proposed_by, start_day, balance, discount_bp, discount, total, down_payment, instalments,
                                  frequency, first_due, note, beyond, status, status_day, credit_mark)
                VALUES ((SELECT coalesce(max(id), 0) + 1 FROM plans), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id
                """, ([accountID, session.user.login, today.ordinal, terms.balance.minor, discountBasisPoints, schedule.discount.minor,
                       schedule.total.minor, downPayment.minor, instalments, frequency.rawValue, terms.first.ordinal, note,
                       beyond.isEmpty ? nil : beyond.joined(separator: "; "), decision.rawValue, today.ordinal, mark] as [any SQLArgument]).map(\.sqlValue))
            else { throw StoreError("plan was not recorded") }
            for line in schedule.lines {
                try db.execute("INSERT INTO plan_lines(plan_id, n, due_date, amount) VALUES (?, ?, ?, ?)",
                               id, line.n, line.due.ordinal, line.amount.minor)
            }
            try event(db, plan: id, status: decision.rawValue, session: session, note: beyond.isEmpty ? note : "beyond authority: " + beyond.joined(separator: "; "))
            let replaced = decision == .active ? try replaceActive(db, accountID: accountID, by: id, session: session) : []
            try AuditTrail.append(db, session: session, action: "plan.propose", subject: "\(accountNo) plan \(id)",
                                  detail: "\(decision.rawValue) balance=\(terms.balance.machine(settings.currency)) discount=\(formatPercent(discountBasisPoints))% "
                                      + "total=\(schedule.total.machine(settings.currency)) down=\(downPayment.machine(settings.currency)) "
                                      + "instalments=\(instalments) every=\(frequency.rawValue) first=\(terms.first.iso)")
            return Proposal(id: id, status: PlanStatus(decision), beyond: beyond, replaced: replaced)
        }
    }

    /// A lead's or admin's decision on a plan.
    public enum Decision: String, Sendable { case approve, decline, cancel }

    /// Takes a decision as of the session's day and returns the plan's
    /// status after it. Approving can complete a plan its payments already
    /// paid: the discount is posted in the same transaction.
    public func decide(_ decision: Decision, plan id: Int64, note: String?, session: Session) throws -> PlanStatus {
        if let problem = RecordProblem.text(decision == .approve ? "--note" : "--reason", note) { throw StoreError(problem) }
        return try database.write { db in
            let today = session.today
            guard let plan = try Self.load(db, id: id, asOf: today, grace: settings.promiseGraceDays) else { throw StoreError(PlanRefusal.unknownPlan(id)) }
            try StoreError.require(try Self.permission(db, decision, plan.record, by: session.user, settings: settings), session)
            let status = plan.record.status
            let next: PlanDecision
            switch decision {
            case .approve, .decline:
                guard status == .pending else {
                    throw StoreError(.notPending(id, status, approving: decision == .approve))
                }
                if decision == .approve, let hold = Holds.blocking(try HoldBook.holds(db, accountID: plan.record.accountID), on: today) {
                    throw StoreError(CaseRefusal.heldForPlan(account: plan.record.accountNo, kind: hold.kind, since: hold.since))
                }
                if decision == .approve, plan.record.schedule.firstDue < today {
                    throw StoreError(.firstDuePassed(id, firstDue: plan.record.schedule.firstDue))
                }
                next = decision == .approve ? .active : .declined
            case .cancel:
                guard status == .pending || status == .active else {
                    throw StoreError(.notCancellable(id, status))
                }
                next = .cancelled
            }
            try db.execute("UPDATE plans SET status = ?, status_day = ? WHERE id = ?", next.rawValue, today.ordinal, id)
            try event(db, plan: id, status: next.rawValue, session: session, note: note)
            let accountNo = plan.record.accountNo
            try AuditTrail.append(db, session: session, action: "plan.\(decision.rawValue)", subject: "\(accountNo) plan \(id)",
                                  detail: "\(status.rawValue) -> \(next.rawValue)" + (note.map { ": \($0)" } ?? ""))
            if next == .active { _ = try replaceActive(db, accountID: plan.record.accountID, by: id, session: session) }
            try reconcileDiscounts(db, plans: [id], session: session)
            return try Self.load(db, id: id, asOf: today, grace: settings.promiseGraceDays)!.record.status
        }
    }

    /// Whose an account is, for `Authority`: its collector and their team.
    static func owner(_ db: Database, accountID: Int64) throws -> AccountOwner { try owner(SQLiteSQL(db), accountID: accountID) }

    static func owner(_ db: any LedgerSQL, accountID: Int64) throws -> AccountOwner {
        let r = try db.row("""
            SELECT a.account_no, a.collector, u.team FROM accounts a LEFT JOIN users u ON u.login = a.collector WHERE a.id = ?
            """, [.int(accountID)])
        return AccountOwner(accountNo: r?.string("account_no") ?? "", collector: r?.text("collector"), team: r?.text("team"))
    }

    /// What deciding `plan` asks of `Authority`: the account's owner, who
    /// proposed it (and their team), and whether it is within the decider's authority.
    static func permission(_ db: Database, _ decision: Decision, _ plan: PlanRecord, by user: User, settings: Settings) throws -> Permission {
        try permission(SQLiteSQL(db), decision, plan, by: user, settings: settings)
    }

    static func permission(_ db: any LedgerSQL, _ decision: Decision, _ plan: PlanRecord, by user: User, settings: Settings) throws -> Permission {
        let proposerTeam = try db.text("SELECT team FROM users WHERE login = ?", [.text(plan.proposedBy)])
        let within = PlanAuthority.of(user, longest: settings.planLongest).exceeded(plan.schedule).isEmpty
        return .decidePlan(PlanDecisionKind(rawValue: decision.rawValue)!, account: try owner(db, accountID: plan.accountID),
                           proposer: plan.proposedBy, proposerTeam: proposerTeam, withinAuthority: within)
    }

    /// A plan that becomes active cancels the account's earlier plans that
    /// are active that day (R10): not a completed or broken one.
    private func replaceActive(_ db: any LedgerSQL, accountID: Int64, by id: Int64, session: Session) throws -> [Int64] {
        var replaced: [Int64] = []
        for old in try Self.ids(db, "SELECT id FROM plans WHERE account_id = ? AND status = 'active' AND id <> ? ORDER BY id",
                                [.int(accountID), .int(id)]) {
            guard let plan = try Self.load(db, id: old, asOf: session.today, grace: settings.promiseGraceDays),
                  plan.record.status == .active else { continue }
            try db.execute("UPDATE plans SET status = 'cancelled', status_day = ? WHERE id = ?", session.today.ordinal, old)
            try event(db, plan: old, status: PlanDecision.cancelled.rawValue, session: session, note: "replaced by plan \(id)")
            try AuditTrail.append(db, session: session, action: "plan.cancel", subject: "\(plan.record.accountNo) plan \(old)",
                                  detail: "active -> cancelled: replaced by plan \(id)")
            replaced.append(old)
        }
        if !replaced.isEmpty { try reconcileDiscounts(db, plans: replaced, session: session) }
        return replaced
    }

    private func event(_ db: any LedgerSQL, plan: Int64, status: String, session: Session?, note: String?) throws {
        try db.execute("""
            INSERT INTO plan_events(id, plan_id, day, status, by_user, note)
            VALUES ((SELECT coalesce(max(id), 0) + 1 FROM plan_events), ?, ?, ?, ?, ?)
            """, plan, (session?.today ?? Day(ordinal: 0)).ordinal, status, session?.user.login, note)
    }

    // MARK: reading (never writes)

    /// A plan as of `day`: its record with the status derived then, and
    /// what the status is derived from. With `longest` (the rules' plan
    /// lengths) its excesses are read back typed, for a screen that shows them.
    static func load(_ db: Database, id: Int64, asOf day: Day, grace: Int, longest: [Role: Int?]? = nil) throws -> (record: PlanRecord, basis: PlanBasis, credits: [Credit])? {
        try load(SQLiteSQL(db), id: id, asOf: day, grace: grace, longest: longest)
    }

    static func load(_ db: any LedgerSQL, id: Int64, asOf day: Day, grace: Int, longest: [Role: Int?]? = nil) throws -> (record: PlanRecord, basis: PlanBasis, credits: [Credit])? {
        guard let r = try db.row("""
            SELECT p.*, a.account_no FROM plans p JOIN accounts a ON a.id = p.account_id WHERE p.id = ?
            """, [.int(id)]) else { return nil }
        let lines = try db.rows("SELECT n, due_date, amount FROM plan_lines WHERE plan_id = ? ORDER BY n", [.int(id)])
        let events = try db.rows("SELECT day, status, by_user, note FROM plan_events WHERE plan_id = ? ORDER BY id", [.int(id)])
        let read = PlanRows(plan: r, lines: lines, events: events)
        // Only a plan that was ever active has payments applied to it.
        let credits = read.ran ? try LedgerScan.entries(db, accountID: read.accountID).credits : []
        return try read.assembled(db, credits: credits, asOf: day, grace: grace, longest: longest)
    }

    /// Several plans as of `day` (their records, in the order of `ids`,
    /// those that exist) in four statements whatever their number: the
    /// queue's first paint asks for every plan that flags one of its
    /// accounts, and `load` is five round trips a plan on a server (a lead's
    /// 18 plans: 30 ms of the paint on PostgreSQL, measured).
    static func records(_ db: any LedgerSQL, ids: [Int64], asOf day: Day, grace: Int) throws -> [PlanRecord] {
        guard !ids.isEmpty else { return [] }
        let list: [SQLValue] = [.text(LedgerScan.EntriesReader.jsonList(ids))]
        func grouped(_ sql: String) throws -> [Int64: [SQLRow]] {
            Dictionary(grouping: try db.rows(sql, list)) { $0.int("plan_id") ?? 0 }
        }
        let heads = try db.rows("""
            SELECT p.*, a.account_no FROM plans p JOIN accounts a ON a.id = p.account_id WHERE \(db.dialect.inJSONInts("p.id", "?1"))
            """, list)
        let lines = try grouped("""
            SELECT plan_id, n, due_date, amount FROM plan_lines WHERE \(db.dialect.inJSONInts("plan_id", "?1")) ORDER BY plan_id, n
            """)
        let events = try grouped("""
            SELECT plan_id, day, status, by_user, note FROM plan_events WHERE \(db.dialect.inJSONInts("plan_id", "?1")) ORDER BY plan_id, id
            """)
        var byID: [Int64: PlanRows] = [:]
        for r in heads {
            let id = r.int("id") ?? 0
            byID[id] = PlanRows(plan: r, lines: lines[id] ?? [], events: events[id] ?? [])
        }
        let ran = Set(byID.values.filter(\.ran).map(\.accountID)).sorted()
        let entries = ran.isEmpty ? [:] : try LedgerScan.entries(db, accounts: ran)
        return try ids.compactMap { id in
            guard let read = byID[id] else { return nil }
            return try read.assembled(db, credits: read.ran ? entries[read.accountID]?.credits ?? [] : [], asOf: day, grace: grace, longest: nil).record
        }
    }

    /// The excesses a plan was proposed with, typed: the proposer's
    /// authority applied to its schedule, kept only when it gives the very
    /// words stored at the proposal (an authority changed since gives nil,
    /// and the stored words are shown).
    static func excesses(_ db: any LedgerSQL, proposer: String, schedule: PlanSchedule, written: String?,
                         longest: [Role: Int?]) throws -> [PlanExcess]? {
        guard let written, let user = try UserDirectory.find(db, proposer) else { return nil }
        let typed = PlanAuthority.of(user, longest: longest).exceeded(schedule)
        return typed.map(\.text).joined(separator: "; ") == written ? typed : nil
    }

    /// A plan by id (digits naming an existing plan), or an account's most
    /// recent plan, as of `day`.
    public func show(_ idOrAccount: String, asOf day: Day) throws -> PlanRecord {
        try database.read { db in
            var id: Int64?
            if idOrAccount.allSatisfy(\.isNumber), let n = Int64(idOrAccount),
               try db.int("SELECT count(*) FROM plans WHERE id = ?", [.int(n)]) ?? 0 > 0 {
                id = n
            }
            if id == nil {
                guard let accountID = try db.int("SELECT id FROM accounts WHERE account_no = ?", [.text(idOrAccount)]) else {
                    throw StoreError(idOrAccount.allSatisfy(\.isNumber) ? "unknown plan or account \(idOrAccount)" : "unknown account \(idOrAccount)")
                }
                guard let latest = try db.int("SELECT max(id) FROM plans WHERE account_id = ?", [.int(accountID)]) else {
                    throw StoreError("account \(idOrAccount) has no payment plan")
                }
                id = latest
            }
            return try Self.load(db, id: id!, asOf: day, grace: settings.promiseGraceDays, longest: settings.planLongest)!.record
        }
    }

    /// An account's plans, newest first, read as of `day`.
    static func plans(_ db: Database, accountID: Int64, asOf day: Day, settings: Settings) throws -> [PlanRecord] {
        try plans(SQLiteSQL(db), accountID: accountID, asOf: day, settings: settings)
    }

    static func plans(_ db: any LedgerSQL, accountID: Int64, asOf day: Day, settings: Settings) throws -> [PlanRecord] {
        try ids(db, "SELECT id FROM plans WHERE account_id = ? ORDER BY id DESC", [.int(accountID)])
            .compactMap { try load(db, id: $0, asOf: day, grace: settings.promiseGraceDays, longest: settings.planLongest)?.record }
    }

    /// Plans waiting for a decision, oldest first; with `user`, only those
    /// that user may approve (their team's, within their authority, not their own).
    public func pending(asOf day: Day, for user: User? = nil) throws -> [PlanRecord] {
        try database.read { db in
            try Self.ids(db, "SELECT id FROM plans WHERE status = 'pending' ORDER BY id")
                .compactMap { try Self.load(db, id: $0, asOf: day, grace: settings.promiseGraceDays, longest: settings.planLongest)?.record }
                .filter { p in
                    guard let user else { return true }
                    return Authority.refusal(user, try Self.permission(db, .approve, p, by: user, settings: settings)) == nil
                }
        }
    }

    /// Plans, newest first, with their status as of `day`, optionally only those of one status.
    /// With `collectors`, only the plans of accounts assigned to them (`""`: unassigned).
    public func list(status: PlanStatus?, asOf day: Day, collectors: Set<String>? = nil) throws -> [PlanRecord] {
        try database.read { db in
            try db.rows("SELECT p.id, a.collector FROM plans p JOIN accounts a ON a.id = p.account_id ORDER BY p.id DESC")
                .filter { LedgerReports.counts($0.text("collector"), in: collectors) }
                .map { $0.int("id") ?? 0 }
                .compactMap { try Self.load(db, id: $0, asOf: day, grace: settings.promiseGraceDays, longest: settings.planLongest)?.record }
                .filter { status == nil || $0.status == status }
        }
    }

    /// Plans that completed or broke after `since` and by `day` (what the
    /// nightly batch reports; it writes nothing for them).
    public func changes(after since: Day, through day: Day) throws -> (completed: [Int64], broken: [Int64]) {
        try database.read { db in
            var completed: [Int64] = [], broken: [Int64] = []
            for id in try Self.ids(db, "SELECT id FROM plans WHERE status = 'active' ORDER BY id") {
                guard let now = try Self.load(db, id: id, asOf: day, grace: settings.promiseGraceDays)?.record,
                      now.status == .completed || now.status == .broken,
                      now.statusDay > since else { continue }
                if now.status == .completed { completed.append(id) } else { broken.append(id) }
            }
            return (completed, broken)
        }
    }

    /// The first column of every row, as ids.
    static func ids(_ db: any LedgerSQL, _ sql: String, _ arguments: [SQLValue] = []) throws -> [Int64] {
        try db.rows(sql, arguments).compactMap { $0[0].int }
    }
}

/// A plan's rows as read (its row with the account's number, its lines in
/// order, its events in order), and the plan they make as of a day: one
/// reading of them for `PlanBook.load` and `PlanBook.records`.
private struct PlanRows {
    let plan: SQLRow
    let lines: [SQLRow]
    let events: [PlanReview.Event]

    init(plan: SQLRow, lines: [SQLRow], events: [SQLRow]) {
        self.plan = plan
        self.lines = lines
        self.events = events.compactMap { e in
            PlanDecision(rawValue: e.string("status")).map {
                PlanReview.Event(decision: $0, by: e.text("by_user"), day: Self.day(e, "day"), note: e.text("note"))
            }
        }
    }

    var accountID: Int64 { plan.int("account_id") ?? 0 }
    /// Only a plan that was ever active has payments applied to it.
    var ran: Bool { events.contains { $0.decision == .active } }

    static func day(_ row: SQLRow, _ c: String) -> Day { Day(ordinal: Int32(row.int(c) ?? 0)) }

    func assembled(_ db: any LedgerSQL, credits: [Credit], asOf day: Day, grace: Int,
                   longest: [Role: Int?]?) throws -> (record: PlanRecord, basis: PlanBasis, credits: [Credit]) {
        let r = plan
        func money(_ c: String) -> Money { Money(minor: r.int(c) ?? 0) }
        let id = r.int("id") ?? 0
        let lines = lines.map { PlanLine(n: Int($0.int("n") ?? 0), due: Self.day($0, "due_date"), amount: Money(minor: $0.int("amount") ?? 0)) }
        let terms = PlanTerms(balance: money("balance"), discountBasisPoints: Int(r.int("discount_bp") ?? 0), downPayment: money("down_payment"),
                              instalments: Int(r.int("instalments") ?? 0), frequency: PlanFrequency(rawValue: r.string("frequency")) ?? .month,
                              first: Self.day(r, "first_due"))
        let schedule = PlanSchedule(terms: terms, discount: money("discount"), total: money("total"), lines: lines)
        let decisions = events.map { PlanDecisionEvent(day: $0.day, decision: $0.decision) }
        let basis = PlanBasis(schedule: schedule, start: Self.day(r, "start_day"), creditMark: r.int("credit_mark") ?? 0, decisions: decisions)
        let progress = Plans.progress(basis, credits: credits, asOf: day, graceDays: grace)
        let decided = basis.decision(asOf: day)
        let record = PlanRecord(id: id, accountID: accountID, accountNo: r.string("account_no"), proposedBy: r.string("proposed_by"), start: basis.start,
                                schedule: schedule, note: r.text("note"), beyond: r.text("beyond"), status: progress.status, statusDay: progress.since,
                                decision: decided?.decision ?? .pending, decidedOn: decided?.day ?? basis.start, paid: progress.paid,
                                excesses: try longest.flatMap { try PlanBook.excesses(db, proposer: r.string("proposed_by"), schedule: schedule,
                                                                                      written: r.text("beyond"), longest: $0) })
        var reviewed = record
        reviewed.review = PlanReview.of(plan: id, events: events)
        return (reviewed, basis, credits)
    }
}
