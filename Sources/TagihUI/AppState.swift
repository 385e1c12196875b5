import TagihCore
import TagihTerminal

/// Everything the workstation shows, as plain values: `update` changes it,
/// `render` draws it. Nothing here touches the terminal or the ledger.
public struct AppState {
    public var me: User
    public var today: Day
    /// The ledger's file name, for the status line.
    public var database: String
    public var strings: Strings
    public var money: MoneyFormatter
    public var buckets: Buckets
    public var keymap: Keymap
    public var width: Int
    public var height: Int
    /// Wall clock (unix seconds), set by the shell before each event: the
    /// debtor's local time and lease expiry read it; `update` never reads a clock.
    public var now: Int64 = 0
    /// Screens above the queue, the top one last. The queue is always underneath.
    public var stack: [Screen] = []
    public var queue: QueueState
    /// The report a drill-down came from and the queue as it was before it:
    /// Esc on the drilled-down queue goes back to both as they were.
    public var drilledFrom: DrillDown?
    /// The line at the bottom: an error or a note, until the next key.
    public var status: Status?
    /// A save (contact, plan, decision, assignment) is under way in the
    /// background, perhaps waiting for another writer's lock: the status
    /// line says so, and another save or leaving its form waits for it.
    public var savePending = false
    public var quitRequested = false
    /// The scope picker, open over the queue or the Reports screen.
    public var scopePicker: ScopePicker?
    /// Other users, for the queue scopes a lead or admin can switch between.
    public var users: [User] = []
    /// The contact policy, outcome codes and promise horizon: the ledger's rules (`adopt`).
    public var policy = ContactPolicy(rules: .ojk)
    public var outcomes = OutcomeTable.standard
    public var promiseHorizonDays = 30
    /// The longest plan per role (CONTRACT §8), for the authority shown while negotiating.
    public var planLongest: [Role: Int?] = [.collector: 6, .lead: 12, .admin: nil]
    /// The operator's clock (`TZ`): a contact's day is its date there.
    public var operatorClock = LocalClock.fixed("UTC", hours: 0, abbreviation: "UTC")

    public struct Status: Equatable, Sendable {
        public var text: String
        public var isError: Bool
    }

    public init(me: User, today: Day, database: String, language: Language, currency: Currency, buckets: Buckets,
                keymap: Keymap = .standard, width: Int = 80, height: Int = 24) {
        self.me = me
        self.today = today
        self.database = database
        strings = Strings(language)
        money = MoneyFormatter(currency: currency, language: language)
        self.buckets = buckets
        self.keymap = keymap
        self.width = width
        self.height = height
        queue = QueueState(scope: me.role == .collector ? .collector(me.login) : (me.team.map(QueueScope.team) ?? .book))
    }

    /// Takes the ledger's rules: at start, and when an admin loads new ones
    /// while the workstation is open (CONTRACT §1a).
    public mutating func adopt(_ rules: Rules) {
        money = MoneyFormatter(currency: rules.currency, language: money.language)
        buckets = rules.buckets
        policy = ContactPolicy(rules: rules.contactRules, holidays: rules.holidays)
        outcomes = rules.outcomes
        promiseHorizonDays = rules.promiseHorizonDays
        planLongest = rules.planLongest
    }

    /// The Reports screen, when it is the one on top.
    public var reportsOnScreen: ReportsState? {
        if case .reports(let r) = stack.last { r } else { nil }
    }

    public var context: Context {
        switch stack.last {
        case nil: .queue
        case .account: .account
        case .search: .search
        case .help: .help
        case .contactForm, .planForm, .holdForm: .form
        case .approvals: .approvals
        case .reports: .reports
        case .confirmPlan: .confirm
        case .assignPicker: .assign
        case .contactNotes: .notes
        case .phoneList: .phones
        case .caseScreen: .cases
        }
    }

    /// The day the queue's figures are as of: today, or the past day of the aging it was drilled down from.
    public var queueDay: Day { queue.asOf ?? today }

