import GRDB
import TagihCore

/// What the book has ever been charged and credited, kept in `meta` as
/// entries post (`charged_total`, `credited_total`). Every figure a report
/// adds up — a past day's aging, a period's sales or collections, roll
/// rates — is a sum of some of these entries, so while both totals fit
/// Int64 no report can overflow on what Tagih accepted (CONTRACT §1, R9).
/// An import that would take either past the range is refused whole.
/// `check` recomputes both.
enum BookTotals {
    static let chargedKey = "charged_total"
    static let creditedKey = "credited_total"

    /// Adds a file's (or a posting's) entries to the totals, or throws the
    /// overflow that refuses it. A ledger made before the totals were kept
    /// gets them computed once here.
    static func add(_ db: Database, charged: Int64, credited: Int64) throws { try add(SQLiteSQL(db), charged: charged, credited: credited) }

    static func add(_ db: any LedgerSQL, charged: Int64, credited: Int64) throws {
        let (c, d) = try current(db)
        let (newCharged, o1) = c.addingReportingOverflow(charged)
        let (newCredited, o2) = d.addingReportingOverflow(credited)
        if o1 || o2 { throw StoreError.overflow("the book's total \(o1 ? "charged" : "credited")") }
        try db.setMeta(chargedKey, String(newCharged))
        try db.setMeta(creditedKey, String(newCredited))
    }

    /// Makes sure the totals are kept before entries are posted (a ledger
    /// made before they were is summed once), so `add` counts each entry once.
    static func prime(_ db: Database) throws { try prime(SQLiteSQL(db)) }

    static func prime(_ db: any LedgerSQL) throws {
        guard try db.meta(chargedKey) == nil || db.meta(creditedKey) == nil else { return }
        try recompute(db)
    }

    /// The totals as kept, else as the entries give them.
    static func current(_ db: any LedgerSQL) throws -> (charged: Int64, credited: Int64) {
        if let c = try db.meta(chargedKey).flatMap({ Int64($0) }), let d = try db.meta(creditedKey).flatMap({ Int64($0) }) { return (c, d) }
        return try summed(db)
    }

    /// The totals from the entries themselves (SQLite's integer sum fails
    /// rather than wrap: a ledger already beyond the range says so).
    static func summed(_ db: Database) throws -> (charged: Int64, credited: Int64) { try summed(SQLiteSQL(db)) }

    /// (PostgreSQL sums bigint as numeric: a total beyond 64 bits reads as
    /// no integer, and is the same overflow.)
    static func summed(_ db: any LedgerSQL) throws -> (charged: Int64, credited: Int64) {
        do {
            let c = try db.row("SELECT coalesce(sum(amount), 0) FROM charges")?[0]
            let d = try db.row("SELECT coalesce(sum(amount), 0) FROM credits")?[0]
            guard let charged = c?.int, let credited = d?.int else { throw StoreError.overflow("the book's total") }
            return (charged, credited)
        } catch let e as DatabaseError where (e.message ?? "").contains("integer overflow") {
            throw StoreError.overflow("the book's total")
        }
    }

    /// Records the totals from the entries (a ledger built in one go).
    static func recompute(_ db: Database) throws { try recompute(SQLiteSQL(db)) }

    static func recompute(_ db: any LedgerSQL) throws {
        let (c, d) = try summed(db)
        try db.setMeta(chargedKey, String(c))
        try db.setMeta(creditedKey, String(d))
    }

    /// What `check` says when the kept totals differ from the entries.
    static func problems(_ db: any LedgerSQL) throws -> [String] {
        guard let c = try db.meta(chargedKey).flatMap({ Int64($0) }), let d = try db.meta(creditedKey).flatMap({ Int64($0) }) else { return [] }
        let (sc, sd): (Int64, Int64)
        do { (sc, sd) = try summed(db) } catch { return ["the book's charges or credits add up beyond what Tagih can hold"] }
        var out: [String] = []
        if c != sc { out.append("the book's kept total charged \(c) differs from its charges \(sc)") }
        if d != sd { out.append("the book's kept total credited \(d) differs from its credits \(sd)") }
        return out
    }
}
