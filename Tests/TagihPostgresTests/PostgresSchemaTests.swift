import Foundation
import Testing
import TagihCore
import TagihConfig
@testable import TagihPostgres

/// Tagih's schema on PostgreSQL: it creates in an empty database, re-running
/// it is a no-op, and it guards the ledger as the SQLite schema does.
@Suite(.serialized, .enabled(if: TestServer.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
struct PostgresSchemaTests {
    /// These tests write their rows outside any transaction: the session is
    /// made a writer of the sealed tables, as Tagih's transactions are.
    static func writeAsTagih(_ db: PGConnection) throws {
        try db.execute("SET tagih.writer = 'on'")
    }

    @Test func createsInAnEmptyDatabaseThenIsANoOp() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            #expect(try PostgresSchema.install(db) == .created)
            #expect(try PostgresSchema.isCurrent(db))
            let tables = Set(try PostgresSchema.existingTables(db))
            #expect(tables == PostgresSchema.tableNames)
            let objects = try db.query("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema()").first?.first
            #expect(try PostgresSchema.install(db) == .upToDate)
            #expect(Set(try PostgresSchema.existingTables(db)) == tables)
            #expect(try db.query("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema()").first?.first == objects)
            #expect(try db.query("SELECT count(*) FROM tagih_schema").first?.first == .int(Int64(PostgresSchema.migrations.count)))
        }
    } }

    /// A database made before `accounts_queue` carried the account id
    /// (INCLUDE) gets the new index from `init`, which upgrades; the queue
    /// is then read from the index alone.
    @Test func olderIndexesAreMadeAgainByInstall() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            #expect(try PostgresSchema.install(db) == .created)
            func definition(_ name: String) throws -> String {
                try db.query("SELECT indexdef FROM pg_indexes WHERE indexname = $1", [.text(name)]).first?.first?.text ?? ""
            }
            #expect(try definition("accounts_queue").contains("INCLUDE (id)"))
            #expect(try definition("charges_account").hasSuffix("(account_id, id, issue_date)"))
            #expect(try definition("credits_account").hasSuffix("(account_id, id, date)"))
            // The forms an earlier Tagih made.
            try db.execute("DROP INDEX accounts_queue")
            try db.execute("""
                CREATE INDEX accounts_queue ON accounts(collector, oldest_due, open_total, unapplied, segment, timezone, next_action_day, next_action_at)
                WHERE open_total > 0
                """)
            try db.execute("DROP INDEX charges_account")
            try db.execute("CREATE INDEX charges_account ON charges(account_id)")
            try db.execute("DROP INDEX credits_account")
            try db.execute("CREATE INDEX credits_account ON credits(account_id)")
            #expect(try !definition("accounts_queue").contains("INCLUDE"))
            #expect(try definition("charges_account").hasSuffix("(account_id)"))
            #expect(try PostgresSchema.install(db) == .upToDate)
            #expect(try definition("accounts_queue").contains("INCLUDE (id)"))
            #expect(try definition("accounts_queue").hasSuffix("WHERE (open_total > 0)"))
            #expect(try definition("charges_account").hasSuffix("(account_id, id, issue_date)"))
            #expect(try definition("credits_account").hasSuffix("(account_id, id, date)"))
            // Up to date: made once, then left alone.
            let oid = try db.query("SELECT 'charges_account'::regclass::oid::bigint").first?.first
            #expect(try PostgresSchema.install(db) == .upToDate)
            #expect(try db.query("SELECT 'charges_account'::regclass::oid::bigint").first?.first == oid)
        }
    } }

    @Test func refusesADatabaseHoldingOtherTables() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try db.execute("CREATE TABLE payroll (id bigint)")
            #expect(throws: PostgresSchema.Refusal.notEmpty(tables: ["payroll"])) { try PostgresSchema.install(db) }
            #expect(try PostgresSchema.existingTables(db) == ["payroll"])
            #expect(try !PostgresSchema.isCurrent(db))
        }
    } }

    @Test func refusesASchemaFromANewerTagih() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            try db.execute("INSERT INTO tagih_schema(identifier) VALUES ('v99-future')")
            #expect(throws: PostgresSchema.Refusal.newer(unknown: ["v99-future"])) { try PostgresSchema.install(db) }
            #expect(try !PostgresSchema.isCurrent(db))
        }
    } }

    /// The same columns, in the same order, as the SQLite ledger's (Schema.swift through v15-channels).
    @Test func columnsMatchTheSQLiteLedger() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            let rows = try db.query("""
                SELECT table_name::text, string_agg(column_name::text, ',' ORDER BY ordinal_position)
                FROM information_schema.columns WHERE table_schema = current_schema() GROUP BY table_name
                """)
            let columns = Dictionary(uniqueKeysWithValues: rows.map { ($0[0].text!, $0[1].text!) })
            #expect(columns["accounts"] == "id,account_no,name,phone,email,address,timezone,segment,collector,open_total,unapplied,oldest_due,credit_count,next_action_day,next_action_at,language,va_number")
            #expect(columns["contacts"] == "id,account_id,made_by,real_user,at,day,debtor_day,debtor_time,channel,outcome,attempt,contact,right_party,promise,reason,note,promise_amount,promise_due,next_action,next_action_at,override_reason,phone_number")
            #expect(columns["audit"] == "id,at,business_day,actor,real_user,action,subject,detail,prev_hash,hash,seals")
            #expect(columns["plans"] == "id,account_id,proposed_by,start_day,balance,discount_bp,discount,total,down_payment,instalments,frequency,first_due,note,beyond,status,status_day,credit_mark")
            #expect(columns["channels"] == "id,name,secret,previous_secret,grace_until,created_at,created_by,rotated_at,rotated_by")
            #expect(columns["nightly_runs"]?.hasSuffix(",summary,files_detail") == true)
        }
    } }

    @Test func theLedgerTablesRefuseDeletesAndUpdatesWithTheSQLiteSentences() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            try Self.writeAsTagih(db)
            try db.execute("INSERT INTO users VALUES ('ann', 'Ann', 'admin', NULL, NULL, 1)")
            try db.execute("INSERT INTO import_batches VALUES (1, 'charges', 'f.csv', 'h', 1, 1, 0, 0, 'e', 'ann', 't', 20000)")
            try db.execute("INSERT INTO accounts(id, account_no, name, timezone) VALUES (1, 'A-1', 'Siti', 'Asia/Jakarta')")
            try db.execute("INSERT INTO charges VALUES (1, 1, 'invoice', 'INV-1', 20000, 20030, 500000, NULL, 1, 500000)")
            // The cache column may change; nothing else may.
            #expect(try db.execute("UPDATE charges SET open_amount = 0 WHERE id = 1") == 1)
            for sql in ["UPDATE charges SET amount = 1 WHERE id = 1", "DELETE FROM charges", "TRUNCATE charges CASCADE"] {
                do throws(PostgresFailure) {
                    try db.execute(sql)
                    Issue.record("\(sql) was allowed")
                } catch {
                    #expect(error.problem == .server(sqlState: "P0001", message: "charges are append-only: post a correcting entry instead"))
                }
            }
            #expect(try db.query("SELECT amount, open_amount FROM charges") == [[.int(500000), .int(0)]])
        }
    } }

    @Test func caseDaysAreKeptByTriggers() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            try Self.writeAsTagih(db)
            try db.execute("INSERT INTO users VALUES ('ann', 'Ann', 'admin', NULL, NULL, 1), ('bob', 'Bob', 'collector', NULL, NULL, 1)")
            try db.execute("INSERT INTO accounts(id, account_no, name, timezone, collector) VALUES (1, 'A-1', 'Siti', 'Asia/Jakarta', 'bob')")
            try db.execute("INSERT INTO cases VALUES (1, 1, 'A-1', 'dispute', 'phone', 's', '', NULL, 20000, 'ann')")
            #expect(try db.query("SELECT opened, extended_on, settled_on, collector FROM case_days") == [[.int(20000), .null, .null, .text("bob")]])
            try db.execute("INSERT INTO case_events(id, case_id, kind, day, by_user) VALUES (1, 1, 'extend', 20010, 'ann'), (2, 1, 'extend', 20005, 'ann')")
            try db.execute("INSERT INTO case_events(id, case_id, kind, day, by_user, needs_approval) VALUES (3, 1, 'resolve', 20020, 'ann', 1)")
            #expect(try db.query("SELECT extended_on, settled_on FROM case_days") == [[.int(20005), .null]])
            try db.execute("INSERT INTO case_events(id, case_id, kind, day, by_user) VALUES (4, 1, 'approve', 20021, 'ann')")
            try db.execute("UPDATE accounts SET collector = NULL WHERE id = 1")
            #expect(try db.query("SELECT extended_on, settled_on, collector FROM case_days") == [[.int(20005), .int(20021), .null]])
        }
    } }

    @Test func nameSearchFindsWordsByPrefixWithoutCaseOrAccents() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            try Self.writeAsTagih(db)
            try db.execute("INSERT INTO accounts(id, account_no, name, timezone) VALUES (1, 'A-1', 'José Santoso', 'Asia/Jakarta'), (2, 'A-2', 'Budi', 'Asia/Jakarta')")
            #expect(try PostgresNameSearchTests.search(db, ["JOSE"]) == [1])
            #expect(try PostgresNameSearchTests.search(db, ["bud"]) == [2])
        }
    } }
}
