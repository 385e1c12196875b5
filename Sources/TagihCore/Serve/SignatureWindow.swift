/// The replay window of a signed request (CONTRACT §11, R2): its
/// `X-Tagih-Timestamp` is Unix seconds within five minutes of the server's
/// real clock, either way. The clock is the caller's: the core reads none.
public enum SignatureWindow {
    public static let seconds: Int64 = 300

    /// The timestamp when the header holds one inside the window around
    /// `now`; nil for a missing, malformed or stale one (all are 401).
    public static func accepted(_ header: String?, now: Int64) -> Int64? {
        guard let text = header, (1...12).contains(text.utf8.count), text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let t = Int64(text) else { return nil }
        return abs(t - now) <= seconds ? t : nil
    }

    /// The bytes a request's signature covers: `TIMESTAMP.` and the raw body.
    public static func signedBytes(timestamp: String, body: [UInt8]) -> [UInt8] {
        Array(timestamp.utf8) + [0x2E] + body
    }
}
