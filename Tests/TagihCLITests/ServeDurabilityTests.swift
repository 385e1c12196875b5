import Foundation
import Testing

/// A 2xx from `tagih serve` means durable (R19): a burst of payments from agents
/// that retry until they get an answer, the server killed with SIGKILL in the
/// middle and started again, and every payment is in the ledger exactly once
/// with its amount; the balances are what the agents' own sums say.
@Suite(.serialized) struct ServeDurabilityTests {
    static let accounts = 40
    static let payments = 400
    static let workers = 8

    /// Each account owes 10,000,000.00 from one charge.
    static func ledger() throws -> (TagihRunner, ServeSigner) {
        let t = try TagihRunner()
        try t.ok("init")
        var accounts = "account_no,name,timezone\n", charges = "account_no,ref,issue_date,due_date,amount,description\n"
        for i in 0..<Self.accounts {
            accounts += "K\(i),Debitur Nomor \(i),Asia/Jakarta\n"
            charges += "K\(i),INV-\(i),2026-10-01,2026-10-25,10000000.00,Tagihan\n"
        }
        try t.write("accounts.csv", accounts)
        try t.write("charges.csv", charges)
        try t.ok("import", "accounts", "accounts.csv")
        try t.ok("import", "charges", "charges.csv")
        return (t, ServeSigner(channel: "VA", secret: try t.addChannel("VA")))
    }

    /// Payment i: its account and its amount in minor units (never the same twice in a row).
    static func payment(_ i: Int) -> (account: Int, minor: Int64) { (i % accounts, 10_000 + Int64(i) * 137 % 50_000) }

    static func amountText(_ minor: Int64) -> String { "\(minor / 100).\(String(format: "%02d", minor % 100))" }

