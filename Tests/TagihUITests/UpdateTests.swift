import Foundation
import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// What keys do, checked on the state and the screen text.
@Suite struct UpdateTests {
    @Test func qQuitsFromTheQueueAndGoesBackElsewhere() {
        let (w, ledger) = makeWorkstation("kol01")
        w.press(.enter)
        #expect(w.state.context == .account)
        #expect(ledger.leases[6] == "kol01")
        w.press(.character("q"))
        #expect(w.state.context == .queue)
        #expect(!w.state.quitRequested)
        #expect(ledger.leases[6] == nil, "leaving the account gives the lease back")
        w.press(.character("q"))
        #expect(w.state.quitRequested)
    }

    @Test func aLeaseHeldBySomeoneElseIsShownNotTaken() {
        let ledger = FakeLedger.standard()
        ledger.leases[6] = "kol02"
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        #expect(w.screen.line(3).hasPrefix("*ACC0000006"))
        // The reason line is read whole: it wraps onto the line above rather than being cut.
        #expect(w.screen.line(20) == " Why (1 of 6): being worked by kol02 — 100 days past due (91-120), IDR")
        #expect(w.screen.line(21) == " 3,125,000")
        w.press(.enter)
        #expect(w.screen.line(6) == " Being worked by Sri Wahyuni (kol02) — coordinate before you call.")
        w.press(.escape)
        #expect(ledger.leases[6] == "kol02", "someone else's lease is never released")
    }

