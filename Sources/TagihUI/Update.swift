import TagihCore
import TagihTerminal

/// Something that happened: a key, a new window size, or the answer to an effect.
public enum Event {
    case key(Key)
    case resize(width: Int, height: Int)
    case queueLoaded(QueueKeys)
    case rowsLoaded([Int64: QueueRow])
    case accountLoaded(AccountDetail, heldBy: LeaseHolder?)
    /// The hits for a text, and how many it finds in all when the hits are capped (nil: not capped, or unknown).
    case searched(String, [SearchHit], total: Int?)
    case users([User])
    case failed(String)
    case contactLogged(LoggedContact, accountID: Int64)
    /// The store refused the contact: the form stays, the refusal is said
    /// in the reader's language, and a blocked one may be overridden.
    case contactRefused(ContactRefusal)
    /// An unsaved contact form from an earlier session.
    case draftFound(ContactForm)
    /// An unsaved plan form from an earlier session.
    case planDraftFound(PlanForm)
    /// One account's queue key after a change (nil: it needs no work now).
    case queueKeyUpdated(Int64, QueueKey?)
    case planProposed(Proposal, accountID: Int64)
    case pendingPlansLoaded([PlanRecord])
    case planDecided(Int64, String)
    /// A note for the status line (a file written, …).
    case notice(String)
    case reportsLoaded(ReportsState)
    /// Accounts assigned (how many changed) to a login (nil: unassigned).
    case assigned(Int, to: String?, ids: [Int64])
    /// The account of the plan being confirmed, read without a lease.
    case planAccountLoaded(AccountDetail)
    /// The save under way has finished (its result came as its own event).
    case saveSettled
}

/// Work for the shell: reads and writes against the ledger. `update`
/// only asks; the shell does it and feeds the answer back as an `Event`.
public enum Effect: Sendable {
    case loadQueue(QueueScope)
    case loadRows([Int64])
    case openAccount(Int64)
    case releaseLease(Int64)
    case search(String)
    case logContact(ContactRequest, accountID: Int64)
    /// Keep the contact form's draft (nil: forget it).
    case saveDraft(String?)
    /// Re-read one account's queue key (after a contact was logged on it).
    case refreshQueueKey(Int64)
    case proposePlan(accountNo: String, terms: PlanTerms, note: String?, accountID: Int64)
    case writeLetter(Int64)
    case loadReports(ReportsState.Tab, asOf: Day?, scope: QueueScope)
    case export(name: String, csv: String)
    case loadPendingPlans
    case decidePlan(Int64, approve: Bool, note: String?)
    /// Assign accounts (by number) to a login, nil unassigns; `ids` are their queue lines.
    case assign(accountNos: [String], to: String?, ids: [Int64])
    /// Read an account to show beside a plan: never takes its lease.
    case loadPlanAccount(Int64)
}

extension Effect {
    /// A write to the ledger that may wait for another writer's lock: the
    /// shell runs it off the key loop, one at a time.
    public var isSave: Bool {
        switch self {
        case .logContact, .proposePlan, .decidePlan, .assign: true
        default: false
        }
    }
}

