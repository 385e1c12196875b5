import Foundation
import TOMLKit
import TagihCore

/// A configuration problem: the file, where in it, and what is wrong.
/// Configuration errors are exit 2 (CONTRACT §2).
public struct ConfigError: Error, CustomStringConvertible {
    public var description: String
}

/// Reads `config/tagih.toml` (or the file named by `--config`) into `Settings`.
///
/// Every key is optional: a missing key keeps its built-in default. A key
/// Tagih does not know is reported as a warning rather than refused, so a
/// config written for a newer Tagih still runs here.
public enum ConfigLoader {
    public static let defaultPath = "config/tagih.toml"

    /// The settings for `path` (explicit: must exist) or the default path
    /// (optional: built-in defaults when absent).
    public static func load(explicitPath: String?, warn: (String) -> Void = { _ in }) throws(ConfigError) -> Settings {
        let path = explicitPath ?? defaultPath
        guard FileManager.default.fileExists(atPath: path) else {
            if explicitPath != nil { throw ConfigError(description: "config file \(path) does not exist") }
            // No file: every default, and the holidays (the default file or the built-in copy).
            return try parse("", path: path, warn: warn)
        }
        return try parse(readText(path, what: "config file"), path: path, warn: warn)
    }

    /// A file's text, or an error naming it.
    static func readText(_ path: String, what: String) throws(ConfigError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(description: "\(what) \(path) cannot be read as UTF-8 text")
        }
        return text
    }

    /// TOML text as a table; a syntax error names the file and line.
    static func table(_ text: String, path: String) throws(ConfigError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ConfigError(description: "\(path):\(e.source.begin.line): \(e.description)")
        } catch {
            throw ConfigError(description: "\(path): \(error)")
        }
    }

    public static func parse(_ text: String, path: String, warn: (String) -> Void = { _ in }) throws(ConfigError) -> Settings {
        let table = try table(text, path: path)
        var s = Settings()
        let reader = Reader(path: path, root: table)
        if let v = try reader.string("database", "path") { s.databasePath = v }
        if let v = try reader.int("database", "busy_timeout_ms", range: 0...3_600_000) { s.busyTimeoutMilliseconds = v }
        if let code = try reader.string("ledger", "currency") {
            guard let c = Currency.known[code.uppercased()] else {
                throw reader.error("ledger", "currency", "is \(code), which Tagih does not know (known: \(Currency.known.keys.sorted().joined(separator: ", ")))")
            }
            s.currency = c
        }
        if let tz = try reader.string("ledger", "default_timezone") {
            guard TimeZone(identifier: tz) != nil else { throw reader.error("ledger", "default_timezone", "is \(tz), which is not an IANA time zone") }
            s.defaultTimeZone = tz
        }
        if let edges = try reader.intArray("ledger", "aging_buckets") {
            do { s.buckets = try Buckets(edges: edges) } catch {
                throw reader.error("ledger", "aging_buckets", "must be increasing whole numbers of days, each at least 1")
            }
        }
        if let pct = try reader.percent("import", "reject_threshold_percent") { s.rejectThresholdBasisPoints = pct }
        if let lang = try reader.string("ui", "language") {
            guard lang.isEmpty || Language(rawValue: lang.lowercased()) != nil else {
                throw reader.error("ui", "language", "is \(lang); use \"id\", \"en\" or \"\" to follow LANG")
            }
            s.language = lang.isEmpty ? nil : lang.lowercased()
        }
        try readContact(reader, into: &s)
        if let v = try reader.int("promises", "horizon_days", range: 0...3650) { s.promiseHorizonDays = v }
        if let v = try reader.int("promises", "grace_days", range: 0...365) { s.promiseGraceDays = v }
        if let table = try reader.outcomes() { s.outcomes = table }
        if let v = try reader.string("company", "name") { s.companyName = v }
        if let v = try reader.string("company", "city") { s.companyCity = v }
        for role in Role.allCases {
            if let v = try reader.int("plans", "\(role.rawValue)_max_instalments", range: 0...360) { s.planLongest[role] = v == 0 ? .some(nil) : v }
        }
        reader.warnUnknown(known: knownKeys, reservedSections: reservedSections, warn: warn)
        return s
    }

    /// `[contact]`: a preset, then any of its values overridden, and the holiday file.
    static func readContact(_ reader: Reader, into s: inout Settings) throws(ConfigError) {
        if let name = try reader.string("contact", "preset") {
            guard let rules = ContactRules.preset(name) else { throw reader.error("contact", "preset", "is \(name); use \"ojk\" or \"regf\"") }
            s.contactRules = rules
        }
        if let v = try reader.clock("contact", "start") { s.contactRules.startMinute = v }
        if let v = try reader.clock("contact", "end") { s.contactRules.endMinute = v }
        guard s.contactRules.startMinute < s.contactRules.endMinute else {
            throw reader.error("contact", "end", "must be later than contact.start")
        }
        if let days = try reader.intArray("contact", "weekdays") {
            guard !days.isEmpty, days.allSatisfy({ (1...7).contains($0) }) else {
                throw reader.error("contact", "weekdays", "must list ISO weekdays from 1 (Monday) to 7 (Sunday)")
            }
            s.contactRules.weekdays = Set(days)
        }
        if let v = try reader.int("contact", "max_attempts_per_day", range: 0...1000) { s.contactRules.maxAttemptsPerDay = v == 0 ? nil : v }
        if let v = try reader.int("contact", "max_phone_attempts_per_7_days", range: 0...1000) { s.contactRules.maxPhoneAttemptsPer7Days = v == 0 ? nil : v }
        if let v = try reader.int("contact", "phone_rest_days_after_conversation", range: 0...365) {
            s.contactRules.phoneRestDaysAfterConversation = v == 0 ? nil : v
        }
        if let v = try reader.bool("contact", "no_contact_on_holidays") { s.contactRules.noHolidays = v }
        let (days, source) = try HolidayFile.load(configured: try reader.string("contact", "holidays"))
        s.holidays = days
        s.holidaysSource = source
    }

    /// Keys this version reads.
    static let knownKeys: Set<String> = [
        "database.path", "database.busy_timeout_ms",
        "ledger.currency", "ledger.default_timezone", "ledger.aging_buckets",
        "import.reject_threshold_percent", "ui.language",
        "contact.preset", "contact.holidays", "contact.start", "contact.end", "contact.weekdays", "contact.max_attempts_per_day",
        "contact.max_phone_attempts_per_7_days", "contact.phone_rest_days_after_conversation", "contact.no_contact_on_holidays",
        "promises.horizon_days", "promises.grace_days",
        "company.name", "company.city",
        "plans.collector_max_instalments", "plans.lead_max_instalments", "plans.admin_max_instalments",
    ]
    /// Sections of later features (and `[outcomes]`, whose keys are codes):
    /// accepted without a warning.
    static let reservedSections: Set<String> = ["outcomes", "queue", "keys", "nightly", "authority"]
}

