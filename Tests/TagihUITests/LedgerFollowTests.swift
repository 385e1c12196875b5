import Testing
import TagihCore
import TagihTerminal
@testable import TagihUI

/// Payments written elsewhere (`tagih serve`, an import, another terminal)
/// reach an open workstation at its next poll of the ledger (issue 19): the
/// queue lines of the accounts touched, the open account, the cursor kept.
extension FakeLedger {
    /// Another writer posts a payment dated today on the account.
    func pay(_ accountID: Int64, _ minor: Int64) {
        let i = accounts.firstIndex { $0.id == accountID }!
        accounts[i].credits.append(Credit(id: 9_000 + Int64(touched.count), date: today, amount: Money(minor: minor)))
        touched.append(accountID)
    }

    func ledgerChanges(since mark: ChangeMark?) throws -> LedgerChanges? {
        let now = ChangeMark(credits: Int64(touched.count))
        guard let mark else { return LedgerChanges(mark: now) }
        guard mark != now else { return nil }
        let ids = Set(touched[Int(mark.credits)...]).sorted()
        return LedgerChanges(mark: now, accounts: ids.map { id in
            LedgerChanges.Touched(accountID: id, collector: accounts.first { $0.id == id }?.collector)
        })
    }
}

@Suite struct LedgerFollowTests {
    /// The line a queue shows for an account, if it shows one.
    func line(_ w: Workstation, _ accountNo: String) -> String? {
        w.screen.text.split(separator: "\n").first { $0.contains(accountNo) }.map(String.init)
    }

    @Test func aPaymentMadeElsewhereShowsOnTheQueueAfterThePoll() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        // ACC0000006's balance is 2,500,000 + 1,250,000 − 625,000 = 3,125,000.
        #expect(line(w, "ACC0000006")?.contains("3,125,000") == true)
        #expect(line(w, "ACC0000005") != nil)
        let cursorAccount = w.state.queue.selected?.accountID
        w.press(.down)
        let chosen = w.state.queue.selected?.accountID
        #expect(chosen != nil && chosen != cursorAccount)

        ledger.pay(6, 1_000_000_00)      // a part: the line stays, lower
        ledger.pay(5, 450_000_00)        // all of it: the line leaves "to work"
        ledger.pay(3, 1_000_00)          // another collector's account: not this queue's
        // Nothing moves until the workstation looks.
        #expect(line(w, "ACC0000006")?.contains("3,125,000") == true)
        #expect(line(w, "ACC0000005") != nil)

        #expect(w.followLedger())
        #expect(line(w, "ACC0000006")?.contains("2,125,000") == true)
        #expect(line(w, "ACC0000005") == nil)
        #expect(w.state.queue.selected?.accountID == chosen, "the cursor stays on its account")
        try expectGolden("queue-after-payments-en", w.screen)
        #expect(!w.followLedger(), "nothing new: nothing to do")
    }

    @Test func theOpenAccountShowsAPaymentMadeElsewhere() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .id)
        let id = w.state.queue.selected!.accountID
        w.press(.enter)
        guard case .account(let before) = w.state.stack.last else { Issue.record("no account open"); return }
        let balance = before.detail!.position.balance
        ledger.pay(id, 100_000_00)
        w.followLedger()
        guard case .account(let after) = w.state.stack.last else { Issue.record("the account closed"); return }
        #expect(after.detail!.position.balance == Money(minor: balance.minor - 100_000_00))
        try expectGolden("account-after-payment-id", w.screen)
    }

    @Test func aDrillDownToAPastDayKeepsItsLines() {
        var s = makeWorkstation("kol01", language: .en).0.state
        s.queue.asOf = today.adding(days: -30)
        let effects = followLedger(&s, LedgerChanges(mark: ChangeMark(credits: 1), accounts: [.init(accountID: 6, collector: "kol01")]))
        #expect(effects.isEmpty)
    }

    @Test func aTeamQueueTakesItsMembersAccountsAndManyChangesReloadIt() {
        var s = makeWorkstation("lead01", language: .en).0.state
        s.queue.scope = .team("TIM-BARAT")
        let touched: [LedgerChanges.Touched] = [.init(accountID: 99, collector: "kol02"), .init(accountID: 98, collector: "stranger"),
                                                .init(accountID: 97, collector: nil)]
        let effects = followLedger(&s, LedgerChanges(mark: ChangeMark(credits: 3), accounts: touched))
        #expect(effects.count == 1)
        if case .refreshQueueKey(let id) = effects.first { #expect(id == 99) } else { Issue.record("\(effects)") }
        let reload = followLedger(&s, LedgerChanges(mark: ChangeMark(credits: 500), reloadQueue: true))
        #expect(reload.count == 1)
        if case .loadQueue(let scope) = reload.first { #expect(scope == .team("TIM-BARAT")) } else { Issue.record("\(reload)") }
    }
}
