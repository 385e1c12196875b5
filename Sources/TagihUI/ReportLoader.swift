import Foundation
import TagihCore

/// Loads one tab of the Reports screen. The figures are the CLI's (same store
/// calls), scoped to the accounts of the screen's scope: a collector's own,
/// a team's (a lead's default) or the whole book.
struct ReportLoader: Sendable {
    var tab: ReportsState.Tab
    var asOf: Day?
    var today: Day
    var scope: QueueScope
    /// The logins whose accounts count (nil: the whole book), from the scope.
    var collectors: Set<String>?
    /// The reconciliation to run (the Reconciliation tab; nil: its channels only).
    var reconcile: ReconcileRequest?

    init(tab: ReportsState.Tab, asOf: Day?, today: Day, scope: QueueScope, users: [User]) {
        self.tab = tab
        self.asOf = asOf
        self.today = today
        self.scope = scope
        collectors = switch scope {
        case .collector(let login): [login]
        case .team(let team): Set(users.filter { $0.team == team }.map(\.login))
        case .unassigned: [""]
        case .book: nil
        }
    }

    /// The day the tab is about: the chosen day, else today.
    var day: Day { asOf ?? today }
    /// The month before `day`'s month: roll rates run from its opening to its close.
    var lastMonthEnd: Day { day.adding(days: -day.components.day) }

    func load(_ data: WorkstationData) throws -> ReportsState {
        var r = ReportsState(scope: scope)
        r.tab = tab
        r.asOf = asOf
        r.loaded = true
        switch tab {
        case .agingCollector:
            r.aging = try data.aging(asOf: day, by: .collector, collectors: collectors)
        case .agingSegment:
            r.aging = try data.aging(asOf: day, by: .segment, collectors: collectors)
        case .activity:
            r.period = day.adding(days: -29)...day
            r.activity = try data.activity(from: day.adding(days: -29), to: day).filter { collectors?.contains($0.collector) ?? true }
        case .nightly:
            r.runs = try data.nightlyRuns(limit: 20)
        case .reminders:
            // Tomorrow's run, whatever day the other tabs are about, for the scope's accounts.
            r.reminders = try data.reminderPreview(day: today.adding(days: 1), collectors: collectors)
        case .rollRate:
            // From the close of the month before last to the close of last month.
            r.period = lastMonthEnd.adding(days: -lastMonthEnd.components.day)...lastMonthEnd
            r.roll = try data.rollRate(from: r.period!.lowerBound, to: lastMonthEnd, collectors: collectors)
        case .cases:
            r.caseMonths = try CaseMonth.trend(to: day, months: CaseMonth.shown) { from, to in
                try data.caseReport(from: from, to: to, collectors: collectors)
            }
            r.period = (r.caseMonths.last?.from ?? day)...day
        case .reconcile:
            r.reconcile.channels = try data.paymentChannels()
            guard let request = reconcile else { break }
            r.reconcile.shown = request
            // A statement that cannot be read is said on the tab, not lost on the status line.
            do { r.reconcile.outcome = try data.reconcile(request) } catch { r.reconcile.refusal = String(describing: error) }
        case .kpi:
            // Last month, first day to last.
            r.period = lastMonthEnd.adding(days: 1 - lastMonthEnd.components.day)...lastMonthEnd
            r.kpi = try data.kpi(from: r.period!.lowerBound, to: lastMonthEnd, collectors: collectors)
        }
        return r
    }

    /// Figures that cannot change while the screen is open (a closed month, a
    /// past day's aging) are kept for the session, so flipping tabs is instant.
    var isSettled: Bool {
        switch tab {
        case .rollRate, .kpi: true
        case .agingCollector, .agingSegment: day < today
        case .activity, .nightly, .cases, .reminders, .reconcile: false
        }
    }

    var cacheKey: String {
        "\(tab.rawValue)@\(day.ordinal)/\(scope)" + (reconcile.map { "/\($0.channel)/\($0.from.ordinal)-\($0.to.ordinal)/\($0.statement)" } ?? "")
    }
}

/// Runs report loads on a worker thread and hands their results back to the
/// key loop, which drains them between keys. A replay of a million-account
/// book takes seconds; the collector keeps moving meanwhile, and a result
/// for a tab no longer on screen is simply dropped by `update`.
final class ReportWorker: @unchecked Sendable {
    enum Outcome: Sendable {
        case loaded(ReportsState, cacheKey: String?)
        case failed(String)
    }

    private let lock = NSLock()
    private var done: [Outcome] = []
    /// The load the screen wants now: an older one not yet begun is skipped.
    private var wanted = ""
    /// Loads under way, so asking again for one already running waits for it.
    private var running: Set<String> = []
    private let group = DispatchGroup()

    /// Starts a load; the data source must be safe to read from another
    /// thread (the store's is: a GRDB `DatabasePool` with its own readers).
    func start(_ loader: ReportLoader, data: WorkstationData, describe: @escaping @Sendable (Error) -> String) {
        let key = loader.cacheKey
        let already = lock.withLock {
            wanted = key
            return !running.insert(key).inserted
        }
        if already { return }
        let box = UncheckedData(data)
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            defer { group.leave() }
            guard lock.withLock({ wanted == key }) else {
                lock.withLock { _ = running.remove(key) }
                return
            }
            let outcome: Outcome
            do {
                outcome = .loaded(try loader.load(box.data), cacheKey: loader.isSettled ? key : nil)
            } catch {
                outcome = .failed(describe(error))
            }
            lock.withLock {
                running.remove(key)
                done.append(outcome)
            }
        }
    }

    /// The results finished since the last call, in order.
    func drain() -> [Outcome] {
        lock.withLock {
            defer { done.removeAll() }
            return done
        }
    }

    /// Blocks until every started load has finished (tests, benchmarks, quitting).
    func wait() { group.wait() }
}

/// The workstation's data source carried onto the worker thread.
private struct UncheckedData: @unchecked Sendable {
    let data: WorkstationData
    init(_ data: WorkstationData) { self.data = data }
}
