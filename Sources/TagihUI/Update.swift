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
    /// A record not found or a text not taken (`RecordProblem`): said in the reader's language.
    case recordRefused(RecordProblem)
    case contactLogged(LoggedContact, accountID: Int64)
    /// A hold placed or released on the account.
    case holdChanged(placed: Bool, HoldKind, accountNo: String, accountID: Int64)
    /// A number marked, on so many accounts.
    case phoneMarked(number: String, PhoneStatus, accounts: Int, accountID: Int64)
    /// A case saved: what the ledger did.
    case caseDone(CaseDone, accountID: Int64)
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
    case pendingCasesLoaded([PendingCaseCredit])
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
    /// Others wrote to the ledger (a payment through `serve`, an import, another terminal).
    case ledgerChanged(LedgerChanges)
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
    /// Place or release a hold as the user (a save; the store asks `Authority` again).
    case placeHold(accountNo: String, kind: HoldKind, reason: String, until: Day?, accountID: Int64)
    case releaseHold(accountNo: String, kind: HoldKind, reason: String, accountID: Int64)
    /// Mark a number's status (a save: the ledger marks it on every account that has it).
    case markPhone(number: String, status: PhoneStatus, accountID: Int64)
    /// Open, note, extend, resolve or decide a case (a save).
    case caseAction(CaseRequest, accountID: Int64)
    /// Pause (or resume) a reminder stage, then show the preview again.
    case pauseStage(String, paused: Bool, scope: QueueScope)
    /// Reconcile a channel's payments with its statement (Reports → Reconciliation).
    case reconcile(ReconcileRequest, scope: QueueScope)
}

