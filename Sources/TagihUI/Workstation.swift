import TagihCore
import TagihTerminal

/// The shell around `update` and `render`: it runs the effects `update`
/// asks for against the ledger, feeds their answers back as events, and (in
/// `run`) connects it all to a real terminal. Tests and benchmarks drive it
/// headless with `send`.
public final class Workstation {
    public private(set) var state: AppState
    let data: WorkstationData
    /// Unix seconds now; the only clock the workstation reads.
    let clock: () -> Int64
    /// The account whose lease we hold, given back on leaving it or quitting.
    private var leased: Int64?
    /// Where reports are computed off the key loop (the terminal); nil runs
    /// them in line, as tests and the paint benchmark want.
    private var reportWorker: ReportWorker?
    /// Reports whose figures cannot change this session (`ReportLoader.isSettled`).
    private var settledReports: [String: ReportsState] = [:]
    /// Where saves run off the key loop (the terminal): one waiting for
    /// another writer's lock must not freeze the keys. Nil runs them in line.
    private var saveWorker: SaveWorker?

    /// Whether an error means the ledger itself is damaged, and the sentence
    /// that says so (the command line knows SQLite; the UI does not). Such an
    /// error ends the session: every screen would fail the same way.
    public var damage: (Error) -> String? = { _ in nil }
    /// Why the session ended on its own (a damaged ledger); `run` returns 1.
    public private(set) var stopped: String?

    public init(state: AppState, data: WorkstationData, clock: @escaping () -> Int64) {
        self.state = state
        self.data = data
        self.clock = clock
    }

    /// Loads what the first screen needs: the users (for queue scopes) and the queue.
    public func start() {
        state.now = clock()
        do { send(.users(try data.users())) } catch { failed(error) }
        // Watched from before the queue is read: nothing written meanwhile is missed.
        followLedger()
        perform(.loadQueue(state.queue.scope))
        // A contact form left unsaved by a dropped session comes back.
        if let text = data.loadDraft() {
            if let form = ContactForm(draft: text) { send(.draftFound(form)) } else if let plan = PlanForm(draft: text) { send(.planDraftFound(plan)) }
        }
    }

    /// One event through `update`, then every effect it asks for (and what those answer).
    public func send(_ event: Event) {
        state.now = clock()
        for effect in update(&state, event) { perform(effect) }
    }

    /// Keys by name, for tests and benchmarks.
    public func press(_ keys: Key...) { for k in keys { send(.key(k)) } }
    public func type(_ text: String) { for c in text { send(.key(.character(c))) } }

    public var screen: ScreenBuffer { render(state) }

    /// Computes reports on a worker thread from now on (the terminal does;
    /// a replay of a big book must not freeze the keys).
    public func computeReportsInBackground() { reportWorker = reportWorker ?? ReportWorker() }

    /// Feeds finished background reports to `update`; true when any arrived.
    @discardableResult
    public func receiveReports() -> Bool {
        guard let outcomes = reportWorker?.drain(), !outcomes.isEmpty else { return false }
        for o in outcomes {
            switch o {
            case .loaded(let r, let key):
                if let key { settledReports[key] = r }
                send(.reportsLoaded(r))
            case .failed(let message):
                send(.failed(message))
            }
        }
        return true
    }

    /// Runs saves on a worker thread from now on (the terminal does).
    public func saveInBackground() { saveWorker = saveWorker ?? SaveWorker() }

    /// Feeds a finished background save to `update`, waiting up to `seconds`
    /// for it (a quick save then paints its result at once, without the
    /// waiting line flashing); true when one arrived.
    @discardableResult
    public func receiveSaves(waiting seconds: Double = 0) -> Bool {
        guard let worker = saveWorker, let events = worker.finished(waiting: seconds) else { return false }
        for e in events {
            if case .failed(let sentence) = e, sentence == state.strings[.serverUnreachable] { serverLost = true }
            send(e)
        }
        send(.saveSettled)
        return true
    }

