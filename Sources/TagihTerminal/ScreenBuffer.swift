import TagihCore

/// How a cell looks. Colours are roles, mapped to curses colour pairs by the
/// terminal only when it has colours and `NO_COLOR` is unset.
public struct Style: Hashable, Sendable {
    public enum Color: Int16, Sendable, CaseIterable { case red = 1, green, yellow, blue, magenta, cyan }
    public var bold = false
    public var reverse = false
    public var underline = false
    public var dim = false
    public var color: Color?

    public init(bold: Bool = false, reverse: Bool = false, underline: Bool = false, dim: Bool = false, color: Color? = nil) {
        self.bold = bold; self.reverse = reverse; self.underline = underline; self.dim = dim; self.color = color
    }

    public static let plain = Style()
}

/// One terminal cell: a character with its combining marks, or the empty
/// right half of a wide character.
public struct Cell: Hashable, Sendable {
    public var text: String
    public var style: Style
    public static let blank = Cell(text: " ", style: .plain)
    /// The second column of a two-column character.
    public var isContinuation: Bool { text.isEmpty }
}

/// What a screen shows, as a grid of cells. Screens render into one; the
/// terminal paints only the rows that differ from the last one painted, and
/// tests compare its text with golden files.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    private var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` from column `x` of row `y`, clipped at `x + maxWidth`
    /// (default: the row's end). A wide character that would straddle the
    /// edge is left out; combining marks join the character before them.
    /// Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x >= 0, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width))
        var col = x
        // Every text drawn passes here: a control character from the data is
        // drawn as U+FFFD and a tab as a space, never sent to the terminal.
        for ch in TextField.visible(text) {
            let w = displayWidth(String(ch))
            if w == 0 {
                if col > x { self[col - 1, y].text.append(ch) }
                continue
            }
            if col + w > limit { break }
            self[col, y] = Cell(text: String(ch), style: style)
            if w == 2 { self[col + 1, y] = Cell(text: "", style: style) }
            col += w
        }
        return col - x
    }

    /// Sets the style of a whole row (a highlighted line), keeping its text.
    public mutating func style(row y: Int, _ style: Style) {
        guard y >= 0, y < height else { return }
        for x in 0..<width { self[x, y].style = style }
    }

    /// A row's text, trailing spaces trimmed.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].isContinuation { s += self[x, y].text }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// Every row's text, one per line: the form golden screens are kept in.
    public var text: String { (0..<height).map(line).joined(separator: "\n") }

    /// Rows that differ from `old` (all of them when the size changed).
    public func changedRows(since old: ScreenBuffer?) -> [Int] {
        guard let old, old.width == width, old.height == height else { return Array(0..<height) }
        return (0..<height).filter { y in
            let start = y * width
            return cells[start..<start + width] != old.cells[start..<start + width]
        }
    }
}
