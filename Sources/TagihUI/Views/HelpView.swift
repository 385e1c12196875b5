import TagihCore
import TagihTerminal

/// Help for the screen beneath, generated from the action table and the
/// keymap in use, grouped: it cannot drift from what the keys do.
enum HelpView {
    static func title(_ c: Context, _ str: Strings) -> String {
        switch c {
        case .queue: str[.queueTitle]
        case .account: str[.accountTitle]
        case .search: str[.searchTitle]
        case .help: str[.helpTitle]
        case .form: str[.formTitle]
        case .approvals: str[.approvalsTitle]
        case .reports: str[.reportsTitle]
        case .confirm: str[.approvalsTitle]
        case .assign: str[.assignTitle]
        case .notes: str[.notesTitle]
        case .cases: str.format(.casesTitle, "").trimmingCharacters(in: .whitespaces)
        case .phones: str.format(.phonesSection, 0).prefix { $0 != "(" }.trimmingCharacters(in: .whitespaces)
        }
    }

    static func lines(_ context: Context, state s: AppState) -> [Line] {
        let str = s.strings
        var out: [Line] = []
        for group in Action.Group.allCases {
            let actions = Action.allCases.filter { $0.group == group && $0.contexts.contains(context) }
                .filter { !s.keymap.names($0, in: context).isEmpty && s.offers($0) }
            guard !actions.isEmpty else { continue }
            out.append(Line(" " + str[group.title], Palette.section))
            for a in actions {
                out.append(Line("   " + pad(s.keymap.names(a, in: context), 18) + " " + str[a.helpKey]))
            }
        }
        if context == .search { out.append(Line(" " + str[.searchHint], Palette.hint)) }
        return out
    }

    /// Rows 1 … height-4: the footer and the two bottom lines are below.
    static func visibleRows(_ height: Int) -> Int { max(1, height - 4) }

    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ h: HelpState) {
        let str = s.strings
        Chrome.title(&b, "\(str[.appName]) — \(str[.helpTitle]): \(title(h.context, str))")
        let all = lines(h.context, state: s)
        for i in 0..<visibleRows(b.height) {
            let index = h.scroll + i
            guard index < all.count else { break }
            b.put(all[index].text, x: 0, y: 1 + i, style: all[index].style)
        }
        b.put(" " + str[.helpFooter], x: 0, y: b.height - 3, style: Palette.hint)
        if all.count > visibleRows(b.height) {
            // More below (or above): say where the window is, as the account screen does.
            b.putRight("↓ \(h.scroll + 1)–\(min(all.count, h.scroll + visibleRows(b.height)))/\(all.count) ", right: b.width, y: 0, style: Palette.title)
        }
        Chrome.bottom(&b, hint: Chrome.hint(.help, Chrome.helpTips, state: s), state: s)
    }
}
