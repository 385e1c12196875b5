import Foundation
import Testing
@testable import TagihPostgres

/// The references of charges, credits, the phone keys and the accounts'
/// collectors (a user's login, a text key), checked a
/// statement at a time by triggers (`PostgresReferences`), hold as declared
/// foreign keys would: a row naming a missing parent is refused, so is
/// taking away a parent a row names, `check` finds what got past a disabled
/// trigger, and `init` turns an earlier database's declared keys into them.
@Suite(.serialized, .enabled(if: TestServer.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
struct PostgresReferencesTests {
    /// A ledger with one account (1), one batch (1) and one charge (1).
    static func ledger(_ db: PGConnection) throws {
        #expect(try PostgresSchema.install(db) == .created)
        try db.execute("SET tagih.writer = 'on'")
        try db.execute("INSERT INTO users VALUES ('ann', 'Ann', 'admin', NULL, NULL, 1)")
        try db.execute("INSERT INTO import_batches VALUES (1, 'charges', 'f.csv', 'h', 1, 1, 0, 0, 'e', 'ann', 't', 20000)")
        try db.execute("INSERT INTO accounts(id, account_no, name, timezone) VALUES (1, 'A-1', 'Siti', 'Asia/Jakarta')")
        try db.execute("INSERT INTO charges VALUES (1, 1, 'invoice', 'INV-1', 20000, 20030, 500000, NULL, 1, 500000)")
    }

    /// Runs `sql`, which must fail as a foreign key would (23503), its
    /// message naming `naming`; nothing of it is left.
    static func refused(_ db: PGConnection, _ sql: String, naming: String, sourceLocation: SourceLocation = #_sourceLocation) {
        do throws(PostgresFailure) {
            try db.execute(sql)
            Issue.record("\(sql) was allowed", sourceLocation: sourceLocation)
        } catch {
            guard case .server(let state, let message) = error.problem else {
                Issue.record("\(sql): \(error)", sourceLocation: sourceLocation)
                return
            }
            #expect(state == "23503", "\(message)", sourceLocation: sourceLocation)
            #expect(message.contains(naming), "\(message)", sourceLocation: sourceLocation)
        }
    }

    @Test func aRowNamingAMissingParentIsRefusedWithItsStatement() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try Self.ledger(db)
            // One bad row among good ones refuses the whole statement.
            Self.refused(db, """
                INSERT INTO credits VALUES (1, 1, 'payment', 'BCA', 'P-1', 20001, 100, 1, NULL, 1),
                                           (2, 9, 'payment', 'BCA', 'P-2', 20001, 100, NULL, NULL, 1)
                """, naming: "credits.account_id")
            Self.refused(db, "INSERT INTO credits VALUES (3, 1, 'payment', 'BCA', 'P-3', 20001, 100, 7, NULL, 1)", naming: "credits.charge_id")
            Self.refused(db, "INSERT INTO credits VALUES (4, 1, 'payment', 'BCA', 'P-4', 20001, 100, NULL, NULL, 5)", naming: "credits.batch_id")
            Self.refused(db, "INSERT INTO charges VALUES (2, 8, 'invoice', 'INV-2', 20000, 20030, 100, NULL, 1, 100)", naming: "charges.account_id")
            Self.refused(db, "INSERT INTO charges VALUES (3, 1, 'invoice', 'INV-3', 20000, 20030, 100, NULL, 6, 100)", naming: "charges.batch_id")
            Self.refused(db, "INSERT INTO account_phones VALUES ('812', 1), ('813', 4)", naming: "account_phones.account_id")
            #expect(try db.query("SELECT count(*) FROM credits").first?.first == .int(0))
            #expect(try db.query("SELECT count(*) FROM account_phones").first?.first == .int(0))
            // A COPY is a statement too.
            do throws(PostgresFailure) {
                try db.copy(into: "account_phones", columns: ["phone_key", "account_id"], rows: [[.text("812"), .int(1)], [.text("813"), .int(4)]])
                Issue.record("a COPY naming a missing account was allowed")
            } catch {
                guard case .server(let state, _) = error.problem else { Issue.record("\(error)"); return }
                #expect(state == "23503")
            }
            #expect(try db.query("SELECT count(*) FROM account_phones").first?.first == .int(0))
            // Rows naming parents that are there go in, an unset charge too.
            try db.execute("""
                INSERT INTO credits VALUES (1, 1, 'payment', 'BCA', 'P-1', 20001, 100, 1, NULL, 1),
                                           (2, 1, 'payment', 'BCA', 'P-2', 20001, 100, NULL, NULL, 1)
                """)
            try db.execute("INSERT INTO account_phones VALUES ('812', 1)")
            // An update setting a reference column is checked a row at a time.
            Self.refused(db, "UPDATE account_phones SET account_id = 3", naming: "account_phones.account_id")
            #expect(try db.execute("UPDATE account_phones SET phone_key = '8120'") == 1)

            // An account's collector is a user's login.
            Self.refused(db, """
                INSERT INTO accounts(id, account_no, name, timezone, collector) VALUES
                    (7, 'A-7', 'Budi', 'Asia/Jakarta', 'ann'), (8, 'A-8', 'Wati', 'Asia/Jakarta', 'bob')
                """, naming: "accounts.collector")
            #expect(try db.query("SELECT count(*) FROM accounts").first?.first == .int(1))
            try db.execute("""
                INSERT INTO accounts(id, account_no, name, timezone, collector) VALUES
                    (7, 'A-7', 'Budi', 'Asia/Jakarta', 'ann'), (8, 'A-8', 'Wati', 'Asia/Jakarta', NULL)
                """)
            Self.refused(db, "UPDATE accounts SET collector = 'bob' WHERE id = 8", naming: "accounts.collector")
            // Set to what it was, or to a user who is there: no check refuses it.
            #expect(try db.execute("UPDATE accounts SET collector = collector, name = name") == 3)
            #expect(try db.execute("UPDATE accounts SET collector = 'ann' WHERE id = 8") == 1)
            do throws(PostgresFailure) {
                try db.copy(into: "accounts", columns: ["id", "account_no", "name", "timezone", "collector"],
                            rows: [[.int(9), .text("A-9"), .text("Joko"), .text("Asia/Jakarta"), .text("cem")]])
                Issue.record("a COPY naming a missing collector was allowed")
            } catch {
                guard case .server(let state, _) = error.problem else { Issue.record("\(error)"); return }
                #expect(state == "23503")
            }
            #expect(try db.query("SELECT count(*) FROM accounts WHERE id = 9").first?.first == .int(0))
        }
    } }

    @Test func aParentARowNamesCannotBeTakenAway() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try Self.ledger(db)
            try db.execute("INSERT INTO accounts(id, account_no, name, timezone) VALUES (2, 'A-2', 'Budi', 'Asia/Jakarta')")
            try db.execute("INSERT INTO import_batches VALUES (2, 'payments', 'p.csv', 'h2', 1, 1, 0, 0, 'e', 'ann', 't', 20000)")
            Self.refused(db, "DELETE FROM accounts WHERE id = 1", naming: "charges.account_id")
            Self.refused(db, "UPDATE accounts SET id = 5 WHERE id = 1", naming: "charges.account_id")
            Self.refused(db, "DELETE FROM import_batches WHERE id = 1", naming: "charges.batch_id")
            try db.execute("INSERT INTO account_phones VALUES ('812', 2)")
            Self.refused(db, "DELETE FROM accounts WHERE id = 2", naming: "account_phones.account_id")
            try db.execute("DELETE FROM account_phones")
            // A user an account names as its collector stays, login and all.
            try db.execute("INSERT INTO users VALUES ('kol', 'Kol', 'collector', NULL, NULL, 1), ('dia', 'Dia', 'collector', NULL, NULL, 1)")
            try db.execute("UPDATE accounts SET collector = 'kol' WHERE id = 2")
            Self.refused(db, "DELETE FROM users WHERE login = 'kol'", naming: "accounts.collector")
            Self.refused(db, "UPDATE users SET login = 'kol2' WHERE login = 'kol'", naming: "accounts.collector")
            #expect(try db.execute("UPDATE users SET login = 'dia2' WHERE login = 'dia'") == 1)
            #expect(try db.execute("DELETE FROM users WHERE login = 'dia2'") == 1)
            try db.execute("UPDATE accounts SET collector = NULL WHERE id = 2")
            // Named by nothing: free to go (an empty batch, as `serve` drops one).
            #expect(try db.execute("DELETE FROM import_batches WHERE id = 2") == 1)
            #expect(try db.execute("UPDATE accounts SET name = 'Siti A' WHERE id = 1") == 1)
            #expect(try db.execute("DELETE FROM accounts WHERE id = 2") == 1)
            #expect(try PostgresReferences.problems(db).isEmpty)
        }
    } }

    /// What a declared key's row lock adds: a parent deleted while another
    /// transaction adds a row naming it. Tagih writes in SERIALIZABLE
    /// transactions, where each side read what the other wrote (the check's
    /// probe of the account, the delete's look for its rows): one of them
    /// fails as a serialization failure (40001), retried whole by Tagih,
    /// and no row is left naming a missing account. (In READ COMMITTED
    /// both would commit: checked.)
    @Test func aParentDeletedWhileAnotherTransactionNamesItIsASerializationFailure() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let a = try PGConnection(target, login: TestServer.login), b = try PGConnection(target, login: TestServer.login)
            defer { a.close(); b.close() }
            try Self.ledger(a)
            try a.execute("INSERT INTO accounts(id, account_no, name, timezone) VALUES (2, 'A-2', 'Budi', 'Asia/Jakarta')")
            for db in [a, b] {
                try db.execute("BEGIN ISOLATION LEVEL SERIALIZABLE")
                try db.execute("SET LOCAL tagih.writer = 'on'")
            }
            var failures: [String] = []
            func run(_ db: PGConnection, _ sql: String) {
                do throws(PostgresFailure) { try db.execute(sql) } catch {
                    if case .server(let state, _) = error.problem { failures.append(state) } else { failures.append("\(error)") }
                    _ = try? db.execute("ROLLBACK")
                }
            }
            run(a, "INSERT INTO credits VALUES (1, 2, 'payment', 'BCA', 'P-1', 20001, 100, NULL, NULL, 1)")
            run(b, "DELETE FROM accounts WHERE id = 2")  // sees no credit of account 2: a has not committed
            run(a, "COMMIT")
            if failures.isEmpty { run(b, "COMMIT") } else { _ = try? b.execute("ROLLBACK") }
            #expect(failures == ["40001"])
            let left = try a.query("SELECT (SELECT count(*) FROM accounts WHERE id = 2), (SELECT count(*) FROM credits)").first
            #expect(left == [.int(1), .int(1)])
            #expect(try PostgresReferences.problems(a) == [])
        }
    } }

    /// A row that got past a disabled trigger is found by `check`, and so is the trigger.
    @Test func checkFindsADisabledTriggerAndTheRowsItLetIn() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try Self.ledger(db)
            #expect(try PostgresReferences.problems(db) == [])
            try db.execute("ALTER TABLE credits DISABLE TRIGGER credits_refs_insert")
            try db.execute("INSERT INTO credits VALUES (1, 42, 'payment', 'BCA', 'P-1', 20001, 100, NULL, NULL, 1)")
            #expect(try PostgresReferences.problems(db) == [
                "trigger credits_refs_insert is disabled",
                "1 rows of credits name a row of accounts that is not there (account_id)",
            ])
        }
    } }

    /// A database an earlier Tagih made declared these as foreign keys:
    /// `init` (`install`, up to date) drops them and makes the triggers;
    /// until then `check` says to run it.
    @Test func initTurnsDeclaredKeysIntoTheTriggers() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try Self.ledger(db)
            func declared() throws -> [String] {
                try db.query("""
                    SELECT conname::text FROM pg_constraint WHERE contype = 'f'
                    AND conrelid::regclass::text IN ('charges', 'credits', 'account_phones', 'accounts') ORDER BY 1
                    """).compactMap { $0.first?.text }
            }
            #expect(try declared() == [])
            // The schema as an earlier Tagih made it.
            for t in PostgresReferences.triggers { try db.execute("DROP TRIGGER \(t.name) ON \(t.table)") }
            try db.execute("ALTER TABLE charges ADD FOREIGN KEY (account_id) REFERENCES accounts(id) DEFERRABLE")
            try db.execute("ALTER TABLE credits ADD FOREIGN KEY (charge_id) REFERENCES charges(id) DEFERRABLE")
            try db.execute("ALTER TABLE account_phones ADD FOREIGN KEY (account_id) REFERENCES accounts(id) DEFERRABLE")
            try db.execute("ALTER TABLE accounts ADD FOREIGN KEY (collector) REFERENCES users(login) DEFERRABLE")
            #expect(try declared() == ["account_phones_account_id_fkey", "accounts_collector_fkey", "charges_account_id_fkey",
                                       "credits_charge_id_fkey"])
            #expect(try PostgresReferences.problems(db).contains("trigger credits_refs_insert is missing (run `tagih init` to upgrade)"))
            #expect(try PostgresSchema.install(db) == .upToDate)
            #expect(try declared() == [])
            #expect(try PostgresReferences.problems(db) == [])
            Self.refused(db, "INSERT INTO credits VALUES (1, 1, 'payment', 'BCA', 'P-1', 20001, 100, 9, NULL, 1)", naming: "credits.charge_id")
            Self.refused(db, "UPDATE accounts SET collector = 'nobody'", naming: "accounts.collector")

            // The last Tagih's schema: the triggers of the entry tables, the
            // parents' with their arguments then (no key named), and the
            // collector's declared key: `init` makes every trigger again.
            try db.execute("DROP TRIGGER accounts_referenced ON accounts")
            try db.execute("""
                CREATE TRIGGER accounts_referenced BEFORE DELETE OR UPDATE OF id ON accounts
                FOR EACH ROW EXECUTE FUNCTION tagih_referenced('charges', 'account_id', 'credits', 'account_id', 'account_phones', 'account_id')
                """)
            for t in ["accounts_refs_insert", "accounts_refs_update", "users_referenced"] {
                try db.execute("DROP TRIGGER \(t) ON \(t.hasPrefix("users") ? "users" : "accounts")")
            }
            try db.execute("ALTER TABLE accounts ADD FOREIGN KEY (collector) REFERENCES users(login) DEFERRABLE")
            #expect(try PostgresSchema.install(db) == .upToDate)
            #expect(try declared() == [])
            #expect(try PostgresReferences.problems(db) == [])
            Self.refused(db, "DELETE FROM accounts WHERE id = 1", naming: "charges.account_id")
            Self.refused(db, "UPDATE accounts SET collector = 'nobody'", naming: "accounts.collector")
            // Again: the same triggers, once each, not made again (no lock
            // on the tables for an `init` of a current database).
            func made() throws -> [[PGValue]] {
                try db.query("SELECT tgname::text, oid::bigint FROM pg_trigger WHERE tgname LIKE '%refs%' OR tgname LIKE '%referenced' ORDER BY 1")
            }
            let before = try made()
            #expect(before.count == PostgresReferences.triggers.count)
            #expect(try PostgresSchema.install(db) == .upToDate)
            #expect(try made() == before)
            // A trigger someone disabled is made again by `init`.
            try db.execute("ALTER TABLE charges DISABLE TRIGGER charges_refs_insert")
            #expect(try PostgresReferences.problems(db) == ["trigger charges_refs_insert is disabled"])
            #expect(try PostgresSchema.install(db) == .upToDate)
            #expect(try PostgresReferences.problems(db) == [])
        }
    } }
}
