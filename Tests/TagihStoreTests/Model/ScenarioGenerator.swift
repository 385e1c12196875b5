import Foundation

// Seeded random scenarios run against the model and a ledger under test at
// once. No Tagih import (Foundation only reads the holiday list): the ledger is reached only through `LedgerUnderTest`
// (StoreAdapter.swift in the store suite, CLIAdapter.swift in the CLI suite),
// so this file is shared by both suites (a symlink in Tests/TagihCLITests/Model).

/// The model's own generator (SplitMix64, written out here so a seed means the
/// same scenario whatever the production code does with its own).
struct ModelRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &self) }
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
    mutating func pick<T>(_ xs: [T]) -> T { xs[int(0...(xs.count - 1))] }
}

enum ImportOutcome: Equatable { case posted(Int), refused }

/// What the scenarios drive: one ledger, reached through production APIs or
/// the binary. Days are the model's (days since 1970-01-01); money in minor units.
protocol LedgerUnderTest {
    /// Imports one CSV file (`kind`: accounts, charges, payments, adjustments) as an admin on `today`.
    func importFile(kind: String, name: String, csv: String, today: Int) throws -> ImportOutcome
    /// Proposes a plan with `today` as its start; nil when refused.
    func propose(account: String, instalments: Int, discountBP: Int, down: Int64, every: String, first: Int,
                 by login: String, today: Int) throws -> (id: Int64, status: String)?
    /// approve / decline / cancel as `login` on `today`; false when refused.
    func decide(_ decision: String, plan: Int64, by login: String, today: Int) throws -> Bool
    /// The plan's status and paid per line as of `day`.
    func plan(_ id: Int64, asOf day: Int) throws -> (status: String, paid: [Int64])
    /// The account's balance, open charges total and unapplied credit as of `day`.
    func account(_ no: String, asOf day: Int) throws -> (balance: Int64, open: Int64, unapplied: Int64)
    /// A `PTP` contact at `moment` (unix seconds; `day` its Jakarta date) logged on `today`; false when refused.
    func promise(account: String, moment: Int64, day: Int, amount: Int64, due: Int, by login: String, today: Int) throws -> Bool
    /// `report promises` as of `day`.
    func promises(asOf day: Int) throws -> [PromiseRow]
    /// The names of the failed checks of `tagih check` (empty when it passes).
    func failedChecks() throws -> [String]
    /// A phone attempt (outcome NA, no override) at `moment`, logged on `today`; false when blocked.
    func attempt(account: String, moment: Int64, day: Int, today: Int) throws -> Bool
    /// `can-contact` at `moment` by phone: true when allowed.
    func canContact(account: String, at moment: Int64, today: Int) throws -> Bool
    /// `hold ACCOUNT --kind cease` from `today`, no end set, and its release on `today` (CONTRACT §9).
    func hold(account: String, today: Int) throws -> Bool
    func release(account: String, today: Int) throws -> Bool
}

/// The logins a scenario uses (the adapter creates them): `admin` decides and
/// logs contacts, `boss` (admin) and `col01` (collector, discount limit 10%) propose.
enum ModelUsers {
    static let decider = "admin"
    static let adminProposer = "boss"
    static let collector = "col01"
    static let collectorLimitBP = 1000
}

struct ScenarioFailure: Error, CustomStringConvertible {
    var seed: UInt64
    var log: [String]
    var message: String
    var rerun: String
    var description: String {
        "model scenario seed \(seed) (rerun: TAGIH_MODEL_SEED=\(seed) \(rerun)): \(message)\nevents so far:\n  "
            + log.joined(separator: "\n  ")
    }
}

/// One scenario: a few accounts, 10–30 events over about 60 days.
struct Scenario {
    let seed: UInt64
    let sut: LedgerUnderTest
    var rng: ModelRNG
    var model = LedgerModel()
    var log: [String] = []
    var today: Int
    let day0: Int
    var accounts: [String] = []
    /// Entries generated but not yet imported, with the day they arrive.
    var pending: [(entry: MEntry, arrives: Int, reversalOf: (ref: String, channel: String)?)] = []
    var reversalQueued: Set<String> = []
    var counter = 0, fileCounter = 0
    var moments: Set<Int64> = []
    /// How many days are judged after each step (the CLI suite uses fewer).
    var daysPerCheck = 4
    /// More payments and imports, so short scenarios (the CLI suite's) reach completed plans.
    var planHeavy = false
    /// `check` after every step (the CLI suite runs it once, at the end, to save processes).
    var checkLedgerEveryStep = true
    /// Parts left out while triaging (`promises`, `overflow`, `balance`, `open-discount`, `check`), so
    /// one known failure does not hide the others; the normal run skips nothing.
    var skip: Set<String> = []
    /// What was judged, by kind ("plan completed", "balance with a discount", …), so a
    /// run can show it covered the interesting cases and not only quiet ones.
    var judged: [String: Int] = [:]
    var zeroChecked: Set<String> = []

