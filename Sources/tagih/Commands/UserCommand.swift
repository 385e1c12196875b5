import ArgumentParser
import TagihCore
import TagihStore

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage users and their roles.",
        subcommands: [Add.self, List.self, Set.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user (admins only).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The operating-system login.") var login: String
        @Option(help: "Full name.") var name: String
        @Option(help: "collector, lead, admin or batch (the login cron runs the nightly batch as).") var role: Role
        @Option(name: .customLong("discount-limit"), help: ArgumentHelp("Largest plan discount in percent (two decimals).", valueName: "pct"))
        var discountLimit: String?
        @Option(help: "Team name.") var team: String?

        func run() throws {
            let ctx = try CommandContext(global)
            if let problem = Login.validate(login) { throw CommandError.usage(ctx.strings.loginProblem(login, problem)) }
            let (db, session) = try ctx.session()
            let limit = try discountLimit.map(parseLimit)
            try UserDirectory(db).add(User(login: login, name: name, role: role, discountLimitBasisPoints: limit, team: team), session: session)
            say("user \(login) added as \(role.rawValue)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session(access: .read)
            let users = try UserDirectory(db).list().filter { Authority.lists($0, for: session.user) }
            let s = ctx.strings
            switch format {
            case .csv:
                var out = "login,name,role,discount_limit,team,active\n"
                for u in users {
                    out += [u.login, u.name, u.role.rawValue, u.discountLimitBasisPoints.map(formatPercent) ?? "", u.team ?? "", u.active ? "true" : "false"]
                        .map(csvField).joined(separator: ",") + "\n"
                }
                try emit(out, exact: true)
            case .json:
                try emit(JSON.array(users.map { u in
                    .object([("login", .string(u.login)), ("name", .string(u.name)), ("role", .string(u.role.rawValue)),
                             ("discount_limit", u.discountLimitBasisPoints.map { .string(formatPercent($0)) } ?? .null),
                             ("team", u.team.map(JSON.string) ?? .null), ("active", .bool(u.active))])
                }).rendered())
            case .table:
                var t = TextTable(headers: [s[.login], s[.name], s[.role], s[.discountLimit], s[.team], s[.userStatus]],
                                  align: [.left, .left, .left, .right, .left, .left])
                for u in users {
                    t.rows.append([u.login, u.name, u.role.rawValue, limitText(u, s),
                                   u.team ?? "—", u.active ? s[.active] : s[.inactive]])
                }
                try emit(t.rendered())
            }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a user (admins only).")
        @OptionGroup var global: GlobalOptions
        @Argument var login: String
        @Option var name: String?
        @Option var role: Role?
        @Option(name: .customLong("discount-limit"), help: ArgumentHelp("Percent, or 'none' for the role default.", valueName: "pct"))
        var discountLimit: String?
        @Option(help: "Team name, or 'none'.") var team: String?
        @Flag(inversion: .prefixedNo, help: "Activate or deactivate the login.") var active: Bool?

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session()
            // nil: leave as is; .some(nil): back to the role default.
            var limit: Int?? = nil
            if let d = discountLimit { limit = d == "none" ? .some(nil) : .some(try parseLimit(d)) }
            let u = try UserDirectory(db).update(login, session: session) { u in
                if let name { u.name = name }
                if let role { u.role = role }
                if let limit { u.discountLimitBasisPoints = limit }
                if let team { u.team = team == "none" ? nil : team }
                if let active { u.active = active }
            }
            say("user \(u.login): \(u.role.rawValue)\(u.active ? "" : ", inactive")")
        }
    }
}

/// The discount a user may give, as the table shows it: a collector
/// without a limit of their own has the default of 0% (CONTRACT §8), so it
/// says `0%`, never a dash; leads and admins have none.
private func limitText(_ u: User, _ s: Strings) -> String {
    // The same default plans are judged by (the longest plan does not matter here).
    PlanAuthority.of(u, longest: [:]).discountLimitBasisPoints.map { formatPercent($0) + "%" } ?? s[.noLimit]
}

extension Role: ExpressibleByArgument {}

func parseLimit(_ s: String) throws -> Int {
    guard let bp = parsePercent(s) else {
        throw CommandError.usage("--discount-limit \(s) is not a percentage from 0 to 100 with at most two decimals")
    }
    return bp
}
