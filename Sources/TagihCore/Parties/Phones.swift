/// An account's phones and who answers them (CONTRACT §9 "Contact parties").
/// POJK 22/2023 lets a lender collect only from the debtor: the other
/// parties' numbers serve to find the debtor, never to collect.

/// Whose number it is.
public enum PhoneParty: String, Sendable, CaseIterable {
    case debtor, emergency, workplace, other
}

/// What a number is known to be. Any status but `ok` refuses contact.
public enum PhoneStatus: String, Sendable, CaseIterable {
    case ok, wrong, disconnected
    case doNotCall = "do-not-call"

    public var refusesContact: Bool { self != .ok }
}

/// A status given to a number on a business day, by a login.
public struct PhoneMark: Sendable, Equatable {
    public var day: Day
    public var status: PhoneStatus
    public var by: String
    public init(day: Day, status: PhoneStatus, by: String) { self.day = day; self.status = status; self.by = by }
}

/// One number of an account. The marks are its dated history, in the order
/// they were recorded: what holds on a day is derived, never stored once
/// and for all, so a contact logged later for an earlier moment is judged by
/// the status of its own day.
public struct Phone: Sendable, Equatable {
    /// The store's row, nil for a debtor's number known only from the
    /// accounts file's `phone` column (no party row was needed yet).
    public var id: Int64?
    /// As it was given (`0812-3456-7890`).
    public var number: String
    public var party: PhoneParty
    /// The contact's recorded consent to be called (needed for `emergency`).
    public var consent: String?
    public var marks: [PhoneMark]

    public init(id: Int64? = nil, number: String, party: PhoneParty, consent: String? = nil, marks: [PhoneMark] = []) {
        self.id = id; self.number = number; self.party = party; self.consent = consent; self.marks = marks
    }

    /// The number's key (`PhoneKey`): `0812…`, `+62 812…` and `62812…` are one number.
    public var key: String? { PhoneKey.key(number) }

    /// The latest mark made on or before `day` (on one day, the last recorded).
    public func mark(on day: Day) -> PhoneMark? { marks.last { $0.day <= day } }

    /// The status that holds on `day`: `ok` until a mark says otherwise.
    public func status(on day: Day) -> PhoneStatus { mark(on: day)?.status ?? .ok }

    /// A consent is recorded (words, not blanks).
    public var hasConsent: Bool { !(consent ?? "").trimmed(of: " \t").isEmpty }
}

extension Array where Element == Phone {
    /// The phone with `number`'s key, if the account has it.
    public func find(_ number: String) -> Phone? {
        guard let k = PhoneKey.key(number) else { return nil }
        return first { $0.key == k }
    }

    /// The debtor's first number that may be called on `day` (CONTRACT §9:
    /// `contact log` without `--to`).
    public func firstUsableDebtor(on day: Day) -> Phone? {
        first { $0.party == .debtor && !$0.status(on: day).refusesContact }
    }
}
