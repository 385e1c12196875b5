import TagihCore
import TagihTerminal

/// An account's contact history read whole: each contact's line (when,
/// how, what came of it, by whom), then its note wrapped to the screen —
/// nothing cut, however long the note.
enum NotesView {
    /// Rows 1 … height-3: the hint and status lines are below.
    static func visibleRows(_ height: Int) -> Int { max(1, height - 3) }

    static func lines(_ n: ContactNotes, state s: AppState) -> [Line] {
        guard !n.contacts.isEmpty else { return [Line(" " + s.strings[.noContactsYet], Palette.hint)] }
        var out: [Line] = []
        for (i, c) in n.contacts.enumerated() {
            if i > 0 { out.append(Line("")) }
            let head = " " + AccountView.contactParts(c, state: s).joined(separator: "  ")
            out += AccountView.wrapKeepingSpaces(head, s.width).map { Line($0, Palette.section) }
            if let note = c.note { out += wrapBreakingWords(note, s.width - 4).map { Line("   " + $0) } }
        }
        return out
    }

    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ n: ContactNotes) {
        Chrome.title(&b, "\(s.strings[.notesTitle]) — \(n.accountNo)  \(n.name)")
        let all = lines(n, state: s)
        for i in 0..<visibleRows(b.height) {
            let index = n.scroll + i
            guard index < all.count else { break }
            b.put(all[index].text, x: 0, y: 1 + i, style: all[index].style)
        }
        if all.count > visibleRows(b.height) {
            b.putRight("↓ \(n.scroll + 1)–\(min(all.count, n.scroll + visibleRows(b.height)))/\(all.count) ", right: b.width, y: 0, style: Palette.title)
        }
        Chrome.bottom(&b, hint: Chrome.hint(.notes, Chrome.notesTips, state: s), state: s)
    }

    /// Words wrapped to `width` columns; a word longer than a line (a
    /// link, a number run together) is broken across lines, never cut.
    static func wrapBreakingWords(_ text: String, _ width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        var current = ""
        func add(_ word: Substring) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if displayWidth(candidate) <= width { current = candidate; return }
            if !current.isEmpty { lines.append(current); current = "" }
            for ch in word {
                if displayWidth(current + String(ch)) > width { lines.append(current); current = "" }
                current.append(ch)
            }
        }
        for word in text.split(separator: " ", omittingEmptySubsequences: true) { add(word) }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
