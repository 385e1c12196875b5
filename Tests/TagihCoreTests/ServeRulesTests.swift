import Testing
@testable import TagihCore

/// The pure parts of `tagih serve` (CONTRACT §11, R2, R17, R18).
@Suite struct ServeRulesTests {
    @Test func maskedNames() {
        #expect(MaskedName.of("Budi Santoso Wijaya") == "Budi S. W.")
        #expect(MaskedName.of("  Siti  ") == "Siti")
        #expect(MaskedName.of("Ni Luh Putu Ayu") == "Ni L. P. A.")
        #expect(MaskedName.of("Érik ömer") == "Érik ö.")
        #expect(MaskedName.of("") == "")
    }

    @Test func timestampWindow() {
        let now: Int64 = 1_780_000_000
        #expect(SignatureWindow.accepted("1780000000", now: now) == now)
        #expect(SignatureWindow.accepted("1780000300", now: now) == now + 300)
        #expect(SignatureWindow.accepted("1779999700", now: now) == now - 300)
        #expect(SignatureWindow.accepted("1780000301", now: now) == nil)
        #expect(SignatureWindow.accepted("1779999699", now: now) == nil)
        for bad in [nil, "", "-5", "+1780000000", "1780000000.0", " 1780000000", "17800000000000"] {
            #expect(SignatureWindow.accepted(bad, now: now) == nil, "\(String(describing: bad))")
        }
        #expect(SignatureWindow.signedBytes(timestamp: "12", body: [0x7B, 0x7D]) == Array("12.{}".utf8))
    }

    @Test func paidAtIsTheDateInItsOwnOffset() {
        #expect(PaidAt.day("2026-11-26T23:30:00-05:00")?.iso == "2026-11-26")
        #expect(PaidAt.day("2026-11-26T23:30:00.123+07:00")?.iso == "2026-11-26")
        #expect(PaidAt.day("2026-11-26T23:30Z")?.iso == "2026-11-26")
        #expect(PaidAt.day("2026-11-26T23:30:00+0700")?.iso == "2026-11-26")
        // The instant: the same moment in three offsets.
        let utc = Int64(Day(iso: "2026-11-26")!.ordinal) * 86_400 + 16 * 3_600 + 30 * 60
        #expect(PaidAt.moment("2026-11-26T23:30:00+07:00")?.instant == utc)
        #expect(PaidAt.moment("2026-11-26T16:30Z")?.instant == utc)
        #expect(PaidAt.moment("2026-11-26T11:30:00-05:00")?.instant == utc)
        #expect(PaidAt.moment("2026-11-26T11:30:00-05:00")?.day.iso == "2026-11-26")
        for bad in ["2026-11-26T23:30:00", "2026-11-26", "2026-02-30T10:00:00Z", "2026-11-26T24:00:00Z", "2026-11-26T10:00:00+7",
                    "2026-11-26T10:00:00+07:00x", "2026-11-26 10:00:00Z"] {
            #expect(PaidAt.day(bad) == nil, "\(bad)")
        }
    }

    @Test func channelNames() {
        for good in ["VA", "QRIS", "BCA_VA", "bank-1.x"] { #expect(ChannelName.problem(good) == nil) }
        let bad: [(String, ChannelName.Fault)] = [("", .empty), ("V A", .characters), ("VA\n", .characters), ("Ä", .characters),
                                                   (String(repeating: "A", count: 33), .tooLong)]
        for (name, fault) in bad { #expect(ChannelName.problem(name) == fault, "\(name)") }
    }

    @Test func jsonKeepsNumberLiterals() throws {
        let o = try RequestJSON.object(Array(#" {"amount": 150000.50, "n": -0, "s": "a\u00e9\ud83d\ude00\n", "x": [1, {"y": null}], "t": true} "#.utf8))
        #expect(o["amount"] == .number("150000.50"))
        #expect(o["n"] == .number("-0"))
        #expect(o["s"] == .string("aé😀\n"))
        #expect(o["x"] == .composite && o["t"] == .bool(true))
        // A number beyond a Double's 53 bits keeps every digit.
        #expect(try RequestJSON.object(Array(#"{"a":92233720368547758.07}"#.utf8))["a"] == .number("92233720368547758.07"))
        for bad in ["", "[]", "{", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":\"\u{1}\"}", "{\"a\":1} x", "{\"a\":1,\"a\":2}",
                    "{\"a\":\"\\ud800\"}", "{'a':1}"] {
            #expect(throws: JSONProblem.self, "\(bad)") { try RequestJSON.object(Array(bad.utf8)) }
        }
        #expect(throws: JSONProblem.self) { try RequestJSON.object([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) }
    }

    @Test func paymentFieldsAreTheImportsColumns() throws {
        let body = try RequestJSON.object(Array(#"{"ref":"R1","account_no":"8801","amount":20000.5,"paid_at":"2026-11-26T23:30:00-05:00","invoice_ref":null}"#.utf8))
        let fields = try ServeRequests.payment(body)
        #expect(fields.map(\.0) == ["ref", "account_no", "amount", "paid_on"])
        #expect(fields.map(\.1) == ["R1", "8801", "20000.5", "2026-11-26"])
        // Never in the future by the server's clock: four minutes ahead is skew, ten is refused.
        let now = Int64(Day(iso: "2026-11-26")!.ordinal) * 86_400 + 3 * 3_600  // 10:00 WIB
        func at(_ t: String) -> [String: JSONValue] { ["ref": .string("R"), "account_no": .string("1"), "amount": .string("1"), "paid_at": .string(t)] }
        #expect((try? ServeRequests.payment(at("2026-11-26T10:04:00+07:00"), latest: now + 300)) != nil)
        #expect(throws: FieldProblem("paid_at", "2026-11-26T10:10:00+07:00 is in the future by the server's clock")) {
            try ServeRequests.payment(at("2026-11-26T10:10:00+07:00"), latest: now + 300)
        }
        #expect(throws: FieldProblem.self) { try ServeRequests.payment(at("2099-11-23T10:15:00+07:00"), latest: now + 300) }
        #expect(throws: FieldProblem("amount", "missing")) { try ServeRequests.payment(["ref": .string("R"), "account_no": .string("1"), "paid_at": .string("x")]) }
        #expect(throws: FieldProblem("ref", "must be a string")) { try ServeRequests.reversal(["ref": .number("1"), "reason": .string("x")]) }
        #expect(throws: FieldProblem("account_no", "missing")) { try ServeRequests.inquiry(["account_no": .string("")]) }
    }
}
