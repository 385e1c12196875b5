import TagihCore

/// One reconciliation asked for on the Reports screen: `tagih reconcile
/// --channel --statement --from --to`, the profile chosen by the ledger
/// from the channel's (CONTRACT §11).
public struct ReconcileRequest: Sendable, Hashable {
    public var channel: String
    public var statement: String
    public var from: Day
    public var to: Day
    public init(channel: String, statement: String, from: Day, to: Day) {
        self.channel = channel; self.statement = statement; self.from = from; self.to = to
    }
}

/// What a reconciliation found, and the rules' profile it read the statement with (nil: section 3's own CSV).
public struct ReconcileOutcome: Sendable, Equatable {
    public var result: Reconciliation.Result
    public var profile: String?
    public init(result: Reconciliation.Result, profile: String?) { self.result = result; self.profile = profile }
}

/// Reports → Reconciliation (leads and admins, R3): the channel (among those
/// seen in payments), the period (this month unless moved with [ and ]),
/// the statement file typed after Enter, then the per-ref table and totals.
public struct ReconcileTab: Sendable, Equatable {
    public var channels: [String] = []
    public var channel: String?
    /// The period; nil: this month to today.
    public var period: ClosedRange<Day>?
    /// The statement file last typed.
    public var path = ""
    /// The statement file being typed, while the prompt is open.
    public var pathInput: TextInput?
    /// The reconciliation on screen and what it was asked for.
    public var outcome: ReconcileOutcome?
    public var shown: ReconcileRequest?
    /// Why the last reconciliation was refused (a file that cannot be read), in the reader's language.
    public var refusal: String?
    public init() {}

    /// This month, from its first day to `today`.
    public static func thisMonth(_ today: Day) -> ClosedRange<Day> { today.adding(days: 1 - today.components.day)...today }

    public func period(today: Day) -> ClosedRange<Day> { period ?? Self.thisMonth(today) }

    /// The month before (`earlier`) or after the one shown, never past today.
    mutating func move(earlier: Bool, today: Day) {
        let p = period(today: today)
        if earlier {
            let end = p.lowerBound.adding(days: -1)
            period = end.adding(days: 1 - end.components.day)...end
        } else {
            let start = p.upperBound.adding(days: 1)
            guard start <= today else { return }
            let end = min(start.nextMonthEnd, today)
            period = end == today && start == Self.thisMonth(today).lowerBound ? nil : start...end
        }
    }

    var rowCount: Int { outcome?.result.rows.count ?? 0 }
}

extension ReportsState.Tab {
    /// The tabs a role sees: reconciliation is for leads and admins (R3).
    static func shown(to role: Role) -> [Self] {
        allCases.filter { $0 != .reconcile || role == .lead || role == .admin }
    }
}

extension WorkstationData {
    /// A ledger with no payments by channel.
    public func paymentChannels() throws -> [String] { [] }
    public func reconcile(_ request: ReconcileRequest) throws -> ReconcileOutcome {
        ReconcileOutcome(result: try Reconciliation.match(posted: [], settled: []), profile: nil)
    }
}
