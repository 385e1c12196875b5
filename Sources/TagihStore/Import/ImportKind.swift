/// The four files billing sends, and their columns (CONTRACT §3).
public enum ImportKind: String, Sendable, CaseIterable {
    case accounts, charges, payments, adjustments

    var required: [String] {
        switch self {
        case .accounts: ["account_no", "name"]
        case .charges: ["account_no", "ref", "issue_date", "due_date", "amount"]
        case .payments: ["account_no", "ref", "paid_on", "amount", "channel"]
        case .adjustments: ["account_no", "ref", "date", "kind"]
        }
    }

    var optional: [String] {
        switch self {
        case .accounts: ["phone", "email", "address", "timezone", "segment", "collector"]
        case .charges: ["description"]
        case .payments: ["invoice_ref"]
        case .adjustments: ["amount", "invoice_ref", "payment_ref", "channel", "due_date", "reason"]
        }
    }
}

/// What one import did, for the summary line and the nightly log.
public struct ImportSummary: Sendable {
    public var kind: ImportKind
    public var file: String
    public var rowsRead = 0
    public var posted = 0
    public var duplicates = 0
    public var rejected = 0
    public var dryRun = false
    /// The file was refused whole (too many rejects): nothing posted.
    public var refused = false
    /// The same content was imported before: nothing posted.
    public var alreadyImported = false
    public var rejectsPath: String?
    /// The first rejected rows, for standard error.
    public var sampleRejects: [(line: Int, reason: String)] = []
    public var batchID: Int64?
    /// The file was posted as a bulk load (cache indexes rebuilt once at the end).
    var bulkLoad = false

    /// The one summary line every run prints.
    public var line: String {
        if alreadyImported {
            return "\(file): already imported (same content as an earlier file); nothing posted"
        }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        // A dry run or a refused file posts nothing: its count is what would have posted.
        let verb = dryRun || refused ? "would post" : "posted"
        var s = "\(file): \(plural(rowsRead, "row")) read, \(posted) \(verb), \(plural(duplicates, "duplicate")), \(rejected) rejected"
        if dryRun { s = "dry run, nothing written: " + s }
        if refused { s += "; file refused, nothing posted" }
        if let r = rejectsPath { s += " (see \(r))" }
        return s
    }
}
