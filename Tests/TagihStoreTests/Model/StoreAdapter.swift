import Foundation
import TagihCore
@testable import TagihStore

/// The ONLY file of the model suite that calls production APIs: when the
/// store's API changes, adapt these functions and nothing else. Every
/// function maps the model's plain values (days since 1970-01-01, minor
/// units) to the store's and back; a refusal (a thrown error, a refused
/// file) becomes `nil`, `false` or `.refused`.
final class StoreAdapter: LedgerUnderTest {
    let db: AppDatabase
    let scratch: Scratch

    static let users: [User] = [
        User(login: ModelUsers.adminProposer, name: "Boss", role: .admin),
        User(login: ModelUsers.collector, name: "Kolektor", role: .collector, discountLimitBasisPoints: ModelUsers.collectorLimitBP),
    ]

    convenience init() throws {
        try self.init(try AppDatabase.inMemory(settings: Settings()))
    }

    /// On a fresh ledger of either backend (`PostgresStoreAdapter` makes a PostgreSQL one).
    init(_ ledger: AppDatabase) throws {
        scratch = try Scratch()
        db = ledger
        // `admin` is the first admin (decides plans, logs contacts).
        try UserDirectory(db).bootstrapAdmin(login: ModelUsers.decider, name: "Admin", today: Fixture.today, now: Date())
        for u in Self.users { try UserDirectory(db).add(u, session: Fixture.session) }
    }

    static func day(_ n: Int) -> Day { Day(iso: MCal.iso(n))! }
    static func model(_ d: Day) -> Int { MCal.parse(d.iso) }

    /// The session of `login` on business day `today`, at 14:00 WIB of that day.
    func session(_ login: String, today: Int) -> Session {
        let user = login == ModelUsers.decider ? User(login: login, name: "Admin", role: .admin) : Self.users.first { $0.login == login }!
        return Session(user: user, realLogin: login, today: Self.day(today), now: Date(timeIntervalSince1970: Double(today * 86_400 + 7 * 3_600)))
    }

    func importFile(kind: String, name: String, csv: String, today: Int) throws -> ImportOutcome {
        let path = try scratch.write(name, csv)
        let k: ImportKind = switch kind {
        case "accounts": .accounts
        case "charges": .charges
        case "payments": .payments
        default: .adjustments
        }
        do {
            let s = try Importer(db).run(k, path: path, options: ImportOptions(), session: session(ModelUsers.decider, today: today))
            return s.refused ? .refused : .posted(s.posted)
        } catch {
            return .refused
        }
    }

    func propose(account: String, instalments: Int, discountBP: Int, down: Int64, every: String, first: Int,
                 by login: String, today: Int) throws -> (id: Int64, status: String)? {
        do {
            let p = try PlanBook(db).propose(accountNo: account, instalments: instalments, discountBasisPoints: discountBP,
                                             downPayment: Money(minor: down), frequency: PlanFrequency(rawValue: every)!,
                                             first: Self.day(first), note: nil, session: session(login, today: today))
            return (p.id, p.status.rawValue)
        } catch {
            return nil
        }
    }

    func decide(_ decision: String, plan: Int64, by login: String, today: Int) throws -> Bool {
        do {
            _ = try PlanBook(db).decide(PlanBook.Decision(rawValue: decision)!, plan: plan, note: "model", session: session(login, today: today))
            return true
        } catch {
            return false
        }
    }

    func plan(_ id: Int64, asOf day: Int) throws -> (status: String, paid: [Int64]) {
        let r = try PlanBook(db).show(String(id), asOf: Self.day(day))
        return (r.status.rawValue, r.paid.map(\.minor))
    }

    func account(_ no: String, asOf day: Int) throws -> (balance: Int64, open: Int64, unapplied: Int64) {
        let p = try LedgerReports(db).account(no, asOf: Self.day(day)).position
        return (p.balance.minor, p.openTotal.minor, p.unapplied.minor)
    }

    func promise(account: String, moment: Int64, day: Int, amount: Int64, due: Int, by login: String, today: Int) throws -> Bool {
        let request = ContactRequest(accountNo: account, channel: .phone, outcome: db.settings.outcomes["PTP"]!, reason: .financial,
                                     promise: (Money(minor: amount), Self.day(due)), at: moment, day: Self.day(day),
                                     override: "model scenario: any hour")
        do {
            _ = try ContactLog(db).log(request, session: session(login, today: today))
            return true
        } catch {
            return false
        }
    }

    func promises(asOf day: Int) throws -> [PromiseRow] {
        try ContactReports(db).promises(asOf: Self.day(day)).map {
            PromiseRow(account: $0.accountNo, madeOn: Self.model($0.madeOn), amount: $0.amount.minor, due: Self.model($0.due),
                       paid: $0.paid.minor, status: $0.status.rawValue)
        }
    }

    func attempt(account: String, moment: Int64, day: Int, today: Int) throws -> Bool {
        let request = ContactRequest(accountNo: account, channel: .phone, outcome: db.settings.outcomes["NA"]!, at: moment, day: Self.day(day))
        do {
            _ = try ContactLog(db).log(request, session: session(ModelUsers.decider, today: today))
            return true
        } catch {
            return false
        }
    }

    func hold(account: String, today: Int) throws -> Bool {
        do {
            _ = try HoldBook(db).place(accountNo: account, kind: .cease, reason: "model scenario", until: nil,
                                       session: session(ModelUsers.decider, today: today))
            return true
        } catch { return false }
    }

    func release(account: String, today: Int) throws -> Bool {
        do {
            _ = try HoldBook(db).release(accountNo: account, kind: .cease, reason: "model scenario", session: session(ModelUsers.decider, today: today))
            return true
        } catch { return false }
    }

    func canContact(account: String, at moment: Int64, today: Int) throws -> Bool {
        try ContactLog(db).verdict(account, channel: .phone, at: moment).1 == .allowed
    }

    func failedChecks() throws -> [String] {
        try LedgerCheck(db).run().filter { !$0.ok }.map { "\($0.name): \($0.problems.prefix(3).joined(separator: "; "))" }
    }
}
