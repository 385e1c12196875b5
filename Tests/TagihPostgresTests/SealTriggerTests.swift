import Foundation
import GRDB
import Testing
import TagihConfig
import TagihCore
@testable import TagihStore
@testable import TagihPostgres

/// The seal triggers and functions on PostgreSQL give what SQLite's give,
/// byte for byte (`tagih_seal_take()`'s text), and guard the sealed tables.
@Suite(.serialized)
struct SealTriggerTests {
    /// The sealed tables here are SQLite's: the same tables, columns, order,
    /// `addedLater` columns, the same triggers by name.
    @Test func theSealedTablesAreSQLites() {
        let here = PostgresSealTriggers.tables.map { "\($0.name):\($0.columnNames.joined(separator: ",")):\($0.alwaysHashed)" }
        let sqlite = SealedColumns.all.map { "\($0.table):\($0.columns.joined(separator: ",")):\($0.alwaysHashed)" }
        #expect(here == sqlite)
        for t in PostgresSealTriggers.tables {
            let s = SealedTable(rawValue: t.name)!
            #expect(t.sealedByWriter == s.sealedByWriter, "\(t.name)")
            let sealingTriggers = PostgresSealTriggers.sealingTriggers.filter { $0.table == t.name }.map(\.trigger)
            #expect(sealingTriggers == s.triggers.map(\.name), "\(t.name)")
        }
        // Integers and text as the schema says (the hash tags them "i" and "t").
        #expect(PostgresSealTriggers.table("contacts")?.columns.filter(\.integer).map(\.name)
                == ["id", "account_id", "at", "day", "debtor_day", "attempt", "contact", "right_party", "promise", "promise_amount",
                    "promise_due", "next_action", "next_action_at"])
    }

    /// One step of the same change on both backends: SQL for SQLite, SQL for PostgreSQL.
    typealias Step = (sqlite: [String], pg: [String])
    static func same(_ sql: String...) -> Step { (sql, sql) }
    static func then(_ a: Step, _ b: Step) -> Step { (a.sqlite + b.sqlite, a.pg + b.pg) }

    /// Every sealed table inserted, updated and deleted where its guards
    /// allow; the writer-sealed ones sealed as their writers do.
    static var steps: [Step] {
        let sealAdded = { (t: SealedTable, filter: String) -> Step in
            (["SELECT tagih_seal(\(t.code), 1, \(t.columnsSQL())) FROM \(t.rawValue) WHERE \(filter)"],
             [PostgresSealTriggers.sealAdded(t.rawValue, where: filter)])
        }
        let stageValues = "VALUES ('d1', 1, 1), ('d1', 2, 1)"
        let pgStages = PostgresSealTriggers.sealValues("message_stages")
        return [
            same("INSERT INTO users VALUES ('ann', 'Ann', 'admin', NULL, NULL, 1), ('bob', 'Bob Ñandú 😀', 'collector', 2500, 'east', 1)"),
            same("UPDATE users SET team = 'west', name = 'Bobby' WHERE login = 'bob'"),
            same("UPDATE users SET active = 1"),  // nothing changes: no text on either
            same("INSERT INTO users VALUES ('cat', 'Cat', 'lead', 0, NULL, 0)", "DELETE FROM users WHERE login = 'ann'",
                 "INSERT INTO users VALUES ('ann', 'Ann', 'admin', NULL, NULL, 1)"),
            same("INSERT INTO rules VALUES (1, 'x = \"1\"\nlines', NULL, NULL, NULL), (2, 'y', '2026-12-03T10:00:00Z', 'ann', '2026-12-03')"),
            // Accounts: no insert trigger; sealed in bulk, then by updates of sealed columns only.
            same("INSERT INTO accounts(id, account_no, name, timezone, collector) VALUES (1, 'A-1', 'Siti', 'Asia/Jakarta', 'bob'), (2, 'A-2', 'Budi', 'Asia/Makassar', NULL)"),
            sealAdded(.accounts, "id > 0"),
            same("UPDATE accounts SET language = 'id', va_number = '8808' WHERE id = 1"),
            same("UPDATE accounts SET open_total = 500, oldest_due = 20000"),
            same("UPDATE accounts SET phone = '0812', email = 'b@x.id', collector = 'cat' WHERE id = 2"),
            same("""
                INSERT INTO contacts VALUES (1, 1, 'bob', 'bob', 1764720000, 20425, 20425, '09:00', 'phone', 'no-answer', 1, 0, 0, 0,
                NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL), (2, 1, 'bob', 'root', 1764720600, 20425, 20425, '09:10', 'sms', 'sent', 1, 1, 1, 1,
                'financial', 'will pay', 150000, 20430, 20431, 1764900000, 'asked twice', '0812')
                """),
            same("INSERT INTO plans VALUES (1, 1, 'bob', 20425, -5, 0, 0, 100000, 0, 4, 'month', 20450, NULL, 'x', 'pending', 20425, 0)"),
            same("UPDATE plans SET status = 'active', status_day = 20426, credit_mark = 9223372036854775807"),
            same("INSERT INTO plan_lines VALUES (1, 1, 20450, 25000), (1, 2, 20480, 25000)"),
            same("INSERT INTO plan_events VALUES (1, 1, 20426, 'active', 'bob', NULL), (2, 1, 20427, 'note', NULL, 'n')",
                 "DELETE FROM plan_events WHERE id = 2"),
            same("INSERT INTO cases VALUES (1, 1, 'A-1', 'dispute', 'phone', 'summary', '', NULL, 20425, 'ann')"),
            same("INSERT INTO holds VALUES (1, 1, 'dispute', 20425, NULL, 'r', 'ann', 1, NULL, NULL, NULL)"),
            same("UPDATE holds SET released = 20430, released_by = 'ann', release_reason = 'done'"),
            same("INSERT INTO case_events(id, case_id, kind, day, by_user, note) VALUES (1, 1, 'note', 20426, 'ann', 'called')"),
            same("INSERT INTO phones VALUES (1, 1, '0812', '62812', 'debtor', NULL, 20425, 'ann')", "UPDATE phones SET consent = 'yes'"),
            same("INSERT INTO phone_marks VALUES (1, 1, 20426, 'ok', 'ann', '2026-12-03T10:00:00Z')"),
            same("INSERT INTO channels VALUES (1, 'bca', 's1', NULL, NULL, 't', 'ann', NULL, NULL), (2, 'bri', 's', NULL, NULL, 't', 'ann', NULL, NULL)"),
            same("UPDATE channels SET previous_secret = secret, secret = 's2', grace_until = 1764900000, rotated_at = 't2', rotated_by = 'ann' WHERE id = 1",
                 "DELETE FROM channels WHERE id = 2"),
            // The reminders' tables: no triggers; their writers seal them.
            then(same("INSERT INTO import_batches VALUES (1, 'charges', 'f.csv', 'h', 2, 2, 0, 0, 'e', 'ann', 't', 20425)",
                 "INSERT INTO charges VALUES (1, 1, 'invoice', 'INV-1', 20400, 20420, 500000, NULL, 1, 500000), (2, 1, 'invoice', 'INV-2', 20400, 20420, 1, NULL, 1, 1)",
                 "INSERT INTO messages VALUES (1, 2, 1, 20425, 'd1', 'sms', '0812', 'id', 'Halo Siti')"),
                 sealAdded(.messages, "id > 0")),
            ([stageValues.replacingOccurrences(of: "VALUES", with: "INSERT INTO message_stages(stage, charge_id, message_id) VALUES"),
              "SELECT tagih_seal(\(SealedTable.messageStages.code), 1, column1, column2, column3) FROM (\(stageValues))"],
             [stageValues.replacingOccurrences(of: "VALUES", with: "INSERT INTO message_stages(stage, charge_id, message_id) VALUES"),
              pgStages.head + stageValues + pgStages.tail]),
            then(same("INSERT INTO message_results VALUES (1, 1, 'delivered', 't1'), (2, 1, 'read', 't2')"),
                 sealAdded(.messageResults, "message_results.id > 0")),
            then(same("INSERT INTO stage_pauses VALUES (1, 'd1', 20425, 1, 'ann', NULL)"), sealAdded(.stagePauses, "id = 1")),
            sealAdded(.stagePauses, "id = 99"),  // no rows: nothing moves
        ]
    }

    @Test(.enabled(if: TestServer.available, "TAGIH_TEST_PG is unset"))
    func theSameChangesGiveTheSameSealTextAsSQLite() async throws { try await TestServer.onThread {
        let steps = Self.steps
        let sqlite = try AppDatabase.inMemory()
        let expected: [String] = try sqlite.writer.write { db in
            try steps.map { step in
                for sql in step.sqlite { try db.execute(sql: sql) }
                return try String.fetchOne(db, sql: "SELECT tagih_seal_take()") ?? "?"
            }
        }
        let got: [String] = try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            return try db.transaction { db in
                try steps.map { step in
                    for sql in step.pg { try db.execute(sql) }
                    return try db.query("SELECT tagih_seal_take()").first?.first?.text ?? "?"
                }
            }
        }
        for (i, pair) in zip(expected, got).enumerated() { #expect(pair.0 == pair.1, "step \(i + 1): \(steps[i].pg)") }
        // The test means something: every sealed table moved, and the no-ops moved nothing.
        let moved = Set(expected.flatMap { $0.split(separator: ";").map { String($0.prefix { $0 != "=" }) } })
        #expect(moved == Set(SealedColumns.all.map(\.table)))
        #expect(expected[2] == "" && expected[5] == "" && expected[8] == "" && expected.last == "")
        #expect(expected.filter(\.isEmpty).count == 4)
    } }

    /// The sums are `Seal`'s, modulo 2²⁵⁶, over a seeded random sequence of
    /// row hashes added and taken (and whole sums added), with the edges.
    @Test(.enabled(if: TestServer.available, "TAGIH_TEST_PG is unset"))
    func theSumsAreSealsModulo2To256() async throws { try await TestServer.onThread {
        var random = SplitMix64(seed: 21)
        let edges: [[UInt8]] = [[UInt8](repeating: 0xFF, count: 32), [UInt8](repeating: 0, count: 32), [0x80] + [UInt8](repeating: 0, count: 31),
                                [UInt8](repeating: 0, count: 31) + [1], [0x7F] + [UInt8](repeating: 0xFF, count: 31),
                                [UInt8](repeating: 0, count: 24) + [0x80] + [UInt8](repeating: 0, count: 7)]
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            for h in edges + (0..<40).map({ _ in random.bytes(32) }) {
                #expect(try db.query("SELECT tagih_seal_hex(tagih_seal_number($1))", [.bytes(h)]).first?.first == .text(PostgresSeals.hex(h)))
            }
            try db.transaction { db in
                var model: [String: Seal] = [:]
                var checked = 0
                for i in 1...600 {
                    let table = ["users", "plans", "messages"][random.below(3)]
                    let h = i <= edges.count ? edges[i - 1] : random.bytes(32)
                    switch random.below(4) {
                    case 0:
                        try db.execute("SELECT tagih_seal_add($1, $2)", [.text(table), .text(PostgresSeals.hex(h))])
                        model[table, default: .zero].add(Seal(bytes: h)!)
                    case 1:
                        try db.execute("SELECT tagih_seal_row($1, -1, $2)", [.text(table), .bytes(h)])
                        model[table, default: .zero].add(Seal(bytes: h)!, negate: true)
                    default:
                        try db.execute("SELECT tagih_seal_row($1, 1, $2)", [.text(table), .bytes(h)])
                        model[table, default: .zero].add(Seal(bytes: h)!)
                    }
                    if i % 37 == 0 || i == 600 {
                        let expected = model.filter { $0.value != .zero }.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.hex)" }
                            .joined(separator: ";")
                        #expect(try db.query("SELECT tagih_seal_take()").first?.first == .text(expected), "after \(i)")
                        model = [:]
                        checked += 1
                    }
                }
                #expect(checked == 17)
                // A sum that comes back to zero is left out, as on SQLite; unknown tables and bad hex are ignored as there.
                let h = random.bytes(32)
                try db.execute("SELECT tagih_seal_row('users', 1, $1), tagih_seal_row('users', -1, $1)", [.bytes(h)])
                try db.execute("SELECT tagih_seal_add('payroll', $1), tagih_seal_add('users', 'ABC')", [.text(PostgresSeals.hex(h))])
                #expect(try db.query("SELECT tagih_seal_take()").first?.first == .text(""))
            }
        }
    } }

    /// `tagih_row_<table>` hashes what `PostgresSeals.rowHash` (and SQLite's `tagih_row`) hashes.
    @Test(.enabled(if: TestServer.available, "TAGIH_TEST_PG is unset"))
    func rowHashesMatchSwifts() async throws { try await TestServer.onThread {
        var random = SplitMix64(seed: 7)
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            let texts = ["", "a", "Ñandú", "😀 x", "tab\tnew\nline", "\u{1F}sep", "'quote'", "\\back"]
            for _ in 0..<60 {
                let int: () -> PGValue = { [.null, .int(0), .int(-1), .int(Int64.min), .int(Int64.max), .int(Int64(random.below(100000)))][random.below(6)] }
                let text: () -> PGValue = { random.below(5) == 0 ? .null : .text(texts[random.below(texts.count)]) }
                let user: [PGValue] = [text(), text(), text(), int(), text(), int()]
                #expect(try db.query("SELECT tagih_row_users($1, $2, $3, $4, $5, $6)", user).first?.first
                        == .bytes(PostgresSeals.rowHash(table: "users", user)))
                // accounts: language and va_number count only when set.
                let account: [PGValue] = [int()] + (0..<7).map { _ in text() } + [text(), text(), text()]
                #expect(try db.query("SELECT tagih_row_accounts($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)", account).first?.first
                        == .bytes(PostgresSeals.rowHash(table: "accounts", account, alwaysHashed: 9)))
            }
        }
    } }

    @Test(.enabled(if: TestServer.available, "TAGIH_TEST_PG is unset"))
    func aWriteOutsideTagihsTransactionsIsRefused() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            try db.transaction { db in
                try db.execute("INSERT INTO users VALUES ('ann', 'Ann', 'admin', NULL, NULL, 1)")
                try db.execute("INSERT INTO accounts(id, account_no, name, timezone) VALUES (1, 'A-1', 'Siti', 'Asia/Jakarta')")
            }
            let refusals: [(String, String)] = [
                ("INSERT INTO users VALUES ('eve', 'Eve', 'admin', NULL, NULL, 1)", "users"),
                ("UPDATE users SET role = 'admin'", "users"),
                ("DELETE FROM users", "users"),
                ("TRUNCATE channels", "channels"),
                ("UPDATE accounts SET collector = 'ann'", "accounts"),
                ("INSERT INTO accounts(id, account_no, name, timezone) VALUES (2, 'A-2', 'Budi', 'Asia/Jakarta')", "accounts"),
                ("INSERT INTO stage_pauses VALUES (1, 'd1', 20425, 1, 'ann', NULL)", "stage_pauses"),
            ]
            for (sql, table) in refusals {
                for inTransaction in [false, true] {
                    do {
                        if inTransaction { _ = try db.transaction(writing: false) { db in try db.execute(sql) } } else { try db.execute(sql) }
                        Issue.record("\(sql) was allowed")
                    } catch let f as PostgresFailure {
                        #expect(f.problem == .server(sqlState: "P0001",
                                                     message: "\(table) is sealed: only Tagih writes it (tagih check reports a change made any other way)"))
                    }
                }
            }
            #expect(try db.query("SELECT count(*) FROM users").first?.first == .int(1))
            #expect(try db.query("SELECT role, collector FROM users, accounts") == [[.text("admin"), .null]])
            // A cached figure is not sealed: anyone may refresh it (as on SQLite).
            #expect(try db.execute("UPDATE accounts SET open_total = 7") == 1)
            // Tagih's transactions write.
            _ = try db.transaction { db in try db.execute("UPDATE accounts SET collector = 'ann'") }
            #expect(try db.query("SELECT collector FROM accounts") == [[.text("ann")]])
        }
    } }

    @Test(.enabled(if: TestServer.available, "TAGIH_TEST_PG is unset"))
    func aRollbackDropsThePendingSums() async throws { try await TestServer.onThread {
        struct Stop: Error {}
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            #expect(throws: Stop.self) {
                try db.transaction { db in
                    try db.execute("INSERT INTO users VALUES ('ann', 'Ann', 'admin', NULL, NULL, 1)")
                    #expect(try db.query("SELECT tagih_seal_add('rules', $1)", [.text(PostgresSeals.hex([UInt8](repeating: 1, count: 32)))]) == [[.null]])
                    throw Stop()
                }
            }
            let ann = PostgresSeals.rowHash(table: "users", [.text("ann"), .text("Ann"), .text("admin"), .null, .null, .int(1)])
            let bob = PostgresSeals.rowHash(table: "users", [.text("bob"), .text("Bob"), .text("lead"), .null, .null, .int(1)])
            let texts: [String] = try db.transaction { db in
                let afterRollback = try db.query("SELECT tagih_seal_take()").first?.first?.text ?? "?"
                try db.execute("INSERT INTO users VALUES ('ann', 'Ann', 'admin', NULL, NULL, 1)")
                try db.execute("SAVEPOINT s")
                try db.execute("INSERT INTO users VALUES ('bob', 'Bob', 'lead', NULL, NULL, 1)")
                let both = try db.query("SELECT current_setting('tagih.seal.users')").first?.first?.text ?? "?"
                try db.execute("ROLLBACK TO SAVEPOINT s")
                return [afterRollback, both, try db.query("SELECT tagih_seal_take()").first?.first?.text ?? "?"]
            }
            #expect(texts[0] == "")
            #expect(texts[1] != "" && texts[2] == "users=" + PostgresSeals.hex(ann), "bob's row went with its savepoint")
            #expect(PostgresSeals.hex(PostgresSeals.add(ann, bob)) != PostgresSeals.hex(ann))
            // Committed: the next transaction starts with nothing pending.
            #expect(try db.transaction { db in try db.query("SELECT tagih_seal_take()").first?.first } == .text(""))
            #expect(try db.query("SELECT login FROM users") == [[.text("ann")]])
        }
    } }

    /// The audit append's seal part on PostgreSQL: the seals it records are
    /// what the rows recompute to, and meta points at the row.
    @Test(.enabled(if: TestServer.available, "TAGIH_TEST_PG is unset"))
    func recordedSealsAreWhatTheRowsRecomputeTo() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            for (id, sql) in [(Int64(1), "INSERT INTO users VALUES ('ann', 'Ann', 'admin', NULL, NULL, 1), ('bob', 'Bob', 'lead', 100, NULL, 1)"),
                              (2, "UPDATE users SET name = 'Robert' WHERE login = 'bob'"), (3, "DELETE FROM users WHERE login = 'ann'"),
                              (4, "INSERT INTO rules VALUES (1, 'r', NULL, NULL, NULL)")] {
                try db.transaction { db in
                    try db.execute(sql)
                    let seals = try PostgresSeals.record(db, auditID: id)
                    #expect(seals.hasPrefix(id == 4 ? "rules=" : "users="))
                    try db.execute("INSERT INTO audit VALUES ($1, 't', 'd', 'a', 'a', 'x', 's', 'd', 'p', 'h', $2)", [.int(id), .text(seals)])
                }
            }
            for table in ["users", "rules", "contacts"] {
                #expect(try PostgresSeals.recompute(db, table: table) == PostgresSeals.newestRecorded(db, table: table), "\(table)")
            }
            #expect(try PostgresSeals.recompute(db, table: "contacts") == PostgresSeals.zero)
            #expect(try db.query("SELECT value FROM meta WHERE key = 'sealed_at.users'") == [[.text("3")]])
            // A row changed behind the writer's guard (triggers off, as an owner could) no longer recomputes to the seal.
            try db.execute("ALTER TABLE users DISABLE TRIGGER USER")
            try db.execute("UPDATE users SET name = 'Bob' WHERE login = 'bob'")
            #expect(try PostgresSeals.recompute(db, table: "users") != PostgresSeals.newestRecorded(db, table: "users"))
        }
    } }
}

