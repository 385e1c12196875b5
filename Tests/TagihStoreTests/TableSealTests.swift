import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// `check` proves the tables people change — users, rules, accounts,
/// contacts, plans with their schedules and decisions — not only the ledger
/// entries (issue 14): an edit made outside Tagih is found even where the
/// chain of audit hashes is recomputed afterwards.
@Suite struct TableSealTests {
    /// A file ledger with every sealed table holding rows: users, rules,
    /// accounts, a contact (through the account's phone), a plan (schedule
    /// and decision), an added phone and a mark.
    static func ledger(_ scratch: Scratch) throws -> AppDatabase {
        let db = try AppDatabase.open(path: scratch.path("l.db"), settings: Settings(), create: true)
        try db.migrate()
        try Fixture.addUsers(db, collectors: ["col01", "col02"])
        try LedgerRules(db).recordInitial("[ledger]\ncurrency = \"IDR\"\n", source: "test", session: Fixture.session)
        try db.importFile(.accounts, try scratch.write("a.csv", """
            account_no,name,phone,timezone,segment,collector
            A1,Siti Rahayu,0812-3456-7890,Asia/Jakarta,RETAIL,col01
            A2,Bayu,,Asia/Makassar,UMKM,col02

            """))
        try db.importFile(.charges, try scratch.write("c.csv", """
            account_no,ref,issue_date,due_date,amount
            A1,INV-1,2025-05-01,2025-05-31,1000000
            A2,INV-2,2025-05-01,2025-05-31,500000

            """))
        _ = try ContactOrderTests.log(db, "A1", "RPC", ContactOrderTests.wib("2025-06-30", 10))
        _ = try PhoneBook(db).add(accountNo: "A2", number: "0813-1111-2222", party: .emergency, consent: "yes", session: Fixture.session)
        _ = try PhoneBook(db).mark(number: "0813-1111-2222", status: .wrong, session: Fixture.session)
        _ = try PlanBook(db).propose(accountNo: "A2", instalments: 2, discountBasisPoints: 0, downPayment: .zero, frequency: .month,
                                     first: Day(iso: "2025-07-15")!, note: nil, session: Fixture.session)
        return db
    }

    static func failed(_ db: AppDatabase) throws -> [String: [String]] { try IntegrityTests.failed(db) }

