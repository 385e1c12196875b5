import ArgumentParser
import Foundation
import TagihCore
import TagihStore

extension PlanFrequency: ExpressibleByArgument {}

/// `tagih plan …` (CONTRACT §8).
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Payment plans: propose, decide, show, list.",
        subcommands: [Propose.self, Approve.self, Decline.self, Cancel.self, Show.self, List.self, Letter.self])

    struct Propose: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose a payment plan for an account's balance today.",
            discussion: "Within your authority the plan is active at once; beyond it, it waits for a lead (exit 0, saying so). First line: plan <id> <status>.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account number.") var accountNo: String
        @Option(help: "Number of instalments (1 or more).") var instalments: Int
        @Option(help: ArgumentHelp("Discount in percent, up to two decimals.", valueName: "pct")) var discount: String?
        @Option(help: ArgumentHelp("Down payment, due on --first.", valueName: "amount")) var down: String?
        @Option(help: "week, 2weeks or month.") var every: PlanFrequency = .month
        @Option(help: ArgumentHelp("First due date (default today + 7 days).", valueName: "YYYY-MM-DD")) var first: Day?
        @Option(help: "A note for the lead or the file.") var note: String?

        func run() throws {
            let ctx = try CommandContext(global)
            let bp: Int
            if let discount {
                guard let v = parsePercent(discount) else { throw CommandError.usage("--discount \(discount) is not a percentage from 0 to 100 with at most two decimals") }
                bp = v
            } else { bp = 0 }
            var downPayment = Money.zero
            if let down {
                do { downPayment = try Money.parse(down, currency: ctx.settings.currency) } catch .overflow {
                    throw CommandError.failed("amount overflow: --down \(down) exceeds what Tagih can hold exactly")
                } catch {
                    throw CommandError.usage("--down \(down) is not an amount (digits with at most \(ctx.settings.currency.minorDigits) decimals)")
                }
            }
            let (db, session) = try ctx.session()
            let book = PlanBook(db)
            let p = try book.propose(accountNo: accountNo, instalments: instalments, discountBasisPoints: bp, downPayment: downPayment,
                                     frequency: every, first: first, note: note, session: session)
            say("plan \(p.id) \(p.status.rawValue)")
            if !p.beyond.isEmpty { say("waits for a lead's approval: " + p.beyond.joined(separator: "; ")) }
            if !p.replaced.isEmpty { say("replaces active plan " + p.replaced.map(String.init).joined(separator: ", ")) }
            say(PlanRenderer(ctx).table(try book.show(String(p.id), asOf: ctx.today)), terminator: "")
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Approve a pending plan (leads and admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The plan id.") var planID: Int64
        @Option(help: "A note.") var note: String?
        func run() throws { try decide(global, .approve, planID, note) }
    }

    struct Decline: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Decline a pending plan (leads and admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The plan id.") var planID: Int64
        @Option(help: "Why, in words.") var reason: String
        func run() throws { try decide(global, .decline, planID, reason) }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a pending or active plan (leads and admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The plan id.") var planID: Int64
        @Option(help: "Why, in words.") var reason: String
        func run() throws { try decide(global, .cancel, planID, reason) }
    }

    static func decide(_ global: GlobalOptions, _ d: PlanBook.Decision, _ id: Int64, _ note: String?) throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session()
        let status = try PlanBook(db).decide(d, plan: id, note: note, session: session)
        say("plan \(id) \(status.rawValue)")
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A plan (by id) or an account's most recent plan, as of today (or --today).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A plan id or an account number.") var planOrAccount: String
        @Option(help: "table or json.") var format: OutputFormat = .table

        func validate() throws {
            if format == .csv { throw ValidationError("--format csv is for plan list; plan show prints table or json") }
        }

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, _) = try ctx.session(access: .read)
            let plan = try PlanBook(db).show(planOrAccount, asOf: ctx.today)
            let r = PlanRenderer(ctx)
            try emit(format == .json ? r.json(plan) : r.table(plan))
        }
    }

    struct Letter: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The plan's agreement letter, ready to print, in the UI language.",
            discussion: "Parties, schedule, payment channels; above Rp5.000.000 it notes the Rp10.000 e-Meterai stamp duty.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The plan id (or an account number: its most recent plan).") var plan: String
        @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file")) var output: String?

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session()
            try emit(try PlanLetter.make(plan, database: db, ctx: ctx, session: session).text(), to: output)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Plans, newest first, with their status as of today (or --today).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "pending, active, declined, cancelled, completed or broken.") var status: String?
        @Option(help: "table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var scope: ScopeOption

        func validate() throws {
            if let s = status, PlanStatus(rawValue: s) == nil {
                throw ValidationError("--status \(s) is not a plan status (pending, active, declined, cancelled, completed, broken)")
            }
        }

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session(access: .read)
            let plans = try PlanBook(db).list(status: status.flatMap(PlanStatus.init(rawValue:)), asOf: ctx.today,
                                              collectors: try scope.collectors(db, session))
            let r = PlanRenderer(ctx)
            switch format {
            case .csv: try emit(r.csv(plans), exact: true)
            case .json: try emit(JSON.array(plans.map(r.object)).rendered())
            case .table: try emit(r.list(plans))
            }
        }
    }
}

