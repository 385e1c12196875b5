/// A moment on a debtor's clock, kept as values so a refusal can be said
/// in either language after the clock itself is gone.
public struct LocalMoment: Sendable, Equatable {
    public var day: Day
    /// Minutes after local midnight.
    public var minute: Int
    /// The zone's short name at that moment (`WIB`).
    public var zone: String

    public init(day: Day, minute: Int, zone: String) {
        self.day = day
        self.minute = minute
        self.zone = zone
    }

    /// `2026-11-09 08:00 WIB`, as `LocalClock.describe` writes it.
    public var iso: String { "\(day.iso) \(BlockReason.clock(minute)) \(zone)" }
}

extension LocalClock {
    public func moment(_ instant: Int64) -> LocalMoment {
        let (d, m) = local(instant)
        return LocalMoment(day: d, minute: m, zone: abbreviation(at: instant))
    }
}

/// Why the store refuses to log a contact (CONTRACT §1a, §6): a value, so
/// the command line and the workstation each say it in the reader's
/// language, and the workstation decides on an override from the case, not
/// from the words. `Strings.contactRefusal` renders it.
public enum ContactRefusal: Error, Sendable, Equatable {
    /// The moment (unix seconds) lies more than `hours` (backdate_hours) ago.
    case backdatedTooFar(at: Int64, hours: Int)
    /// The moment lies ahead of the clock (beyond the skew allowed).
    case inTheFuture(at: Int64)
    /// A promise given with an outcome that is not a promise.
    case promiseNotForOutcome(outcome: String)
    /// A promise outcome given without its amount and date.
    case promiseMissing(outcome: String)
    /// The promise's date lies outside the contact's day … the horizon.
    case promiseOutsideHorizon(due: Day, from: Day, to: Day, days: Int)
    case promiseNotPositive
    case promiseAboveBalance(amount: Money, account: String, balance: Money, on: Day, currency: Currency)
    case nextBeforeContactDay(next: Day, day: Day)
    case overrideWithoutReason
    /// The contact policy blocks it; `next` is the next allowed moment on
    /// the debtor's clock, nil when none within a year. A lead or admin may
    /// override it with a reason.
    case blocked(BlockReason, next: LocalMoment?)
    // The party rules (CONTRACT §9, `PartyRules`); never overridable (R5).
    /// The number was marked wrong, disconnected or do-not-call on `since`.
    case numberMarked(number: String, status: PhoneStatus, since: Day)
    /// An emergency or workplace number, with an outcome that is not locating the debtor.
    case partyOnlyToLocate(number: String, party: PhoneParty, outcome: String)
    case emergencyWithoutConsent(number: String)
    /// `--to` names a number the account does not have.
    case unknownNumber(number: String, account: String)
    /// Every debtor number of the account is marked: name one with `--to`, or add one.
    case noUsableDebtorNumber(account: String)
    // Adding and marking numbers (`phone add|mark`).
    /// Fewer than 3 digits after the country code or leading 0.
    case notAPhoneNumber(String)
    /// The number is on the account already, as another party's.
    case numberHasParty(number: String, account: String, party: PhoneParty)
    /// `phone mark` of a number no account has.
    case numberOnNoAccount(String)

    /// Whether a lead or admin may log it anyway, giving a reason.
    public var overridable: Bool {
        if case .blocked(let reason, _) = self { return !reason.isHold }
        return false
    }
}
