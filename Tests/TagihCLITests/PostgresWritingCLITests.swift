import Foundation
import Testing

/// Recording commands on PostgreSQL through the store's seam (CONTRACT
/// §12): the same rows, audit rows and seals as on a file, and many
/// writers at once with no ledger-wide lock — a serialization failure is
/// run again whole, so the audit chain stays one line and its ids gap-free.
@Suite struct PostgresWritingCLITests {
    typealias PG = PostgresInitCLITests

    @Test(.enabled(if: PG.server != nil))
    func usersAddedAndChangedOnTheServerAreAuditedSealedAndChecked() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try PG.withDatabase { name, uri in
            #expect(try t.runRaw(["init", "--db", uri], acting: false).status == 0)
            let file = t.path("same.db")
            #expect(try t.runRaw(["init", "--db", file], acting: false).status == 0)
            for db in [uri, file] {
                for args in [["user", "add", "siti", "--name", "Siti Rahma", "--role", "collector", "--team", "BARAT"],
                             ["user", "add", "budi", "--name", "Budi", "--role", "lead", "--team", "BARAT", "--discount-limit", "10"],
                             ["user", "set", "siti", "--name", "Siti Rahmawati", "--no-active"]] {
                    let r = try t.runRaw(["--db", db] + args, acting: false)
                    #expect(r.status == 0, "\(db) \(args): \(r.stderr)")
                }
            }
            // The same list on both, and the same refusal for a login taken.
            let list = try t.runRaw(["--db", uri, "user", "list"], acting: false)
            #expect(list.stdout == (try t.runRaw(["--db", file, "user", "list"], acting: false)).stdout)
            #expect(list.stdout.contains("Siti Rahmawati"))
            let again = try t.runRaw(["--db", uri, "user", "add", "budi", "--name", "B", "--role", "collector"], acting: false)
            #expect(again.status == 1)
            #expect(again.stderr == "tagih: user budi already exists; change it with `tagih user set`\n")
            #expect(try PG.psql(name, "SELECT string_agg(action || ' ' || subject, ', ' ORDER BY id) FROM audit")
                    == "user.add \(TagihRunner.realLogin), rules.init rules 1, user.add siti, user.add budi, user.set siti")
            // Each audit row carries the users' seal, as on the file.
            #expect(try PG.psql(name, "SELECT seals FROM audit WHERE id = 5")
                    == PostgresMigrateCLITests.sqlite(file, "SELECT seals FROM audit WHERE id = 5"))
            let check = try t.runRaw(["--db", uri, "check"], acting: false)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
    }

    @Test(.enabled(if: PG.server != nil))
    func manyWritersAtOnceAllLandAndTheChainStaysWhole() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try PG.withDatabase { name, uri in
            #expect(try t.runRaw(["init", "--db", uri], acting: false).status == 0)
            // Twelve processes add a user each, all started together.
            let logins = (1...12).map { String(format: "kol%02d", $0) }
            var running: [(Process, URL)] = []
            for login in logins {
                let err = t.dir.appendingPathComponent("\(login).err")
                running.append((try t.start(["--db", uri, "user", "add", login, "--name", "Kolektor \(login)", "--role", "collector"],
                                            stderr: err, acting: false), err))
            }
            for (p, err) in running {
                p.waitUntilExit()
                #expect(p.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
            }
            #expect(try PG.psql(name, "SELECT count(*) FROM users") == "13")
            // One audit row each, ids 1…14 without a gap, each chained to the one before.
            #expect(try PG.psql(name, "SELECT count(*), min(id), max(id) FROM audit") == "14|1|14")
            #expect(try PG.psql(name, "SELECT count(*) FROM audit a JOIN audit b ON b.id = a.id + 1 WHERE b.prev_hash <> a.hash") == "0")
            let check = try t.runRaw(["--db", uri, "check"], acting: false)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
    }

    /// What a database administrator sees in `pg_stat_activity`: a writer
    /// waiting for the writers' turn is named for its command and the person
    /// who ran it, `tagih user add (LOGIN)`, where the role alone (in a
    /// protected install, everyone's) would say nothing. It runs once the
    /// turn is free.
    @Test(.enabled(if: PG.server != nil))
    func aWaitingWriterIsNamedForItsCommandAndPersonOnTheServer() throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        try PG.withDatabase { name, uri in
            #expect(try t.runRaw(["init", "--db", uri], acting: false).status == 0)
            // Another session holds the writers' turn: the lock every record takes first.
            let holder = Process()
            holder.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
            holder.arguments = [uri, "-XAtq", "-c", "BEGIN; LOCK TABLE audit IN SHARE ROW EXCLUSIVE MODE; SELECT pg_sleep(300); COMMIT"]
            holder.environment = ProcessInfo.processInfo.environment.merging(["PGAPPNAME": "turn-holder"]) { $1 }
            holder.standardOutput = FileHandle.nullDevice
            holder.standardError = FileHandle.nullDevice
            try holder.run()
            defer { if holder.isRunning { holder.terminate() } }
            func until(_ sql: String, is want: String) throws -> String {
                var got = ""
                for _ in 0..<300 {
                    got = try PG.psql(name, sql)
                    if got == want { break }
                    usleep(100_000)
                }
                return got
            }
            #expect(try until("""
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE a.application_name = 'turn-holder' AND l.granted AND l.relation = 'audit'::regclass
                """, is: "1") == "1")
            let err = t.dir.appendingPathComponent("add.err")
            let writer = try t.start(["--db", uri, "user", "add", "kol01", "--name", "Kolektor Satu", "--role", "collector"],
                                     stderr: err, acting: false)
            let waiting = "tagih user add (\(TagihRunner.realLogin))"
            #expect(try until("""
                SELECT coalesce(string_agg(application_name, ','), '') FROM pg_stat_activity
                WHERE datname = '\(name)' AND wait_event_type = 'Lock'
                """, is: waiting) == waiting)
            #expect(writer.isRunning)
            _ = try PG.psql(name, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'turn-holder'")
            holder.waitUntilExit()
            writer.waitUntilExit()
            #expect(writer.terminationStatus == 0, "\((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
            #expect(try PG.psql(name, "SELECT name FROM users WHERE login = 'kol01'") == "Kolektor Satu")
        }
    }

    /// `tagih demo --db postgresql://…`: the same demo ledger as in a file
    /// (the same seed and day), copied into an empty database; a database
    /// holding anything is refused before anything is built.
    @Test(.enabled(if: PG.server != nil))
    func aDemoLedgerInAnEmptyDatabaseIsTheFilesDemo() throws {
        var t = try TagihRunner()
        t.environment = ["TAGIH_TODAY": "2026-12-03"]
        defer { t.cleanup() }
        try PG.withDatabase { _, uri in
            let onServer = try t.runRaw(["demo", "--no-ui", "--accounts", "120", "--db", uri], acting: false)
            #expect(onServer.status == 0, "\(onServer.stderr)")
            let file = t.path("demo.db")
            let onFile = try t.runRaw(["demo", "--no-ui", "--accounts", "120", "--db", file], acting: false)
            #expect(onServer.stdout.replacingOccurrences(of: uri, with: "LEDGER") == onFile.stdout.replacingOccurrences(of: file, with: "LEDGER"))
            let account = try PostgresMigrateCLITests.sqlite(file, "SELECT account_no FROM accounts ORDER BY id LIMIT 1 OFFSET 17")
            for args in [["report", "aging", "--by", "collector"], ["plan", "list"], ["account", account, "--format", "json"],
                         ["report", "promises", "--format", "csv"]] {
                let a = try t.runRaw(["--db", file] + args, acting: false), b = try t.runRaw(["--db", uri] + args, acting: false)
                #expect(a.status == 0 && b.status == 0 && a.stdout == b.stdout, "\(args): \(b.stderr)")
            }
            let check = try t.runRaw(["--db", uri, "check"], acting: false)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
            let again = try t.runRaw(["demo", "--no-ui", "--accounts", "5", "--db", uri], acting: false)
            #expect(again.status == 1)
            #expect(again.stdout.isEmpty, "refused before building: \(again.stdout)")
            #expect(again.stderr.hasPrefix("tagih: \(uri) is not empty (its table "))
        }
    }
}