/// The one place state changes. Pure: no terminal, no ledger, no clock.
public func update(_ s: inout AppState, _ event: Event) -> [Effect] {
    var effects: [Effect] = []
    switch event {
    case .resize(let w, let h):
        s.width = w
        s.height = h
        s.queue.clampScroll(height: s.bodyHeight)
    case .queueLoaded(let keys):
        let selected = s.queue.selected?.accountID
        s.queue.keys = keys
        s.queue.sorted = [:]
        s.queue.loaded = true
        s.queue.reorder(today: s.queueDay, buckets: s.buckets, keeping: selected)
        s.queue.clampScroll(height: s.bodyHeight)
    case .rowsLoaded(let rows):
        if s.queue.rows.count > 5_000 { s.queue.rows.removeAll(keepingCapacity: true) }
        s.queue.rows.merge(rows) { _, new in new }
    case .accountLoaded(let detail, let heldBy):
        // The account may lie under a form (a draft restored, a contact saved).
        if let i = s.stack.lastIndex(where: { if case .account(let a) = $0 { a.accountID == detail.accountID } else { false } }),
           case .account(var a) = s.stack[i] {
            a.detail = detail
            a.heldBy = heldBy
            s.stack[i] = .account(a)
        }
        if case .planForm(var f) = s.stack.last, f.accountID == detail.accountID, f.balance != detail.position.balance {
            f.balance = detail.position.balance
            s.stack[s.stack.count - 1] = .planForm(f)
        }
    case .searched(let text, let hits, let total):
        if case .search(var st) = s.stack.last, st.text == text {
            st.hits = hits
            st.total = total
            st.searched = text
            st.cursor = 0
            st.top = 0
            s.stack[s.stack.count - 1] = .search(st)
        }
    case .users(let users):
        s.users = users
    case .failed(let message):
        s.status = .init(text: message, isError: true)
    case .contactLogged(let logged, let accountID):
        if case .contactForm = s.stack.last { s.stack.removeLast() }
        s.status = .init(text: s.strings.format(.formSaved, logged.id), isError: false)
        effects += [.saveDraft(nil), .openAccount(accountID), .refreshQueueKey(accountID)]
    case .planProposed(let p, let accountID):
        if case .planForm = s.stack.last { s.stack.removeLast() }
        s.status = .init(text: s.strings.format(p.status == .active ? .planSaved : .planPendingSaved, p.id), isError: false)
        effects += [.saveDraft(nil), .openAccount(accountID), .refreshQueueKey(accountID)]
    case .pendingPlansLoaded(let plans):
        effects += approvalsPlansLoaded(&s, plans)
    case .notice(let text):
        s.status = .init(text: text, isError: false)
    case .reportsLoaded(let loaded):
        if case .reports(var r) = s.stack.last, r.tab == loaded.tab, r.asOf == loaded.asOf, r.scope == loaded.scope {
            r.aging = loaded.aging
            r.activity = loaded.activity
            r.runs = loaded.runs
            r.roll = loaded.roll
            r.kpi = loaded.kpi
            r.period = loaded.period
            r.loaded = true
            r.cursor = min(r.cursor, max(0, r.rowCount - 1))
            s.stack[s.stack.count - 1] = .reports(r)
        }
    case .planDecided(let id, let status):
        if case .confirmPlan = s.stack.last { s.stack.removeLast() }
        s.status = .init(text: s.strings.format(.approvalsDecided, id, s.strings.planStatus(status)), isError: false)
        effects.append(.loadPendingPlans)
    case .assigned(let n, let to, let ids):
        if case .assignPicker = s.stack.last { s.stack.removeLast() }
        s.queue.marked = [:]
        for id in ids { s.queue.rows[id] = nil }
        s.status = .init(text: assignedText(s, n, to), isError: false)
        // The lines may leave this queue (a collector's) or join it: read it again.
        effects.append(.loadQueue(s.queue.scope))
    case .planAccountLoaded(let detail):
        approvalsAccountLoaded(&s, detail)
        if case .confirmPlan(var c) = s.stack.last, c.plan.accountID == detail.accountID {
            c.detail = detail
            s.stack[s.stack.count - 1] = .confirmPlan(c)
        }
    case .queueKeyUpdated(let id, let key):
        if !s.queue.update(id, key, today: s.queueDay, buckets: s.buckets) { effects.append(.loadQueue(s.queue.scope)) }
    case .contactRefused(let refusal):
        let message = s.strings.contactRefusal(refusal, options: false)
        s.status = .init(text: message, isError: true)
        if case .contactForm(var f) = s.stack.last {
            f.refusal = message   // read whole in the form, wrapped
            s.stack[s.stack.count - 1] = .contactForm(f)
        }
        if case .contactForm(var f) = s.stack.last, refusal.overridable, s.me.role != .collector {
            f.offerOverride = true
            f.focus = .override
            s.stack[s.stack.count - 1] = .contactForm(f)
            // The refusal is read whole in the form; the status line says what a lead may do.
            s.status = .init(text: s.strings[.formOverrideHint], isError: true)
        }
    case .draftFound(let form):
        s.stack = [.account(AccountState(accountID: form.accountID)), .contactForm(form)]
        s.status = .init(text: s.strings.format(.formDraftRestored, form.accountNo), isError: false)
        effects.append(.openAccount(form.accountID))
    case .planDraftFound(var form):
        // Its plan starts today, whenever it was typed; the balance follows the account when it loads.
        form.start = s.today
        s.stack = [.account(AccountState(accountID: form.accountID)), .planForm(form)]
        s.status = .init(text: s.strings.format(.planDraftRestored, form.accountNo), isError: false)
        effects.append(.openAccount(form.accountID))
    case .saveSettled:
        s.savePending = false
    case .key(let key):
        s.status = nil
        if s.savePending, [.form, .confirm, .assign].contains(s.context), s.keymap.action(for: key, in: s.context) == .back {
            // Its input stays on screen until the ledger has answered: nothing is lost.
            s.status = .init(text: s.strings.saveAlreadyWaiting, isError: true)
            return []
        }
        let asked = handle(&s, key)
        if asked.contains(where: \.isSave) {
            if s.savePending {
                s.status = .init(text: s.strings.saveAlreadyWaiting, isError: true)
                effects += asked.filter { !$0.isSave }
            } else {
                s.savePending = true
                effects += asked
            }
        } else {
            effects += asked
        }
    }
    if s.context == .queue, s.queue.loaded, !event.answersRowLoad { effects += missingRows(s) }
    return effects
}

