import Foundation
import TagihCore
import TagihUI

/// A small ledger in memory that answers the workstation's questions the
/// way the store does, so screens can be tested without SQLite.
final class FakeLedger: WorkstationData {
    struct Account {
        var id: Int64
        var no: String
        var name: String
        var phone: String?
        var zone = "Asia/Jakarta"
        var segment: String?
        var collector: String?
        var charges: [Charge] = []
        var credits: [Credit] = []
        var contacts: [ContactRecord] = []
    }

    var accounts: [Account] = []
    var people: [User] = []
    var leases: [Int64: String] = [:]
    /// Payments, reversals and adjustments shown newest first, before those the credits give.
    var moreActivity: [Int64: [LedgerActivity]] = [:]
    var searches: [String] = []
    /// Logged contact requests, and a refusal to give the next one (as the store's policy would).
    var logged: [ContactRequest] = []
    var refuseNext: (any Error)?
    /// When set, a contact save waits for it: another process holding the ledger's write lock.
    var saveGate: DispatchSemaphore?
    var draft: String?
    /// What the store would derive from contacts, per account id.
    var marks: [Int64: (flag: QueueFlag, opensAt: Int64, next: Day?)] = [:]
    /// Plans shown on an account (newest first), by account id.
    var plans: [Int64: [PlanRecord]] = [:]
    /// Holds and cases by account id (issue 17); the holds placed and released through the workstation.
    var holds: [Int64: [Hold]] = [:]
    var cases: [Int64: [(record: CaseRecord, state: CaseState)]] = [:]
    var holdSaves: [String] = []
    /// Phones beyond the imported debtor's, by account id; the marks made through the workstation.
    var parties: [Int64: [Phone]] = [:]
    var phoneMarks: [String] = []
    /// Accounts touched by other writers, oldest first (`pay`): the change log `ledgerChanges` answers from.
    var touched: [Int64] = []
    /// The reconciliations asked for (Reports → Reconciliation).
    var reconciled: [ReconcileRequest] = []
    let today: Day

    init(today: Day) { self.today = today }

    static func day(_ s: String) -> Day { Day(iso: s)! }

    /// Ten accounts over two collectors and every bucket, a lead and a collector.
    static func standard() -> FakeLedger {
        let f = FakeLedger(today: day("2026-11-23"))
        f.people = [
            User(login: "lead01", name: "Hendra Gunawan", role: .lead, team: "TIM-BARAT"),
            User(login: "kol01", name: "Rudi Hartono", role: .collector, team: "TIM-BARAT"),
            User(login: "kol02", name: "Sri Wahyuni", role: .collector, team: "TIM-BARAT"),
        ]
        let rows: [(String, String, String?, String?, String, Int64, String)] = [
            ("ACC0000001", "Siti Rahayu", "0812-3456-7890", "kol01", "RETAIL", 1_250_000_00, "2026-11-10"),
            ("ACC0000002", "Bayu Effendi", "+62 813 1111 2222", "kol01", "RETAIL", 980_000_50, "2026-09-01"),
            ("ACC0000003", "PT Bumi Indah", "6285383666169", "kol02", "KORPORAT", 734_024_000_00, "2025-11-23"),
            ("ACC0000004", "CV Tirta Cemerlang", nil, "kol02", "UMKM", 16_107_530_00, "2026-07-01"),
            ("ACC0000005", "Ni Made Suartini", "081299990000", "kol01", "RETAIL", 450_000_00, "2026-10-20"),
            ("ACC0000006", "Andi Syamsuddin", "0811 222 333", "kol01", "UMKM", 2_500_000_00, "2026-08-15"),
            ("ACC0000007", "Dewi Lestari", "0857 1234 5678", "kol02", "RETAIL", 300_000_00, "2026-12-10"),
            ("ACC0000008", "Agus Setiawan", "0821 0000 1111", "kol01", "RETAIL", 5_000_000_00, "2026-10-01"),
            ("ACC0000009", "Yohanes Rumbiak", "0812 7777 8888", nil, "UMKM", 7_750_000_00, "2026-06-30"),
            ("ACC0000010", "Rina Marlina Siregar", "0813 5555 6666", "kol01", "RETAIL", 1_000_000_00, "2026-11-22"),
        ]
        for (i, r) in rows.enumerated() {
            let id = Int64(i + 1)
            let due = day(r.6)
            var a = Account(id: id, no: r.0, name: r.1, phone: r.2, segment: r.4, collector: r.3)
            a.zone = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"][i % 3]
            a.charges = [Charge(id: id * 10, ref: "INV-\(r.0.suffix(4))-1", issueDate: due.adding(days: -14), dueDate: due, amount: Money(minor: r.5))]
            if i % 2 == 1 {
                a.charges.append(Charge(id: id * 10 + 1, ref: "INV-\(r.0.suffix(4))-2", issueDate: due.adding(days: 16), dueDate: due.adding(days: 30),
                                        amount: Money(minor: r.5 / 2)))
                a.credits = [Credit(id: id * 10, date: due.adding(days: 5), amount: Money(minor: r.5 / 4))]
            }
            f.accounts.append(a)
        }
        return f
    }

