import Foundation
import Testing

/// The model scenarios of the store suite (Tests/TagihStoreTests/Model),
/// fewer and shorter, driven through the real binary: imports, `plan propose`
/// / `approve` / `decline` / `cancel` with `--today`, `contact log` with a
/// fixed TAGIH_NOW, and the JSON and CSV the commands print.
/// TAGIH_MODEL_CLI_SCENARIOS=N changes how many (default 10); TAGIH_MODEL_SEED the first seed;
/// TAGIH_MODEL_SKIP as in the store suite.
@Suite struct ModelCLIScenarioTests {
    static var count: Int { ProcessInfo.processInfo.environment["TAGIH_MODEL_CLI_SCENARIOS"].flatMap(Int.init) ?? 10 }
    static var firstSeed: UInt64 { ProcessInfo.processInfo.environment["TAGIH_MODEL_SEED"].flatMap(UInt64.init) ?? 1001 }

    @Test func randomScenariosThroughTheBinaryAgreeWithTheModel() throws {
        var failures: [String] = []
        var steps = 0
        var judged: [String: Int] = [:]
        for seed in Self.firstSeed..<(Self.firstSeed + UInt64(Self.count)) {
            var scenario = Scenario(seed: seed, sut: try CLIAdapter())
            scenario.daysPerCheck = 2
            scenario.checkLedgerEveryStep = false
            scenario.planHeavy = true
            scenario.skip = Set((ProcessInfo.processInfo.environment["TAGIH_MODEL_SKIP"] ?? "").split(separator: ",").map(String.init))
            scenario.rerun = "TAGIH_MODEL_CLI_SCENARIOS=1 swift test --filter ModelCLIScenarioTests"
            do {
                try scenario.run(steps: 15)
            } catch let f as ScenarioFailure {
                failures.append(f.description)
            }
            steps += scenario.log.count
            judged.merge(scenario.judged, uniquingKeysWith: +)
            if failures.count >= 2 { break }
        }
        for f in failures { Issue.record(Comment(rawValue: f)) }
        print("model scenarios through the binary: \(steps) events; judged " + judged.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(judged["plan active", default: 0] > 0 && judged["balance", default: 0] > 0, "nothing judged")
        #expect(steps > Self.count * 4, "scenarios too short to mean anything: \(steps) events")
    }
}