extension Event {
    /// The answer to a `.loadRows` (its rows, or its failure): rows still
    /// missing after it could not be loaded, and asking again at once would
    /// ask forever (a damaged ledger recursed until the stack ran out). The
    /// next key or resize asks again.
    var answersRowLoad: Bool {
        switch self {
        case .rowsLoaded, .failed: true
        default: false
        }
    }
}

/// Details to fetch for the queue lines now on screen.
func missingRows(_ s: AppState) -> [Effect] {
    let q = s.queue
    let visible = q.ordered[min(q.top, q.ordered.count)..<min(q.top + s.bodyHeight, q.ordered.count)]
    let missing = visible.map(\.accountID).filter { q.rows[$0] == nil }
    return missing.isEmpty ? [] : [.loadRows(missing)]
}

private func handle(_ s: inout AppState, _ key: Key) -> [Effect] {
    let context = s.context
    if s.isTooSmall {
        // Only leaving works while the window is too small to show anything.
        if context == .queue, s.keymap.action(for: key, in: .queue) == .quit { s.quitRequested = true }
        return []
    }
    if s.scopePicker != nil { return scopePickerKey(&s, key) }
    if context == .approvals, case .approvals(var a) = s.stack.last, a.reason != nil {
        return reasonInput(&s, &a, key)
    }
    if context == .reports, case .reports(var r) = s.stack.last, r.dateInput != nil {
        return reportsDateInput(&s, &r, key)
    }
    // On a queue a report drilled down to, a key that means back (and nothing
    // on the queue: Esc, not q, which quits) goes back to the report.
    if context == .queue, s.drilledFrom != nil, s.keymap.action(for: key, in: .queue) == nil,
       s.keymap.action(for: key, in: .reports) == .back {
        return back(&s)
    }
    guard let action = s.keymap.action(for: key, in: context) else {
        if context == .search { return searchInput(&s, key) }
        if context == .form, case .planForm = s.stack.last { return planFormInput(&s, key) }
        if context == .form { return formInput(&s, key) }
        return []
    }
    // Help opens over any screen; Esc leaves one (the contact form first asks
    // before it drops typed input, so it handles its own).
    if action == .help {
        s.stack.append(.help(HelpState(context: context)))
        return []
    }
    if case .contactForm = s.stack.last { return formAction(&s, action, key: key) }
    if action == .back, case .planForm(let f) = s.stack.last { return leaveForm(&s, f, Screen.planForm) }
    if action == .back { return back(&s) }
    switch context {
    case .form: return planFormAction(&s, action)
    case .approvals: return approvalsAction(&s, action)
    case .reports: return reportsAction(&s, action)
    case .confirm: return confirmAction(&s, action)
    case .assign: return assignAction(&s, action)
    default: break
    }
    switch action {
    case .search:
        // From an account opened through search, `/` is a new search in
        // that search's place, not another one piled on the account (Esc
        // from the account keeps the old query and its row instead).
        if context == .account, s.stack.count >= 2, case .search = s.stack[s.stack.count - 2] {
            let released = back(&s)
            s.stack[s.stack.count - 1] = .search(SearchState())
            return released
        }
        s.stack.append(.search(SearchState()))
        return []
    case .quit:
        s.quitRequested = true
        return []
    default:
        break
    }
    switch context {
    case .queue: return queueAction(&s, action)
    case .account: return accountAction(&s, action)
    case .form, .approvals, .reports, .confirm, .assign: return []
    case .search: return searchAction(&s, action)
    case .help: helpAction(&s, action); return []
    }
}

/// Esc on a form: with input typed it asks once (a slip of the finger loses
/// nothing); then the form closes and its draft goes with it.
private func leaveForm<F: FormFields>(_ s: inout AppState, _ f: F, _ screen: (F) -> Screen) -> [Effect] {
    if f.hasInput && !f.confirmDiscard {
        var f = f
        f.confirmDiscard = true
        s.stack[s.stack.count - 1] = screen(f)
        s.status = .init(text: s.strings[.formEscAgain], isError: false)
        return []
    }
    s.stack.removeLast()
    return [.saveDraft(nil)]
}

private func back(_ s: inout AppState) -> [Effect] {
    guard let top = s.stack.popLast() else {
        // The queue a report drilled down to: back to the report and the queue as they were.
        guard let from = s.drilledFrom else { return [] }
        s.drilledFrom = nil
        s.queue = from.queue
        s.stack.append(.reports(from.reports))
        return []
    }
    if case .account(let a) = top, a.heldBy == nil { return [.releaseLease(a.accountID)] }
    return []
}