    func position(_ a: Account, _ day: Day) -> Position { try! Ledger.position(charges: a.charges, credits: a.credits, asOf: day) }

    func queueKeys(_ scope: QueueScope, today: Day, now: Int64) throws -> QueueKeys {
        var segments: [String] = []
        var keys: [QueueKey] = []
        for a in accounts {
            switch scope {
            case .collector(let l): guard a.collector == l else { continue }
            case .team(let t): guard let c = a.collector, people.contains(where: { $0.login == c && $0.team == t }) else { continue }
            case .unassigned: guard a.collector == nil else { continue }
            case .book: break
            }
            let p = position(a, today)
            guard let oldest = p.openCharges.first, oldest.charge.dueDate < today, p.balance.isPositive else { continue }
            var seg: Int32 = -1
            if let s = a.segment {
                if let i = segments.firstIndex(of: s) { seg = Int32(i) } else { seg = Int32(segments.count); segments.append(s) }
            }
            let m = marks[a.id]
            let inForce = Holds.inForce(holds[a.id] ?? [], on: today)
            let hold: QueueHold = inForce.contains { $0.kind.blocksCollection } ? .held : inForce.isEmpty ? .none : .hardship
            // A case due within two working days, or overdue, raises the account as the store does.
            let caseDue = (cases[a.id] ?? []).contains { $0.state.status.isUnresolved && CaseAlert.raises(due: $0.state.due, today: today, holidays: [:]) }
            keys.append(QueueKey(accountID: a.id, oldestDue: oldest.charge.dueDate, balance: p.balance, segment: seg,
                                 opensAt: m?.opensAt ?? 0, nextAction: m?.next, flag: min(m?.flag ?? .none, caseDue ? .caseDue : .none), hold: hold))
        }
        return QueueKeys(keys: keys, segments: segments)
    }

    func queueKey(account: Int64, today: Day, now: Int64) throws -> QueueKeys {
        let all = try queueKeys(.book, today: today, now: now)
        return QueueKeys(keys: all.keys.filter { $0.accountID == account }, segments: all.segments)
    }

    /// Makes every queue-row load fail (a damaged ledger), counting the attempts.
    var failRows: Error?
    var rowLoads = 0

    func queueRows(_ ids: [Int64], me: String, now: Int64) throws -> [Int64: QueueRow] {
        rowLoads += 1
        if let failRows { throw failRows }
        var out: [Int64: QueueRow] = [:]
        for a in accounts where ids.contains(a.id) {
            out[a.id] = QueueRow(accountID: a.id, accountNo: a.no, name: a.name, collector: a.collector, segment: a.segment,
                                 lastContact: a.contacts.map(\.day).max(), leasedBy: leases[a.id].flatMap { $0 == me ? nil : $0 })
            out[a.id]?.planReview = plans[a.id]?.compactMap(\.review).first
        }
        return out
    }

    func search(_ text: String, limit: Int) throws -> [SearchHit] {
        searches.append(text)
        return Array(allHits(text).prefix(limit))
    }

    func searchCount(_ text: String, upTo: Int) throws -> Int? { min(allHits(text).count, upTo) }

