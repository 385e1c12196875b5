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
    /// `[contact]`: the contact policy's rules (preset `ojk` or `regf`, then overrides).
    public var contactRules: ContactRules = .ojk
    /// `contact.holidays`: the days of the holiday file, with their names.
    public var holidays: [Day: String] = [:]
    /// Where the holidays came from (a path, or the built-in copy), for messages.
    public var holidaysSource: String = "built-in"
    /// `[outcomes]`: outcome codes and their flags.
    public var outcomes: OutcomeTable = .standard
    /// `promises.horizon_days`: how far after the contact a promise may fall due.
    public var promiseHorizonDays: Int = 30
    /// `promises.grace_days`: payments up to this many days after the due date still keep a promise.
    public var promiseGraceDays: Int = 2

    /// `[plans]`: the longest plan per role, in instalments and calendar
    /// months (nil: no limit). CONTRACT §8 defaults.
    public var planLongest: [Role: Int?] = [.collector: 6, .lead: 12, .admin: nil]

    /// `[company]`: the creditor named on agreement letters.
    public var companyName: String = "PT Tagih Nusantara"
    public var companyCity: String = "Jakarta"

    /// The contact policy these settings give.
    public var contactPolicy: ContactPolicy { ContactPolicy(rules: contactRules, holidays: holidays) }

    public init() {}

    /// Whether `rejected` of `rows` data rows is more than the threshold.
    public func refuses(rejected: Int, of rows: Int) -> Bool {
        rows > 0 && rejected * 10_000 > rejectThresholdBasisPoints * rows
    }
}
