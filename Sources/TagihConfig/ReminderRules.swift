import TOMLKit
import TagihCore

/// `[[reminders]]` and `[letters]` (CONTRACT §10): read strictly whatever the
/// file (a config's rules, `rules load`, the ledger's stored text), because a
/// stage that cannot be sent must be refused when it is loaded, with its
/// line, not met by the nightly batch.
extension Reader {
    static let stageKeys: Set<String> = ["name", "days", "channel", "template"]
    static let letterKeys: Set<String> = ["sp1_days", "sp2_days", "sp3_days", "sender_name", "sender_address"]

    /// The stages, or nil when the file has no `[[reminders]]` (the defaults hold).
    func reminderStages() throws(ConfigError) -> [ReminderStage]? {
        guard let v = root["reminders"] else { return nil }
        guard let items = v.array else { throw located("reminders", nil, "reminders must be [[reminders]] tables") }
        var stages: [ReminderStage] = []
        for index in 0..<items.count {
            func at(_ key: String?, _ what: String) -> ConfigError {
                let line = TOMLLines.arrayTableLine("reminders", index: index, key: key, in: text)
                return ConfigError(description: line.map { "\(path):\($0): \(what)" } ?? "\(path): \(what)")
            }
            guard let t = items[index].table else { throw at(nil, "reminders: each stage must be a [[reminders]] table") }
            for key in t.keys.sorted() where !Self.stageKeys.contains(key) {
                throw at(key, "reminders.\(key) is not a stage setting (name, days, channel, template.id, template.en)")
            }
            guard let name = t["name"]?.string, !name.isEmpty else { throw at("name", "reminders.name must be the stage's name") }
            guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }), name.count <= 32 else {
                throw at("name", "reminders.name \(name) must be letters, digits, - and _ (it names files), at most 32")
            }
            guard !stages.contains(where: { $0.name.lowercased() == name.lowercased() }),
                  !WarningLetter.allCases.contains(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
                throw at("name", "reminders.name \(name) is used twice (SP1, SP2 and SP3 are the letters' own)")
            }
            guard let days = t["days"]?.int, ReminderStage.dayRange.contains(days) else {
                throw at("days", "reminders.days of \(name) must be a whole number of days from the due date, \(ReminderStage.dayRange.lowerBound) to \(ReminderStage.dayRange.upperBound)")
            }
            guard let ch = t["channel"]?.string, let channel = ReminderChannel(rawValue: ch) else {
                throw at("channel", "reminders.channel of \(name) must be one of \(ReminderChannel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard let tt = t["template"]?.table else {
                throw at("template", "reminders.template of \(name) must give template.id and/or template.en")
            }
            var templates: [Language: MessageTemplate] = [:]
            for key in tt.keys.sorted() {
                guard let language = Language(rawValue: key), let source = tt[key]?.string else {
                    throw at("template", "reminders.template.\(key) of \(name): a template is template.id or template.en, a string")
                }
                if let why = TextField.refusal("reminders.template.\(key)", source) { throw at("template", why) }
                do { templates[language] = try MessageTemplate(source) } catch {
                    throw at("template", "reminders.template.\(key) of \(name): \(Self.describe(error))")
                }
            }
            guard !templates.isEmpty else { throw at("template", "reminders.template of \(name) must give template.id and/or template.en") }
            stages.append(ReminderStage(name: name, days: days, channel: channel, templates: templates))
        }
        return stages
    }

    static func describe(_ p: MessageTemplate.Problem) -> String {
        switch p {
        case .unknownField(let f):
            "{\(f)} is not a field (\(MessageTemplate.Field.allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")))"
        case .unbalancedBrace: "a { without its } (or a } without its {)"
        case .empty: "is empty"
        }
    }

    /// `[letters]` over the defaults; the thresholds must rise SP1 < SP2 < SP3.
    func letters(into r: inout Rules) throws(ConfigError) {
        if let v = try int("letters", "sp1_days", range: 0...3650) { r.letters.sp1Days = v }
        if let v = try int("letters", "sp2_days", range: 0...3650) { r.letters.sp2Days = v }
        if let v = try int("letters", "sp3_days", range: 0...3650) { r.letters.sp3Days = v }
        guard r.letters.sp1Days < r.letters.sp2Days, r.letters.sp2Days < r.letters.sp3Days else {
            throw error("letters", "sp3_days", "must come after sp2_days, which must come after sp1_days")
        }
        if let v = try text("letters", "sender_name") { r.letters.senderName = v }
        if let v = try text("letters", "sender_address") { r.letters.senderAddress = v }
        if let v = try int("letters", "pay_within_days", range: 1...365) { r.letters.payWithinDays = v }
    }
}

extension TOMLLines {
    /// The line of `key` in the `index`-th `[[name]]` table (a dotted key
    /// such as `template.id` matches `template`), else of its header.
    static func arrayTableLine(_ name: String, index: Int, key: String?, in text: String) -> Int? {
        var seen = -1
        var header: Int?
        var inside = false
        for (i, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: { $0.isNewline }).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                if line.hasPrefix("[[") {
                    let inner = line.dropFirst(2).prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                    if inner == name { seen += 1; inside = seen == index; if inside { header = i + 1 } } else { inside = false }
                } else {
                    inside = false
                }
                continue
            }
            guard inside, let key, let eq = line.firstIndex(of: "=") else { continue }
            let k = line[..<eq].trimmingCharacters(in: .whitespaces)
            if k == key || k.hasPrefix(key + ".") || k.hasPrefix(key + " ") { return i + 1 }
        }
        return header
    }
}
