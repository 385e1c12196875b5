import TOMLKit
import TagihCore

/// `[profiles.NAME]` and `[profiles.NAME.columns]` (CONTRACT §11, R7): read
/// strictly whatever the file, like `[[reminders]]`, because a profile that
/// cannot read its bank's file must be refused when the rules are loaded,
/// with its line, not discovered by the nightly batch.
extension Reader {
    static let profileKeys: Set<String> = ["channel", "file_pattern", "delimiter", "skip_lines", "date_format", "amount_format", "columns"]

    /// The profiles by name, or nil when the file has no `[profiles]`.
    func profiles() throws(ConfigError) -> [ChannelProfile]? {
        guard let v = root["profiles"] else { return nil }
        guard let all = v.table else { throw located("profiles", nil, "[profiles] must hold [profiles.NAME] tables") }
        var out: [ChannelProfile] = []
        for name in all.keys.sorted() {
            let section = "profiles.\(name)"
            func at(_ key: String?, _ what: String) -> ConfigError { located(section, key, "profiles.\(name)\(key.map { ".\($0)" } ?? ""): \(what)") }
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }), name.count <= 32 else {
                throw located(section, nil, "profiles.\(name): a profile's name is letters, digits, - and _, at most 32")
            }
            guard let t = all[name]?.table else { throw at(nil, "must be a [profiles.\(name)] table") }
            for key in t.keys.sorted() where !Self.profileKeys.contains(key) {
                throw at(key, "is not a profile setting (\(Self.profileKeys.sorted().joined(separator: ", ")))")
            }
            func string(_ key: String) throws(ConfigError) -> String? {
                guard let v = t[key] else { return nil }
                guard let s = v.string else { throw at(key, "must be a string") }
                if let why = TextField.refusal("profiles.\(name).\(key)", s) { throw at(key, why) }
                return s
            }
            guard let channel = try string("channel"), !channel.isEmpty, channel.count <= 32,
                  channel.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                throw at("channel", "must name the payment channel (letters, digits, _ and -, e.g. \"VA\"), at most 32")
            }
            var p = ChannelProfile(name: name, channel: channel)
            if let pattern = try string("file_pattern") {
                guard !pattern.isEmpty, !pattern.contains("/") else { throw at("file_pattern", "must be a file name with * and ?, no folder") }
                p.filePattern = pattern
            }
            if let d = try string("delimiter") {
                guard let byte = ChannelProfile.delimiters.first(where: { $0.text == d })?.byte else {
                    throw at("delimiter", "must be \",\", \";\", \"|\" or \"\\t\"")
                }
                p.delimiter = byte
            }
            if let v = t["skip_lines"] {
                guard let n = v.int, ChannelProfile.skipLinesRange.contains(n) else {
                    throw at("skip_lines", "must be a whole number of lines from \(ChannelProfile.skipLinesRange.lowerBound) to \(ChannelProfile.skipLinesRange.upperBound)")
                }
                p.skipLines = n
            }
            if let f = try string("date_format") {
                do { p.dateFormat = try ProfileDateFormat(f) } catch {
                    switch error {
                    case .unknownDirective(let d): throw at("date_format", "\(d) is not a directive Tagih reads (%d %m %Y %H %M)")
                    case .missingOrRepeated(let d): throw at("date_format", "needs %d, %m and %Y once each (%H and %M at most once); \(d) is missing or repeated")
                    }
                }
            }
            if let f = try string("amount_format") {
                guard let format = ProfileAmountFormat(rawValue: f) else {
                    throw at("amount_format", "must be \(ProfileAmountFormat.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
                }
                p.amountFormat = format
            }
            p.columns = try profileColumns(name, t["columns"])
            out.append(p)
        }
        return out
    }

    /// `[profiles.NAME.columns]`: contract field = the file's header text.
    private func profileColumns(_ name: String, _ value: TOMLValueConvertible?) throws(ConfigError) -> [String: String] {
        let section = "profiles.\(name).columns"
        guard let value else {
            throw located("profiles.\(name)", nil, "profiles.\(name): [\(section)] must map \(ChannelProfile.requiredFields.joined(separator: ", ")) to the file's headers")
        }
        guard let t = value.table else { throw located(section, nil, "[\(section)] must be a table") }
        var out: [String: String] = [:]
        for field in t.keys.sorted() {
            guard ChannelProfile.fields.contains(field) else {
                throw located(section, field, "\(section).\(field) is not a field a profile maps (\(ChannelProfile.fields.joined(separator: ", ")); the channel is the profile's)")
            }
            guard let header = t[field]?.string, !header.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw located(section, field, "\(section).\(field) must be the file's header text")
            }
            if let why = TextField.refusal("\(section).\(field)", header) { throw located(section, field, why) }
            if let other = out.first(where: { $0.value.lowercased() == header.lowercased() }) {
                throw located(section, field, "\(section).\(field) names the header \(header) that \(other.key) already names")
            }
            out[field] = header
        }
        for field in ChannelProfile.requiredFields where out[field] == nil {
            throw located(section, nil, "[\(section)] lacks \(field), a required payments field")
        }
        return out
    }
}
