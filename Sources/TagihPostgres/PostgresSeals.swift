import Crypto
import Foundation

/// The row hash of the table seals (Sources/TagihStore/Database/TableSeals.swift)
/// computed from PostgreSQL values, byte for byte as SQLite's `tagih_row`
/// computes it, so a ledger's seals mean the same on both backends and
/// `migrate` carries the audit chain as it is:
///
///   SHA-256( "t" table 0x1F, then for each column: a tag and the value, 0x1F )
///   tags: "n" NULL · "i" decimal integer · "t" UTF-8 text · "b" raw bytes
///
/// A column a later migration added to a sealed table (`addedLater` there)
/// counts only when it holds a value: pass `alwaysHashed` = the number of
/// leading columns hashed even when NULL.
/// A seal is the sum of its rows' hashes modulo 2²⁵⁶ (`add`).
public enum PostgresSeals {
    public static func rowHash(table: String, _ values: [PGValue], alwaysHashed: Int? = nil) -> [UInt8] {
        var bytes: [UInt8] = [0x74]
        bytes.append(contentsOf: table.utf8)
        bytes.append(0x1F)
        for (i, v) in values.enumerated() {
            if i >= (alwaysHashed ?? values.count), v == .null { continue }
            switch v {
            case .null: bytes.append(0x6E)
            // SQLite keeps a flag as the integer 0 or 1: so does the schema here.
            case .int(let n): bytes.append(0x69); bytes.append(contentsOf: String(n).utf8)
            case .bool(let b): bytes.append(0x69); bytes.append(b ? 0x31 : 0x30)
            case .text(let s): bytes.append(0x74); bytes.append(contentsOf: s.utf8)
            case .bytes(let b): bytes.append(0x62); bytes.append(contentsOf: b)
            }
            bytes.append(0x1F)
        }
        return Array(SHA256.hash(data: bytes))
    }

    /// `a + b` modulo 2²⁵⁶, big-endian 32-byte values (the multiset sum of a seal).
    public static func add(_ a: [UInt8], _ b: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var carry = 0
        for i in (0..<32).reversed() {
            let s = Int(a[i]) + Int(b[i]) + carry
            out[i] = UInt8(s & 0xFF)
            carry = s >> 8
        }
        return out
    }

    public static let zero = [UInt8](repeating: 0, count: 32)

    public static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
}

extension PostgresSeals {
    /// A table's seal recomputed from its rows on the server, in one
    /// statement that calls none of the stored seal functions
    /// (`PostgresSealTriggers.recomputeSQL`): `check` on PostgreSQL.
    public static func recompute(_ db: PGConnection, table: String) throws(PostgresFailure) -> [UInt8] {
        bytes(hex: try db.query(PostgresSealTriggers.recomputeSQL(table)).first?.first?.text ?? "") ?? zero
    }

    /// The newest seal of `table` the audit trail recorded (through `meta`'s
    /// pointer `sealed_at.TABLE`, as on SQLite); zero when none.
    public static func newestRecorded(_ db: PGConnection, table: String) throws(PostgresFailure) -> [UInt8] {
        guard let text = try db.query("""
            SELECT a.seals FROM meta m JOIN audit a ON a.id = m.value::bigint WHERE m.key = $1
            """, [.text("sealed_at." + table)]).first?.first?.text else { return zero }
        return parse(text)[table] ?? zero
    }

    /// `table=hex;…` (an audit row's seals, `tagih_seal_take`'s text) by table.
    public static func parse(_ text: String) -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        for part in text.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            out[String(kv[0])] = bytes(hex: String(kv[1])) ?? zero
        }
        return out
    }

    /// 64 lower-case hex digits as 32 bytes (`Seal(hex:)`), else nil.
    public static func bytes(hex: String) -> [UInt8]? {
        let u = Array(hex.utf8)
        guard u.count == 64, u.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        return stride(from: 0, to: 64, by: 2).map { UInt8(String(decoding: u[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    /// SQLite's `TableSeals.record`: what audit row `id` records — each table
    /// the open transaction changed (`tagih_seal_take()`), with its new seal
    /// (the newest recorded plus the change) — as `table=hex;…`, moving each
    /// table's `meta` pointer `sealed_at.TABLE` to that row. Empty when the
    /// change touched no sealed table. Call it right before inserting the
    /// audit row, inside the same transaction.
    public static func record(_ db: PGConnection, auditID id: Int64) throws(PostgresFailure) -> String {
        let moved = parse(try db.query("SELECT tagih_seal_take()").first?.first?.text ?? "")
        var parts: [String] = []
        for (table, delta) in moved.sorted(by: { $0.key < $1.key }) {
            let seal = add(try newestRecorded(db, table: table), delta)
            parts.append("\(table)=\(hex(seal))")
            try db.execute("INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                           [.text("sealed_at." + table), .text(String(id))])
        }
        return parts.joined(separator: ";")
    }
}
