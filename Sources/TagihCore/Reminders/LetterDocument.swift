/// A printed letter as blocks of text, before any page exists: what the
/// letter says is decided here, in Core (pure, testable as text), and the
/// PDF renderer (TagihLetters) only lays the blocks out on A4 pages.
public struct LetterDocument: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        /// Centred, bold.
        case title(String)
        /// A paragraph, wrapped to the page's width.
        case paragraph(String)
        /// Lines kept as they are (an address block), left-aligned.
        case lines([String])
        /// A table with a header row; `right` marks the columns aligned right (amounts, days).
        case table(header: [String], rows: [[String]], right: Set<Int>)
        /// Bold, for a sum the reader must see.
        case emphasis(String)
        /// Small print at the end of the block list (the e-Meterai note).
        case note(String)
        case space
    }

    public var title: String
    /// The business day: the PDF's creation date (R16), so the same letter is the same bytes.
    public var date: Day
    public var author: String
    public var blocks: [Block]

    public init(title: String, date: Day, author: String, blocks: [Block]) {
        self.title = title; self.date = date; self.author = author; self.blocks = blocks
    }

    /// Every word of the letter, one block a line (tables cell by cell): what
    /// `pdftotext` should find on its pages, in order.
    public var plainText: [String] {
        blocks.flatMap { b -> [String] in
            switch b {
            case .title(let s), .paragraph(let s), .emphasis(let s), .note(let s): [s]
            case .lines(let l): l
            case .table(let h, let rows, _): [h.joined(separator: " ")] + rows.map { $0.joined(separator: " ") }
            case .space: []
            }
        }
    }
}
