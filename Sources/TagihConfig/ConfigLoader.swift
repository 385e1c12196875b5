import Foundation
import TOMLKit
import TagihCore

/// A configuration problem: the file, where in it, and what is wrong.
/// Configuration errors are exit 2 (CONTRACT §2); a refused rules file is exit 1.
public struct ConfigError: Error, CustomStringConvertible {
    public var description: String
}

/// Reads `config/tagih.toml` (or the file named by `--config`) and the
/// ledger's rules, which are the same TOML layout.
///
/// Every key is optional: a missing key keeps its built-in default. In a
/// config file a key Tagih does not know is reported as a warning rather
/// than refused, so a config written for a newer Tagih still runs here; a
/// rules file given to `tagih rules load` is read strictly (a misspelt rule
/// must not silently fall back to its default).
///
/// A config file has two kinds of sections (R7): the personal ones
/// (`personalSections`), and the rules, which after `tagih init` come from
/// the ledger and are read from the config only to record them there.
public enum ConfigLoader {
    public static let defaultPath = "config/tagih.toml"

    /// Sections each person sets for themselves; every other section is a rule.
    public static let personalSections: Set<String> = ["database", "ui", "remind", "keys"]

    /// A config file as read from disk: its text and TOML table, parsed in
    /// two halves (personal settings, rules) on demand.
    public struct ConfigFile: Sendable {
        public let path: String
        public let text: String
        /// False when no file was there (the default path is optional): every default.
        public let exists: Bool

        /// The rule sections the file sets, in order (`contact`, `ledger`, …).
        public var ruleSections: [String] {
            guard let table = try? ConfigLoader.table(text, path: path) else { return [] }
            return table.keys.filter { !ConfigLoader.personalSections.contains($0) }.sorted()
        }

        public func personal(warn: (String) -> Void = { _ in }) throws(ConfigError) -> PersonalSettings {
            try ConfigLoader.parsePersonal(text, path: path, warn: warn)
        }

        /// The rules the file sets (its rule sections over the defaults).
        public func rules(warn: (String) -> Void = { _ in }) throws(ConfigError) -> (rules: Rules, holidaysSource: String) {
            try ConfigLoader.parseRules(text, path: path, strict: false, warn: warn)
        }
    }

    /// The config file at `path` (explicit: must exist) or the default path
    /// (optional: an empty file when absent). Only its TOML syntax is checked here.
    public static func file(explicitPath: String?) throws(ConfigError) -> ConfigFile {
        let path = explicitPath ?? defaultPath
        guard FileManager.default.fileExists(atPath: path) else {
            if explicitPath != nil { throw ConfigError(description: "config file \(path) does not exist") }
            return ConfigFile(path: path, text: "", exists: false)
        }
        let text = try readText(path, what: "config file")
        _ = try table(text, path: path)
        return ConfigFile(path: path, text: text, exists: true)
    }

    /// The settings for `path` (explicit: must exist) or the default path
    /// (optional: built-in defaults when absent), rules included: what a
    /// fresh ledger records, and what tests of the config file read.
    public static func load(explicitPath: String?, warn: (String) -> Void = { _ in }) throws(ConfigError) -> Settings {
        let f = try file(explicitPath: explicitPath)
        return try parse(f.text, path: f.path, warn: warn)
    }

    /// The largest config, keymap, rules or holiday file read: each is a few KiB.
    static let maxFileBytes = 1 << 20