/// Moves a cursor within `count` lines, keeping it on a screen of `height` lines.
func move(_ cursor: inout Int, _ top: inout Int, count: Int, height: Int, by action: Action) {
    guard count > 0 else { cursor = 0; top = 0; return }
    switch action {
    case .up: cursor -= 1
    case .down: cursor += 1
    case .pageUp: cursor -= height; top -= height
    case .pageDown: cursor += height; top += height
    case .top: cursor = 0
    case .bottom: cursor = count - 1
    default: return
    }
    cursor = min(max(cursor, 0), count - 1)
    top = min(max(top, 0), max(0, count - height))
    if cursor < top { top = cursor }
    if cursor >= top + height { top = cursor - height + 1 }
}

private func queueAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        move(&s.queue.cursor, &s.queue.top, count: s.queue.ordered.count, height: s.bodyHeight, by: action)
    case .open:
        guard let k = s.queue.selected else { return [] }
        s.stack.append(.account(AccountState(accountID: k.accountID)))
        return [.openAccount(k.accountID)]
    case .bucket:
        let n = s.buckets.count
        // Cycles all → 1-30 → … → 121+ → all (current never needs work).
        s.queue.filter.bucket = s.queue.filter.bucket.map { $0 + 1 < n ? $0 + 1 : nil } ?? 1
        s.queue.reorder(today: s.queueDay, buckets: s.buckets, keeping: nil)
    case .segment:
        let names = s.queue.keys.segments.sorted()
        guard !names.isEmpty else { return [] }
        if let current = s.queue.filter.segment, let i = names.firstIndex(of: current) {
            s.queue.filter.segment = i + 1 < names.count ? names[i + 1] : nil
        } else {
            s.queue.filter.segment = names[0]
        }
        s.queue.reorder(today: s.queueDay, buckets: s.buckets, keeping: nil)
    case .sort:
        let all = QueueSort.allCases
        s.queue.sort = all[(all.firstIndex(of: s.queue.sort)! + 1) % all.count]
        s.queue.reorder(today: s.queueDay, buckets: s.buckets, keeping: nil)
    case .clearFilters:
        s.queue.filter = QueueFilter()
        if s.queue.asOf != nil {
            // A drill-down's past day is one of its filters: back to today's queue.
            s.queue.asOf = nil
            s.queue.loaded = false
            return [.loadQueue(s.queue.scope)]
        }
        s.queue.reorder(today: s.queueDay, buckets: s.buckets, keeping: s.queue.selected?.accountID)
    case .scope:
        return openScopePicker(&s, for: .queue)
    case .refresh:
        s.queue.rows = [:]
        return [.loadQueue(s.queue.scope)]
    case .reports:
        // A collector's own figures; a lead's team first (as the queue); an admin's whole book.
        let scope: QueueScope = s.me.role == .collector ? .collector(s.me.login) : s.me.team.map { .team($0) } ?? .book
        s.drilledFrom = nil
        s.stack.append(.reports(ReportsState(scope: scope)))
        return [.loadReports(.agingCollector, asOf: nil, scope: scope)]
    case .mark:
        // Marking is for assigning several at once: refused as assigning is.
        guard s.offers(.mark) else { return openAssignPicker(&s) }
        guard let k = s.queue.selected, let row = s.queue.rows[k.accountID] else { return [] }
        if s.queue.marked.removeValue(forKey: k.accountID) == nil { s.queue.marked[k.accountID] = row }
        move(&s.queue.cursor, &s.queue.top, count: s.queue.ordered.count, height: s.bodyHeight, by: .down)
    case .assign:
        return openAssignPicker(&s)
    case .approvals:
        guard s.me.role != .collector else {
            s.status = .init(text: s.strings[.noOtherQueues], isError: false)
            return []
        }
        s.stack.append(.approvals(ApprovalsState()))
        return [.loadPendingPlans]
    default:
        break
    }
    return []
}

