import ArgumentParser
import Foundation
import TagihCore

/// The options every command takes (CONTRACT §2). They may stand before or
/// after the command name: `TagihMain` moves them behind it before parsing,
/// and every command declares them with `@OptionGroup`, so they also show in
/// each command's help.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: ArgumentHelp("The ledger file, or a PostgreSQL URI postgresql://[USER@][HOST][:PORT]/DBNAME (else TAGIH_DB, else database.path in the config, else tagih.db).", valueName: "path"))
    var db: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("The config file (else config/tagih.toml when present): personal settings; the rules are the ledger's (tagih rules show).", valueName: "path"))
    var config: String?

    @Option(name: .customLong("today"), help: ArgumentHelp("Fix today's date (else TAGIH_TODAY, else the local date).", valueName: "YYYY-MM-DD"))
    var today: Day?

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as another user (admins only).", valueName: "login"))
    var actAs: String?

    /// A malformed `--as` login is a usage error (exit 2), before anything is opened.
    func validate() throws {
        if let login = actAs, let problem = Login.validate(login) {
            throw ValidationError("--as: " + Strings(Language.resolve(configured: nil, environment: ProcessInfo.processInfo.environment)).loginProblem(login, problem))
        }
    }

    /// Names of the global options that take a value, for `TagihMain`.
    static let valued: Set<String> = ["--db", "--config", "--today", "--as"]
}

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
    public var defaultValueDescription: String { iso }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

extension AgingGrouping: ExpressibleByArgument {}