    /// A file's text, or an error naming it. Only a regular file, and at most
    /// `maxFileBytes`: `/dev/zero` or a FIFO named as a holiday file would
    /// otherwise be read until memory runs out, or forever.
    public static func readText(_ path: String, what: String) throws(ConfigError) -> String {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            throw ConfigError(description: "\(what) \(path) is not a regular file")
        }
        guard st.st_size <= maxFileBytes else {
            throw ConfigError(description: "\(what) \(path) is larger than \(maxFileBytes / 1024) KiB; it cannot be a \(what)")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= maxFileBytes,
              let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(description: "\(what) \(path) cannot be read as UTF-8 text")
        }
        return text
    }

    /// TOML text as a table; a syntax error names the file and line.
    static func table(_ text: String, path: String) throws(ConfigError) -> TOMLTable {
        if let bad = TOMLPrecheck.problem(in: text) {
            // toml++ must not see that line; an error it finds before it comes first, as it would.
            _ = try parsed(String(decoding: text.utf8.prefix(bad.lineStart), as: UTF8.self), path: path)
            throw ConfigError(description: "\(path):\(bad.line): \(bad.what)")
        }
        return try parsed(text, path: path)
    }

    private static func parsed(_ text: String, path: String) throws(ConfigError) -> TOMLTable {
        do {
            return try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw ConfigError(description: "\(path):\(e.source.begin.line): \(e.description)")
        } catch {
            throw ConfigError(description: "\(path): \(error)")
        }
    }

    /// Both halves of a config file.
    public static func parse(_ text: String, path: String, warn: (String) -> Void = { _ in }) throws(ConfigError) -> Settings {
        var s = Settings(rules: Rules(), personal: try parsePersonal(text, path: path, warn: warn))
        (s.rules, s.holidaysSource) = try parseRules(text, path: path, strict: false, warn: warn)
        return s
    }

    /// The personal sections of a config file; its rule sections are not looked at.
    public static func parsePersonal(_ text: String, path: String, warn: (String) -> Void = { _ in }) throws(ConfigError) -> PersonalSettings {
        let reader = Reader(path: path, root: try table(text, path: path), text: text)
        var p = PersonalSettings()
        if let v = try reader.string("database", "path") { p.databasePath = v }
        if let v = try reader.int("database", "busy_timeout_ms", range: 0...3_600_000) { p.busyTimeoutMilliseconds = v }
        if let v = try reader.string("database", "passfile") { p.databasePassfile = v.isEmpty ? nil : v }
        if let lang = try reader.string("ui", "language") {
            guard lang.isEmpty || Language(rawValue: lang.lowercased()) != nil else {
                throw reader.error("ui", "language", "is \(lang); use \"id\", \"en\" or \"\" to follow LANG")
            }
            p.language = lang.isEmpty ? nil : lang.lowercased()
        }
        if let v = try reader.string("remind", "out") { p.remindOut = v.isEmpty ? nil : v }
        reader.warnUnknown(in: personalSections.subtracting(["keys"]), known: personalKeys, warn: warn)
        return p
    }

    /// The rules in `text`: a config file's rule sections, a file given to
    /// `tagih rules load`, or the ledger's stored rules. One code path for
    /// all three, so what the ledger stores reads back as what was loaded.
    ///
    /// `strict` (a rules file an admin loads): an unknown rule is refused
    /// with its line, and personal sections are ignored with a warning.
    public static func parseRules(_ text: String, path: String, strict: Bool,
                                  warn: (String) -> Void = { _ in }) throws(ConfigError) -> (rules: Rules, holidaysSource: String) {
        let table = try table(text, path: path)
        var r = Rules()
        let reader = Reader(path: path, root: table, text: text)
        if let code = try reader.string("ledger", "currency") {
            guard let c = Currency.known[code.uppercased()] else {
                throw reader.error("ledger", "currency", "is \(code), which Tagih does not know (known: \(Currency.known.keys.sorted().joined(separator: ", ")))")
            }
            r.currency = c
        }
        if let tz = try reader.string("ledger", "default_timezone") {
            guard TimeZone(identifier: tz) != nil else { throw reader.error("ledger", "default_timezone", "is \(tz), which is not an IANA time zone") }
            r.defaultTimeZone = tz
        }
        if let edges = try reader.intArray("ledger", "aging_buckets") {
            do { r.buckets = try Buckets(edges: edges) } catch {
                throw reader.error("ledger", "aging_buckets", "must be 1 to \(Buckets.maxEdges) increasing whole numbers of days, each from 1 to \(Buckets.maxEdge)")
            }
        }
        if let pct = try reader.percent("import", "reject_threshold_percent") { r.rejectThresholdBasisPoints = pct }
        if let v = try reader.int("import", "max_text_bytes", range: ImportLimits.allowed) { r.importLimits.textBytes = v }
        if let v = try reader.int("import", "max_code_bytes", range: ImportLimits.allowed) { r.importLimits.codeBytes = v }
        let source = try readContact(reader, into: &r)
        if let v = try reader.int("promises", "horizon_days", range: 0...3650) { r.promiseHorizonDays = v }
        if let v = try reader.int("promises", "grace_days", range: 0...365) { r.promiseGraceDays = v }
        if let v = try reader.int("cases", "working_days", range: 1...365) { r.caseWorkingDays = v }
        if let v = try reader.int("cases", "extension_days", range: 0...365) { r.caseExtensionDays = v }
        if let table = try reader.outcomes() { r.outcomes = table }
        if let v = try reader.text("company", "name") { r.companyName = v }
        if let v = try reader.text("company", "city") { r.companyCity = v }
        for role in planRoles {
            if let v = try reader.int("plans", "\(role.rawValue)_max_instalments", range: 0...360) { r.planLongest[role] = v == 0 ? .some(nil) : v }
        }
        if let lang = try reader.string("ledger", "default_language") {
            guard let l = Language(rawValue: lang) else { throw reader.error("ledger", "default_language", "is \(lang); use \"id\" or \"en\"") }
            r.defaultLanguage = l
        }
        if let stages = try reader.reminderStages() { r.reminders = stages }
        try reader.letters(into: &r)
        if let profiles = try reader.profiles() { r.profiles = profiles }
        let ruleSections = Set(table.keys).subtracting(personalSections)
        if strict {
            try reader.refuseUnknown(in: ruleSections, known: ruleKeys, reservedSections: ["outcomes", "reminders", "profiles"])
            for section in table.keys.sorted() where personalSections.contains(section) {
                warn("\(path): [\(section)] is a personal setting, not a rule; ignored (set it in your config file)")
            }
        } else {
            reader.warnUnknown(in: ruleSections, known: ruleKeys, reservedSections: reservedSections, warn: warn)
        }
        return (r, source)
    }

    /// The roles with a `[plans]` length of their own.
    static let planRoles: [Role] = [.collector, .lead, .admin]

    /// `[contact]`: a preset, then any of its values overridden, and the
    /// holidays (a holiday file's path, or the dates themselves as a table).
    static func readContact(_ reader: Reader, into r: inout Rules) throws(ConfigError) -> String {
        if let name = try reader.string("contact", "preset") {
            guard let rules = ContactRules.preset(name) else { throw reader.error("contact", "preset", "is \(name); use \"ojk\" or \"regf\"") }
            r.contactRules = rules
        }
        if let v = try reader.clock("contact", "start") { r.contactRules.startMinute = v }
        if let v = try reader.clock("contact", "end") { r.contactRules.endMinute = v }
        guard r.contactRules.startMinute < r.contactRules.endMinute else {
            throw reader.error("contact", "end", "must be later than contact.start")
        }
        if let days = try reader.intArray("contact", "weekdays") {
            guard !days.isEmpty, days.allSatisfy({ (1...7).contains($0) }) else {
                throw reader.error("contact", "weekdays", "must list ISO weekdays from 1 (Monday) to 7 (Sunday)")
            }
            r.contactRules.weekdays = Set(days)
        }
        if let v = try reader.int("contact", "max_attempts_per_day", range: 0...1000) { r.contactRules.maxAttemptsPerDay = v == 0 ? nil : v }
        if let v = try reader.int("contact", "max_phone_attempts_per_7_days", range: 0...1000) { r.contactRules.maxPhoneAttemptsPer7Days = v == 0 ? nil : v }
        if let v = try reader.int("contact", "phone_rest_days_after_conversation", range: 0...365) {
            r.contactRules.phoneRestDaysAfterConversation = v == 0 ? nil : v
        }
        if let v = try reader.bool("contact", "no_contact_on_holidays") { r.contactRules.noHolidays = v }
        if let v = try reader.int("contact", "backdate_hours", range: 0...8760) { r.backdateHours = v }
        if let days = try reader.holidayTable() {
            r.holidays = days
            return reader.path
        }
        let (days, source) = try HolidayFile.load(configured: try reader.string("contact", "holidays"))
        r.holidays = days
        return source
    }

    /// Personal keys this version reads.
    static let personalKeys: Set<String> = ["database.path", "database.busy_timeout_ms", "database.passfile", "ui.language", "remind.out"]
    /// Rule keys this version reads.
    static let ruleKeys: Set<String> = [
        "ledger.currency", "ledger.default_timezone", "ledger.aging_buckets", "ledger.default_language",
        "import.reject_threshold_percent", "import.max_text_bytes", "import.max_code_bytes",
        "contact.preset", "contact.holidays", "contact.start", "contact.end", "contact.weekdays", "contact.max_attempts_per_day",
        "contact.max_phone_attempts_per_7_days", "contact.phone_rest_days_after_conversation", "contact.no_contact_on_holidays",
        "contact.backdate_hours",
        "promises.horizon_days", "promises.grace_days",
        "cases.working_days", "cases.extension_days",
        "company.name", "company.city",
        "plans.collector_max_instalments", "plans.lead_max_instalments", "plans.admin_max_instalments",
        "letters.sp1_days", "letters.sp2_days", "letters.sp3_days", "letters.sender_name", "letters.sender_address", "letters.pay_within_days",
    ]
    /// Sections of later features (and `[outcomes]`, whose keys are codes):
    /// accepted in a config file without a warning.
    static let reservedSections: Set<String> = ["outcomes", "reminders", "profiles", "queue", "nightly", "authority"]
}

