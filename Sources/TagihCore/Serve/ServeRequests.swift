/// A request field that is missing or of the wrong kind: answered 422 with
/// the field named (CONTRACT §11).
public struct FieldProblem: Error, Equatable, Sendable {
    public var field: String
    public var reason: String
    public init(_ field: String, _ reason: String) { self.field = field; self.reason = reason }
}

/// The endpoint's request bodies as the import's row fields (section 3
/// column names), so a payment that arrives through `serve` is validated and
/// posted by the very code that posts a payments file (one code path, R17).
/// Only the JSON shape is judged here; the values are judged as a file's.
public enum ServeRequests {
    /// `POST /v1/payments`: ref, account_no, amount, paid_on (the date of
    /// `paid_at` in its own offset, R18) and invoice_ref when given.
    /// `latest`: the last instant (Unix seconds) a payment can have been
    /// made, the server's clock plus its skew: a payment reported the moment
    /// it is made is never in the future (a mistyped year would otherwise
    /// stand in the ledger as paid years ahead).
    public static func payment(_ body: [String: JSONValue], latest: Int64? = nil) throws(FieldProblem) -> [(String, String)] {
        let ref = try text(body, "ref")
        let account = try text(body, "account_no")
        let amount: String
        switch body["amount"] {
        case .string(let s)?: amount = s
        case .number(let literal)?: amount = literal  // exact: the digits as sent
        case nil, .null?: throw FieldProblem("amount", "missing")
        default: throw FieldProblem("amount", "must be a decimal string such as \"150000.00\" (or a JSON number)")
        }
        let paidAt = try text(body, "paid_at")
        guard let (day, instant) = PaidAt.moment(paidAt) else {
            throw FieldProblem("paid_at", "bad moment \(TextField.quoted(paidAt)) (expected ISO 8601 with an offset, such as 2026-03-14T10:15:00+07:00)")
        }
        if let latest, instant > latest {
            throw FieldProblem("paid_at", "\(TextField.quoted(paidAt)) is in the future by the server's clock")
        }
        var fields = [("ref", ref), ("account_no", account), ("amount", amount), ("paid_on", day.iso)]
        if let invoice = try optionalText(body, "invoice_ref") { fields.append(("invoice_ref", invoice)) }
        return fields
    }

    /// `POST /v1/reversals`: the payment's ref and the reason.
    public static func reversal(_ body: [String: JSONValue]) throws(FieldProblem) -> (ref: String, reason: String) {
        (try text(body, "ref"), try text(body, "reason"))
    }

    /// `POST /v1/inquiry`: the account number.
    public static func inquiry(_ body: [String: JSONValue]) throws(FieldProblem) -> String {
        try text(body, "account_no")
    }

    static func text(_ body: [String: JSONValue], _ name: String) throws(FieldProblem) -> String {
        guard let v = try optionalText(body, name) else { throw FieldProblem(name, "missing") }
        return v
    }

    /// A string member; absent, null or empty is nil (as an empty CSV field).
    static func optionalText(_ body: [String: JSONValue], _ name: String) throws(FieldProblem) -> String? {
        switch body[name] {
        case nil, .null?: return nil
        case .string(let s)?: return s.isEmpty ? nil : s
        default: throw FieldProblem(name, "must be a string")
        }
    }
}
