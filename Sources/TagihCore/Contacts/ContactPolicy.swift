/// When a debtor may be contacted (CONTRACT §6, DESIGN §2): a pure function
/// of the debtor's clock, the instant, the channel, the account's contact
/// history and the rules. Blocked answers say why and when contact is next
/// allowed, so the collector is stopped before the call, not after.
public struct ContactRules: Sendable, Equatable {
    /// `ojk` or `regf` (the preset the rules started from).
    public var preset: String
    /// ISO weekdays contact is allowed on (1 = Monday … 7 = Sunday).
    public var weekdays: Set<Int>
    /// Allowed from this minute of the debtor's day …
    public var startMinute: Int
    /// … up to, not including, this one.
    public var endMinute: Int
    /// No contact on the holidays of the holiday file.
    public var noHolidays: Bool
    /// At most this many attempts on immediate channels (phone, SMS,
    /// WhatsApp, visit) per account per debtor-local day, overridden ones included.
    public var maxAttemptsPerDay: Int?
    /// At most this many phone attempts in 7 consecutive debtor-local days.
    public var maxPhoneAttemptsPer7Days: Int?
    /// After a phone conversation on day X, no phone attempt on days X … X + n − 1.
    public var phoneRestDaysAfterConversation: Int?

    public init(preset: String, weekdays: Set<Int>, startMinute: Int, endMinute: Int, noHolidays: Bool,
                maxAttemptsPerDay: Int?, maxPhoneAttemptsPer7Days: Int?, phoneRestDaysAfterConversation: Int?) {
        self.preset = preset; self.weekdays = weekdays; self.startMinute = startMinute; self.endMinute = endMinute
        self.noHolidays = noHolidays; self.maxAttemptsPerDay = maxAttemptsPerDay
        self.maxPhoneAttemptsPer7Days = maxPhoneAttemptsPer7Days; self.phoneRestDaysAfterConversation = phoneRestDaysAfterConversation
    }

    /// POJK 22/2023 art. 62: Monday to Saturday, 08:00 up to 20:00 local,
    /// never on a holiday; plus a house limit of 3 attempts a day, since the
    /// regulation forbids continuous disturbance without fixing a number.
    public static let ojk = ContactRules(preset: "ojk", weekdays: [1, 2, 3, 4, 5, 6], startMinute: 8 * 60, endMinute: 20 * 60,
                                         noHolidays: true, maxAttemptsPerDay: 3, maxPhoneAttemptsPer7Days: nil,
                                         phoneRestDaysAfterConversation: nil)
    /// US Regulation F: 08:00 up to 21:00 every day; at most 7 call attempts
    /// in 7 days; none for 7 days after a conversation.
    public static let regf = ContactRules(preset: "regf", weekdays: [1, 2, 3, 4, 5, 6, 7], startMinute: 8 * 60, endMinute: 21 * 60,
                                          noHolidays: false, maxAttemptsPerDay: nil, maxPhoneAttemptsPer7Days: 7,
                                          phoneRestDaysAfterConversation: 7)

    public static func preset(_ name: String) -> ContactRules? {
        switch name.lowercased() {
        case "ojk": .ojk
        case "regf": .regf
        default: nil
        }
    }
}

/// One attempt recorded on the account, as the policy needs it. The policy
/// is given every attempt near the moment it judges, before and after it
/// (CONTRACT §6, R12: the record is replayed in time order, not logging order).
public struct ContactEvent: Sendable, Equatable {
    public var at: Int64
    public var channel: Channel
    /// The outcome had the contact flag (someone was reached).
    public var conversation: Bool
    public init(at: Int64, channel: Channel, conversation: Bool) { self.at = at; self.channel = channel; self.conversation = conversation }
}

/// Why a contact is not allowed now.
public enum BlockReason: Sendable, Equatable {
    case notAContactDay(weekday: Int)
    case holiday(String)
    case beforeHours(now: Int, start: Int)
    case afterHours(now: Int, end: Int)
    case dailyLimit(Int)
    case weeklyPhoneLimit(Int)
    /// The 7 days ending on `through` (a later day, with calls recorded
    /// after this moment) already hold the limit.
    case weeklyPhoneLimitAhead(Int, through: Day)
    case restAfterConversation(on: Day, until: Day)
    /// A phone conversation now would start a rest that a phone attempt
    /// already recorded later (on `on`) falls into.
    case laterPhoneAttempt(on: Day, until: Day)
    /// A hold other than hardship is in force (CONTRACT §9): no collection
    /// contact at all, and no override lifts it (R5).
    case onHold(HoldKind, since: Day)

    /// A hold, which `--override` never lifts (R5).
    public var isHold: Bool { if case .onHold = self { return true } else { return false } }

