/// Why the store refuses a plan's proposal or decision (CONTRACT §8): a
/// value, said by `Strings.planRefusal` in the reader's language (a lead
/// whose colleague decided first reads it on the approval screen).
public enum PlanRefusal: Error, Sendable, Equatable {
    case firstBeforeStart(first: Day, start: Day)
    /// The terms make no plan for the account.
    case terms(account: String, PlanError, Currency)
    case unknownPlan(Int64)
    /// Only a pending plan is approved or declined.
    case notPending(Int64, PlanStatus, approving: Bool)
    /// Approving a plan whose first payment was due before today.
    case firstDuePassed(Int64, firstDue: Day)
    case notCancellable(Int64, PlanStatus)

    /// The command line's English sentence, as the CLI tests pin it.
    public var commandLineText: String {
        switch self {
        case .firstBeforeStart(let first, let start):
            "--first \(first.iso) is before the plan's start on \(start.iso): the first payment falls due on the start day or later"
        case .terms(let account, let e, let currency): "\(account): \(e.text(currency))"
        case .unknownPlan(let id): "unknown plan \(id)"
        case .notPending(let id, let status, let approving):
            "plan \(id) is \(status.rawValue), not pending: only a pending plan can be \(approving ? "approved" : "declined")"
        case .firstDuePassed(let id, let firstDue):
            "plan \(id)'s first payment was due on \(firstDue.iso), before today: propose it again with new dates"
        case .notCancellable(let id, let status): "plan \(id) is \(status.rawValue): only a pending or active plan can be cancelled"
        }
    }
}