    init(seed: UInt64, sut: LedgerUnderTest) {
        self.seed = seed
        self.sut = sut
        rng = ModelRNG(seed: seed)
        day0 = MCal.day(2026, 1, 5) + rng.int(0...300)
        today = day0
    }

    /// How to run this scenario alone (the suites differ).
    var rerun = "TAGIH_MODEL_SCENARIOS=1 swift test --filter ModelScenarioTests"
    func fail(_ message: String) -> ScenarioFailure { ScenarioFailure(seed: seed, log: log, message: message, rerun: rerun) }
    mutating func note(_ s: String) { log.append("\(MCal.iso(today)): \(s)") }
    mutating func nextRef(_ prefix: String) -> String { counter += 1; return "\(prefix)\(counter)" }

    static let channels = ["VA", "QRIS", "BANK_TRANSFER"]

    // MARK: the run

    mutating func run(steps: Int? = nil) throws {
        let n = steps ?? rng.int(10...30)
        try setUp()
        for _ in 0..<n {
            today += rng.pick([0, 1, 1, 2, 2, 3, 4, 5])
            // The events' shares in percent, cumulated: entries, imports, reversals,
            // proposals, decisions, promises, attempts; the rest overflow.
            let edges = planHeavy ? [30, 60, 66, 80, 86, 92, 97] : [22, 47, 54, 68, 80, 88, 96]
            let roll = rng.int(0...99)
            var acted = true
            switch edges.firstIndex(where: { roll < $0 }) ?? edges.count {
            case 0: generateEntries(); acted = false
            case 1: acted = try importArrived()
            case 2: queueReversal(); acted = false
            case 3: acted = try propose()
            case 4: acted = try decide()
            case 5: acted = skip.contains("promises") ? false : try promise()
            case 6: acted = skip.contains("contacts") ? false : try attempts()
            default: if !skip.contains("overflow") { try overflow() }
            }
            if acted { try check() }
        }
        // Everything still on its way arrives, late.
        today += 3
        if try importArrived(all: true) { try check() }
        if !checkLedgerEveryStep { try ledgerCheck() }
    }

    mutating func setUp() throws {
        var csv = "account_no,name,timezone,collector\n"
        for i in 1...rng.int(2...3) {
            let no = "M00\(i)"
            accounts.append(no)
            csv += "\(no),Debitur \(i),Asia/Jakarta,\(ModelUsers.collector)\n"
        }
        note("accounts \(accounts.joined(separator: " "))")
        guard try sut.importFile(kind: "accounts", name: "accounts.csv", csv: csv, today: today) == .posted(accounts.count) else {
            throw fail("accounts file not posted")
        }
        for a in accounts {
            for _ in 0..<rng.int(1...2) { addCharge(a, issued: day0 - rng.int(5...40), arrives: day0) }
        }
        _ = try importArrived()
        try check()
    }

    mutating func addCharge(_ a: String, issued: Int, arrives: Int) {
        let amount = Int64(rng.int(1_000...50_000)) * 1000 + (rng.chance(20) ? Int64(rng.int(1...99)) : 0)
        pending.append((MEntry(seq: 0, account: a, kind: .charge, ref: nextRef("CH"), date: issued, due: issued + rng.int(0...30), amount: amount), arrives, nil))
    }

