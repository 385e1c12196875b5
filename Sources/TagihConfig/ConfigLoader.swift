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
            return Settings()
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
        reader.warnUnknown(known: knownKeys, reservedSections: reservedSections, warn: warn)
        return s
    }

    /// Keys this version reads.
    static let knownKeys: Set<String> = [
        "database.path", "database.busy_timeout_ms",
        "ledger.currency", "ledger.default_timezone", "ledger.aging_buckets",
        "import.reject_threshold_percent", "ui.language",
    ]
    /// Sections of later features: accepted without a warning.
    static let reservedSections: Set<String> = ["contact", "outcomes", "promises", "plans", "queue", "keys", "nightly", "authority"]
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

    /// A percentage given as an integer or a decimal with at most two digits
    /// after the point; returned exactly in basis points.
    func percent(_ section: String, _ key: String) throws(ConfigError) -> Int? {
        guard let v = try value(section, key) else { return nil }
        if let i = v.int, (0...100).contains(i) { return i * 100 }
        if let d = v.double, d >= 0, d <= 100, let bp = parsePercent(String(format: "%.2f", d)) { return bp }
        throw error(section, key, "must be a percentage from 0 to 100")
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
