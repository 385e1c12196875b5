import TagihCore

/// The lead's Reports screen: aging by collector or segment with bars,
/// collector activity for the last 30 days, and the last nightly runs.
/// A row (and a bucket column) of an aging table drills down to the queue
/// of those accounts; `e` exports what is on screen to CSV.
public struct ReportsState: Sendable {
    /// `cases` (issue 17): the cases' trend by type and month, `report cases`'s figures;
    /// `reminders` (issue 18): tomorrow's reminder run, previewed.
    /// `reconcile` (issue 19): a channel's payments against its settlement statement (leads and admins).
    public enum Tab: Int, Sendable, CaseIterable { case agingCollector, agingSegment, activity, rollRate, kpi, nightly, cases, reminders, reconcile }
    public var tab: Tab = .agingCollector
    /// Whose figures: a collector's own, a lead's team (where a lead starts)
    /// or the whole book; `t` switches for leads and admins.
    public var scope: QueueScope = .book
    /// The day the reports are about (today unless moved with [ and ] or typed after d).
    public var asOf: Day?
    /// The day being typed after `d`, while the prompt is open.
    public var dateInput: String?
    /// The prompt still holds the day it opened with: the first character typed replaces it.
    public var dateSuggested = false
    public var aging: AgingReport?
    public var activity: [ActivityLine] = []
    public var runs: [NightlyRunLine] = []
    /// Tomorrow's reminder run, per stage (the Reminders tab).
    public var reminders: [ReminderStagePreview] = []
    public var reconcile = ReconcileTab()
    public var roll: RollRate?
    public var kpi: CollectionKPI?
    /// The cases tab: each month's `report cases` rows, newest month first.
    public var caseMonths: [CaseMonth] = []
    /// The days the activity, roll-rate and KPI tabs cover.
    public var period: ClosedRange<Day>?
    /// Whether the tab's figures have arrived (they are computed off the key loop).
    public var loaded = false
    public var cursor = 0
    /// The bucket column chosen for a drill-down (nil: all buckets).
    public var column: Int?
    public init(scope: QueueScope = .book) { self.scope = scope }

    public var rowCount: Int {
        switch tab {
        case .agingCollector, .agingSegment: aging?.rows.count ?? 0
        case .activity: activity.count
        case .rollRate: roll?.accounts.count ?? 0
        case .kpi: 0
        case .nightly: runs.count
        case .cases: caseMonths.count * CaseType.allCases.count
        case .reminders: reminders.count
        case .reconcile: reconcile.rowCount
        }
    }
}