    /// New entries dated up to a few days back, arriving now or days later.
    mutating func generateEntries() {
        let withPlans = accounts.filter { a in model.plans.contains { $0.account == a && model.decision($0, asOf: today) == .active } }
        let a = !withPlans.isEmpty && rng.chance(60) ? rng.pick(withPlans) : rng.pick(accounts)
        var what: [String] = []
        // Most of the time the debtor follows a live plan: the next lines, paid around their due
        // dates (a day early, on the day, within grace, a day too late), so plans complete,
        // break on the edge and get repaired by late files.
        let live = model.plans.filter { $0.account == a && (model.decision($0, asOf: today) == .active
            || (model.decision($0, asOf: today) == .pending && rng.chance(20))) }
        if let p = live.last, rng.chance(75) {
            let paid = model.paid(p, asOf: today + 60)
            for (i, line) in p.lines.enumerated() where paid[i] < line.amount {
                let date = min(today, max(p.start, line.due + rng.pick([-2, -1, 0, 0, 1, 2, 3])))
                let amount = rng.chance(85) ? line.amount - paid[i] : max(1, (line.amount - paid[i]) / 2)
                let e = MEntry(seq: 0, account: a, kind: rng.chance(90) ? .payment : .credit, ref: nextRef("PY"),
                               channel: rng.pick(Self.channels), date: date, amount: amount)
                if e.kind == .credit { pending.append((MEntry(seq: 0, account: a, kind: .credit, ref: nextRef("AJ"), date: date, amount: amount), 0, nil)) }
                else { pending.append((e, 0, nil)) }
                pending[pending.count - 1].arrives = rng.chance(50) ? today : today + rng.int(1...5)
                let x = pending.last!
                what.append("plan \(p.id) line \(i): \(x.entry.kind.rawValue) \(x.entry.ref) \(MMoney.text(x.entry.amount)) dated \(MCal.iso(x.entry.date)) arrives \(MCal.iso(x.arrives))")
                if rng.chance(40) || line.due > today { break }
            }
            if !what.isEmpty { note("on the way for \(a): " + what.joined(separator: "; ")); return }
        }
        for _ in 0..<rng.int(1...3) {
            let date = max(day0 - 3, today - rng.int(0...4))
            let arrives = rng.chance(40) ? today : today + rng.int(1...5)
            let bal = max(model.position(a, asOf: today).balance, 100_000)
            let roll = rng.int(0...99)
            if roll < 18 {
                addCharge(a, issued: date, arrives: arrives)
            } else {
                let kind: MEntry.Kind = roll < 75 ? .payment : roll < 90 ? .credit : .writeoff
                // Often a round share of the balance, so plans complete.
                var amount = Int64(rng.int(1...max(1, Int(bal / 100 / 2)))) * 100
                if rng.chance(25) { amount = bal }
                if rng.chance(15) { amount += Int64(rng.int(1...99)) }
                let e = MEntry(seq: 0, account: a, kind: kind, ref: nextRef(kind == .payment ? "PY" : "AJ"),
                               channel: kind == .payment ? rng.pick(Self.channels) : "", date: date, amount: max(1, amount))
                pending.append((e, arrives, nil))
            }
            let e = pending.last!
            what.append("\(e.entry.kind.rawValue) \(e.entry.ref) \(MMoney.text(e.entry.amount)) dated \(MCal.iso(e.entry.date)) arrives \(MCal.iso(e.arrives))")
        }
        note("on the way for \(a): " + what.joined(separator: "; "))
    }

    /// A reversal, dated between the payment's day and today, of a posted payment.
    mutating func queueReversal() {
        let candidates = model.entries.filter { $0.kind == .payment && $0.reversedOn == nil && !reversalQueued.contains($0.channel + "/" + $0.ref) }
        guard !candidates.isEmpty else { return }
        let p = rng.pick(candidates)
        reversalQueued.insert(p.channel + "/" + p.ref)
        let date = max(p.date, today - rng.int(0...6))
        let arrives = rng.chance(50) ? today : today + rng.int(1...3)
        let e = MEntry(seq: 0, account: p.account, kind: .payment, ref: nextRef("RV"), date: date, amount: 0)
        pending.append((e, arrives, (p.ref, p.channel)))
        note("on the way: reversal \(e.ref) of \(p.channel) \(p.ref) (\(MMoney.text(p.amount)) dated \(MCal.iso(p.date))) dated \(MCal.iso(date)) arrives \(MCal.iso(arrives))")
    }

    func row(_ e: MEntry, reversalOf r: (ref: String, channel: String)?) -> (kind: String, text: String) {
        if let r { return ("adjustments", "\(e.account),\(e.ref),\(MCal.iso(e.date)),reversal,,\(r.ref),\(r.channel)") }
        switch e.kind {
        case .charge: return ("charges", "\(e.account),\(e.ref),\(MCal.iso(e.date)),\(MCal.iso(e.due)),\(MMoney.text(e.amount))")
        case .payment: return ("payments", "\(e.account),\(e.ref),\(MCal.iso(e.date)),\(MMoney.text(e.amount)),\(e.channel)")
        case .credit, .writeoff: return ("adjustments", "\(e.account),\(e.ref),\(MCal.iso(e.date)),\(e.kind.rawValue),\(MMoney.text(e.amount)),,")
        }
    }

