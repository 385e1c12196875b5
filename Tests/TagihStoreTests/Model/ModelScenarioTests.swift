import Foundation
import Testing

/// Issue 13: seeded random scenarios — delayed imports split across files,
/// backdated reversals, plans proposed and decided on random days, promises
/// logged out of time order, amounts at the 64-bit edge — run against the
/// store and the independent model at once; after every step plan statuses and
/// paid lines, balances and promise statuses as of several days must agree and
/// `tagih check` must pass.
///
/// TAGIH_MODEL_SCENARIOS=N runs N scenarios (default 200), TAGIH_MODEL_SEED=S
/// starts at seed S (a failure prints its seed); scripts/model-check runs many.
@Suite struct ModelScenarioTests {
    static var count: Int { ProcessInfo.processInfo.environment["TAGIH_MODEL_SCENARIOS"].flatMap(Int.init) ?? 200 }
    static var firstSeed: UInt64 { ProcessInfo.processInfo.environment["TAGIH_MODEL_SEED"].flatMap(UInt64.init) ?? 1 }
    /// TAGIH_MODEL_SKIP=promises,overflow leaves parts out while triaging a known failure.
    static var skip: Set<String> { Set((ProcessInfo.processInfo.environment["TAGIH_MODEL_SKIP"] ?? "").split(separator: ",").map(String.init)) }

    @Test func randomScenariosAgreeWithTheModel() throws {
        var failures: [String] = []
        var steps = 0
        var judged: [String: Int] = [:]
        for seed in Self.firstSeed..<(Self.firstSeed + UInt64(Self.count)) {
            var scenario = Scenario(seed: seed, sut: try StoreAdapter())
            scenario.skip = Self.skip
            do {
                try scenario.run()
            } catch let f as ScenarioFailure {
                failures.append(f.description)
            }
            steps += scenario.log.count
            judged.merge(scenario.judged, uniquingKeysWith: +)
            if failures.count >= 3 { break }   // the first few say enough
        }
        for f in failures { Issue.record(Comment(rawValue: f)) }
        print("model scenarios: \(steps) events; judged " + judged.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(steps > Self.count * 5, "scenarios too short to mean anything: \(steps) events")
        // Every kind of outcome must have been judged, else the generator has drifted into quiet cases.
        if failures.isEmpty && Self.count >= 100 {
            for kind in ["plan active", "plan completed", "plan broken", "plan pending", "plan cancelled", "plan declined", "balance with a discount", "zero balance on completion"] {
                #expect(judged[kind, default: 0] > 0, "no \(kind) judged in \(Self.count) scenarios")
            }
            if !Self.skip.contains("promises") {
                for kind in ["promise open", "promise kept", "promise broken", "promise replaced"] {
                    #expect(judged[kind, default: 0] > 0, "no \(kind) judged in \(Self.count) scenarios")
                }
            }
        }
    }

    /// The generator is deterministic: a seed is a reproducible scenario.
    @Test func aSeedIsAScenario() throws {
        var a = Scenario(seed: 42, sut: try StoreAdapter()), b = Scenario(seed: 42, sut: try StoreAdapter())
        _ = try? a.run(steps: 12)
        _ = try? b.run(steps: 12)
        #expect(a.log == b.log)
        #expect(a.log.count > 5)
    }
}
