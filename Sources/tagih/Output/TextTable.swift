import TagihCore

/// A plain text table for human reports: columns sized to their widest cell,
/// numbers right-aligned, a rule under the header and above a total row.
struct TextTable {
    enum Align { case left, right }
    var headers: [String]
    var align: [Align]
    var rows: [[String]] = []
    /// Index of a row to set off with a rule above it (the total).
    var totalRow: Int?

    func rendered() -> String {
        // Cells come from the data: a control character in one would reach
        // the terminal as a control sequence (and count no width), so each
        // is shown as U+FFFD and a tab as a space (CONTRACT §1).
        let headers = self.headers.map(TextField.visible)
        let rows = self.rows.map { $0.map(TextField.visible) }
        var widths = headers.map(displayWidth)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], displayWidth(c)) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let gap = String(repeating: " ", count: widths[i] - displayWidth(c))
                return align[i] == .right ? gap + c : c + gap
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        var out = [line(headers), rule]
        for (i, r) in rows.enumerated() {
            if i == totalRow { out.append(rule) }
            out.append(line(r))
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