    static let headers = [
        "charges": "account_no,ref,issue_date,due_date,amount",
        "payments": "account_no,ref,paid_on,amount,channel",
        "adjustments": "account_no,ref,date,kind,amount,payment_ref,channel",
    ]

    /// Imports what has arrived, split across several files in a random order.
    mutating func importArrived(all: Bool = false) throws -> Bool {
        let arrived = pending.indices.filter { all || pending[$0].arrives <= today }
        guard !arrived.isEmpty else { return false }
        var batch = arrived.map { pending[$0] }
        pending = pending.indices.filter { !arrived.contains($0) }.map { pending[$0] }
        batch.shuffle(using: &rng)
        var files: [(kind: String, rows: [(MEntry, (ref: String, channel: String)?)])] = []
        for kind in ["charges", "payments", "adjustments"] {
            let rows = batch.filter { row($0.entry, reversalOf: $0.reversalOf).kind == kind }
            guard !rows.isEmpty else { continue }
            let parts = min(rows.count, rng.int(1...3))
            for k in 0..<parts {
                let slice = rows.enumerated().filter { $0.offset % parts == k }.map { ($0.element.entry, $0.element.reversalOf) }
                files.append((kind, slice))
            }
        }
        // Reversals name payments; every other file may come in any order.
        files.shuffle(using: &rng)
        files.sort { ($0.kind == "adjustments" ? 1 : 0) < ($1.kind == "adjustments" ? 1 : 0) }
        for f in files {
            fileCounter += 1
            let lines = f.rows.map { row($0.0, reversalOf: $0.1).text }
            let name = "\(f.kind)-\(fileCounter).csv"
            note("import \(name): " + lines.joined(separator: " | "))
            let outcome = try sut.importFile(kind: f.kind, name: name, csv: Self.headers[f.kind]! + "\n" + lines.joined(separator: "\n") + "\n", today: today)
            guard outcome == .posted(lines.count) else { throw fail("\(name): expected \(lines.count) rows posted, got \(outcome)") }
            for (e, r) in f.rows {
                if let r { model.reverse(paymentRef: r.ref, channel: r.channel, on: e.date) } else { model.post(e) }
            }
        }
        return true
    }

    // MARK: plans

    /// One file posted at once (P1/P2: a payment on the start day, before or after the proposal).
    mutating func importNow(_ e: MEntry) throws {
        pending.append((e, today, nil))
        note("on the way for \(e.account): \(e.kind.rawValue) \(e.ref) \(MMoney.text(e.amount)) dated \(MCal.iso(e.date)) arrives now")
        let keep = pending.filter { $0.entry.ref != e.ref }
        pending = pending.filter { $0.entry.ref == e.ref }
        _ = try importArrived()
        pending = keep
    }

    mutating func startDayPayment(_ a: String) -> MEntry {
        let bal = max(model.position(a, asOf: today).balance, 20_000)
        return MEntry(seq: 0, account: a, kind: .payment, ref: nextRef("PY"), channel: rng.pick(Self.channels), date: today,
                      amount: Int64(rng.int(1...Int(bal / 100 / 2))) * 100)
    }

    mutating func propose() throws -> Bool {
        let a = rng.pick(accounts)
        var acted = false
        if rng.chance(25) { try importNow(startDayPayment(a)); acted = true }
        if try propose(a) {
            if rng.chance(30) { try importNow(startDayPayment(a)) }
            acted = true
        }
        return acted
    }

