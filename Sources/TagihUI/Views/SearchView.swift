import TagihCore
import TagihTerminal

/// Search across the whole book: results as you type.
enum SearchView {
    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ st: SearchState) {
        let str = s.strings
        Chrome.title(&b, "\(str[.appName]) — \(str[.searchTitle])")
        let prompt = " \(str[.searchPrompt]): "
        b.put(prompt, x: 0, y: 1, style: Palette.section)
        let used = b.put(st.text, x: displayWidth(prompt), y: 1)
        b.put(" ", x: displayWidth(prompt) + used, y: 1, style: Palette.selected) // the text cursor
        let found = st.searched.isEmpty ? str[.searchHint]
            : st.hits.isEmpty ? str[.searchNoResults] : countLine(st, s)
        b.put(" " + found, x: 0, y: 2, style: Palette.hint)

        let height = s.bodyHeight - 1
        // A balance is never cut: its column is as wide as the widest on screen, the name gives way.
        let onScreen = st.hits.dropFirst(st.top).prefix(height)
        let balanceWidth = max(15, onScreen.map { displayWidth(s.money.format($0.balance)) }.max() ?? 0)
        let nameWidth = max(10, b.width - (1 + 10 + 14 + 6 + balanceWidth + 10 + 6))
        b.put(" " + columns([(str[.colAccount], 10, .left), (str[.colName], nameWidth, .left), (str[.phone], 14, .left),
                             (str[.collector], 6, .left), (str[.colBalance], balanceWidth, .right)]), x: 0, y: 3, style: Palette.header)
        for i in 0..<height {
            let index = st.top + i
            guard index < st.hits.count else { break }
            let h = st.hits[index]
            let text = " " + columns([(h.accountNo, 10, .left), (h.name, nameWidth, .left), (h.phone ?? "", 14, .left),
                                      (h.collector ?? "—", 6, .left), (s.money.format(h.balance), balanceWidth, .right),
                                      (matchName(h.match, str), 10, .left)])
            if index == st.cursor {
                b.fill(row: 4 + i, style: Palette.selected)
                b.put(text, x: 0, y: 4 + i, style: Palette.selected)
            } else {
                b.put(text, x: 0, y: 4 + i)
            }
        }
        Chrome.bottom(&b, hint: Chrome.hint(.search, Chrome.searchTips, state: s), state: s)
    }

    /// `12 found`, or, when the list is capped, `200 of 2,448 shown` (`10,000+` past the count's bound).
    static func countLine(_ st: SearchState, _ s: AppState) -> String {
        guard let total = st.total, total > st.hits.count else { return s.strings.format(.resultsCount, st.hits.count) }
        let all = s.money.count(total) + (total >= Workstation.searchCountLimit ? "+" : "")
        return s.strings.format(.resultsCapped, s.money.count(st.hits.count), all)
    }

    static func matchName(_ m: SearchHit.Match, _ str: Strings) -> String {
        switch m {
        case .accountNo: str[.matchAccountNo]
        case .name: str[.matchName]
        case .phone: str[.matchPhone]
        }
    }
}