extension SealTriggerTests {
    /// `check`'s part: a seal trigger dropped, disabled or pointed elsewhere,
    /// or a seal function rewritten, is found.
    @Test(.enabled(if: TestServer.available, "TAGIH_TEST_PG is unset"))
    func aTamperedSealTriggerOrFunctionIsFound() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            #expect(try PostgresSealTriggers.problems(db) == [])
            try db.execute("ALTER TABLE users DISABLE TRIGGER seal_users_update")
            try db.execute("DROP TRIGGER seal_contacts_insert ON contacts")
            try db.execute("""
                CREATE OR REPLACE FUNCTION tagih_seal_move(tbl text, delta numeric) RETURNS text LANGUAGE plpgsql AS $$
                BEGIN RETURN NULL; END $$
                """)
            try db.execute("CREATE TRIGGER seal_contacts_insert AFTER INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION tagih_case_days_open()")
            #expect(try PostgresSealTriggers.problems(db) == [
                "trigger seal_users_update is disabled",
                "trigger seal_contacts_insert differs from the schema (it calls tagih_case_days_open)",
                "function tagih_seal_move differs from the schema (its definition was changed)",
            ])
            try db.execute("DROP TRIGGER seal_channels_writer ON channels")
            #expect(try PostgresSealTriggers.problems(db).contains("trigger seal_channels_writer is missing"))
        }
    } }
}

/// Draws for the seeded tests (TagihCore's SplitMix64: the same sequence on every run).
extension SplitMix64 {
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: next()) } }
}