    @Test func leadsSwitchQueuesCollectorsCannot() {
        let (lead, _) = makeWorkstation("lead01", language: .en)
        var scopes: [QueueScope] = []
        var titles: [String] = []
        // t opens the list of queues (the current one marked); ↓ and Enter pick the next one down.
        for _ in 0..<6 {
            scopes.append(lead.state.queue.scope)
            titles.append(String(lead.screen.line(0).split(separator: "—").last!.drop { $0 != " " }.dropFirst().split(separator: " ", maxSplits: 2).last!))
            lead.press(.character("t"), .down, .enter)
        }
        #expect(scopes == [.team("TIM-BARAT"), .collector("kol01"), .collector("kol02"), .collector("lead01"), .unassigned, .book])
        let expectedCounts = ["(8)", "(6)", "(2)", "(0)", "(1)", "(9)"]
        for (title, count) in zip(titles, expectedCounts) { #expect(title.hasSuffix(count)) }
        #expect(lead.state.queue.scope == .book, "the list ends with the whole book")
        lead.press(.character("t"), .home, .enter)
        #expect(lead.screen.line(0).hasSuffix("team TIM-BARAT (8)"))

        let (kol, _) = makeWorkstation("kol01", language: .en)
        kol.press(.character("t"))
        #expect(kol.state.queue.scope == .collector("kol01"))
        #expect(kol.screen.line(23) == " Collectors work their own queue only")
        kol.press(.down)
        #expect(kol.screen.line(23).hasPrefix(" kol01 (collector)"), "a message lasts until the next key")
    }

    @Test func filtersAndSort() {
        let (w, _) = makeWorkstation("kol01", language: .en)
        #expect(w.state.queue.ordered.count == 6)
        w.press(.character("b"), .character("b"), .character("b")) // 1-30 → 31-60 → 61-90
        #expect(w.screen.line(1).hasPrefix(" Filter: 61-90 · all segments"))
        #expect(w.state.queue.ordered.map(\.accountID) == [2])
        w.press(.character("x"))
        w.press(.character("g")) // segments sorted: RETAIL, UMKM
        #expect(w.screen.line(1).hasPrefix(" Filter: all buckets · RETAIL"))
        #expect(w.state.queue.ordered.map(\.accountID) == [2, 8, 5, 1, 10])
        w.press(.character("g"))
        #expect(w.state.queue.ordered.map(\.accountID) == [6])
        w.press(.character("g"))
        #expect(w.state.queue.filter.segment == nil)
        w.press(.character("o"))
        #expect(w.screen.line(1).hasSuffix("Sort: balance"))
        #expect(w.state.queue.ordered.map(\.accountID) == [8, 6, 1, 2, 10, 5])
    }

    @Test func pagingThroughALongQueueFetchesOnlyTheLinesOnScreen() {
        let ledger = FakeLedger(today: today)
        ledger.people = [User(login: "kol01", name: "Rudi", role: .collector)]
        for i in 1...5000 {
            let due = today.adding(days: -(i % 200) - 1)
            ledger.accounts.append(.init(id: Int64(i), no: "ACC\(String(i).leftPadded(7))", name: "Debitur \(i)", collector: "kol01",
                                         charges: [Charge(id: Int64(i), ref: "INV\(i)", issueDate: due.adding(days: -14), dueDate: due,
                                                          amount: Money(minor: Int64(i) * 1000))]))
        }
        let counting = CountingLedger(ledger)
        let me = ledger.people[0]
        let w = Workstation(state: AppState(me: me, today: today, database: "t.db", language: .en, currency: .idr, buckets: .standard),
                            data: counting, clock: { fixedNow })
        w.start()
        #expect(w.state.queue.ordered.count == 5000)
        #expect(counting.rowsFetched == 18)
        w.press(.pageDown, .pageDown)
        #expect(w.state.queue.cursor == 36)
        #expect(w.state.queue.top == 36)
        w.press(.end)
        #expect(w.state.queue.cursor == 4999)
        #expect(w.screen.line(20).contains("ACC"))
        #expect(w.screen.line(21).hasPrefix(" Why (5000 of 5000)"))
        w.press(.home, .up)
        #expect(w.state.queue.cursor == 0)
        #expect(counting.rowsFetched == 18 * 4, "each screenful is fetched once")
        // Priority: oldest bucket first, then the larger balance.
        let ordered = w.state.queue.ordered
        #expect(ordered.prefix(3).map(\.accountID) == [4999, 4998, 4997])
        let buckets = ordered.map { Buckets.standard.index(daysPastDue: Day.days(from: $0.oldestDue, to: today)) }
        #expect(buckets.first == 5 && buckets.last == 1)
        #expect(zip(buckets, buckets.dropFirst()).allSatisfy { $0 >= $1 }, "buckets never go back up")
        #expect(zip(ordered, ordered.dropFirst()).allSatisfy { a, b in
            Buckets.standard.index(daysPastDue: Day.days(from: a.oldestDue, to: today)) != Buckets.standard.index(daysPastDue: Day.days(from: b.oldestDue, to: today))
                || a.balance.minor >= b.balance.minor
        }, "within a bucket the larger balance comes first")
    }

    @Test func searchAsYouType() {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        w.press(.character("/"))
        w.type("62 8")
        #expect(ledger.searches == ["6", "62", "62 ", "62 8"])
        w.press(.control("u"))
        w.type("siti")
        #expect(w.state.context == .search)
        #expect(w.screen.line(2) == " 1 found")
        w.press(.backspace, .backspace, .backspace, .backspace)
        #expect(w.screen.line(2).hasPrefix(" account no, name"))
        w.type("acc0000003")
        w.press(.enter)
        #expect(w.screen.line(0).hasPrefix(" ACC0000003  PT Bumi Indah"))
        w.press(.escape)
        #expect(w.state.context == .search)
        w.press(.escape)
        #expect(w.state.context == .queue)
    }

    @Test func aSmallWindowShowsAMessageAndComesBack() {
        let (w, _) = makeWorkstation("kol01", language: .en)
        let before = w.screen
        w.send(.resize(width: 60, height: 15))
        #expect(w.screen.text.contains("Please enlarge the window to at least 80×24"))
        w.press(.enter, .character("/"))
        #expect(w.state.context == .queue, "keys other than quit wait for a usable window")
        w.send(.resize(width: 80, height: 24))
        #expect(w.screen == before)
        w.send(.resize(width: 132, height: 40))
        #expect(w.screen.width == 132 && w.screen.line(3).count > 80)
        #expect(w.state.bodyHeight == 34)
    }

    @Test func errorsGoToTheStatusLine() {
        let ledger = FakeLedger.standard()
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        ledger.accounts.removeAll { $0.id == 6 }
        w.press(.enter)
        #expect(w.screen.line(23) == " this account is no longer in the ledger")
    }

    /// `config/keys.toml` documents every action with its default keys: the
    /// commented lines must say exactly what `Keymap.standard` does.
    @Test func theShippedKeysFileListsEveryActionWithItsDefaults() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/keys.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        var listed: [String: [String]] = [:]
        for raw in text.split(separator: "\n") where raw.hasPrefix("# ") && raw.contains(" = ") {
            let line = raw.dropFirst(2)
            let name = line.prefix { $0 != " " && $0 != "=" }
            guard Action(rawValue: String(name)) != nil else { continue }
            // The value before any trailing comment: "x" or ["x", "y"].
            var value = line.drop { $0 != "=" }.dropFirst()
            if let hash = value.firstIndex(of: "#") { value = value[..<hash] }
            listed[String(name)] = value.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
        }
        for action in Action.allCases {
            let defaults = Keymap.standard.keys[action]?.map(\.name) ?? []
            #expect(listed[action.rawValue] == defaults, "\(action.rawValue): keys.toml says \(listed[action.rawValue] ?? []), the default is \(defaults)")
        }
    }

    @Test func keymapOverrides() throws {
        let k = try Keymap.standard.overriding([(action: "quit", keys: ["Ctrl-Q"]), (action: "search", keys: ["s", "F3"])])
        #expect(k.action(for: .control("q"), in: .queue) == .quit)
        #expect(k.action(for: .character("q"), in: .queue) == nil)
        #expect(k.action(for: .function(3), in: .queue) == .search)
        #expect(k.action(for: .character("s"), in: .search) == nil, "letters are text in search")
        #expect(throws: Keymap.Invalid(description: "key b is bound to both bucket and sort")) {
            try Keymap.standard.overriding([(action: "sort", keys: ["b"])])
        }
        #expect(throws: Keymap.Invalid.self) { try Keymap.standard.overriding([(action: "fly", keys: ["f"])]) }
        #expect(throws: Keymap.Invalid(description: "action help: unknown key name Hyper-X")) {
            try Keymap.standard.overriding([(action: "help", keys: ["Hyper-X"])])
        }
        // Help follows the keymap in use.
        let (w, _) = makeWorkstation("kol01", language: .en, keymap: k)
        w.press(.character("?"), .pageDown)        // the queue's help is longer than a screen: the general keys are last
        #expect(w.screen.text.contains("   Ctrl-Q             quit Tagih"))
        #expect(w.screen.text.contains("   s, F3              search the whole book"))
    }
}

