import Crypto
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A running `tagih serve` of a test ledger and a client that signs its
/// requests as a collecting agent would (CONTRACT §11).
final class ServeHarness: @unchecked Sendable {
    let t: TagihRunner
    let process: Process
    let port: Int
    let errURL: URL
    let session: URLSession

    /// Starts `tagih serve --listen 127.0.0.1:0` and reads the port from its first stderr line.
    init(_ t: TagihRunner, extra: [String] = []) throws {
        self.t = t
        errURL = t.dir.appendingPathComponent("serve-\(UUID().uuidString).err")
        process = try t.start(["serve", "--listen", "127.0.0.1:0"] + extra, stderr: errURL)
        guard let found = Self.port(errURL, of: process) else {
            if process.isRunning { process.terminate() }
            throw HarnessError("serve did not start: \((try? String(contentsOf: errURL, encoding: .utf8)) ?? "")")
        }
        port = found
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = 60
        session = URLSession(configuration: config)
    }

    /// The port of the start line (`prefix`: its words before HOST:PORT, in the reader's language) that `process` writes
    /// to `errURL`, waiting up to 30 s; nil if it never comes.
    static func port(_ errURL: URL, of process: Process, prefix: String = "listening on 127.0.0.1:") -> Int? {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, process.isRunning {
            let text = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) { return Int(line.split(separator: ":").last!) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return nil
    }

    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    struct HarnessError: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    struct Reply {
        var status: Int
        var json: [String: Any]
        var text: String
        /// The Retry-After header, when the answer has one.
        var retryAfter: String? = nil
    }

    static func sign(_ secret: String, timestamp: String, body: Data) -> String {
        let key = SymmetricKey(data: hexBytes(secret))
        let mac = HMAC<SHA256>.authenticationCode(for: Data(timestamp.utf8) + Data(".".utf8) + body, using: key)
        return mac.map { String(format: "%02x", $0) }.joined()
    }

    static func hexBytes(_ hex: String) -> [UInt8] {
        var out: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            out.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        return out
    }

    /// POSTs `body` to `path`, signed with `secret` for `channel` unless told otherwise.
    func send(_ path: String, _ body: String, channel: String? = "VA", secret: String?, timestamp: Int64? = nil,
              method: String = "POST", signature: String? = nil) async throws -> Reply {
        try await Self.send(port: port, path, body, channel: channel, secret: secret, timestamp: timestamp, method: method,
                            signature: signature, session: session)
    }

    /// The same, to a server on `port` that this harness did not start.
    static func send(port: Int, _ path: String, _ body: String, channel: String? = "VA", secret: String?, timestamp: Int64? = nil,
                     method: String = "POST", signature: String? = nil,
                     session: URLSession = URLSession(configuration: .ephemeral)) async throws -> Reply {
        var r = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        r.httpMethod = method
        let data = Data(body.utf8)
        if method != "GET" { r.httpBody = data }
        r.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let stamp = String(timestamp ?? Int64(Date().timeIntervalSince1970))
        if let channel { r.setValue(channel, forHTTPHeaderField: "X-Tagih-Channel") }
        if let secret {
            r.setValue(stamp, forHTTPHeaderField: "X-Tagih-Timestamp")
            r.setValue(signature ?? Self.sign(secret, timestamp: stamp, body: data), forHTTPHeaderField: "X-Tagih-Signature")
        }
        let (d, response) = try await session.data(for: r)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        let text = String(decoding: d, as: UTF8.self)
        let json = (try? JSONSerialization.jsonObject(with: d)) as? [String: Any] ?? [:]
        return Reply(status: status, json: json, text: text,
                     retryAfter: (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Retry-After"))
    }

    /// SIGTERM, and the exit status.
    func stop() -> Int32 {
        process.terminate()
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { if process.isRunning { process.terminate(); process.waitUntilExit() } }
}

extension TagihRunner {
    /// A ledger with two accounts and two charges on Budi's (worked by hand in the tests):
    /// 8801 Budi Santoso Wijaya: INV-1 100,000.00 due 2026-11-15, INV-2 50,000.00 due 2026-12-20;
    /// 8802 Siti: nothing.
    static func serveLedger() throws -> TagihRunner {
        let t = try TagihRunner()
        try t.ok("init")
        try t.write("accounts.csv", "account_no,name\n8801,Budi Santoso Wijaya\n8802,Siti\n")
        try t.ok("import", "accounts", "accounts.csv")
        try t.write("charges.csv", """
            account_no,ref,issue_date,due_date,amount
            8801,INV-1,2026-11-01,2026-11-15,100000.00
            8801,INV-2,2026-11-20,2026-12-20,50000.00

            """)
        try t.ok("import", "charges", "charges.csv")
        return t
    }

    /// `tagih channel add NAME`: its secret.
    func addChannel(_ name: String) throws -> String {
        try ok("channel", "add", name).trimmingCharacters(in: .newlines)
    }

    /// An account's JSON position.
    func position(_ accountNo: String) throws -> [String: Any] {
        let out = try ok("account", accountNo, "--format", "json")
        return try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] ?? [:]
    }
}