    /// Every account the text finds, as the store orders them: the number's start or end, a phone, the name.
    private func allHits(_ text: String) -> [SearchHit] {
        let q = text.lowercased()
        let key = PhoneKey.looksLikePhone(text) ? PhoneKey.key(text) : nil
        return accounts.compactMap { a -> SearchHit? in
            let match: SearchHit.Match
            if a.no.lowercased().hasPrefix(q) || (q.contains(where: \.isNumber) && a.no.lowercased().hasSuffix(q)) { match = .accountNo }
            else if let key, PhoneKey.keys(a.phone ?? "").contains(where: { $0.hasPrefix(key) }) { match = .phone }
            else if q.split(separator: " ").allSatisfy({ w in a.name.lowercased().split(separator: " ").contains { $0.hasPrefix(w) } }) { match = .name }
            else { return nil }
            return SearchHit(accountID: a.id, accountNo: a.no, name: a.name, phone: a.phone, collector: a.collector,
                             balance: position(a, today).balance, match: match)
        }
    }

    func account(id: Int64, asOf day: Day, now: Int64) throws -> AccountDetail {
        var detail = try accountWithoutHolds(id: id, asOf: day, now: now)
        detail.holds = Holds.inForce(holds[id] ?? [], on: day)
        detail.cases = cases[id] ?? []
        detail.parties = parties[id] ?? detail.phones.map { Phone(number: $0, party: .debtor) }
        return detail
    }

    func accountWithoutHolds(id: Int64, asOf day: Day, now: Int64) throws -> AccountDetail {
        guard let a = accounts.first(where: { $0.id == id }) else { throw RecordProblem.accountGone(id) }
        let activity = (moreActivity[id] ?? [])
            + a.credits.map { LedgerActivity(kind: .payment, date: $0.date, ref: "PAY-\($0.id)", channel: "VA", amount: $0.amount) }
        return AccountDetail(accountID: a.id, accountNo: a.no, name: a.name, phones: PhoneKey.numbers(a.phone ?? ""), email: nil,
                             address: "Jl. Merdeka No. \(a.id), Jakarta", timeZone: a.zone, segment: a.segment, collector: a.collector,
                             position: position(a, day), charges: a.charges, activity: activity,
                             clock: Self.clock(a.zone), contacts: a.contacts.reversed(),
                             recentAttempts: a.contacts.map { ContactEvent(at: $0.at, channel: $0.channel, conversation: false) })
            .withPlans(plans[id] ?? [])
            .withSent(sent[id] ?? [])
    }

    static func clock(_ zone: String) -> LocalClock {
        switch zone {
        case "Asia/Makassar": .fixed(zone, hours: 8, abbreviation: "WITA")
        case "Asia/Jayapura": .fixed(zone, hours: 9, abbreviation: "WIT")
        default: .fixed(zone, hours: 7, abbreviation: "WIB")
        }
    }

    func logContact(_ r: ContactRequest) throws -> LoggedContact {
        saveGate?.wait()
        if let refusal = refuseNext, r.override == nil { refuseNext = nil; throw refusal }
        guard let i = accounts.firstIndex(where: { $0.no == r.accountNo }) else { throw RecordProblem.unknownAccount(r.accountNo) }
        logged.append(r)
        let id = Int64(logged.count)
        let time = Self.clock(accounts[i].zone).describe(r.at)
        accounts[i].contacts.append(ContactRecord(id: id, at: r.at, day: r.day, debtorTime: time, madeBy: "kol01", channel: r.channel,
                                                  outcome: r.outcome.code, reason: r.reason, note: r.note, promise: r.promise,
                                                  nextAction: r.nextAction, override: r.override))
        return LoggedContact(id: id, debtorTime: time, overridden: nil)
    }

    var proposals: [(String, PlanTerms, String?)] = []
    var pending: [PlanRecord] = []
    var decisions: [(Int64, Bool, String?)] = []

