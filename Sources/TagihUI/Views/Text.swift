import TagihCore
import TagihTerminal

/// A line of text with one style: what views build before placing them.
struct Line: Equatable {
    var text: String
    var style: Style = .plain
    init(_ text: String, _ style: Style = .plain) { self.text = text; self.style = style }
}

enum Align { case left, right }

/// Cuts `s` to `width` display columns, ending in `…` when it had to cut.
/// Control characters from the data are measured as the U+FFFD the screen
/// draws for them (a tab as a space), so columns stay aligned.
func fit(_ s: String, _ width: Int) -> String {
    guard width > 0 else { return "" }
    let s = TextField.visible(s)
    if displayWidth(s) <= width { return s }
    var out = ""
    var used = 0
    for ch in s {
        let w = displayWidth(String(ch))
        if used + w > width - 1 { break }
        out.append(ch)
        used += w
    }
    return out + "…"
}

/// Pads or cuts `s` to exactly `width` columns.
func pad(_ s: String, _ width: Int, _ align: Align = .left) -> String {
    let f = fit(s, width)
    let gap = String(repeating: " ", count: max(0, width - displayWidth(f)))
    return align == .left ? f + gap : gap + f
}

/// Columns laid out left to right with one space between them.
func columns(_ cols: [(String, Int, Align)]) -> String {
    cols.map { pad($0.0, $0.1, $0.2) }.joined(separator: " ")
}

extension ScreenBuffer {
    /// Writes text right-aligned so it ends at column `right` (exclusive).
    mutating func putRight(_ text: String, right: Int, y: Int, style: Style = .plain) {
        let w = displayWidth(text)
        put(text, x: max(0, right - w), y: y, style: style)
    }

    /// Fills a row with spaces of a style (bars, highlighted lines).
    mutating func fill(row y: Int, style: Style) {
        put(String(repeating: " ", count: width), x: 0, y: y, style: style)
    }
}

/// Roles of colour: used sparingly so the screen stays calm, and never the
/// only carrier of meaning (NO_COLOR users see the same words).
enum Palette {
    static let title = Style(bold: true, reverse: true)
    static let status = Style(reverse: true)
    static let error = Style(bold: true, reverse: true, color: .red)
    static let header = Style(bold: true, underline: true)
    static let selected = Style(reverse: true)
    static let hint = Style(dim: true)
    static let section = Style(bold: true)
    static let warning = Style(bold: true, color: .red)

    /// Older debt looks more urgent.
    static func days(_ d: Int) -> Style {
        d > 90 ? Style(color: .red) : d > 30 ? Style(color: .yellow) : .plain
    }
}