private func accountAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard case .account(var a) = s.stack.last else { return [] }
    let lines = a.detail.map { AccountView.bodyLines($0, state: s).count } ?? 0
    let height = AccountView.visibleRows(s)
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        // The body scrolls as a whole: the "cursor" is the top line.
        var cursor = a.scroll
        let last = max(0, lines - height)
        switch action {
        case .up: cursor -= 1
        case .down: cursor += 1
        case .pageUp: cursor -= height
        case .pageDown: cursor += height
        case .top: cursor = 0
        default: cursor = last
        }
        a.scroll = min(max(cursor, 0), last)
        s.stack[s.stack.count - 1] = .account(a)
    case .refresh:
        return [.openAccount(a.accountID)]
    case .letter:
        guard let plan = a.detail?.plans.first else {
            s.status = .init(text: s.strings[.noPlan], isError: true)
            return []
        }
        return [.writeLetter(plan.id)]
    case .negotiate:
        guard let d = a.detail else { return [] }
        s.stack.append(.planForm(PlanForm(accountID: a.accountID, accountNo: d.accountNo, balance: d.position.balance,
                                          start: s.today, first: s.today.checkedAdding(days: 7) ?? s.today))) // a week on, within 9999-12-31
    case .logContact:
        var form = ContactForm(accountID: a.accountID, accountNo: a.detail?.accountNo ?? "")
        guard a.detail != nil else { return [] }
        form.focus = .channel
        s.stack.append(.contactForm(form))
    default:
        break
    }
    return []
}

private func searchAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard case .search(var st) = s.stack.last else { return [] }
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        move(&st.cursor, &st.top, count: st.hits.count, height: s.bodyHeight - 1, by: action)
        s.stack[s.stack.count - 1] = .search(st)
    case .open:
        guard st.hits.indices.contains(st.cursor) else { return [] }
        let id = st.hits[st.cursor].accountID
        s.stack.append(.account(AccountState(accountID: id)))
        return [.openAccount(id)]
    case .clearInput:
        st = SearchState()
        s.stack[s.stack.count - 1] = .search(st)
    default:
        break
    }
    return []
}

private func searchInput(_ s: inout AppState, _ key: Key) -> [Effect] {
    guard case .search(var st) = s.stack.last else { return [] }
    var input = TextInput(st.text, limit: 60)
    guard input.handle(key), input.text != st.text else { return [] }
    st.text = input.text
    s.stack[s.stack.count - 1] = .search(st)
    if st.text.trimmingSpaces.isEmpty {
        st.hits = []
        st.searched = st.text
        s.stack[s.stack.count - 1] = .search(st)
        return []
    }
    return [.search(st.text)]
}

// MARK: the contact form

private func formAction(_ s: inout AppState, _ action: Action, key: Key) -> [Effect] {
    guard case .contactForm(var f) = s.stack.last else { return [] }
    let fields = f.fields(s.outcomes)
    let index = fields.firstIndex(of: f.focus) ?? 0
    switch action {
    case .back:
        return leaveForm(&s, f, Screen.contactForm)
    case .nextField where key == .enter && index == fields.count - 1, .save:
        return saveForm(&s, f)
    case .nextField:
        f.focus = fields[(index + 1) % fields.count]
    case .previousField:
        f.focus = fields[(index - 1 + fields.count) % fields.count]
    case .choiceNext, .choicePrevious:
        // On a text field the arrows move the cursor.
        guard f.isChoice(f.focus) else {
            guard f.editFocused(action == .choiceNext ? .right : .left) else { return [] }
            break
        }
        f.cycle(f.focus, by: action == .choiceNext ? 1 : -1, outcomes: s.outcomes)
        prefillPromise(&f, s)
    case .clearInput:
        guard !f.isChoice(f.focus) else { return [] }
        _ = f.editFocused(.control("u"))
    default:
        return []
    }
    f.confirmDiscard = false
    s.stack[s.stack.count - 1] = .contactForm(f)
    return [.saveDraft(f.draft)]
}

private func formInput(_ s: inout AppState, _ key: Key) -> [Effect] {
    guard case .contactForm(var f) = s.stack.last else { return [] }
    if f.isChoice(f.focus) {
        switch key {
        case .character(let c) where !c.isNewline:
            let str = s.strings
            f.choose(f.focus, startingWith: c, outcomes: s.outcomes) { field, option in FormView.optionName(field, option, str) }
            prefillPromise(&f, s)
        case .backspace where f.focus == .reason:
            f.reason = nil
        default:
            return []
        }
    } else {
        let before = f
        guard f.editFocused(key) else { return [] }
        if f == before { return [] }
    }
    f.confirmDiscard = false
    s.stack[s.stack.count - 1] = .contactForm(f)
    return [.saveDraft(f.draft)]
}

/// A promise outcome suggests the past-due amount and a date a week out
/// (within the horizon), until the collector types their own.
private func prefillPromise(_ f: inout ContactForm, _ s: AppState) {
    guard let o = f.outcome, s.outcomes[o]?.promise == true else { return }
    if f.promiseAmount.isEmpty, case .account(let a)? = s.stack.dropLast().last, let d = a.detail, d.position.pastDue.isPositive {
        f.promiseAmount = s.money.plain(d.position.pastDue)
        f.suggested.insert(.promiseAmount)
    }
    if f.promiseDate.isEmpty {
        f.promiseDate = (s.today.checkedAdding(days: min(7, s.promiseHorizonDays)) ?? s.today).iso
        f.suggested.insert(.promiseDate)
    }
}

