import TagihCore

/// An account's phones (CONTRACT §9) as `phone list` and `account` show
/// them: the status is the one that holds on `asOf`.
struct PhonesRenderer: ReportFormats {
    var phones: [Phone]
    var asOf: Day
    var strings: Strings

    func csv() -> String {
        var out = "number,party,status,since,consent\n"
        for p in phones {
            let mark = p.mark(on: asOf)
            out += [csvField(p.number), p.party.rawValue, p.status(on: asOf).rawValue, mark?.day.iso ?? "", csvField(p.consent ?? "")]
                .joined(separator: ",") + "\n"
        }
        return out
    }

    /// Each phone as a JSON object (also `account --format json`'s `"phones"`).
    static func json(_ p: Phone, asOf: Day) -> JSON {
        let mark = p.mark(on: asOf)
        return .object([("number", .string(p.number)), ("party", .string(p.party.rawValue)), ("status", .string(p.status(on: asOf).rawValue)),
                        ("since", mark.map { .string($0.day.iso) } ?? .null), ("consent", p.consent.map(JSON.string) ?? .null)])
    }

    func json() -> String {
        JSON.object([("as_of", .string(asOf.iso)), ("phones", .array(phones.map { Self.json($0, asOf: asOf) }))]).rendered()
    }

    func table() -> String {
        guard !phones.isEmpty else { return (strings.language == .id ? "Tidak ada nomor telepon." : "No phone numbers.") + "\n" }
        return rows().rendered()
    }

    /// The table of `table()`, for `account` to indent.
    func rows() -> TextTable {
        let id = strings.language == .id
        var t = TextTable(headers: id ? ["Nomor", "Pihak", "Status", "Sejak", "Persetujuan"] : ["Number", "Party", "Status", "Since", "Consent"],
                          align: [.left, .left, .left, .left, .left])
        for p in phones {
            let mark = p.mark(on: asOf)
            t.rows.append([TextField.visible(p.number), strings.phoneParty(p.party), strings.phoneStatus(p.status(on: asOf)),
                           mark.map { $0.day.iso } ?? "", TextField.visible(p.consent ?? "")])
        }
        return t
    }
}
