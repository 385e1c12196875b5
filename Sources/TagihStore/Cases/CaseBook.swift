import Foundation
import GRDB
import TagihCore

/// Cases in the store (CONTRACT §9, R21, R22): opened, noted, extended once,
/// resolved (a credit resolution posts a `CASE-<id>` credit when it takes
/// effect: at once for a lead or admin, on a lead's approval for a
/// collector), and read back with their status derived as of a day.
public struct CaseBook: Sendable {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    var settings: Settings { database.settings }

    public struct Opened: Sendable, Equatable {
        public var id: Int64
        public var due: Day
        /// The dispute hold the case placed, if any.
        public var hold: Hold?
    }

    /// Opens a case today. A dispute places a dispute hold until it is resolved.
    /// Every check runs before the insert, so a refused case takes no id (R21).
    public func open(accountNo: String, type: CaseType, summary: String, charges: [String], amount: Money?, via: CaseVia?,
                     session: Session) throws -> Opened {
        try Self.text("--summary", summary)
        for ref in charges { if let why = TextField.refusal("--charge", ref) { throw StoreError(why) } }
        if let amount, !amount.isPositive { throw StoreError("--amount must be more than zero") }
        return try database.write { db in
            let accountID = try HoldBook.accountID(db, accountNo)
            try StoreError.require(.openCase, session)
            for ref in charges where try db.int("SELECT count(*) FROM charges WHERE account_id = ? AND ref = ?",
                                                [.int(accountID), .text(ref)]) ?? 0 == 0 {
                throw StoreError(CaseRefusal.unknownCharge(account: accountNo, ref: ref))
            }
            let today = session.today
            let id = try db.nextID(in: "cases")
            try db.execute("""
                INSERT INTO cases(id, account_id, account_no, type, via, summary, charges, amount, opened, opened_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, id, accountID, accountNo, type.rawValue, via?.rawValue, summary, charges.joined(separator: "\n"), amount?.minor, today.ordinal,
                session.user.login)
            let due = Cases.due(opened: today, extended: false, terms: settings.caseTerms)
            try AuditTrail.append(db, session: session, action: "case.open", subject: "\(accountNo) case \(id)",
                                  detail: "\(type.rawValue) due \(due.iso)" + (via.map { " via \($0.rawValue)" } ?? "")
                                      + (amount.map { " amount=\($0.machine(settings.currency))" } ?? "")
                                      + (charges.isEmpty ? "" : " charges=\(charges.joined(separator: ","))") + ": \(summary)")
            var hold: Hold?
            if type == .dispute {
                hold = try HoldBook.place(db, accountID: accountID, accountNo: accountNo, kind: .dispute, reason: "case \(id): \(summary)",
                                          until: nil, caseID: id, session: session)
            }
            return Opened(id: id, due: due, hold: hold)
        }
    }

    /// A note on the case (anyone who may read the account, R3).
    public func note(_ id: Int64, text: String, session: Session) throws {
        try Self.text("note", text)
        try database.write { db in
            let c = try Self.load(db, id)
            try StoreError.require(.openCase, session)
            try Self.event(db, c.id, .note, session: session, note: text)
            try AuditTrail.append(db, session: session, action: "case.note", subject: "\(c.accountNo) case \(id)", detail: text)
        }
    }

    /// Extends an open case's deadline once; returns the new deadline.
    public func extend(_ id: Int64, reason: String, session: Session) throws -> Day {
        try Self.text("--reason", reason)
        return try database.write { db in
            let c = try Self.load(db, id)
            try StoreError.require(.workCase(try PlanBook.owner(db, accountID: c.accountID)), session)
            let s = Cases.state(c, asOf: session.today, terms: settings.caseTerms)
            guard s.status == .open || s.status == .overdue else { throw StoreError(CaseRefusal.notOpen(id, s.status)) }
            guard !s.extended else { throw StoreError(CaseRefusal.alreadyExtended(id, due: s.due)) }
            try Self.event(db, id, .extend, session: session, note: reason)
            let due = Cases.due(opened: c.opened, extended: true, terms: settings.caseTerms)
            try AuditTrail.append(db, session: session, action: "case.extend", subject: "\(c.accountNo) case \(id)",
                                  detail: "due \(s.due.iso) -> \(due.iso): \(reason)")
            return due
        }
    }

    /// Resolves an open case. Without a credit, or by a lead or admin, it
    /// takes effect today (the hold released, the credit posted); a
    /// collector's credit waits for a lead's approval (R22).
    public func resolve(_ id: Int64, outcome: CaseOutcome, note: String, credit: Money?, session: Session) throws -> CaseState {
        try Self.text("--note", note)
        if let credit, !credit.isPositive { throw StoreError(CaseRefusal.creditNotPositive) }
        return try database.write { db in
            let c = try Self.load(db, id)
            try StoreError.require(.workCase(try PlanBook.owner(db, accountID: c.accountID)), session)
            let today = session.today
            let s = Cases.state(c, asOf: today, terms: settings.caseTerms)
            guard s.status == .open || s.status == .overdue else { throw StoreError(CaseRefusal.notOpen(id, s.status)) }
            if let credit {
                let entries = try LedgerScan.entries(db, accountID: c.accountID)
                let balance = try checkedMoney("account \(c.accountNo) balance") { () throws(MoneyError) in try entries.position(asOf: today) }.balance
                guard credit.minor <= balance.minor else {
                    throw StoreError(CaseRefusal.creditAboveBalance(credit: credit, account: c.accountNo, balance: balance, currency: settings.currency))
                }
            }
            let waits = credit != nil && session.user.role == .collector
            let creditID = waits ? nil : try takeEffect(db, c, credit: credit, session: session)
            try Self.event(db, id, .resolve, session: session, note: note, outcome: outcome, credit: credit, needsApproval: waits, creditID: creditID)
            try AuditTrail.append(db, session: session, action: "case.resolve", subject: "\(c.accountNo) case \(id)",
                                  detail: "\(outcome.rawValue)" + (credit.map { " credit=\($0.machine(settings.currency))" } ?? "")
                                      + (waits ? " awaiting approval" : "") + ": \(note)")
            return Cases.state(try Self.load(db, id), asOf: today, terms: settings.caseTerms)
        }
    }

    /// A lead's or admin's decision on a collector's credit resolution:
    /// approving makes it take effect today; declining reopens the case.
    public func decide(_ id: Int64, approve: Bool, note: String?, session: Session) throws -> CaseState {
        if let note { try Self.text(approve ? "--note" : "--reason", note) }
        return try database.write { db in
            let c = try Self.load(db, id)
            let today = session.today
            let s = Cases.state(c, asOf: today, terms: settings.caseTerms)
            let resolver = s.resolution?.by ?? c.openedBy
            let team = try db.text("SELECT team FROM users WHERE login = ?", [.text(resolver)])
            try StoreError.require(.decideCaseCredit(approve: approve, account: try PlanBook.owner(db, accountID: c.accountID),
                                                     resolver: resolver, resolverTeam: team), session)
            guard s.status == .awaitingApproval, let pending = s.resolution else { throw StoreError(CaseRefusal.notAwaiting(id, s.status)) }
            let creditID = approve ? try takeEffect(db, c, credit: pending.credit, session: session) : nil
            try Self.event(db, id, approve ? .approve : .decline, session: session, note: note, creditID: creditID)
            try AuditTrail.append(db, session: session, action: approve ? "case.approve" : "case.decline", subject: "\(c.accountNo) case \(id)",
                                  detail: (pending.credit.map { "credit=\($0.machine(settings.currency))" } ?? "") + (note.map { ": \($0)" } ?? ""))
            return Cases.state(try Self.load(db, id), asOf: today, terms: settings.caseTerms)
        }
    }

    /// What a resolution does when it takes effect (R22): releases the
    /// case's holds and posts its credit, dated today, once. Returns the
    /// credit's id, for the event that made it take effect.
    private func takeEffect(_ db: any LedgerSQL, _ c: CaseRecord, credit: Money?, session: Session) throws -> Int64? {
        let held = try HoldBook.holds(db, accountID: c.accountID).filter { $0.caseID == c.id && $0.inForce(on: session.today) }
        _ = try HoldBook.release(db, held, accountNo: c.accountNo, reason: "case \(c.id) resolved", session: session)
        return try credit.map { try postCredit(db, c, amount: $0, session: session) }
    }

    /// Posts `CASE-<id>` as a batch of its own, hashed and audited like an
    /// import so `check` proves it; the ref and the batch are unique, so a
    /// case's credit can never post twice.
    private func postCredit(_ db: any LedgerSQL, _ c: CaseRecord, amount: Money, session: Session) throws -> Int64 {
        try BookTotals.prime(db)
        let day = session.today
        let batch = try db.nextID(in: "import_batches")
        try db.execute("""
            INSERT INTO import_batches(id, kind, file_name, file_hash, rows_read, posted, duplicates, rejected, entries_hash, imported_by, imported_at, business_day)
            VALUES (?, 'case-credit', ?, ?, 1, 1, 0, 0, '', ?, ?, ?)
            """, batch, "case \(c.id)", "case-\(c.id)", session.user.login, AuditTrail.timestamp(session.recordedAt), day.ordinal)
        let ref = "CASE-\(c.id)"
        let note = "credit of case \(c.id) (\(c.type.rawValue))"
        let id = try db.nextID(in: "credits")
        try db.execute("""
            INSERT INTO credits(id, account_id, source, channel, ref, date, amount, charge_id, note, batch_id)
            VALUES (?, ?, 'credit', '', ?, ?, ?, NULL, ?, ?)
            """, id, c.accountID, ref, day.ordinal, amount.minor, note, batch)
        var hasher = EntryHasher()
        hasher.credit(id: id, accountID: c.accountID, source: "credit", channel: "", ref: ref, date: Int64(day.ordinal),
                      amount: amount.minor, chargeID: nil, note: note)
        try BookTotals.add(db, charged: 0, credited: amount.minor)
        let entries = hasher.finalize()
        try db.execute("UPDATE import_batches SET entries_hash = ? WHERE id = ?", entries, batch)
        try AuditTrail.append(db, session: session, action: "case.credit", subject: "batch \(batch)",
                              detail: "\(c.accountNo) case \(c.id): \(ref) \(amount.machine(settings.currency)) on \(day.iso) entries=\(entries)")
        try db.noteEntryDay(Int64(day.ordinal))
        try LedgerCache.refresh(db, accounts: [c.accountID])
        // A credit counts toward a plan's payments (CONTRACT §8): it may complete one.
        try PlanBook.reconcileDiscounts(db, accounts: [c.accountID], settings: settings, session: session)
        return id
    }

    // MARK: reading (never writes)

    public struct Listed: Sendable, Equatable {
        public var record: CaseRecord
        public var state: CaseState
    }

    /// Cases with their status as of `day`, newest first; `status`: `open`
    /// (every unresolved one), `overdue`, `awaiting`, `resolved`, nil: all.
    /// With `collectors`, only the cases of accounts assigned to them (`""`: unassigned).
    public func list(status: String?, asOf day: Day, collectors: Set<String>?, accountNo: String? = nil) throws -> [Listed] {
        try database.read { db in
            var accountID: Int64?
            if let accountNo { accountID = try HoldBook.accountID(db, accountNo) }
            let terms = settings.caseTerms
            let due = DueMemo(terms)
            let unresolved = ["open", "overdue", "awaiting"].contains(status ?? "") ? day : nil
            return try Self.loadAll(db, accountID: accountID, collectors: collectors, unresolvedOn: unresolved).reversed().compactMap { c in
                guard c.opened <= day else { return nil }
                let s = Cases.state(c, asOf: day, terms: terms, due: due.day)
                switch status {
                case nil: break
                case "open": guard s.status.isUnresolved else { return nil }
                case "overdue": guard s.status == .overdue else { return nil }
                case "awaiting": guard s.status == .awaitingApproval else { return nil }
                case "resolved": guard s.status == .resolved else { return nil }
                default: return nil
                }
                return Listed(record: c, state: s)
            }
        }
    }

    /// The cases whose credit awaits approval on `day` that `user` may
    /// approve (the Approvals screen; the same decision as `case approve`).
    public func pendingCredits(asOf day: Day, for user: User) throws -> [Listed] {
        let awaiting = try list(status: "awaiting", asOf: day, collectors: nil)
        return try database.read { db in
            try awaiting.filter { c in
                let resolver = c.state.resolution?.by ?? c.record.openedBy
                let team = try db.text("SELECT team FROM users WHERE login = ?", [.text(resolver)])
                let owner = try PlanBook.owner(db, accountID: c.record.accountID)
                return Authority.refusal(user, .decideCaseCredit(approve: true, account: owner, resolver: resolver, resolverTeam: team)) == nil
            }.reversed()
        }
    }

    /// `report cases` for `from`…`to` over the cases in scope.
    public func report(from: Day, to: Day, collectors: Set<String>?) throws -> [CaseReportRow] {
        try database.read { db in
            let cases = try Self.loadAll(db, accountID: nil, collectors: collectors)
            return try checkedMoney("the credited total") { () throws(MoneyError) in
                try CaseReportRow.report(cases, from: from, to: to, terms: settings.caseTerms, due: DueMemo(settings.caseTerms).day)
            }
        }
    }

    public func show(_ id: Int64, asOf day: Day) throws -> Listed {
        try database.read { db in
            let c = try Self.load(db, id)
            return Listed(record: c, state: Cases.state(c, asOf: day, terms: settings.caseTerms))
        }
    }

    static func load(_ db: Database, _ id: Int64) throws -> CaseRecord { try load(SQLiteSQL(db), id) }

    static func load(_ db: any LedgerSQL, _ id: Int64) throws -> CaseRecord {
        guard let c = try loadAll(db, caseID: id, accountID: nil, collectors: nil).first else { throw StoreError(CaseRefusal.unknownCase(id)) }
        return c
    }

    /// Cases oldest first, with their events: two queries however many
    /// cases, and no read of the accounts table (a million wide rows): both
    /// go through `case_days`, which keeps each case's account collector (the
    /// scope) and the day it was settled.
    ///
    /// `unresolvedOn`: only the cases that may still be unresolved on that
    /// day, for the lists of open, overdue and awaiting cases (most cases of
    /// a year are resolved). A case settled by then (a resolution that needs
    /// no approval, or an approval) is final (`Cases.state`), so such a case
    /// is left out by the index before anything is built from its rows;
    /// every case kept is still judged by `Cases.state`.
    static func loadAll(_ db: Database, caseID: Int64? = nil, accountID: Int64?, collectors: Set<String>?,
                        unresolvedOn day: Day? = nil) throws -> [CaseRecord] {
        try loadAll(SQLiteSQL(db), caseID: caseID, accountID: accountID, collectors: collectors, unresolvedOn: day)
    }

    static func loadAll(_ db: any LedgerSQL, caseID: Int64? = nil, accountID: Int64?, collectors: Set<String>?,
                        unresolvedOn day: Day? = nil) throws -> [CaseRecord] {
        // ?1 the case or account, ?2 the day, ?3 the collectors (a JSON array), ?4 whether unassigned accounts count.
        var terms: [String] = []
        if accountID != nil { terms.append("d.account_id = ?1") }
        if collectors != nil { terms.append("(d.collector IN (\(db.dialect.jsonTexts("?3"))) OR (?4 = 1 AND d.collector IS NULL))") }
        func branch(_ index: String, _ settled: String?) -> String {
            let all = terms + (settled.map { [$0] } ?? [])
            return "SELECT d.case_id FROM case_days d \(index) \(all.isEmpty ? "" : "WHERE " + all.joined(separator: " AND "))"
        }
        // The cases wanted, as an IN list read from `case_days`: by the two
        // partial indexes (never settled, settled after the day) for a list
        // of unresolved cases, by account for one account's.
        let wanted: String? = if caseID != nil { "= ?1" }
            else if day == nil { terms.isEmpty ? nil : "IN (\(branch("", nil)))" }
            else if accountID != nil { "IN (\(branch("", "(d.settled_on IS NULL OR d.settled_on > ?2)")))" }
            else { "IN (\(branch(db.dialect.indexedBy("case_days_unsettled"), "d.settled_on IS NULL")) UNION ALL \(branch(db.dialect.indexedBy("case_days_settled"), "d.settled_on > ?2")))" }
        let logins = (collectors ?? []).filter { !$0.isEmpty }.sorted()
        let json = String(decoding: try JSONEncoder().encode(logins), as: UTF8.self)
        // Every statement binds all four, whichever it uses (SQLite numbers them as PostgreSQL does).
        let arguments: [SQLValue] = [(caseID ?? accountID).sqlValue, .int(Int64(day?.ordinal ?? 0)), .text(json),
                                     .int(Int64(collectors?.contains("") == true ? 1 : 0))]
        var events: [Int64: [CaseEvent]] = [:]
        let ev = try db.cursor("""
            SELECT e.case_id, e.id, e.kind, e.day, e.by_user, e.note, e.outcome, e.credit, e.needs_approval
            FROM case_events e \(wanted.map { "WHERE e.case_id \($0)" } ?? "") ORDER BY e.id
            """, arguments)
        while try ev.step() {
            events[ev.int(0), default: []].append(CaseEvent(
                id: ev.int(1), kind: CaseEventKind(rawValue: ev.text(2) ?? "") ?? .note, day: Day(ordinal: Int32(ev.int(3))), by: ev.text(4) ?? "",
                note: ev.text(5), outcome: ev.text(6).flatMap(CaseOutcome.init(rawValue:)), credit: ev.optInt(7).map(Money.init(minor:)),
                needsApproval: ev.int(8) != 0))
        }
        var out: [CaseRecord] = []
        let q = try db.cursor("""
            SELECT c.id, c.account_id, c.type, c.via, c.summary, c.charges, c.amount, c.opened, c.opened_by, c.account_no
            FROM cases c \(wanted.map { "WHERE c.id \($0)" } ?? "") ORDER BY c.id
            """, arguments)
        while try q.step() {
            let id = q.int(0)
            let charges = q.text(5) ?? ""
            out.append(CaseRecord(id: id, accountID: q.int(1), accountNo: q.text(9) ?? "",
                                  type: CaseType(rawValue: q.text(2) ?? "") ?? .question, via: q.text(3).flatMap(CaseVia.init(rawValue:)),
                                  summary: q.text(4) ?? "", charges: charges.isEmpty ? [] : charges.split(separator: "\n").map(String.init),
                                  amount: q.optInt(6).map(Money.init(minor:)), opened: Day(ordinal: Int32(q.int(7))), openedBy: q.text(8) ?? "",
                                  events: events[id] ?? []))
        }
        return out
    }

    @discardableResult
    static func event(_ db: any LedgerSQL, _ id: Int64, _ kind: CaseEventKind, session: Session, note: String? = nil, outcome: CaseOutcome? = nil,
                      credit: Money? = nil, needsApproval: Bool = false, creditID: Int64? = nil) throws -> Int64 {
        let eventID = try db.nextID(in: "case_events")
        try db.execute("""
            INSERT INTO case_events(id, case_id, kind, day, by_user, note, outcome, credit, needs_approval, credit_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, eventID, id, kind.rawValue, session.today.ordinal, session.user.login, note, outcome?.rawValue, credit?.minor, needsApproval,
            creditID)
        return eventID
    }

    static func text(_ field: String, _ text: String) throws {
        if let why = TextField.refusal(field, text) { throw StoreError(why) }
        if text.trimmingCharacters(in: .whitespaces).isEmpty { throw StoreError(CaseRefusal.emptyText(field: field)) }
    }
}

/// Deadlines by opening day and extension, computed once each: a list of
/// 100,000 cases has a few hundred opening days.
final class DueMemo: @unchecked Sendable {
    let terms: CaseTerms
    var memo: [Int64: Day] = [:]
    init(_ terms: CaseTerms) { self.terms = terms }
    func day(_ opened: Day, _ extended: Bool) -> Day {
        let key = Int64(opened.ordinal) << 1 | (extended ? 1 : 0)
        if let d = memo[key] { return d }
        let d = Cases.due(opened: opened, extended: extended, terms: terms)
        memo[key] = d
        return d
    }
}
