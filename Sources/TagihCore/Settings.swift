/// The settings that bind everyone working on a ledger (CONTRACT §1a, R7):
/// stored in the ledger, recorded by `tagih init`, changed only with
/// `tagih rules load`, and used by every command and terminal whatever
/// config file it is given. A config file can no longer widen them for one
/// person (contact hours running all night, a longer plan).
public struct Rules: Sendable, Equatable {
    /// `ledger.currency`.
    public var currency: Currency = .idr
    /// `ledger.default_timezone`: for accounts whose file gives none.
    public var defaultTimeZone: String = "Asia/Jakarta"
    /// `ledger.aging_buckets`: upper edges of the past-due buckets.
    public var buckets: Buckets = .standard
    /// `import.reject_threshold_percent`, in basis points (10% = 1000):
    /// a file with more rejected rows than this is refused whole.
    public var rejectThresholdBasisPoints: Int = 1000
    /// `import.max_text_bytes` and `import.max_code_bytes`: the longest field
    /// an import row may hold (issue 15); a longer one rejects the row.
    public var importLimits: ImportLimits = .standard
    /// `[contact]`: the contact policy's rules (preset `ojk` or `regf`, then overrides).
    public var contactRules: ContactRules = .ojk
    /// `contact.holidays`: the holidays with their names (the dates
    /// themselves are the rule, never a path that could change under it).
    public var holidays: [Day: String] = [:]
    /// `contact.backdate_hours`: how far in the past `contact log --at` may
    /// name a moment (CONTRACT §1a).
    public var backdateHours: Int = 24
    /// `[outcomes]`: outcome codes and their flags.
    public var outcomes: OutcomeTable = .standard
    /// `promises.horizon_days`: how far after the contact a promise may fall due.
    public var promiseHorizonDays: Int = 30
    /// `promises.grace_days`: payments up to this many days after the due date still keep a promise.
    public var promiseGraceDays: Int = 2
    /// `[plans]`: the longest plan per role, in instalments and calendar
    /// months (nil: no limit). CONTRACT §8 defaults.
    public var planLongest: [Role: Int?] = [.collector: 6, .lead: 12, .admin: nil]
    /// `cases.working_days`: a case is due this many working days after the
    /// day it was opened (CONTRACT §9; OJK gives 10); `cases.extension_days`:
    /// the one extension adds this many more.
    public var caseWorkingDays: Int = 10
    public var caseExtensionDays: Int = 10
    /// `[company]`: the creditor named on agreement letters.
    public var companyName: String = "PT Tagih Nusantara"
    public var companyCity: String = "Jakarta"
    /// `ledger.default_language`: a debtor's language when the accounts file gives none.
    public var defaultLanguage: Language = .id
    /// `[[reminders]]`: the staged messages (CONTRACT §10).
    public var reminders: [ReminderStage] = ReminderStage.standard
    /// `[letters]`: the warning letters' thresholds and sender.
    public var letters: LetterRules = LetterRules()
    /// `[profiles.NAME]`: channel file profiles (CONTRACT §11), by name.
    public var profiles: [ChannelProfile] = []

    public init() {}
}

/// What each person sets for themselves in their config file: it changes
/// how Tagih looks and where it finds the ledger, never what anyone may do.
public struct PersonalSettings: Sendable, Equatable {
    /// `database.path`: used when neither `--db` nor `TAGIH_DB` is given.
    public var databasePath: String = "tagih.db"
    /// `database.busy_timeout_ms`: how long a writer waits for another one.
    public var busyTimeoutMilliseconds: Int = 30_000
    /// `database.passfile`: the PostgreSQL password file (else PGPASSFILE, else ~/.pgpass).
    public var databasePassfile: String? = nil
    /// `ui.language`: `id`, `en`, or nil to follow `LANG`.
    public var language: String? = nil
    /// `remind.out`: where the reminder files go (a later feature).
    public var remindOut: String? = nil

    public init() {}
}

/// Every setting Tagih reads, with its built-in default: Tagih runs with no
/// config file at all. The personal part comes from the config file, the
/// rules from the ledger (`TagihConfig` reads both). The properties below
/// forward to the two parts, so code that reads a setting need not know
/// which kind it is.
public struct Settings: Sendable, Equatable {
    public var rules: Rules = Rules()
    public var personal: PersonalSettings = PersonalSettings()
    /// Where the rules' holidays came from (a path, the built-in copy, the ledger), for messages.
    public var holidaysSource: String = "built-in"

