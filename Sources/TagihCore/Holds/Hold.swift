/// Holds on an account (CONTRACT §9): a dispute, hardship, a request to
/// cease, a death, a bankruptcy or a legal matter stops (or, for hardship,
/// softens) collection. A hold is a dated record; whether it is in force on
/// a day is derived from its dates every time, never stored.
public enum HoldKind: String, Sendable, CaseIterable, Equatable {
    case dispute, hardship, cease, deceased, bankrupt, legal

    /// Every kind but hardship stops collection contact, promises and plans;
    /// hardship keeps contact allowed and only lowers the account in the queue.
    public var blocksCollection: Bool { self != .hardship }

    /// The kinds a collector may place on an account they may work (§9).
    public var collectorMayPlace: Bool { self == .dispute || self == .hardship }
}

public struct Hold: Sendable, Equatable {
    public var id: Int64
    public var kind: HoldKind
    /// In force from this day …
    public var since: Day
    /// … to this day inclusive (nil: no end set) …
    public var until: Day?
    /// … unless released: from the day of the release it is no longer in force.
    public var released: Day?
    public var reason: String
    /// The case that placed it (a dispute case), if any.
    public var caseID: Int64?

    public init(id: Int64, kind: HoldKind, since: Day, until: Day?, released: Day? = nil, reason: String, caseID: Int64? = nil) {
        self.id = id; self.kind = kind; self.since = since; self.until = until; self.released = released
        self.reason = reason; self.caseID = caseID
    }

    /// In force on day `d`: `since <= d`, `d <= until` when an end is set,
    /// and not released by `d`.
    public func inForce(on d: Day) -> Bool {
        guard since <= d else { return false }
        if let until, d > until { return false }
        if let released, released <= d { return false }
        return true
    }

    /// The last day it is in force as things stand (nil: no end set).
    public var lastDay: Day? {
        switch (until, released) {
        case (let u?, let r?): return min(u, r.adding(days: -1))
        case (let u?, nil): return u
        case (nil, let r?): return r.adding(days: -1)
        case (nil, nil): return nil
        }
    }
}

/// Questions about an account's holds as of a day.
public enum Holds {
    /// The holds in force on `day`, oldest first.
    public static func inForce(_ holds: [Hold], on day: Day) -> [Hold] {
        holds.filter { $0.inForce(on: day) }.sorted { ($0.since, $0.id) < ($1.since, $1.id) }
    }

    /// The hold that blocks collection on `day` (the oldest of those in
    /// force that are not hardship), if any.
    public static func blocking(_ holds: [Hold], on day: Day) -> Hold? {
        inForce(holds, on: day).first { $0.kind.blocksCollection }
    }

    /// Whether a hardship hold is in force on `day`.
    public static func hardship(_ holds: [Hold], on day: Day) -> Bool {
        inForce(holds, on: day).contains { $0.kind == .hardship }
    }

    /// The first day on or after `day` on which no blocking hold is in
    /// force; nil when a blocking hold has no end set.
    public static func firstFreeDay(_ holds: [Hold], from day: Day) -> Day? {
        var d = day
        // Each step jumps past one hold's last day: at most one step a hold.
        for _ in 0...holds.count {
            guard let h = blocking(holds, on: d) else { return d }
            guard let last = h.lastDay else { return nil }
            d = last.adding(days: 1)
        }
        return blocking(holds, on: d) == nil ? d : nil
    }
}
