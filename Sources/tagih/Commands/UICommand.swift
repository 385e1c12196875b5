import ArgumentParser
import Foundation
import TagihConfig
import TagihCore
import TagihPostgres
import TagihStore
import TagihTerminal
import TagihUI

struct UICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the terminal workstation (the default command).",
        discussion: "Keys: ? help, / search, Enter open, Esc back, q quit. Rebind them in config/keys.toml.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try CommandContext(global)
        // Opening for work may wait for another writer (a nightly import): say so rather than seem to hang.
        if !ctx.location.isPostgres, AppDatabase.writerIsBusy(path: ctx.dbPath) { warn("tagih: \(ctx.strings.waitingForLedger)") }
        let (db, session) = try ctx.session(cacheMebibytes: WorkstationLauncher.cacheMebibytes, pool: true)
        throw ExitCode(try WorkstationLauncher.run(ctx, database: db, session: session))
    }
}

/// The store answering the workstation's questions, as the session's user.
final class StoreWorkstationData: WorkstationData {
    let store: WorkstationStore
    let contacts: ContactLog
    let session: Session
    /// The workstation's clock: unix seconds, running on from the context's moment.
    let clock: () -> Int64
    /// Drafts live in the person's own state folder, by ledger and login
    /// (`PersonalFiles.draftPath`), so every collector's drafts are kept and
    /// none is readable by anyone else.
    let draftPath: String?

    init(database: AppDatabase, session: Session, context: CommandContext) {
        self.context = context
        // The session took the newest rules (the context may predate them: a demo just built).
        rulesID = context.rulesID ?? (try? LedgerRules(database).newestID()) ?? nil
        let dbPath = context.dbPath
        store = WorkstationStore(database)
        keyLoop = database
        // On a server ledger, saves and reports (their own threads) get a
        // connection of their own: one connection serves one transaction at
        // a time, and the keys must not wait behind a report or a save.
        contacts = ContactLog(Self.secondConnection(database, context) ?? database)
        self.session = session
        clock = WorkstationLauncher.clock(context)
        draftPath = PersonalFiles.draftPath(ledger: dbPath, login: session.user.login, environment: context.environment)
    }

    /// The ledger the key loop reads (the queue, an account, search, leases).
    let keyLoop: AppDatabase

    /// nil on a file, or when the second connection cannot be made: then
    /// saves share the key loop's connection (slower keys behind a save, the
    /// same rows); a server out of reach is said by the first save anyway.
    static func secondConnection(_ database: AppDatabase, _ context: CommandContext) -> AppDatabase? {
        guard database.remote != nil, case .postgres(let uri) = context.location,
              let pg = try? CommandContext.connect(uri, passfile: database.settings.personal.databasePassfile,
                                                   environment: context.environment, strings: context.strings)
        else { return nil }
        return AppDatabase(remote: PostgresLedger(pg), settings: database.settings)
    }

    func queueKeys(_ scope: QueueScope, today: Day, now: Int64) throws -> QueueKeys { try said { try store.queueKeys(scope, today: today, now: now) } }
    func queueKey(account: Int64, today: Day, now: Int64) throws -> QueueKeys { try said { try store.queueKey(account: account, today: today, now: now) } }
    func queueRows(_ ids: [Int64], me: String, now: Int64) throws -> [Int64: QueueRow] { try said { try store.queueRows(ids, me: me, now: now) } }
    func search(_ text: String, limit: Int) throws -> [SearchHit] { try said { try store.search(text, limit: limit, today: session.today) } }
    func searchCount(_ text: String, upTo: Int) throws -> Int? { try said { try store.searchCount(text, upTo: upTo) } }
    func account(id: Int64, asOf day: Day, now: Int64) throws -> AccountDetail { try said { try store.account(id: id, asOf: day, now: now) } }
    func users() throws -> [User] { try said { try store.users() } }
    func paymentChannels() throws -> [String] { try said { try Reconciler(contacts.database).channels() } }
    /// `tagih reconcile` as the user (Authority decides in the store); the
    /// statement read with the rules' profile for the channel when it has exactly one.
    func reconcile(_ r: ReconcileRequest) throws -> ReconcileOutcome {
        let profiles = context.settings.rules.profiles.filter { $0.channel == r.channel }
        let profile = profiles.count == 1 ? profiles[0] : nil
        let report = try said {
            // `~/…` as a shell would read it: people type paths as they do at the prompt.
            let path = (r.statement as NSString).expandingTildeInPath
            return try Reconciler(contacts.database).run(channel: r.channel, statement: path, from: r.from, to: r.to, profile: profile, session: stamped())
        }
        return ReconcileOutcome(result: report.result, profile: profile?.name)
    }
    func ledgerChanges(since mark: ChangeMark?) throws -> LedgerChanges? {
        try said { try mark.map { try store.changes(since: $0) } ?? LedgerChanges(mark: try store.changeMark()) }
    }
    func takeLease(account: Int64, login: String, now: Int64) throws -> LeaseHolder? { try store.takeLease(account: account, login: login, now: now) }
    func releaseLease(account: Int64, login: String) throws { try store.releaseLease(account: account, login: login) }

