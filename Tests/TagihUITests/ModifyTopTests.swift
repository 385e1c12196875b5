import Testing
import TagihCore
@testable import TagihUI

/// `AppState.modifyTop`, the one write-back of a screen's state.
@Suite struct ModifyTopTests {
    func state() -> AppState {
        let me = User(login: "lead01", name: "Lead", role: .lead, team: "A")
        return AppState(me: me, today: today, database: "t.db", language: .en, currency: .idr, buckets: .standard)
    }

    @Test func changesTheTopScreenOfItsKindOnly() {
        var s = state()
        s.stack = [.account(AccountState(accountID: 7)), .search(SearchState())]
        #expect(s.modifyTop(.account) { a, _ in a.scroll = 3 } == nil)   // not on top: untouched
        let r = s.modifyTop(.search) { st, _ in st.text = "1129"; return 5 }
        #expect(r == 5)
        guard case .search(let st) = s.stack.last, case .account(let a) = s.stack.first else { Issue.record("stack changed"); return }
        #expect(st.text == "1129")
        #expect(a.scroll == 0)
    }

    @Test func aScreenClosedOrCoveredIsNotWrittenBack() {
        var s = state()
        s.stack = [.account(AccountState(accountID: 7))]
        s.modifyTop(.account) { a, s in
            a.scroll = 9
            s.stack.append(.search(SearchState()))   // opened another over it
        }
        guard case .account(let a) = s.stack.first else { Issue.record("account gone"); return }
        #expect(a.scroll == 0)
        #expect(s.stack.count == 2)
        s.modifyTop(.search) { st, s in
            st.text = "x"
            s.stack.removeLast()   // closed
        }
        #expect(s.stack.count == 1)
        guard case .account = s.stack.last else { Issue.record("the account is not back on top"); return }
    }
}
