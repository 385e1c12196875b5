import Foundation
import Testing
import TagihCore
import TagihConfig
import TagihStore
@testable import TagihPostgres

/// The synchronous client against the private server (scripts/pg).
@Suite(.serialized, .enabled(if: TestServer.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
struct PostgresClientTests {
    @Test func queriesWithBindsReadTheValuesBack() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, day integer, name text, hash bytea, flag boolean)")
            let n = try db.execute("INSERT INTO t VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10)", [
                .int(Int64.max), .int(20_000), .text("Siti Nur'aini \t \u{1F600}"), .bytes([0, 1, 254, 255]), .bool(true),
                .int(-5), .null, .null, .null, .bool(false),
            ])
            #expect(n == 2)
            let rows = try db.query("SELECT id, day, name, hash, flag FROM t ORDER BY id")
            #expect(rows == [
                [.int(-5), .null, .null, .null, .bool(false)],
                [.int(Int64.max), .int(20_000), .text("Siti Nur'aini \t \u{1F600}"), .bytes([0, 1, 254, 255]), .bool(true)],
            ])
            #expect(try db.execute("UPDATE t SET day = 1 WHERE id < $1", [.int(0)]) == 1)
        }
    } }

    /// `sendLater` (an import's chunk of inserts, written while the next
    /// chunk is posted): the next statement waited for sees its rows; when
    /// it failed, that wait throws its failure (not "current transaction is
    /// aborted"), and a COMMIT — which in an aborted transaction answers
    /// ROLLBACK without an error — throws it too, so nothing is committed
    /// as if it had been written.
    @Test func aStatementSentLaterIsWaitedForByTheNext() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try db.execute("CREATE TABLE t (id bigint PRIMARY KEY)")
            try db.execute("BEGIN")
            db.sendLater("INSERT INTO t VALUES ($1)", [.int(1)])
            db.sendLater("INSERT INTO t SELECT g FROM generate_series(2, 5) AS g")
            #expect(try db.query("SELECT count(*), max(id) FROM t") == [[.int(5), .int(5)]])
            try db.execute("COMMIT")

            try db.execute("BEGIN")
            db.sendLater("INSERT INTO t VALUES (6)")
            db.sendLater("INSERT INTO t VALUES (3)")
            db.sendLater("INSERT INTO t VALUES (7)")
            #expect { try db.query("SELECT 1") } throws: { ($0 as? PostgresFailure)?.sqlState == "23505" }
            try db.execute("ROLLBACK")

            try db.execute("BEGIN")
            db.sendLater("INSERT INTO t VALUES (8)")
            db.sendLater("INSERT INTO t VALUES (2)")
            #expect { try db.execute("COMMIT") } throws: { ($0 as? PostgresFailure)?.sqlState == "23505" }
            #expect(try db.query("SELECT count(*), max(id) FROM t") == [[.int(5), .int(5)]])
        }
    } }

    /// `bulk` (one row of arrays on a server) gives exactly the rows a
    /// cursor gives, in order: integers of each width at their extremes,
    /// NULLs in every column, text of several scripts and none, booleans,
    /// placeholders; and no rows at all when nothing matches.
    @Test func bulkReadsTheRowsACursorReads() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, day integer, small smallint, name text, note varchar, flag boolean)")
            var rng = SplitMix64(seed: 21)
            let texts = ["", "Siti Nur'aini", "Jl. Merdeka \u{1F600}", "東京", "a\tb"]
            for i in 0..<600 {
                let id: Int64 = i == 0 ? Int64.min : i == 1 ? Int64.max : Int64(i) * 7 - 2_000
                func maybe(_ v: PGValue) -> PGValue { rng.next() % 5 == 0 ? .null : v }
                try db.execute("INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6)", [
                    .int(id), maybe(.int(i % 3 == 0 ? Int64(Int32.min) : Int64(Int32.max) - Int64(i))),
                    maybe(.int(Int64(i % 2 == 0 ? Int16.min : Int16.max))), maybe(.text(texts[i % texts.count])),
                    maybe(.text(texts[(i + 2) % texts.count])), maybe(.bool(i % 2 == 0)),
                ])
            }
            let query = "SELECT id, day, small, name, note, flag FROM t WHERE id > ?1 ORDER BY name, id DESC"
            // (A cursor lives in a transaction, as the store's reads all do.)
            for from in [Int64.min, 0, Int64.max] { try db.transaction { db in
                let sql = PostgresSQL(db)
                let a = try sql.cursor(query, [.int(from)]), b = try sql.bulk(query, [.int(from)], columns: 6)
                var rows = 0
                while try a.step() {
                    #expect(try b.step())
                    for c in Int32(0)..<6 {
                        #expect(a.value(c) == b.value(c), "row \(rows) column \(c)")
                        #expect(a.isNull(c) == b.isNull(c))
                        #expect(a.withBytes(c) { $0.map(Array.init) } == b.withBytes(c) { $0.map(Array.init) })
                    }
                    #expect(a.int(0) == b.int(0))
                    rows += 1
                }
                #expect(try !b.step())
                #expect(.int(Int64(rows)) == (try db.query("SELECT count(*) FROM t WHERE id > $1", [.int(from)]).first?.first))
                #expect(rows > 0 || from == Int64.max)
            } }
            #expect(PGArray([0, 0, 0, 1]) == nil)
            #expect(PGArray([0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 20, 0, 0, 0, 9]) == nil)
        }
    } }

    /// Integer columns travel packed (`PostgresBulkShape`), a NULL as
    /// Int64.min: a bigint column holding Int64.min and no NULL reads it as
    /// the value; one with NULLs and no Int64.min reads them as NULLs; one
    /// with both is read row by row (the ordinary cursor), still exactly.
    /// `bulkAhead` reads the same rows as `bulk`.
    @Test func bulkPacksIntegersAndReadsTheirNullsExactly() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, big bigint, day integer, name text)")
            for i in 0..<300 {
                let big: PGValue = i % 7 == 0 ? .null : i % 11 == 0 ? .int(Int64.min) : .int(Int64(i) * 1_000_003 - 150_000_000)
                try db.execute("INSERT INTO t VALUES ($1, $2, $3, $4)",
                               [.int(Int64(i)), big, i % 5 == 0 ? .null : .int(Int64(Int32.min) + Int64(i)), .text("n\(i)")])
            }
            try db.transaction { db in
                let sql = PostgresSQL(db)
                for (filter, packed) in [("big IS DISTINCT FROM -9223372036854775808", true),   // NULLs, no Int64.min
                                         ("big IS NOT NULL", true),                              // Int64.min, no NULL
                                         ("TRUE", false),                                        // both: row by row
                                         ("id < 0", true)] {                                     // none at all
                    let query = "SELECT id, big, day, name FROM t WHERE \(filter) ORDER BY id"
                    let rows = try all(try sql.cursor(query, []))
                    let bulk = try sql.bulk(query, [], columns: 4)
                    #expect((bulk is PostgresColumns) == packed || rows.isEmpty, "\(filter)")
                    #expect(try all(bulk) == rows, "\(filter)")
                    #expect(try all(try sql.bulkAhead(query, [], columns: 4)()) == rows, "\(filter): ahead")
                    #expect(rows.isEmpty == (filter == "id < 0"))
                }
                #expect(try all(try sql.cursor("SELECT big FROM t WHERE big = -9223372036854775808", [])).count == 24)
            }
        }
    } }

    /// Text columns travel joined (`PostgresBulkShape.joined`): a unit
    /// separator between values, a NULL as a lone record separator. Texts
    /// that are empty, NULL, multibyte or hold a record separator among
    /// other bytes read back exactly, in every slice of `bulk` (the joined
    /// column comes whole with the first) and in `bulkAhead`; a value holding
    /// a unit separator, or one that is a lone record separator, sends the
    /// read row by row, still exactly.
    @Test func bulkJoinsTextsAndReadsThemExactly() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, seg text, zone varchar(40), day integer)")
            let total = PostgresSQL.bulkRows * 2 + 11
            try db.execute("""
                INSERT INTO t SELECT g,
                    CASE g % 6 WHEN 0 THEN NULL WHEN 1 THEN '' WHEN 2 THEN 'Kredit Mikro ' || g % 3 WHEN 3 THEN 'Ñoño 日本'
                                WHEN 4 THEN 'a' || chr(30) || 'b' ELSE chr(30) || chr(30) END,
                    CASE WHEN g % 7 = 0 THEN NULL ELSE 'Asia/Jakarta' END, g % 100
                FROM generate_series(1, $1) AS g
                """, [.int(Int64(total))])
            try db.transaction { db in
                let sql = PostgresSQL(db)
                for (filter, joined) in [("TRUE", true), ("id % 5 = 0", true), ("id < 0", true), ("seg = ''", true),
                                         ("id <= 10 OR id = 77", true)] {
                    let query = "SELECT id, seg, zone, day FROM t WHERE \(filter) ORDER BY id DESC"
                    let rows = try all(try sql.cursor(query, []))
                    let bulk = try sql.bulk(query, [], columns: 4)
                    #expect((bulk is PostgresColumns) == joined, "\(filter)")
                    #expect(try all(bulk) == rows, "\(filter)")
                    #expect(try all(try sql.bulkAhead(query, [], columns: 4)()) == rows, "\(filter): ahead")
                }
                #expect(try all(try sql.cursor("SELECT id FROM t", [])).count == total)
                // Values the separators cannot tell apart: read row by row.
                try db.execute("UPDATE t SET seg = 'x' || chr(31) || 'y' WHERE id = 5")
                try db.execute("UPDATE t SET zone = chr(30) WHERE id = 9")
                for (query, why) in [("SELECT id, seg FROM t WHERE id BETWEEN 3 AND 8 ORDER BY id", "a unit separator"),
                                     ("SELECT id, zone FROM t WHERE id BETWEEN 7 AND 14 ORDER BY id", "a lone record separator beside a NULL"),
                                     ("SELECT id, zone FROM t WHERE id = 9", "a lone record separator")] {
                    let rows = try all(try sql.cursor(query, []))
                    let bulk = try sql.bulk(query, [], columns: 2)
                    #expect(!(bulk is PostgresColumns), "\(why)")
                    #expect(try all(bulk) == rows, "\(why)")
                    #expect(try all(try sql.bulkAhead(query, [], columns: 2)()) == rows, "\(why): ahead")
                }
            }
        }
        // The joined form itself.
        func texts(_ raw: String, count: Int, nulls: Int) -> [String?]? {
            guard let a = PGArray(joined: Array(raw.utf8), count: count, nulls: nulls) else { return nil }
            return (0..<a.count).map { i in
                a.lengths[i] < 0 ? nil : String(decoding: a.bytes[Int(a.starts[i])..<Int(a.starts[i] + a.lengths[i])], as: UTF8.self)
            }
        }
        #expect(texts("", count: 0, nulls: 0) == [])
        #expect(texts("", count: 1, nulls: 0) == [""])
        #expect(texts("a\u{1F}\u{1E}\u{1F}", count: 3, nulls: 1) == ["a", nil, ""])
        #expect(texts("\u{1E}\u{1E}\u{1F}b", count: 2, nulls: 0) == ["\u{1E}\u{1E}", "b"])
        #expect(texts("a\u{1F}b", count: 3, nulls: 0) == nil)
        #expect(texts("a\u{1F}b\u{1F}c", count: 2, nulls: 0) == nil)
        #expect(texts("a\u{1F}\u{1E}", count: 2, nulls: 0) == nil)
        #expect(texts("x", count: 0, nulls: 0) == nil)
    } }

    /// More rows than one slice of `bulk` (`PostgresSQL.bulkRows`): the
    /// slices follow each other in the statement's order, none lost or twice.
    @Test func bulkReadsSliceAfterSlice() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try db.execute("CREATE TABLE t (id bigint PRIMARY KEY, day integer, name text)")
            let total = PostgresSQL.bulkRows * 2 + 7
            try db.execute("""
                INSERT INTO t SELECT g, CASE WHEN g % 11 = 0 THEN NULL ELSE g % 1000 END, CASE WHEN g % 13 = 0 THEN NULL ELSE 'n' || g END
                FROM generate_series(1, $1) AS g
                """, [.int(Int64(total))])
            let query = "SELECT id, day, name FROM t ORDER BY day DESC NULLS LAST, id"
            try db.transaction { db in
                let sql = PostgresSQL(db)
                let bulk = try all(try sql.bulk(query, [], columns: 3))
                #expect(bulk.count == total)
                #expect(bulk == (try all(try sql.cursor(query, []))))
                #expect(try all(try sql.bulk("SELECT id, day, name FROM t WHERE id < 0", [], columns: 3)).isEmpty)
            }
        }
    } }

    @Test func copyLoadsRowsExactlyWithEscapes() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try db.execute("CREATE TABLE t (id bigint, name text, note text, hash bytea)")
            let rows: [[PGValue]] = (1...5000).map { i in
                [.int(Int64(i)), .text("name \(i)\\ back\tslash\nline\r"), i % 2 == 0 ? .null : .text("\\N"), .bytes([UInt8(i % 256), 0])]
            }
            try db.copy(into: "t", columns: ["id", "name", "note", "hash"], rows: rows)
            #expect(try db.query("SELECT count(*) FROM t").first?.first == .int(5000))
            let back = try db.query("SELECT id, name, note, hash FROM t ORDER BY id")
            #expect(back == rows)
        }
    } }

    @Test func aBadCopyFailsTypedAndLeavesTheConnectionUsable() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try db.execute("CREATE TABLE t (id bigint PRIMARY KEY)")
            #expect(throws: PostgresFailure.self) { try db.copy(into: "t", columns: ["id"], rows: [[.int(1)], [.int(1)]]) }
            #expect(try db.query("SELECT count(*) FROM t").first?.first == .int(0))
        }
    } }

    @Test func aTransactionCommitsOrRollsBackWhole() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            try db.execute("CREATE TABLE t (id bigint PRIMARY KEY)")
            _ = try db.transaction { try $0.execute("INSERT INTO t VALUES (1)") }
            struct Stop: Error {}
            #expect(throws: Stop.self) {
                try db.transaction { db in
                    try db.execute("INSERT INTO t VALUES (2)")
                    throw Stop()
                }
            }
            #expect(throws: PostgresFailure.self) {
                try db.transaction { db in
                    try db.execute("INSERT INTO t VALUES (3)")
                    try db.execute("INSERT INTO t VALUES (1)")
                }
            }
            #expect(try db.query("SELECT id FROM t ORDER BY id") == [[.int(1)]])
        }
    } }

    /// Two writers each read what the other writes (the classic write skew):
    /// SERIALIZABLE refuses one with 40001, and the helper runs it again whole.
    @Test func aSerializationFailureIsRetriedWhole() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let a = try PGConnection(target, login: TestServer.login)
            let b = try PGConnection(target, login: TestServer.login)
            try a.execute("CREATE TABLE t (k text, v bigint)")
            try a.execute("INSERT INTO t VALUES ('x', 0), ('y', 0)")
            var runs = 0
            try a.transaction { a in
                runs += 1
                _ = try a.query("SELECT sum(v)::bigint FROM t WHERE k = 'y'")
                if runs == 1 {
                    // Another writer reads x and writes y, and commits first.
                    try b.transaction { b in
                        _ = try b.query("SELECT sum(v)::bigint FROM t WHERE k = 'x'")
                        try b.execute("UPDATE t SET v = v + 1 WHERE k = 'y'")
                    }
                }
                try a.execute("UPDATE t SET v = v + 10 WHERE k = 'x'")
            }
            #expect(runs == 2)
            #expect(try a.query("SELECT k, v FROM t ORDER BY k") == [[.text("x"), .int(10)], [.text("y"), .int(1)]])
            a.close(); b.close()
        }
    } }

    @Test func retriesAreBoundedThenOneTypedRefusal() async throws { try await TestServer.onThread {
        try TestServer.withConnection { db in
            var runs = 0
            #expect(throws: PostgresFailure(server: db.server, problem: .serializationRetriesExhausted(attempts: 3))) {
                try db.transaction(attempts: 3) { db in
                    runs += 1
                    try db.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END $$")
                }
            }
            #expect(runs == 3)
        }
    } }

    /// The session's `application_name`, what the server shows of it: the
    /// one the caller gives (Tagih's command and person), kept as the server
    /// keeps one (printable ASCII, another character a `?`, 63 bytes at
    /// most); one the URI names wins over it; none without either.
    @Test func theSessionIsNamedForTheServersView() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { (target: PostgresURI) throws -> Void in
            func named(_ uri: PostgresURI, _ application: String?) throws -> String? {
                let db = try PGConnection(uri, login: TestServer.login, application: application)
                defer { db.close() }
                return try db.query("SELECT current_setting('application_name')").first?.first?.text
            }
            #expect(try named(target, "tagih import (kol01)") == "tagih import (kol01)")
            #expect(try named(target, nil) == "")
            #expect(try named(target, "tagih contact log (ñandú)") == "tagih contact log (?and?)")
            let long = "tagih report aging (" + String(repeating: "x", count: 80) + ")"
            #expect(try named(target, long) == String(long.prefix(63)))
            var own = target
            own.applicationName = "nightly on host b"
            #expect(try named(own, "tagih nightly (batch)") == "nightly on host b")
        }
    } }

    @Test func anUnreachableServerIsOneSentenceNamingIt() async throws { try await TestServer.onThread {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("no-pg-\(UUID().uuidString)").path
        let uri = try PostgresURI(parsing: "postgresql:///ledger?host=\(folder)")
        do throws(PostgresFailure) {
            _ = try PGConnection(uri, login: TestServer.login)
            Issue.record("connected to nothing")
        } catch {
            guard case .unreachable = error.problem else { Issue.record("\(error)"); return }
            let sentence = error.text(Strings(.en))
            #expect(sentence.hasPrefix("the PostgreSQL server \(folder)/.s.PGSQL.5432, database ledger cannot be reached ("))
            #expect(!sentence.contains("\n"))
        }
        let tcp = try PostgresURI(parsing: "postgresql://127.0.0.1:1/ledger")
        #expect(throws: PostgresFailure.self) { try PGConnection(tcp, login: TestServer.login) }
    } }

    @Test func aMissingDatabaseIsUnreachableNamingIt() async throws { try await TestServer.onThread {
        var uri = try TestServer.uri
        uri.database = "no_such_database_here"
        do throws(PostgresFailure) {
            _ = try PGConnection(uri, login: TestServer.login)
            Issue.record("connected")
        } catch {
            #expect(error.server.hasSuffix("database no_such_database_here"))
            guard case .unreachable(let detail) = error.problem else { Issue.record("\(error)"); return }
            #expect(detail.contains("no_such_database_here"))
        }
    } }

    /// A connection the server ends (a restart, an administrator) is `lost`, not a crash.
    @Test func aLostConnectionIsTyped() async throws { try await TestServer.onThread {
        try TestServer.withDatabase { target in
            let victim = try PGConnection(target, login: TestServer.login)
            let admin = try PGConnection(target, login: TestServer.login)
            let pid = try victim.query("SELECT pg_backend_pid()").first?.first?.int ?? 0
            _ = try admin.query("SELECT pg_terminate_backend($1::integer)", [.int(pid)])
            Thread.sleep(forTimeInterval: 0.2)
            do throws(PostgresFailure) {
                _ = try victim.query("SELECT 1")
                Issue.record("the query ran on a terminated connection")
            } catch {
                #expect(error.problem == .lost)
                #expect(error.text(Strings(.en)).contains("was lost; nothing of this command was saved"))
            }
            victim.close(); admin.close()
        }
    } }
}