    /// The reason in English, as the command line prints it.
    public var text: String {
        switch self {
        case .notAContactDay(let w): "\(Self.weekdayNames[w - 1]) is not a contact day"
        case .holiday(let name): "national holiday (\(name))"
        case .beforeHours(let now, let start): "before \(Self.clock(start)) in the debtor's time (it is \(Self.clock(now)))"
        case .afterHours(let now, let end): "from \(Self.clock(end)) no contact in the debtor's time (it is \(Self.clock(now)))"
        case .dailyLimit(let n): "\(n) contact attempts already today, the daily limit"
        case .weeklyPhoneLimit(let n): "\(n) phone attempts in the last 7 days, the limit"
        case .weeklyPhoneLimitAhead(let n, let through):
            "\(n) phone attempts already recorded in the 7 days to \(through.iso), the limit"
        case .restAfterConversation(let on, let until): "a phone conversation on \(on.iso): no phone contact before \(until.iso)"
        case .laterPhoneAttempt(let on, let until):
            "a phone attempt is recorded on \(on.iso), inside the rest a conversation now would start (no phone contact before \(until.iso))"
        case .onHold(let kind, let since): "on hold (\(kind.rawValue) since \(since.iso))"
        }
    }

    static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    public static func clock(_ minute: Int) -> String { "\(String(minute / 60).leftPadded(2)):\(String(minute % 60).leftPadded(2))" }
}

public enum ContactVerdict: Sendable, Equatable {
    case allowed
    /// `nextAllowed` is an instant (unix seconds), nil when none within a year.
    case blocked(BlockReason, nextAllowed: Int64?)

    public var isAllowed: Bool { self == .allowed }
}

/// Judges a contact against the rules and the whole record of attempts
/// (CONTRACT §6, ruling R12). The record is replayed in time order: a
/// contact at T is refused when, inserted at T, it or any attempt recorded
/// after T would break a limit. So the daily cap counts the whole
/// debtor-local day, the 7-in-7 cap every 7-day window T falls into (the
/// later attempts' windows too), and a conversation may not start a rest
/// that an attempt recorded later already breaks. Attempts recorded at the
/// very same instant count as before T (they were logged first).
public struct ContactPolicy: Sendable {
    public var rules: ContactRules
    /// Holiday names by day.
    public var holidays: [Day: String]

    public init(rules: ContactRules, holidays: [Day: String] = [:]) {
        self.rules = rules
        self.holidays = holidays
    }

    /// How many debtor-local days around a moment the limits look at: the
    /// 7-day windows and the 7-day rest reach 6 days either side; one more
    /// for safety. A caller that reads only part of the record must read at
    /// least these days either side of every day it asks about.
    public static let reachDays = 7

    /// May the debtor whose clock is `clock` be contacted on `channel` at
    /// `instant`, given the account's attempts (before and after it)?
    /// `conversation`: the outcome has the contact flag (a `can-contact`
    /// probe knows no outcome and is judged as a plain attempt).
    /// `holds`: the account's holds; one other than hardship in force on
    /// the debtor's day blocks every channel, and contact next opens on the
    /// first day free of it (nil, "no end set", when it has no end).
    public func check(_ channel: Channel, at instant: Int64, clock: LocalClock, history: [ContactEvent],
                      conversation: Bool = false, holds: [Hold] = []) -> ContactVerdict {
        let (day, minute) = clock.local(instant)
        let days = HistoryDays(history, clock: clock)
        if let hold = Holds.blocking(holds, on: day) {
            let next = Holds.firstFreeDay(holds, from: day).flatMap { free in
                nextAllowed(channel, after: max(instant, clock.instant(day: free, minute: 0)), clock: clock, history: days,
                            conversation: conversation)
            }
            return .blocked(.onHold(hold.kind, since: hold.since), nextAllowed: next)
        }
        guard let reason = blockReason(channel, day: day, minute: minute, instant: instant, conversation: conversation, history: days) else {
            return .allowed
        }
        return .blocked(reason, nextAllowed: nextAllowed(channel, after: instant, clock: clock, history: days, conversation: conversation))
    }

    /// The first allowed instant at or after `instant`, within a year.
    public func nextAllowed(_ channel: Channel, after instant: Int64, clock: LocalClock, history: [ContactEvent],
                            conversation: Bool = false) -> Int64? {
        nextAllowed(channel, after: instant, clock: clock, history: HistoryDays(history, clock: clock), conversation: conversation)
    }

