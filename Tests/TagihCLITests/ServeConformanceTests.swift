import Foundation
import Testing

/// The real `tagih serve`, seen from outside: every kind of request a collecting
/// agent (or an attacker) sends, each answer's status checked against what the
/// test expects and its status and body held to docs/openapi.yaml.
@Suite(.serialized) struct ServeConformanceTests {
    /// A ledger with two accounts and two open charges of ACC001, channel VA.
    static func ledger() throws -> (TagihRunner, ServeSigner) {
        let t = try TagihRunner()
        try t.ok("init")
        try t.write("accounts.csv", """
            account_no,name,timezone
            ACC001,Budi Santoso Wibowo,Asia/Jakarta
            ACC002,Siti Aminah,Asia/Makassar

            """)
        try t.write("charges.csv", """
            account_no,ref,issue_date,due_date,amount,description
            ACC001,INV-1,2026-10-01,2026-10-25,1250000.00,Tagihan Oktober
            ACC001,INV-2,2026-11-01,2026-11-25,500000.00,Tagihan November

            """)
        try t.ok("import", "accounts", "accounts.csv")
        try t.ok("import", "charges", "charges.csv")
        let secret = try t.addChannel("VA")
        #expect(secret.range(of: "^[0-9a-f]{64}$", options: .regularExpression) != nil, "channel add printed \(secret)")
        return (t, ServeSigner(channel: "VA", secret: secret))
    }

    /// One exchange: the answer must have the expected status and conform to the document.
    struct Exchange {
        let server: ServeProcess
        let spec: ServeOpenAPI