    /// The session as of this moment of the workstation's clock (which
    /// TAGIH_NOW may fix): the windows of backdate_hours and the promise
    /// horizon are measured from it; the record keeps the real clock's time.
    private func stamped() -> Session {
        var s = session
        let now = clock()
        s.now = Date(timeIntervalSince1970: TimeInterval(now))
        if let dayOf = context.dayOfMoment { s.today = dayOf(now) }
        s.recordedAt = Date()
        return s
    }

    func logContact(_ request: ContactRequest) throws -> LoggedContact {
        try inLanguage { try contacts.log(request, session: stamped()) }
    }

    func proposePlan(accountNo: String, terms: PlanTerms, note: String?) throws -> Proposal {
        let s = stamped()
        return try inLanguage { try PlanBook(contacts.database).propose(accountNo: accountNo, instalments: terms.instalments, discountBasisPoints: terms.discountBasisPoints,
                                                       downPayment: terms.downPayment, frequency: terms.frequency, first: terms.first, note: note, session: s) }
    }

    func pendingPlans() throws -> [PlanRecord] { try said { try PlanBook(contacts.database).pending(asOf: session.today, for: session.user) } }

    func pendingCaseCredits() throws -> [PendingCaseCredit] {
        try said { try CaseBook(contacts.database).pendingCredits(asOf: session.today, for: session.user).map { PendingCaseCredit(record: $0.record, state: $0.state) } }
    }

    func decidePlan(_ id: Int64, approve: Bool, note: String?) throws -> String {
        let s = stamped()
        return try inLanguage { try PlanBook(contacts.database).decide(approve ? .approve : .decline, plan: id, note: note, session: s).rawValue }
    }

    func assign(_ accountNos: [String], to login: String?) throws -> Int {
        let s = stamped()
        return try inLanguage { try Assignments(contacts.database).assign(accountNos, to: login, session: s) }
    }

    func placeHold(accountNo: String, kind: HoldKind, reason: String, until: Day?) throws -> Hold {
        let s = stamped()
        return try inLanguage { try HoldBook(contacts.database).place(accountNo: accountNo, kind: kind, reason: reason, until: until, session: s) }
    }

    func releaseHold(accountNo: String, kind: HoldKind, reason: String) throws -> [Hold] {
        let s = stamped()
        return try inLanguage { try HoldBook(contacts.database).release(accountNo: accountNo, kind: kind, reason: reason, session: s) }
    }

    func markPhone(number: String, status: PhoneStatus) throws -> [String] {
        let s = stamped()
        return try inLanguage { try PhoneBook(contacts.database).mark(number: number, status: status, session: s).accounts }
    }

    func caseReport(from: Day, to: Day, collectors: Set<String>?) throws -> [CaseReportRow] {
        try said { try CaseBook(contacts.database).report(from: from, to: to, collectors: collectors) }
    }

    func caseAction(_ request: CaseRequest) throws -> CaseDone {
        let s = stamped()
        let book = CaseBook(contacts.database)
        return try inLanguage {
            switch request {
            case .open(let no, let type, let summary, let charges, let amount, let via):
                let o = try book.open(accountNo: no, type: type, summary: summary, charges: charges, amount: amount, via: via, session: s)
                return .opened(o.id, due: o.due, hold: o.hold != nil)
            case .note(let id, let text):
                try book.note(id, text: text, session: s)
                return .noted(id)
            case .extend(let id, let reason):
                return .extended(id, due: try book.extend(id, reason: reason, session: s))
            case .resolve(let id, let outcome, let note, let credit):
                return .resolved(id, try book.resolve(id, outcome: outcome, note: note, credit: credit, session: s).status)
            case .decide(let id, let approve, let note):
                _ = try book.decide(id, approve: approve, note: note, session: s)
                return .decided(id, approved: approve)
            }
        }
    }

    /// A save: SQLite's quick check first (R20: before the first save, then
    /// hourly), and what goes wrong said in the user's language.
    private func inLanguage<T>(_ body: () throws -> T) throws -> T {
        try said {
            try contacts.database.requireIntact()
            return try body()
        }
    }