    func proposePlan(accountNo: String, terms: PlanTerms, note: String?) throws -> Proposal {
        proposals.append((accountNo, terms, note))
        let schedule = try Plans.schedule(terms, currency: .idr)
        let beyond = PlanAuthority.of(people[1], longest: [.collector: 6, .lead: 12, .admin: nil]).excesses(schedule)
        return Proposal(id: Int64(proposals.count), status: beyond.isEmpty ? .active : .pending, beyond: beyond, replaced: [])
    }

    func pendingPlans() throws -> [PlanRecord] { pending }
    func pendingCaseCredits() throws -> [PendingCaseCredit] {
        cases.values.flatMap { $0 }.filter { $0.state.status == .awaitingApproval }.map { PendingCaseCredit(record: $0.record, state: $0.state) }
    }

    func placeHold(accountNo: String, kind: HoldKind, reason: String, until: Day?) throws -> Hold {
        guard let a = accounts.first(where: { $0.no == accountNo }) else { throw RecordProblem.unknownAccount(accountNo) }
        holdSaves.append("place \(accountNo) \(kind.rawValue) \(reason) \(until?.iso ?? "-")")
        let h = Hold(id: Int64(holdSaves.count), kind: kind, since: today, until: until, reason: reason)
        holds[a.id, default: []].append(h)
        return h
    }

    func markPhone(number: String, status: PhoneStatus) throws -> [String] {
        phoneMarks.append("\(number) \(status.rawValue)")
        var accountNos: [String] = []
        for a in accounts {
            var phones = parties[a.id] ?? PhoneKey.numbers(a.phone ?? "").map { Phone(number: $0, party: .debtor) }
            guard let i = phones.firstIndex(where: { $0.key == PhoneKey.key(number) }) else { continue }
            phones[i].marks.append(PhoneMark(day: today, status: status, by: "kol01"))
            parties[a.id] = phones
            accountNos.append(a.no)
        }
        return accountNos
    }

    /// Who saves case actions (a collector's credit waits for a lead).
    var caseActor = "kol01"
    var caseSaves: [CaseRequest] = []

    func caseAction(_ r: CaseRequest) throws -> CaseDone {
        caseSaves.append(r)
        let terms = CaseTerms()
        func change(_ id: Int64, _ body: (inout CaseRecord) -> Void) -> CaseState {
            for (account, list) in cases {
                guard let i = list.firstIndex(where: { $0.record.id == id }) else { continue }
                var c = list[i].record
                body(&c)
                let state = Cases.state(c, asOf: today, terms: terms)
                cases[account]![i] = (c, state)
                // Resolving releases the case's hold (R22).
                if state.status == .resolved, let h = holds[account]?.firstIndex(where: { $0.caseID == id }) { holds[account]![h].released = today }
                return state
            }
            return Cases.state(CaseRecord(id: id, accountID: 0, accountNo: "", type: .question, via: nil, summary: "", charges: [], amount: nil,
                                          opened: today, openedBy: "", events: []), asOf: today, terms: terms)
        }
        func event(_ kind: CaseEventKind, note: String? = nil, outcome: CaseOutcome? = nil, credit: Money? = nil, approval: Bool = false) -> CaseEvent {
            CaseEvent(id: Int64(caseSaves.count), kind: kind, day: today, by: caseActor, note: note, outcome: outcome, credit: credit,
                      needsApproval: approval)
        }
        switch r {
        case .open(let no, let type, let summary, let charges, let amount, let via):
            guard let a = accounts.first(where: { $0.no == no }) else { throw RecordProblem.unknownAccount(no) }
            let id = Int64(100 + caseSaves.count)
            let c = CaseRecord(id: id, accountID: a.id, accountNo: no, type: type, via: via, summary: summary, charges: charges, amount: amount,
                               opened: today, openedBy: caseActor, events: [])
            let state = Cases.state(c, asOf: today, terms: terms)
            cases[a.id, default: []].insert((c, state), at: 0)
            if type == .dispute {
                holds[a.id, default: []].append(Hold(id: id, kind: .dispute, since: today, until: nil, reason: "case \(id): \(summary)", caseID: id))
            }
            return .opened(id, due: state.due, hold: type == .dispute)
        case .note(let id, let text):
            _ = change(id) { $0.events.append(event(.note, note: text)) }
            return .noted(id)
        case .extend(let id, let reason):
            return .extended(id, due: change(id) { $0.events.append(event(.extend, note: reason)) }.due)
        case .resolve(let id, let outcome, let note, let credit):
            let waits = credit != nil && caseActor.hasPrefix("kol")
            return .resolved(id, change(id) { $0.events.append(event(.resolve, note: note, outcome: outcome, credit: credit, approval: waits)) }.status)
        case .decide(let id, let approve, let note):
            _ = change(id) { $0.events.append(event(approve ? .approve : .decline, note: note)) }
            return .decided(id, approved: approve)
        }
    }

