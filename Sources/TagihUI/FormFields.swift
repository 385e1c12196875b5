import TagihTerminal

/// What the contact and plan forms share: text fields edited through the
/// one `TextInput`, values the form suggested until typed over, a draft kept
/// as `key=value` lines, and Esc asking once before typed input is dropped.
protocol FormFields {
    associatedtype Field: Hashable
    var focus: Field { get }
    /// The cursor in the focused text field (nil: at its end).
    var caret: Int? { get set }
    var suggested: Set<Field> { get set }
    var hasInput: Bool { get }
    var confirmDiscard: Bool { get set }
    /// The longest text a field of this form takes.
    var fieldLimit: Int { get }
    func text(_ f: Field) -> String
    mutating func setText(_ f: Field, _ value: String)
}

extension FormFields {
    /// A field as the shared editor sees it.
    func input(_ f: Field) -> TextInput {
        TextInput(text(f), cursor: f == focus ? caret : nil, suggested: suggested.contains(f), limit: fieldLimit)
    }

    /// One key on the focused text field; false when it is not an edit.
    mutating func editFocused(_ key: Key) -> Bool {
        var field = input(focus)
        guard field.handle(key) else { return false }
        setText(focus, field.text)
        caret = field.cursor
        if !field.suggested { suggested.remove(focus) }
        return true
    }
}

/// A draft's `key=value` lines as a dictionary (values hold no newline).
func draftValues(_ draft: String) -> [String: String] {
    var values: [String: String] = [:]
    for line in draft.split(separator: "\n") {
        guard let eq = line.firstIndex(of: "=") else { continue }
        values[String(line[..<eq])] = String(line[line.index(after: eq)...])
    }
    return values
}
