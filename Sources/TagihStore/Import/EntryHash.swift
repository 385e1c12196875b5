import Crypto
import Foundation

/// The fingerprint of the ledger rows one import batch posted.
///
/// Import hashes each row as it inserts it; `tagih check` rehashes the rows
/// carrying the batch's id and compares with the hash stored in the batch and
/// in its (hash-chained) audit row, so an edited or deleted ledger row is
/// detected even if the append-only triggers were dropped.
struct EntryHasher {
    private var charges = Stream()
    private var credits = Stream()
    private var reversals = Stream()
    /// Reused for every row: hashing millions of rows allocates nothing.
    private var line: [UInt8] = []

    /// One SHA-256 fed in chunks of about 64 KiB: the digest of the
    /// concatenation is the same, without a hasher call per row.
    private struct Stream {
        var hash = SHA256()
        var pending: [UInt8] = []

        mutating func append(_ bytes: [UInt8]) {
            pending.append(contentsOf: bytes)
            if pending.count >= 65_536 {
                pending.withUnsafeBytes { hash.update(bufferPointer: $0) }
                pending.removeAll(keepingCapacity: true)
            }
        }

        func digest() -> String {
            var h = hash
            pending.withUnsafeBytes { h.update(bufferPointer: $0) }
            return h.finalize().hex
        }
    }

    private mutating func add(_ n: Int64) {
        // Decimal digits written last first into a small stack buffer, then
        // appended: String(n) would allocate per field.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { digits in
            var i = digits.count
            var m = n.magnitude
            repeat {
                i -= 1
                digits[i] = UInt8(truncatingIfNeeded: 0x30 &+ m % 10)
                m /= 10
            } while m > 0
            if n < 0 { i -= 1; digits[i] = 0x2D }
            line.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
        }
        line.append(0x1F)
    }

    private mutating func add(_ s: String?) {
        if let s { line.append(contentsOf: s.utf8) } else { line.append(contentsOf: [0xE2, 0x88, 0x85]) } // ∅
        line.append(0x1F)
    }

    mutating func charge(id: Int64, accountID: Int64, source: String, ref: String, issue: Int64, due: Int64, amount: Int64, description: String?) {
        line.removeAll(keepingCapacity: true)
        add(id); add(accountID); add(source); add(ref); add(issue); add(due); add(amount); add(description)
        charges.append(line)
    }

    mutating func credit(id: Int64, accountID: Int64, source: String, channel: String, ref: String, date: Int64, amount: Int64, chargeID: Int64?, note: String?) {
        line.removeAll(keepingCapacity: true)
        add(id); add(accountID); add(source); add(channel); add(ref); add(date); add(amount)
        if let chargeID { add(chargeID) } else { add(nil as String?) }
        add(note)
        credits.append(line)
    }

    mutating func reversal(id: Int64, accountID: Int64, ref: String, date: Int64, creditID: Int64, reason: String?) {
        line.removeAll(keepingCapacity: true)
        add(id); add(accountID); add(ref); add(date); add(creditID); add(reason)
        reversals.append(line)
    }

    func finalize() -> String {
        let parts = [charges.digest(), credits.digest(), reversals.digest()].joined(separator: ":")
        return SHA256.hash(data: Data(parts.utf8)).hex
    }
}
