/// What the store cannot find, or cannot take as text, typed like the other
/// refusals so the workstation says it in the reader's language and never
/// shows an option name (`--note`) on screen; the command line keeps its
/// English wording (`commandLineText`), which scripts and tests pin.
public enum RecordProblem: Error, Sendable, Equatable {
    /// No account with this number.
    case unknownAccount(String)
    /// The account opened is no longer in the ledger (removed since it was listed).
    case accountGone(Int64)
    /// A text field holds a control character (R8). `field` is the command
    /// line's option (`--note`, `--override`, `--reason`).
    case controlCharacter(field: String, code: String)

    /// The refusal for `text` as the field `field`, if it holds a control character.
    public static func text(_ field: String, _ text: String?) -> RecordProblem? {
        guard let text, let u = TextField.firstRefused(in: text) else { return nil }
        return .controlCharacter(field: field, code: TextField.code(u))
    }

    public var commandLineText: String {
        switch self {
        case .unknownAccount(let no): "unknown account \(no)"
        case .accountGone(let id): "account \(id) no longer exists"
        case .controlCharacter(let field, let code): "\(field) holds a control character (\(code)); text fields take no control characters other than tab"
        }
    }
}

extension Strings {
    /// `options`: the command line's wording; else the workstation's, naming the form's field.
    public func recordProblem(_ p: RecordProblem, options: Bool) -> String {
        if language == .en && options { return p.commandLineText }
        let id = language == .id
        switch p {
        case .unknownAccount(let no):
            return id ? "akun \(no) tidak dikenal" : "unknown account \(no)"
        case .accountGone:
            // The id is the ledger's, not a number anyone knows the account by.
            return id ? "akun ini sudah tidak ada di buku" : "this account is no longer in the ledger"
        case .controlCharacter(let field, let code):
            let name: String
            switch field {
            case _ where options: name = field
            case "--note": name = self[.fieldNote]
            case "--override": name = self[.fieldOverride]
            case "--reason": name = id ? "Alasan" : "Reason"
            default: name = field
            }
            return id ? "\(name) berisi karakter kontrol (\(code)); kolom teks hanya menerima tab, tidak karakter kontrol lain"
                      : "\(name) holds a control character (\(code)); text fields take no control characters other than tab"
        }
    }
}
