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

/// Terminal columns a string takes (combining marks take none; CJK and
/// emoji two). Enough for names and amounts; the workstation has the full
/// `wcwidth` version.
func displayWidth(_ s: String) -> Int {
    var w = 0
    for u in s.unicodeScalars {
        switch u.value {
        case 0x0300...0x036F, 0x200B...0x200F: continue
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF:
            w += 2
        default: w += 1
        }
    }
    return w
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
