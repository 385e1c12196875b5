import GRDB
import TagihCore

/// Keeps each plan's discount entries in step with the plan (CONTRACT §8,
/// R11), inside the transaction of whatever changed it: an import that
/// posts or reverses a plan's payment, a decision. Reading commands and the
/// nightly batch never post them.
extension PlanBook {
    func reconcileDiscounts(_ db: any LedgerSQL, plans ids: [Int64], session: Session) throws {
        try Self.reconcileDiscounts(db, plans: ids, settings: settings, session: session)
    }

    /// Reconciles the plans of these accounts that were ever active.
    static func reconcileDiscounts(_ db: Database, accounts: some Sequence<Int64>, settings: Settings, session: Session) throws {
        try reconcileDiscounts(SQLiteSQL(db), accounts: accounts, settings: settings, session: session)
    }

    static func reconcileDiscounts(_ db: any LedgerSQL, accounts: some Sequence<Int64>, settings: Settings, session: Session) throws {
        // Plans with a discount are few next to the accounts a file touches.
        let planned = try db.rows("SELECT id, account_id FROM plans WHERE discount > 0 ORDER BY id")
        guard !planned.isEmpty else { return }
        let wanted = Set(accounts)
        let ids = planned.filter { wanted.contains($0.int("account_id") ?? 0) }.map { $0.int("id") ?? 0 }
        try reconcileDiscounts(db, plans: ids, settings: settings, session: session)
    }

    /// Every plan with a discount (`tagih init` after an upgrade, so a
    /// ledger settled by an earlier version is brought in line); returns how
    /// many plans needed entries.
    @discardableResult
    public func reconcileAllDiscounts(session: Session) throws -> Int {
        try database.write { db in
            let ids = try Self.plansWithDiscounts(db)
            let before = try db.int("SELECT count(*) FROM import_batches WHERE kind = 'plan-discount'") ?? 0
            try Self.reconcileDiscounts(db, plans: ids, settings: settings, session: session)
            return Int((try db.int("SELECT count(*) FROM import_batches WHERE kind = 'plan-discount'") ?? 0) - before)
        }
    }

    static func reconcileDiscounts(_ db: any LedgerSQL, plans ids: [Int64], settings: Settings, session: Session) throws {
        var touched = Set<Int64>()
        for id in ids {
            guard let (plan, wanted) = try wantedDiscountDays(db, plan: id, settings: settings) else { continue }
            let fix = Plans.discountCorrection(existing: try discountEntries(db, plan: id), wanted: wanted)
            guard !fix.isEmpty else { continue }
            try post(fix, plan: plan, db: db, settings: settings, session: session)
            touched.insert(plan.accountID)
        }
        if !touched.isEmpty { try LedgerCache.refresh(db, accounts: touched) }
    }

    /// A plan, and the days its discount must be in force: the days it is
    /// completed, for a plan with a discount that was ever active; none else.
    static func wantedDiscountDays(_ db: Database, plan id: Int64, settings: Settings) throws -> (plan: PlanRecord, days: [DayInterval])? {
        try wantedDiscountDays(SQLiteSQL(db), plan: id, settings: settings)
    }

    static func wantedDiscountDays(_ db: any LedgerSQL, plan id: Int64, settings: Settings) throws -> (plan: PlanRecord, days: [DayInterval])? {
        guard let plan = try load(db, id: id, asOf: .end, grace: settings.promiseGraceDays) else { return nil }
        let earns = plan.record.schedule.discount.isPositive && plan.basis.decisions.contains { $0.decision == .active }
        return (plan.record, earns ? Plans.completedDays(plan.basis, credits: plan.credits, graceDays: settings.promiseGraceDays) : [])
    }

    /// Plans that have a discount, or discount entries (one whose terms have none should hold none).
    static func plansWithDiscounts(_ db: Database) throws -> [Int64] { try plansWithDiscounts(SQLiteSQL(db)) }