    mutating func propose(_ a: String) throws -> Bool {
        let b = model.position(a, asOf: today).balance
        guard b >= 100_000 || rng.chance(10) else { return false }
        let byCollector = rng.chance(60)
        let login = byCollector ? ModelUsers.collector : ModelUsers.adminProposer
        let bp = rng.pick([0, 0, 500, 1000, 1250, 2000, 3350])
        let n = rng.int(1...4)
        let every = rng.pick(["week", "2weeks", "month"])
        // Now and then terms §8 refuses: --first before the start day, a down payment of the whole total.
        let first = rng.chance(6) ? today - rng.int(1...3) : today + rng.pick([0, 1, 3, 7, 10])
        var down: Int64 = 0
        if rng.chance(35) && b > 1000 { down = Int64(rng.int(1...max(1, Int(b / 100 / 3)))) * 100 }
        if rng.chance(6) && b > 0 { down = b - b * Int64(bp) / 10_000 }
        let pendingWanted = byCollector && bp > ModelUsers.collectorLimitBP
        note("propose \(a) by \(login): B \(MMoney.text(b)), \(bp) bp off, down \(MMoney.text(down)), \(n) × \(every) from \(MCal.iso(first))")
        let expectedID = Int64(model.plans.count + 1)
        let predicted = model.propose(id: expectedID, account: a, today: today, discountBP: bp, down: down, instalments: n, every: every,
                                      first: first, by: login, pending: pendingWanted)
        let got = try sut.propose(account: a, instalments: n, discountBP: bp, down: down, every: every, first: first, by: login, today: today)
        switch (predicted, got) {
        case (.failure(let e), nil): note("refused as expected (\(e))")
        case (.failure(let e), let g?): throw fail("plan proposal should be refused (\(e)); got plan \(g.id) \(g.status)")
        case (.success, nil): throw fail("plan proposal refused; the model expects plan \(expectedID)")
        case (.success(let p), let g?):
            let want = pendingWanted ? "pending" : "active"
            note("plan \(g.id) \(g.status): D \(MMoney.text(p.discount)) T \(MMoney.text(p.total)) lines "
                 + p.lines.map { "\(MCal.iso($0.due)) \(MMoney.text($0.amount))" }.joined(separator: ", "))
            guard g.id == expectedID, g.status == want else { throw fail("proposal gave plan \(g.id) \(g.status); model: plan \(expectedID) \(want)") }
        }
        return true
    }

    mutating func decide() throws -> Bool {
        let open = model.plans.filter { model.decision($0, asOf: today) == .pending }
        let live = model.plans.filter { model.status($0, asOf: today) == "active" }
        var decision: String, plan: MPlan
        if !open.isEmpty && (live.isEmpty || rng.chance(80)) {
            plan = rng.pick(open)
            decision = rng.chance(75) ? "approve" : "decline"
            // R10 speaks of earlier plans only: leave an older plan pending when a newer one is live.
            if decision == "approve" && model.plans.contains(where: { $0.account == plan.account && $0.id > plan.id && model.decision($0, asOf: today) == .active }) {
                decision = "decline"
            }
        } else if !live.isEmpty && rng.chance(40) {
            plan = rng.pick(live); decision = "cancel"
        } else { return false }
        let expected = model.decide(plan.id, decision, today: today)
        note("\(decision) plan \(plan.id) (first due \(MCal.iso(plan.firstDue)))" + (expected ? "" : ": the model expects a refusal"))
        let got = try sut.decide(decision, plan: plan.id, by: ModelUsers.decider, today: today)
        guard got == expected else { throw fail("\(decision) of plan \(plan.id): \(got ? "done" : "refused"), model: \(expected ? "done" : "refused")") }
        return true
    }

    // MARK: promises

    mutating func promise() throws -> Bool {
        let a = rng.pick(accounts)
        // A contact at or before 14:00 WIB today, up to 20 hours back (backdated).
        var moment = Int64(today) * 86_400 + 7 * 3_600 - Int64(rng.int(0...(20 * 60))) * 60
        while moments.contains(moment) { moment -= 60 }
        moments.insert(moment)
        let day = Int((moment + 7 * 3_600) / 86_400)
        let cap = min(model.position(a, asOf: day).balance, model.position(a, asOf: today).balance)
        if rng.chance(10) {
            // Above the balance (whichever day it is read on): refused, nothing recorded.
            let over = max(model.position(a, asOf: day).balance, model.position(a, asOf: today).balance, 0) + Int64(rng.int(1...50_000))
            note("PTP \(a) at \(MCal.iso(day)) of \(MMoney.text(over)), above the balance: must be refused")
            if try sut.promise(account: a, moment: moment, day: day, amount: over, due: day + 3, by: ModelUsers.decider, today: today) {
                throw fail("a promise above the balance was accepted")
            }
            judged["promise above the balance refused", default: 0] += 1
            return true
        }
        guard cap >= 100 else { return false }
        let amount = rng.chance(20) ? cap : Int64(rng.int(1...Int(cap / 100))) * 100
        let due = day + rng.pick([0, 1, 3, 5, 7, 10, 14])
        note("PTP \(a) at \(MCal.iso(day)) +\((moment + 7 * 3_600) % 86_400 / 60) min WIB: \(MMoney.text(amount)) due \(MCal.iso(due))")
        guard try sut.promise(account: a, moment: moment, day: day, amount: amount, due: due, by: ModelUsers.decider, today: today) else {
            throw fail("promise refused")
        }
        model.promises.append(MPromise(account: a, moment: moment, madeOn: day, amount: amount, due: due, madeBy: ModelUsers.decider))
        model.attempts.append(MAttempt(account: a, moment: moment))
        return true
    }

