import Foundation
import TagihCore

/// One line per request on standard error (the issue: no secrets, no full
/// names): the real time, the channel, method and path, status, the ref when
/// there is one, and milliseconds. Values from the request are made visible
/// and cut, so a hostile header cannot forge a line or drive a terminal.
final class RequestLog: @unchecked Sendable {
    private let lock = NSLock()

    func line(channel: String?, method: String, path: String, status: Int, ref: String?, milliseconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        let ms = (milliseconds * 10).rounded() / 10
        let text = [UTCStamp.text(seconds: Date().timeIntervalSince1970), Self.cut(channel ?? "-"), "\(method) \(Self.cut(path))", String(status),
                    Self.cut(ref ?? "-"), "\(ms)ms"].joined(separator: " ")
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    func say(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        FileHandle.standardError.write(Data((TextField.visible(text) + "\n").utf8))
    }

    /// Visible, one word, at most 64 characters.
    static func cut(_ s: String) -> String {
        let v = TextField.visible(String(s.prefix(64))).replacingOccurrences(of: " ", with: "_")
        return v.isEmpty ? "-" : v
    }
}
