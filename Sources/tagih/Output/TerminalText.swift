import Foundation
import TagihCore

/// Text for people (tables, pages, summaries, messages) as a terminal may be
/// shown it: each line through `TextField.visible`, so a name, segment, file
/// name or field value holding ESC, OSC, CR or BS shows U+FFFD instead of
/// moving the cursor or setting the clipboard. Line ends are kept.
///
/// The one place the command line escapes what it prints: `emit`, `say` and
/// `warn` go through it. CSV is printed exact (`emit(_:to:exact:)`); JSON needs
/// nothing, as `JSON.quote` escapes every control character itself.
func terminalText(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value == 0x09 || ($0.value != 0x0A && TextField.isRefused($0)) }) else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { TextField.visible(String($0)) }.joined(separator: "\n")
}

/// Prints one line (or a few) for people on standard output, escaped.
func say(_ text: String, terminator: String = "\n") {
    print(terminalText(text), terminator: terminator)
}
