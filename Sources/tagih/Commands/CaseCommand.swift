import ArgumentParser
import Foundation
import TagihCore
import TagihStore

extension CaseType: ExpressibleByArgument {}
extension CaseOutcome: ExpressibleByArgument {}
extension CaseVia: ExpressibleByArgument {}

/// `tagih case …` (CONTRACT §9, R22).
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "Billing questions, disputes, complaints and restructuring requests, to a deadline.",
        subcommands: [Open.self, Note.self, Extend.self, Resolve.self, Approve.self, Decline.self, List.self, Show.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Open a case; prints `case <id> open, due YYYY-MM-DD`.",
            discussion: "Due cases.working_days working days after today (Monday to Friday, not a holiday of the rules). A dispute puts the account on a dispute hold until the case is resolved.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account number.") var accountNo: String
        @Option(help: "question, dispute, complaint or restructure.") var type: CaseType
        @Option(help: "What it is about, in words.") var summary: String
        @Option(name: .customLong("charge"), help: ArgumentHelp("A charge it is about (repeatable).", valueName: "ref")) var charges: [String] = []
        @Option(help: ArgumentHelp("The amount in question.", valueName: "amount")) var amount: String?
        @Option(help: "phone, email, letter, visit or ojk.") var via: CaseVia?

        func run() throws {
            let ctx = try CommandContext(global)
            let money = try amount.map { try parseAmount($0, option: "--amount", ctx) }
            let (db, session) = try ctx.session()
            let o = try CaseBook(db).open(accountNo: accountNo, type: type, summary: summary, charges: charges, amount: money, via: via,
                                          session: session)
            say("case \(o.id) open, due \(o.due.iso)")
            if let h = o.hold { say("hold \(h.id) dispute since \(h.since.iso), until the case is resolved") }
        }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a note to a case.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var caseID: Int64
        @Argument(help: "The note.") var text: String
        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session()
            try CaseBook(db).note(caseID, text: text, session: session)
            say("case \(caseID) noted")
        }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Extend an open case's deadline once, by cases.extension_days working days.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var caseID: Int64
        @Option(help: "Why, in words.") var reason: String
        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session()
            let due = try CaseBook(db).extend(caseID, reason: reason, session: session)
            say("case \(caseID) extended, due \(due.iso)")
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Resolve an open case.",
            discussion: "A credit posts a credit adjustment CASE-<id> dated the day it takes effect: at once for a lead or admin, on a lead's approval for a collector (until then the case is awaiting approval). Resolving releases the case's hold.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var caseID: Int64
        @Option(help: "upheld, rejected or partly.") var outcome: CaseOutcome
        @Option(help: "The resolution, in words.") var note: String
        @Option(help: ArgumentHelp("A credit to the account.", valueName: "amount")) var credit: String?
        func run() throws {
            let ctx = try CommandContext(global)
            let money = try credit.map { try parseAmount($0, option: "--credit", ctx) }
            let (db, session) = try ctx.session()
            let s = try CaseBook(db).resolve(caseID, outcome: outcome, note: note, credit: money, session: session)
            say("case \(caseID) \(s.status.rawValue)" + (s.credited.map { ", credited \($0.machine(db.settings.currency)) as CASE-\(caseID)" } ?? ""))
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a collector's credit resolution (leads and admins; never one's own).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var caseID: Int64
        @Option(help: "A note.") var note: String?
        func run() throws { try decide(global, caseID, approve: true, note) }
    }

    struct Decline: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decline a collector's credit resolution: the case is open again.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var caseID: Int64
        @Option(help: "Why, in words.") var reason: String
        func run() throws { try decide(global, caseID, approve: false, reason) }
    }

    static func decide(_ global: GlobalOptions, _ id: Int64, approve: Bool, _ note: String?) throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session()
        let s = try CaseBook(db).decide(id, approve: approve, note: note, session: session)
        say("case \(id) \(s.status.rawValue)" + (s.credited.map { ", credited \($0.machine(db.settings.currency)) as CASE-\(id)" } ?? ""))
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cases, newest first, with their status as of today (or --today).",
            discussion: "--status open lists every unresolved case (overdue and awaiting approval included). Columns: id, account_no, type, opened, due, status, resolved, outcome, credit, summary.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "open, overdue, awaiting or resolved.") var status: String?
        @Option(help: ArgumentHelp("Only this account's cases.", valueName: "account_no")) var account: String?
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var scope: ScopeOption

        func validate() throws {
            if let s = status, !["open", "overdue", "awaiting", "resolved"].contains(s) {
                throw ValidationError("--status \(s) is not a case status (open, overdue, awaiting, resolved)")
            }
        }

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session(access: .read)
            // One account's cases are read like the account itself (R4); lists follow the scope.
            let collectors = account == nil ? try scope.collectors(db, session) : nil
            let cases = try CaseBook(db).list(status: status, asOf: ctx.today, collectors: collectors, accountNo: account)
            let r = CaseRenderer(currency: db.settings.currency, strings: ctx.strings, money: ctx.money)
            switch format {
            case .csv: try emit(r.csv(cases), exact: true)
            case .json: try emit(JSON.object([("as_of", .string(ctx.today.iso)), ("cases", .array(cases.map(r.object)))]).rendered())
            case .table: try emit(r.table(cases))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One case with its history.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The case id.") var caseID: Int64
        @Option(help: "table or json.") var format: OutputFormat = .table
        func run() throws {
            let ctx = try CommandContext(global)
            let (db, _) = try ctx.session(access: .read)
            let c = try CaseBook(db).show(caseID, asOf: ctx.today)
            let r = CaseRenderer(currency: db.settings.currency, strings: ctx.strings, money: ctx.money)
            try emit(format == .json ? JSON.object(r.fields(c) + [("events", .array(c.record.events.map(r.event)))]).rendered() : r.detail(c))
        }
    }
}