/// Counts the queue lines fetched, to prove the queue pages.
final class CountingLedger: WorkstationData {
    let inner: FakeLedger
    var rowsFetched = 0
    var queueLoads = 0
    init(_ inner: FakeLedger) { self.inner = inner }
    func queueKeys(_ scope: QueueScope, today: Day, now: Int64) throws -> QueueKeys {
        queueLoads += 1
        return try inner.queueKeys(scope, today: today, now: now)
    }
    func queueKey(account: Int64, today: Day, now: Int64) throws -> QueueKeys { try inner.queueKey(account: account, today: today, now: now) }
    func queueRows(_ ids: [Int64], me: String, now: Int64) throws -> [Int64: QueueRow] {
        rowsFetched += ids.count
        return try inner.queueRows(ids, me: me, now: now)
    }
    func search(_ text: String, limit: Int) throws -> [SearchHit] { try inner.search(text, limit: limit) }
    func account(id: Int64, asOf day: Day, now: Int64) throws -> AccountDetail { try inner.account(id: id, asOf: day, now: now) }
    func logContact(_ request: ContactRequest) throws -> LoggedContact { try inner.logContact(request) }
    func loadDraft() -> String? { inner.loadDraft() }
    func proposePlan(accountNo: String, terms: PlanTerms, note: String?) throws -> Proposal { try inner.proposePlan(accountNo: accountNo, terms: terms, note: note) }
    func pendingPlans() throws -> [PlanRecord] { try inner.pendingPlans() }
    func pendingCaseCredits() throws -> [PendingCaseCredit] { try inner.pendingCaseCredits() }
    func writePlanLetter(_ id: Int64) throws -> String { try inner.writePlanLetter(id) }
    func aging(asOf day: Day, by grouping: AgingGrouping, collectors: Set<String>?) throws -> AgingReport {
        try inner.aging(asOf: day, by: grouping, collectors: collectors)
    }
    func activity(from: Day, to: Day) throws -> [ActivityLine] { try inner.activity(from: from, to: to) }
    func nightlyRuns(limit: Int) throws -> [NightlyRunLine] { try inner.nightlyRuns(limit: limit) }
    func rollRate(from: Day, to: Day, collectors: Set<String>?) throws -> RollRate { try inner.rollRate(from: from, to: to, collectors: collectors) }
    func kpi(from: Day, to: Day, collectors: Set<String>?) throws -> CollectionKPI { try inner.kpi(from: from, to: to, collectors: collectors) }
    func export(name: String, csv: String) throws -> String { try inner.export(name: name, csv: csv) }
    func decidePlan(_ id: Int64, approve: Bool, note: String?) throws -> String { try inner.decidePlan(id, approve: approve, note: note) }
    func assign(_ accountNos: [String], to login: String?) throws -> Int { try inner.assign(accountNos, to: login) }
    func placeHold(accountNo: String, kind: HoldKind, reason: String, until: Day?) throws -> Hold {
        try inner.placeHold(accountNo: accountNo, kind: kind, reason: reason, until: until)
    }
    func markPhone(number: String, status: PhoneStatus) throws -> [String] { try inner.markPhone(number: number, status: status) }
    func caseAction(_ request: CaseRequest) throws -> CaseDone { try inner.caseAction(request) }
    func caseReport(from: Day, to: Day, collectors: Set<String>?) throws -> [CaseReportRow] {
        try inner.caseReport(from: from, to: to, collectors: collectors)
    }
    func releaseHold(accountNo: String, kind: HoldKind, reason: String) throws -> [Hold] {
        try inner.releaseHold(accountNo: accountNo, kind: kind, reason: reason)
    }
    func saveDraft(_ text: String?) { inner.saveDraft(text) }
    func users() throws -> [User] { try inner.users() }
    func takeLease(account: Int64, login: String, now: Int64) throws -> LeaseHolder? { try inner.takeLease(account: account, login: login, now: now) }
    func releaseLease(account: Int64, login: String) throws { try inner.releaseLease(account: account, login: login) }
}

