// The independent model of CONTRACT.md §5 (balance), §6 (promises), §8 (plans),
// rulings R10–R12, written from the contract's text alone. It imports nothing of
// Tagih on purpose (its own days, its own money as Int64 minor units), so the
// same file serves the store suite and the CLI suite (a symlink there) and
// shares no code — and no mistake — with the production settlement.

/// Days as a count from 1970-01-01, with the civil calendar done here.
enum MCal {
    /// Days since 1970-01-01 of a civil date (proleptic Gregorian).
    static func day(_ y: Int, _ m: Int, _ d: Int) -> Int {
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(_ n: Int) -> (y: Int, m: Int, d: Int) {
        let z = n + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func parse(_ s: String) -> Int {
        let p = s.split(separator: "-").map { Int($0)! }
        return day(p[0], p[1], p[2])
    }

    static func iso(_ n: Int) -> String {
        let c = civil(n)
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(c.y, 4))-\(pad(c.m, 2))-\(pad(c.d, 2))"
    }

    static func monthLength(_ y: Int, _ m: Int) -> Int {
        day(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - day(y, m, 1)
    }

    /// `months` months after `from`, on the day of the month `dom`, clamped to the month's end (§8).
    static func addMonths(_ from: Int, _ months: Int, dom: Int) -> Int {
        let c = civil(from)
        let total = c.y * 12 + (c.m - 1) + months
        let y = total / 12, m = total % 12 + 1
        return day(y, m, min(dom, monthLength(y, m)))
    }
}

/// Money as text in the machine format: `1250000.00`, `-5000.00`.
enum MMoney {
    static func text(_ minor: Int64) -> String {
        let neg = minor < 0
        let mag = minor.magnitude
        let units = mag / 100, cents = mag % 100
        return (neg ? "-" : "") + "\(units)." + (cents < 10 ? "0" : "") + "\(cents)"
    }

    static func parse(_ s: String) -> Int64? {
        var t = Substring(s)
        var neg = false
        if t.first == "-" { neg = true; t = t.dropFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard let units = Int64(parts[0]) else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let c = String(parts[1])
            guard c.count <= 2, let v = Int64(c) else { return nil }
            cents = c.count == 1 ? v * 10 : v
        }
        let v = units * 100 + cents
        return neg ? -v : v
    }
}

struct MEntry: Sendable {
    enum Kind: String, Sendable { case charge, payment, credit, writeoff }
    var seq: Int                  // the order it was posted in (0 = not yet)
    var account: String
    var kind: Kind
    var ref: String
    var channel: String = ""
    var date: Int                 // issue date of a charge, paid_on, adjustment date
    var due: Int = 0              // a charge's due date
    var amount: Int64
    var reversedOn: Int? = nil    // a payment's reversal date, once the reversal is posted
}

enum MDecision: String, Sendable { case active, pending, declined, cancelled }

struct MPlan: Sendable {
    var id: Int64
    var account: String
    var start: Int
    /// Entries with a seq above this were posted after the proposal.
    var proposalSeq: Int
    var balance: Int64
    var discountBP: Int
    var discount: Int64
    var total: Int64
    var down: Int64
    var lines: [(due: Int, amount: Int64)]
    var proposedBy: String
    /// Decisions in the order they were taken, each with its business day.
    var decisions: [(day: Int, decision: MDecision)]
    var firstDue: Int { lines[0].due }
}

struct MPromise: Sendable {
    var account: String
    var moment: Int64            // unix seconds of the contact
    var madeOn: Int              // the contact's day
    var amount: Int64
    var due: Int
    var madeBy: String
}

enum MPlanTermsError: Error, Equatable { case instalmentBelowUnit, downNotBelowTotal, firstBeforeStart }

/// A recorded contact attempt (promises included: a PTP is an attempt).
struct MAttempt: Sendable {
    var account: String
    var moment: Int64
}

struct LedgerModel: Sendable {
    var grace = 2
    var unit: Int64 = 100          // one rupiah in sen
    var entries: [MEntry] = []
    var plans: [MPlan] = []
    var promises: [MPromise] = []
    var attempts: [MAttempt] = []
    /// Holds in force (no end set, not released), by account and first day.
    var holds: [(account: String, since: Int)] = []
    var lastSeq = 0

    // MARK: entries

    mutating func post(_ e: MEntry) {
        var e = e
        lastSeq += 1
        e.seq = lastSeq
        entries.append(e)
    }

    mutating func reverse(paymentRef: String, channel: String, on day: Int) {
        let i = entries.firstIndex { $0.kind == .payment && $0.ref == paymentRef && $0.channel == channel }!
        entries[i].reversedOn = day
    }

    static func counts(_ e: MEntry, asOf d: Int) -> Bool {
        guard e.date <= d else { return false }
        if let r = e.reversedOn, r <= d { return false }
        return true
    }

    /// Charges and credits as of `d`, without plan discounts.
    func gross(_ account: String, asOf d: Int) -> (charges: Int64, credits: Int64) {
        var ch: Int64 = 0, cr: Int64 = 0
        for e in entries where e.account == account && Self.counts(e, asOf: d) {
            if e.kind == .charge { ch += e.amount } else { cr += e.amount }
        }
        return (ch, cr)
    }

    /// §5: balance = open charges − unapplied credit, which (with credits
    /// that only name no invoice) is charges − credits; §8: plus the plan
    /// discounts in force that day.
    func position(_ account: String, asOf d: Int) -> (balance: Int64, open: Int64, unapplied: Int64) {
        var (ch, cr) = gross(account, asOf: d)
        for p in plans where p.account == account && discountInForce(p, asOf: d) { cr += p.discount }
        let b = ch - cr
        return (b, max(0, b), max(0, -b))
    }

    // MARK: plans (§8, R10)

    /// §8's arithmetic: D, T, the lines and their due dates.
    static func terms(balance: Int64, discountBP: Int, down: Int64, instalments n: Int, every: String, first: Int, start: Int,
                      unit: Int64 = 100) -> Result<(discount: Int64, total: Int64, lines: [(due: Int, amount: Int64)]), MPlanTermsError> {
        if first < start { return .failure(.firstBeforeStart) }
        let discount = balance > 0 ? balance * Int64(discountBP) / 10_000 : 0
        let total = balance - discount
        if down >= total { return .failure(.downNotBelowTotal) }
        let rest = total - down
        let each = rest / Int64(n) / unit * unit
        if each < unit { return .failure(.instalmentBelowUnit) }
        var lines: [(due: Int, amount: Int64)] = []
        if down > 0 { lines.append((first, down)) }
        let dom = MCal.civil(first).d
        for k in 1...n {
            let periods = k - 1 + (down > 0 ? 1 : 0)
            let due: Int
            switch every {
            case "week": due = first + 7 * periods
            case "2weeks": due = first + 14 * periods
            default: due = MCal.addMonths(first, periods, dom: dom)
            }
            lines.append((due, k == n ? rest - each * Int64(n - 1) : each))
        }
        return .success((discount, total, lines))
    }

    /// The plan's payments as of `d`: payments and credits B did not hold,
    /// dated on or before `d`, not reversed as of `d`; never write-offs and
    /// never a plan discount (those are not entries of this model).
    func planPayments(_ p: MPlan, asOf d: Int) -> [(date: Int, amount: Int64)] {
        entries.filter { e in
            e.account == p.account && (e.kind == .payment || e.kind == .credit)
                && (e.date > p.start || (e.date == p.start && e.seq > p.proposalSeq))
                && Self.counts(e, asOf: d)
        }.map { ($0.date, $0.amount) }.sorted { $0.date < $1.date }
    }

    /// The day from which the plan is broken as of `d`, if it is.
    func breakDay(_ p: MPlan, asOf d: Int) -> Int? {
        let pays = planPayments(p, asOf: d)
        var cum: Int64 = 0
        for line in p.lines {
            cum += line.amount
            let end = line.due + grace
            guard end + 1 <= d else { break }   // lines are in due order: later ones end later
            let paid = pays.filter { $0.date <= end }.reduce(Int64(0)) { $0 + $1.amount }
            if paid < cum { return end + 1 }
        }
        return nil
    }

    /// The first day on or before `d` when the plan's payments reach T.
    func completionDay(_ p: MPlan, asOf d: Int) -> Int? {
        var cum: Int64 = 0
        for pay in planPayments(p, asOf: d) {
            cum += pay.amount
            if cum >= p.total { return pay.date }
        }
        return nil
    }

    func decision(_ p: MPlan, asOf d: Int) -> MDecision? {
        p.decisions.last { $0.day <= d }?.decision
    }

    /// What the ledger derives for an active decision.
    func derived(_ p: MPlan, asOf d: Int) -> String {
        if breakDay(p, asOf: d) != nil { return "broken" }
        if completionDay(p, asOf: d) != nil { return "completed" }
        return "active"
    }

    /// The status as of `d` (R10: derived only under an active decision).
    func status(_ p: MPlan, asOf d: Int) -> String? {
        guard let dec = decision(p, asOf: d) else { return nil }
        return dec == .active ? derived(p, asOf: d) : dec.rawValue
    }

    /// What the plan's payments cover of each line, in due order.
    func paid(_ p: MPlan, asOf d: Int) -> [Int64] {
        var left = planPayments(p, asOf: d).reduce(Int64(0)) { $0 + $1.amount }
        return p.lines.map { line in
            let x = min(left, line.amount)
            left -= x
            return x
        }
    }

    func discountInForce(_ p: MPlan, asOf d: Int) -> Bool {
        p.discount > 0 && status(p, asOf: d) == "completed"
    }

    /// The discount entries the contract implies, from the day-by-day in-force
    /// state: a credit `PLAN-<id>-DISCOUNT[-k]` dated the day it comes into force,
    /// a reversal `…-REV` dated the day it goes out.
    func discountEntries(_ p: MPlan, through last: Int) -> [(ref: String, date: Int, amount: Int64)] {
        var out: [(ref: String, date: Int, amount: Int64)] = []
        var on = false, k = 0, ref = ""
        guard p.discount > 0 else { return [] }
        for d in p.start...max(p.start, last) {
            let now = discountInForce(p, asOf: d)
            if now && !on {
                k += 1
                ref = "PLAN-\(p.id)-DISCOUNT" + (k == 1 ? "" : "-\(k)")
                out.append((ref, d, p.discount))
            } else if !now && on {
                out.append((ref + "-REV", d, -p.discount))
            }
            on = now
        }
        return out
    }

    /// Accounts whose plan discount the contract leaves open (the scenarios
    /// judge them by the brief's reading, in force exactly while completed,
    /// unless told to skip them): a plan fully paid on a day its
    /// decision is not active (paid while pending, or before a later cancel:
    /// is the discount dated at the payments or at the decision?), and a plan
    /// that could count another plan's discount as a "credit adjustment".
    func discountIsAmbiguous(_ account: String, through last: Int) -> Bool {
        let ps = plans.filter { $0.account == account }
        for p in ps {
            guard p.start <= last else { continue }
            for d in p.start...last where decision(p, asOf: d) != .active {
                if breakDay(p, asOf: d) == nil && completionDay(p, asOf: d) != nil && p.discount > 0 { return true }
            }
            for q in ps where q.id != p.id && q.discount > 0 {
                let before = discountInForce(q, asOf: p.start - 1)
                if (p.start...last).contains(where: { discountInForce(q, asOf: $0) != before }) { return true }
            }
        }
        return false
    }

    /// §8: "a completed plan's account balance is zero on its completion day
    /// unless new charges came". True when the sentence applies as written:
    /// the account holds only what B held (none of it reversed by then), the
    /// plan's payments (exactly T by `c`) and entries dated after `c`, no
    /// other plan's discount, and the plan's decision active on `c`.
    func zeroOnCompletionApplies(_ p: MPlan, completedOn c: Int) -> Bool {
        // Paid up while still pending: completed only from the approval (§8 is silent there).
        if decision(p, asOf: c) != .active { return false }
        if plans.contains(where: { $0.account == p.account && $0.id != p.id && $0.discount > 0 }) { return false }
        let pays = planPayments(p, asOf: c)
        if pays.reduce(Int64(0), { $0 + $1.amount }) != p.total { return false }
        for e in entries where e.account == p.account {
            let held = e.seq <= p.proposalSeq && e.date <= p.start
            if held {
                if let r = e.reversedOn, r <= c { return false }
                continue
            }
            if e.date > c { continue }
            let isPlanPayment = (e.kind == .payment || e.kind == .credit)
                && (e.date > p.start || (e.date == p.start && e.seq > p.proposalSeq))
            if isPlanPayment { continue }
            return false
        }
        return true
    }

    // MARK: the contact policy, preset ojk (§6, R12), debtors in WIB

    /// The debtor-local day and minute of a moment (WIB, UTC+7, no DST).
    static func wib(_ moment: Int64) -> (day: Int, minute: Int) {
        let local = moment + 7 * 3_600
        let day = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        return (day, Int(local - Int64(day) * 86_400) / 60)
    }

    /// May a phone attempt be made at `moment` (no holiday in play)? Monday to
    /// Saturday, 08:00 up to 20:00, and fewer than 3 attempts that debtor-local
    /// day in the whole record, before and after the moment (R12: the record
    /// in time order, whatever the logging order).
    func contactAllowed(_ account: String, at moment: Int64) -> Bool {
        let (day, minute) = Self.wib(moment)
        // A hold other than hardship blocks every contact on a day from its first (CONTRACT §9).
        if holds.contains(where: { $0.account == account && day >= $0.since }) { return false }
        let weekday = ((day % 7) + 7 + 3) % 7 + 1          // 1970-01-01 was a Thursday; Monday = 1
        guard weekday != 7, minute >= 8 * 60, minute < 20 * 60 else { return false }
        return attempts.filter { $0.account == account && Self.wib($0.moment).day == day }.count < 3
    }

    // MARK: promises (§6, R12)

    /// Payments counted toward a promise as of `d` (at most its amount).
    func promisePaid(_ p: MPromise, asOf d: Int) -> Int64 {
        let end = min(p.due + grace, d)
        let sum = entries.filter { $0.account == p.account && $0.kind == .payment && $0.date >= p.madeOn && $0.date <= end && Self.counts($0, asOf: d) }
            .reduce(Int64(0)) { $0 + $1.amount }
        return min(sum, p.amount)
    }

    /// kept / broken / open, before replacement.
    func ownStatus(_ p: MPromise, asOf d: Int) -> String {
        if promisePaid(p, asOf: d) >= p.amount { return "kept" }
        if d > p.due + grace { return "broken" }
        return "open"
    }

    /// R12 and §6: replaced from the day a promise of a later contact moment is
    /// made while this one is still open.
    func promiseStatus(_ p: MPromise, asOf d: Int) -> String {
        for q in promises where q.account == p.account && q.moment > p.moment && q.madeOn <= d {
            if ownStatus(p, asOf: q.madeOn) == "open" { return "replaced" }
        }
        return ownStatus(p, asOf: d)
    }

    /// The promises report as of `d`, in a canonical order.
    func promiseReport(asOf d: Int) -> [PromiseRow] {
        promises.filter { $0.madeOn <= d }.map { p in
            let st = promiseStatus(p, asOf: d)
            return PromiseRow(account: p.account, madeOn: p.madeOn, amount: p.amount, due: p.due,
                              paid: st == "replaced" ? nil : promisePaid(p, asOf: d), status: st)
        }.sorted()
    }
}

/// One row of `report promises`, as the tests compare it (`paid` nil: not compared).
struct PromiseRow: Comparable, CustomStringConvertible, Sendable {
    var account: String
    var madeOn: Int
    var amount: Int64
    var due: Int
    var paid: Int64?
    var status: String

    static func < (l: PromiseRow, r: PromiseRow) -> Bool {
        (l.madeOn, l.account, l.due, l.amount, l.status) < (r.madeOn, r.account, r.due, r.amount, r.status)
    }

    var description: String {
        "\(account) made \(MCal.iso(madeOn)) \(MMoney.text(amount)) due \(MCal.iso(due)) paid \(paid.map(MMoney.text) ?? "-") \(status)"
    }
}
