import Foundation

// The party rules of CONTRACT §9 ("Contact parties"), written from the
// contract's text alone like the rest of the model: it imports nothing of
// Tagih. Shared by the store suite and the CLI suite (a symlink there).

/// One number of an account as the model keeps it.
struct MPhone: Sendable {
    var number: String
    var party: String
    var consent: Bool
    /// (day, status) in the order they were made.
    var marks: [(day: Int, status: String)] = []

    var key: String { MParty.key(number) }
}

enum MParty {
    static let parties = ["debtor", "emergency", "workplace", "other"]
    static let statuses = ["ok", "wrong", "disconnected", "do-not-call"]
    /// The outcomes that only try to locate the debtor (§9).
    static let locating: Set<String> = ["NA", "BUSY", "VM", "WN", "TP"]

    /// The same number however written: its digits, without a leading 62 or 0.
    static func key(_ n: String) -> String {
        var d = n.filter(\.isASCII).filter(\.isNumber)
        if d.hasPrefix("62") { d.removeFirst(2) } else if d.hasPrefix("0") { d.removeFirst() }
        return d
    }

    /// The status a number has on `day`: its latest mark made on or before it, else ok.
    static func status(_ p: MPhone, on day: Int) -> String { p.marks.last { $0.day <= day }?.status ?? "ok" }

    /// §9: a marked number refuses contact; an emergency number needs a
    /// recorded consent; an emergency or workplace party only for locating the debtor.
    static func allows(_ p: MPhone, outcome: String, on day: Int) -> Bool {
        if status(p, on: day) != "ok" { return false }
        if p.party == "emergency" && !p.consent { return false }
        if (p.party == "emergency" || p.party == "workplace") && !locating.contains(outcome) { return false }
        return true
    }
}

/// What the party scenarios need of a system besides `LedgerUnderTest`.
protocol PartiesUnderTest: LedgerUnderTest {
    /// `phone add`; false when refused.
    func addPhone(account: String, number: String, party: String, consent: String?, today: Int) throws -> Bool
    /// `phone mark` from `today`; false when refused.
    func markPhone(number: String, status: String, today: Int) throws -> Bool
    /// A phone contact with `outcome` at `moment` through `to` (nil: the
    /// debtor's first usable number), by the admin, with an override when
    /// `override`; false when refused.
    func contact(account: String, to: String?, outcome: String, moment: Int64, day: Int, today: Int, override: Bool) throws -> Bool
}

/// Random phones, marks and contacts, each contact judged by the model:
/// the party rules (never lifted by an override, R5) and the daily limit of
/// 3 attempts per debtor whichever number was used (lifted by an override).
struct PartyScenario {
    let seed: UInt64
    var rng: ModelRNG
    let sut: any PartiesUnderTest
    var model = LedgerModel()
    var phones: [String: [MPhone]] = [:]
    var accounts: [String] = []
    var today = MCal.parse("2026-03-02")
    var log: [String] = []
    var judged: [String: Int] = [:]
    var moments: Set<Int64> = []