    /// The instant a contact logged now is recorded at: today (which
    /// `--today` may fix) at the operator's current time of day.
    public var contactInstant: (at: Int64, day: Day) {
        let (_, minute) = operatorClock.local(now)
        return (operatorClock.instant(day: today, minute: minute) + now % 60, today)
    }

    /// Below 80×24 the screen shows a message instead of itself.
    public var isTooSmall: Bool { width < 80 || height < 24 }

    /// Rows between the header lines and the two bottom lines.
    public var bodyHeight: Int { max(1, height - 6) }
}

public enum Screen {
    case account(AccountState)
    case search(SearchState)
    /// Help for the screen beneath.
    case help(HelpState)
    /// Logging a contact on the account beneath.
    case contactForm(ContactForm)
    /// Negotiating a payment plan on the account beneath.
    case planForm(PlanForm)
    /// A lead's pending plans.
    case approvals(ApprovalsState)
    /// The lead's reports.
    case reports(ReportsState)
    /// A pending plan shown whole before the lead confirms approving it.
    case confirmPlan(PlanConfirmation)
    /// Choosing whom the selected or marked queue lines go to.
    case assignPicker(AssignPicker)
    /// The contact history of the account beneath, every note whole.
    case contactNotes(ContactNotes)
    /// Placing or releasing a hold on the account beneath (issue 17).
    case holdForm(HoldForm)
    /// The phones of the account beneath, to mark one.
    case phoneList(PhoneList)
    /// The cases of the account beneath.
    case caseScreen(CaseScreen)
}

public struct QueueState {
    public var scope: QueueScope
    public var keys = QueueKeys(keys: [], segments: [])
    /// Each sort order computed so far, as positions in `keys.keys`: a sort
    /// is paid for once per load, a filter is one pass over it.
    var sorted: [QueueSort: [Int32]] = [:]
    /// Positions in `keys.keys` of the lines shown, in display order.
    var shown: [Int32] = []
    /// The keys in display order, filtered.
    public var ordered: OrderedKeys { OrderedKeys(keys: keys.keys, positions: shown) }
    public var filter = QueueFilter()
    /// The day the queue is about: nil for today; a past day when it was
    /// opened by a drill-down from that day's aging (the accounts behind the
    /// figure as they stood then).
    public var asOf: Day?
    public var sort = QueueSort.priority
    public var cursor = 0
    /// The first line on screen.
    public var top = 0
    /// Details of lines seen so far (only those on screen are fetched).
    public var rows: [Int64: QueueRow] = [:]
    public var loaded = false
    /// Lines marked to be assigned together (`m`), by account id: the row
    /// as it was when marked, so a mark survives the rows cache.
    public var marked: [Int64: QueueRow] = [:]

    public init(scope: QueueScope) { self.scope = scope }

    public var selected: QueueKey? { ordered.indices.contains(cursor) ? ordered[cursor] : nil }
}

/// Queue keys seen through a list of positions, without copying them.
public struct OrderedKeys: RandomAccessCollection {
    let keys: [QueueKey]
    let positions: [Int32]
    public var startIndex: Int { 0 }
    public var endIndex: Int { positions.count }
    public subscript(i: Int) -> QueueKey { keys[Int(positions[i])] }
}

public struct AccountState {
    public var accountID: Int64
    public var detail: AccountDetail?
    /// Someone else working the account, when the lease was refused.
    public var heldBy: LeaseHolder?
    public var scroll = 0
    public init(accountID: Int64) { self.accountID = accountID }
}

public struct SearchState {
    public var text = ""
    public var hits: [SearchHit] = []
    /// The text the hits are for.
    public var searched = ""
    /// How many the text finds in all when the hits are capped (the count
    /// stops at 10,000: that many means "at least"); nil when all are shown.
    public var total: Int?
    public var cursor = 0
    public var top = 0
    public init() {}
}

public struct HelpState {
    /// The screen whose keys are shown.
    public var context: Context
    public var scroll = 0
}

/// Where a drill-down from Reports came from (see `AppState.drilledFrom`).
public struct DrillDown {
    public var reports: ReportsState
    public var queue: QueueState
}
