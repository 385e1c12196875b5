import TagihCore

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
        case .accounts: ["phone", "email", "address", "timezone", "segment", "collector", "language", "va_number"]
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

    /// The one summary line every run prints (in English: scripts and cron logs read it).
    public var line: String { Strings(.en).importLine(result, dryRun: dryRun) }

    /// What became of the file, as the nightly log keeps it.
    public var result: NightlyFile {
        NightlyFile(file: file, read: rowsRead, posted: posted, duplicates: duplicates, rejected: rejected, rejects: rejectsPath,
                    refused: refused, alreadyImported: alreadyImported)
    }
}