    /// Within one day every rule but the rest is the same at every minute of
    /// the hours, and a recorded conversation's rest only grows through the
    /// day: so the earliest minute of each day decides it. Only a
    /// conversation being judged can become allowed later in a day — once
    /// the day's recorded calls are behind it — so for one the minute after
    /// each of those calls is tried too.
    func nextAllowed(_ channel: Channel, after instant: Int64, clock: LocalClock, history: HistoryDays, conversation: Bool) -> Int64? {
        let (today, now) = clock.local(instant)
        let (start, end) = channel.isImmediate ? (rules.startMinute, rules.endMinute) : (0, 24 * 60)
        for offset in 0...366 {
            let day = today.adding(days: offset)
            let first = offset == 0 ? max(now, start) : start
            var minutes = [first]
            if conversation && channel == .phone {
                minutes += history.phoneAttempts.filter { $0.day == day }.flatMap { e in
                    let m = clock.local(e.at).minute
                    return [m, m + 1]  // at the call itself (it counts as before), or the minute after it
                }.filter { $0 > first }
            }
            for minute in minutes where minute < end {
                let at = offset == 0 && minute == now ? instant : clock.instant(day: day, minute: minute)
                if blockReason(channel, day: day, minute: minute, instant: at, conversation: conversation, history: history) == nil {
                    return at
                }
            }
        }
        return nil
    }

    /// The first rule the contact breaks, if any: day rules, then hours, then caps.
    func blockReason(_ channel: Channel, day: Day, minute: Int, instant: Int64, conversation: Bool, history: HistoryDays) -> BlockReason? {
        if !rules.weekdays.contains(day.isoWeekday) { return .notAContactDay(weekday: day.isoWeekday) }
        if rules.noHolidays, let name = holidays[day] { return .holiday(name) }
        guard channel.isImmediate else { return nil }
        if minute < rules.startMinute { return .beforeHours(now: minute, start: rules.startMinute) }
        if minute >= rules.endMinute { return .afterHours(now: minute, end: rules.endMinute) }
        // The whole day counts, attempts after this one included: one more
        // would take the day (and so its last attempt) over the cap.
        if let cap = rules.maxAttemptsPerDay, history.immediate(on: day) >= cap { return .dailyLimit(cap) }
        guard channel == .phone else { return nil }
        if let rest = rules.phoneRestDaysAfterConversation {
            if let last = history.lastPhoneConversation(atOrBefore: instant), Day.days(from: last, to: day) < rest {
                return .restAfterConversation(on: last, until: last.adding(days: rest))
            }
            if conversation, let later = history.firstPhoneAttempt(after: instant), Day.days(from: day, to: later) < rest {
                return .laterPhoneAttempt(on: later, until: day.adding(days: rest))
            }
        }
        // Every 7-day window holding this day: the one ending today and the
        // six ending on the days after it (those of attempts recorded later).
        if let cap = rules.maxPhoneAttemptsPer7Days {
            for end in 0...6 where history.phone(from: day.adding(days: end - 6), to: day.adding(days: end)) >= cap {
                return end == 0 ? .weeklyPhoneLimit(cap) : .weeklyPhoneLimitAhead(cap, through: day.adding(days: end))
            }
        }
        return nil
    }
}

/// The record counted by debtor-local day, once per check.
struct HistoryDays {
    var immediateByDay: [Day: Int] = [:]
    var phoneByDay: [Day: Int] = [:]
    /// Phone attempts and phone conversations by instant, in time order.
    var phoneAttempts: [(at: Int64, day: Day)] = []
    var phoneConversations: [(at: Int64, day: Day)] = []

    init(_ history: [ContactEvent], clock: LocalClock) {
        for e in history {
            let d = clock.local(e.at).day
            if e.channel.isImmediate { immediateByDay[d, default: 0] += 1 }
            if e.channel == .phone {
                phoneByDay[d, default: 0] += 1
                phoneAttempts.append((e.at, d))
                if e.conversation { phoneConversations.append((e.at, d)) }
            }
        }
        phoneAttempts.sort { $0.at < $1.at }
        phoneConversations.sort { $0.at < $1.at }
    }

    func immediate(on day: Day) -> Int { immediateByDay[day] ?? 0 }
    func phone(from: Day, to: Day) -> Int {
        var n = 0
        var d = from
        while d <= to { n += phoneByDay[d] ?? 0; d = d.adding(days: 1) }
        return n
    }
    /// The day of the latest phone conversation at or before `instant`.
    func lastPhoneConversation(atOrBefore instant: Int64) -> Day? { phoneConversations.last { $0.at <= instant }?.day }
    /// The day of the first phone attempt strictly after `instant`.
    func firstPhoneAttempt(after instant: Int64) -> Day? { phoneAttempts.first { $0.at > instant }?.day }
}

extension ContactPolicy {
    /// The party rules of CONTRACT §9 for a contact through `phone` (nil: no
    /// number, as for a letter or a visit): a marked number, an emergency
    /// number without consent, a third party asked for more than where the
    /// debtor is (`PartyRules`). Judged before hours and limits and never
    /// lifted by an override (R5), so it is a refusal, not a `BlockReason`.
    /// The limits above count every attempt of the account whichever number it used.
    public func partyRefusal(_ phone: Phone?, outcome: OutcomeCode, on day: Day, inbound: Bool) -> ContactRefusal? {
        phone.flatMap { PartyRules.refusal($0, outcome: outcome.code, on: day, inbound: inbound) }
    }
}