/// Typed access to `section.key` with errors that name the file, the line and the key.
struct Reader {
    let path: String
    let root: TOMLTable
    /// The text the table came from, to find a key's line (TOMLKit keeps no positions).
    var text: String = ""

    /// `path:LINE: what` (the line of `section.key`, else of `[section]`), or `path: what`.
    func located(_ section: String, _ key: String?, _ what: String) -> ConfigError {
        if let line = TOMLLines.line(section: section, key: key, in: text) {
            return ConfigError(description: "\(path):\(line): \(what)")
        }
        return ConfigError(description: "\(path): \(what)")
    }

    func error(_ section: String, _ key: String, _ what: String) -> ConfigError {
        located(section, key, "setting \(section).\(key) \(what)")
    }

    private func value(_ section: String, _ key: String) throws(ConfigError) -> TOMLValueConvertible? {
        guard let sec = root[section] else { return nil }
        guard let t = sec.table else { throw located(section, nil, "[\(section)] must be a table") }
        return t[key]
    }

    func string(_ section: String, _ key: String) throws(ConfigError) -> String? {
        guard let v = try value(section, key) else { return nil }
        guard let s = v.string else { throw error(section, key, "must be a string") }
        return s
    }

    /// A string shown to people (a company name): no control character (R8).
    func text(_ section: String, _ key: String) throws(ConfigError) -> String? {
        guard let s = try string(section, key) else { return nil }
        if let why = TextField.refusal("\(section).\(key)", s) { throw located(section, key, "setting \(why)") }
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

    /// `[contact.holidays]` given as a table, `"YYYY-MM-DD" = "name"` (the
    /// form the ledger stores); nil when absent or given as a file's path.
    func holidayTable() throws(ConfigError) -> [Day: String]? {
        guard let v = try value("contact", "holidays"), let t = v.table else { return nil }
        var out: [Day: String] = [:]
        for key in t.keys.sorted() {
            guard let day = Day(iso: key) else {
                throw located("contact.holidays", key, "setting contact.holidays.\(key) is not a date as YYYY-MM-DD")
            }
            guard let name = t[key]?.string, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw located("contact.holidays", key, "setting contact.holidays.\(key) must be the holiday's name")
            }
            if let why = TextField.refusal("contact.holidays.\(key)", name) { throw located("contact.holidays", key, "setting \(why)") }
            out[day] = name
        }
        return out
    }

