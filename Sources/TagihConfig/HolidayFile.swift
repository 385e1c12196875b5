import Foundation
import TagihCore

/// Reads a holiday file: `#` comment lines, then `date,name`, then one row
/// per day (CONTRACT §6).
public enum HolidayFile {
    /// The default file, relative to the working folder like the config.
    public static let defaultPath = "config/holidays-id.csv"

    public static func parse(_ text: String, path: String) throws(ConfigError) -> [Day: String] {
        var out: [Day: String] = [:]
        var sawHeader = false
        // "\r\n" is one Character in Swift: splitting on newlines takes both ends.
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).enumerated() {
            let n = i + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            if !sawHeader {
                guard line.lowercased().replacingOccurrences(of: " ", with: "") == "date,name" else {
                    throw ConfigError(description: "\(path):\(n): expected the header date,name")
                }
                sawHeader = true
                continue
            }
            guard let comma = line.firstIndex(of: ",") else { throw ConfigError(description: "\(path):\(n): name: missing (expected date,name)") }
            let dateText = line[..<comma].trimmingCharacters(in: .whitespaces)
            var name = line[line.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            }
            guard let day = Day(iso: dateText) else { throw ConfigError(description: "\(path):\(n): date: \(dateText) is not a date as YYYY-MM-DD") }
            guard !name.isEmpty else { throw ConfigError(description: "\(path):\(n): name: missing") }
            if out[day] != nil { throw ConfigError(description: "\(path):\(n): date: \(dateText) is listed twice") }
            out[day] = name
        }
        return out
    }

    /// The holidays named by the config, else the default file when present,
    /// else the copy built into Tagih (the same file as shipped), so the OJK
    /// rules hold even when Tagih runs outside its folder.
    public static func load(configured: String?) throws(ConfigError) -> (days: [Day: String], source: String) {
        let path = configured ?? defaultPath
        if FileManager.default.fileExists(atPath: path) {
            return (try parse(ConfigLoader.readText(path, what: "holiday file"), path: path), path)
        }
        if let configured, configured != defaultPath { throw ConfigError(description: "holiday file \(path) (contact.holidays) does not exist") }
        return (try parse(BuiltinHolidays.csv, path: "built-in holidays"), "built-in copy of \(defaultPath)")
    }
}