/// Plans as text, CSV and JSON.
struct PlanRenderer {
    let currency: Currency
    let money: MoneyFormatter
    let strings: Strings

    init(_ ctx: CommandContext) {
        currency = ctx.settings.currency
        money = ctx.money
        strings = ctx.strings
    }

    func object(_ p: PlanRecord) -> JSON {
        let s = p.schedule
        return .object([
            ("id", .int(Int(p.id))), ("account_no", .string(p.accountNo)), ("status", .string(p.status.rawValue)),
            ("balance", .string(s.terms.balance.machine(currency))), ("discount", .string(s.discount.machine(currency))),
            ("total", .string(s.total.machine(currency))), ("down_payment", .string(s.terms.downPayment.machine(currency))),
            ("discount_percent", .string(formatPercent(s.terms.discountBasisPoints))), ("instalments", .int(s.terms.instalments)),
            ("every", .string(s.terms.frequency.rawValue)), ("start", .string(p.start.iso)), ("proposed_by", .string(p.proposedBy)),
            ("status_since", .string(p.statusDay.iso)), ("note", p.note.map { .string($0) } ?? .null),
            ("schedule", .array(zip(s.lines, p.paid).map { line, paid in
                .object([("n", .int(line.n)), ("due_date", .string(line.due.iso)), ("amount", .string(line.amount.machine(currency))),
                         ("paid", .string(paid.machine(currency)))])
            })),
        ])
    }

    func json(_ p: PlanRecord) -> String { object(p).rendered() }

    func table(_ p: PlanRecord) -> String {
        let s = p.schedule
        let str = strings
        var out = str.format(.planShowTitle, p.id, p.accountNo, str.planStatusWord(p.status.rawValue), p.statusDay.iso, p.proposedBy, p.start.iso) + "\n"
        let discount = str.decimal(formatPercent(s.terms.discountBasisPoints))
        let amounts: [CustomStringConvertible] = [money.format(s.terms.balance), discount, money.format(s.discount), money.format(s.total),
                                                  money.format(s.terms.downPayment)]
        out += (s.terms.instalments == 1
            ? Strings.fill(str[.planShowTermsOne], amounts)
            : Strings.fill(str[.planShowTerms], amounts + [s.terms.instalments, str.every(s.terms.frequency)])) + "\n"
        if let b = p.beyond, p.status == .pending { out += str.format(.planShowBeyond, b) + "\n" }
        if let n = p.note { out += str.format(.planShowNote, TextField.visible(n)) + "\n" }
        var t = TextTable(headers: ["n", str[.dueHeading], str[.amount], str[.paidHeading]], align: [.right, .left, .right, .right])
        for (line, paid) in zip(s.lines, p.paid) { t.rows.append([String(line.n), line.due.iso, money.format(line.amount), money.format(paid)]) }
        return out + "\n" + t.rendered()
    }

    func csv(_ plans: [PlanRecord]) -> String {
        var out = "id,account_no,status,proposed_by,start,balance,discount,total,down_payment,instalments,every,first_due,paid\n"
        for p in plans {
            let s = p.schedule
            let paid = p.paid.reduce(Int64(0)) { $0 + $1.minor }
            out += [String(p.id), csvField(p.accountNo), p.status.rawValue, csvField(p.proposedBy), p.start.iso, s.terms.balance.machine(currency),
                    s.discount.machine(currency), s.total.machine(currency), s.terms.downPayment.machine(currency), String(s.terms.instalments),
                    s.terms.frequency.rawValue, s.firstDue.iso, Money(minor: paid).machine(currency)].joined(separator: ",") + "\n"
        }
        return out
    }

    func list(_ plans: [PlanRecord]) -> String {
        let str = strings
        var t = TextTable(headers: [str[.planHeading], str[.account], str[.statusHeading], str[.byHeading], str[.startHeading],
                                    str[.totalHeading], str[.instalmentsHeading], str[.paidHeading]],
                          align: [.right, .left, .left, .left, .left, .right, .right, .right])
        for p in plans {
            let paid = p.paid.reduce(Int64(0)) { $0 + $1.minor }
            t.rows.append([String(p.id), p.accountNo, str.planStatusWord(p.status.rawValue), p.proposedBy, p.start.iso, money.format(p.schedule.total),
                           "\(p.schedule.terms.instalments) × \(str.every(p.schedule.terms.frequency))", money.format(Money(minor: paid))])
        }
        return plans.isEmpty ? str[.noPlans] + "\n" : t.rendered()
    }
}