    /// What the agents were told, guarded for their threads.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private(set) var answers: [Int: Int] = [:]   // payment -> final status
        private(set) var retries = 0
        private(set) var unexpected: [String] = []
        func take() -> Int? {
            lock.withLock {
                guard next < ServeDurabilityTests.payments else { return nil }
                next += 1
                return next - 1
            }
        }
        func answered(_ i: Int, _ status: Int) { lock.withLock { answers[i] = status } }
        func retried() { lock.withLock { retries += 1 } }
        func odd(_ s: String) { lock.withLock { unexpected.append(s) } }
        var count: Int { lock.withLock { answers.count } }
    }

    /// An agent: takes the next payment, sends it until it gets a final answer (a fresh
    /// timestamp each try, as a bank's client would), and moves on.
    static func agent(_ server: ServeProcess, _ signer: ServeSigner, _ tally: Tally) {
        while let i = tally.take() {
            let (account, minor) = payment(i)
            let object: [String: Any] = ["ref": "KILL-\(i)", "account_no": "K\(account)", "amount": amountText(minor),
                                         "paid_at": "2026-11-23T10:\(String(format: "%02d", i % 60)):00+07:00"]
            let deadline = Date().addingTimeInterval(180)
            while true {
                if Date() > deadline { tally.odd("KILL-\(i): no answer in 180 s"); break }
                do {
                    let a = try server.post("/v1/payments", object, as: signer, timeout: 20)
                    if a.status == 201 || a.status == 200 { tally.answered(i, a.status); break }
                    // A 5xx or 503 while shutting down is a "try again"; anything else is wrong.
                    if a.status < 500 { tally.odd("KILL-\(i): \(a)"); tally.answered(i, a.status); break }
                } catch {}
                tally.retried()
                usleep(30_000)
            }
        }
    }

    @Test func killNineDuringABurstLosesAndDoublesNothing() throws {
        let (t, va) = try Self.ledger()
        defer { t.cleanup() }
        let server = try ServeProcess(t)
        let tally = Tally()
        let done = DispatchGroup()
        for _ in 0..<Self.workers {
            done.enter()
            Thread { Self.agent(server, va, tally); done.leave() }.start()
        }
        // Kill it twice in the middle of the burst; each time start it again at once.
        var kills = 0
        for mark in [Self.payments / 3, Self.payments * 2 / 3] {
            let until = Date().addingTimeInterval(120)
            while tally.count < mark && Date() < until { usleep(2_000) }
            server.kill9()
            kills += 1
            usleep(200_000)
            try server.restart()
        }
        #expect(done.wait(timeout: .now() + 300) == .success, "the agents did not finish")
        #expect(server.stop() == 0, "SIGTERM: \(server.log.suffix(500))")
        #expect(tally.unexpected.isEmpty, "\(tally.unexpected.prefix(10))")
        #expect(tally.count == Self.payments)
        #expect(kills == 2)

        // Every ref once, with its amount.
        let rows = try t.sql("SELECT ref || ' ' || amount FROM credits WHERE channel = 'VA' AND ref LIKE 'KILL-%' ORDER BY ref")
        let expected = (0..<Self.payments).map { "KILL-\($0) \(Self.payment($0).minor)" }.sorted()
        #expect(rows.count == Self.payments, "\(rows.count) payments in the ledger, \(Self.payments) sent")
        #expect(rows == expected)
        // Each account's balance is its charge less what the agents paid into it.
        var owed = [Int64](repeating: 1_000_000_000, count: Self.accounts)
        for i in 0..<Self.payments { owed[Self.payment(i).account] -= Self.payment(i).minor }
        let balances = try t.sql("SELECT account_no || ' ' || (open_total - unapplied) FROM accounts ORDER BY account_no")
        #expect(balances == (0..<Self.accounts).map { "K\($0) \(owed[$0])" }.sorted())
        let book = try t.sql("SELECT sum(open_total - unapplied) FROM accounts")
        #expect(book == [String(owed.reduce(0, +))])
        // The caches agree with the entries and the audit chain is whole.
        try t.ok("check")
        print("kill -9 burst: \(Self.payments) payments, \(kills) kills, \(tally.retries) retries, "
              + "\(tally.answers.values.filter { $0 == 200 }.count) answered as duplicates")
    }

    /// A payment arriving while the nightly batch imports a big payments file of
    /// another channel: both are kept.
    @Test func aPaymentDuringABigImportIsKeptWithTheFile() throws {
        let (t, va) = try Self.ledger()
        defer { t.cleanup() }
        let rows = 30_000
        var csv = "account_no,ref,paid_on,amount,channel\n"
        var fileTotal: Int64 = 0
        for i in 0..<rows {
            csv += "K\(i % Self.accounts),NIGHT-\(i),2026-11-22,\(100 + i % 50).00,BANK_TRANSFER\n"
            fileTotal += Int64(100 + i % 50) * 100
        }
        try t.write("payments.csv", csv)
        let server = try ServeProcess(t)
        let importing = try t.start(["import", "payments", "payments.csv"], stdout: t.dir.appendingPathComponent("import.out"),
                                    stderr: t.dir.appendingPathComponent("import.err"))
        usleep(300_000)
        let during = importing.isRunning
        // A 503 (the import held the ledger past the busy timeout) is resent after its
        // Retry-After, as an agent would; the final answer must be 201.
        var a = ServeAnswer(status: 0, body: Data())
        var busy = 0
        for _ in 0..<120 {
            a = try server.post("/v1/payments", ["ref": "LIVE-1", "account_no": "K7", "amount": "12345.67",
                                                 "paid_at": "2026-11-23T09:00:00+07:00"], as: va, timeout: 120)
            guard a.status == 503 else { break }
            busy += 1
            sleep(1)
        }
        print("a payment during the import: \(a.status) after \(busy) busy answers")
        importing.waitUntilExit()
        #expect(a.status == 201, "\(a)")
        let importErrors = (try? t.read("import.err")) ?? ""
        #expect(importing.terminationStatus == 0, "\(importErrors)")
        #expect(server.stop() == 0)
        #expect(during, "the import had finished before the payment was sent; the test proves nothing")
        let night = try t.sql("SELECT count(*), sum(amount) FROM credits WHERE channel = 'BANK_TRANSFER' AND ref LIKE 'NIGHT-%'")
        #expect(night == ["\(rows)|\(fileTotal)"])
        let live = try t.sql("SELECT account_no || ' ' || amount FROM credits c JOIN accounts a ON a.id = c.account_id WHERE ref = 'LIVE-1'")
        #expect(live == ["K7 1234567"])
        try t.ok("check")
    }
}
