import Foundation
import Yams

/// docs/openapi.yaml as the conformance test reads it: which statuses each path
/// and method documents, and whether a JSON body fits the documented schema
/// (required properties, types, enums, patterns, dates). Only the parts of
/// JSON Schema the document uses are understood; anything else is reported as
/// a problem rather than silently passed.
struct ServeOpenAPI {
    let root: [String: Any]

    /// The document in the repository, found from this file's place in it.
    static let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/openapi.yaml")

    static func load() throws -> ServeOpenAPI {
        try ServeOpenAPI(yaml: String(contentsOf: url, encoding: .utf8))
    }

    init(yaml: String) throws {
        guard let root = try Yams.load(yaml: yaml) as? [String: Any] else { throw ServeUnanswered(description: "openapi.yaml is not a mapping") }
        self.root = root
    }

    /// The documented response for an answer to METHOD PATH with STATUS, or nil.
    func response(method: String, path: String, status: Int) -> [String: Any]? {
        let code = String(status)
        let paths = root["paths"] as? [String: Any] ?? [:]
        let unmatched = root["x-tagih-unmatched"] as? [String: Any] ?? [:]
        let responses: [String: Any]?
        if let item = paths[path] as? [String: Any] {
            if let op = item[method.lowercased()] as? [String: Any] {
                responses = op["responses"] as? [String: Any]
            } else {
                responses = unmatched["other-method"] as? [String: Any]
            }
        } else {
            responses = unmatched["unknown-path"] as? [String: Any]
        }
        return (responses?[code]).flatMap { resolve($0) }
    }

    /// Everything about an answer the document does not allow; empty when it conforms.
    func problems(method: String, path: String, status: Int, body: Data) -> [String] {
        guard let documented = response(method: method, path: path, status: status) else {
            return ["\(method) \(path): status \(status) is not documented"]
        }
        guard let content = documented["content"] as? [String: Any] else {
            return body.isEmpty ? [] : ["\(method) \(path) \(status): a body where the document has none"]
        }
        guard let media = content["application/json"] as? [String: Any], let schema = media["schema"] else {
            return ["\(method) \(path) \(status): the document has no application/json schema"]
        }
        guard let value = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) else {
            return ["\(method) \(path) \(status): the body is not JSON: \(String(decoding: body, as: UTF8.self))"]
        }
        return check(value, against: schema, at: "body").map { "\(method) \(path) \(status): \($0)" }
    }

    /// Follows a local `$ref` ("#/components/...").
    func resolve(_ node: Any) -> [String: Any]? {
        guard var map = node as? [String: Any] else { return nil }
        var hops = 0
        while let ref = map["$ref"] as? String, hops < 10 {
            var target: Any = root
            for key in ref.dropFirst(2).split(separator: "/") { target = (target as? [String: Any])?[String(key)] as Any }
            guard let next = target as? [String: Any] else { return nil }
            map = next
            hops += 1
        }
        return map
    }

    func check(_ value: Any, against node: Any, at where_: String) -> [String] {
        guard let schema = resolve(node) else { return ["\(where_): schema \(node) cannot be resolved"] }
        if let options = schema["oneOf"] as? [Any] {
            let fits = options.filter { check(value, against: $0, at: where_).isEmpty }.count
            return fits == 1 ? [] : ["\(where_): \(Self.show(value)) fits \(fits) of the oneOf choices, not exactly one"]
        }
        var found: [String] = []
        if let type = schema["type"] {
            let allowed = (type as? [Any] ?? [type]).compactMap { $0 as? String }
            if !allowed.contains(where: { Self.isOf($0, value) }) {
                return ["\(where_): \(Self.show(value)) is not of type \(allowed.joined(separator: " or "))"]
            }
        }
        if let choices = schema["enum"] as? [Any], let s = value as? String, !choices.contains(where: { ($0 as? String) == s }) {
            found.append("\(where_): \(s) is not one of \(choices)")
        }
        if let s = value as? String {
            if let pattern = schema["pattern"] as? String, s.range(of: pattern, options: .regularExpression) == nil {
                found.append("\(where_): \"\(s)\" does not match \(pattern)")
            }
            if (schema["format"] as? String) == "date", s.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) == nil {
                found.append("\(where_): \"\(s)\" is not a YYYY-MM-DD date")
            }
        }
        if let object = value as? [String: Any] {
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                found.append("\(where_): the required property \(key) is missing")
            }
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for (key, sub) in properties { if let v = object[key] { found += check(v, against: sub, at: "\(where_).\(key)") } }
        }
        return found
    }

    static func isOf(_ type: String, _ value: Any) -> Bool {
        switch type {
        case "object": return value is [String: Any]
        case "array": return value is [Any]
        case "string": return value is String
        case "null": return value is NSNull
        // (Foundation's JSON numbers and booleans are both NSNumber here; the
        // document has no boolean, so telling them apart is not needed.)
        case "boolean": return value is Bool
        case "number": return value is NSNumber
        case "integer": return (value as? NSNumber).map { $0.doubleValue == $0.doubleValue.rounded() } ?? false
        default: return false
        }
    }

    static func show(_ value: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]))
            .map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    }
}