    // MARK: contact limits (§6, R12)

    /// Days the scenarios keep contacts away from: the shipped holiday list
    /// (the binary's ledger has it, the store suite's has none).
    static let holidays: Set<Int> = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../config/holidays-id.csv").standardized.path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").compactMap { line -> Int? in
            let f = line.split(separator: ",")
            guard let d = f.first, d.count == 10, d.first?.isNumber == true else { return nil }
            return MCal.parse(String(d))
        })
    }()

    /// Phone attempts at random moments of the last 24 hours (so logged out of
    /// time order), each judged against the whole record; then `can-contact`
    /// at another moment of one of those days.
    mutating func attempts() throws -> Bool {
        let a = rng.pick(accounts)
        let now = Int64(today) * 86_400 + 7 * 3_600          // 14:00 WIB
        // Now and then the account is on hold from today for this step (CONTRACT §9): every
        // attempt on a day from today on is blocked, yesterday's are judged as ever. It is
        // released at the end of the step, so from today on it no longer holds for later steps.
        let held = !skip.contains("holds") && rng.chance(25)
        if held {
            note("hold \(a) (cease) from \(MCal.iso(today))")
            guard try sut.hold(account: a, today: today) else { throw fail("hold on \(a) refused") }
            model.holds = [(a, today)]
        }
        defer { model.holds = [] }
        // Mostly within the hours of one day (today 08:00-14:00 or yesterday 14:00-20:00,
        // the last 24 hours), so the day's limit is reached; now and then any hour.
        let yesterday = rng.chance(50)
        for _ in 0..<rng.int(2...5) {
            var moment = yesterday ? now - 86_400 + Int64(rng.int(0...359)) * 60 : now - Int64(rng.int(0...360)) * 60
            if rng.chance(20) { moment = now - Int64(rng.int(0...(23 * 60))) * 60 }
            while moments.contains(moment) { moment -= 60 }
            let day = LedgerModel.wib(moment).day
            if Self.holidays.contains(day) { continue }
            let want = model.contactAllowed(a, at: moment)
            let (_, minute) = LedgerModel.wib(moment)
            note("NA \(a) at \(MCal.iso(day)) \(minute / 60):\(minute % 60 < 10 ? "0" : "")\(minute % 60) WIB: the model says \(want ? "allowed" : "blocked")")
            let got = try sut.attempt(account: a, moment: moment, day: day, today: today)
            if got != want { throw fail("attempt on \(a) at \(MCal.iso(day)) minute \(minute): \(got ? "recorded" : "refused"), model \(want ? "allowed" : "blocked")") }
            if got { moments.insert(moment); model.attempts.append(MAttempt(account: a, moment: moment)) }
            let dayCount = model.attempts.filter { $0.account == a && LedgerModel.wib($0.moment).day == day }.count
            judged[got ? "attempt allowed" : held && day >= today ? "attempt on hold" : dayCount >= 3 ? "attempt over the day's limit" : "attempt out of hours",
                   default: 0] += 1
        }
        let probe = now - Int64(rng.int(0...(23 * 60))) * 60
        if !Self.holidays.contains(LedgerModel.wib(probe).day) {
            let want = model.contactAllowed(a, at: probe)
            let got = try sut.canContact(account: a, at: probe, today: today)
            if got != want {
                let (day, minute) = LedgerModel.wib(probe)
                throw fail("can-contact \(a) at \(MCal.iso(day)) minute \(minute): \(got ? "allowed" : "blocked"), model \(want ? "allowed" : "blocked")")
            }
            judged[want ? "can-contact allowed" : "can-contact blocked", default: 0] += 1
        }
        if held {
            note("release \(a) (cease) on \(MCal.iso(today))")
            guard try sut.release(account: a, today: today) else { throw fail("release of \(a) refused") }
        }
        return true
    }

    // MARK: overflow (§1, R9)

    /// A charges file with an amount near the 64-bit edge among normal rows is
    /// refused whole; a promise near the edge is refused. Nothing is posted.
    mutating func overflow() throws {
        let a = rng.pick(accounts)
        let huge = Int64.max - Int64(rng.int(0...1_000_000))
        let normal = MEntry(seq: 0, account: a, kind: .charge, ref: nextRef("CH"), date: today, due: today + 10, amount: 123_400)
        fileCounter += 1
        let name = "charges-\(fileCounter).csv"
        let csv = Self.headers["charges"]! + "\n" + row(normal, reversalOf: nil).text + "\n"
            + "\(a),\(nextRef("HUGE")),\(MCal.iso(today)),\(MCal.iso(today + 10)),\(MMoney.text(huge))\n"
        note("import \(name) with an amount of \(MMoney.text(huge)): must be refused whole")
        let got = try sut.importFile(kind: "charges", name: name, csv: csv, today: today)
        guard got == .refused else { throw fail("\(name) with \(MMoney.text(huge)): expected refused, got \(got)") }
        judged["overflow refused", default: 0] += 1
        var moment = Int64(today) * 86_400 + 6 * 3_600
        while moments.contains(moment) { moment -= 60 }
        note("PTP \(a) of \(MMoney.text(huge)): must be refused")
        if try sut.promise(account: a, moment: moment, day: today, amount: huge, due: today + 3, by: ModelUsers.decider, today: today) {
            throw fail("a promise of \(MMoney.text(huge)) was accepted")
        }
        try check()
    }

    // MARK: the comparison

    mutating func checkDays() -> [Int] {
        var days: Set<Int> = [today, today - rng.int(1...15), today + rng.int(1...25)]
        if let p = model.plans.isEmpty ? nil : rng.pick(model.plans) {
            let line = rng.pick(p.lines)
            days.insert(line.due + model.grace)
            days.insert(line.due + model.grace + 1)
            days.insert(p.start)
        }
        let sorted = days.sorted()
        return sorted.count <= daysPerCheck ? sorted : [today] + sorted.filter { $0 != today }.shuffled(using: &rng).prefix(daysPerCheck - 1)
    }

    mutating func check() throws {
        let days = checkDays()
        let horizon = (days.max() ?? today) + 1
        let silent = Set(accounts.filter { model.discountIsAmbiguous($0, through: horizon) })
        for d in days {
            for p in model.plans where p.start <= d {
                let want = model.status(p, asOf: d)!
                let got = try sut.plan(p.id, asOf: d)
                if got.status != want { throw fail("plan \(p.id) as of \(MCal.iso(d)): status \(got.status), model \(want)") }
                judged["plan " + want, default: 0] += 1
                if want == "completed", let c = model.completionDay(p, asOf: d), zeroChecked.insert("\(p.id)@\(c)").inserted,
                   model.zeroOnCompletionApplies(p, completedOn: c) {
                    let b = try sut.account(p.account, asOf: c).balance
                    if b != 0 { throw fail("plan \(p.id) completed on \(MCal.iso(c)) with nothing else on \(p.account): its balance that day is \(MMoney.text(b)), not zero (model \(MMoney.text(model.position(p.account, asOf: c).balance)))") }
                    judged["zero balance on completion", default: 0] += 1
                }
                if model.decision(p, asOf: d) == .active {
                    let paid = model.paid(p, asOf: d)
                    if got.paid != paid {
                        throw fail("plan \(p.id) as of \(MCal.iso(d)): paid \(got.paid.map(MMoney.text)), model \(paid.map(MMoney.text))")
                    }
                }
            }
            for a in accounts where !skip.contains("balance") {
                // Where §8 is silent (a plan paid up while pending or before a cancel; another
                // plan's discount inside a plan's window) the brief's reading is judged: the
                // discount is in force exactly on the days the plan is completed. Set
                // `skip` "open-discount" to leave those accounts out.
                if silent.contains(a) {
                    if skip.contains("open-discount") { continue }
                    judged["balance where §8 is silent", default: 0] += 1
                }
                judged[model.plans.contains { $0.account == a && model.discountInForce($0, asOf: d) } ? "balance with a discount" : "balance", default: 0] += 1
                let want = model.position(a, asOf: d)
                let got = try sut.account(a, asOf: d)
                if got != want {
                    let live = model.plans.filter { $0.account == a }.map { "plan \($0.id) \(model.status($0, asOf: d) ?? "-") D \(MMoney.text($0.discount))" }
                    throw fail("\(a) as of \(MCal.iso(d)): balance \(MMoney.text(got.balance)) open \(MMoney.text(got.open)) unapplied \(MMoney.text(got.unapplied)); "
                               + "model \(MMoney.text(want.balance)) \(MMoney.text(want.open)) \(MMoney.text(want.unapplied)) (\(live.joined(separator: ", ")))")
                }
            }
            let want = model.promiseReport(asOf: d)
            let got = try sut.promises(asOf: d).sorted()
            for w in want { judged["promise " + w.status, default: 0] += 1 }
            if got.map({ PromiseRow(account: $0.account, madeOn: $0.madeOn, amount: $0.amount, due: $0.due, paid: nil, status: $0.status) }).sorted()
                != want.map({ PromiseRow(account: $0.account, madeOn: $0.madeOn, amount: $0.amount, due: $0.due, paid: nil, status: $0.status) }).sorted() {
                throw fail("promises as of \(MCal.iso(d)):\n    ledger \(got.map(\.description).joined(separator: "\n           "))\n    model  \(want.map(\.description).joined(separator: "\n           "))")
            }
            // paid, where the contract fixes it (not for replaced promises)
            let gotKeyed = Dictionary(grouping: got, by: { "\($0.account)|\($0.madeOn)|\($0.amount)|\($0.due)|\($0.status)" })
            for w in want where w.paid != nil {
                let k = "\(w.account)|\(w.madeOn)|\(w.amount)|\(w.due)|\(w.status)"
                if !(gotKeyed[k] ?? []).contains(where: { $0.paid == w.paid }) {
                    throw fail("promise \(w) as of \(MCal.iso(d)): the ledger's paid is \(gotKeyed[k]?.map { $0.paid.map(MMoney.text) ?? "-" } ?? [])")
                }
            }
        }
        if checkLedgerEveryStep { try ledgerCheck() }
    }

    /// `tagih check` (LedgerCheck) must pass.
    mutating func ledgerCheck() throws {
        let failed = skip.contains("check") ? [] : try sut.failedChecks()
        if !failed.isEmpty { throw fail("tagih check fails: \(failed)") }
    }
}