    /// Waits for the save under way (tests; quitting), then receives it.
    public func waitForSaves() { receiveSaves(waiting: .infinity) }

    /// Waits for the background reports under way, then receives them.
    public func waitForReports() {
        reportWorker?.wait()
        receiveReports()
    }

    /// Takes the ledger's new rules when an admin has loaded some since the
    /// last look: the policy, outcomes and plan lengths on screen and in
    /// the store change together, and the queue is read again under them.
    /// The operator's local day of a moment, while the business day follows
    /// the clock (nil when `--today` fixed it).
    public var dayOf: ((Int64) -> Day)?

    /// At midnight the business day moves on: the queue, the promises due,
    /// the plans and the reports follow it, and the status line says so.
    public func followTheDay() {
        guard let dayOf else { return }
        let day = dayOf(clock())
        guard day != state.today else { return }
        state.today = day
        settledReports = [:]
        send(.notice(state.strings.format(.newDay, day.iso)))
        perform(.loadQueue(state.queue.scope))
    }

    /// How far this workstation has read what others write to the ledger.
    private var ledgerMark: ChangeMark?

    /// Takes what others wrote since the last look (payments through
    /// `serve`, imports, other terminals) into the queue and the open
    /// account; true when anything came. The terminal calls it every
    /// `ledgerCheckSeconds` when idle; tests call it when they like.
    /// A server ledger's server that could not be reached at the last look
    /// (`LedgerUnreachable`): the next look that reaches it says it is back.
    public private(set) var serverLost = false

    @discardableResult
    public func followLedger() -> Bool {
        do {
            let changes = try data.ledgerChanges(since: ledgerMark)
            var said = false
            if serverLost {
                serverLost = false
                send(.notice(state.strings[.serverBack]))
                said = true
            }
            guard let changes else { return said }
            let first = ledgerMark == nil
            ledgerMark = changes.mark
            if first { return said }
            send(.ledgerChanged(changes))
            return true
        } catch {
            // Said once when the server goes (the status line then stays), and painted.
            let wasLost = serverLost
            failed(error)
            return serverLost && !wasLost
        }
    }

    public func refreshRules() {
        do {
            guard let rules = try data.changedRules() else { return }
            state.adopt(rules)
            settledReports = [:]
            send(.notice(state.strings[.rulesChanged]))
            perform(.loadQueue(state.queue.scope))
        } catch {
            failed(error)
        }
    }

