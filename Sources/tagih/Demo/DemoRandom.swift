import TagihCore

/// One stream of `SplitMix64` per account, with the draws the generator needs.
struct DemoRandom {
    var source: SplitMix64

    init(seed: UInt64, stream: UInt64) {
        source = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        _ = next()
    }

    @inline(__always) mutating func next() -> UInt64 { source.next() }

    /// Uniform in 0..<n (n > 0), by the multiply-high method (the bias is negligible here).
    @inline(__always) mutating func below(_ n: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// Uniform in lo...hi.
    @inline(__always) mutating func range(_ lo: Int, _ hi: Int) -> Int { lo + below(hi - lo + 1) }

    /// True with probability permille/1000.
    @inline(__always) mutating func chance(_ permille: Int) -> Bool { below(1000) < permille }

    /// An index drawn with the given integer weights.
    mutating func weighted(_ weights: [Int]) -> Int {
        var total = 0
        for w in weights { total += w }
        var x = below(total)
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }
}
