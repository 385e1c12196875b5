import TagihCore
import TagihTerminal

/// Whose accounts a screen shows, picked from a list (issue 16): the team,
/// each collector of the team, one's own, the unassigned accounts, the whole
/// book — what the reader's role allows (contract §1a, R4), as
/// `AppState.scopes` lists them. Opened by the scope key over the queue or
/// the Reports screen; Enter picks, Esc leaves the screen as it was.
public struct ScopePicker: Sendable, Equatable {
    /// The screen the picked scope is for.
    public enum Target: Sendable, Equatable { case queue, reports }
    public var target: Target
    public var options: [QueueScope]
    public var cursor: Int
    /// The first option on screen, when the list is longer than the box.
    public var top = 0

    public init(target: Target, options: [QueueScope], current: QueueScope) {
        self.target = target
        self.options = options
        cursor = options.firstIndex(of: current) ?? 0
    }

    public var selected: QueueScope? { options.indices.contains(cursor) ? options[cursor] : nil }
}

/// The picker drawn over the screen beneath: a box under the title bar, the
/// current scope marked, the keys on its last line.
enum ScopePickerView {
    /// Option lines the box shows at a time on a screen `height` rows high.
    static func rows(_ height: Int) -> Int { max(1, height - 8) }

    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ p: ScopePicker) {
        let str = s.strings
        let names = p.options.map { QueueView.scopeName($0, s) }
        let keys = str.format(.scopePickerKeys, Keymap.display(.enter), Keymap.display(.escape))
        let title = str[.scopePickerTitle]
        let inner = min(b.width - 6, max(displayWidth(title) + 2, displayWidth(keys), (names.map(displayWidth).max() ?? 0) + 2))
        let shown = min(p.options.count, rows(b.height))
        let x = 2, y = 2
        let rule = String(repeating: "─", count: inner + 2)
        // A blank margin round the box: the screen beneath does not show through at its edges.
        for row in y...(y + 3 + shown) { b.put(String(repeating: " ", count: inner + 8), x: x - 2, y: row) }
        b.put("┌" + rule + "┐", x: x, y: y, style: Palette.section)
        b.put(" " + title + " ", x: x + 2, y: y, style: Palette.section)
        for i in 0..<shown {
            let index = p.top + i
            let mark = index == p.cursor ? "▸ " : "  "
            let text = mark + pad(names[index], inner - 2, .left)
            b.put("│ ", x: x, y: y + 1 + i, style: Palette.section)
            b.put(text, x: x + 2, y: y + 1 + i, style: index == p.cursor ? Palette.selected : .plain)
            b.put(" │", x: x + 2 + inner, y: y + 1 + i, style: Palette.section)
        }
        let foot = y + 1 + shown
        b.put("│ " + pad(keys, inner, .left) + " │", x: x, y: foot, style: Palette.hint)
        b.put("└" + rule + "┘", x: x, y: foot + 1, style: Palette.section)
    }
}
