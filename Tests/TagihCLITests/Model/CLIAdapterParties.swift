import Foundation
import Testing

/// The party scenarios through the real binary (see CLIAdapter).
extension CLIAdapter: PartiesUnderTest {
    func addPhone(account: String, number: String, party: String, consent: String?, today: Int) throws -> Bool {
        try run(["phone", "add", account, number, "--party", party] + (consent.map { ["--consent", $0] } ?? []), today: today).status == 0
    }

    func markPhone(number: String, status: String, today: Int) throws -> Bool {
        try run(["phone", "mark", number, "--status", status], today: today).status == 0
    }

    func contact(account: String, to: String?, outcome: String, moment: Int64, day: Int, today: Int, override: Bool) throws -> Bool {
        try run(["contact", "log", account, "--channel", "phone", "--outcome", outcome, "--at", Self.at(moment)]
                + (to.map { ["--to", $0] } ?? []) + (override ? ["--override", "model scenario"] : []),
                today: today, env: ["TAGIH_NOW": "\(MCal.iso(today))T14:00:00+07:00"]).status == 0
    }
}

@Suite struct ModelPartyCLIScenarioTests {
    @Test(arguments: 1...2)
    func partyScenariosThroughTheBinaryAgreeWithTheModel(seed: UInt64) throws {
        var s = PartyScenario(seed: 7100 + seed, sut: try CLIAdapter())
        try s.run(steps: 30)
        #expect(s.judged["allowed", default: 0] > 0 && s.judged.keys.contains { $0.hasPrefix("refused") }, "\(s.judged)")
    }
}
