import Foundation
import Testing
import TagihCore
#if canImport(Glibc)
import Glibc
#endif

/// Seeded mutations of the files people edit by hand — `tagih.toml`,
/// `keys.toml` and a rules file (from `rules show`) — fed to the real binary
/// (issue 15: 12 of 14 config-fuzz crashes were `[[[` in toml++). Every run
/// must end by exit 0, 1 or 2 (never a signal) within 256 MB; the ledger's
/// check stays green whatever `rules load` accepted.
///
/// A few iterations by default (part of `swift test`, a few seconds);
/// `scripts/fuzz-config` runs many: TAGIH_FUZZ_ITERATIONS, TAGIH_FUZZ_SECONDS
/// (a time limit), TAGIH_FUZZ_SEED.
@Suite struct ConfigFuzzTests {
    static let memoryLimitKiB = 256 * 1024

    static var iterations: Int { Int(ProcessInfo.processInfo.environment["TAGIH_FUZZ_ITERATIONS"] ?? "") ?? 45 }
    static var seconds: Double { Double(ProcessInfo.processInfo.environment["TAGIH_FUZZ_SECONDS"] ?? "") ?? .infinity }
    static var verbose: Bool { ProcessInfo.processInfo.environment["TAGIH_FUZZ_VERBOSE"] == "1" }
    static var seed: UInt64 { UInt64(ProcessInfo.processInfo.environment["TAGIH_FUZZ_SEED"] ?? "") ?? 15 }

    static let keysBase = """
        [keys]
        help = ["?", "F1"]
        search = "/"
        quit = "q"
        down = ["Down", "j"]

        """

    static var configBase: String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../config/tagih.toml").standardized
        return (try? String(contentsOf: url, encoding: .utf8)) ?? "[ui]\nlanguage = \"en\"\n[contact]\npreset = \"ojk\"\n"
    }

    @Test func mutatedConfigFilesNeverCrash() throws {
        var t = try TagihRunner()
        defer { t.cleanup() }
        t.environment["TAGIH_TODAY"] = "2026-11-23"
        try t.ok("init")
        let rulesBase = try t.ok("rules", "show")
        let configBase = Self.configBase
        var rng = SplitMix64(seed: Self.seed)
        let started = Date()
        var failures: [String] = []
        for i in 0..<Self.iterations {
            if Date().timeIntervalSince(started) >= Self.seconds { break }
            let kind = i % 3
            let base = [configBase, Self.keysBase, rulesBase][kind]
            let bytes = ConfigMutator.mutate(Array(base.utf8), rng: &rng)
            let args: [String]
            switch kind {
            case 0:
                try Data(bytes).write(to: URL(fileURLWithPath: t.path("fuzz.toml")))
                // A fresh ledger now and then: init records the config's rules.
                args = rng.next() % 4 == 0
                    ? ["--db", t.path("fresh-\(i).db"), "--config", t.path("fuzz.toml"), "init"]
                    : ["--config", t.path("fuzz.toml"), "report", "aging"]
            case 1:
                try t.write("k/tagih.toml", "")
                try Data(bytes).write(to: URL(fileURLWithPath: t.path("k/keys.toml")))
                // No terminal: the keymap is read first, then the workstation refuses (exit 2).
                args = ["--config", t.path("k/tagih.toml"), "ui"]
            default:
                try Data(bytes).write(to: URL(fileURLWithPath: t.path("rules.toml")))
                args = ["rules", "load", t.path("rules.toml")]
            }
            let r = try t.measured(args, timeout: 60)
            if Self.verbose { print("fuzz \(i): exit \(r.status.map(String.init) ?? "-") \(r.maxRSSMiB) MB tagih \(args.joined(separator: " "))") }
            if let signal = r.signal {
                failures.append("iteration \(i): tagih \(args.joined(separator: " ")) died of signal \(signal): \(r.stderr.prefix(300))")
            } else if let status = r.status, !(0...2).contains(status) {
                failures.append("iteration \(i): tagih \(args.joined(separator: " ")) exited \(status)")
            }
            if r.timedOut { failures.append("iteration \(i): tagih \(args.joined(separator: " ")) hung") }
            if r.maxRSSMiB * 1024 >= Self.memoryLimitKiB {
                failures.append("iteration \(i): tagih \(args.joined(separator: " ")) used \(r.maxRSSMiB) MB")
            }
            if !failures.isEmpty {
                // Kept outside the run's folder (removed at the end) to reproduce.
                let keep = FileManager.default.temporaryDirectory.appendingPathComponent("tagih-fuzz-config-\(Self.seed)-\(i).toml")
                try? Data(bytes).write(to: keep)
                failures.append("the file is kept as \(keep.path)")
                break
            }
        }
        #expect(failures.isEmpty, "seed \(Self.seed): \(failures.joined(separator: "\n"))")
        // Whatever rules were accepted, the ledger is sound and its rules read back.
        try t.ok("check")
        try t.ok("rules", "show")
    }

    /// The mutator is seeded: the same seed gives the same files.
    @Test func mutationsAreReproducible() {
        var a = SplitMix64(seed: 7), b = SplitMix64(seed: 7)
        let base = Array(Self.keysBase.utf8)
        for _ in 0..<50 { #expect(ConfigMutator.mutate(base, rng: &a) == ConfigMutator.mutate(base, rng: &b)) }
    }
}

