import Testing
@testable import TagihCore

/// Bucket edges that would overflow (`edge + 1` of the last label) or make
/// an aging report thousands of columns wide are refused, never a trap.
@Suite struct BucketLimitTests {
    @Test func theLargestEdgeIsRefusedNotTrapped() {
        // Int.max + 1 trapped in the labels (issue 15).
        #expect(throws: Buckets.Invalid.edges([1, Int.max])) { try Buckets(edges: [1, Int.max]) }
        #expect(throws: Buckets.Invalid.edges([Int.max])) { try Buckets(edges: [Int.max]) }
        #expect(throws: Buckets.Invalid.edges([1, Buckets.maxEdge + 1])) { try Buckets(edges: [1, Buckets.maxEdge + 1]) }
    }

    @Test func anEdgeUpToTheCalendarsSpanIsKept() throws {
        #expect(Buckets.maxEdge == 3_652_058)
        let b = try Buckets(edges: [30, Buckets.maxEdge])
        #expect(b.labels == ["current", "1-30", "31-3652058", "3652059+"])
        #expect(b.index(daysPastDue: Day.days(from: .earliest, to: .latest)) == 2)
        #expect(b.index(daysPastDue: Int.max) == 3)
    }

    @Test func atMost24Edges() throws {
        let most = Array(1...Buckets.maxEdges)
        #expect(try Buckets(edges: most).count == Buckets.maxEdges + 2)
        #expect(throws: Buckets.Invalid.edges(most + [25])) { try Buckets(edges: most + [25]) }
    }
}