/// What needs no server: the COPY text format and the DDL splitter.
@Suite struct PostgresTextTests {
    @Test func copyTextEscapesLikePostgres() {
        #expect(PGConnection.copyText([[.int(-1), .null, .text("a\\b\tc\nd\re"), .bytes([0xAB]), .bool(true)]])
                == ["-1\t\\N\ta\\\\b\\tc\\nd\\re\t\\\\xab\tt\n"])
    }

    @Test func statementsSplitKeepsFunctionBodiesWhole() {
        let s = PostgresSchema.statements("CREATE TABLE a (x int);\n-- note;\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  RETURN NULL;\nEND $$;\nSELECT 1;")
        #expect(s.count == 3)
        #expect(s[1].hasSuffix("END $$"))
    }

    /// A users row hashed by SQLite's tagih_row (read from a ledger `tagih init` made as root).
    @Test func theRowHashIsSQLitesBytes() {
        let h = PostgresSeals.rowHash(table: "users", [.text("root"), .text("root"), .text("admin"), .null, .null, .int(1)])
        #expect(PostgresSeals.hex(h) == "26545c9ca21ca6db68789bb75b231ab2ff4da40aa87a60dd82a6a7a5e3b823fd")
        // A column added later counts only when set; one sealed from the start counts as "n" when NULL.
        #expect(PostgresSeals.rowHash(table: "t", [.int(1), .null], alwaysHashed: 1) == PostgresSeals.rowHash(table: "t", [.int(1)]))
        #expect(PostgresSeals.rowHash(table: "t", [.int(1), .null]) != PostgresSeals.rowHash(table: "t", [.int(1)]))
    }

    @Test func sealsAddModulo2To256() {
        let max = [UInt8](repeating: 0xFF, count: 32)
        let one = [UInt8](repeating: 0, count: 31) + [1]
        #expect(PostgresSeals.add(max, one) == PostgresSeals.zero)
        #expect(PostgresSeals.add(one, one) == [UInt8](repeating: 0, count: 31) + [2])
    }
}

/// Every row a cursor reads, every column of each.
private func all(_ c: any SQLCursor) throws -> [[SQLValue]] {
    var out: [[SQLValue]] = []
    while try c.step() { out.append((0..<Int32(c.columnNames.count)).map { c.value($0) }) }
    return out
}
