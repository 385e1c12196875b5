import Foundation
import Testing
import TagihCore

/// `UTCStamp` writes what Foundation's ISO8601DateFormatter wrote for the
/// audit trail and the server's log (the model here), on seeded random instants.
@Suite struct UTCStampTests {
    @Test func sameTextAsFoundationsFormatter() {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        f.timeZone = TimeZone(identifier: "UTC")
        var rng = SplitMix64(seed: 20261203)
        // Instants since 1970: every moment Tagih records is one (before it,
        // Foundation's own rounding of a negative count differs by a millisecond).
        var instants: [Double] = [0, 0.5, 1764790000.999, 1764790000.001, 951782400.999, 4102444799.999, 978307200.001]
        for _ in 0..<5000 {
            let whole = Double(Int64.random(in: 0...4_100_000_000, using: &rng))
            // Whole milliseconds (what the text keeps), so no rounding rule is at stake.
            let frac = Double(Int.random(in: 0..<1000, using: &rng)) / 1000
            instants.append(whole + frac)
        }
        for t in instants {
            #expect(UTCStamp.text(seconds: t) == f.string(from: Date(timeIntervalSince1970: t)), "\(t)")
        }
        #expect(UTCStamp.text(milliseconds: 1_764_790_000_123) == "2025-12-03T19:26:40.123Z")
        #expect(UTCStamp.text(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
        #expect(UTCStamp.text(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
    }
}
