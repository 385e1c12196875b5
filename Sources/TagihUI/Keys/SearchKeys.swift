import TagihCore
import TagihTerminal

// The search screen's keys: moving among the hits, and typing the text.

func searchAction(_ s: inout AppState, _ st: inout SearchState, _ action: Action) -> [Effect] {
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        move(&st.cursor, &st.top, count: st.hits.count, height: s.bodyHeight - 1, by: action)
    case .open:
        guard st.hits.indices.contains(st.cursor) else { return [] }
        let id = st.hits[st.cursor].accountID
        s.stack.append(.account(AccountState(accountID: id)))
        return [.openAccount(id)]
    case .clearInput:
        st = SearchState()
    default:
        break
    }
    return []
}

func searchInput(_ s: inout AppState, _ st: inout SearchState, _ key: Key) -> [Effect] {
    var input = TextInput(st.text, limit: 60)
    guard input.handle(key), input.text != st.text else { return [] }
    st.text = input.text
    if st.text.trimmingSpaces.isEmpty {
        st.hits = []
        st.searched = st.text
        return []
    }
    return [.search(st.text)]
}
