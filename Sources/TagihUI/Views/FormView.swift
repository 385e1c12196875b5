import TagihCore
import TagihTerminal

/// The Log contact form over the account: one line per field, the focused
/// one highlighted, the contact-now verdict for the chosen channel on top.
enum FormView {
    static func label(_ f: ContactForm.Field, _ str: Strings) -> String {
        switch f {
        case .channel: str[.fieldChannel]
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
        if let d = detail {
            b.put(" " + fit(AccountView.verdictLine(d, channel: f.channel, state: s), b.width - 2), x: 0, y: 1,
                  style: AccountView.verdict(d, channel: f.channel, state: s).isAllowed ? .plain : Palette.warning)
        }
        var y = 3
        for field in f.fields(s.outcomes) {
            let focused = field == f.focus
            b.put(" " + pad(label(field, str), 17), x: 0, y: y, style: focused ? Palette.section : .plain)
            let value: String
            var hint = ""
            switch field {
            case .channel:
                value = "< \(channelName(f.channel, str)) >"
                hint = str[.formChoiceHint]
            case .outcome:
                value = "< " + (f.outcome.map { code in "\(code)  \(s.outcomes[code].map(str.outcomeMeaning) ?? "")" } ?? str[.noneChoice]) + " >"
                hint = str[.formChoiceHint]
            case .reason:
                value = "< \(reasonName(f.reason, str)) >"
            case .promiseAmount:
                value = "[" + f.promiseAmount + (focused ? "▏" : "") + "]"
                if let d = detail, d.position.pastDue.isPositive { hint = "\(str[.formSuggested]) \(s.money.format(d.position.pastDue))" }
            case .promiseDate:
                value = "[" + f.text(field) + (focused ? "▏" : "") + "]"
                hint = str[.formDateHint]
            case .nextAction:
                value = "[" + f.text(field) + (focused ? "▏" : "") + "]"
                hint = str[.formDateTimeHint]
            default:
                value = "[" + f.text(field) + (focused ? "▏" : "") + "]"
            }
            let width = b.put(value, x: 19, y: y, style: focused ? Palette.selected : .plain, maxWidth: b.width - 20)
            if !hint.isEmpty, 19 + width + 3 < b.width { b.put(hint, x: 19 + width + 3, y: y, style: Palette.hint) }
            y += 2
        }
        Chrome.bottom(&b, hint: str[.hintForm], state: s)
    }
}