private func saveForm(_ s: inout AppState, _ f: ContactForm) -> [Effect] {
    var f = f
    let (at, day) = s.contactInstant
    switch f.request(outcomes: s.outcomes, currency: s.money.currency, at: at, day: day, clock: s.operatorClock) {
    case .failure(let problem):
        f.focus = problem.field
        s.stack[s.stack.count - 1] = .contactForm(f)
        s.status = .init(text: "\(FormView.label(problem.field, s.strings)): \(s.strings[problem.message])", isError: true)
        return []
    case .success(let request):
        if f.offerOverride && request.override == nil {
            f.focus = .override
            s.stack[s.stack.count - 1] = .contactForm(f)
            s.status = .init(text: s.strings[.formOverrideHint], isError: true)
            return []
        }
        return [.logContact(request, accountID: f.accountID)]
    }
}

// MARK: reports

private func reportsAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard case .reports(var r) = s.stack.last else { return [] }
    switch action {
    case .nextReport, .previousReport:
        let all = ReportsState.Tab.allCases
        let i = all.firstIndex(of: r.tab) ?? 0
        r.tab = all[(i + (action == .nextReport ? 1 : all.count - 1)) % all.count]
        r.cursor = 0
        r.column = nil
        r.loaded = false
        s.stack[s.stack.count - 1] = .reports(r)
        return [.loadReports(r.tab, asOf: r.asOf, scope: r.scope)]
    case .up, .down, .pageUp, .pageDown, .top, .bottom:
        // The view keeps the cursor on screen; only the cursor moves here, a page at a time of ten.
        var top = 0
        move(&r.cursor, &top, count: r.rowCount, height: 10, by: action)
    case .asOf:
        r.dateInput = (r.asOf ?? s.today).iso
    case .scope:
        return openScopePicker(&s, for: .reports)
    case .earlier, .later:
        // Aging as of any day: from month-end to month-end, never after today.
        let from = r.asOf ?? s.today
        let day = action == .earlier ? from.previousMonthEnd : from.nextMonthEnd
        r.asOf = min(day, s.today)
        r.loaded = false
        s.stack[s.stack.count - 1] = .reports(r)
        return [.loadReports(r.tab, asOf: r.asOf, scope: r.scope)]
    case .choiceNext, .choicePrevious:
        // A bucket column: none (all) → current … 121+ → unapplied → none.
        let n = s.buckets.count
        let order: [Int?] = [nil] + Array(0...n)   // n: the unapplied credit (AgingTable)
        let i = order.firstIndex(of: r.column) ?? 0
        r.column = order[(i + (action == .choiceNext ? 1 : order.count - 1)) % order.count]
    case .open:
        // Drill down: the queue of the accounts behind the row (and bucket).
        guard r.loaded, r.tab == .agingCollector || r.tab == .agingSegment, let rows = r.aging?.rows, rows.indices.contains(r.cursor) else { return [] }
        let group = rows[r.cursor].group
        s.drilledFrom = DrillDown(reports: r, queue: s.queue)
        s.stack.removeAll()
        var filter = QueueFilter(bucket: AgingTable.isUnapplied(r.column, s.buckets) ? nil : r.column)
        let scope: QueueScope
        if r.tab == .agingCollector {
            scope = group == AgingReport.noGroup ? .unassigned : .collector(group)
        } else {
            scope = r.scope
            filter.segment = group == AgingReport.noGroup ? nil : group
        }
        s.queue.scope = scope
        s.queue.filter = filter
        // From a past day's aging, the accounts as they stood that day (never a day after today).
        s.queue.asOf = r.asOf.flatMap { $0 < s.today ? $0 : nil }
        s.queue.cursor = 0
        s.queue.top = 0
        s.queue.loaded = false
        return [.loadQueue(scope)]
    case .export:
        guard r.loaded, let csv = ReportsView.csv(r, s) else { return [] }
        return [.export(name: ReportsView.exportName(r, day: r.asOf ?? s.today), csv: csv)]
    default:
        return []
    }
    s.stack[s.stack.count - 1] = .reports(r)
    return []
}

// MARK: the plan form and approvals

