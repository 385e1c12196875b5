import TagihCore
import TagihTerminal

/// The account's phones (`p`, CONTRACT §9): each with its party, status and
/// consent; a collector marks the selected one wrong, disconnected or
/// do-not-call with one more key (two keys in all for the first number).
public struct PhoneList: Equatable, Sendable {
    public var accountID: Int64
    public var accountNo: String
    public var phones: [Phone]
    public var cursor = 0
    public init(accountID: Int64, accountNo: String, phones: [Phone]) {
        self.accountID = accountID; self.accountNo = accountNo; self.phones = phones
    }
    public var selected: Phone? { phones.indices.contains(cursor) ? phones[cursor] : nil }

    /// The status a key marks: w wrong, x disconnected, d do-not-call, o ok
    /// (the same letters in both languages, named on the screen).
    static func status(for key: Key) -> PhoneStatus? {
        switch key {
        case .character("w"): .wrong
        case .character("x"): .disconnected
        case .character("d"): .doNotCall
        case .character("o"): .ok
        default: nil
        }
    }
}

// The phone list's keys.

func phoneListAction(_ s: inout AppState, _ p: inout PhoneList, _ action: Action) -> [Effect] {
    var top = 0
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom: move(&p.cursor, &top, count: p.phones.count, height: 10, by: action)
    default: break
    }
    return []
}

/// A status key marks the selected number; the ledger marks it on every account that has it.
func phoneListInput(_ s: inout AppState, _ p: inout PhoneList, _ key: Key) -> [Effect] {
    guard let status = PhoneList.status(for: key), let phone = p.selected else { return [] }
    guard phone.status(on: s.today) != status else { return [] }
    return [.markPhone(number: phone.number, status: status, accountID: p.accountID)]
}
