/// A login as it enters Tagih (`init --admin`, `user add`, `--as`, `assign --to`,
/// the accounts file's `collector` column). A login names a person in the
/// audit trail and a file in their drafts folder, so it must be plain: no
/// path separator, no control character, nothing a terminal interprets.
public enum Login {
    /// The longest login: the common limit of `useradd`.
    public static let maxLength = 32

    /// Why `text` is not a login, or nil when it is one: 1 to 32 ASCII
    /// letters, digits, `.`, `_`, `-`, not starting with `.` or `-` (an
    /// option, a hidden or parent folder).
    public static func validate(_ text: String) -> LoginProblem? {
        let bytes = Array(text.utf8)
        if bytes.isEmpty { return .empty }
        for (i, scalar) in text.unicodeScalars.enumerated() {
            let v = scalar.value
            let plain = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x2E || v == 0x5F || v == 0x2D
            if !plain { return .character(scalar, position: i + 1) }
        }
        if bytes.count > maxLength { return .tooLong(bytes.count) }
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: ".") { return .badStart }
        return nil
    }
}

/// Why a text is not a login; `Strings.loginProblem` says it in a sentence.
public enum LoginProblem: Sendable, Equatable {
    case empty
    case tooLong(Int)
    /// The first character outside the allowed set, and its 1-based position.
    case character(Unicode.Scalar, position: Int)
    case badStart
}