    static func plansWithDiscounts(_ db: any LedgerSQL) throws -> [Int64] {
        try ids(db, "SELECT id FROM plans WHERE discount > 0 OR id IN (SELECT plan_id FROM plan_discounts) ORDER BY id")
    }

    /// A plan's discount credits with their reversals, oldest first.
    static func discountEntries(_ db: Database, plan id: Int64) throws -> [DiscountEntry] { try discountEntries(SQLiteSQL(db), plan: id) }

    static func discountEntries(_ db: any LedgerSQL, plan id: Int64) throws -> [DiscountEntry] {
        try db.rows("""
            SELECT c.id, d.seq, c.date, (SELECT count(*) FROM reversals r WHERE r.credit_id = c.id) AS n,
                   (SELECT min(r.date) FROM reversals r WHERE r.credit_id = c.id) AS reversed_on
            FROM plan_discounts d JOIN credits c ON c.id = d.credit_id WHERE d.plan_id = ? ORDER BY d.seq
            """, [.int(id)]).map {
            DiscountEntry(id: $0.int("id") ?? 0, seq: Int($0.int("seq") ?? 0), date: Day(ordinal: Int32($0.int("date") ?? 0)),
                          reversals: Int($0.int("n") ?? 0), reversedOn: $0.int("reversed_on").map { Day(ordinal: Int32($0)) })
        }
    }

    static func creditRef(plan: Int64, seq: Int) -> String { seq == 1 ? "PLAN-\(plan)-DISCOUNT" : "PLAN-\(plan)-DISCOUNT-\(seq)" }
    static func reversalRef(plan: Int64, seq: Int, nth: Int) -> String {
        creditRef(plan: plan, seq: seq) + (nth == 1 ? "-REV" : "-REV-\(nth)")
    }

