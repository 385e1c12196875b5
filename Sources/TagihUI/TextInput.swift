import TagihCore
import TagihTerminal

/// One line of typed text with a cursor: the single editor behind every
/// input of the workstation (the contact and plan forms' fields, the search
/// box, the reports' date prompt, a decline reason), so each behaves the
/// same way. A *suggested* text (one the screen filled in, such as the
/// past-due amount) is replaced by the first character typed, as a selected
/// text is in any editor: typing `150.000` over `290.000` gives `150.000`.
/// ←/→, Home/End move; Backspace and Delete remove; Ctrl-U clears.
public struct TextInput: Equatable, Sendable {
    public private(set) var text: String
    /// The cursor, in characters from the start (0…text.count).
    public private(set) var cursor: Int
    /// Filled in by the screen, not typed: the next character replaces it.
    public private(set) var suggested: Bool
    /// At most this many characters are kept (a field is one screen line).
    public let limit: Int

    /// A text with the cursor at `cursor` (nil: at its end).
    public init(_ text: String = "", cursor: Int? = nil, suggested: Bool = false, limit: Int = 200) {
        self.text = text
        self.limit = limit
        self.suggested = suggested && !text.isEmpty
        self.cursor = min(max(0, cursor ?? text.count), text.count)
    }

    /// Applies one key. Returns whether the key was the editor's (typed,
    /// removed, moved); any other key is left to the screen. `accepts`
    /// says which characters the input takes (a date prompt: digits and `-`).
    public mutating func handle(_ key: Key, accepts: (Character) -> Bool = { !$0.isNewline }) -> Bool {
        switch key {
        case .character(let c):
            guard accepts(c) else { return false }
            if suggested { clear() }
            guard text.count < limit else { return true }
            let i = text.index(text.startIndex, offsetBy: cursor)
            text.insert(c, at: i)
            cursor += 1
        case .backspace:
            // A suggestion goes as a whole: Backspace on it means "not that".
            if suggested { clear(); return true }
            guard cursor > 0 else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
            cursor -= 1
        case .delete:
            if suggested { clear(); return true }
            guard cursor < text.count else { return true }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
        case .control("u"):
            clear()
        case .left:
            suggested = false
            cursor = max(0, cursor - 1)
        case .right:
            suggested = false
            cursor = min(text.count, cursor + 1)
        case .home:
            suggested = false
            cursor = 0
        case .end:
            suggested = false
            cursor = text.count
        default:
            return false
        }
        return true
    }

    public mutating func clear() {
        text = ""
        cursor = 0
        suggested = false
    }

    /// The text as shown in its field: the cursor `▏` where typing goes when
    /// focused. A suggestion shows no cursor inside it: the field's
    /// highlight and the hint say it will be replaced.
    public func shown(focused: Bool) -> String {
        guard focused else { return text }
        let i = text.index(text.startIndex, offsetBy: cursor)
        return String(text[..<i]) + "▏" + String(text[i...])
    }

    /// The same within `width` columns: a longer text shows the part around
    /// the cursor (its start when not focused), `…` marking what lies beyond
    /// either edge, so what is typed is always seen and all of it can be
    /// read by moving along it.
    public func shown(focused: Bool, width: Int) -> String {
        let full = Array(shown(focused: focused))
        guard width > 2, displayWidth(String(full)) > width else { return String(full) }
        let w = { (c: Character) in displayWidth(String(c)) }
        // The window grows from the cursor mark: leftwards first (the text
        // just typed), then rightwards, keeping a column for each `…`.
        var lo = focused ? cursor : 0, hi = focused ? cursor + 1 : 0
        var used = full[lo..<hi].reduce(0) { $0 + w($1) }
        func fits(_ extra: Int, lo: Int, hi: Int) -> Bool {
            used + extra + (lo > 0 ? 1 : 0) + (hi < full.count ? 1 : 0) <= width
        }
        while lo > 0, fits(w(full[lo - 1]), lo: lo - 1, hi: hi) { lo -= 1; used += w(full[lo]) }
        while hi < full.count, fits(w(full[hi]), lo: lo, hi: hi + 1) { used += w(full[hi]); hi += 1 }
        return (lo > 0 ? "…" : "") + String(full[lo..<hi]) + (hi < full.count ? "…" : "")
    }
}
