import Foundation
import Testing

/// The store's conformance suite on PostgreSQL (issue 21): the seeded random
/// scenarios of `ModelScenarioTests` — delayed imports split across files,
/// backdated reversals, plans decided on random days, promises logged out of
/// time order, holds, amounts at the 64-bit edge — run against a PostgreSQL
/// ledger and the independent model at once. After every step the plan
/// statuses and paid lines, balances and promise statuses must agree and
/// `check` must pass, exactly as on SQLite.
///
/// Fewer scenarios than on SQLite by default (each gets a database of its
/// own on the private server, and takes about 8 s there against 0.5 s in
/// memory): TAGIH_PG_MODEL_SCENARIOS=N runs N from TAGIH_MODEL_SEED.
@Suite(.enabled(if: PostgresLedgers.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
struct PostgresModelScenarioTests {
    static var count: Int { ProcessInfo.processInfo.environment["TAGIH_PG_MODEL_SCENARIOS"].flatMap(Int.init) ?? 10 }

    /// Off Swift's cooperative pool: the PostgreSQL client blocks its caller
    /// until NIO answers (see PGConnection).
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    @Test func randomScenariosAgreeWithTheModelOnPostgres() async throws {
        let (failures, steps, judged) = try await Self.onThread { () -> ([String], Int, [String: Int]) in
            var failures: [String] = []
            var steps = 0
            var judged: [String: Int] = [:]
            for seed in ModelScenarioTests.firstSeed..<(ModelScenarioTests.firstSeed + UInt64(Self.count)) {
                let (db, drop) = try PostgresLedgers.make()
                defer { drop() }
                var scenario = Scenario(seed: seed, sut: try StoreAdapter(db))
                scenario.skip = ModelScenarioTests.skip
                do {
                    try scenario.run()
                } catch let f as ScenarioFailure {
                    failures.append("postgres: " + f.description)
                }
                steps += scenario.log.count
                judged.merge(scenario.judged, uniquingKeysWith: +)
                if failures.count >= 3 { break }
            }
            return (failures, steps, judged)
        }
        for f in failures { Issue.record(Comment(rawValue: f)) }
        print("model scenarios on postgres: \(steps) events; judged " + judged.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        #expect(steps > Self.count * 5, "scenarios too short to mean anything: \(steps) events")
        if failures.isEmpty {
            for kind in ["plan active", "plan broken", "plan pending", "promise kept", "promise replaced", "attempt on hold", "balance"] {
                #expect(judged[kind, default: 0] > 0, "no \(kind) judged in \(Self.count) scenarios")
            }
        }
    }
}