/// Typed access to `section.key` with errors that name the file and key.
struct Reader {
    let path: String
    let root: TOMLTable

    func error(_ section: String, _ key: String, _ what: String) -> ConfigError {
        ConfigError(description: "\(path): setting \(section).\(key) \(what)")
    }

    private func value(_ section: String, _ key: String) throws(ConfigError) -> TOMLValueConvertible? {
        guard let sec = root[section] else { return nil }
        guard let t = sec.table else { throw ConfigError(description: "\(path): [\(section)] must be a table") }
        return t[key]
    }

    func string(_ section: String, _ key: String) throws(ConfigError) -> String? {
        guard let v = try value(section, key) else { return nil }
        guard let s = v.string else { throw error(section, key, "must be a string") }
        return s
    }

    func int(_ section: String, _ key: String, range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let v = try value(section, key) else { return nil }
        guard let i = v.int, range.contains(i) else { throw error(section, key, "must be a whole number from \(range.lowerBound) to \(range.upperBound)") }
        return i
    }

    func intArray(_ section: String, _ key: String) throws(ConfigError) -> [Int]? {
        guard let v = try value(section, key) else { return nil }
        guard let a = v.array else { throw error(section, key, "must be an array of whole numbers") }
        var out: [Int] = []
        for item in a {
            guard let i = item.int else { throw error(section, key, "must be an array of whole numbers") }
            out.append(i)
        }
        return out
    }

