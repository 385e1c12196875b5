import Foundation
import TagihConfig
import TagihCore
import TagihStore

/// A failure to report as one sentence with an exit code (CONTRACT §2).
struct CommandError: Error {
    var message: String
    var exitCode: Int32
    static func usage(_ m: String) -> CommandError { CommandError(message: m, exitCode: 2) }
    static func failed(_ m: String) -> CommandError { CommandError(message: m, exitCode: 1) }
}

/// Everything a command needs, resolved from the global options, the
/// environment and the config: settings, today, the ledger path and the
/// person at the terminal.
struct CommandContext {
    let settings: Settings
    let today: Day
    let now: Date
    let dbPath: String
    let language: Language
    let environment: [String: String]
    let global: GlobalOptions

    var strings: Strings { Strings(language) }

    /// Whether `--today`, `TAGIH_TODAY` or `TAGIH_NOW` moved the clock: they
    /// serve reading commands for everyone, recording ones for admins only.
    var clockOverridden: Bool {
        global.today != nil || !(environment["TAGIH_TODAY"] ?? "").isEmpty || !(environment["TAGIH_NOW"] ?? "").isEmpty
    }
    var money: MoneyFormatter { MoneyFormatter(currency: settings.currency, language: language) }

    init(_ global: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.global = global
        self.environment = environment
        do {
            settings = try ConfigLoader.load(explicitPath: global.config) { warning in
                FileHandle.standardError.write(Data("tagih: warning: \(warning)\n".utf8))
            }
        } catch {
            throw CommandError.usage(error.description)
        }
        // TAGIH_NOW fixes the wall clock (YYYY-MM-DDTHH:MM, the operator's
        // local time unless it has an offset): tests and demos of the
        // contact policy need a known time of day.
        if let text = environment["TAGIH_NOW"], !text.isEmpty {
            guard let at = DateTimeArgument(argument: text) else {
                throw CommandError.usage("TAGIH_NOW=\(text) is not a time as YYYY-MM-DDTHH:MM")
            }
            now = Date(timeIntervalSince1970: TimeInterval(at.instant(in: Self.systemClock)))
        } else {
            now = Date()
        }
        if let t = global.today {
            today = t
        } else if let env = environment["TAGIH_TODAY"], !env.isEmpty {
            guard let t = Day(iso: env) else { throw CommandError.usage("TAGIH_TODAY=\(env) is not a date as YYYY-MM-DD") }
            today = t
        } else {
            today = CommandContext.localToday(now)
        }
        dbPath = global.db ?? environment["TAGIH_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? settings.databasePath
        language = Language.resolve(configured: settings.language, environment: environment)
    }

    /// The local calendar date: the one place the command line reads the clock.
    static func localToday(_ now: Date = Date()) -> Day {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone.current
        let c = cal.dateComponents([.year, .month, .day], from: now)
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The person at the terminal: the login of the process's real user id
    /// in the password database (CONTRACT §1). No environment variable
    /// (`USER`, `LOGNAME`) decides it, and not the effective id either, which
    /// a set-group-ID install changes.
    var osLogin: String { Self.realLogin }

    static let realLogin: String = {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid-\(getuid())"
    }()

    func open(create: Bool = false, cacheMebibytes: Int = 64) throws -> AppDatabase {
        try AppDatabase.open(path: dbPath, settings: settings, create: create, cacheMebibytes: cacheMebibytes)
    }

    /// Opens the ledger and identifies the person: an unknown or inactive
    /// login is refused, and `--as` is for admins only.
    func session(cacheMebibytes: Int = 64) throws -> (AppDatabase, Session) {
        let db = try open(cacheMebibytes: cacheMebibytes)
        try db.requireCurrentSchema()
        let users = UserDirectory(db)
        let login = osLogin
        guard let me = try users.find(login) else {
            throw CommandError.failed("login \(login) is not a Tagih user of \(dbPath); an admin can add it with `tagih user add \(login) --name NAME --role collector`")
        }
        guard me.active else { throw CommandError.failed("login \(login) is deactivated in \(dbPath)") }
        var acting = me
        if let other = global.actAs, other != login {
            guard me.role == .admin else { throw CommandError.failed("--as is allowed only to admins; \(login) is a \(me.role.rawValue)") }
            guard let u = try users.find(other) else { throw CommandError.failed("--as \(other): unknown user") }
            acting = u
        }
        return (db, Session(user: acting, realLogin: login, today: today, now: now, recordedAt: Date(), clockOverridden: clockOverridden,
                            realRole: me.role))
    }
}

/// Writes text to standard output (or a file, atomically, for `--output`).
func emit(_ text: String, to path: String? = nil) throws {
    if let path {
        do { try text.write(toFile: path, atomically: true, encoding: .utf8) } catch {
            throw CommandError.failed("cannot write \(path): \(error.localizedDescription)")
        }
    } else {
        print(text, terminator: "")
    }
}

func warn(_ text: String) {
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
