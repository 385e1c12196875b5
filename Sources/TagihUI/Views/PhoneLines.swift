import TagihCore
import TagihTerminal

// The phones as the account and the phone list show them: number, party,
// status (with the day and who marked it) and, for an emergency contact,
// the consent or that there is none.
enum PhoneLines {
    static func describe(_ p: Phone, _ s: AppState) -> String {
        let str = s.strings
        var parts = [pad(TextField.visible(p.number), 18), pad(str.phoneParty(p.party), 10)]
        if let mark = p.mark(on: s.today), mark.status != .ok {
            parts.append(str.format(.phoneMarkedSince, str.phoneStatus(mark.status), str.shortDate(mark.day), mark.by))
        } else {
            parts.append(str.phoneStatus(.ok))
        }
        if p.party == .emergency {
            parts.append(p.hasConsent ? str.format(.phoneConsent, TextField.visible(p.consent ?? "")) : str[.phoneNoConsent])
        }
        if PartyRules.onlyToLocate(p.party) { parts.append(str[.phoneOnlyToLocate]) }
        return parts.joined(separator: "  ")
    }

    static func style(_ p: Phone, _ s: AppState) -> Style {
        p.status(on: s.today).refusesContact || (p.party == .emergency && !p.hasConsent) ? Palette.hint : .plain
    }
}

extension AccountView {
    /// The phones section: shown when a number is more than a plain debtor's
    /// number in order (another party, a mark), which the header cannot say.
    static func phoneSection(_ d: AccountDetail, _ s: AppState) -> [Line] {
        guard d.parties.contains(where: { $0.party != .debtor || $0.mark(on: s.today).map { $0.status != .ok } ?? false }) else { return [] }
        return [Line(" " + s.strings.format(.phonesSection, d.parties.count), Palette.section)]
            + d.parties.map { Line("   " + PhoneLines.describe($0, s), PhoneLines.style($0, s)) }
    }
}

enum PhoneListView {
    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ p: PhoneList) {
        let str = s.strings
        Chrome.title(&b, str.format(.phonesTitle, p.accountNo))
        if p.phones.isEmpty { b.put(" " + str[.phoneNone], x: 0, y: 2) }
        var y = 2
        for (i, phone) in p.phones.enumerated() {
            // Wrapped, never cut: a consent or a marker's login goes on under itself.
            let lines = AccountView.wrapKeepingSpaces((i == p.cursor ? " ▸ " : "   ") + PhoneLines.describe(phone, s), b.width)
            for line in lines where y < b.height - 3 {
                b.put(line, x: 0, y: y, style: i == p.cursor ? Palette.selected : PhoneLines.style(phone, s))
                y += 1
            }
        }
        Chrome.bottom(&b, hint: str[.phoneKeys], state: s)
    }
}