extension Effect {
    /// A write to the ledger that may wait for another writer's lock: the
    /// shell runs it off the key loop, one at a time.
    public var isSave: Bool {
        switch self {
        case .logContact, .proposePlan, .decidePlan, .assign, .placeHold, .releaseHold, .markPhone, .caseAction: true
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
        s.modifyTop(.planForm) { f, _ in
            if f.accountID == detail.accountID { f.balance = detail.position.balance }
        }
        s.modifyTop(.caseScreen) { c, s in
            guard c.accountID == detail.accountID, let id = c.focus,
                  let i = accountCases(s).firstIndex(where: { $0.record.id == id }) else { return }
            c.cursor = i
            c.focus = nil
        }
        // What the account shows, its queue line shows too: work done in
        // another terminal (a credit approved, a hold released, a payment)
        // reaches the queue with the account, not at the next reload.
        // (A drill-down's queue of a past day keeps that day's lines.)
        if s.queue.loaded, s.queue.asOf == nil { effects.append(.refreshQueueKey(detail.accountID)) }
    case .searched(let text, let hits, let total):
        s.modifyTop(.search) { st, _ in
            guard st.text == text else { return }
            st.hits = hits
            st.total = total
            st.searched = text
            st.cursor = 0
            st.top = 0
        }
    case .users(let users):
        s.users = users
    case .failed(let message):
        s.status = .init(text: message, isError: true)
    case .recordRefused(let problem):
        s.status = .init(text: s.strings.recordProblem(problem, options: false), isError: true)
        // An account gone since it was listed cannot be shown: back to where it was opened from.
        if case .accountGone(let id) = problem, case .account(let a) = s.stack.last, a.accountID == id { s.stack.removeLast() }
    case .contactLogged(let logged, let accountID):
        if case .contactForm = s.stack.last { s.stack.removeLast() }
        s.status = .init(text: s.strings.format(.formSaved, logged.id), isError: false)
        effects += [.saveDraft(nil), .openAccount(accountID), .refreshQueueKey(accountID)]
    case .holdChanged(let placed, let kind, let accountNo, let accountID):
        if case .holdForm = s.stack.last { s.stack.removeLast() }
        s.status = .init(text: s.strings.format(placed ? .holdPlaced : .holdReleased, kind.rawValue, accountNo), isError: false)
        // The account leaves (or rejoins) the queue's "to work" list.
        effects += [.openAccount(accountID), .refreshQueueKey(accountID)]
    case .phoneMarked(let number, let status, let accounts, let accountID):
        // Back on the account, which reads the phones again.
        if case .phoneList = s.stack.last { s.stack.removeLast() }
        s.status = .init(text: s.strings.format(.phoneMarked, number, s.strings.phoneStatus(status), accounts), isError: false)
        effects += [.openAccount(accountID), .refreshQueueKey(accountID)]
    case .caseDone(let done, let accountID):
        s.modifyTop(.caseScreen) { c, _ in c.form = nil }
        s.status = .init(text: caseDoneText(done, s.strings), isError: false)
        // The account (and its cases) read again; a dispute's hold moves it out of the queue's to-work list.
        effects += [.openAccount(accountID), .refreshQueueKey(accountID)]
    case .planProposed(let p, let accountID):
        if case .planForm = s.stack.last { s.stack.removeLast() }
        s.status = .init(text: s.strings.format(p.status == .active ? .planSaved : .planPendingSaved, p.id), isError: false)
        effects += [.saveDraft(nil), .openAccount(accountID), .refreshQueueKey(accountID)]
    case .pendingPlansLoaded(let plans):
        effects += approvalsPlansLoaded(&s, plans)
    case .pendingCasesLoaded(let cases):
        effects += approvalsCasesLoaded(&s, cases)
    case .notice(let text):
        s.status = .init(text: text, isError: false)
    case .reportsLoaded(let loaded):
        s.modifyTop(.reports) { r, s in
            guard r.tab == loaded.tab, r.asOf == loaded.asOf, r.scope == loaded.scope else { return }
            r.aging = loaded.aging
            r.activity = loaded.activity
            r.runs = loaded.runs
            r.roll = loaded.roll
            r.kpi = loaded.kpi
            r.caseMonths = loaded.caseMonths
            r.reminders = loaded.reminders
            r.period = loaded.period
            if loaded.tab == .reconcile { r.reconcile.take(loaded.reconcile, today: s.today) }
            r.loaded = true
            r.cursor = min(r.cursor, max(0, r.rowCount - 1))
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
        s.modifyTop(.confirmPlan) { c, _ in
            if c.plan.accountID == detail.accountID { c.detail = detail }
        }
    case .queueKeyUpdated(let id, let key):
        if !s.queue.update(id, key, today: s.queueDay, buckets: s.buckets) { effects.append(.loadQueue(s.queue.scope)) }
    case .contactRefused(let refusal):
        let message = s.strings.contactRefusal(refusal, options: false)
        s.status = .init(text: message, isError: true)
        s.modifyTop(.contactForm) { f, s in
            f.refusal = message   // read whole in the form, wrapped: the status line only says it was not saved
            s.status = .init(text: s.strings[.formNotSaved], isError: true)
            guard refusal.overridable, s.me.role != .collector else { return }
            f.offerOverride = true
            f.focus = .override
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
    case .ledgerChanged(let changes):
        effects += followLedger(&s, changes)
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
        case .rowsLoaded, .failed, .recordRefused: true
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
    if case .approvals(let a) = s.stack.last, a.reason != nil {
        return s.modifyTop(.approvals) { a, s in reasonInput(&s, &a, key) } ?? []
    }
    if case .caseScreen(let c) = s.stack.last, c.form != nil {
        return s.modifyTop(.caseScreen) { c, s in caseFormKey(&s, &c, key) } ?? []
    }
    if case .reports(let r) = s.stack.last, r.reconcile.pathInput != nil {
        return s.modifyTop(.reports) { r, s in reconcilePathInput(&s, &r, key) } ?? []
    }
    if case .reports(let r) = s.stack.last, r.dateInput != nil {
        return s.modifyTop(.reports) { r, s in reportsDateInput(&s, &r, key) } ?? []
    }
    // On a queue a report drilled down to, a key that means back (and nothing
    // on the queue: Esc, not q, which quits) goes back to the report.
    if context == .queue, s.drilledFrom != nil, s.keymap.action(for: key, in: .queue) == nil,
       s.keymap.action(for: key, in: .reports) == .back {
        return back(&s)
    }
    guard let action = s.keymap.action(for: key, in: context) else {
        return s.modifyTop(.search) { st, s in searchInput(&s, &st, key) }
            ?? s.modifyTop(.planForm) { f, s in planFormInput(&s, &f, key) }
            ?? s.modifyTop(.contactForm) { f, s in formInput(&s, &f, key) }
            ?? s.modifyTop(.holdForm) { f, s in holdFormInput(&s, &f, key) }
            ?? s.modifyTop(.phoneList) { p, s in phoneListInput(&s, &p, key) }
            ?? s.modifyTop(.caseScreen) { c, s in caseScreenInput(&s, &c, key) }
            ?? []
    }
    // Help opens over any screen; Esc leaves one (the contact form first asks
    // before it drops typed input, so it handles its own).
    if action == .help {
        s.stack.append(.help(HelpState(context: context)))
        return []
    }
    if let effects = s.modifyTop(.contactForm, { f, s in formAction(&s, &f, action, key: key) }) { return effects }
    if action == .back, let effects = s.modifyTop(.planForm, { f, s in leaveForm(&s, &f) }) { return effects }
    if action == .back, let effects = s.modifyTop(.holdForm, { f, s in leaveHoldForm(&s, &f) }) { return effects }
    if action == .back { return back(&s) }
    switch context {
    case .form: return s.modifyTop(.planForm) { f, s in planFormAction(&s, &f, action) }
        ?? s.modifyTop(.holdForm) { f, s in holdFormAction(&s, &f, action) } ?? []
    case .approvals: return s.modifyTop(.approvals) { a, s in approvalsAction(&s, &a, action) } ?? []
    case .reports: return s.modifyTop(.reports) { r, s in reportsAction(&s, &r, action) } ?? []
    case .confirm: return s.modifyTop(.confirmPlan) { c, s in confirmAction(&s, &c, action) } ?? []
    case .assign: return s.modifyTop(.assignPicker) { p, s in assignAction(&s, &p, action) } ?? []
    case .notes: s.modifyTop(.contactNotes) { n, s in notesAction(&s, &n, action) }; return []
    case .phones: return s.modifyTop(.phoneList) { p, s in phoneListAction(&s, &p, action) } ?? []
    case .cases: return s.modifyTop(.caseScreen) { c, s in caseScreenAction(&s, &c, action) } ?? []
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
    case .account: return s.modifyTop(.account) { a, s in accountAction(&s, &a, action) } ?? []
    case .form, .approvals, .reports, .confirm, .assign, .notes, .phones, .cases: return []
    case .search: return s.modifyTop(.search) { st, s in searchAction(&s, &st, action) } ?? []
    case .help: s.modifyTop(.help) { h, s in helpAction(&s, &h, action) }; return []
    }
}

/// Esc on a form: with input typed it asks once (a slip of the finger loses
/// nothing); then the form closes and its draft goes with it.
func leaveForm<F: FormFields>(_ s: inout AppState, _ f: inout F) -> [Effect] {
    if f.hasInput && !f.confirmDiscard {
        f.confirmDiscard = true
        s.status = .init(text: s.strings[.formEscAgain], isError: false)
        return []
    }
    s.stack.removeLast()
    return [.saveDraft(nil)]
}

func back(_ s: inout AppState) -> [Effect] {
    guard let top = s.stack.popLast() else {
        // The queue a report drilled down to: back to the report and the queue as they were.
        guard let from = s.drilledFrom else { return [] }
        s.drilledFrom = nil
        s.queue = from.queue
        s.stack.append(.reports(from.reports))
        return []
    }
    var effects: [Effect] = []
    if case .account(let a) = top, a.heldBy == nil { effects.append(.releaseLease(a.accountID)) }
    // Back on Approvals (from a plan's account or a case decided on its
    // screen): the list is read again, as decisions take rows off it.
    if case .approvals = s.stack.last { effects.append(.loadPendingPlans) }
    return effects
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