    /// A refusal of `Authority` from the store, or a failure of the ledger
    /// file (busy past the timeout, read-only, full, damaged), said in the
    /// user's language, never SQLite's text (the workstation shows an
    /// error's description as it is). Saves run on the save worker's
    /// thread: the sentence's language is read once.
    private func said<T>(_ body: () throws -> T) throws -> T {
        let strings = context.strings
        do {
            return try body()
        } catch let e as StoreError where e.failure.map(Self.serverGone) ?? false {
            // The server stopped or out of reach: the status line says so (the form is kept) until it is back.
            throw LedgerUnreachable(strings[.serverUnreachable])
        } catch let e as StoreError where e.failure.map(Self.notYet) ?? false {
            // A part still reading the file directly (the Reminders tab's preview): one line, the rest works.
            throw StoreError(strings[.notOnThisLedgerYet])
        } catch let e as StoreError where e.contact != nil && e.refusal == nil {
            // Typed: the workstation says it and decides on an override from the case.
            throw e.contact!
        } catch let e as StoreError where e.record != nil && e.refusal == nil {
            // Typed likewise: said in the reader's language, naming the form's field.
            throw e.record!
        } catch let e as StoreError where e.refusal != nil || e.failure != nil || e.contact != nil || e.plan != nil {
            throw StoreError(e.text(strings, options: false), exitCode: e.exitCode)
        } catch {
            guard let e = StoreError.ledger(error, path: context.dbPath) else { throw error }
            throw StoreError(e.text(strings), exitCode: e.exitCode)
        }
    }

    static func notYet(_ f: LedgerFailure) -> Bool {
        if case .notOnServerYet = f { return true }
        return false
    }

    /// A ledger server that cannot be reached now (stopped, restarting, the network gone).
    static func serverGone(_ f: LedgerFailure) -> Bool {
        guard case .server(_, let problem) = f else { return false }
        switch problem {
        case .lost, .unreachable: return true
        default: return false
        }
    }

    func aging(asOf day: Day, by grouping: AgingGrouping, collectors: Set<String>?) throws -> AgingReport {
        try said { try LedgerReports(contacts.database).aging(asOf: day, by: grouping, collectors: collectors) }
    }
    /// A database failure reaches the Activity tab as one sentence, never SQLite's raw text.
    func activity(from: Day, to: Day) throws -> [ActivityLine] {
        try said { try ContactReports(contacts.database).activity(from: from, to: to) }
    }
    /// Tomorrow's run as `remind --dry-run --today DAY` counts it, a day on from the workstation's moment.
    func reminderPreview(day: Day, collectors: Set<String>?) throws -> [ReminderStagePreview] {
        var s = stamped()
        s.now = s.now.addingTimeInterval(TimeInterval(86_400 * Day.days(from: s.today, to: day)))
        s.today = day
        let (report, paused) = try said { try ReminderRun(contacts.database).preview(session: s, collectors: collectors) }
        return report.stages.map {
            ReminderStagePreview(stage: $0.stage, channel: $0.channel, chosen: $0.chosen, toSend: $0.sent, blocked: $0.blocked,
                                 pausedCount: $0.paused, alreadySent: $0.skipped, isPaused: paused.contains($0.stage),
                                 inLetter: $0.inLetter)
        }
    }
    func setStagePaused(_ stage: String, paused: Bool) throws -> Bool {
        let s = stamped()
        return try inLanguage { try StagePauses(contacts.database).set(stage, paused: paused, session: s) }
    }
    func nightlyRuns(limit: Int) throws -> [NightlyRunLine] { try said { try ContactReports(contacts.database).nightlyRuns(limit: limit) } }
    func rollRate(from: Day, to: Day, collectors: Set<String>?) throws -> RollRate {
        try said { try LedgerReports(contacts.database).rollRate(from: from, to: to, collectors: collectors) }
    }
    func kpi(from: Day, to: Day, collectors: Set<String>?) throws -> CollectionKPI {
        try said { try LedgerReports(contacts.database).kpi(from: from, to: to, collectors: collectors) }
    }

    /// In the person's own folder: `~/tagih/exports/aging-collector-2026-11-23.csv`, mode 0600.
    func export(name: String, csv: String) throws -> String {
        try writeOwn("exports", name: "\(name).csv", text: csv)
    }

    /// The settings, language and ledger path the workstation was opened
    /// with (its rules replaced when an admin loads new ones).
    private(set) var context: CommandContext
    /// The id of the ledger's rules in force here.
    private var rulesID: Int64?

    /// The ledger's rules when an admin has loaded new ones since the last
    /// look: the store (every save, every figure) takes them at once.
    func changedRules() throws -> Rules? {
        let rules = LedgerRules(contacts.database)
        guard let id = try rules.newestID(), id != rulesID, let stored = try rules.newest() else { return nil }
        // Looked at once: rules that cannot be read leave the old ones in
        // force and say so, rather than failing every few seconds.
        rulesID = stored.id
        let parsed: Rules
        do { parsed = try CommandContext.ledgerRules(stored, dbPath: context.dbPath) } catch {
            throw StoreError(context.strings.format(.rulesUnreadable, String(stored.id), context.dbPath, error.description))
        }
        context = context.adopting(parsed)
        contacts.database.adopt(context.settings)
        if keyLoop !== contacts.database { keyLoop.adopt(context.settings) }
        return parsed
    }

