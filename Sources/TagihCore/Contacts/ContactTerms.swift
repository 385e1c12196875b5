/// How a debtor was (or is to be) reached.
public enum Channel: String, Sendable, CaseIterable {
    case phone, sms, whatsapp, email, letter, visit

    /// Channels that reach a person at a moment: checked against the whole
    /// policy (hours and caps). E-mail and letters are checked only against
    /// the day rules (CONTRACT §6).
    public var isImmediate: Bool {
        switch self {
        case .phone, .sms, .whatsapp, .visit: true
        case .email, .letter: false
        }
    }

    /// Channels that reach a phone number (CONTRACT §9: `--to`).
    public var usesNumber: Bool { self == .phone || self == .sms || self == .whatsapp }
}

/// Why the debtor is late: recorded on contacts because the lead's report
/// asks why accounts are late, not only how many.
public enum DelayReason: String, Sendable, CaseIterable {
    /// Financial hardship.
    case financial
    /// A billing or administrative error.
    case admin
    case dispute
    case other
}

/// An outcome code and what it counts as. Reports count by these flags,
/// never by code names, so a team can add codes in the config.
public struct OutcomeCode: Sendable, Equatable {
    public var code: String
    public var meaning: String
    public var attempt: Bool
    public var contact: Bool
    public var rightParty: Bool
    public var promise: Bool

    public init(code: String, meaning: String, attempt: Bool = true, contact: Bool = false, rightParty: Bool = false, promise: Bool = false) {
        self.code = code; self.meaning = meaning; self.attempt = attempt
        self.contact = contact; self.rightParty = rightParty; self.promise = promise
    }
}

/// The outcome codes in use, in the order forms offer them.
public struct OutcomeTable: Sendable, Equatable {
    public var codes: [OutcomeCode]
    public init(codes: [OutcomeCode]) { self.codes = codes }

    /// A code of the table, or the built-in `SENT` (R13), which no table
    /// lists (forms never offer it) and none can redefine.
    public subscript(code: String) -> OutcomeCode? { codes.first { $0.code == code } ?? (code == Self.sent.code ? Self.sent : nil) }

    /// R13: a reminder or letter sent by the batch: an attempt (the limits
    /// count it), not a contact, no right party, no promise.
    public static let sent = OutcomeCode(code: "SENT", meaning: "reminder sent", attempt: true)

    /// CONTRACT §6.
    public static let standard = OutcomeTable(codes: [
        OutcomeCode(code: "NA", meaning: "no answer"),
        OutcomeCode(code: "BUSY", meaning: "busy / unreachable"),
        OutcomeCode(code: "VM", meaning: "left a message"),
        OutcomeCode(code: "WN", meaning: "wrong number"),
        OutcomeCode(code: "TP", meaning: "third party reached", contact: true),
        OutcomeCode(code: "RPC", meaning: "debtor reached, no promise", contact: true, rightParty: true),
        OutcomeCode(code: "CB", meaning: "debtor asked for a call back", contact: true, rightParty: true),
        OutcomeCode(code: "DSP", meaning: "debtor disputes the debt", contact: true, rightParty: true),
        OutcomeCode(code: "RTP", meaning: "debtor refuses to pay", contact: true, rightParty: true),
        OutcomeCode(code: "PTP", meaning: "promise to pay", contact: true, rightParty: true, promise: true),
    ])
}