private func planFormAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard case .planForm(var f) = s.stack.last else { return [] }
    let fields = PlanForm.Field.allCases
    let index = fields.firstIndex(of: f.focus) ?? 0
    switch action {
    case .save:
        switch f.terms(currency: s.money.currency) {
        case .failure(let p):
            f.focus = p.field
            s.stack[s.stack.count - 1] = .planForm(f)
            s.status = .init(text: "\(PlanFormView.label(p.field, s.strings)): \(s.strings[p.message])", isError: true)
            return []
        case .success(let terms):
            do { _ = try Plans.schedule(terms, currency: s.money.currency) } catch {
                s.status = .init(text: s.strings.planError(error, currency: s.money.currency, options: false), isError: true)
                return []
            }
            let note = f.note.trimmingSpaces.isEmpty ? nil : String(f.note.trimmingSpaces)
            return [.proposePlan(accountNo: f.accountNo, terms: terms, note: note, accountID: f.accountID)]
        }
    case .nextField: f.focus = fields[(index + 1) % fields.count]
    case .previousField: f.focus = fields[(index - 1 + fields.count) % fields.count]
    case .choiceNext, .choicePrevious:
        // On a text field the arrows move the cursor.
        guard f.focus == .frequency else {
            guard f.edit(action == .choiceNext ? .right : .left) else { return [] }
            break
        }
        let all = PlanFrequency.allCases
        f.frequency = all[((all.firstIndex(of: f.frequency) ?? 0) + (action == .choiceNext ? 1 : all.count - 1)) % all.count]
        f.scheduleTop = 0
    case .clearInput: guard f.edit(.control("u")) else { return [] }
    default: return []
    }
    f.confirmDiscard = false
    s.stack[s.stack.count - 1] = .planForm(f)
    return [.saveDraft(f.hasInput ? f.draft : nil)]   // an untouched form is not kept
}

private func planFormInput(_ s: inout AppState, _ key: Key) -> [Effect] {
    guard case .planForm(var f) = s.stack.last else { return [] }
    let before = f
    switch key {
    case .pageDown, .pageUp:
        // The schedule below the terms scrolls: a long plan is read whole at 80×24.
        let room = PlanFormView.scheduleRoom(s.height)
        let count = (try? f.terms(currency: s.money.currency).get()).flatMap { try? Plans.schedule($0, currency: s.money.currency) }?.lines.count ?? 0
        let page = max(1, room - 2)
        f.scheduleTop = min(max(0, f.scheduleTop + (key == .pageDown ? page : -page)), max(0, count - (room - 1)))
        s.stack[s.stack.count - 1] = .planForm(f)
        return []
    case .character(let c) where f.focus == .frequency && !c.isNewline:
        let letter = Character(c.lowercased())
        if let match = PlanFrequency.allCases.first(where: { s.strings.every($0).lowercased().contains(String(letter)) && $0 != f.frequency }) {
            f.frequency = match
        }
    default:
        guard f.edit(key) else { return [] }
    }
    guard f != before else { return [] }
    f.scheduleTop = 0
    f.confirmDiscard = false
    s.stack[s.stack.count - 1] = .planForm(f)
    return [.saveDraft(f.hasInput ? f.draft : nil)]   // an untouched form is not kept
}

private func approvalsAction(_ s: inout AppState, _ action: Action) -> [Effect] {
    guard case .approvals(var a) = s.stack.last else { return [] }
    switch action {
    case .up, .down, .pageUp, .pageDown, .top, .bottom: return approvalsMove(&s, action)
    case .sort: return approvalsToggleOrder(&s)
    case .approve:
        // Never at once: the plan is shown whole (schedule, debtor, payments) and the lead confirms.
        guard let p = a.selected else { return [] }
        s.stack.append(.confirmPlan(approvalsConfirmation(a, p)))
        return [.loadPlanAccount(p.accountID)]
    case .open:
        // The whole account — position, contacts, promises, plans — before deciding.
        guard let p = a.selected else { return [] }
        s.stack.append(.account(AccountState(accountID: p.accountID)))
        return [.openAccount(p.accountID)]
    case .decline:
        guard a.selected != nil else { return [] }
        a.reason = ""
    default: return []
    }
    s.stack[s.stack.count - 1] = .approvals(a)
    return []
}

/// Typing the reason for a decline: Enter declines, Esc gives up.
/// The day typed after `d` on the Reports screen: Enter shows the reports as
/// of it (never after today), Esc closes the prompt.
private func reportsDateInput(_ s: inout AppState, _ r: inout ReportsState, _ key: Key) -> [Effect] {
    var effects: [Effect] = []
    var text = r.dateInput ?? ""
    var input = TextInput(text, limit: 10)
    switch key {
    case _ where input.handle(key, accepts: { ($0.isASCII && $0.isNumber) || $0 == "-" }):
        text = input.text
    case .escape:
        r.dateInput = nil
        s.stack[s.stack.count - 1] = .reports(r)
        return []
    case .enter:
        guard let day = Day(iso: text) else {
            s.status = .init(text: s.strings.format(.asOfBad, text), isError: true)
            break
        }
        guard day <= s.today else {
            s.status = .init(text: s.strings.format(.asOfFuture, day.iso), isError: true)
            break
        }
        r.dateInput = nil
        r.asOf = day == s.today ? nil : day
        r.loaded = false
        r.cursor = 0
        effects.append(.loadReports(r.tab, asOf: r.asOf, scope: r.scope))
        s.stack[s.stack.count - 1] = .reports(r)
        return effects
    default: break
    }
    r.dateInput = text
    s.stack[s.stack.count - 1] = .reports(r)
    return effects
}

