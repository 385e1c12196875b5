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
