import Foundation
import Testing
@testable import TagihPostgres

/// The name search's table (`PostgresNameSearch`): it holds every account's
/// name and nothing else whatever writes the accounts (an insert, a `COPY`,
/// a rename, a delete), an account's figures moving leave it untouched,
/// `check` finds it out of step, and `init` makes it in a database an
/// earlier Tagih made with the expression index on `accounts`.
@Suite(.serialized, .enabled(if: TestServer.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
struct PostgresNameSearchTests {
    /// The ids the search finds for `words` (each a prefix), as the workstation asks.
    static func search(_ db: PGConnection, _ words: [String]) throws -> [Int64] {
        let (sql, order, argument) = PostgresDialect().nameWords(words)!
        return try db.query(PostgresDialect.placeholders(sql + (order.map { " ORDER BY \($0)" } ?? "")), [.text(argument)])
            .compactMap { $0.first?.int }
    }

    static func names(_ db: PGConnection) throws -> [[PGValue]] {
        try db.query("SELECT id, name FROM account_names ORDER BY id")
    }

    /// The row's version (`xmin`): a row written again has another.
    static func version(_ db: PGConnection, _ id: Int64) throws -> String? {
        try db.query("SELECT xmin::text FROM account_names WHERE id = $1", [.int(id)]).first?.first?.text
    }

    @Test func theNamesFollowTheAccountsAndTheirFiguresLeaveThemAlone() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            #expect(try PostgresSchema.install(db) == .created)
            try db.execute("SET tagih.writer = 'on'")
            try db.execute("""
                INSERT INTO accounts(id, account_no, name, timezone) VALUES (1, 'A-1', 'José Santoso', 'Asia/Jakarta'),
                    (2, 'A-2', 'Budi Hartono', 'Asia/Jakarta')
                """)
            try db.copy(into: "accounts", columns: ["id", "account_no", "name", "timezone"],
                        rows: [[.int(3), .text("A-3"), .text("Siti Ãminah"), .text("Asia/Makassar")]])
            #expect(try Self.names(db) == [[.int(1), .text("José Santoso")], [.int(2), .text("Budi Hartono")], [.int(3), .text("Siti Ãminah")]])
            #expect(try Self.search(db, ["JOSE"]) == [1])
            #expect(try Self.search(db, ["ami"]) == [3])
            #expect(try Self.search(db, ["s"]) == [1, 3])
            #expect(try Self.search(db, ["s", "sa"]) == [1])

            // Figures, the collector, an import's update of every column with the same name: no new words.
            let before = try Self.version(db, 2)
            try db.execute("UPDATE accounts SET open_total = 500000, oldest_due = 20000, unapplied = 0 WHERE id = 2")
            try db.execute("UPDATE accounts SET name = 'Budi Hartono', phone = '0812', segment = 'retail' WHERE id = 2")
            #expect(try Self.version(db, 2) == before)

            // A rename: found by the new words only.
            try db.execute("UPDATE accounts SET name = 'Budi Santoso' WHERE id = 2")
            #expect(try Self.version(db, 2) != before)
            #expect(try Self.search(db, ["harto"]) == [])
            #expect(try Self.search(db, ["santoso"]) == [1, 2])

            // A delete (an account no row names) takes its name with it.
            try db.execute("DELETE FROM accounts WHERE id = 3")
            #expect(try Self.names(db) == [[.int(1), .text("José Santoso")], [.int(2), .text("Budi Santoso")]])
            #expect(try PostgresNameSearch.problems(db) == [])
        }
    } }

    @Test func checkFindsTheTableOutOfStepAndItsTriggersOff() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            try db.execute("SET tagih.writer = 'on'")
            try db.execute("""
                INSERT INTO accounts(id, account_no, name, timezone) VALUES (1, 'A-1', 'Siti', 'Asia/Jakarta'),
                    (2, 'A-2', 'Budi', 'Asia/Jakarta'), (3, 'A-3', 'Ani', 'Asia/Jakarta')
                """)
            try db.execute("ALTER TABLE accounts DISABLE TRIGGER accounts_names_changed")
            try db.execute("UPDATE accounts SET name = 'Siti Rahayu' WHERE id = 1")
            try db.execute("DELETE FROM account_names WHERE id = 2")
            try db.execute("INSERT INTO account_names VALUES (9, 'Nobody')")
            #expect(try PostgresNameSearch.problems(db) == [
                "trigger accounts_names_changed is disabled",
                "1 accounts are missing from the name search (account_names)",
                "1 rows of the name search (account_names) name an account that is not there",
                "1 accounts have another name in the name search (account_names) than their own",
            ])
            // `init` puts the trigger back on (the rows stay for a person to look at: check says which).
            #expect(try PostgresSchema.install(db) == .upToDate)
            #expect(try PostgresNameSearch.problems(db).count == 3)
            try db.execute("UPDATE accounts SET name = 'Siti' WHERE id = 1")
            try db.execute("UPDATE accounts SET name = 'Siti Rahayu' WHERE id = 1")
            #expect(try Self.search(db, ["rahayu"]) == [1])
        }
    } }

    /// A database an earlier Tagih made: the words were an expression index
    /// on `accounts`. `init` makes the table from the accounts it holds,
    /// drops the old index, and leaves a current database alone.
    @Test func initMovesAnEarlierDatabasesIndexIntoTheTable() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            _ = try PostgresSchema.install(db)
            for t in PostgresNameSearch.triggers { try db.execute("DROP TRIGGER \(t.name) ON \(t.table)") }
            try db.execute("DROP TABLE account_names")
            try db.execute("CREATE INDEX accounts_name_words ON accounts USING gin (to_tsvector('simple'::regconfig, tagih_fold(name)))")
            try db.execute("SET tagih.writer = 'on'")
            try db.execute("INSERT INTO accounts(id, account_no, name, timezone) VALUES (1, 'A-1', 'Siti', 'Asia/Jakarta'), (2, 'A-2', 'Budi', 'Asia/Jakarta')")
            #expect(try !PostgresSchema.isCurrent(db))

            #expect(try PostgresSchema.install(db) == .upToDate)
            #expect(try PostgresSchema.isCurrent(db))
            #expect(try Self.names(db) == [[.int(1), .text("Siti")], [.int(2), .text("Budi")]])
            #expect(try db.query("SELECT to_regclass('accounts_name_words') IS NULL").first?.first == .bool(true))
            #expect(try PostgresNameSearch.problems(db) == [])
            try db.execute("INSERT INTO accounts(id, account_no, name, timezone) VALUES (3, 'A-3', 'Bunga', 'Asia/Jakarta')")
            #expect(try Self.search(db, ["bu"]) == [2, 3])

            // Current: neither the table nor its triggers are made again.
            let table = try db.query("SELECT 'account_names'::regclass::oid::bigint").first?.first
            let trigger = try db.query("SELECT oid::bigint FROM pg_trigger WHERE tgname = 'accounts_names_added'").first?.first
            #expect(try PostgresSchema.install(db) == .upToDate)
            #expect(try db.query("SELECT 'account_names'::regclass::oid::bigint").first?.first == table)
            #expect(try db.query("SELECT oid::bigint FROM pg_trigger WHERE tgname = 'accounts_names_added'").first?.first == trigger)
        }
    } }
}