    /// `[outcomes]`: `CODE = { meaning = "...", attempt = true, contact = false,
    /// right_party = false, promise = false }`; the table replaces the defaults.
    func outcomes() throws(ConfigError) -> OutcomeTable? {
        guard let sec = root["outcomes"] else { return nil }
        guard let t = sec.table else { throw located("outcomes", nil, "[outcomes] must be a table") }
        var codes: [OutcomeCode] = []
        for code in t.keys.sorted() {
            guard let entry = t[code]?.table else {
                throw located("outcomes", code, "outcomes.\(code) must be a table such as { meaning = \"...\", contact = true }")
            }
            guard code.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }), !code.isEmpty else {
                throw located("outcomes", code, "outcomes.\(code): a code is upper-case letters, digits and _")
            }
            guard code != OutcomeTable.sent.code else {
                throw located("outcomes", code, "outcomes.SENT is built in (a reminder sent: an attempt, not a contact); it cannot be redefined")
            }
            func flag(_ name: String, _ fallback: Bool) throws(ConfigError) -> Bool {
                guard let v = entry[name] else { return fallback }
                guard let b = v.bool else { throw located("outcomes", code, "outcomes.\(code).\(name) must be true or false") }
                return b
            }
            for key in entry.keys where !["meaning", "attempt", "contact", "right_party", "promise"].contains(key) {
                throw located("outcomes", code, "outcomes.\(code).\(key) is not a flag (meaning, attempt, contact, right_party, promise)")
            }
            let meaning: String
            if let m = entry["meaning"] {
                guard let s = m.string else { throw located("outcomes", code, "outcomes.\(code).meaning must be a string") }
                if let why = TextField.refusal("outcomes.\(code).meaning", s) { throw located("outcomes", code, why) }
                meaning = s
            } else {
                meaning = code
            }
            codes.append(OutcomeCode(code: code, meaning: meaning, attempt: try flag("attempt", true),
                                     contact: try flag("contact", false), rightParty: try flag("right_party", false),
                                     promise: try flag("promise", false)))
        }
        guard !codes.isEmpty else { throw located("outcomes", nil, "[outcomes] lists no code") }
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

    /// Keys of `sections` this version does not read, as `section.key`
    /// (a whole unknown section as its name); `[outcomes]` and
    /// `contact.holidays` hold data, not keys.
    private func unknown(in sections: Set<String>, known: Set<String>, reservedSections: Set<String>) -> [(section: String, key: String?)] {
        var out: [(String, String?)] = []
        for section in root.keys.sorted() where sections.contains(section) && !reservedSections.contains(section) {
            guard let t = root[section]?.table else { out.append((section, nil)); continue }
            if !known.contains(where: { $0.hasPrefix(section + ".") }) { out.append((section, nil)); continue }
            for key in t.keys.sorted() where !known.contains("\(section).\(key)") { out.append((section, key)) }
        }
        return out
    }

    func warnUnknown(in sections: Set<String>, known: Set<String>, reservedSections: Set<String> = [], warn: (String) -> Void) {
        for (section, key) in unknown(in: sections, known: known, reservedSections: reservedSections) {
            warn("\(path): unknown setting \(key.map { "\(section).\($0)" } ?? section) ignored")
        }
    }

    func refuseUnknown(in sections: Set<String>, known: Set<String>, reservedSections: Set<String>) throws(ConfigError) {
        guard let (section, key) = unknown(in: sections, known: known, reservedSections: reservedSections).first else { return }
        if let key { throw located(section, key, "setting \(section).\(key) is not a rule Tagih knows") }
        throw located(section, nil, "[\(section)] is not a section of rules Tagih knows")
    }
}

