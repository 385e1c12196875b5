import TagihCore
import TagihTerminal

/// Where the user is: decides which actions a key can mean.
public enum Context: String, Sendable, CaseIterable {
    /// `confirm`: a plan shown whole before approving it; `assign`: the collector picker.
    /// `notes`: an account's contact history read whole.
    /// `phones`: the account's phones, to mark one (issue 17).
    case queue, account, search, help, form, approvals, reports, confirm, assign, notes, phones, cases
}

/// Everything a user can ask the workstation to do. Each action has a name
/// (the one `config/keys.toml` uses), a help line and a group, and says
/// where it applies; the help screen is generated from this table, so it is
/// always true.
public enum Action: String, Sendable, CaseIterable {
    case help, search, open, back, quit
    case up, down, pageUp = "page-up", pageDown = "page-down", top, bottom
    case bucket, segment, sort, scope, clearFilters = "clear-filters", refresh
    case clearInput = "clear-input"
    case logContact = "log-contact", save, nextField = "next-field", previousField = "previous-field"
    case choiceNext = "choice-next", choicePrevious = "choice-previous"
    case negotiate, approvals, approve, decline, letter, reports, export
    case nextReport = "next-report", previousReport = "previous-report"
    case earlier, later, asOf = "as-of"
    case assign, mark
    case contactNotes = "contact-notes"
    /// Issue 17: the queue's held accounts; placing or releasing a hold.
    case held, hold, phones, cases
    case pauseStage = "pause-stage"

    public enum Group: Sendable, CaseIterable { case navigation, queue, account, form, plans, search, general }

    public var group: Group {
        switch self {
        case .up, .down, .pageUp, .pageDown, .top, .bottom, .open, .back: .navigation
        case .bucket, .segment, .sort, .scope, .clearFilters, .assign, .mark, .held: .queue
        case .clearInput: .search
        case .logContact, .contactNotes, .hold, .phones, .cases: .account
        case .save, .nextField, .previousField, .choiceNext, .choicePrevious: .form
        case .negotiate, .approvals, .approve, .decline, .letter: .plans
        case .reports, .export, .pauseStage, .nextReport, .previousReport, .earlier, .later, .asOf: .general
        case .help, .search, .refresh, .quit: .general
        }
    }

    /// The screens where the action means something.
    public var contexts: Set<Context> {
        switch self {
        case .help: [.queue, .account, .search, .form, .approvals, .reports, .confirm, .assign, .notes, .phones, .cases]
        case .search: [.queue, .account]
        case .open: [.queue, .search, .approvals, .reports, .confirm, .assign]
        case .back: [.account, .search, .help, .form, .approvals, .reports, .confirm, .assign, .notes, .phones, .cases]
        case .quit: [.queue]
        case .up, .down, .pageUp, .pageDown, .top, .bottom: [.queue, .account, .search, .help, .approvals, .reports, .confirm, .assign, .notes, .phones, .cases]
        case .bucket, .segment, .clearFilters, .held: [.queue]
        case .sort: [.queue, .approvals]   // the approvals: newest or oldest first
        case .scope: [.queue, .reports]
        case .refresh: [.queue, .account]
        case .clearInput: [.search, .form]
        case .logContact, .contactNotes, .hold, .phones, .cases: [.account]
        case .save, .nextField, .previousField: [.form]
        case .choiceNext, .choicePrevious: [.form, .reports]
        case .nextReport, .previousReport, .earlier, .later, .asOf: [.reports]
        case .negotiate, .letter: [.account]
        case .reports: [.queue]
        case .export, .pauseStage: [.reports]
        case .approvals: [.queue]
        case .approve, .decline: [.approvals, .confirm]
        case .assign, .mark: [.queue]
        }
    }

    public var helpKey: Strings.UI {
        switch self {
        case .help: .actHelp
        case .search: .actSearch
        case .open: .actOpen
        case .back: .actBack
        case .quit: .actQuit
        case .up: .actUp
        case .down: .actDown
        case .pageUp: .actPageUp
        case .pageDown: .actPageDown
        case .top: .actTop
        case .bottom: .actBottom
        case .bucket: .actBucket
        case .segment: .actSegment
        case .sort: .actSort
        case .scope: .actScope
        case .clearFilters: .actClear
        case .refresh: .actRefresh
        case .clearInput: .actClearInput
        case .logContact: .actLogContact
        case .save: .actSave
        case .nextField: .actNextField
        case .previousField: .actPreviousField
        case .choiceNext: .actChoiceNext
        case .choicePrevious: .actChoicePrevious
        case .negotiate: .actNegotiate
        case .approvals: .actApprovals
        case .approve: .actApprove
        case .decline: .actDecline
        case .letter: .actLetter
        case .reports: .actReports
        case .export: .actExport
        case .nextReport: .actNextReport
        case .previousReport: .actPreviousReport
        case .earlier: .actEarlier
        case .later: .actLater
        case .asOf: .actAsOf
        case .assign: .actAssign
        case .mark: .actMark
        case .contactNotes: .actContactNotes
        case .held: .actHeld
        case .hold: .actHold
        case .phones: .actPhones
        case .cases: .actCases
        case .pauseStage: .actPauseStage
        }
    }
}

extension Action.Group {
    var title: Strings.UI {
        switch self {
        case .navigation: .groupNavigation
        case .queue: .groupQueue
        case .account: .groupAccount
        case .form: .groupForm
        case .plans: .groupPlans
        case .search: .groupSearch
        case .general: .groupGeneral
        }
    }
}
