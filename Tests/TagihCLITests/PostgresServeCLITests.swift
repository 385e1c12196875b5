import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `tagih serve` on PostgreSQL (CONTRACT §11, §12): the real binary against
/// a ledger file and the PostgreSQL database it was migrated to — the same
/// requests give the same answers byte for byte and leave the same reports;
/// two servers on one database post a payment once; a server killed with
/// SIGKILL mid-burst loses and doubles nothing; a database server that stops
/// is answered 503 (nothing acknowledged) and serving resumes by itself.
@Suite(.serialized) struct PostgresServeCLITests {
    typealias PG = PostgresInitCLITests
    typealias Channels = PostgresChannelsCLITests
    typealias Cases = PostgresCasesCLITests

    /// A signed request of the sequence: path and body (raw bytes, as a client sends them).
    struct Step {
        var path: String
        var body: String
        var channel = "VA"
        /// A signature that does not verify.
        var forged = false
    }

    /// Inquiries, payments, a duplicate, a conflict, refusals with their field,
    /// reversals (again and unknown), a bad signature, an unknown channel, bad JSON, an oversized body.
    static let steps: [Step] = [
        Step(path: "/v1/inquiry", body: #"{"account_no":"8801"}"#),
        Step(path: "/v1/inquiry", body: #"{"account_no":"9999"}"#),
        Step(path: "/v1/payments", body: #"{"ref":"P-1","account_no":"8801","amount":"30000.00","paid_at":"2026-11-25T10:00:00+07:00"}"#),
        Step(path: "/v1/payments", body: #"{"ref":"P-1","account_no":"8801","amount":"30000.00","paid_at":"2026-11-25T10:00:00+07:00"}"#),
        Step(path: "/v1/payments", body: #"{"ref":"P-1","account_no":"8801","amount":"30000.01","paid_at":"2026-11-25T10:00:00+07:00"}"#),
        Step(path: "/v1/payments", body: #"{"ref":"P-2","account_no":"8801","amount":20000.5,"paid_at":"2026-11-26T23:30:00-05:00","invoice_ref":"INV-2"}"#),
        Step(path: "/v1/payments", body: #"{"ref":"P-3","account_no":"7777","amount":"10.00","paid_at":"2026-11-25T10:00:00+07:00"}"#),
        Step(path: "/v1/payments", body: #"{"ref":"P-4","account_no":"8801","amount":"-5.00","paid_at":"2026-11-25T10:00:00+07:00"}"#),
        Step(path: "/v1/payments", body: #"{"ref":"P-5","account_no":"8802","amount":"12500.00","paid_at":"2026-11-27T08:00:00+07:00"}"#),
        Step(path: "/v1/inquiry", body: #"{"account_no":"8801"}"#),
        Step(path: "/v1/reversals", body: #"{"ref":"P-1","reason":"double debit"}"#),
        Step(path: "/v1/reversals", body: #"{"ref":"P-1","reason":"double debit"}"#),
        Step(path: "/v1/reversals", body: #"{"ref":"NO-SUCH","reason":"x"}"#),
        Step(path: "/v1/payments", body: #"{"ref":"P-6","account_no":"8801","amount":"1.00","paid_at":"2026-11-25T10:00:00+07:00"}"#, forged: true),
        Step(path: "/v1/payments", body: #"{"ref":"P-7","account_no":"8801","amount":"1.00","paid_at":"2026-11-25T10:00:00+07:00"}"#, channel: "BANK"),
        Step(path: "/v1/payments", body: #"{"ref":"P-8","#),
        Step(path: "/v1/payments", body: "{\"ref\":\"" + String(repeating: "x", count: 70_000) + "\"}"),
        Step(path: "/v1/inquiry", body: #"{"account_no":"8801"}"#),
        Step(path: "/v1/inquiry", body: #"{"account_no":"8802"}"#),
    ]

    static func send(_ step: Step, port: Int, secret: String) throws -> ServeAnswer {
        let body = Data(step.body.utf8)
        var headers = ServeSigner(channel: step.channel, secret: secret).headers(body)
        if step.forged { headers[2].1 = String(repeating: "0", count: 64) }
        return try ServeHTTP.send(port: port, path: step.path, body: body, headers: headers)
    }

    /// The reports compared after the sequence.
    static let reports: [[String]] = [
        ["account", "8801", "--format", "json"], ["account", "8802", "--format", "json"], ["account", "8801"], ["report", "aging"],
        ["report", "aging", "--format", "csv"],
    ]

    @Test(.enabled(if: PG.server != nil))
    func theSameRequestsAnswerTheSameBytesOnBothBackendsAndLeaveTheSameLedger() throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let secret = try t.addChannel("VA")
        _ = try t.addChannel("QRIS")
        let file = t.path("tagih.db")
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, file, to: uri)
            let onFile = try ServeHarness(t)
            let onServer = try ServeHarness(t, extra: ["--db", uri])
            for (i, step) in Self.steps.enumerated() {
                let a = try Self.send(step, port: onFile.port, secret: secret)
                let b = try Self.send(step, port: onServer.port, secret: secret)
                #expect(a.status == b.status && a.body == b.body, "step \(i) \(step.path): file \(a), server \(b)")
            }
            #expect(onFile.stop() == 0)
            #expect(onServer.stop() == 0, "\(onServer.stderr.suffix(500))")
            // Each answer of the file as CONTRACT §11 says it.
            for report in Self.reports {
                let a = try Cases.outcome(t, file, report), b = try Cases.outcome(t, uri, report)
                #expect(a == b, "\(report.joined(separator: " "))")
                #expect(a.status == 0, "\(report): \(a)")
            }
            #expect(try PG.psql(name, "SELECT string_agg(ref || ' ' || amount, ',' ORDER BY ref) FROM credits WHERE channel = 'VA'")
                    == "P-1 3000000,P-2 2000050,P-5 1250000")
            try Channels.checkPasses(t, file, uri)
        }
    }

    /// Two servers on one database, each sent every payment at the same moment: each posts once, the other
    /// server answers it as a duplicate (CONTRACT §12).
    @Test(.enabled(if: PG.server != nil))
    func twoServersGivenTheSamePaymentsAtOncePostEachOnce() throws {
        let (t, va) = try ServeDurabilityTests.ledger()
        defer { t.cleanup() }
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, t.path("tagih.db"), to: uri)
            let a = try ServeProcess(t, extra: ["--db", uri]), b = try ServeProcess(t, extra: ["--db", uri])
            let payments = 120
            let box = Pairs(payments)
            // Payment i goes to both servers at the same moment (one thread each); twelve such pairs at a time.
            @Sendable func send(_ i: Int, to server: ServeProcess) {
                let (account, minor) = ServeDurabilityTests.payment(i)
                let object: [String: Any] = ["ref": "TWO-\(i)", "account_no": "K\(account)", "amount": ServeDurabilityTests.amountText(minor),
                                             "paid_at": "2026-11-23T10:\(String(format: "%02d", i % 60)):00+07:00"]
                // A 503 is a "try again", as a bank's client does; counted, for the servers take turns and give none.
                for _ in 0..<200 {
                    do {
                        let r = try server.post("/v1/payments", object, as: va, timeout: 60)
                        if r.status < 500 {
                            box.answered(i, r.status)
                            return
                        }
                        box.odd("TWO-\(i): \(r.status)")
                    } catch {}
                    usleep(20_000)
                }
                box.odd("TWO-\(i): no final answer")
            }
            let done = DispatchGroup()
            for _ in 0..<12 {
                done.enter()
                Thread {
                    while let i = box.take() {
                        let pair = DispatchGroup()
                        pair.enter()
                        Thread { send(i, to: a); pair.leave() }.start()
                        send(i, to: b)
                        pair.wait()
                    }
                    done.leave()
                }.start()
            }
            #expect(done.wait(timeout: .now() + 600) == .success, "the senders did not finish")
            #expect(a.stop() == 0 && b.stop() == 0, "\(a.log.suffix(300)) \(b.log.suffix(300))")
            #expect(box.unexpected.isEmpty, "\(box.unexpected.prefix(5))")
            for i in 0..<payments {
                #expect(box.statuses[i]?.sorted() == [200, 201], "TWO-\(i): \(box.statuses[i] ?? [])")
            }
            let rows = try PG.psql(name, "SELECT count(*) || '/' || count(DISTINCT ref) FROM credits WHERE ref LIKE 'TWO-%'")
            #expect(rows == "\(payments)/\(payments)")
            // Each account's figures are its charge less what was paid into it, once.
            var owed = [Int64](repeating: 1_000_000_000, count: ServeDurabilityTests.accounts)
            for i in 0..<payments { owed[ServeDurabilityTests.payment(i).account] -= ServeDurabilityTests.payment(i).minor }
            let balances = try PG.psql(name, "SELECT string_agg(account_no || ' ' || (open_total - unapplied), ',' ORDER BY account_no) FROM accounts")
            #expect(balances == (0..<ServeDurabilityTests.accounts).map { "K\($0) \(owed[$0])" }.sorted().joined(separator: ","))
            try Channels.checkPasses(t, uri)
        }
    }

    /// Records and a payments file while `serve` posts a steady stream (the
    /// nightly batch and a lead beside a bank's link, CONTRACT §12): all
    /// land, the file whole and at once, each payment of the stream once,
    /// and no request is refused as busy. Every record takes the audit
    /// chain's tail in turn (`PostgresLedger.writeInTurn`); without turns the
    /// import collided with the server's groups and gave up after 40 tries
    /// (exit 1), and with turns for the bulk writers only, so did the user
    /// added and the assignment.
    @Test(.enabled(if: PG.server != nil))
    func aFileImportedBesideASteadyServeLandsWholeAndTheStreamOnce() throws {
        let (t, va) = try ServeDurabilityTests.ledger()
        defer { t.cleanup() }
        let rows = 6_000
        var file = "account_no,ref,paid_on,amount,channel\n"
        for i in 0..<rows { file += "K\(i % ServeDurabilityTests.accounts),FILE-\(i),2026-11-23,\(100 + i % 900).00,VA\n" }
        try t.write("beside.csv", file)
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, t.path("tagih.db"), to: uri)
            let server = try ServeProcess(t, extra: ["--db", uri])
            let box = Pairs(Int.max)
            let stop = Atomic()
            let done = DispatchGroup()
            let streams = 16
            for w in 0..<streams {
                done.enter()
                Thread {
                    var i = w
                    while !stop.isSet {
                        let (account, minor) = ServeDurabilityTests.payment(i)
                        let object: [String: Any] = ["ref": "STREAM-\(i)", "account_no": "K\(account)", "amount": ServeDurabilityTests.amountText(minor),
                                                     "paid_at": "2026-11-23T10:00:00+07:00"]
                        do {
                            let r = try server.post("/v1/payments", object, as: va, timeout: 120)
                            box.answered(i, r.status)
                            if r.status != 201 { box.odd("STREAM-\(i): \(r)") }
                        } catch { box.odd("STREAM-\(i): \(error)") }
                        i += streams
                    }
                    done.leave()
                }.start()
            }
            // The stream first; short records into it (a user added, accounts
            // assigned: each appends to the audit chain, as a group does); then the file.
            usleep(1_000_000)
            for args in [["user", "add", "kol01", "--name", "Kolektor Satu", "--role", "collector"], ["assign", "K1", "K2", "K3", "--to", "kol01"]] {
                let r = try Cases.outcome(t, uri, args)
                #expect(r.status == 0, "\(args): \(r)")
            }
            let started = Date()
            let imported = try Cases.outcome(t, uri, ["import", "payments", "beside.csv"])
            print("import beside serve: \(Date().timeIntervalSince(started)) s, \(box.statuses.count) answered so far; \(imported)")
            usleep(500_000)
            stop.set()
            #expect(done.wait(timeout: .now() + 300) == .success, "the stream did not end")
            #expect(server.stop() == 0, "\(server.log.suffix(500))")
            #expect(imported.status == 0 && imported.stdout == "beside.csv: \(rows) rows read, \(rows) posted, 0 duplicates, 0 rejected\n", "\(imported)")
            #expect(box.unexpected.isEmpty, "\(box.unexpected.prefix(5))")
            let answered = box.statuses.keys.sorted()
            #expect(answered.count > 20, "the stream posted only \(answered.count) payments")
            let stream = try PG.psql(name, "SELECT count(*) || '/' || count(DISTINCT ref) FROM credits WHERE ref LIKE 'STREAM-%'")
            #expect(stream == "\(answered.count)/\(answered.count)")
            #expect(try PG.psql(name, "SELECT count(*) FROM credits WHERE ref LIKE 'FILE-%'") == String(rows))
            #expect(try PG.psql(name, "SELECT string_agg(account_no, ',' ORDER BY account_no) FROM accounts WHERE collector = 'kol01'") == "K1,K2,K3")
            // Every account's balance: its charge less the stream's payments and the file's, each once.
            var owed = [Int64](repeating: 1_000_000_000, count: ServeDurabilityTests.accounts)
            for i in answered { owed[ServeDurabilityTests.payment(i).account] -= ServeDurabilityTests.payment(i).minor }
            for i in 0..<rows { owed[i % ServeDurabilityTests.accounts] -= Int64(100 + i % 900) * 100 }
            let balances = try PG.psql(name, "SELECT string_agg(account_no || ' ' || (open_total - unapplied), ',' ORDER BY account_no) FROM accounts")
            #expect(balances == (0..<ServeDurabilityTests.accounts).map { "K\($0) \(owed[$0])" }.sorted().joined(separator: ","))
            try Channels.checkPasses(t, uri)
        }
    }

    /// A flag one thread sets and others read.
    final class Atomic: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    /// What the two servers answered each payment, guarded for the senders' threads.
    final class Pairs: @unchecked Sendable {
        private let lock = NSLock()
        private let total: Int
        private var next = 0
        private(set) var statuses: [Int: [Int]] = [:]
        private(set) var unexpected: [String] = []
        init(_ total: Int) { self.total = total }
        func take() -> Int? {
            lock.withLock {
                guard next < total else { return nil }
                next += 1
                return next - 1
            }
        }
        func answered(_ i: Int, _ status: Int) { lock.withLock { statuses[i, default: []].append(status) } }
        func odd(_ s: String) { lock.withLock { unexpected.append(s) } }
    }

    /// R19 on PostgreSQL: SIGKILL twice mid-burst, agents retrying until answered: each payment once, with its amount.
    @Test(.enabled(if: PG.server != nil))
    func killNineDuringABurstLosesAndDoublesNothing() throws {
        let (t, va) = try ServeDurabilityTests.ledger()
        defer { t.cleanup() }
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, t.path("tagih.db"), to: uri)
            let server = try ServeProcess(t, extra: ["--db", uri])
            let tally = ServeDurabilityTests.Tally()
            let done = DispatchGroup()
            for _ in 0..<ServeDurabilityTests.workers {
                done.enter()
                Thread { ServeDurabilityTests.agent(server, va, tally); done.leave() }.start()
            }
            let total = ServeDurabilityTests.payments
            var kills = 0
            for mark in [total / 3, total * 2 / 3] {
                let until = Date().addingTimeInterval(180)
                while tally.count < mark && Date() < until { usleep(2_000) }
                server.kill9()
                kills += 1
                usleep(200_000)
                try server.restart()
            }
            #expect(done.wait(timeout: .now() + 600) == .success, "the agents did not finish")
            #expect(server.stop() == 0, "SIGTERM: \(server.log.suffix(500))")
            #expect(tally.unexpected.isEmpty, "\(tally.unexpected.prefix(10))")
            #expect(tally.count == total)
            #expect(kills == 2)
            let rows = try PG.psql(name, "SELECT string_agg(ref || ' ' || amount, ',' ORDER BY ref) FROM credits WHERE channel = 'VA' AND ref LIKE 'KILL-%'")
            let expected = (0..<total).map { "KILL-\($0) \(ServeDurabilityTests.payment($0).minor)" }.sorted()
            #expect(rows == expected.joined(separator: ","))
            var owed = [Int64](repeating: 1_000_000_000, count: ServeDurabilityTests.accounts)
            for i in 0..<total { owed[ServeDurabilityTests.payment(i).account] -= ServeDurabilityTests.payment(i).minor }
            let balances = try PG.psql(name, "SELECT string_agg(account_no || ' ' || (open_total - unapplied), ',' ORDER BY account_no) FROM accounts")
            #expect(balances == (0..<ServeDurabilityTests.accounts).map { "K\($0) \(owed[$0])" }.sorted().joined(separator: ","))
            try Channels.checkPasses(t, uri)
            print("postgres kill -9 burst: \(total) payments, \(kills) kills, \(tally.retries) retries, "
                  + "\(tally.answers.values.filter { $0 == 200 }.count) answered as duplicates")
        }
    }

    /// `scripts/pg COMMAND` on a server of the test's own (`TagihRunner.privatePG`); its output.
    static func pg(_ t: TagihRunner, _ command: String) throws -> String {
        let (status, text) = t.privatePG(command)
        guard status == 0 else { throw ServeUnanswered(description: "scripts/pg \(command): \(status) \(text)") }
        return text
    }

    /// psql on `target` (a URI) through system(3); its output, trimmed.
    static func psql(_ t: TagihRunner, _ target: String, _ sql: String) throws -> String {
        let out = t.path("psql.out")
        let status = system("/usr/bin/psql '\(target)' -XAtq -v ON_ERROR_STOP=1 -c \"\(sql)\" > '\(out)' 2>&1 < /dev/null")
        let text = ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard status == 0 else { throw ServeUnanswered(description: "psql: \(text)") }
        return text
    }

    /// The database server stopped under a running `serve`: payments and inquiries are 503 with the
    /// JSON error and Retry-After, nothing is acknowledged; once the server is back, serving goes on by itself.
    @Test(.enabled(if: PG.server != nil))
    func aStoppedDatabaseServerIs503AndServingResumesWhenItIsBack() throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let secret = try t.addChannel("VA")
        let va = ServeSigner(channel: "VA", secret: secret)
        _ = try Self.pg(t, "start")
        defer { _ = try? Self.pg(t, "stop") }
        let server = try Self.pg(t, "uri")
        let uri = server.replacingOccurrences(of: "postgresql:///postgres?", with: "postgresql:///halted?")
        _ = try Self.psql(t, server, "CREATE DATABASE halted TEMPLATE template0 ENCODING 'UTF8'")
        try Channels.migrate(t, t.path("tagih.db"), to: uri)
        let serve = try ServeProcess(t, extra: ["--db", uri])
        func pay(_ ref: String) -> [String: Any] {
            ["ref": ref, "account_no": "8801", "amount": "1000.00", "paid_at": "2026-11-25T10:00:00+07:00"]
        }
        let first = try serve.post("/v1/payments", pay("H-1"), as: va)
        #expect(first.status == 201, "\(first)")
        _ = try Self.pg(t, "halt")
        let down = [try serve.post("/v1/payments", pay("H-2"), as: va), try serve.post("/v1/inquiry", ["account_no": "8801"], as: va),
                    try serve.post("/v1/reversals", ["ref": "H-1", "reason": "x"], as: va),
                    try serve.post("/v1/payments", pay("H-2"), as: va)]
        for a in down {
            #expect(a.status == 503, "\(a)")
            #expect(((a.json?["error"] as? String) ?? "").contains("database server cannot be reached"), "\(a)")
        }
        _ = try Self.pg(t, "resume")
        // Back by itself: the first request after may still find the old connection ending; a client retries a 503.
        var after: ServeAnswer?
        for _ in 0..<100 {
            let a = try serve.post("/v1/payments", pay("H-2"), as: va)
            if a.status != 503 { after = a; break }
            usleep(100_000)
        }
        #expect(after?.status == 201, "\(String(describing: after))")
        #expect(try serve.post("/v1/payments", pay("H-1"), as: va).status == 200)
        let inquiry = try serve.post("/v1/inquiry", ["account_no": "8801"], as: va)
        #expect(inquiry.status == 200 && inquiry.json?["amount_due"] as? String == "148000.00", "\(inquiry)")
        #expect(serve.stop() == 0, "\(serve.log.suffix(500))")
        #expect(try Self.psql(t, uri, "SELECT string_agg(ref, ',' ORDER BY ref) FROM credits") == "H-1,H-2")
        let check = try Cases.outcome(t, uri, ["check"])
        #expect(check.status == 0, "\(check)")
    }
}
