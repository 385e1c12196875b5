import GRDB
import TagihCore

/// `tagih check`: proves the file is whole and every cached figure right.
public struct LedgerCheck: Sendable {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    public struct Finding: Sendable {
        public var name: String
        public var problems: [String]
        public var detail: String
        public var ok: Bool { problems.isEmpty }
    }

    public func run() throws -> [Finding] {
        var findings = try ledger()
        findings.insert(try searchIndexes(), at: findings.count - 2)
        return findings
    }

    func ledger() throws -> [Finding] {
        // What the backend itself proves: SQLite's integrity check, its
        // schema and foreign keys; on a server, that the schema is Tagih's
        // current one (CONTRACT §12: its pages and references are its own to keep).
        var findings = try database.remote.map { try $0.structure().map { Finding(name: $0.name, problems: $0.problems, detail: $0.detail) } }
            ?? sqliteStructure()
        findings += try database.read { db in
            var findings: [Finding] = []
            findings.append(try allocations(db))

            let (cacheProblems, accounts) = try LedgerCache.verify(db)
            findings.append(Finding(name: "cached balances", problems: cacheProblems, detail: "\(accounts) accounts replayed from their entries"))

            findings.append(Finding(name: "case days", problems: try CaseDays.problems(db),
                                    detail: "each case's opening, extension and settlement days are those of its history"))
            findings.append(try batches(db))
            findings.append(try planDiscounts(db))

            let audit = try AuditTrail.verify(db)
            let rows = try db.int("SELECT count(*) FROM audit") ?? 0
            let head = try db.meta("audit_head") ?? AuditTrail.genesis
            findings.append(Finding(name: "audit trail", problems: audit,
                                    detail: "\(rows) row\(rows == 1 ? "" : "s"), hash chain unbroken, head \(head.prefix(16))"))
            findings.append(Finding(name: "sealed tables", problems: try TableSeals.problems(db),
                                    detail: "users, rules, accounts, contacts, plans, phones, holds, cases and messages are as the audit trail sealed them"))
            return findings
        }
        return findings
    }

    func sqliteStructure() throws -> [Finding] {
        try database.writer.read { db in
            var findings: [Finding] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            findings.append(Finding(name: "sqlite integrity", problems: integrity == ["ok"] ? [] : integrity, detail: "ok"))
            findings.append(Finding(name: "schema", problems: try SchemaCheck.problems(db),
                                    detail: "tables, columns, indexes and triggers are those of the current migration"))

            let fk = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            findings.append(Finding(name: "references", problems: fk.prefix(20).map { "table \($0[0] as String? ?? "?") row \($0[1] as Int64? ?? 0) names a missing \($0[2] as String? ?? "?") row" },
                                    detail: "every entry names an existing account, charge and payment"))
            return findings
        }
    }

    /// The search indexes are derived data too: the phone keys must be those
    /// of the accounts' phone fields (compared as an order-free hash of the
    /// pairs, in one pass each), and FTS5 must agree with the names (its own
    /// integrity check, in a transaction rolled back).
    func searchIndexes() throws -> Finding {
        var problems: [String] = []
        func mix(_ key: String, _ id: Int64) -> UInt64 {
            var h: UInt64 = 0xcbf29ce484222325
            for b in key.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            for s in stride(from: 0, to: 64, by: 8) { h = (h ^ UInt64((id >> s) & 0xff)) &* 0x100000001b3 }
            return h
        }
        try database.read { db in
            var expected: UInt64 = 0, expectedCount = 0
            let accounts = try db.cursor("SELECT id, phone FROM accounts WHERE phone IS NOT NULL")
            while try accounts.step() {
                for key in PhoneKey.keys(accounts.text(1) ?? "") { expected ^= mix(key, accounts.int(0)); expectedCount += 1 }
            }
            var stored: UInt64 = 0, storedCount = 0
            let rows = try db.cursor("SELECT phone_key, account_id FROM account_phones")
            while try rows.step() { stored ^= mix(rows.text(0) ?? "", rows.int(1)); storedCount += 1 }
            if expected != stored || expectedCount != storedCount {
                problems.append("phone search keys differ from the accounts' phones (\(storedCount) stored, \(expectedCount) expected)")
            }
        }
        // A server's name index is PostgreSQL's own (a GIN index over the
        // names, kept by the server in the same transaction as the row).
        if database.remote != nil {
            return Finding(name: "search indexes", problems: problems, detail: "phone keys match the accounts (the name index is the server's own)")
        }
        // FTS5's own check is a write (rolled back): a read-only ledger skips it.
        if try database.writer.configuration.readonly {
            return Finding(name: "search indexes", problems: problems,
                           detail: "phone keys match the accounts (the name index's own check needs a writable file)")
        }
        try database.writer.writeWithoutTransaction { db in
            try db.inTransaction {
                do {
                    try db.execute(sql: "INSERT INTO accounts_fts(accounts_fts, rank) VALUES ('integrity-check', 1)")
                } catch {
                    problems.append("the name search index differs from the accounts' names")
                }
                return .rollback
            }
        }
        return Finding(name: "search indexes", problems: problems, detail: "phone keys and the name index match the accounts")
    }

