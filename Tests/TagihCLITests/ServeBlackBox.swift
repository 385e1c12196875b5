import Crypto
import Testing
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One HTTP answer from `tagih serve`.
struct ServeAnswer: CustomStringConvertible {
    var status: Int
    var body: Data
    var text: String { String(decoding: body, as: UTF8.self) }
    /// The body as a JSON object, or nil when it is not one.
    var json: [String: Any]? { try? JSONSerialization.jsonObject(with: body) as? [String: Any] }
    var description: String { "\(status) \(text)" }
}

/// The request could not be sent or got no whole answer (refused, reset, timed out):
/// what a client that retries retries on.
struct ServeUnanswered: Error, CustomStringConvertible {
    var description: String
}

/// Signs requests the way CONTRACT §11 says: hex HMAC-SHA256 of "TIMESTAMP.BODY"
/// under the channel's secret (the 32 bytes its 64 printed hex digits spell).
struct ServeSigner {
    let channel: String
    let secret: String

    func headers(_ body: Data, timestamp: Int = Int(Date().timeIntervalSince1970)) -> [(String, String)] {
        [("X-Tagih-Channel", channel), ("X-Tagih-Timestamp", String(timestamp)),
         ("X-Tagih-Signature", Self.signature(secret: secret, timestamp: timestamp, body: body))]
    }

    static func signature(secret: String, timestamp: Int, body: Data) -> String {
        var message = Data("\(timestamp).".utf8)
        message.append(body)
        var key = [UInt8]()
        var digits = secret.utf8.makeIterator()
        while let hi = digits.next(), let lo = digits.next() {
            // A secret that is not hex (a test's wrong secret) still signs, just wrongly.
            key.append((UInt8(String(UnicodeScalar(hi)), radix: 16) ?? 0) << 4 | (UInt8(String(UnicodeScalar(lo)), radix: 16) ?? 0))
        }
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}

/// A minimal HTTP/1.1 client over a blocking loopback socket, so a test controls
/// every byte (oversize bodies, unknown methods, no headers) and sees resets as
/// they are rather than through a URL loading system's retries.
enum ServeHTTP {
    static func send(port: Int, method: String = "POST", path: String, body: Data = Data(),
                     headers: [(String, String)] = [], timeout: Int = 30) throws -> ServeAnswer {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServeUnanswered(description: "socket: errno \(errno)") }
        defer { close(fd) }
        var tv = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServeUnanswered(description: "connect to port \(port): errno \(errno)") }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Type: application/json\r\n"
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        var request = Data((head + "\r\n").utf8)
        request.append(body)
        // A server may answer (413) and close before reading the whole body: a failed
        // write is not yet a failed request, the answer may be waiting to be read.
        request.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = Glibc.send(fd, raw.baseAddress! + sent, raw.count - sent, Int32(MSG_NOSIGNAL))
                if n <= 0 { break }
                sent += n
            }
        }
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = recv(fd, &chunk, chunk.count, 0)
            if n > 0 { received.append(contentsOf: chunk[0..<n]); if let a = parse(received, complete: false) { return a }; continue }
            if n == 0 { break }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { throw ServeUnanswered(description: "no answer within \(timeout) s") }
            break // ECONNRESET: whatever arrived is all there is
        }
        if let a = parse(received, complete: true) { return a }
        throw ServeUnanswered(description: "connection closed after \(received.count) bytes without a whole answer")
    }

    /// The answer in `data` once it is whole (by Content-Length, chunks, or the close).
    static func parse(_ data: Data, complete: Bool) -> ServeAnswer? {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[data.startIndex..<end.lowerBound], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
        var fields: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let rest = Data(data[end.upperBound...])
        if let length = fields["content-length"].flatMap(Int.init) {
            return rest.count >= length ? ServeAnswer(status: status, body: rest.prefix(length)) : nil
        }
        if fields["transfer-encoding"]?.lowercased() == "chunked" {
            var body = Data(), i = rest.startIndex
            while let lineEnd = rest[i...].range(of: Data("\r\n".utf8)) {
                let sizeText = String(decoding: rest[i..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";")[0]
                guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
                if size == 0 { return ServeAnswer(status: status, body: body) }
                let start = lineEnd.upperBound
                guard rest.endIndex - start >= size + 2 else { return nil }
                body.append(rest[start..<start + size])
                i = start + size + 2
            }
            return nil
        }
        return complete || status == 204 || status == 304 ? ServeAnswer(status: status, body: rest) : nil
    }
}

/// `tagih serve --listen 127.0.0.1:0` in a ledger's folder: started, killed,
/// restarted, stopped; its port read from the `listening on HOST:PORT` line.
final class ServeProcess: @unchecked Sendable {
    let runner: TagihRunner
    private(set) var process: Process
    private(set) var port: Int
    private(set) var logs: [URL] = []
    private let lock = NSLock()
    /// Options after `serve --listen 127.0.0.1:0` (a PostgreSQL ledger's `--db URI`).
    let extra: [String]

    init(_ runner: TagihRunner, extra: [String] = []) throws {
        self.runner = runner
        self.extra = extra
        (process, port) = (Process(), 0)
        try launch()
    }

    /// The port of the server running now (it changes when it is restarted).
    var currentPort: Int { lock.lock(); defer { lock.unlock() }; return port }

    /// Everything the server processes wrote on stderr so far.
    var log: String { logs.map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }.joined() }

    private func launch() throws {
        let log = runner.dir.appendingPathComponent("serve-\(logs.count).log")
        let p = try runner.start(["serve", "--listen", "127.0.0.1:0"] + extra, stderr: log)
        logs.append(log)
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }),
               let colon = line.lastIndex(of: ":"), let found = Int(line[line.index(after: colon)...]) {
                lock.lock(); (process, port) = (p, found); lock.unlock()
                return
            }
            if !p.isRunning { throw ServeUnanswered(description: "tagih serve exited \(p.terminationStatus): \(text)") }
            usleep(20_000)
        }
        p.terminate()
        throw ServeUnanswered(description: "tagih serve printed no `listening on` line in 120 s")
    }

    /// SIGKILL: no chance to finish anything.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func restart() throws { try launch() }

    /// SIGTERM and wait; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A signed POST of a JSON object to the running server.
    func post(_ path: String, _ object: [String: Any], as signer: ServeSigner, timeout: Int = 30) throws -> ServeAnswer {
        let body = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return try ServeHTTP.send(port: currentPort, path: path, body: body, headers: signer.headers(body), timeout: timeout)
    }

    /// A signed POST of raw bytes.
    func post(_ path: String, raw body: Data, as signer: ServeSigner, timeout: Int = 30) throws -> ServeAnswer {
        try ServeHTTP.send(port: currentPort, path: path, body: body, headers: signer.headers(body), timeout: timeout)
    }
}

extension TagihRunner {
    /// One column of SQL rows from the ledger (the sqlite3 CLI, read-only).
    func sql(_ query: String) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = ["-readonly", path("tagih.db"), query]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