        @discardableResult
        func expect(_ status: Int, method: String = "POST", _ path: String, body: Data, headers: [(String, String)],
                    sourceLocation: SourceLocation = #_sourceLocation) throws -> ServeAnswer {
            let a: ServeAnswer
            do {
                a = try ServeHTTP.send(port: server.currentPort, method: method, path: path, body: body, headers: headers)
            } catch {
                // Which request got no answer, and what the server said on the way down.
                throw ServeUnanswered(description: "\(method) \(path) \(String(decoding: body.prefix(200), as: UTF8.self)): \(error)\n"
                                      + String(server.log.suffix(1500)))
            }
            #expect(a.status == status, "\(method) \(path) \(String(decoding: body.prefix(200), as: UTF8.self)): expected \(status), got \(a)",
                    sourceLocation: sourceLocation)
            let problems = spec.problems(method: method, path: path, status: a.status, body: a.body)
            #expect(problems.isEmpty, "\(problems.joined(separator: "; "))", sourceLocation: sourceLocation)
            return a
        }
    }

    static func json(_ object: [String: Any]) -> Data {
        try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    @Test func everyKindOfRequestIsAnsweredAsDocumented() throws {
        let spec = try ServeOpenAPI.load()
        let (t, va) = try Self.ledger()
        defer { t.cleanup() }
        let server = try ServeProcess(t)
        defer { server.stop() }
        let x = Exchange(server: server, spec: spec)
        @discardableResult func signed(_ path: String, _ object: [String: Any], _ status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws -> ServeAnswer {
            let body = Self.json(object)
            return try x.expect(status, path, body: body, headers: va.headers(body), sourceLocation: sourceLocation)
        }
        let paid = "2026-11-23T10:15:00+07:00"

        // Inquiry: masked name, 1,250,000 + 500,000 due, the oldest open charge's due date.
        let inquiry = try signed("/v1/inquiry", ["account_no": "ACC001"], 200)
        #expect(inquiry.json?["name"] as? String == "Budi S. W.")
        #expect(inquiry.json?["amount_due"] as? String == "1750000.00")
        #expect(inquiry.json?["currency"] as? String == "IDR")
        #expect(inquiry.json?["due_date"] as? String == "2026-10-25")
        let nothingDue = try signed("/v1/inquiry", ["account_no": "ACC002"], 200)
        #expect(nothingDue.json?["amount_due"] as? String == "0.00")
        #expect(nothingDue.json?["due_date"] is NSNull, "\(nothingDue)")
        try signed("/v1/inquiry", ["account_no": "ACC404"], 404)

        // Payments: posted, the same again, the same ref with another amount.
        let answer_1 = try signed("/v1/payments", ["ref": "P-1", "account_no": "ACC001", "amount": "150000.00", "paid_at": paid], 201)
        #expect(answer_1.json?["status"] as? String == "posted")
        let answer_2 = try signed("/v1/payments", ["ref": "P-1", "account_no": "ACC001", "amount": "150000.00", "paid_at": paid], 200)
        #expect(answer_2.json?["status"] as? String == "duplicate")
        try signed("/v1/payments", ["ref": "P-1", "account_no": "ACC001", "amount": "150001.00", "paid_at": paid], 409)
        // An amount as a JSON number, read exactly from its text (2500.5 is not a binary fraction).
        let numeric = Data(#"{"account_no":"ACC001","amount":2500.5,"paid_at":"2026-11-23T03:15:00Z","ref":"P-4"}"#.utf8)
        try x.expect(201, "/v1/payments", body: numeric, headers: va.headers(numeric))

        // Rows section 3 rejects: 422 naming the field.
        for (object, field) in [
            (["ref": "P-2", "account_no": "ACC001", "amount": "abc", "paid_at": paid], "amount"),
            (["ref": "P-2", "account_no": "ACC001", "amount": "-5.00", "paid_at": paid], "amount"),
            (["ref": "P-2", "account_no": "ACC001", "amount": "1.001", "paid_at": paid], "amount"),
            (["ref": "P-3", "account_no": "ACC404", "amount": "1000.00", "paid_at": paid], "account_no"),
            (["ref": "P-5", "account_no": "ACC001", "amount": "1000.00"], "paid_at"),
            (["ref": "P-5", "account_no": "ACC001", "amount": "1000.00", "paid_at": "23/11/2026"], "paid_at"),
            (["account_no": "ACC001", "amount": "1000.00", "paid_at": paid], "ref"),
            (["ref": "PLAN-9", "account_no": "ACC001", "amount": "1000.00", "paid_at": paid], "ref"),
            (["ref": "P-6", "account_no": "ACC001", "amount": "1000.00", "paid_at": paid, "invoice_ref": "INV-404"], "invoice_ref"),
        ] as [([String: Any], String)] {
            let a = try signed("/v1/payments", object, 422)
            #expect(a.json?["field"] as? String == field, "\(object): \(a)")
        }

        // Unsigned, wrong, stale or unknown: 401, nothing posted.
        let u = Self.json(["ref": "U-1", "account_no": "ACC001", "amount": "1000.00", "paid_at": paid])
        try x.expect(401, "/v1/payments", body: u, headers: [])
        try x.expect(401, "/v1/payments", body: u, headers: va.headers(u).filter { $0.0 != "X-Tagih-Signature" })
        try x.expect(401, "/v1/payments", body: u, headers: ServeSigner(channel: "VA", secret: String(repeating: "0", count: 64)).headers(u))
        try x.expect(401, "/v1/payments", body: u, headers: va.headers(u, timestamp: Int(Date().timeIntervalSince1970) - 301))
        try x.expect(401, "/v1/payments", body: u, headers: va.headers(u, timestamp: Int(Date().timeIntervalSince1970) + 330))
        try x.expect(401, "/v1/payments", body: u, headers: ServeSigner(channel: "QRIS", secret: va.secret).headers(u))
        // The signature of another body: a replayed header set cannot carry new content.
        let other = Self.json(["ref": "U-1", "account_no": "ACC001", "amount": "9000.00", "paid_at": paid])
        try x.expect(401, "/v1/payments", body: other, headers: va.headers(u))

        // Oversize, malformed, unknown path, wrong method.
        let big = Data(("{\"ref\":\"" + String(repeating: "x", count: 70_000) + "\"}").utf8)
        try x.expect(413, "/v1/payments", body: big, headers: va.headers(big))
        for bad in ["{\"ref\": ", "[1,2]", "not json", ""] {
            let b = Data(bad.utf8)
            try x.expect(400, "/v1/payments", body: b, headers: va.headers(b))
        }
        try x.expect(400, "/v1/payments", body: Data(#"{"ref":"P-7","ref":"P-8"}"#.utf8), headers: va.headers(Data(#"{"ref":"P-7","ref":"P-8"}"#.utf8)))
        let inq = Self.json(["account_no": "ACC001"])
        try x.expect(404, "/v1/nothing", body: inq, headers: va.headers(inq))
        try x.expect(404, "/v1/nothing", body: inq, headers: [])
        try x.expect(404, "/", body: inq, headers: va.headers(inq))
        try x.expect(405, method: "GET", "/v1/payments", body: Data(), headers: va.headers(Data()))
        try x.expect(405, method: "PUT", "/v1/inquiry", body: inq, headers: va.headers(inq))

        // Reversals: reversed, again a duplicate, an unknown ref.
        let answer_3 = try signed("/v1/reversals", ["ref": "P-1", "reason": "bank recalled the transfer"], 201)
        #expect(answer_3.json?["status"] as? String == "reversed")
        let answer_4 = try signed("/v1/reversals", ["ref": "P-1", "reason": "bank recalled the transfer"], 200)
        #expect(answer_4.json?["status"] as? String == "duplicate")
        try signed("/v1/reversals", ["ref": "P-404", "reason": "no such payment"], 404)
        try signed("/v1/reversals", ["ref": "P-4"], 422)

        // 1,750,000.00 - 2,500.50 (P-1 reversed): the ledger holds exactly P-1 and P-4.
        let after = try signed("/v1/inquiry", ["account_no": "ACC001"], 200)
        #expect(after.json?["amount_due"] as? String == "1747499.50")
        let credits = try t.sql("SELECT ref || ' ' || amount FROM credits WHERE channel = 'VA' ORDER BY ref")
        #expect(credits == ["P-1 15000000", "P-4 250050"])
        let reversals = try t.sql("SELECT count(*) FROM reversals")
        #expect(reversals == ["1"])
        #expect(server.stop() == 0)
        // One log line per request, never the secret or the debtor's name.
        let log = server.log
        #expect(!log.contains(va.secret) && !log.contains("Santoso"))
        #expect(log.contains("/v1/payments") && log.contains("P-4"))
    }

    /// The test fails when the server answers what the document lacks: a status not
    /// listed for the path, a body without a required property or of another type.
    @Test func theDocumentRefusesWhatItDoesNotDescribe() throws {
        let spec = try ServeOpenAPI.load()
        let ok = Self.json(["status": "posted"])
        #expect(spec.problems(method: "POST", path: "/v1/payments", status: 201, body: ok).isEmpty)
        #expect(!spec.problems(method: "POST", path: "/v1/payments", status: 418, body: ok).isEmpty)
        #expect(!spec.problems(method: "POST", path: "/v1/payments", status: 404, body: Self.json(["error": "x"])).isEmpty)
        #expect(!spec.problems(method: "POST", path: "/v1/payments", status: 502, body: Self.json(["error": "x"])).isEmpty)
        #expect(!spec.problems(method: "POST", path: "/v1/payments", status: 201, body: Self.json(["state": "posted"])).isEmpty)
        #expect(!spec.problems(method: "POST", path: "/v1/payments", status: 201, body: Self.json(["status": "queued"])).isEmpty)
        #expect(!spec.problems(method: "POST", path: "/v1/payments", status: 201, body: Data("posted".utf8)).isEmpty)
        #expect(!spec.problems(method: "POST", path: "/v1/payments", status: 422, body: Self.json(["error": 3])).isEmpty)
        #expect(!spec.problems(method: "POST", path: "/v1/payments", status: 422, body: Self.json(["message": "bad"])).isEmpty)
        let inquiry: [String: Any] = ["account_no": "A", "name": "Budi S.", "amount_due": "10.00", "currency": "IDR", "due_date": NSNull()]
        #expect(spec.problems(method: "POST", path: "/v1/inquiry", status: 200, body: Self.json(inquiry)).isEmpty)
        var numeric = inquiry; numeric["amount_due"] = 10
        #expect(!spec.problems(method: "POST", path: "/v1/inquiry", status: 200, body: Self.json(numeric)).isEmpty)
        var badDate = inquiry; badDate["due_date"] = "25/10/2026"
        #expect(!spec.problems(method: "POST", path: "/v1/inquiry", status: 200, body: Self.json(badDate)).isEmpty)
        var missing = inquiry; missing.removeValue(forKey: "currency")
        #expect(!spec.problems(method: "POST", path: "/v1/inquiry", status: 200, body: Self.json(missing)).isEmpty)
        #expect(spec.problems(method: "POST", path: "/v1/nowhere", status: 404, body: Self.json(["error": "no such path"])).isEmpty)
        #expect(!spec.problems(method: "POST", path: "/v1/nowhere", status: 200, body: ok).isEmpty)
        #expect(spec.problems(method: "GET", path: "/v1/payments", status: 405, body: Self.json(["error": "method"])).isEmpty)
        #expect(!spec.problems(method: "GET", path: "/v1/payments", status: 200, body: ok).isEmpty)
    }
}
