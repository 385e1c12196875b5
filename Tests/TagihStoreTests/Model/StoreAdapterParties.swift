import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// The party scenarios' calls into the store (see StoreAdapter: the model
/// suite's only contact with production APIs).
extension StoreAdapter: PartiesUnderTest {
    func addPhone(account: String, number: String, party: String, consent: String?, today: Int) throws -> Bool {
        do {
            _ = try PhoneBook(db).add(accountNo: account, number: number, party: PhoneParty(rawValue: party)!, consent: consent,
                                      session: session(ModelUsers.decider, today: today))
            return true
        } catch is StoreError { return false }
    }

    func markPhone(number: String, status: String, today: Int) throws -> Bool {
        do {
            _ = try PhoneBook(db).mark(number: number, status: PhoneStatus(rawValue: status)!, session: session(ModelUsers.decider, today: today))
            return true
        } catch is StoreError { return false }
    }

    func contact(account: String, to: String?, outcome: String, moment: Int64, day: Int, today: Int, override: Bool) throws -> Bool {
        let request = ContactRequest(accountNo: account, channel: .phone, outcome: db.settings.outcomes[outcome]!, at: moment, day: Self.day(day),
                                     override: override ? "model scenario" : nil, to: to)
        do {
            _ = try ContactLog(db).log(request, session: session(ModelUsers.decider, today: today))
            return true
        } catch is StoreError { return false }
    }
}

@Suite struct ModelPartyScenarioTests {
    @Test(arguments: 1...12)
    func partyScenariosAgreeWithTheModel(seed: UInt64) throws {
        var s = PartyScenario(seed: 7000 + seed, sut: try StoreAdapter())
        try s.run(steps: 60)
        print("party scenario \(7000 + seed): " + s.judged.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(s.judged["allowed", default: 0] > 0 && s.judged.keys.contains { $0.hasPrefix("refused") }, "\(s.judged)")
    }
}