    public init() {}
    public init(rules: Rules, personal: PersonalSettings) { self.rules = rules; self.personal = personal }

    public var databasePath: String { get { personal.databasePath } set { personal.databasePath = newValue } }
    public var busyTimeoutMilliseconds: Int { get { personal.busyTimeoutMilliseconds } set { personal.busyTimeoutMilliseconds = newValue } }
    public var language: String? { get { personal.language } set { personal.language = newValue } }

    public var currency: Currency { get { rules.currency } set { rules.currency = newValue } }
    public var defaultTimeZone: String { get { rules.defaultTimeZone } set { rules.defaultTimeZone = newValue } }
    public var buckets: Buckets { get { rules.buckets } set { rules.buckets = newValue } }
    public var rejectThresholdBasisPoints: Int { get { rules.rejectThresholdBasisPoints } set { rules.rejectThresholdBasisPoints = newValue } }
    public var contactRules: ContactRules { get { rules.contactRules } set { rules.contactRules = newValue } }
    public var holidays: [Day: String] { get { rules.holidays } set { rules.holidays = newValue } }
    public var backdateHours: Int { get { rules.backdateHours } set { rules.backdateHours = newValue } }
    public var outcomes: OutcomeTable { get { rules.outcomes } set { rules.outcomes = newValue } }
    public var promiseHorizonDays: Int { get { rules.promiseHorizonDays } set { rules.promiseHorizonDays = newValue } }
    public var promiseGraceDays: Int { get { rules.promiseGraceDays } set { rules.promiseGraceDays = newValue } }
    public var planLongest: [Role: Int?] { get { rules.planLongest } set { rules.planLongest = newValue } }
    public var caseWorkingDays: Int { get { rules.caseWorkingDays } set { rules.caseWorkingDays = newValue } }
    public var caseExtensionDays: Int { get { rules.caseExtensionDays } set { rules.caseExtensionDays = newValue } }
    /// The deadlines' terms: the rules' working days over their holiday list.
    public var caseTerms: CaseTerms { CaseTerms(workingDays: caseWorkingDays, extensionDays: caseExtensionDays, holidays: holidays) }
    public var companyName: String { get { rules.companyName } set { rules.companyName = newValue } }
    public var companyCity: String { get { rules.companyCity } set { rules.companyCity = newValue } }

    /// The contact policy these settings give.
    public var contactPolicy: ContactPolicy { ContactPolicy(rules: contactRules, holidays: holidays) }

    /// Whether `rejected` of `rows` data rows is more than the threshold.
    public func refuses(rejected: Int, of rows: Int) -> Bool {
        rows > 0 && rejected * 10_000 > rejectThresholdBasisPoints * rows
    }
}

/// The longest fields an import row may hold, in bytes of UTF-8 (issue 15):
/// free text (names, addresses, descriptions, reasons, email, columns Tagih
/// ignores) and codes (account numbers, refs, dates, amounts, phone, time
/// zone, channel, kind, segment, collector). A rule (R7) so that a bank whose
/// refs run long can widen it for everyone.
public struct ImportLimits: Sendable, Equatable {
    public var textBytes: Int
    public var codeBytes: Int
    public static let standard = ImportLimits(textBytes: 4096, codeBytes: 64)
    /// What `rules load` accepts for either: a field the reader may hold in memory.
    public static let allowed: ClosedRange<Int> = 1...1_048_576
    /// Columns held to `codeBytes`; every other column is text.
    public static let codeColumns: Set<String> = [
        "account_no", "ref", "issue_date", "due_date", "amount", "paid_on", "channel", "date", "kind",
        "invoice_ref", "payment_ref", "phone", "timezone", "segment", "collector",
    ]
    public init(textBytes: Int, codeBytes: Int) {
        self.textBytes = textBytes
        self.codeBytes = codeBytes
    }
    /// The limit of a column (nil: a column Tagih ignores, held to the text limit).
    public func bytes(for column: String?) -> Int {
        column.map { Self.codeColumns.contains($0) } == true ? codeBytes : textBytes
    }
    /// The key naming the limit of a column, for messages.
    public func key(for column: String?) -> String {
        column.map { Self.codeColumns.contains($0) } == true ? "import.max_code_bytes" : "import.max_text_bytes"
    }
    /// The longest field of any column: what the reader keeps.
    public var largest: Int { max(textBytes, codeBytes) }
}