    private func perform(_ effect: Effect) {
        // A save is judged under the rules in force now, not those of the last look.
        switch effect {
        case .logContact, .proposePlan, .decidePlan, .assign, .placeHold, .releaseHold, .markPhone, .caseAction: followTheDay(); refreshRules()
        default: break
        }
        if effect.isSave {
            save(effect)
            return
        }
        do {
            switch effect {
            case .loadQueue(let scope):
                send(.queueLoaded(try data.queueKeys(scope, today: state.queueDay, now: state.contactInstant.at)))
            case .loadRows(let ids):
                send(.rowsLoaded(try data.queueRows(ids, me: state.me.login, now: state.now)))
            case .openAccount(let id):
                // The lease is advisory: a ledger busy with another writer (or
                // with a save of ours waiting for it) leaves the account
                // readable without one, never the keys frozen.
                var holder: LeaseHolder?
                if !state.savePending {
                    do {
                        if let old = leased, old != id { try data.releaseLease(account: old, login: state.me.login); leased = nil }
                        holder = try data.takeLease(account: id, login: state.me.login, now: state.now)
                        if holder == nil { leased = id }
                    } catch {
                        holder = nil
                    }
                }
                send(.accountLoaded(try data.account(id: id, asOf: state.today, now: state.now), heldBy: holder))
            case .releaseLease(let id):
                try data.releaseLease(account: id, login: state.me.login)
                if leased == id { leased = nil }
            case .search(let text):
                let hits = try data.search(text, limit: Self.searchLimit)
                // Counted only when capped: a short list is its own count.
                let total = hits.count < Self.searchLimit ? nil : try data.searchCount(text, upTo: Self.searchCountLimit)
                send(.searched(text, hits, total: total))
            case .logContact, .proposePlan, .decidePlan, .assign, .placeHold, .releaseHold, .markPhone, .caseAction:
                break // saves: `save`
            case .saveDraft(let text):
                data.saveDraft(text)
            case .writeLetter(let id):
                send(.notice(state.strings.format(.letterWritten, try data.writePlanLetter(id))))
            case .reconcile(let request, let scope):
                var loader = ReportLoader(tab: .reconcile, asOf: nil, today: state.today, scope: scope, users: state.users + [state.me])
                loader.reconcile = request
                try loadReport(loader)
            case .loadReports(let tab, let asOf, let scope):
                try loadReport(ReportLoader(tab: tab, asOf: asOf, today: state.today, scope: scope, users: state.users + [state.me]))
            case .pauseStage(let stage, let paused, let scope):
                let changed = try data.setStagePaused(stage, paused: paused)
                let str = state.strings
                send(.notice(changed ? str.format(paused ? .stagePaused : .stageResumed, stage, str.shortDate(state.today))
                                     : str.format(.stageUnchanged, stage)))
                perform(.loadReports(.reminders, asOf: nil, scope: scope))
            case .export(let name, let csv):
                send(.notice(state.strings.format(.exported, try data.export(name: name, csv: csv))))
            case .loadPendingPlans:
                send(.pendingPlansLoaded(try data.pendingPlans()))
                send(.pendingCasesLoaded(try data.pendingCaseCredits()))
            case .loadPlanAccount(let id):
                // Looking at a plan's account is not working it: no lease.
                send(.planAccountLoaded(try data.account(id: id, asOf: state.today, now: state.now)))
            case .refreshQueueKey(let id):
                let one = try data.queueKey(account: id, today: state.queueDay, now: state.contactInstant.at)
                // The segment index of a lone key is into its own list: map it onto the queue's.
                var key = one.keys.first
                if let k = key, k.segment >= 0 {
                    let name = one.segments[Int(k.segment)]
                    key?.segment = Int32(state.queue.keys.segments.firstIndex(of: name) ?? -2)
                }
                send(.queueKeyUpdated(id, key))
            }
        } catch {
            failed(error)
        }
    }

    /// Loads a tab of the Reports screen: kept, on the worker, or in line.
    private func loadReport(_ loader: ReportLoader) throws {
        if let kept = settledReports[loader.cacheKey] {
            send(.reportsLoaded(kept))
        } else if let worker = reportWorker {
            worker.start(loader, data: data) { error in Self.describe(error) }
        } else {
            let r = try loader.load(data)
            if loader.isSettled { settledReports[loader.cacheKey] = r }
            send(.reportsLoaded(r))
        }
    }

    /// Runs one save: on the worker when there is one (its answer comes
    /// back through `receiveSaves`), else here. Either way its result is an
    /// event, and a failure is a sentence that leaves the form as it was.
    private func save(_ effect: Effect) {
        let job = SaveJob(data: data, effect: effect)
        if let worker = saveWorker {
            worker.start(job)
        } else {
            send(job.run())
            send(.saveSettled)
        }
    }

    /// Search shows this many hits at most, and counts the rest up to the second figure.
    static let searchLimit = 200
    static let searchCountLimit = 10_000

    /// How often an idle workstation looks for new rules (one indexed read).
    static let rulesCheckSeconds: Int64 = 10
    /// How often an idle workstation looks for others' writes (five seeks):
    /// a payment made through `serve` reaches the queue within this.
    static let ledgerCheckSeconds: Int64 = 2

    /// Gives back any lease (on quit or a signal).
    public func finish() {
        // A save under way gets a moment to end (saved, or refused) before the
        // lease goes; one still waiting for another writer's lock is given up
        // (SQLite keeps the ledger whole: a transaction not committed is not there).
        saveWorker?.wait(seconds: 2)
        if let id = leased { try? data.releaseLease(account: id, login: state.me.login); leased = nil }
    }

