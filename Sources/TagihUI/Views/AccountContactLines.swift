import TagihCore

/// The account header's phone and address lines, never cut (issue 16): when
/// a line is wider than the screen the header keeps what fits whole — the
/// numbers that fit, the address's first words — and says `↓`; the whole
/// line is then read atop the body. And the decision on the collector's
/// plan, when a lead reviewed it.
extension AccountView {
    static func phonesLine(_ d: AccountDetail, _ s: AppState) -> String {
        " \(s.strings[.phones]): " + (d.phones.isEmpty ? "—" : d.phones.joined(separator: ", ")) + (d.email.map { "   \($0)" } ?? "")
    }

    static func addressLine(_ d: AccountDetail, _ s: AppState) -> String {
        " \(Strings.Key.address.label(s.strings)): \(d.address ?? "—")  ·  \(d.timeZone)"
    }

    /// The header's form of a line: whole when it fits, else whole words (a
    /// number is one) up to the width, then ` ↓`.
    static func headerForm(_ line: String, _ width: Int) -> String {
        guard displayWidth(line) > width else { return line }
        let more = " ↓"
        var shown = ""
        for word in line.split(separator: " ", omittingEmptySubsequences: false) {
            let next = shown.isEmpty ? String(word) : shown + " " + word
            if displayWidth(next + more) > width { break }
            shown = next
        }
        return shown.trimmingCharacters(in: .whitespaces).isEmpty ? fit(line, width) : " " + shown.trimmingCharacters(in: .whitespaces) + more
    }

    /// The lines atop the body: the phone and address lines the header
    /// could not hold whole; numbers packed a whole number at a time (one is
    /// never split across lines), the address wrapped at its spaces.
    static func contactOverflow(_ d: AccountDetail, _ s: AppState) -> [Line] {
        var out: [Line] = []
        if displayWidth(phonesLine(d, s)) > s.width {
            let items = d.phones + (d.email.map { [$0] } ?? [])
            var current = " \(s.strings[.phones]):"
            for (i, item) in items.enumerated() {
                let piece = " " + item + (i < items.count - 1 ? "," : "")
                if displayWidth(current + piece) > s.width, current.contains(where: { $0 != " " }) && current.count > 4 {
                    out.append(Line(current))
                    current = "   "
                }
                current += piece
            }
            out.append(Line(current))
        }
        if displayWidth(addressLine(d, s)) > s.width { out.append(Line(addressLine(d, s))) }
        return out
    }

    /// "Plan 12 approved by lead01 on 23 Nov 2026" (or declined, with the reason):
    /// the decision on the newest plan, when it waited for one.
    static func reviewLine(_ d: AccountDetail, _ s: AppState) -> Line? {
        guard let r = d.plans.first?.review else { return nil }
        return Line(" " + s.strings.planReviewText(r), r.decision == .declined ? Palette.warning : Palette.section)
    }
}

extension AccountView {
    /// The reminders and letters the account was sent, newest first: day,
    /// stage, channel, the gateway's latest result ("sent" when none yet), and to whom
    /// (last and uncut: a letter's postal address wraps under itself).
    static func messageLines(_ d: AccountDetail, _ s: AppState) -> [Line] {
        let str = s.strings
        var out = [Line(""), Line(" \(str[.messagesTitle]) (\(d.messages.count))", Palette.section)]
        if d.messages.isEmpty { out.append(Line("   " + str[.noMessages], Palette.hint)) }
        for m in d.messages {
            out.append(Line("   " + columns([(str.shortDate(m.day), 11, .left), (m.stage, 12, .left), (m.channel.rawValue, 9, .left),
                                             (str.deliveryStatus(m.status), 10, .left)]) + " " + TextField.visible(m.to),
                            m.status == "failed" ? Palette.warning : .plain))
        }
        return out
    }
}