    init(seed: UInt64, sut: any PartiesUnderTest) {
        self.seed = seed
        self.rng = ModelRNG(seed: seed)
        self.sut = sut
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func fail(_ m: String) -> Failure { Failure(description: "party scenario seed \(seed): \(m)\n" + log.suffix(25).joined(separator: "\n")) }

    mutating func newNumber() -> String {
        let digits = (0..<9).map { _ in String(rng.int(0...9)) }.joined()
        // The same number as people write it: 0812…, +62 812…, 62812…
        return rng.pick(["08\(digits)", "+62 8\(digits.prefix(2)) \(digits.dropFirst(2))", "628\(digits)"])
    }

    static func isContactDay(_ d: Int) -> Bool { ((d % 7) + 7 + 3) % 7 + 1 != 7 && !Scenario.holidays.contains(d) }

    mutating func run(steps: Int) throws {
        var csv = "account_no,name,phone,timezone\n"
        var shared: String?
        for i in 1...3 {
            let no = "P00\(i)"
            accounts.append(no)
            var numbers = (0..<rng.int(0...2)).map { _ in newNumber() }
            if let s = shared, rng.chance(50) { numbers.append(s) }
            shared = numbers.first ?? shared
            phones[no] = numbers.map { MPhone(number: $0, party: "debtor", consent: false) }
            csv += "\(no),Debitur \(i),\(numbers.joined(separator: ";")),Asia/Jakarta\n"
        }
        log.append(csv)
        guard try sut.importFile(kind: "accounts", name: "parties.csv", csv: csv, today: today) == .posted(3) else { throw fail("accounts not posted") }
        for _ in 0..<steps {
            today += rng.pick([0, 0, 0, 0, 1, 2])
            while !Self.isContactDay(today) { today += 1 }
            switch rng.int(0...9) {
            case 0...2: try add()
            case 3...4: try mark()
            default: try contact()
            }
        }
        let failed = try sut.failedChecks()
        if !failed.isEmpty { throw fail("check failed: \(failed)") }
    }

    mutating func add() throws {
        let a = rng.pick(accounts)
        let existing = phones.values.flatMap { $0 }
        let number = !existing.isEmpty && rng.chance(25) ? rng.pick(existing).number : newNumber()
        let party = rng.pick(MParty.parties)
        let consent: String? = rng.chance(50) ? "agreed \(MCal.iso(today))" : nil
        let i = phones[a, default: []].firstIndex { $0.key == MParty.key(number) }
        let want = i.map { phones[a]![$0].party == party } ?? true
        log.append("\(MCal.iso(today)): phone add \(a) \(number) --party \(party)\(consent.map { " --consent \($0)" } ?? ""): model \(want)")
        let got = try sut.addPhone(account: a, number: number, party: party, consent: consent, today: today)
        if got != want { throw fail("phone add \(a) \(number) \(party): \(got ? "added" : "refused"), model \(want ? "adds" : "refuses")") }
        judged[want ? "phone added" : "phone add refused: a number keeps its party", default: 0] += 1
        guard want else { return }
        if let i { phones[a]![i].consent = phones[a]![i].consent || consent != nil } else {
            phones[a, default: []].append(MPhone(number: number, party: party, consent: consent != nil))
        }
    }

    mutating func mark() throws {
        let all = phones.values.flatMap { $0 }
        guard !all.isEmpty else { return }
        let key = rng.pick(all).key
        let status = rng.chance(30) ? "ok" : rng.pick(MParty.statuses)
        log.append("\(MCal.iso(today)): phone mark \(key) --status \(status)")
        guard try sut.markPhone(number: "0" + key, status: status, today: today) else { throw fail("phone mark 0\(key) refused") }
        for a in accounts {
            for i in phones[a, default: []].indices where phones[a]![i].key == key { phones[a]![i].marks.append((today, status)) }
        }
        judged["phone marked \(status)", default: 0] += 1
    }

    mutating func contact() throws {
        // Half of them on the first account, so its days reach the limit.
        let a = rng.chance(50) ? accounts[0] : rng.pick(accounts)
        let list = phones[a, default: []]
        var to: String?
        if !list.isEmpty && rng.chance(65) { to = rng.pick(list).number } else if rng.chance(15) { to = newNumber() }
        let outcome = rng.pick(["NA", "BUSY", "VM", "WN", "TP", "RPC", "CB", "DSP", "RTP"])
        let override = rng.chance(20)
        // 08:00 to 14:00 WIB today: within the hours and the last day, never ahead of the clock at 14:00.
        var moment = Int64(today) * 86_400 + Int64(rng.int(60...419)) * 60
        while moments.contains(moment) { moment -= 60 }
        let why: String
        var want: Bool
        let phone = to.map { t in list.first { $0.key == MParty.key(t) } } ?? list.first { $0.party == "debtor" && MParty.status($0, on: today) == "ok" }
        if let to, phone == nil {
            (want, why) = (false, "unknown number \(to)")
        } else if to == nil, phone == nil, list.contains(where: { $0.party == "debtor" }) {
            (want, why) = (false, "no usable debtor number")
        } else if let p = phone, !MParty.allows(p, outcome: outcome, on: today) {
            (want, why) = (false, "party rule (\(p.party), \(MParty.status(p, on: today)), consent \(p.consent))")
        } else if !override && !model.contactAllowed(a, at: moment) {
            (want, why) = (false, "the day's limit")
        } else {
            (want, why) = (true, override ? "allowed (overridden)" : "allowed")
        }
        log.append("\(MCal.iso(today)): contact \(a) \(outcome)\(to.map { " --to \($0)" } ?? "")\(override ? " --override" : ""): model \(why)")
        let got = try sut.contact(account: a, to: to, outcome: outcome, moment: moment, day: today, today: today, override: override)
        if got != want { throw fail("contact \(a) \(outcome) to \(to ?? "-"): \(got ? "logged" : "refused"), model: \(why)") }
        judged[want ? why : "refused: " + (why.hasPrefix("party") ? "party rule" : why.hasPrefix("unknown") ? "unknown number" : why), default: 0] += 1
        if got { moments.insert(moment); model.attempts.append(MAttempt(account: a, moment: moment)) }
    }
}