    /// Renews the lease on the open account when it is past half its life.
    func renewLease(every seconds: Int64, lastRenewed: inout Int64) {
        // Not while a save waits for the ledger: the renewal would queue behind it on the key loop.
        guard let id = leased, !state.savePending, state.now - lastRenewed >= seconds else { return }
        lastRenewed = state.now
        _ = try? data.takeLease(account: id, login: state.me.login, now: state.now)
    }

    private func describe(_ error: Error) -> String { Self.describe(error) }

    /// A failed effect: on the status line, or, for a damaged ledger, the end of the session.
    private func failed(_ error: Error) {
        if let why = damage(error) { stopped = stopped ?? why; return }
        if let problem = error as? RecordProblem { send(.recordRefused(problem)); return }
        if error is LedgerUnreachable {
            // Every look while it is gone fails alike: said once, not every two seconds.
            if serverLost, state.status?.text == state.strings[.serverUnreachable] { return }
            serverLost = true
        }
        send(.failed(describe(error)))
    }

    private static func describe(_ error: Error) -> String {
        let text = String(describing: error)
        return text.count > 200 ? String(text.prefix(199)) + "…" : text
    }

    /// The terminal is gone (no signal came: a wrapper ignored SIGHUP):
    /// keep the contact form being typed as a draft, as a hang-up would
    /// find it, and end as a hang-up does, 128 + SIGHUP (the caller's
    /// `finish` gives the lease back).
    func lostTerminal() -> Int32 {
        if let form = state.stack.lazy.compactMap({ if case .contactForm(let f) = $0 { f } else { nil } }).last, form.hasInput {
            data.saveDraft(form.draft)
        }
        return 129
    }

    /// Runs the workstation in the terminal until the user quits (exit 0) or
    /// a signal stops it (128 + signal). The terminal is restored either way.
    public func run(terminal: Terminal, leaseRenewal: Int64 = 240) -> Int32 {
        let size = terminal.size
        state.width = size.width
        state.height = size.height
        computeReportsInBackground()
        saveInBackground()
        start()
        terminal.paint(screen)
        var lastRenewed = clock()
        var lastMinute = clock() / 60
        var lastRulesCheck = clock()
        var lastLedgerCheck = clock()
        defer { finish(); terminal.close() }
        while true {
            if let sig = terminal.stopSignal { return 128 + sig }
            if stopped != nil { return 1 }
            guard let key = terminal.readKey() else {
                if terminal.inputLost { return lostTerminal() }
                // Idle: keep the lease alive and the debtor's clock current.
                state.now = clock()
                let dayBefore = state.today
                followTheDay()
                if state.today != dayBefore { terminal.paint(screen) }
                renewLease(every: leaseRenewal, lastRenewed: &lastRenewed)
                if state.now - lastRulesCheck >= Self.rulesCheckSeconds {
                    lastRulesCheck = state.now
                    let before = state.status
                    refreshRules()
                    if state.status != before { terminal.paint(screen) }
                }
                if state.now - lastLedgerCheck >= Self.ledgerCheckSeconds {
                    lastLedgerCheck = state.now
                    if followLedger() { terminal.paint(screen) }
                }
                let saved = receiveSaves()
                let arrived = receiveReports() || saved
                if arrived || state.now / 60 != lastMinute { lastMinute = state.now / 60; terminal.paint(screen) }
                continue
            }
            let waitingBefore = state.savePending
            if key == .resize {
                let s = terminal.size
                send(.resize(width: s.width, height: s.height))
            } else {
                send(.key(key))
            }
            if state.quitRequested { return 0 }
            receiveReports()
            // A save this key asked for usually answers at once: paint its
            // result, not the waiting line. Keys while one waits go on at once.
            receiveSaves(waiting: state.savePending && !waitingBefore ? 0.25 : 0)
            terminal.paint(screen)
        }
    }
}
