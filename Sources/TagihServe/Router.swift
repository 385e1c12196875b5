import Crypto
import Foundation
import Hummingbird
import TagihCore
import TagihStore

/// Routes and answers one request (CONTRACT §11): the path, the method, the
/// body's size, the signature, then the JSON, in that order, so nothing
/// unsigned reaches the ledger and nothing oversized is read whole.
struct Endpoint: Sendable {
    let keys: ChannelKeys
    let place: LedgerPlace
    let writer: GroupWriter
    /// Where inquiries and channel secrets are read (LedgerThreads).
    let readers: LedgerThreads
    /// The 503 of a ledger that cannot be read now: a file moved or a server down.
    let unavailable: Answer
    let log: RequestLog
    let clock: ServeClock
    let currency: Currency

    static let paths: Set<String> = ["/v1/inquiry", "/v1/payments", "/v1/reversals"]
    /// The largest body read (64 KiB); a larger one is 413.
    static let largestBody = 65_536

    /// A header's value by its lower-case name (the first, when repeated).
    static func header(_ request: Request, _ name: String) -> String? {
        request.headers.first { $0.name.canonicalName == name }?.value
    }

    func respond(_ request: Request) async -> Response {
        let started = ContinuousClock.now
        var request = request
        let channel = Self.header(request, "x-tagih-channel")
        let answer = await handle(&request)
        let d = ContinuousClock.now - started
        log.line(channel: channel, method: request.method.rawValue, path: request.uri.path, status: Int(answer.status.code), ref: answer.ref,
                 milliseconds: Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        var response = answer.response
        if answer.status == .methodNotAllowed { response.headers[.allow] = "POST" }
        if answer.status == .serviceUnavailable { response.headers[.retryAfter] = "1" }
        return response
    }

    static let fileUnavailable = Answer.error(.serviceUnavailable, "the ledger cannot be read now (moved, replaced or its rights changed); retry shortly")
    static let serverUnavailable = Answer.error(.serviceUnavailable, "the ledger's database server cannot be reached now; retry shortly")

    /// The channel's keys at `now`, read on a reader (see `ChannelKeys.keys`).
    private func channelKeys(_ channel: String, now: Int64, fresh: Bool = false) async -> Keys? {
        let keys = self.keys
        return await readers.run { db in keys.keys(for: channel, now: now, fresh: fresh, from: ChannelBook(db)).map(Keys.init) }
    }

    private func handle(_ request: inout Request) async -> Answer {
        let path = request.uri.path
        guard Self.paths.contains(path) else { return .error(.notFound, "no such endpoint (POST /v1/inquiry, /v1/payments or /v1/reversals)") }
        guard request.method == .post else { return .error(.methodNotAllowed, "\(path) takes POST only") }
        // A declared length over the limit is refused before a byte of the body is read.
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > Self.largestBody {
            return .error(.contentTooLarge, "the body is larger than 64 KiB")
        }
        let body: [UInt8]
        do {
            let buffer = try await request.body.collect(upTo: Self.largestBody)
            body = Array(buffer.readableBytesView)
        } catch {
            return .error(.contentTooLarge, "the body is larger than 64 KiB")
        }
        guard let channel = Self.header(request, "x-tagih-channel"), let stamp = Self.header(request, "x-tagih-timestamp"),
              let signature = Self.header(request, "x-tagih-signature") else {
            return .error(.unauthorized, "unsigned request: X-Tagih-Channel, X-Tagih-Timestamp and X-Tagih-Signature are required")
        }
        let now = Int64(Date().timeIntervalSince1970)  // the real clock (R2)
        guard SignatureWindow.accepted(stamp, now: now) != nil else {
            return .error(.unauthorized, "X-Tagih-Timestamp is not Unix seconds within 300 seconds of the server's clock")
        }
        // The ledger first: while it is not the file opened, or its keys cannot be read,
        // nothing is judged by secrets read before (LedgerPlace) and the client retries.
        guard place.isThere, let held = await channelKeys(channel, now: now) else { return unavailable }
        // An unknown channel and a wrong secret are told apart to nobody.
        if !Signature.valid(signature, timestamp: stamp, body: body, keys: held.keys) {
            guard let fresh = await channelKeys(channel, now: now, fresh: true) else { return unavailable }
            guard Signature.valid(signature, timestamp: stamp, body: body, keys: fresh.keys) else {
                return .error(.unauthorized, "the signature does not verify for this channel, timestamp and body")
            }
        }
        let json: [String: JSONValue]
        do { json = try RequestJSON.object(body) } catch { return .error(.badRequest, error.reason) }
        do {
            switch path {
            case "/v1/inquiry": return try await inquiry(json)
            case "/v1/payments": return try await payment(json, channel: channel)
            default: return try await reversal(json, channel: channel)
            }
        } catch {
            return .error(.unprocessableContent, "\(error.field): \(error.reason)", field: error.field)
        }
    }

    private func inquiry(_ json: [String: JSONValue]) async throws(FieldProblem) -> Answer {
        let accountNo = try ServeRequests.inquiry(json)
        let today = clock.today()
        let read = await readers.run { db in Result { try PaymentDesk(db).inquiry(accountNo, today: today) } }
        switch read {
        case .success(let found?):
            var a = Answer.ok(.ok, [("account_no", Answer.json(found.accountNo)), ("name", Answer.json(found.maskedName)),
                                    ("amount_due", Answer.json(found.amountDue.machine(currency))), ("currency", Answer.json(currency.code)),
                                    ("due_date", found.dueDate.map { Answer.json($0.iso) } ?? "null")])
            a.ref = accountNo
            return a
        case .success(nil):
            var a = Answer.error(.notFound, "unknown account")
            a.ref = accountNo
            return a
        case .failure(let error):
            // A server down or lost: 503, retry; anything else 500, as before.
            if PaymentDesk.failure(error) == .unreachable { return unavailable }
            return .error(.internalServerError, "the ledger could not be read; try again")
        }
    }

    private func payment(_ json: [String: JSONValue], channel: String) async throws(FieldProblem) -> Answer {
        // The real clock, as for the signature (R2), with the same 5 minutes of skew.
        let fields = try ServeRequests.payment(json, latest: Int64(Date().timeIntervalSince1970) + 300)
        var a = answer(await writer.submit(.payment(channel: channel, fields: fields)))
        a.ref = fields.first { $0.0 == "ref" }?.1
        return a
    }

    private func reversal(_ json: [String: JSONValue], channel: String) async throws(FieldProblem) -> Answer {
        let (ref, reason) = try ServeRequests.reversal(json)
        var a = answer(await writer.submit(.reversal(channel: channel, ref: ref, reason: reason, day: clock.today())))
        a.ref = ref
        return a
    }

    private func answer(_ d: DeskAnswer) -> Answer {
        switch d {
        case .posted: .ok(.created, [("status", Answer.json("posted"))])
        case .reversed: .ok(.created, [("status", Answer.json("reversed"))])
        case .duplicate: .ok(.ok, [("status", Answer.json("duplicate"))])
        case .conflict(let why): .error(.conflict, why)
        case .invalid(let field, let why): .error(.unprocessableContent, why, field: field)
        case .notFound(let why): .error(.notFound, why)
        case .busy: .error(.serviceUnavailable, "not posted: the ledger is busy with another writer; retry shortly")
        case .unavailable: .error(.serviceUnavailable, "not posted: the ledger cannot be read now (moved, replaced or its rights changed); retry shortly")
        case .unreachable: .error(.serviceUnavailable, "not posted: the ledger's database server cannot be reached now; retry shortly")
        case .failed(let why): .error(.internalServerError, "not posted: \(why)")
        }
    }
}

/// Keys handed from a reader thread to the request (SymmetricKey is a value the handler only reads).
struct Keys: @unchecked Sendable {
    var keys: [SymmetricKey]
}
