import Hummingbird
import TagihCore

/// The endpoint's answers: JSON bodies, errors as `{"error", "field"?}`
/// (CONTRACT §11).
struct Answer: Sendable {
    var status: HTTPResponse.Status
    /// Members in order, each a JSON value already rendered.
    var members: [(String, String)]
    /// The request's ref, for the log line.
    var ref: String?

    static func ok(_ status: HTTPResponse.Status, _ members: [(String, String)]) -> Answer {
        Answer(status: status, members: members)
    }

    static func error(_ status: HTTPResponse.Status, _ message: String, field: String? = nil) -> Answer {
        var m = [("error", json(message))]
        if let field { m.append(("field", json(field))) }
        return Answer(status: status, members: m)
    }

    var body: String { "{" + members.map { "\(Self.json($0.0)):\($0.1)" }.joined(separator: ",") + "}" }

    var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body + "\n")))
    }

    /// A JSON string (exact; controls as \u escapes).
    static func json(_ s: String) -> String { JSONString.quoted(s) }
}