/// The queue's contact rules as the collector sees them: order, the why line, the next action.
@Suite struct QueueRuleScreenTests {
    @Test func rulesOrderTheQueueAndSayWhy() {
        let ledger = FakeLedger.standard()
        let tomorrow8 = Int64(today.adding(days: 1).ordinal) * 86_400 + 1 * 3600  // 08:00 WIB
        ledger.marks = [
            6: (.none, tomorrow8, nil),                       // the oldest debt, but blocked now
            5: (.promiseDueToday, 0, nil),
            10: (.brokenPromise, 0, nil),
            1: (.actionDue, 0, today.adding(days: -1)),
            8: (.none, 0, today.adding(days: 3)),
        ]
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        #expect(w.state.queue.ordered.map(\.accountID) == [5, 10, 1, 2, 8, 6])
        #expect(w.screen.line(21) == " Why (1 of 6): promise due today; 34 days past due (31-60), IDR 450,000")
        #expect(w.screen.line(3).hasSuffix("today"))
        w.press(.down)
        #expect(w.screen.line(21).hasPrefix(" Why (2 of 6): promise broken this week; 1 days past due"))
        w.press(.down)
        #expect(w.screen.line(21).hasPrefix(" Why (3 of 6): next action due 22 Nov; 13 days past due"))
        #expect(w.screen.line(5).hasSuffix("22 Nov"))
        #expect(w.screen.line(7).hasSuffix("26 Nov"), "a next action set for later")
        w.press(.end)
        #expect(w.screen.line(20).hasPrefix(" Why (6 of 6): may not be contacted before Tue 08:00 WIB; 100 days past due"))
        #expect(w.screen.line(21) == " (91-120), IDR 3,125,000")
        #expect(w.screen.line(8).hasSuffix("24 Nov"), "a blocked account's next action is when contact opens")
    }
}
