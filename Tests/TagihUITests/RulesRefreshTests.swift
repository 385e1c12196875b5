import Testing
import TagihCore
@testable import TagihUI

/// An open workstation takes the ledger's rules when an admin loads new ones
/// (CONTRACT §1a): the policy, outcomes and plan lengths on screen change,
/// and the person is told.
@Suite struct RulesRefreshTests {
    @Test func newRulesReplaceTheOnesOnScreen() {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        #expect(w.state.policy.rules.endMinute == 20 * 60 && w.state.planLongest[.collector] == .some(6))
        w.refreshRules()
        #expect(w.state.status == nil, "unchanged rules: nothing happens")

        var rules = Rules()
        rules.contactRules.endMinute = 18 * 60
        rules.holidays = [Day(iso: "2026-11-24")!: "Hari Libur Baru"]
        rules.planLongest[.collector] = 3
        rules.promiseHorizonDays = 7
        rules.outcomes = OutcomeTable(codes: [OutcomeCode(code: "NA", meaning: "no answer"), OutcomeCode(code: "SENT", meaning: "sent", attempt: true)])
        rules.currency = Currency.known["USD"]!
        ledger.newRules = rules
        w.refreshRules()
        #expect(w.state.policy.rules.endMinute == 18 * 60)
        #expect(w.state.policy.holidays == [Day(iso: "2026-11-24")!: "Hari Libur Baru"])
        #expect(w.state.planLongest[.collector] == .some(3) && w.state.promiseHorizonDays == 7)
        #expect(w.state.outcomes.codes.map(\.code) == ["NA", "SENT"])
        #expect(w.state.money.currency.code == "USD")
        #expect(w.state.status?.text == "The ledger's rules have changed (an admin loaded new ones); they apply from now on.")
    }
}