extension LedgerModel {
    /// A proposal on `today` (§8); an active one cancels the earlier plans active that day (R10).
    mutating func propose(id: Int64, account: String, today: Int, discountBP: Int, down: Int64, instalments: Int, every: String,
                          first: Int, by login: String, pending: Bool) -> Result<MPlan, MPlanTermsError> {
        let b = position(account, asOf: today).balance
        switch Self.terms(balance: b, discountBP: discountBP, down: down, instalments: instalments, every: every, first: first, start: today, unit: unit) {
        case .failure(let e): return .failure(e)
        case .success(let t):
            let p = MPlan(id: id, account: account, start: today, proposalSeq: lastSeq, balance: b, discountBP: discountBP, discount: t.discount,
                          total: t.total, down: down, lines: t.lines, proposedBy: login, decisions: [(today, pending ? .pending : .active)])
            if !pending { cancelEarlierActive(than: id, account: account, on: today) }
            plans.append(p)
            return .success(p)
        }
    }

    mutating func cancelEarlierActive(than id: Int64, account: String, on day: Int) {
        for i in plans.indices where plans[i].account == account && plans[i].id < id && status(plans[i], asOf: day) == "active" {
            plans[i].decisions.append((day, .cancelled))
        }
    }

    /// A lead's decision on `today`; false when the contract refuses it.
    mutating func decide(_ id: Int64, _ decision: String, today: Int) -> Bool {
        let i = plans.firstIndex { $0.id == id }!
        let now = self.decision(plans[i], asOf: today)
        switch decision {
        case "approve":
            guard now == .pending, today <= plans[i].firstDue else { return false }
            cancelEarlierActive(than: id, account: plans[i].account, on: today)
            plans[i].decisions.append((today, .active))
        case "decline":
            guard now == .pending else { return false }
            plans[i].decisions.append((today, .declined))
        default:
            guard now == .active || now == .pending else { return false }
            plans[i].decisions.append((today, .cancelled))
        }
        return true
    }
}
