import Foundation
import Testing

/// A seeded fuzzer for the CSV reader and the import (issue 15 item 7): it
/// mutates the example files (bit flips, inserted NUL/CR/LF/quote/ESC bytes,
/// truncation, huge fields, mixed line ends, runs of unterminated quotes) and
/// imports each through the real binary into one scratch ledger, asserting
/// no crash (exit 0, 1 or 2, never a signal), no hang (a time bound), peak
/// memory under 256 MB, and a green `tagih check` after every accepted file.
///
/// Brief by default (it runs in `scripts/test`); `scripts/fuzz-import` runs
/// it longer through TAGIH_FUZZ_ITERATIONS, TAGIH_FUZZ_SECONDS and
/// TAGIH_FUZZ_SEED. A failing case keeps its file and names it with the seed.
@Suite struct ImportFuzzTests {
    static let kinds = ["accounts", "charges", "payments", "adjustments"]

    /// The bytes that break readers: NUL, line ends, quotes, ESC, separators, invalid UTF-8, a C1 lead.
    static let nasty: [UInt8] = [0x00, 0x0D, 0x0A, 0x22, 0x1B, 0x2C, 0x3B, 0x09, 0xFF, 0xC2, 0x7F]

    static func mutate(_ input: [UInt8], _ g: inout ModelRNG) -> [UInt8] {
        var b = input
        for _ in 0..<Int.random(in: 1...4, using: &g) {
            let at = b.isEmpty ? 0 : Int.random(in: 0...b.count, using: &g)
            switch Int.random(in: 0..<9, using: &g) {
            case 0 where !b.isEmpty: // bit flip
                let i = min(at, b.count - 1)
                b[i] ^= UInt8(1) << UInt8.random(in: 0...7, using: &g)
            case 1: // a nasty byte or a few
                b.insert(contentsOf: (0..<Int.random(in: 1...3, using: &g)).map { _ in nasty.randomElement(using: &g)! }, at: at)
            case 2: // truncation
                b.removeSubrange(at...)
            case 3: // a huge field, bare or opening a quote that never closes
                let size = [5_000, 70_000, 1_500_000].randomElement(using: &g)!
                let open: [UInt8] = Bool.random(using: &g) ? [0x22] : []
                b.insert(contentsOf: open + [UInt8](repeating: 0x41, count: size), at: at)
            case 4: // line ends: all CR, all CRLF, or each line its own
                let style = Int.random(in: 0..<3, using: &g)
                var out: [UInt8] = []
                for c in b {
                    guard c == 0x0A else { out.append(c); continue }
                    switch style == 2 ? Int.random(in: 0..<3, using: &g) : style {
                    case 0: out.append(0x0D)
                    case 1: out += [0x0D, 0x0A]
                    default: out.append(0x0A)
                    }
                }
                b = out
            case 5: // many lines that each open a quote
                b.insert(contentsOf: Array(repeating: Array("A001,\"x\n".utf8), count: Int.random(in: 1...5_000, using: &g)).flatMap { $0 }, at: at)
            case 6: // a line repeated (duplicates and conflicts)
                if let nl = b[min(at, b.count)...].firstIndex(of: 0x0A), let start = b[..<nl].lastIndex(of: 0x0A) {
                    b.insert(contentsOf: b[start...nl], at: nl + 1)
                }
            case 7: // many delimiters
                b.insert(contentsOf: [UInt8](repeating: 0x2C, count: Int.random(in: 1...3_000, using: &g)), at: at)
            default: // a random byte anywhere
                b.insert(UInt8.random(in: 0...255, using: &g), at: at)
            }
        }
        return b
    }

    @Test func mutatedImportFilesNeverCrashHangOrBreakTheLedger() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["TAGIH_FUZZ_SEED"].flatMap { UInt64($0) } ?? 15
        let iterations = env["TAGIH_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 60
        let seconds = env["TAGIH_FUZZ_SECONDS"].flatMap { Double($0) }
        var g = ModelRNG(seed: seed) // the model suites' SplitMix64: a seed is the same cases everywhere

        let t = try TagihRunner()
        var failed = false
        defer { if !failed { t.cleanup() } }
        for f in Self.kinds { try t.copyFixture("example/\(f).csv") }
        try t.ok("init")
        try t.ok("user", "add", "col01", "--name", "Kolektor Satu", "--role", "collector")
        try t.ok("user", "add", "col02", "--name", "Kolektor Dua", "--role", "collector")
        try t.ok("import", "accounts", "accounts.csv")
        let fixtures = try Self.kinds.map { try [UInt8](Data(contentsOf: URL(fileURLWithPath: t.path("\($0).csv")))) }

        let started = Date()
        var i = 0
        while seconds.map({ Date().timeIntervalSince(started) < $0 }) ?? (i < iterations) {
            let k = Int.random(in: 0..<Self.kinds.count, using: &g)
            let name = "fuzz-\(i)-\(Self.kinds[k]).csv"
            try Data(Self.mutate(fixtures[k], &g)).write(to: URL(fileURLWithPath: t.path(name)))
            let r = try t.measured(["import", Self.kinds[k], name], timeout: 60)
            let where_ = "seed \(seed), case \(i): \(t.path(name))"
            let ok = r.signal == nil && !r.timedOut && [0, 1, 2].contains(r.status ?? -1) && r.maxRSSMiB < 256
            #expect(r.signal == nil, "killed by signal \(r.signal ?? 0) (\(where_)): \(r.stderr.prefix(2000))")
            #expect(!r.timedOut, "no end within 60 s (\(where_))")
            #expect([0, 1, 2].contains(r.status ?? -1), "exit \(r.status.map(String.init) ?? "-") (\(where_))")
            #expect(r.maxRSSMiB < 256, "peak memory \(r.maxRSSMiB) MiB (\(where_))")
            // Every message is a line of bounded length.
            #expect(r.stderr.split(separator: "\n").allSatisfy { $0.utf8.count < 2_000 }, "a long message (\(where_))")
            var checked = true
            if r.status == 0 {
                let c = try t.run("check")
                checked = c.status == 0
                #expect(c.status == 0, "check failed after accepting \(where_): \(c.stdout)\(c.stderr)")
            }
            if !ok || !checked { failed = true; break }
            try? FileManager.default.removeItem(atPath: t.path(name))
            try? FileManager.default.removeItem(atPath: t.path(name + ".rejects.csv"))
            i += 1
        }
        #expect(i > 0 || failed)
    }
}
