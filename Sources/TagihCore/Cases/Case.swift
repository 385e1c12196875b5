/// Cases (CONTRACT §9, R22): billing questions, disputes, complaints and
/// restructuring requests, tracked to a deadline of working days. A case's
/// status is derived from its dated events every time, never stored.
public enum CaseType: String, Sendable, CaseIterable, Equatable {
    case question, dispute, complaint, restructure
}

public enum CaseOutcome: String, Sendable, CaseIterable, Equatable {
    case upheld, rejected, partly
}

/// How the case reached us (`ojk`: through the regulator's complaint portal).
public enum CaseVia: String, Sendable, CaseIterable, Equatable {
    case phone, email, letter, visit, ojk
}

public enum CaseStatus: String, Sendable, CaseIterable, Equatable {
    case open, overdue
    case awaitingApproval = "awaiting approval"
    case resolved

    /// Not resolved: open, overdue or awaiting a lead's approval.
    public var isUnresolved: Bool { self != .resolved }
}

/// What happened to a case, in order.
public enum CaseEventKind: String, Sendable, Equatable {
    case note, extend, resolve, approve, decline
}

public struct CaseEvent: Sendable, Equatable {
    public var id: Int64
    public var kind: CaseEventKind
    public var day: Day
    public var by: String
    public var note: String?
    /// For a resolution: its outcome and credit, and whether the credit
    /// waits for a lead (a collector's credit resolution, R22).
    public var outcome: CaseOutcome?
    public var credit: Money?
    public var needsApproval: Bool

    public init(id: Int64, kind: CaseEventKind, day: Day, by: String, note: String? = nil, outcome: CaseOutcome? = nil,
                credit: Money? = nil, needsApproval: Bool = false) {
        self.id = id; self.kind = kind; self.day = day; self.by = by; self.note = note; self.outcome = outcome
        self.credit = credit; self.needsApproval = needsApproval
    }
}

/// The case's terms for deadlines: the rules' working days and extension.
public struct CaseTerms: Sendable, Equatable {
    public var workingDays: Int
    public var extensionDays: Int
    public var holidays: [Day: String]
    public init(workingDays: Int = 10, extensionDays: Int = 10, holidays: [Day: String] = [:]) {
        self.workingDays = workingDays; self.extensionDays = extensionDays; self.holidays = holidays
    }
}

public struct CaseRecord: Sendable, Equatable {
    public var id: Int64
    public var accountID: Int64
    public var accountNo: String
    public var type: CaseType
    public var via: CaseVia?
    public var summary: String
    public var charges: [String]
    public var amount: Money?
    public var opened: Day
    public var openedBy: String
    public var events: [CaseEvent]

    public init(id: Int64, accountID: Int64, accountNo: String, type: CaseType, via: CaseVia?, summary: String,
                charges: [String], amount: Money?, opened: Day, openedBy: String, events: [CaseEvent]) {
        self.id = id; self.accountID = accountID; self.accountNo = accountNo; self.type = type
        self.via = via; self.summary = summary; self.charges = charges; self.amount = amount; self.opened = opened
        self.openedBy = openedBy; self.events = events
    }
}

/// A case as of a day: everything derived from its events dated on or before it.
public struct CaseState: Sendable, Equatable {
    public var status: CaseStatus
    public var due: Day
    public var extended: Bool
    /// The resolution in force (effective or awaiting approval).
    public var resolution: CaseEvent?
    /// The day the resolution took effect (resolved only).
    public var resolvedOn: Day?
    /// The credit posted (resolved only, when the resolution carried one).
    public var credited: Money?

    /// Resolved on or before its deadline.
    public var resolvedInTime: Bool { resolvedOn.map { $0 <= due } ?? false }
}

public enum Cases {
    /// The deadline: `workingDays` working days after the day opened, plus
    /// `extensionDays` more once extended.
    public static func due(opened: Day, extended: Bool, terms: CaseTerms) -> Day {
        let first = WorkingDays.add(terms.workingDays, to: opened, holidays: terms.holidays)
        return extended ? WorkingDays.add(terms.extensionDays, to: first, holidays: terms.holidays) : first
    }

