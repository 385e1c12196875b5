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

/// One earlier attempt on the account, as the policy needs it.
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
    case restAfterConversation(on: Day, until: Day)

    /// The reason in English, as the command line prints it.
    public var text: String {
        switch self {
        case .notAContactDay(let w): "\(Self.weekdayNames[w - 1]) is not a contact day"
        case .holiday(let name): "national holiday (\(name))"
        case .beforeHours(let now, let start): "before \(Self.clock(start)) in the debtor's time (it is \(Self.clock(now)))"
        case .afterHours(let now, let end): "from \(Self.clock(end)) no contact in the debtor's time (it is \(Self.clock(now)))"
        case .dailyLimit(let n): "\(n) contact attempts already today, the daily limit"
        case .weeklyPhoneLimit(let n): "\(n) phone attempts in the last 7 days, the limit"
        case .restAfterConversation(let on, let until): "a phone conversation on \(on.iso): no phone contact before \(until.iso)"
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

public struct ContactPolicy: Sendable {
    public var rules: ContactRules
    /// Holiday names by day.
    public var holidays: [Day: String]

    public init(rules: ContactRules, holidays: [Day: String] = [:]) {
        self.rules = rules
        self.holidays = holidays
    }

    /// May the debtor whose clock is `clock` be contacted on `channel` at
    /// `instant`, given the account's earlier attempts?
    public func check(_ channel: Channel, at instant: Int64, clock: LocalClock, history: [ContactEvent]) -> ContactVerdict {
        let (day, minute) = clock.local(instant)
        let days = HistoryDays(history, clock: clock)
        guard let reason = blockReason(channel, day: day, minute: minute, history: days) else { return .allowed }
        return .blocked(reason, nextAllowed: nextAllowed(channel, after: instant, clock: clock, history: days))
    }

    /// The first allowed instant at or after `instant`, within a year.
    public func nextAllowed(_ channel: Channel, after instant: Int64, clock: LocalClock, history: [ContactEvent]) -> Int64? {
        nextAllowed(channel, after: instant, clock: clock, history: HistoryDays(history, clock: clock))
    }

    func nextAllowed(_ channel: Channel, after instant: Int64, clock: LocalClock, history: HistoryDays) -> Int64? {
        let (today, now) = clock.local(instant)
        let (start, end) = channel.isImmediate ? (rules.startMinute, rules.endMinute) : (0, 24 * 60)
        for offset in 0...366 {
            let day = today.adding(days: offset)
            let minute = offset == 0 ? max(now, start) : start
            guard minute < end else { continue }
            if blockReason(channel, day: day, minute: minute, history: history) == nil {
                return offset == 0 && minute == now ? instant : clock.instant(day: day, minute: minute)
            }
        }
        return nil
    }

    /// The first rule the contact breaks, if any: day rules, then hours, then caps.
    func blockReason(_ channel: Channel, day: Day, minute: Int, history: HistoryDays) -> BlockReason? {
        if !rules.weekdays.contains(day.isoWeekday) { return .notAContactDay(weekday: day.isoWeekday) }
        if rules.noHolidays, let name = holidays[day] { return .holiday(name) }
        guard channel.isImmediate else { return nil }
        if minute < rules.startMinute { return .beforeHours(now: minute, start: rules.startMinute) }
        if minute >= rules.endMinute { return .afterHours(now: minute, end: rules.endMinute) }
        if let cap = rules.maxAttemptsPerDay, history.immediate(on: day) >= cap { return .dailyLimit(cap) }
        guard channel == .phone else { return nil }
        if let rest = rules.phoneRestDaysAfterConversation,
           let last = history.lastPhoneConversation(onOrBefore: day), Day.days(from: last, to: day) < rest {
            return .restAfterConversation(on: last, until: last.adding(days: rest))
        }
        if let cap = rules.maxPhoneAttemptsPer7Days, history.phone(from: day.adding(days: -6), to: day) >= cap {
            return .weeklyPhoneLimit(cap)
        }
        return nil
    }
}

/// The history counted by debtor-local day, once per check.
struct HistoryDays {
    var immediateByDay: [Day: Int] = [:]
    var phoneByDay: [Day: Int] = [:]
    var phoneConversationDays: [Day] = []

    init(_ history: [ContactEvent], clock: LocalClock) {
        for e in history {
            let d = clock.local(e.at).day
            if e.channel.isImmediate { immediateByDay[d, default: 0] += 1 }
            if e.channel == .phone {
                phoneByDay[d, default: 0] += 1
                if e.conversation { phoneConversationDays.append(d) }
            }
        }
    }

    func immediate(on day: Day) -> Int { immediateByDay[day] ?? 0 }
    func phone(from: Day, to: Day) -> Int { phoneByDay.reduce(0) { $0 + ($1.key >= from && $1.key <= to ? $1.value : 0) } }
    func lastPhoneConversation(onOrBefore day: Day) -> Day? { phoneConversationDays.filter { $0 <= day }.max() }
}
