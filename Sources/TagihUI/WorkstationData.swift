import TagihCore

/// What the workstation asks of the ledger. The store answers it in SQL
/// (`TagihStore.WorkstationStore`); tests answer it from memory. The UI
/// never sees SQL.
public protocol WorkstationData {
    func queueKeys(_ scope: QueueScope, today: Day, now: Int64) throws -> QueueKeys
    /// One account's queue key now (none when it needs no work), with the segment name it indexes.
    func queueKey(account: Int64, today: Day, now: Int64) throws -> QueueKeys
    func queueRows(_ ids: [Int64], me: String, now: Int64) throws -> [Int64: QueueRow]
    func search(_ text: String, limit: Int) throws -> [SearchHit]
    /// How many accounts the text finds in all, up to `upTo` (asked only
    /// when the search filled its limit); nil when the ledger cannot say.
    func searchCount(_ text: String, upTo: Int) throws -> Int?
    func account(id: Int64, asOf day: Day, now: Int64) throws -> AccountDetail
    func users() throws -> [User]
    /// Takes or renews the lease for `login`; returns the other holder when someone else has it.
    func takeLease(account: Int64, login: String, now: Int64) throws -> LeaseHolder?
    func releaseLease(account: Int64, login: String) throws
    /// Logs a contact as the workstation's user (policy, audit, one transaction).
    func logContact(_ request: ContactRequest) throws -> LoggedContact
    /// Proposes a plan on the account's balance today, as the user (active or pending).
    func proposePlan(accountNo: String, terms: PlanTerms, note: String?) throws -> Proposal
    /// Plans waiting for a lead.
    func pendingPlans() throws -> [PlanRecord]
    /// The case credits awaiting this lead's (or admin's) approval (R22).
    func pendingCaseCredits() throws -> [PendingCaseCredit]
    /// A lead's decision; returns the plan's new status.
    func decidePlan(_ id: Int64, approve: Bool, note: String?) throws -> String
    /// Assigns the accounts to `login` (nil: unassigns them) as the user,
    /// all or none, the store asking `Authority`; returns how many changed.
    func assign(_ accountNos: [String], to login: String?) throws -> Int
    /// Places a hold from today as the user (the store asks `Authority`, audits).
    func placeHold(accountNo: String, kind: HoldKind, reason: String, until: Day?) throws -> Hold
    /// Releases the account's holds of `kind` in force today, as the user.
    func releaseHold(accountNo: String, kind: HoldKind, reason: String) throws -> [Hold]
    /// Marks a number's status from today on every account that has it; returns those accounts' numbers.
    func markPhone(number: String, status: PhoneStatus) throws -> [String]
    /// Opens, notes, extends, resolves or decides a case as the user (the store asks `Authority`).
    func caseAction(_ request: CaseRequest) throws -> CaseDone
    /// `report cases` for a period, of the collectors' accounts (nil: the book).
    func caseReport(from: Day, to: Day, collectors: Set<String>?) throws -> [CaseReportRow]
    /// Aging as of a day, grouped; with `collectors`, of their accounts only.
    func aging(asOf day: Day, by grouping: AgingGrouping, collectors: Set<String>?) throws -> AgingReport
    /// Collector activity for a period.
    func activity(from: Day, to: Day) throws -> [ActivityLine]
    /// Roll rates between two days, and the collection KPIs of a period, for
    /// the book or (with `collectors`) their accounts. Both replay the book,
    /// so the workstation calls them off its key loop.
    func rollRate(from: Day, to: Day, collectors: Set<String>?) throws -> RollRate
    func kpi(from: Day, to: Day, collectors: Set<String>?) throws -> CollectionKPI
    /// The last nightly runs, newest first.
    func nightlyRuns(limit: Int) throws -> [NightlyRunLine]
    /// Tomorrow's reminder run, counted per stage as `tagih remind --dry-run` would (nothing recorded).
    func reminderPreview(day: Day, collectors: Set<String>?) throws -> [ReminderStagePreview]
    /// Pauses or resumes a reminder stage from today as the user (Authority decides); false when unchanged.
    func setStagePaused(_ stage: String, paused: Bool) throws -> Bool
    /// Writes a CSV export beside the ledger; returns where.
    func export(name: String, csv: String) throws -> String
    /// Writes a plan's agreement letter for printing; returns where.
    func writePlanLetter(_ id: Int64) throws -> String
    /// The unsaved contact form of the user, kept across a dropped session.
    func loadDraft() -> String?
    /// Keeps (or, with nil, forgets) the unsaved contact form.
    func saveDraft(_ text: String?)
    /// The ledger's rules when they changed since the workstation last
    /// asked (an admin loaded new ones), after the store has taken them;
    /// nil when unchanged. Asked periodically and before each save.
    func changedRules() throws -> Rules?
    /// What other writers (`tagih serve`, imports, other terminals) added
    /// since `mark`: nil when nothing; given nil, the ledger's mark now with
    /// no accounts (where the workstation starts watching). Polled when idle.
    func ledgerChanges(since mark: ChangeMark?) throws -> LedgerChanges?
    /// The channels of the payments in the ledger (Reports → Reconciliation).
    func paymentChannels() throws -> [String]
    /// `tagih reconcile` as the user (leads and admins; the store asks `Authority`).
    func reconcile(_ request: ReconcileRequest) throws -> ReconcileOutcome
}

extension WorkstationData {
    /// A ledger whose rules never change (tests).
    public func changedRules() throws -> Rules? { nil }
    /// A ledger that cannot count beyond what it found.
    public func searchCount(_ text: String, upTo: Int) throws -> Int? { nil }
    /// A ledger no one else writes to.
    public func ledgerChanges(since mark: ChangeMark?) throws -> LedgerChanges? { nil }
}