/// Where a key stands in TOML text: TOMLKit's tables keep no source
/// positions, and a refused rules file must name the line (CONTRACT §1a).
/// A plain scan of table headers and `key =` lines, enough for the layout
/// Tagih writes and people edit.
enum TOMLLines {
    /// The 1-based line setting `section.key` (`section` may be dotted:
    /// `contact.holidays`), else the line of `[section]` (also when `key` is
    /// nil), else nil.
    static func line(section: String, key: String?, in text: String) -> Int? {
        var current = ""
        var header: Int?
        let target = key.map { "\(section).\($0)" }
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard !line.hasPrefix("[["), let close = line.firstIndex(of: "]") else { continue }
                current = dotted(line[line.index(after: line.startIndex)..<close])
                if current == section, header == nil { header = i + 1 }
                continue
            }
            guard let target, let eq = line.firstIndex(of: "=") else { continue }
            let name = dotted(line[..<eq])
            if (current.isEmpty ? name : "\(current).\(name)") == target { return i + 1 }
        }
        return header
    }

    /// `a . "b"` → `a.b`.
    private static func dotted(_ s: Substring) -> String {
        s.split(separator: ".").map { part in
            var p = part.trimmingCharacters(in: .whitespaces)
            if p.count >= 2, (p.hasPrefix("\"") && p.hasSuffix("\"")) || (p.hasPrefix("'") && p.hasSuffix("'")) { p = String(p.dropFirst().dropLast()) }
            return p
        }.joined(separator: ".")
    }
}
