/// Sentences about logins and about the private files Tagih writes for a person.
extension Strings {
    /// "login "a/b" is not valid: character 2 ("/") is not allowed; use 1 to 32 letters, digits, '.', '_' or '-'".
    /// The login is shown with control characters made visible, never sent raw to a terminal.
    public func loginProblem(_ login: String, _ p: LoginProblem) -> String {
        let shown = Strings.visible(login)
        let rule = language == .id
            ? "gunakan 1 sampai \(Login.maxLength) huruf, angka, '.', '_' atau '-', tidak diawali '.' atau '-'"
            : "use 1 to \(Login.maxLength) letters, digits, '.', '_' or '-', not starting with '.' or '-'"
        let why: String
        switch (p, language) {
        case (.empty, .en): why = "it is empty"
        case (.empty, .id): why = "kosong"
        case (.tooLong(let n), .en): why = "it has \(n) characters"
        case (.tooLong(let n), .id): why = "panjangnya \(n) karakter"
        case (.character(let c, let i), .en): why = "character \(i) (\(Strings.scalarName(c))) is not allowed"
        case (.character(let c, let i), .id): why = "karakter ke-\(i) (\(Strings.scalarName(c))) tidak diizinkan"
        case (.badStart, .en): why = "it starts with '\(shown.prefix(1))'"
        case (.badStart, .id): why = "diawali '\(shown.prefix(1))'"
        }
        return language == .id
            ? "login \"\(shown)\" tidak sah: \(why); \(rule)"
            : "login \"\(shown)\" is not valid: \(why); \(rule)"
    }

    /// A scalar as a reader can see it: `"/"`, or `U+001B` for a control character.
    static func scalarName(_ c: Unicode.Scalar) -> String {
        if c.properties.generalCategory == .control || c.value == 0x7F || c.properties.isWhitespace || c.properties.generalCategory == .format {
            return "U+" + String(c.value, radix: 16, uppercase: true).leftPadded(4)
        }
        return "'\(Character(c))'"
    }

    /// Control and format characters replaced by `?`, so a hostile login cannot drive a terminal.
    static func visible(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.prefix(64).map { c in
            (c.properties.generalCategory == .control || c.properties.generalCategory == .format) ? "?" : c
        }))
    }
}
