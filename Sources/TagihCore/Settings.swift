/// Every setting Tagih reads, with its built-in default: Tagih runs with no
/// config file at all. `TagihConfig` fills this from `config/tagih.toml`.
public struct Settings: Sendable, Equatable {
    /// `database.path`: used when neither `--db` nor `TAGIH_DB` is given.
    public var databasePath: String = "tagih.db"
    /// `database.busy_timeout_ms`: how long a writer waits for another one.
    public var busyTimeoutMilliseconds: Int = 30_000
    /// `ledger.currency`.
    public var currency: Currency = .idr
    /// `ledger.default_timezone`: for accounts whose file gives none.
    public var defaultTimeZone: String = "Asia/Jakarta"
    /// `ledger.aging_buckets`: upper edges of the past-due buckets.
    public var buckets: Buckets = .standard
    /// `import.reject_threshold_percent`, in basis points (10% = 1000):
    /// a file with more rejected rows than this is refused whole.
    public var rejectThresholdBasisPoints: Int = 1000
    /// `ui.language`: `id`, `en`, or empty to follow `LANG`.
    public var language: String? = nil

    public init() {}

    /// Whether `rejected` of `rows` data rows is more than the threshold.
    public func refuses(rejected: Int, of rows: Int) -> Bool {
        rows > 0 && rejected * 10_000 > rejectThresholdBasisPoints * rows
    }
}