    func bool(_ section: String, _ key: String) throws(ConfigError) -> Bool? {
        guard let v = try value(section, key) else { return nil }
        guard let b = v.bool else { throw error(section, key, "must be true or false") }
        return b
    }

    /// A time of day as "HH:MM" (24:00 allowed as the end of the day), in minutes.
    func clock(_ section: String, _ key: String) throws(ConfigError) -> Int? {
        guard let text = try string(section, key) else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1440 else {
            throw error(section, key, "must be a time as \"HH:MM\", e.g. \"08:00\"")
        }
        return h * 60 + m
    }

    /// `[outcomes]`: `CODE = { meaning = "...", attempt = true, contact = false,
    /// right_party = false, promise = false }`; the table replaces the defaults.
    func outcomes() throws(ConfigError) -> OutcomeTable? {
        guard let sec = root["outcomes"] else { return nil }
        guard let t = sec.table else { throw ConfigError(description: "\(path): [outcomes] must be a table") }
        var codes: [OutcomeCode] = []
        for code in t.keys.sorted() {
            guard let entry = t[code]?.table else {
                throw ConfigError(description: "\(path): outcomes.\(code) must be a table such as { meaning = \"...\", contact = true }")
            }
            guard code.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }), !code.isEmpty else {
                throw ConfigError(description: "\(path): outcomes.\(code): a code is upper-case letters, digits and _")
            }
            func flag(_ name: String, _ fallback: Bool) throws(ConfigError) -> Bool {
                guard let v = entry[name] else { return fallback }
                guard let b = v.bool else { throw ConfigError(description: "\(path): outcomes.\(code).\(name) must be true or false") }
                return b
            }
            for key in entry.keys where !["meaning", "attempt", "contact", "right_party", "promise"].contains(key) {
                throw ConfigError(description: "\(path): outcomes.\(code).\(key) is not a flag (meaning, attempt, contact, right_party, promise)")
            }
            codes.append(OutcomeCode(code: code, meaning: entry["meaning"]?.string ?? code, attempt: try flag("attempt", true),
                                     contact: try flag("contact", false), rightParty: try flag("right_party", false),
                                     promise: try flag("promise", false)))
        }
        guard !codes.isEmpty else { throw ConfigError(description: "\(path): [outcomes] lists no code") }
        // TOML tables have no order: the contract's codes come in its order, others after them by name.
        let standard = OutcomeTable.standard.codes.map(\.code)
        codes.sort { a, b in
            switch (standard.firstIndex(of: a.code), standard.firstIndex(of: b.code)) {
            case let (x?, y?): x < y
            case (_?, nil): true
            case (nil, _?): false
            case (nil, nil): a.code < b.code
            }
        }
        return OutcomeTable(codes: codes)
    }

    /// A percentage given as an integer or a decimal with at most two digits
    /// after the point; returned exactly in basis points.
    func percent(_ section: String, _ key: String) throws(ConfigError) -> Int? {
        guard let v = try value(section, key) else { return nil }
        if let i = v.int, (0...100).contains(i) { return i * 100 }
        // Exactly, never through binary rounding: a TOML float is read back
        // as its shortest decimal text (what was written: `12.5`, `0.01`), a
        // string as it is, and either must be a decimal with at most two
        // places (basis points; `12.345` is refused, not rounded).
        if let text = v.double.map({ $0.description }) ?? v.string, let bp = parsePercent(text), bp >= 0 { return bp }
        throw error(section, key, "must be a percentage from 0 to 100 with at most two decimals")
    }

    func warnUnknown(known: Set<String>, reservedSections: Set<String>, warn: (String) -> Void) {
        for section in root.keys.sorted() where !reservedSections.contains(section) {
            guard let t = root[section]?.table else {
                warn("\(path): unknown setting \(section) ignored")
                continue
            }
            for key in t.keys.sorted() where !known.contains("\(section).\(key)") {
                warn("\(path): unknown setting \(section).\(key) ignored")
            }
        }
    }
}
