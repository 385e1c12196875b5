/// The ledger's database server cannot be reached (stopped, restarting, the
/// network gone: CONTRACT §12): the workstation says so on its status line,
/// keeps the form being typed, and says when the server is back.
/// `description` is the sentence in the reader's language.
public struct LedgerUnreachable: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ sentence: String) { description = sentence }
}
