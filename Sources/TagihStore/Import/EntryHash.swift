import Crypto
import Foundation

/// The fingerprint of the ledger rows one import batch posted.
///
/// Import hashes each row as it inserts it; `tagih check` rehashes the rows
/// carrying the batch's id and compares with the hash stored in the batch and
/// in its (hash-chained) audit row, so an edited or deleted ledger row is
/// detected even if the append-only triggers were dropped.
struct EntryHasher {
    private var charges = SHA256()
    private var credits = SHA256()
    private var reversals = SHA256()

    static func field(_ s: String?) -> String { s ?? "\u{2205}" }

    mutating func charge(id: Int64, accountID: Int64, source: String, ref: String, issue: Int64, due: Int64, amount: Int64, description: String?) {
        let line = "\(id)\u{1F}\(accountID)\u{1F}\(source)\u{1F}\(ref)\u{1F}\(issue)\u{1F}\(due)\u{1F}\(amount)\u{1F}\(Self.field(description))\n"
        charges.update(data: Data(line.utf8))
    }

    mutating func credit(id: Int64, accountID: Int64, source: String, channel: String, ref: String, date: Int64, amount: Int64, chargeID: Int64?, note: String?) {
        let line = "\(id)\u{1F}\(accountID)\u{1F}\(source)\u{1F}\(channel)\u{1F}\(ref)\u{1F}\(date)\u{1F}\(amount)\u{1F}\(Self.field(chargeID.map(String.init)))\u{1F}\(Self.field(note))\n"
        credits.update(data: Data(line.utf8))
    }

    mutating func reversal(id: Int64, accountID: Int64, ref: String, date: Int64, creditID: Int64, reason: String?) {
        let line = "\(id)\u{1F}\(accountID)\u{1F}\(ref)\u{1F}\(date)\u{1F}\(creditID)\u{1F}\(Self.field(reason))\n"
        reversals.update(data: Data(line.utf8))
    }

    func finalize() -> String {
        let parts = [charges.finalize().hex, credits.finalize().hex, reversals.finalize().hex].joined(separator: ":")
        return SHA256.hash(data: Data(parts.utf8)).hex
    }
}