    func writePlanLetter(_ id: Int64) throws -> String {
        // A plan gone or refused is said in the reader's language, as every other answer.
        let letter = try said { try PlanLetter.make(String(id), database: contacts.database, ctx: context, session: session) }
        return try writeOwn("letters", name: "PLAN-\(id).txt", text: letter.text())
    }

    /// A file in the person's own folder, for them to open: `~/tagih/letters/PLAN-7.txt`.
    /// Never beside the ledger: the ledger's folder is not the person's (a protected install).
    private func writeOwn(_ folder: String, name: String, text: String) throws -> String {
        guard let dir = PersonalFiles.folder(folder, environment: context.environment) else {
            throw StoreError(context.strings.format(.noHomeFolder, name))
        }
        do {
            try PrivateFile.privateFolder(dir)
            let path = "\(dir)/\(name)"
            try PrivateFile.write(text, to: path)
            return path
        } catch {
            throw StoreError(context.strings.fileProblem(error.path, error.problem))
        }
    }

    func loadDraft() -> String? {
        guard let draftPath else { return nil }
        // Read only a plain file of our own: never follow a link planted in its place.
        let fd = open(draftPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        return (try? handle.readToEnd()).flatMap { $0.flatMap { String(data: $0, encoding: .utf8) } }
    }

    func saveDraft(_ text: String?) {
        guard let draftPath else { return }
        guard let text else {
            var st = stat()
            if lstat(draftPath, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { unlink(draftPath) }
            return
        }
        // Private and atomic: a SIGHUP mid-write leaves the previous draft, never half of one.
        do {
            try PrivateFile.privateFolder((draftPath as NSString).deletingLastPathComponent)
            try PrivateFile.write(text, to: draftPath)
        } catch {
            // A draft is a convenience: failing to keep one must not stop the work.
        }
    }
}

/// Opens the workstation for a session: keymap, state, terminal, loop.
enum WorkstationLauncher {
    /// The workstation reads a screenful at a time and stays open all day:
    /// a small page cache keeps it well under 100 MB on a million accounts.
    static let cacheMebibytes = 8

    static func keymap(_ ctx: CommandContext) throws -> Keymap {
        let path = KeysLoader.path(forConfig: ctx.global.config)
        do {
            return try Keymap.standard.overriding(try KeysLoader.load(path: path))
        } catch let e as ConfigError {
            throw CommandError.usage(e.description)
        } catch let e as Keymap.Invalid {
            throw CommandError.usage("\(path): \(e.description)")
        }
    }

    static func state(_ ctx: CommandContext, database: AppDatabase, session: Session, keymap: Keymap) -> AppState {
        var s = AppState(me: session.user, today: ctx.today, database: headerName(ctx),
                         language: ctx.language, currency: ctx.settings.currency, buckets: ctx.settings.buckets, keymap: keymap)
        s.adopt(ctx.settings.rules)
        s.operatorClock = ctx.operatorClock
        return s
    }

    /// The ledger named in the header: a file's name, a server ledger's database.
    static func headerName(_ ctx: CommandContext) -> String {
        if case .postgres(let uri) = ctx.location { return uri.database }
        return (ctx.dbPath as NSString).lastPathComponent
    }

    /// Unix seconds now, running on from `ctx.now` (which TAGIH_NOW may fix).
    static func clock(_ ctx: CommandContext) -> () -> Int64 {
        let start = Date()
        let base = ctx.now.timeIntervalSince1970
        return { Int64(base + Date().timeIntervalSince(start)) }
    }

    static func data(_ ctx: CommandContext, database: AppDatabase, session: Session) -> StoreWorkstationData {
        StoreWorkstationData(database: database, session: session, context: ctx)
    }

    /// Runs until the user quits; returns the exit code (0, or 128 + signal).
    static func run(_ ctx: CommandContext, database: AppDatabase, session: Session) throws -> Int32 {
        let keymap = try keymap(ctx)
        let terminal = Terminal()
        do {
            try terminal.open(environment: ctx.environment)
        } catch {
            throw CommandError.usage(error.description)
        }
        let workstation = Workstation(state: state(ctx, database: database, session: session, keymap: keymap),
                                      data: data(ctx, database: database, session: session), clock: clock(ctx))
        workstation.damage = { StoreError.damage($0, path: ctx.dbPath, strings: ctx.strings) }
        workstation.dayOf = ctx.dayOfMoment
        let code = workstation.run(terminal: terminal)
        // The terminal is given back by now: the reason goes where the shell shows it.
        if let why = workstation.stopped { FileHandle.standardError.write(Data("tagih: \(why)\n".utf8)) }
        return code
    }
}
