import TagihCore
import TagihTerminal

/// The Log contact form over the account: one line per field, the focused
/// one highlighted, the contact-now verdict for the chosen channel on top.
enum FormView {
    static func label(_ f: ContactForm.Field, _ str: Strings) -> String {
        switch f {
        case .channel: str[.fieldChannel]
        case .number: str[.contactNumber]
        case .outcome: str[.fieldOutcome]
        case .reason: str[.fieldReason]
        case .note: str[.fieldNote]
        case .promiseAmount: str[.fieldPromiseAmount]
        case .promiseDate: str[.fieldPromiseDate]
        case .nextAction: str[.fieldNextAction]
        case .override: str[.fieldOverride]
        }
    }

    static func channelName(_ c: Channel, _ str: Strings) -> String {
        switch c {
        case .phone: str[.chPhone]
        case .sms: str[.chSms]
        case .whatsapp: str[.chWhatsapp]
        case .email: str[.chEmail]
        case .letter: str[.chLetter]
        case .visit: str[.chVisit]
        }
    }

    static func reasonName(_ r: DelayReason?, _ str: Strings) -> String {
        switch r {
        case nil: str[.noneChoice]
        case .financial: str[.rsFinancial]
        case .admin: str[.rsAdmin]
        case .dispute: str[.rsDispute]
        case .other: str[.rsOther]
        }
    }

    /// The shown name of a choice's option (what typing a letter matches).
    static func optionName(_ f: ContactForm.Field, _ option: String, _ str: Strings) -> String {
        switch f {
        case .channel: Channel(rawValue: option).map { channelName($0, str) } ?? option
        case .reason: reasonName(DelayReason(rawValue: option), str)
        default: option
        }
    }

    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ f: ContactForm) {
        let str = s.strings
        let detail: AccountDetail? = if case .account(let a)? = s.stack.dropLast().last { a.detail } else { nil }
        Chrome.title(&b, "\(str[.formTitle]) — \(f.accountNo)" + (detail.map { "  \($0.name)" } ?? ""))
        var y = 1
        if let d = detail {
            // Whether the debtor may be contacted now, from the moment the form
            // opens: a refusal is wrapped whole (its reason and next allowed
            // time), never cut at 80 columns.
            let allowed = AccountView.verdict(d, channel: f.channel, state: s).isAllowed
            for line in Chrome.wrap(AccountView.verdictLine(d, channel: f.channel, state: s), b.width - 2).prefix(3) {
                b.put(" " + line, x: 0, y: y, style: allowed ? .plain : Palette.warning)
                y += 1
            }
        }
        if let refusal = f.refusal {
            // The last save's refusal, whole: why, and when contact is next allowed.
            for line in Chrome.wrap(refusal, b.width - 2).prefix(3) {
                b.put(" " + line, x: 0, y: y, style: Palette.warning)
                y += 1
            }
        }
        let fields = f.fields(s.outcomes)
        y += 1
        // A blank line between fields while they fit above the key line.
        let step = y + fields.count * 2 - 1 <= b.height - 3 ? 2 : 1
        for field in fields {
            let focused = field == f.focus
            b.put(" " + pad(label(field, str), 17), x: 0, y: y, style: focused ? Palette.section : .plain)
            let value: String
            var hint = ""
            var hintStyle = Palette.hint
            switch field {
            case .channel:
                value = "< \(channelName(f.channel, str)) >"
                hint = str[.formChoiceHint]
            case .outcome:
                value = "< " + (f.outcome.map { code in "\(code)  \(s.outcomes[code].map(str.outcomeMeaning) ?? "")" } ?? str[.noneChoice]) + " >"
                hint = str[.formChoiceHint]
            case .reason:
                value = "< \(reasonName(f.reason, str)) >"
            case .number:
                let phone = f.to.flatMap { f.parties.find($0) }
                value = "< " + (f.to.map(TextField.visible) ?? "—") + (phone.map { " (\(str.phoneParty($0.party)))" } ?? "") + " >"
                if let p = phone, PartyRules.onlyToLocate(p.party) { hint = str[.phoneOnlyToLocate] }
            case .promiseAmount:
                value = "[" + f.input(field).shown(focused: focused, width: b.width - 22) + "]"
                if f.suggested.contains(.promiseAmount), let d = detail, d.position.pastDue.isPositive {
                    hint = "\(str[.formSuggested]) \(s.money.format(d.position.pastDue))"
                } else {
                    (hint, hintStyle) = amountEcho(f.promiseAmount, s)
                }
            case .promiseDate:
                value = "[" + f.input(field).shown(focused: focused, width: b.width - 22) + "]"
                hint = str[.formDateHint]
            case .nextAction:
                value = "[" + f.input(field).shown(focused: focused, width: b.width - 22) + "]"
                hint = str[.formDateTimeHint]
                if let warning = callBackWarning(f.nextAction, s) { (hint, hintStyle) = ("⚠ " + warning, Palette.warning) }
            default:
                value = "[" + f.input(field).shown(focused: focused, width: b.width - 22) + "]"
            }
            let width = b.put(value, x: 19, y: y, style: focused ? Palette.selected : .plain, maxWidth: b.width - 20)
            if !hint.isEmpty, 19 + width + 3 < b.width { b.put(hint, x: 19 + width + 3, y: y, style: hintStyle, maxWidth: b.width - (19 + width + 3)) }
            y += step
        }
        Chrome.bottom(&b, hint: Chrome.hint(.form, Chrome.contactFormTips, state: s), state: s)
    }

    /// Why a call back on the day typed would be refused (a day the rules
    /// allow no contact on, such as Sunday under OJK, or a holiday), said
    /// while it is typed rather than when the call is due.
    static func callBackWarning(_ typed: String, _ s: AppState) -> String? {
        guard let first = typed.trimmingSpaces.split(whereSeparator: { $0 == " " || $0 == "T" }).first, let day = Day(iso: first) else { return nil }
        if !s.policy.rules.weekdays.contains(day.isoWeekday) { return s.strings.blockReason(.notAContactDay(weekday: day.isoWeekday)) }
        if let name = s.policy.holidays[day] { return s.strings.blockReason(.holiday(name)) }
        return nil
    }

    /// An amount as it was understood, `= Rp150.000` in the reader's format
    /// (read by the same parse the save uses), or why it does not read.
    static func amountEcho(_ typed: String, _ s: AppState) -> (String, Style) {
        guard !typed.trimmingSpaces.isEmpty else { return ("", Palette.hint) }
        guard let m = Money.typed(typed, currency: s.money.currency) else { return (s.strings[.formBadAmount], Palette.warning) }
        return ("= " + s.money.format(m), Palette.hint)
    }
}