func parseAmount(_ text: String, option: String, _ ctx: CommandContext) throws -> Money {
    do { return try Money.parse(text, currency: ctx.settings.currency) } catch .overflow {
        throw CommandError.failed("amount overflow: \(option) \(text) exceeds what Tagih can hold exactly")
    } catch {
        throw CommandError.usage("\(option) \(text) is not an amount (digits with at most \(ctx.settings.currency.minorDigits) decimals)")
    }
}

/// Cases as text, CSV and JSON.
struct CaseRenderer {
    let currency: Currency
    let strings: Strings
    let money: MoneyFormatter

    static let columns = "id,account_no,type,opened,due,status,resolved,outcome,credit,summary"

    func csv(_ cases: [CaseBook.Listed]) -> String {
        var out = Self.columns + "\n"
        for c in cases {
            out += [String(c.record.id), csvField(c.record.accountNo), c.record.type.rawValue, c.record.opened.iso, c.state.due.iso,
                    c.state.status.rawValue, c.state.resolvedOn?.iso ?? "", c.state.resolution?.outcome?.rawValue ?? "",
                    c.state.credited?.machine(currency) ?? c.state.resolution?.credit?.machine(currency) ?? "",
                    csvField(c.record.summary)].joined(separator: ",") + "\n"
        }
        return out
    }

    func object(_ c: CaseBook.Listed) -> JSON { .object(fields(c)) }

    func fields(_ c: CaseBook.Listed) -> [(String, JSON)] {
        let credit = c.state.credited ?? c.state.resolution?.credit
        return [
            ("id", .int(Int(c.record.id))), ("account_no", .string(c.record.accountNo)), ("type", .string(c.record.type.rawValue)),
            ("via", c.record.via.map { .string($0.rawValue) } ?? .null), ("summary", .string(c.record.summary)),
            ("charges", .array(c.record.charges.map { .string($0) })),
            ("amount", c.record.amount.map { .string($0.machine(currency)) } ?? .null),
            ("opened", .string(c.record.opened.iso)), ("opened_by", .string(c.record.openedBy)), ("due", .string(c.state.due.iso)),
            ("extended", .bool(c.state.extended)), ("status", .string(c.state.status.rawValue)),
            ("resolved", c.state.resolvedOn.map { .string($0.iso) } ?? .null),
            ("outcome", c.state.resolution?.outcome.map { .string($0.rawValue) } ?? .null),
            ("credit", credit.map { .string($0.machine(currency)) } ?? .null),
        ]
    }

    func event(_ e: CaseEvent) -> JSON {
        .object([("kind", .string(e.kind.rawValue)), ("day", .string(e.day.iso)), ("by", .string(e.by)),
                 ("note", e.note.map { .string($0) } ?? .null), ("outcome", e.outcome.map { .string($0.rawValue) } ?? .null),
                 ("credit", e.credit.map { .string($0.machine(currency)) } ?? .null)])
    }

    var id: Bool { strings.language == .id }