    /// Structural rules the import enforces, checked again on the stored rows.
    func allocations(_ db: any LedgerSQL) throws -> Finding {
        var problems: [String] = []
        var rules: [(String, String)] = [
            ("SELECT count(*) FROM charges WHERE open_amount < 0 OR open_amount > amount", "charges whose cached open amount is outside 0…amount"),
            ("SELECT count(*) FROM credits c JOIN charges h ON h.id = c.charge_id WHERE h.account_id <> c.account_id", "credits aimed at another account's charge"),
            ("SELECT count(*) FROM reversals r JOIN credits c ON c.id = r.credit_id WHERE c.account_id <> r.account_id OR (c.source <> 'payment' AND c.id NOT IN (SELECT credit_id FROM plan_discounts))", "reversals of something other than a payment or a plan's discount of the same account"),
            ("SELECT count(*) FROM accounts WHERE unapplied < 0 OR open_total < 0 OR (unapplied > 0 AND open_total > 0)", "accounts with unapplied credit beside open charges"),
            ("""
             SELECT count(*) FROM accounts a WHERE
               a.next_action_day IS DISTINCT FROM (SELECT next_action FROM contacts WHERE account_id = a.id AND next_action IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1)
               OR a.next_action_at IS DISTINCT FROM (SELECT next_action_at FROM contacts WHERE account_id = a.id AND next_action IS NOT NULL ORDER BY at DESC, id DESC LIMIT 1)
             """, "accounts whose cached next action differs from their contacts"),
            ("SELECT count(*) FROM contacts WHERE (promise_amount IS NOT NULL) <> (promise = 1) OR promise_due < day", "contacts whose promise does not match its outcome"),
            ("SELECT count(*) FROM (SELECT max(d) m FROM (SELECT max(issue_date) d FROM charges UNION ALL SELECT max(date) FROM credits UNION ALL SELECT max(date) FROM reversals) AS days) AS newest WHERE m > coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'max_entry_day'), -2147483648)", "entries dated after the recorded newest entry date"),
        ]
        // SQLite stores an overflowing integer sum as a REAL: money is never one.
        if let inexact = db.dialect.inexactMoneyCount {
            rules.insert((inexact, "rows holding a money amount that is not an exact integer (an overflow stored as REAL)"), at: 5)
        }
        for (sql, what) in rules {
            let n = try db.int(sql) ?? 0
            if n > 0 { problems.append("\(n) \(what)") }
        }
        problems += try BookTotals.problems(db)
        return Finding(name: "allocations", problems: problems, detail: "open amounts within bounds, credits and reversals on their own account")
    }

    /// Each plan's discount is in force exactly on the days the plan is
    /// completed, as derived from the ledger now (CONTRACT §8): a discount
    /// granted without its payments, or kept after a reversal, is found.
    func planDiscounts(_ db: any LedgerSQL) throws -> Finding {
        let wrong = try PlanBook.discountMismatches(db, settings: database.settings)
        let plans = try db.int("SELECT count(*) FROM plans") ?? 0
        return Finding(name: "plan discounts",
                       problems: wrong.prefix(20).map { "plan \($0.plan) (\($0.accountNo)): its discount entries disagree with the plan's status from \($0.day.iso)" },
                       detail: "\(plans) plan\(plans == 1 ? "" : "s"): discounts in force exactly while completed")
    }

    /// Rehashes each batch's ledger rows and compares with the recorded hash.
    func batches(_ db: any LedgerSQL) throws -> Finding {
        var hashers: [Int64: EntryHasher] = [:]
        let charges = try db.cursor("SELECT id, account_id, source, ref, issue_date, due_date, amount, description, batch_id FROM charges ORDER BY id")
        while try charges.step() {
            hashers[charges.int(8), default: EntryHasher()].charge(
                id: charges.int(0), accountID: charges.int(1), source: charges.text(2) ?? "", ref: charges.text(3) ?? "",
                issue: charges.int(4), due: charges.int(5), amount: charges.int(6), description: charges.text(7))
        }
        let credits = try db.cursor("SELECT id, account_id, source, channel, ref, date, amount, charge_id, note, batch_id FROM credits ORDER BY id")
        while try credits.step() {
            hashers[credits.int(9), default: EntryHasher()].credit(
                id: credits.int(0), accountID: credits.int(1), source: credits.text(2) ?? "", channel: credits.text(3) ?? "",
                ref: credits.text(4) ?? "", date: credits.int(5), amount: credits.int(6), chargeID: credits.optInt(7), note: credits.text(8))
        }
        let reversals = try db.cursor("SELECT id, account_id, ref, date, credit_id, reason, batch_id FROM reversals ORDER BY id")
        while try reversals.step() {
            hashers[reversals.int(6), default: EntryHasher()].reversal(
                id: reversals.int(0), accountID: reversals.int(1), ref: reversals.text(2) ?? "", date: reversals.int(3),
                creditID: reversals.int(4), reason: reversals.text(5))
        }
        var problems: [String] = []
        let batches = try db.rows("SELECT id, file_name, entries_hash FROM import_batches ORDER BY id")
        let known = Set(batches.map { $0.int("id") ?? 0 })
        for b in batches {
            let id = b.int("id") ?? 0
            let expected = b.string("entries_hash")
            let actual = (hashers[id] ?? EntryHasher()).finalize()
            if actual != expected { problems.append("batch \(id) (\(b.string("file_name"))): its ledger rows were changed or deleted") }
            let audited = try db.int("SELECT count(*) FROM audit WHERE subject = ? AND detail LIKE ?", [.text("batch \(id)"), .text("%entries=\(expected)")]) ?? 0
            if audited == 0 { problems.append("batch \(id) (\(b.string("file_name"))): its record does not match the audit trail") }
        }
        for id in hashers.keys where !known.contains(id) { problems.append("ledger rows name batch \(id), which does not exist") }
        return Finding(name: "ledger entries", problems: problems, detail: "\(batches.count) import batch\(batches.count == 1 ? "" : "es") rehashed")
    }
}
