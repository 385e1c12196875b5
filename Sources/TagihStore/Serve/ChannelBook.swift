import Crypto
import Foundation
import GRDB
import TagihCore

/// A payment channel as `tagih channel list` shows it: never its secret.
public struct ChannelInfo: Sendable, Equatable {
    public var name: String
    /// Real clock times (UTC, ISO 8601) of its making and latest rotation.
    public var created: String
    public var rotated: String?
    /// Until when the secret before the latest rotation still works (R23).
    public var graceUntil: String?
}

/// The channels of `tagih serve` and their secrets (CONTRACT §11, R3, R17,
/// R23): admins and the batch login add and rotate them, audited; the
/// server reads the secrets in force.
public struct ChannelBook: Sendable {
    public let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    /// A new random 32-byte secret as 64 lowercase hex digits.
    static func newSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { raw in
            raw.map { b in String(b >> 4, radix: 16) + String(b & 0x0F, radix: 16) }.joined()
        }
    }

    /// Creates channel `name` and returns its secret (shown once).
    public func add(_ name: String, session: Session) throws -> String {
        try StoreError.require(.channels, session)
        if let fault = ChannelName.problem(name) { throw StoreError(.badName(name, fault)) }
        let secret = Self.newSecret()
        try database.write { db in
            if try db.int("SELECT 1 FROM channels WHERE name = ?", [.text(name)]) != nil {
                throw StoreError(ChannelProblem.exists(name))
            }
            // The id taken here (not the engine's rowid): the same number on both backends.
            _ = try db.execute("INSERT INTO channels(id, name, secret, created_at, created_by) VALUES (?, ?, ?, ?, ?)",
                               try db.nextID(in: "channels"), name, secret, AuditTrail.timestamp(session.recordedAt), session.user.login)
            try AuditTrail.append(db, session: session, action: "channel.add", subject: name, detail: "")
        }
        return secret
    }

    /// Gives channel `name` a new secret and returns it. Without a grace the
    /// old secret is refused at once; with one, it works `graceMinutes` more
    /// (measured on the real clock).
    public func rotate(_ name: String, graceMinutes: Int?, session: Session) throws -> String {
        try StoreError.require(.channels, session)
        let secret = Self.newSecret()
        let now = session.recordedAt
        try database.write { db in
            guard let old = try db.text("SELECT secret FROM channels WHERE name = ?", [.text(name)]) else {
                throw StoreError(ChannelProblem.unknown(name))
            }
            let until = graceMinutes.map { Int64(now.timeIntervalSince1970) + Int64($0) * 60 }
            _ = try db.execute("""
                UPDATE channels SET secret = ?, previous_secret = ?, grace_until = ?, rotated_at = ?, rotated_by = ? WHERE name = ?
                """, secret, until == nil ? nil : old, until, AuditTrail.timestamp(now), session.user.login, name)
            try AuditTrail.append(db, session: session, action: "channel.rotate", subject: name,
                                  detail: graceMinutes.map { "grace=\($0)m" } ?? "grace=none")
        }
        return secret
    }

    public func list(session: Session) throws -> [ChannelInfo] {
        try StoreError.require(.channels, session)
        return try database.read { db in
            try db.rows("SELECT name, created_at, rotated_at, grace_until FROM channels ORDER BY name").map { r in
                ChannelInfo(name: r.string("name"), created: r.string("created_at"), rotated: r.text("rotated_at"),
                            graceUntil: r.int("grace_until").map { AuditTrail.timestamp(Date(timeIntervalSince1970: TimeInterval($0))) })
            }
        }
    }

    /// The secrets each channel accepts at `now` (Unix seconds, the real
    /// clock): the current one, and the previous one while its grace lasts.
    public static func secrets(_ db: any LedgerSQL, now: Int64) throws -> [String: [SymmetricKey]] {
        var out: [String: [SymmetricKey]] = [:]
        for r in try db.rows("SELECT name, secret, previous_secret, grace_until FROM channels") {
            var keys: [SymmetricKey] = []
            if let s = r[1].text, let k = key(s) { keys.append(k) }
            if let prev = r[2].text, let until = r[3].int, now < until, let k = key(prev) { keys.append(k) }
            out[r[0].text ?? ""] = keys
        }
        return out
    }

    /// Through the seam: on a file as before, on a server in one read-only snapshot.
    public func secrets(now: Int64) throws -> [String: [SymmetricKey]] {
        try database.read { try Self.secrets($0, now: now) }
    }

    private static func key(_ hex: String) -> SymmetricKey? {
        guard let bytes = hexBytes(hex), bytes.count == 32 else { return nil }
        return SymmetricKey(data: bytes)
    }

    /// The bytes hex text spells (either case), or nil: a secret as stored,
    /// a signature as sent.
    public static func hexBytes(_ hex: String) -> [UInt8]? {
        let b = Array(hex.utf8)
        guard b.count % 2 == 0 else { return nil }
        func v(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(b.count / 2)
        for i in stride(from: 0, to: b.count, by: 2) {
            guard let hi = v(b[i]), let lo = v(b[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
        }
        return out
    }
}
