/// Aging buckets: `current` (not past due) then one bucket per configured
/// upper edge, then an open-ended last one. The default edges 30, 60, 90, 120
/// give `current`, `1-30`, `31-60`, `61-90`, `91-120`, `121+`.
public struct Buckets: Hashable, Sendable {
    /// Upper edges (inclusive) of the past-due buckets, strictly increasing, all ≥ 1.
    public let edges: [Int]
    public let labels: [String]

    public static let standard = try! Buckets(edges: [30, 60, 90, 120])

    /// The largest edge: no two ISO dates (0001-01-01 … 9999-12-31) lie
    /// further apart, so a larger edge could never be reached, and every
    /// label's `edge + 1` stays far from the integer's end.
    public static let maxEdge = Day.days(from: .earliest, to: .latest)
    /// At most this many edges: each is a column of every aging report.
    public static let maxEdges = 24

    public enum Invalid: Error, Equatable { case edges([Int]) }

    public init(edges: [Int]) throws(Invalid) {
        guard !edges.isEmpty, edges.count <= Self.maxEdges, edges[0] >= 1, edges.last! <= Self.maxEdge,
              zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .edges(edges)
        }
        self.edges = edges
        var labels = ["current"]
        var low = 1
        for e in edges { labels.append("\(low)-\(e)"); low = e + 1 } // e ≤ maxEdge: no overflow
        labels.append("\(low)+")
        self.labels = labels
    }

    public var count: Int { labels.count }

    /// Bucket index for a number of days past due (≤ 0 is `current`).
    public func index(daysPastDue d: Int) -> Int {
        if d <= 0 { return 0 }
        for (i, e) in edges.enumerated() where d <= e { return i + 1 }
        return edges.count + 1
    }
}
