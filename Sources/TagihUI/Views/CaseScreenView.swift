import TagihCore
import TagihTerminal

/// The account's cases: one entry per case (type, status, opened, due,
/// summary, and a resolution's credit and who made it), the selected one
/// marked; an open form takes the bottom of the screen.
enum CaseScreenView {
    static func lines(_ s: AppState, _ cases: [(record: CaseRecord, state: CaseState)], cursor: Int) -> [Line] {
        let str = s.strings
        var out: [Line] = []
        for (i, (c, state)) in cases.enumerated() {
            let extended = state.extended ? " (+)" : ""
            let text = str.format(.caseListLine, c.id, str.caseType(c.type), str.caseStatus(state.status), str.shortDate(c.opened),
                                  str.shortDate(state.due), extended, TextField.visible(c.summary))
            let style: Style = i == cursor ? Palette.selected : state.status == .overdue ? Palette.warning
                : state.status == .resolved ? Palette.hint : .plain
            var entry = [(i == cursor ? " ▸ " : "   ") + text]
            if let r = state.resolution, let outcome = r.outcome {
                entry.append("     " + (r.credit.map { str.format(.caseCreditLine, str.caseOutcome(outcome), s.money.format($0), r.by, str.caseStatus(state.status)) }
                                         ?? str.format(.caseResolutionLine, str.caseOutcome(outcome), r.by, str.caseStatus(state.status))))
            }
            for e in entry { out += AccountView.wrapKeepingSpaces(e, s.width).map { Line($0, style) } }
        }
        return out
    }

    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ c: CaseScreen) {
        let str = s.strings
        Chrome.title(&b, str.format(.casesTitle, c.accountNo))
        let cases = accountCases(s)
        let formRows = c.form.map { $0.fields.count + 2 } ?? 0
        let room = b.height - 3 - 2 - formRows
        if cases.isEmpty { b.put(" " + str[.caseNone], x: 0, y: 2, style: Palette.hint) }
        let all = lines(s, cases, cursor: c.cursor)
        // The selected case stays on screen.
        let selectedLine = all.firstIndex { $0.text.hasPrefix(" ▸") } ?? 0
        let first = max(0, selectedLine - room + 2)
        for (k, line) in all.dropFirst(first).prefix(room).enumerated() { b.put(line.text, x: 0, y: 2 + k, style: line.style) }
        if let f = c.form {
            var y = b.height - 3 - formRows + 1
            b.put(" " + title(f.kind, c, str), x: 0, y: y, style: Palette.section, maxWidth: b.width - 1)
            y += 1
            for (i, field) in f.fields.enumerated() {
                let focused = i == f.focus
                b.put(" " + pad(str[field.label], 13), x: 0, y: y, style: focused ? Palette.section : .plain)
                let value = field.options != nil ? "< \(field.value.isEmpty ? "—" : optionText(field.label, field.value, str)) >"
                    : "[" + TextInput(field.value, cursor: focused ? f.caret : nil, limit: 200).shown(focused: focused, width: b.width - 18) + "]"
                b.put(value, x: 15, y: y, style: focused ? Palette.selected : .plain, maxWidth: b.width - 16)
                y += 1
            }
            Chrome.bottom(&b, hint: str.format(.caseFormKeys, s.keymap.names(.save, in: .form)), state: s)
        } else {
            Chrome.bottom(&b, hint: str[.caseKeys], state: s)
        }
    }

    /// A choice as the reader reads it; the form keeps the contract's word.
    static func optionText(_ label: Strings.HoldsUI, _ value: String, _ str: Strings) -> String {
        switch label {
        case .caseFType: CaseType(rawValue: value).map(str.caseType) ?? value
        case .caseFOutcome: CaseOutcome(rawValue: value).map(str.caseOutcome) ?? value
        case .caseFVia: CaseVia(rawValue: value).map(str.caseVia) ?? value
        default: value
        }
    }

    static func title(_ kind: CaseForm.Kind, _ c: CaseScreen, _ str: Strings) -> String {
        switch kind {
        case .open: str.format(.caseOpenTitle, c.accountNo)
        case .note(let id): str.format(.caseNoteTitle, id)
        case .extend(let id): str.format(.caseExtendTitle, id)
        case .resolve(let id): str.format(.caseResolveTitle, id)
        case .approve(let id): str.format(.caseApproveTitle, id)
        case .decline(let id): str.format(.caseDeclineTitle, id)
        }
    }
}
