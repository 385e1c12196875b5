import Foundation
import Testing

/// `tagih serve` through the real binary and a signing client (CONTRACT §11,
/// R17–R19, R23). Figures worked by hand on `TagihRunner.serveLedger`:
/// account 8801 owes INV-1 100,000.00 (due 2026-11-15) and INV-2 50,000.00
/// (due 2026-12-20).
@Suite(.serialized) struct ServeCLITests {
    static let pay = #"{"ref":"P-1","account_no":"8801","amount":"30000.00","paid_at":"2026-11-25T10:00:00+07:00"}"#

    @Test func refusesWhatIsNotSignedRightAndPostsNothing() async throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let secret = try t.addChannel("VA")
        let other = try t.addChannel("QRIS")
        let s = try ServeHarness(t)
        // Unsigned, a wrong secret (another channel's), an unknown channel, a stale and a future timestamp, a forged signature.
        let now = Int64(Date().timeIntervalSince1970)
        let replies = [
            try await s.send("/v1/payments", Self.pay, secret: nil),
            try await s.send("/v1/payments", Self.pay, secret: other),
            try await s.send("/v1/payments", Self.pay, channel: "BANK", secret: secret),
            try await s.send("/v1/payments", Self.pay, channel: nil, secret: secret),
            // (Each timestamp read as it is sent: on a loaded machine this list took minutes once,
            // and a "future" stamp read at its start had come within the window.)
            try await s.send("/v1/payments", Self.pay, secret: secret, timestamp: Int64(Date().timeIntervalSince1970) - 301),
            try await s.send("/v1/payments", Self.pay, secret: secret, timestamp: Int64(Date().timeIntervalSince1970) + 400),
            try await s.send("/v1/payments", Self.pay, secret: secret, signature: String(repeating: "0", count: 64)),
        ]
        for r in replies {
            #expect(r.status == 401 && r.json["error"] is String, "\(r.status) \(r.text)")
        }
        // A signature over another body does not carry over.
        let sig = ServeHarness.sign(secret, timestamp: String(now), body: Data(Self.pay.utf8))
        let altered = try await s.send("/v1/payments", Self.pay.replacingOccurrences(of: "30000", with: "90000"), secret: secret,
                                       timestamp: now, signature: sig)
        #expect(altered.status == 401)
        // Oversize: 413 before anything else.
        let big = "{\"ref\":\"" + String(repeating: "x", count: 70_000) + "\"}"
        #expect(try await s.send("/v1/payments", big, secret: secret).status == 413)
        #expect(s.stop() == 0)
        #expect(try t.position("8801")["balance"] as? String == "150000.00", "nothing was posted")
        // The log has a line per request, without the secret.
        #expect(s.stderr.contains(" 401 ") && !s.stderr.contains(secret))
    }

    @Test func postsDuplicatesConflictsAndRejectsWithTheField() async throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let secret = try t.addChannel("VA")
        let s = try ServeHarness(t)
        let posted = try await s.send("/v1/payments", Self.pay, secret: secret)
        #expect(posted.status == 201 && posted.json["status"] as? String == "posted", "\(posted.text)")
        let again = try await s.send("/v1/payments", Self.pay, secret: secret)
        #expect(again.status == 200 && again.json["status"] as? String == "duplicate", "\(again.text)")
        let conflict = try await s.send("/v1/payments", Self.pay.replacingOccurrences(of: "30000.00", with: "30000.01"), secret: secret)
        #expect(conflict.status == 409 && (conflict.json["error"] as? String ?? "").contains("amount"), "\(conflict.text)")
        // A JSON number, read exactly from its digits: 20000.5 is 20,000.50.
        let number = try await s.send("/v1/payments", #"{"ref":"P-2","account_no":"8801","amount":20000.5,"paid_at":"2026-11-26T23:30:00-05:00","invoice_ref":"INV-2"}"#,
                                      secret: secret)
        #expect(number.status == 201, "\(number.text)")
        // Rows section 3 rejects: the field is named.
        let cases: [(String, String)] = [
            (#"{"ref":"P-3","account_no":"8801","paid_at":"2026-11-25T10:00:00+07:00"}"#, "amount"),
            (#"{"ref":"P-3","account_no":"9999","amount":"1.00","paid_at":"2026-11-25T10:00:00+07:00"}"#, "account_no"),
            (#"{"ref":"P-3","account_no":"8801","amount":"0","paid_at":"2026-11-25T10:00:00+07:00"}"#, "amount"),
            (#"{"ref":"P-3","account_no":"8801","amount":"1.001","paid_at":"2026-11-25T10:00:00+07:00"}"#, "amount"),
            (#"{"ref":"P-3","account_no":"8801","amount":1e3,"paid_at":"2026-11-25T10:00:00+07:00"}"#, "amount"),
            (#"{"ref":"P-3","account_no":"8801","amount":"1.00","paid_at":"2026-11-25T10:00:00"}"#, "paid_at"),
            // Years ahead of the server's clock: a mistyped year, never a payment made now.
            (#"{"ref":"P-3","account_no":"8801","amount":"1.00","paid_at":"2099-11-23T10:15:00+07:00"}"#, "paid_at"),
            (#"{"ref":"P-3","account_no":"8801","amount":"1.00","paid_at":"2026-11-25T10:00:00+07:00","invoice_ref":"NOPE"}"#, "invoice_ref"),
            (#"{"ref":"PLAN-1","account_no":"8801","amount":"1.00","paid_at":"2026-11-25T10:00:00+07:00"}"#, "ref"),
            (#"{"ref":"P-\u0007","account_no":"8801","amount":"1.00","paid_at":"2026-11-25T10:00:00+07:00"}"#, "ref"),
            (#"{"ref":7,"account_no":"8801","amount":"1.00","paid_at":"2026-11-25T10:00:00+07:00"}"#, "ref"),
        ]
        for (body, field) in cases {
            let r = try await s.send("/v1/payments", body, secret: secret)
            #expect(r.status == 422 && r.json["field"] as? String == field && r.json["error"] is String, "\(body): \(r.status) \(r.text)")
        }
        // Unparseable JSON: 400 with an error.
        for body in ["{\"ref\":", "not json", "[1,2]", #"{"ref":"a","ref":"b"}"#] {
            let r = try await s.send("/v1/payments", body, secret: secret)
            #expect(r.status == 400 && r.json["error"] is String, "\(body): \(r.status) \(r.text)")
        }
        // Unknown path 404, wrong method 405, both JSON.
        let missing = try await s.send("/v1/nothing", "{}", secret: secret)
        #expect(missing.status == 404 && missing.json["error"] is String)
        let get = try await s.send("/v1/payments", "", secret: secret, method: "GET")
        #expect(get.status == 405 && get.json["error"] is String)
        #expect(s.stop() == 0)
        // 150,000.00 - 30,000.00 - 20,000.50 = 99,999.50.
        let p = try t.position("8801")
        #expect(p["balance"] as? String == "99999.50")
        // P-2 was paid 26 Nov in its own offset (-05:00), though 27 Nov in Jakarta.
        let sql = try t.ok("statement", "8801", "--format", "csv")
        #expect(sql.contains("2026-11-26"), "\(sql)")
    }

    @Test func inquiryMasksTheNameAndTellsWhatIsDue() async throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let secret = try t.addChannel("VA")
        let s = try ServeHarness(t)
        let q = try await s.send("/v1/inquiry", #"{"account_no":"8801"}"#, secret: secret)
        #expect(q.status == 200, "\(q.text)")
        #expect(q.json["account_no"] as? String == "8801" && q.json["name"] as? String == "Budi S. W.")
        #expect(q.json["amount_due"] as? String == "150000.00" && q.json["currency"] as? String == "IDR")
        #expect(q.json["due_date"] as? String == "2026-11-15")
        // Pay INV-1 whole: 50,000.00 left, due with INV-2.
        #expect(try await s.send("/v1/payments", #"{"ref":"P-9","account_no":"8801","amount":"100000.00","paid_at":"2026-11-30T09:00:00+07:00"}"#,
                                 secret: secret).status == 201)
        let after = try await s.send("/v1/inquiry", #"{"account_no":"8801"}"#, secret: secret)
        #expect(after.json["amount_due"] as? String == "50000.00" && after.json["due_date"] as? String == "2026-12-20", "\(after.text)")
        // Nothing owed: 0.00 and no due date.
        let siti = try await s.send("/v1/inquiry", #"{"account_no":"8802"}"#, secret: secret)
        #expect(siti.status == 200 && siti.json["name"] as? String == "Siti" && siti.json["amount_due"] as? String == "0.00" && siti.json["due_date"] is NSNull,
                "\(siti.text)")
        #expect(try await s.send("/v1/inquiry", #"{"account_no":"7777"}"#, secret: secret).status == 404)
        #expect(try await s.send("/v1/inquiry", #"{}"#, secret: secret).json["field"] as? String == "account_no")
        #expect(s.stop() == 0)
        #expect(!s.stderr.contains("Santoso"), "the log never names the debtor")
    }

    @Test func reversalThenDuplicateThenUnknown() async throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let secret = try t.addChannel("VA")
        let s = try ServeHarness(t)
        #expect(try await s.send("/v1/payments", Self.pay, secret: secret).status == 201)
        let r = try await s.send("/v1/reversals", #"{"ref":"P-1","reason":"bank recalled"}"#, secret: secret)
        #expect(r.status == 201 && r.json["status"] as? String == "reversed", "\(r.text)")
        let again = try await s.send("/v1/reversals", #"{"ref":"P-1","reason":"bank recalled"}"#, secret: secret)
        #expect(again.status == 200 && again.json["status"] as? String == "duplicate", "\(again.text)")
        #expect(try await s.send("/v1/reversals", #"{"ref":"P-404","reason":"x"}"#, secret: secret).status == 404)
        #expect(try await s.send("/v1/reversals", #"{"ref":"P-1"}"#, secret: secret).json["field"] as? String == "reason")
        #expect(s.stop() == 0)
        #expect(try t.position("8801")["balance"] as? String == "150000.00", "the payment and its reversal cancel out")
        try t.ok("check")
    }

    @Test func rotationWithoutGraceRefusesTheOldSecretWithinTenSeconds() async throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let old = try t.addChannel("VA")
        let s = try ServeHarness(t)
        #expect(try await s.send("/v1/inquiry", #"{"account_no":"8801"}"#, secret: old).status == 200)
        let graced = try t.ok("channel", "rotate", "VA", "--grace", "10").trimmingCharacters(in: .newlines)
        #expect(try await s.send("/v1/inquiry", #"{"account_no":"8801"}"#, secret: graced).status == 200, "a new secret works at once")
        #expect(try await s.send("/v1/inquiry", #"{"account_no":"8801"}"#, secret: old).status == 200, "the old one through the grace")
        let fresh = try t.ok("channel", "rotate", "VA").trimmingCharacters(in: .newlines)
        let start = Date()
        var status = 200
        while status != 401, Date().timeIntervalSince(start) < 10.5 {
            status = try await s.send("/v1/inquiry", #"{"account_no":"8801"}"#, secret: graced).status
            if status != 401 { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(status == 401, "the secret before is refused within 10 s of a rotation without grace")
        #expect(try await s.send("/v1/inquiry", #"{"account_no":"8801"}"#, secret: fresh).status == 200)
        #expect(s.stop() == 0)
    }

    @Test func sigtermDuringABurstLosesNoAnsweredPayment() async throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let secret = try t.addChannel("VA")
        let s = try ServeHarness(t)
        let n = 60
        // Ten answered before the burst, so the check below never rests on timing alone.
        for i in 0..<10 {
            let body = #"{"ref":"B-\#(i)","account_no":"8802","amount":"1.00","paid_at":"2026-11-25T10:00:00+07:00"}"#
            #expect(try await s.send("/v1/payments", body, secret: secret).status == 201)
        }
        let burst = await withTaskGroup(of: (Int, Int).self) { group in
            for i in 10..<n {
                group.addTask {
                    let body = #"{"ref":"B-\#(i)","account_no":"8802","amount":"1.00","paid_at":"2026-11-25T10:00:00+07:00"}"#
                    let r = try? await s.send("/v1/payments", body, secret: secret)
                    return (i, r?.status ?? 0)
                }
                if i == n / 2 { group.addTask { try? await Task.sleep(for: .milliseconds(5)); s.process.terminate(); return (-1, 0) } }
            }
            var out: [Int: Int] = [:]
            for await (i, st) in group where i >= 0 { out[i] = st }
            return out
        }
        s.process.waitUntilExit()
        #expect(s.process.terminationStatus == 0, "\(s.stderr)")
        let posted = 10 + burst.filter { $0.value == 201 }.count
        // Each payment is 1.00 on an account that owed nothing: the credit is exactly the payments posted.
        let p = try t.position("8802")
        let unapplied = try #require(p["unapplied"] as? String)
        let inLedger = try #require(Int(unapplied.dropLast(3)))
        #expect(posted > 0 && unapplied.hasSuffix(".00"))
        // A request answered 201 is in; one cut off by the shutdown may be in or not, never twice.
        #expect(inLedger >= posted && inLedger <= n, "every answered payment is in the ledger: \(posted) answered, \(unapplied) posted")
    }

    @Test func aPaymentWhileTheNightlyFileImportsKeepsBoth() async throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let secret = try t.addChannel("VA")
        // A file big enough to hold the write lock a while: 30,000 payments of 1.00 on 8802.
        var file = "account_no,ref,paid_on,amount,channel\n"
        for i in 0..<30_000 { file += "8802,F-\(i),2026-11-20,1.00,VA\n" }
        // The same payment the endpoint takes (R17): one payment, not two.
        file += "8801,P-1,2026-11-25,30000.00,VA\n"
        try t.write("va.csv", file)
        let s = try ServeHarness(t)
        let importer = try t.start(["import", "payments", "va.csv"])
        var status = 0
        let start = Date()
        // A client retries until it gets an answer (a busy ledger may answer 500).
        while status != 201 && status != 200, Date().timeIntervalSince(start) < 60 {
            status = (try? await s.send("/v1/payments", Self.pay, secret: secret))?.status ?? 0
            if status >= 500 || status == 0 { try await Task.sleep(for: .milliseconds(100)) }
        }
        importer.waitUntilExit()
        #expect(importer.terminationStatus == 0)
        #expect(status == 201 || status == 200)
        #expect(s.stop() == 0)
        #expect(try t.position("8802")["unapplied"] as? String == "30000.00")
        // 150,000.00 - 30,000.00, once whichever came first.
        #expect(try t.position("8801")["balance"] as? String == "120000.00")
    }

    @Test func aLedgerHeldByAnotherWriterIsAnsweredRetryLaterAndNothingPosted() async throws {
        let t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let secret = try t.addChannel("VA")
        try t.write("config/tagih.toml", "[database]\nbusy_timeout_ms = 300\n")
        let s = try ServeHarness(t)
        let holder = try BusyLedgerCLITests.LockHolder(t.path("tagih.db"))
        let busy = try await s.send("/v1/payments", Self.pay, secret: secret)
        #expect(busy.status == 503 && busy.json["error"] is String, "\(busy.status) \(busy.text)")
        try holder.release()
        // The client's retry posts it, once.
        #expect(try await s.send("/v1/payments", Self.pay, secret: secret).status == 201)
        #expect(s.stop() == 0)
        #expect(try t.position("8801")["balance"] as? String == "120000.00")
    }

    @Test func whoMayServeAndWhere() throws {
        var t = try TagihRunner.serveLedger()
        defer { t.cleanup() }
        let s = try ServeHarness(t)
        // The port is taken: one sentence, exit 1.
        let taken = try t.run("serve", "--listen", "127.0.0.1:\(s.port)")
        #expect(taken.status == 1 && taken.stderr.contains("the address is in use"), "\(taken.stderr)")
        #expect(s.stop() == 0)
        for bad in ["8750", "127.0.0.1:", "127.0.0.1:70000", ":8750"] {
            #expect(try t.run("serve", "--listen", bad).status == 2, "--listen \(bad)")
        }
        try t.ok("user", "add", "col1", "--name", "Col", "--role", "collector")
        t.user = "col1"
        let refused = try t.run("serve", "--listen", "127.0.0.1:0")
        #expect(refused.status == 1 && !refused.stderr.contains("listening"), "\(refused.stderr)")
    }
}