    /// Runs `sql` as an attacker with the file would: the append-only guards
    /// dropped first, and with `dropTriggers` the seal triggers too (as the
    /// `sqlite3` shell must: it cannot run Tagih's functions).
    static func editOutsideTagih(_ db: AppDatabase, _ sql: String, dropTriggers: Bool) throws {
        try db.writer.write { d in
            for t in try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'seal\\_%' ESCAPE '\\'") {
                try d.execute(sql: "DROP TRIGGER \(t)")
            }
            if dropTriggers {
                for t in SealedTable.allCases.flatMap({ $0.triggers.map(\.name) }) { try d.execute(sql: "DROP TRIGGER \(t)") }
            }
            try d.execute(sql: sql)
            #expect(d.changesCount > 0, "\(sql) changed nothing")
        }
    }

    /// Each sealed table's hash covers every column but the named caches:
    /// a column a later migration adds must be named in one list or the other.
    @Test func theSealsCoverEveryColumn() throws {
        let db = try Fixture.ledger()
        try db.writer.read { db in
            for table in SealedTable.allCases {
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table.rawValue))").map { $0["name"] as String }
                #expect(Set(columns) == Set(table.columns + table.unsealed), "\(table.rawValue)")
                #expect(table.columns.count + table.unsealed.count == columns.count, "\(table.rawValue)")
            }
        }
    }

    @Test func aLedgerTagihWroteIsProved() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        #expect(try Self.failed(db).isEmpty)
        // A second accounts file adds one account and changes another: the
        // new one is sealed by the import (no insert trigger), the change by its trigger.
        try db.importFile(.accounts, try scratch.write("a2.csv", "account_no,name,phone,collector\nA1,Siti Rahayu,0813,col02\nA3,Baru,,col01\n"))
        #expect(try Self.failed(db).isEmpty)
        // Every audit row that changed a sealed table recorded its new seal.
        let actions = try db.writer.read { try Row.fetchAll($0, sql: "SELECT action, seals FROM audit ORDER BY id") }
        for row in actions {
            let action: String = row[0], seals: String = row[1]
            switch action {
            case "user.add": #expect(seals.hasPrefix("users="), "\(action)")
            case "import.accounts": #expect(seals.hasPrefix("accounts="), "\(action)")
            case "import.charges": #expect(seals.isEmpty, "entries are proved by their batch's hash")
            case "contact.log": #expect(seals.hasPrefix("contacts="), "\(action)")
            case "plan.propose": #expect(seals.contains("plan_events=") && seals.contains("plan_lines=") && seals.contains("plans="), "\(action)")
            default: break
            }
        }
    }

    /// The issue's own examples, each made with the triggers dropped (as the
    /// `sqlite3` shell must: it cannot run Tagih's functions) and with them
    /// firing (an edit through a connection that has them): both are found,
    /// the table named.
    @Test(arguments: [
        ("users", "UPDATE users SET role = 'admin' WHERE login = 'col01'"),
        ("plans", "UPDATE plans SET status = CASE status WHEN 'active' THEN 'pending' ELSE 'active' END"),
        ("plan_events", "UPDATE plan_events SET by_user = 'col02'"),
        ("plan_lines", "UPDATE plan_lines SET amount = 1 WHERE n = 2"),
        ("rules", "INSERT INTO rules(toml, loaded_at, loaded_by, business_day) VALUES ('[contact]\nstart = \"00:00\"\n', 'x', 'admin', 'x')"),
        ("contacts", "DELETE FROM contacts"),
        ("contacts", "UPDATE contacts SET phone_number = NULL"),
        ("contacts", "UPDATE contacts SET phone_number = '0899'"),
        ("phones", "UPDATE phones SET party = 'debtor'"),
        ("phones", "UPDATE phones SET consent = 'forged'"),
        ("phone_marks", "DELETE FROM phone_marks"),
        ("accounts", "UPDATE accounts SET collector = 'col02' WHERE account_no = 'A1'"),
        ("accounts", "UPDATE accounts SET phone = '0899' WHERE account_no = 'A2'"),
        ("accounts", "INSERT INTO accounts(account_no, name, timezone, collector) VALUES ('X9', 'Mallory', 'Asia/Jakarta', 'col01')"),
    ])
    func anEditOutsideTagihIsFound(table: String, sql: String) throws {
        for dropTriggers in [true, false] {
            let scratch = try Scratch()
            let db = try Self.ledger(scratch)
            try Self.editOutsideTagih(db, sql, dropTriggers: dropTriggers)
            let problems = try Self.failed(db)["sealed tables"] ?? []
            #expect(problems.contains { $0.hasPrefix("table \(table): its rows differ") }, "\(dropTriggers) \(problems)")
        }
    }

    /// An attacker who recomputes the audit chain after the edit (the hashes
    /// are unkeyed) still leaves the table unlike its seal.
    @Test func recomputingTheChainDoesNotHideAnEdit() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.writer.write { d in
            try d.execute(sql: "DROP TRIGGER audit_no_update")
            try d.execute(sql: "UPDATE users SET role = 'admin' WHERE login = 'col01'")
            try d.execute(sql: "UPDATE audit SET detail = 'role=admin' WHERE action = 'user.add' AND subject = 'col01'")
            // Rehash every row in order, as the chain's rule says.
            var prev = AuditTrail.genesis
            for row in try Row.fetchAll(d, sql: "SELECT id, at, business_day, actor, real_user, action, subject, detail, seals FROM audit ORDER BY id") {
                let h = AuditTrail.hash(id: row[0], at: row[1], day: row[2], actor: row[3], realUser: row[4], action: row[5],
                                        subject: row[6], detail: row[7], prev: prev, seals: row[8])
                try d.execute(sql: "UPDATE audit SET prev_hash = ?, hash = ? WHERE id = ?", arguments: [prev, h, row[0] as Int64])
                prev = h
            }
            try d.execute(sql: "UPDATE meta SET value = ? WHERE key = 'audit_head'", arguments: [prev])
        }
        let failed = try Self.failed(db)
        #expect(failed["audit trail"] == nil, "the chain itself is whole again")
        #expect(failed["sealed tables"]?.contains { $0.hasPrefix("table users: its rows differ") } == true, "\(failed)")
    }

    /// Without Tagih's functions (the `sqlite3` shell), a sealed table cannot
    /// be written at all while its triggers stand.
    @Test func aConnectionWithoutTagihCannotWriteASealedTable() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.close()
        let plain = try DatabaseQueue(path: scratch.path("l.db"))
        for sql in ["UPDATE users SET role = 'admin' WHERE login = 'col01'", "UPDATE accounts SET collector = 'col02'",
                    "INSERT INTO users(login, name, role) VALUES ('mallory', 'M', 'admin')"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try plain.write { try $0.execute(sql: sql) } }
        }
        #expect(try plain.read { try String.fetchOne($0, sql: "SELECT role FROM users WHERE login = 'col01'") } == "collector")
        // A trigger swapped for one that seals nothing is found by its text.
        try plain.write { d in
            try d.execute(sql: "DROP TRIGGER seal_users_update")
            try d.execute(sql: "CREATE TRIGGER seal_users_update AFTER UPDATE OF login ON users BEGIN SELECT 1; END")
            try d.execute(sql: "UPDATE users SET role = 'admin' WHERE login = 'col01'")
        }
        try plain.close()
        let reopened = try AppDatabase.open(path: scratch.path("l.db"), settings: Settings())
        let failed = try Self.failed(reopened)
        #expect(failed["sealed tables"] == ["table users: its rows differ from what the audit trail sealed (a row was added, changed or removed outside Tagih)"])
        #expect(failed["schema"] == ["trigger seal_users_update differs from the schema (its definition was changed)"])
    }

    /// A change made through a connection that has Tagih's functions but
    /// records no audit row is never absorbed by the changes Tagih records
    /// after it, nor by a pointer in `meta` moved to another audit row.
    @Test func aChangeTheTrailDidNotRecordStaysFound() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        try db.writer.write { d in try d.execute(sql: "UPDATE users SET role = 'admin' WHERE login = 'col01'") }
        try UserDirectory(db).add(User(login: "col03", name: "C3", role: .collector), session: Fixture.session)
        _ = try ContactOrderTests.log(db, "A1", "NA", ContactOrderTests.wib("2025-06-30", 11))
        #expect(try Self.failed(db)["sealed tables"] == ["table users: its rows differ from what the audit trail sealed (a row was added, changed or removed outside Tagih)"])
        try db.writer.write { d in try d.execute(sql: "UPDATE meta SET value = '1' WHERE key = 'sealed_at.users'") }
        #expect(try Self.failed(db)["sealed tables"]?.count == 1)
    }

    /// The seal the trail records equals a recomputation from the rows after
    /// any mix of inserts, updates and deletes (seeded), whatever their order.
    @Test(arguments: [1, 2, 3, 20251203])
    func theRunningSealIsTheRowsSeal(seed: UInt64) throws {
        let db = try Fixture.ledger(collectors: [])
        var rng = SplitMix64(seed: seed)
        try db.writer.write { d in
            var logins: [String] = []
            for step in 0..<300 {
                // Nothing to change or delete yet: add (the draw is made either way).
                let draw = rng.next() % 3
                switch logins.isEmpty ? 0 : draw {
                case 0:
                    let login = "u\(step)"
                    try d.execute(sql: "INSERT INTO users(login, name, role, team) VALUES (?, ?, 'collector', ?)",
                                  arguments: [login, "N\(rng.next() % 5)", rng.next() % 2 == 0 ? nil : "T\(rng.next() % 3)"])
                    logins.append(login)
                case 1:
                    let login = logins[Int(rng.next() % UInt64(logins.count))]
                    try d.execute(sql: "UPDATE users SET name = ?, active = ? WHERE login = ?", arguments: ["N\(rng.next() % 5)", Int(rng.next() % 2), login])
                default:
                    let i = Int(rng.next() % UInt64(logins.count))
                    try d.execute(sql: "DELETE FROM users WHERE login = ?", arguments: [logins.remove(at: i)])
                }
            }
            // The whole mix as one audited change: the trail's seal is the rows'.
            try AuditTrail.append(d, session: Fixture.session, action: "test", subject: "users", detail: "")
        }
        #expect(try Self.failed(db).isEmpty)
        let (recorded, actual) = try db.writer.read { d in (try TableSeals.recorded(d)[.users], try TableSeals.recompute(d, .users)) }
        #expect(recorded == actual && actual != .zero)
    }

    @Test func sealArithmetic() {
        var a = Seal.zero
        let x = Seal(hex: String(repeating: "f", count: 64))!
        let y = Seal(hex: "00000000000000000000000000000000000000000000000000000000000000" + "02")!
        a.add(x); a.add(y)
        #expect(a.hex == String(repeating: "0", count: 63) + "1", "wraps modulo 2^256")
        a.add(y, negate: true); a.add(x, negate: true)
        #expect(a == .zero)
        #expect(Seal(hex: "zz") == nil && Seal(hex: String(repeating: "g", count: 64)) == nil)
        #expect(Seal(bytes: x.bytes)! == x && Seal(bytes: y.bytes)! == y)
    }

    /// A ledger made before seals: the upgrade seals its rows as they stand,
    /// `init` records that in the trail, and edits are found from then on.
    @Test func anOlderLedgerIsSealedByItsUpgrade() throws {
        let db = AppDatabase(writer: try DatabaseQueue(configuration: AppDatabase.configuration(Settings())), settings: Settings(), path: ":memory:")
        try Schema.migrator.migrate(db.writer, upTo: "v9-roles")
        try db.writer.write { d in
            try d.execute(sql: "INSERT INTO users(login, name, role) VALUES ('admin', 'Admin', 'admin'), ('col01', 'C', 'collector')")
        }
        try Schema.migrator.migrate(db.writer)
        #expect(try Self.failed(db)["sealed tables"]?.first?.hasPrefix("table users: its rows differ") == true, "not yet recorded")
        #expect(try AuditTrail.recordUpgradeSeals(db, session: Fixture.session))
        #expect(try !AuditTrail.recordUpgradeSeals(db, session: Fixture.session), "once")
        #expect(try Self.failed(db).isEmpty)
        try db.writer.write { d in try d.execute(sql: "UPDATE users SET team = 'X'") }
        #expect(try Self.failed(db)["sealed tables"] != nil)
    }
}