private func reasonInput(_ s: inout AppState, _ a: inout ApprovalsState, _ key: Key) -> [Effect] {
    var effects: [Effect] = []
    var input = TextInput(a.reason ?? "", limit: 200)
    switch key {
    case _ where input.handle(key): a.reason = input.text
    case .escape: a.reason = nil
    case .enter:
        let why = (a.reason ?? "").trimmingSpaces
        guard !why.isEmpty, let p = a.selected else {
            s.status = .init(text: s.strings[.approvalsReasonRequired], isError: true)
            break
        }
        effects.append(.decidePlan(p.id, approve: false, note: String(why)))
        a.reason = nil
    default: break
    }
    s.stack[s.stack.count - 1] = .approvals(a)
    return effects
}

private func helpAction(_ s: inout AppState, _ action: Action) {
    guard case .help(var h) = s.stack.last else { return }
    switch action {
    case .up: h.scroll = max(0, h.scroll - 1)
    case .down: h.scroll += 1
    case .pageUp: h.scroll = max(0, h.scroll - s.bodyHeight)
    case .pageDown: h.scroll += s.bodyHeight
    case .top: h.scroll = 0
    // The last page: clamped below to the last line at the bottom of the screen.
    case .bottom: h.scroll = Int.max
    default: break
    }
    h.scroll = min(h.scroll, max(0, HelpView.lines(h.context, state: s).count - HelpView.visibleRows(s.height)))
    s.stack[s.stack.count - 1] = .help(h)
}

extension AppState {
    /// The queues this user may switch between: a collector only their own;
    /// a lead their team, each team member, unassigned accounts and the
    /// whole book; an admin the same over every team.
    public var scopes: [QueueScope] {
        guard me.role != .collector else { return [.collector(me.login)] }
        var out: [QueueScope] = []
        let teams = me.role == .admin ? Array(Set(users.compactMap(\.team))).sorted() : (me.team.map { [$0] } ?? [])
        for t in teams {
            out.append(.team(t))
            for u in users where u.team == t && u.login != me.login && u.role == .collector { out.append(.collector(u.login)) }
        }
        out.append(.collector(me.login))
        out.append(.unassigned)
        out.append(.book)
        return out
    }
}

extension QueueState {
    /// Re-sorts and re-filters, keeping the selected account selected when it is still there.
    mutating func reorder(today: Day, buckets: Buckets, keeping id: Int64?) {
        let order: [Int32]
        if let cached = sorted[sort] {
            order = cached
        } else {
            order = WorkQueue.sortedIndices(keys.keys, today: today, buckets: buckets, sort: sort)
            sorted[sort] = order
        }
        shown = WorkQueue.filter(order, keys: keys.keys, segments: keys.segments, today: today, buckets: buckets, filter: filter)
        if let id, let i = ordered.firstIndex(where: { $0.accountID == id }) { cursor = i } else { cursor = 0; top = 0 }
    }

    /// Puts one account's new key in place, moving it within every sort
    /// order kept (a few milliseconds on a queue of hundreds of thousands).
    /// Returns false when only a reload can say (the account left or joined the queue).
    mutating func update(_ id: Int64, _ key: QueueKey?, today: Day, buckets: Buckets) -> Bool {
        guard let p = keys.keys.firstIndex(where: { $0.accountID == id }) else { return key == nil }
        guard let key else { return false }
        let selected = self.selected?.accountID
        keys.keys[p] = key
        for (order, var positions) in sorted {
            WorkQueue.reposition(Int32(p), in: &positions, keys: keys.keys, sort: order, today: today, buckets: buckets)
            sorted[order] = positions
        }
        rows[id] = nil
        shown = WorkQueue.filter(sorted[sort] ?? [], keys: keys.keys, segments: keys.segments, today: today, buckets: buckets, filter: filter)
        if let selected, let i = ordered.firstIndex(where: { $0.accountID == selected }) { cursor = i }
        return true
    }

    mutating func clampScroll(height: Int) {
        cursor = min(max(0, cursor), max(0, ordered.count - 1))
        top = min(max(0, top), max(0, ordered.count - height))
        if cursor < top { top = cursor }
        if cursor >= top + height { top = cursor - height + 1 }
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return s
    }
}