/// Mutations that broke config loaders: bit flips, truncation, `[[[`,
/// huge and odd numbers, deep nesting, odd Unicode and bytes that are not UTF-8.
enum ConfigMutator {
    static let fragments: [String] = [
        "[[[", "[", "[[", "]]", "[=", "[ #", "{", "}", "= ", "\"", "'''", "\"\"\"", "\\u0000", "\\uD800", "\u{0}",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1e309", "nan", "inf", "0x7fffffffffffffff",
        "99999999999999999999999999", "-1", "0", "1979-05-27T07:32:00Z", "9999-12-31", "0000-00-00", "24:00", "99:99",
        "\u{202E}", "\u{FEFF}", "\u{200B}", "\u{1B}[2J", "e\u{301}\u{301}\u{301}", "日本語", "\r", "\r\n", "\t",
        "aging_buckets = [1, 9223372036854775807]", "horizon_days = 9223372036854775807", "backdate_hours = -9223372036854775808",
        "grace_days = 1e3", "collector_max_instalments = 99999999", "reject_threshold_percent = 100.001",
        "[outcomes]\nX = {}", "[contact.holidays]\n\"9999-12-31\" = \"x\"", "[keys]\nquit = []", "holidays = \"/dev/zero\"",
    ]

    static func mutate(_ base: [UInt8], rng: inout SplitMix64) -> [UInt8] {
        var b = base
        let rounds = 1 + Int(rng.next() % 3)
        for _ in 0..<rounds {
            let at = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count + 1))
            switch rng.next() % 9 {
            case 0: // bit flips
                for _ in 0..<(1 + Int(rng.next() % 8)) where !b.isEmpty {
                    b[Int(rng.next() % UInt64(b.count))] ^= UInt8(1 << (rng.next() % 8))
                }
            case 1: // truncation
                b = Array(b.prefix(at))
            case 2, 3: // a fragment, at a line start or anywhere
                var f = Array(fragments[Int(rng.next() % UInt64(fragments.count))].utf8)
                if rng.next() % 2 == 0 { f = Array("\n".utf8) + f + Array("\n".utf8) }
                b.insert(contentsOf: f, at: at)
            case 4: // deep nesting
                let depth = 1 + Int(rng.next() % 3000)
                let open = rng.next() % 2 == 0 ? "[" : "{ a = "
                b.insert(contentsOf: Array("\nx = ".utf8) + Array(String(repeating: open, count: depth).utf8), at: at)
            case 5: // a number made huge
                if let digit = b.indices.dropFirst(at).first(where: { (48...57).contains(b[$0]) }) {
                    b.insert(contentsOf: Array(String(repeating: "9", count: 1 + Int(rng.next() % 40)).utf8), at: digit)
                }
            case 6: // bytes that are not UTF-8, or random bytes
                let n = 1 + Int(rng.next() % 6)
                b.insert(contentsOf: (0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) | (rng.next() % 2 == 0 ? 0x80 : 0) }, at: at)
            case 7: // a line dropped or repeated
                let lines = b.split(separator: 10, omittingEmptySubsequences: false)
                guard lines.count > 1 else { break }
                let k = Int(rng.next() % UInt64(lines.count))
                var out = Array(lines)
                if rng.next() % 2 == 0 { out.remove(at: k) } else { out.insert(lines[k], at: k) }
                b = Array(out.joined(separator: [10]))
            default: // a long line
                b.insert(contentsOf: Array(("\nk = \"" + String(repeating: "x", count: Int(rng.next() % 100_000)) + "\"\n").utf8), at: at)
            }
        }
        return b
    }
}