    func caseReport(from: Day, to: Day, collectors: Set<String>?) throws -> [CaseReportRow] {
        let inScope = cases.filter { id, _ in collectors.map { c in accounts.contains { $0.id == id && c.contains($0.collector ?? "") } } ?? true }
        return try CaseReportRow.report(inScope.values.flatMap { $0.map(\.record) }, from: from, to: to, terms: CaseTerms())
    }

    func releaseHold(accountNo: String, kind: HoldKind, reason: String) throws -> [Hold] {
        guard let a = accounts.first(where: { $0.no == accountNo }) else { throw RecordProblem.unknownAccount(accountNo) }
        holdSaves.append("release \(accountNo) \(kind.rawValue) \(reason)")
        var released: [Hold] = []
        for i in (holds[a.id] ?? []).indices where holds[a.id]![i].kind == kind && holds[a.id]![i].inForce(on: today) {
            holds[a.id]![i].released = today
            released.append(holds[a.id]![i])
        }
        return released
    }
    var exports: [(String, String)] = []
    func aging(asOf day: Day, by grouping: AgingGrouping, collectors: Set<String>?) throws -> AgingReport {
        var groups: [String: AgingTotals] = [:]
        for a in accounts where collectors?.contains(a.collector ?? "") ?? true {
            let name = grouping == .collector ? a.collector ?? AgingReport.noGroup : a.segment ?? AgingReport.noGroup
            var t = groups[name] ?? AgingTotals(bucketCount: Buckets.standard.count)
            try t.add(position(a, day), buckets: .standard)
            groups[name] = t
        }
        return try AgingReport(asOf: day, grouping: grouping, buckets: .standard, groups: groups)
    }
    func activity(from: Day, to: Day) throws -> [ActivityLine] {
        [ActivityLine(collector: "kol01", attempts: 12, contacts: 5, rightParty: 4, promises: 2, promisedAmount: Money(minor: 1_000_000_00),
                      kept: 1, broken: 1, collected: Money(minor: 2_500_000_00))]
    }
    func nightlyRuns(limit: Int) throws -> [NightlyRunLine] {
        [NightlyRunLine(day: today, files: 4, posted: 3, refused: 1, rejected: 12, summary: "nightly", plansCompleted: 2, plansBroken: 1,
                        fileResults: [
                            NightlyFile(file: "accounts-1123.csv", read: 40, posted: 40),
                            NightlyFile(file: "charges-1123.csv", read: 120, posted: 110, duplicates: 2, rejected: 8,
                                        rejects: "rejects/2026-11-23/charges-1123.csv.rejects.csv"),
                            NightlyFile(file: "payments-1123.csv", read: 30, rejected: 4, rejects: "rejects/2026-11-23/payments-1123.csv.rejects.csv",
                                        refused: true),
                            NightlyFile(file: "adjustments-1123.csv", read: 3, posted: 3)]),
         NightlyRunLine(day: today.adding(days: -1), files: 2, posted: 2, refused: 0, rejected: 0, summary: "nightly")]
    }
    /// Reminder stages paused (set through `setStagePaused`) and who asks (Authority decides, as the store does).
    var pausedStages: Set<String> = []
    /// Reminders and letters sent, by account, newest first.
    var sent: [Int64: [SentMessage]] = [:]
    var pauser: User?
    /// The scope the preview was last asked for (nil inside: the whole book).
    var previewCollectors: Set<String>?? = .none
    func reminderPreview(day: Day, collectors: Set<String>?) throws -> [ReminderStagePreview] {
        previewCollectors = .some(collectors)
        // The whole book has one more pre-due message than the team (the unassigned account's).
        let more = collectors == nil ? 1 : 0
        return [ReminderStagePreview(stage: "pre-due", channel: .whatsapp, chosen: pausedStages.contains("pre-due") ? 0 : 5 + more,
                              toSend: pausedStages.contains("pre-due") ? 0 : 3 + more,
                              blocked: pausedStages.contains("pre-due") ? [:] : [.dailyLimit: 1, .onHold(.dispute): 1],
                              pausedCount: pausedStages.contains("pre-due") ? 5 + more : 0, alreadySent: 0, isPaused: pausedStages.contains("pre-due")),
         ReminderStagePreview(stage: "SP1", channel: .letter, chosen: 2, toSend: 2, blocked: [:], pausedCount: 0, alreadySent: 1, isPaused: false)]
    }
    func setStagePaused(_ stage: String, paused: Bool) throws -> Bool {
        if let who = pauser, let r = Authority.refusal(who, .pauseReminders) { throw FakeError(Strings(.id).refusal(r, actor: who)) }
        if pausedStages.contains(stage) == paused { return false }
        if paused { pausedStages.insert(stage) } else { pausedStages.remove(stage) }
        return true
    }
    var reportCalls = 0
    func rollRate(from: Day, to: Day, collectors: Set<String>?) throws -> RollRate {
        reportCalls += 1
        var r = RollRate(buckets: .standard)
        for a in accounts where collectors?.contains(a.collector ?? "") ?? true { try r.add(from: position(a, from), to: position(a, to)) }
        return r
    }
    func kpi(from: Day, to: Day, collectors: Set<String>?) throws -> CollectionKPI {
        reportCalls += 1
        return CollectionKPI(from: from, to: to, beginning: Money(minor: 1_000_000_00), sales: Money(minor: 500_000_00),
                      ending: Money(minor: 600_000_00), endingCurrent: Money(minor: 200_000_00))
    }
    func export(name: String, csv: String) throws -> String {
        exports.append((name, csv))
        return "tagih.db-exports/\(name).csv"
    }
    var letters: [Int64] = []
    func writePlanLetter(_ id: Int64) throws -> String {
        letters.append(id)
        return "tagih.db-letters/PLAN-\(id).txt"
    }

