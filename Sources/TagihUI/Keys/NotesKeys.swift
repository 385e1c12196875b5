import TagihCore

// The contact history viewer: an account's contacts, every note whole; it scrolls.

public struct ContactNotes {
    public var accountNo: String
    public var name: String
    /// Newest first, as the account shows them.
    public var contacts: [ContactRecord]
    /// The first line on screen.
    public var scroll = 0

    init(detail d: AccountDetail) {
        accountNo = d.accountNo
        name = d.name
        contacts = d.contacts
    }
}

func notesAction(_ s: inout AppState, _ n: inout ContactNotes, _ action: Action) {
    let last = max(0, NotesView.lines(n, state: s).count - NotesView.visibleRows(s.height))
    switch action {
    case .up: n.scroll -= 1
    case .down: n.scroll += 1
    case .pageUp: n.scroll -= NotesView.visibleRows(s.height)
    case .pageDown: n.scroll += NotesView.visibleRows(s.height)
    case .top: n.scroll = 0
    case .bottom: n.scroll = last
    default: return
    }
    n.scroll = min(max(0, n.scroll), last)
}