    func table(_ cases: [CaseBook.Listed]) -> String {
        var t = TextTable(headers: id ? ["Kasus", "Akun", "Jenis", "Dibuka", "Batas", "Status", "Selesai", "Kredit", "Ringkasan"]
                                      : ["Case", "Account", "Type", "Opened", "Due", "Status", "Resolved", "Credit", "Summary"],
                          align: [.right, .left, .left, .left, .left, .left, .left, .right, .left])
        for c in cases {
            let credit = c.state.credited ?? c.state.resolution?.credit
            t.rows.append([String(c.record.id), TextField.visible(c.record.accountNo), c.record.type.rawValue, c.record.opened.iso,
                           c.state.due.iso, strings.caseStatus(c.state.status), c.state.resolvedOn?.iso ?? "",
                           credit.map(money.format) ?? "", TextField.visible(String(c.record.summary.prefix(40)))])
        }
        let title = id ? "\(cases.count) kasus" : "\(cases.count) case\(cases.count == 1 ? "" : "s")"
        return title + "\n\n" + (cases.isEmpty ? "" : t.rendered())
    }

    func detail(_ c: CaseBook.Listed) -> String {
        var out = "case \(c.record.id) \(c.record.type.rawValue) on \(TextField.visible(c.record.accountNo)): \(strings.caseStatus(c.state.status))\n"
        out += "opened \(c.record.opened.iso) by \(c.record.openedBy)" + (c.record.via.map { " via \($0.rawValue)" } ?? "")
            + ", due \(c.state.due.iso)\(c.state.extended ? " (extended)" : "")\n"
        out += "summary: \(TextField.visible(c.record.summary))\n"
        if !c.record.charges.isEmpty { out += "charges: \(c.record.charges.map(TextField.visible).joined(separator: ", "))\n" }
        if let a = c.record.amount { out += "amount: \(money.format(a))\n" }
        for e in c.record.events {
            out += "  \(e.day.iso) \(e.by) \(e.kind.rawValue)" + (e.outcome.map { " \($0.rawValue)" } ?? "")
                + (e.credit.map { " credit \(money.format($0))" } ?? "") + (e.note.map { ": \(TextField.visible($0))" } ?? "") + "\n"
        }
        return out
    }
}

/// `report cases` (CONTRACT §9): one row per type.
struct CaseReportRenderer: ReportFormats {
    var rows: [CaseReportRow]
    var from: Day
    var to: Day
    var currency: Currency
    var strings: Strings
    var money: MoneyFormatter

    static let columns = "type,opened,resolved,resolved_in_time,overdue_open,median_days,credited"

    func csv() -> String {
        var out = Self.columns + "\n"
        for r in rows {
            out += [r.type.rawValue, String(r.opened), String(r.resolved), String(r.resolvedInTime), String(r.overdueOpen),
                    r.medianDaysTenths.map(Cases.tenths) ?? "", r.credited.machine(currency)].joined(separator: ",") + "\n"
        }
        return out
    }

    func json() -> String {
        JSON.object([
            ("from", .string(from.iso)), ("to", .string(to.iso)), ("currency", .string(currency.code)),
            ("types", .array(rows.map { r in
                .object([("type", .string(r.type.rawValue)), ("opened", .int(r.opened)), ("resolved", .int(r.resolved)),
                         ("resolved_in_time", .int(r.resolvedInTime)), ("overdue_open", .int(r.overdueOpen)),
                         ("median_days", r.medianDaysTenths.map { .string(Cases.tenths($0)) } ?? .null),
                         ("credited", .string(r.credited.machine(currency)))])
            })),
        ]).rendered()
    }

    func table() -> String {
        let id = strings.language == .id
        var t = TextTable(headers: id ? ["Jenis", "Dibuka", "Selesai", "Tepat waktu", "Lewat batas", "Median hari", "Dikreditkan"]
                                      : ["Type", "Opened", "Resolved", "In time", "Overdue open", "Median days", "Credited"],
                          align: [.left, .right, .right, .right, .right, .right, .right])
        for r in rows {
            t.rows.append([r.type.rawValue, String(r.opened), String(r.resolved), String(r.resolvedInTime), String(r.overdueOpen),
                           r.medianDaysTenths.map(Cases.tenths) ?? "-", money.format(r.credited)])
        }
        return (id ? "Kasus \(from.iso) s.d. \(to.iso)" : "Cases \(from.iso) to \(to.iso)") + "\n\n" + t.rendered()
    }
}