    func decidePlan(_ id: Int64, approve: Bool, note: String?) throws -> String {
        decisions.append((id, approve, note))
        pending.removeAll { $0.id == id }
        return approve ? "active" : "declined"
    }

    /// Assignments made, and a refusal to give the next one (a race the store would catch).
    var assignments: [([String], String?)] = []
    var refuseAssign: String?
    func assign(_ accountNos: [String], to login: String?) throws -> Int {
        if let r = refuseAssign { refuseAssign = nil; throw FakeError(r) }
        assignments.append((accountNos, login))
        var changed = 0
        for no in accountNos {
            guard let i = accounts.firstIndex(where: { $0.no == no }) else { throw FakeError("unknown account \(no)") }
            if accounts[i].collector != login { accounts[i].collector = login; changed += 1 }
        }
        return changed
    }
    /// Every account a lease was asked for, in order.
    var leaseRequests: [Int64] = []

    func loadDraft() -> String? { draft }
    func saveDraft(_ text: String?) { draft = text }

    /// Rules an admin has loaded since the workstation last asked (once).
    var newRules: Rules?
    func changedRules() throws -> Rules? {
        defer { newRules = nil }
        return newRules
    }

    func users() throws -> [User] { people }

    func takeLease(account: Int64, login: String, now: Int64) throws -> LeaseHolder? {
        leaseRequests.append(account)
        if let holder = leases[account], holder != login {
            return LeaseHolder(login: holder, name: people.first { $0.login == holder }?.name ?? holder)
        }
        leases[account] = login
        return nil
    }

    func releaseLease(account: Int64, login: String) throws {
        if leases[account] == login { leases[account] = nil }
    }
}

struct FakeError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

extension AccountDetail {
    func withPlans(_ plans: [PlanRecord]) -> AccountDetail {
        var d = self
        d.plans = plans
        return d
    }
}