    /// Posts a correction as one batch of its own, hashed and audited like
    /// an import, so `check` proves these entries as it proves any other.
    /// Ids are the next ones inside the write (`max(id) + 1`): the same
    /// numbers on both backends, none taken by a write that rolls back.
    private static func post(_ fix: DiscountCorrection, plan: PlanRecord, db: any LedgerSQL, settings: Settings, session: Session) throws {
        try BookTotals.prime(db)
        let n = (try db.int("""
            SELECT count(*) FROM import_batches WHERE kind = 'plan-discount' AND (file_hash = ?1 OR file_hash LIKE ?1 || '-%')
            """, [.text("plan-\(plan.id)")]) ?? 0) + 1
        let rows = fix.credits.count + fix.reversals.count
        guard let batch = try db.int("""
            INSERT INTO import_batches(id, kind, file_name, file_hash, rows_read, posted, duplicates, rejected, entries_hash, imported_by, imported_at, business_day)
            VALUES ((SELECT coalesce(max(id), 0) + 1 FROM import_batches), 'plan-discount', ?, ?, ?, ?, 0, 0, '', ?, ?, ?) RETURNING id
            """, ([("plan \(plan.id)"), "plan-\(plan.id)-\(n)", rows, rows, session.user.login, AuditTrail.timestamp(session.recordedAt),
                   session.today.ordinal] as [any SQLArgument]).map(\.sqlValue))
        else { throw StoreError("plan \(plan.id)'s discount batch was not recorded") }
        let amount = plan.schedule.discount
        var hasher = EntryHasher()
        var said: [String] = []
        var newest: Int64 = Int64.min
        func reverse(credit: Int64, seq: Int, nth: Int, on day: Day, reason: String) throws {
            var nth = nth
            while try db.int("SELECT count(*) FROM reversals WHERE ref = ?", [.text(reversalRef(plan: plan.id, seq: seq, nth: nth))]) ?? 0 > 0 {
                nth += 1
            }
            let ref = reversalRef(plan: plan.id, seq: seq, nth: nth)
            guard let id = try db.int("""
                INSERT INTO reversals(id, account_id, ref, date, credit_id, reason, batch_id)
                VALUES ((SELECT coalesce(max(id), 0) + 1 FROM reversals), ?, ?, ?, ?, ?, ?) RETURNING id
                """, ([plan.accountID, ref, day.ordinal, credit, reason, batch] as [any SQLArgument]).map(\.sqlValue))
            else { throw StoreError("reversal \(ref) was not recorded") }
            hasher.reversal(id: id, accountID: plan.accountID, ref: ref, date: Int64(day.ordinal), creditID: credit, reason: reason)
            said.append("\(ref) on \(day.iso)")
            newest = max(newest, Int64(day.ordinal))
        }
        let undone = "plan \(plan.id) is not completed from this day"
        for r in fix.reversals {
            try reverse(credit: r.creditID, seq: r.seq, nth: r.nth, on: r.on, reason: undone)
        }
        // Sequences skip a ref an older version let a billing file take
        // (refs `PLAN-` are reserved now): the discount is found by its plan.
        var skip = 0
        for c in fix.credits {
            var seq = c.seq + skip
            while try db.int("SELECT count(*) FROM credits WHERE source = 'credit' AND channel = '' AND ref = ?",
                             [.text(creditRef(plan: plan.id, seq: seq))]) ?? 0 > 0 {
                seq += 1
                skip += 1
            }
            let ref = creditRef(plan: plan.id, seq: seq)
            let note = "discount of plan \(plan.id) (\(formatPercent(plan.schedule.terms.discountBasisPoints))%)"
            guard let id = try db.int("""
                INSERT INTO credits(id, account_id, source, channel, ref, date, amount, charge_id, note, batch_id)
                VALUES ((SELECT coalesce(max(id), 0) + 1 FROM credits), ?, 'credit', '', ?, ?, ?, NULL, ?, ?) RETURNING id
                """, ([plan.accountID, ref, c.on.ordinal, amount.minor, note, batch] as [any SQLArgument]).map(\.sqlValue))
            else { throw StoreError("credit \(ref) was not recorded") }
            hasher.credit(id: id, accountID: plan.accountID, source: "credit", channel: "", ref: ref, date: Int64(c.on.ordinal),
                          amount: amount.minor, chargeID: nil, note: note)
            try db.execute("INSERT INTO plan_discounts(credit_id, plan_id, seq) VALUES (?, ?, ?)", id, plan.id, seq)
            said.append("\(ref) \(amount.machine(settings.currency)) on \(c.on.iso)")
            newest = max(newest, Int64(c.on.ordinal))
            if let until = c.until { try reverse(credit: id, seq: seq, nth: 1, on: until, reason: undone) }
        }
        for _ in fix.credits { try BookTotals.add(db, charged: 0, credited: amount.minor) }
        let entries = hasher.finalize()
        try db.execute("UPDATE import_batches SET entries_hash = ? WHERE id = ?", entries, batch)
        // Like an import, the batch is in the audit trail with its entries' hash (check compares them).
        try AuditTrail.append(db, session: session, action: "plan.discount", subject: "batch \(batch)",
                              detail: "\(plan.accountNo) plan \(plan.id): " + said.joined(separator: ", ") + " entries=\(entries)")
        try db.noteEntryDay(newest)
    }

    /// Plans whose discount entries disagree with the plan as derived from
    /// the ledger now, with the first day they do: what `check` reports.
    static func discountMismatches(_ db: any LedgerSQL, settings: Settings) throws -> [(plan: Int64, accountNo: String, day: Day)] {
        var out: [(Int64, String, Day)] = []
        for id in try plansWithDiscounts(db) {
            guard let (plan, wanted) = try wantedDiscountDays(db, plan: id, settings: settings) else { continue }
            if let first = Plans.discountMismatch(existing: try discountEntries(db, plan: id), wanted: wanted).first {
                out.append((id, plan.accountNo, first))
            }
        }
        return out
    }
}