    /// The case as of `day` (R22): a resolution takes effect at once unless
    /// it waits for approval; an approval makes it effective that day; a
    /// decline reopens the case. Overdue: unresolved and due before `day`.
    /// `due`: the deadline of an opening day, with or without the extension
    /// (a caller with many cases passes a memo of `Cases.due`).
    public static func state(_ c: CaseRecord, asOf day: Day, terms: CaseTerms, due: ((Day, Bool) -> Day)? = nil) -> CaseState {
        var extended = false
        var pending: CaseEvent?
        var resolution: CaseEvent?
        var resolvedOn: Day?
        for e in c.events where e.day <= day {
            switch e.kind {
            case .note: break
            case .extend: extended = true
            case .resolve:
                guard resolvedOn == nil else { break }
                if e.needsApproval { pending = e } else { resolution = e; resolvedOn = e.day; pending = nil }
            case .approve:
                if let p = pending { resolution = p; resolvedOn = e.day; pending = nil }
            case .decline:
                pending = nil
            }
        }
        let due = due?(c.opened, extended) ?? Self.due(opened: c.opened, extended: extended, terms: terms)
        if let resolution, let resolvedOn {
            return CaseState(status: .resolved, due: due, extended: extended, resolution: resolution, resolvedOn: resolvedOn,
                             credited: resolution.credit)
        }
        if let pending {
            return CaseState(status: .awaitingApproval, due: due, extended: extended, resolution: pending, resolvedOn: nil, credited: nil)
        }
        return CaseState(status: due < day ? .overdue : .open, due: due, extended: extended, resolution: nil, resolvedOn: nil, credited: nil)
    }

    /// The median of whole-day counts: the middle one, or the mean of the
    /// two middle ones as tenths (so `2.5` is exact); nil when empty.
    public static func medianTenths(_ days: [Int]) -> Int? {
        guard !days.isEmpty else { return nil }
        let s = days.sorted()
        let mid = s.count / 2
        return s.count % 2 == 1 ? s[mid] * 10 : (s[mid - 1] + s[mid]) * 5
    }

    /// Tenths as text: `3`, `2.5`.
    public static func tenths(_ t: Int) -> String {
        t % 10 == 0 ? String(t / 10) : "\(t / 10).\(abs(t % 10))"
    }
}

/// One row of `report cases` (CONTRACT §9).
public struct CaseReportRow: Sendable, Equatable {
    public var type: CaseType
    public var opened: Int
    public var resolved: Int
    public var resolvedInTime: Int
    public var overdueOpen: Int
    /// Median calendar days from opening to resolution, in tenths.
    public var medianDaysTenths: Int?
    public var credited: Money

    public init(type: CaseType, opened: Int = 0, resolved: Int = 0, resolvedInTime: Int = 0, overdueOpen: Int = 0,
                medianDaysTenths: Int? = nil, credited: Money = .zero) {
        self.type = type; self.opened = opened; self.resolved = resolved; self.resolvedInTime = resolvedInTime
        self.overdueOpen = overdueOpen; self.medianDaysTenths = medianDaysTenths; self.credited = credited
    }

    /// The report from cases (already in the reader's scope), for `from`…`to`:
    /// opened in the period; resolved in it (and of those, on or before the
    /// deadline); unresolved as of `to` with the deadline before `to`; the
    /// median calendar days to resolution of those resolved in it; the
    /// credits those resolutions posted.
    public static func report(_ cases: [CaseRecord], from: Day, to: Day, terms: CaseTerms,
                              due: ((Day, Bool) -> Day)? = nil) throws(MoneyError) -> [CaseReportRow] {
        var rows = CaseType.allCases.map { CaseReportRow(type: $0) }
        var days: [[Int]] = Array(repeating: [], count: rows.count)
        for c in cases where c.opened <= to {
            let i = CaseType.allCases.firstIndex(of: c.type)!
            if c.opened >= from { rows[i].opened += 1 }
            let s = Cases.state(c, asOf: to, terms: terms, due: due)
            if let on = s.resolvedOn, on >= from {
                rows[i].resolved += 1
                if s.resolvedInTime { rows[i].resolvedInTime += 1 }
                days[i].append(Day.days(from: c.opened, to: on))
                if let credit = s.credited { rows[i].credited = try rows[i].credited.plus(credit) }
            }
            if s.status.isUnresolved && s.due < to { rows[i].overdueOpen += 1 }
        }
        for i in rows.indices { rows[i].medianDaysTenths = Cases.medianTenths(days[i]) }
        return rows
    }
}
