import Foundation
import Testing

/// The model scenarios through the real binary: the ONLY file of the CLI model
/// suite that knows the command line. `admin01` (the runner's login, the first
/// admin) imports, decides and logs contacts; `boss` and `col01` propose as
/// the runner's user (an admin acting for them: only an admin may fix the day
/// of a recording command).
final class CLIAdapter: LedgerUnderTest {
    let t: TagihRunner
    var files = 0

    init() throws {
        t = try TagihRunner()
        try t.ok("init")
        try t.ok("user", "add", ModelUsers.adminProposer, "--name", "Boss", "--role", "admin")
        try t.ok("user", "add", ModelUsers.collector, "--name", "Kolektor", "--role", "collector",
                 "--discount-limit", Self.percent(ModelUsers.collectorLimitBP))
    }

    deinit { t.cleanup() }

    static func percent(_ bp: Int) -> String { "\(bp / 100)." + (bp % 100 < 10 ? "0" : "") + "\(bp % 100)" }

    struct Failed: Error, CustomStringConvertible { var description: String }

    /// Runs `tagih --today DAY args` as `login` (the runner's own user for `admin`; others
    /// through the runner, which acts for them with the admin's `--as`).
    func run(_ args: [String], today: Int, as login: String = ModelUsers.decider, env: [String: String] = [:]) throws -> TagihRunner.Result {
        var r = t
        if login != ModelUsers.decider { r.user = login }
        r.environment = env
        let result = try r.run(["--today", MCal.iso(today)] + args)
        if result.status > 1 || result.stderr.contains("Fatal error") {
            throw Failed(description: "tagih \(args.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result
    }

    func importFile(kind: String, name: String, csv: String, today: Int) throws -> ImportOutcome {
        files += 1
        let file = "\(files)-\(name)"
        try t.write(file, csv)
        let r = try run(["import", kind, file], today: today)
        guard r.status == 0 else { return .refused }
        // The summary line: "… N posted …".
        let words = r.stdout.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" })
        guard let i = words.firstIndex(of: "posted"), i > 0, let n = Int(words[i - 1]) else {
            throw Failed(description: "import summary without a posted count: \(r.stdout)")
        }
        return .posted(n)
    }

    func propose(account: String, instalments: Int, discountBP: Int, down: Int64, every: String, first: Int,
                 by login: String, today: Int) throws -> (id: Int64, status: String)? {
        let r = try run(["plan", "propose", account, "--instalments", String(instalments), "--discount", Self.percent(discountBP),
                                         "--down", MMoney.text(down), "--every", every, "--first", MCal.iso(first)], today: today, as: login)
        guard r.status == 0 else { return nil }
        let head = r.stdout.split(separator: "\n").first?.split(separator: " ") ?? []
        guard head.count == 3, head[0] == "plan", let id = Int64(head[1]) else { throw Failed(description: "propose printed \(r.stdout)") }
        return (id, String(head[2]))
    }

    func decide(_ decision: String, plan: Int64, by login: String, today: Int) throws -> Bool {
        let extra = decision == "approve" ? ["--note", "model"] : ["--reason", "model"]
        return try run(["plan", decision, String(plan)] + extra, today: today, as: login).status == 0
    }

    func json(_ r: TagihRunner.Result) throws -> [String: Any] {
        guard r.status == 0, let o = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] else {
            throw Failed(description: "no JSON object: \(r.stdout) \(r.stderr)")
        }
        return o
    }

    static func money(_ v: Any?) throws -> Int64 {
        guard let s = v as? String, let m = MMoney.parse(s) else { throw Failed(description: "not an amount: \(String(describing: v))") }
        return m
    }

    func plan(_ id: Int64, asOf day: Int) throws -> (status: String, paid: [Int64]) {
        let o = try json(try run(["plan", "show", String(id), "--format", "json"], today: day))
        let schedule = (o["schedule"] as? [[String: Any]]) ?? []
        return ((o["status"] as? String) ?? "?", try schedule.map { try Self.money($0["paid"]) })
    }

    func account(_ no: String, asOf day: Int) throws -> (balance: Int64, open: Int64, unapplied: Int64) {
        let o = try json(try run(["account", no, "--as-of", MCal.iso(day), "--format", "json"], today: day))
        let open = try ((o["open_charges"] as? [[String: Any]]) ?? []).reduce(Int64(0)) { $0 + (try Self.money($1["open"])) }
        return (try Self.money(o["balance"]), open, try Self.money(o["unapplied"]))
    }

    /// A moment as `--at` takes it, in WIB with its offset.
    static func at(_ moment: Int64) -> String {
        let local = moment + 7 * 3_600
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(MCal.iso(Int(local / 86_400)))T\(two(local % 86_400 / 3_600)):\(two(local % 3_600 / 60))+07:00"
    }

    func attempt(account: String, moment: Int64, day: Int, today: Int) throws -> Bool {
        try run(["contact", "log", account, "--channel", "phone", "--outcome", "NA", "--at", Self.at(moment)], today: today,
                env: ["TAGIH_NOW": "\(MCal.iso(today))T14:00:00+07:00"]).status == 0
    }

    func canContact(account: String, at moment: Int64, today: Int) throws -> Bool {
        try run(["can-contact", account, "--channel", "phone", "--at", Self.at(moment)], today: today,
                env: ["TAGIH_NOW": "\(MCal.iso(today))T14:00:00+07:00"]).status == 0
    }

    func hold(account: String, today: Int) throws -> Bool {
        try run(["hold", account, "--kind", "cease", "--reason", "model scenario"], today: today).status == 0
    }

    func release(account: String, today: Int) throws -> Bool {
        try run(["release", account, "--kind", "cease", "--reason", "model scenario"], today: today).status == 0
    }

    func promise(account: String, moment: Int64, day: Int, amount: Int64, due: Int, by login: String, today: Int) throws -> Bool {
        let at = Self.at(moment)
        let now = "\(MCal.iso(today))T14:00:00+07:00"
        let r = try run(["contact", "log", account, "--channel", "phone", "--outcome", "PTP", "--reason", "financial",
                                         "--promise", MMoney.text(amount), "--promise-date", MCal.iso(due), "--at", at,
                                         "--override", "model scenario"], today: today, as: login, env: ["TAGIH_NOW": now])
        return r.status == 0
    }

    func promises(asOf day: Int) throws -> [PromiseRow] {
        let r = try run(["report", "promises", "--as-of", MCal.iso(day), "--format", "csv"], today: day)
        guard r.status == 0 else { throw Failed(description: "report promises: \(r.stderr)") }
        let lines = r.stdout.split(separator: "\n").map(String.init)
        guard lines.first == "account_no,made_on,made_by,amount,due_date,paid,status" else { throw Failed(description: "promises header: \(r.stdout)") }
        return try lines.dropFirst().map { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 7 else { throw Failed(description: "promise row: \(line)") }
            return PromiseRow(account: f[0], madeOn: MCal.parse(f[1]), amount: try Self.money(f[3]), due: MCal.parse(f[4]),
                              paid: try Self.money(f[5]), status: f[6])
        }
    }

    func failedChecks() throws -> [String] {
        let r = try t.run(["check"])
        return r.status == 0 ? [] : [r.stdout + r.stderr]
    }
}
