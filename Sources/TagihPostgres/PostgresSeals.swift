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
    /// A table's seal recomputed from its rows on the server: each row's
    /// hash in SQL (`sha256` over the same bytes as `rowHash`: integers as
    /// decimal text, text as UTF-8), summed here modulo 2²⁵⁶.
    public static func recompute(_ db: PGConnection, table: String, columns: [String], alwaysHashed: Int) throws(PostgresFailure) -> [UInt8] {
        var types: [String: String] = [:]
        for r in try db.query("""
            SELECT column_name::text, data_type::text FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1
            """, [.text(table)]) {
            if let c = r[0].text, let t = r[1].text { types[c] = t }
        }
        let parts = columns.enumerated().map { i, c -> String in
            let tag = ["bigint", "integer", "smallint"].contains(types[c] ?? "") ? "'i' || \"\(c)\"::text" : "'t' || \"\(c)\""
            let null = i < alwaysHashed ? "'n' || chr(31)" : "''"
            return "CASE WHEN \"\(c)\" IS NULL THEN \(null) ELSE \(tag) || chr(31) END"
        }
        let sql = "SELECT sha256(convert_to('t' || $1 || chr(31) || \(parts.joined(separator: " || ")), 'UTF8')) FROM \"\(table)\""
        var seal = zero
        for r in try db.query(sql, [.text(table)]) {
            if case .bytes(let h) = r[0] { seal = add(seal, h) }
        }
        return seal
    }

    /// The newest seal of `table` the audit trail recorded (through `meta`'s
    /// pointer `sealed_at.TABLE`, as on SQLite); zero when none.
    public static func newestRecorded(_ db: PGConnection, table: String) throws(PostgresFailure) -> [UInt8] {
        guard let text = try db.query("""
            SELECT a.seals FROM meta m JOIN audit a ON a.id = m.value::bigint WHERE m.key = $1
            """, [.text("sealed_at." + table)]).first?.first?.text else { return zero }
        for part in text.split(separator: ";") where part.hasPrefix(table + "=") {
            let hex = Array(part.dropFirst(table.count + 1).utf8)
            guard hex.count == 64 else { return zero }
            return stride(from: 0, to: 64, by: 2).compactMap { UInt8(String(decoding: hex[$0..<$0 + 2], as: UTF8.self), radix: 16) }
        }
        return zero
    }
}
