import Crypto
import Foundation
import TagihCore
import TagihStore

/// Request signatures (CONTRACT §11): `X-Tagih-Signature` is the hex
/// HMAC-SHA256 of `TIMESTAMP.BODY` under the channel's secret; the
/// timestamp lies within five minutes of the real clock (R2). Compared in
/// constant time by swift-crypto.
enum Signature {
    /// Whether `signature` signs `timestamp` and `body` under any of `keys`.
    static func valid(_ signature: String, timestamp: String, body: [UInt8], keys: [SymmetricKey]) -> Bool {
        guard let mac = ChannelBook.hexBytes(signature), mac.count == SHA256.byteCount else { return false }
        let signed = SignatureWindow.signedBytes(timestamp: timestamp, body: body)
        // Every key is tried, whichever matches: the time taken does not say which.
        var ok = false
        for key in keys where HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: signed, using: key) { ok = true }
        return ok
    }
}

/// The channels' secrets in force, read again from the ledger at most every
/// `refresh` seconds (R23: a rotation without grace reaches a running server
/// within 10 s), and when a signature does not verify with the keys held.
final class ChannelKeys: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: [String: [SymmetricKey]] = [:]
    /// When the keys were read, in monotonic milliseconds (nil: never yet).
    private var loadedAt: UInt64?
    /// When a read of them last failed, in monotonic milliseconds.
    private var failedAt: UInt64?
    /// Milliseconds after which they are read again; after which a failed signature may read them again.
    static let refresh: UInt64 = 5_000
    static let retry: UInt64 = 10

    init() {}

    /// The keys channel `name` accepts at `now` (empty: unknown channel), or
    /// nil when the ledger cannot be read for them now: the request is then
    /// answered 503, never judged by keys the ledger may no longer hold.
    /// `fresh`: read them again unless that was done in the last 10 ms —
    /// after a signature failed, so a new channel or secret works at once,
    /// while a flood of bad requests costs the ledger 100 small reads a second at most.
    /// `book`: the ledger read through (on a server, the calling reader thread's connection).
    func keys(for name: String, now: Int64, fresh: Bool = false, from book: ChannelBook) -> [SymmetricKey]? {
        lock.lock()
        defer { lock.unlock() }
        let ms = DispatchTime.now().uptimeNanoseconds / 1_000_000
        if let at = loadedAt, ms - at < Self.refresh, !fresh || ms - at < Self.retry {
            return keys[name] ?? []
        }
        // A read that failed in the last 10 ms is not tried again at once: a flood costs the ledger nothing more.
        if let failed = failedAt, ms - failed < Self.retry { return nil }
        do {
            keys = try book.secrets(now: now)
            loadedAt = ms
            failedAt = nil
        } catch {
            // Busy or unreadable: the client is told to retry (503), and the keys held are forgotten,
            // so no request is judged by them until a read succeeds again.
            failedAt = ms
            loadedAt = nil
            return nil
        }
        return keys[name] ?? []
    }
}
