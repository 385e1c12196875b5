/// A debtor's name as an inquiry answers it (CONTRACT §11): the first word
/// whole, then the initial of each other word — "Budi Santoso Wijaya" is
/// "Budi S. W." — so a collecting agent can confirm the payer to the debtor
/// without learning the full name.
public enum MaskedName {
    public static func of(_ name: String) -> String {
        let words = name.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first else { return "" }
        return ([String(first)] + words.dropFirst().map { "\($0.first!)." }).joined(separator: " ")
    }
}
