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
    /// The person's own settings from the config, and the ledger's rules.
    private(set) var settings: Settings
    /// The id of the ledger's rules in `settings` (nil: the ledger has none yet).
    let rulesID: Int64?
    /// Why the ledger's rules could not be read, if so.
    let rulesProblem: String?
    /// Where rules read from the config came from: its path, or the built-in defaults.
    let configSource: String
    let today: Day
    let now: Date
    let dbPath: String
    /// `dbPath` read as a path or a PostgreSQL URI (CONTRACT §12).
    let location: LedgerLocation
    let language: Language
    let environment: [String: String]
    let global: GlobalOptions
    /// The ledger on a PostgreSQL server, opened while reading its rules
    /// (CONTRACT §12); nil for a file, which `open` opens when asked.
    let remoteDatabase: AppDatabase?

    var strings: Strings { Strings(language) }

    /// The language of this run's output, once a command has read the
    /// person's config (nil before): `[ui] language`, else LANG (R7; the
    /// ledger holds no one's language). Errors are said in it, like the
    /// command's other lines; `TagihMain` cannot see the context they left.
    nonisolated(unsafe) private(set) static var outputLanguage: Language?

    /// The language to say an error in: the run's, else (no config read yet) LANG's.
    static var errorLanguage: Language {
        outputLanguage ?? Language.resolve(configured: nil, environment: ProcessInfo.processInfo.environment)
    }

    /// Whether `--today`, `TAGIH_TODAY` or `TAGIH_NOW` moved the clock: they
    /// serve reading commands for everyone, recording ones for admins only.
    var clockOverridden: Bool {
        global.today != nil || !(environment["TAGIH_TODAY"] ?? "").isEmpty || !(environment["TAGIH_NOW"] ?? "").isEmpty
    }
    /// The operator's local day of a moment, while the business day follows
    /// the clock (no `--today` or `TAGIH_TODAY` fixed it): a workstation left
    /// open past midnight moves on to the new day. TAGIH_NOW fixes only where
    /// the clock starts.
    var dayOfMoment: ((Int64) -> Day)? {
        guard global.today == nil, (environment["TAGIH_TODAY"] ?? "").isEmpty else { return nil }
        return { Self.localToday(Date(timeIntervalSince1970: TimeInterval($0))) }
    }

    var money: MoneyFormatter { MoneyFormatter(currency: settings.currency, language: language) }

    init(_ global: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.global = global
        self.environment = environment
        let config: ConfigLoader.ConfigFile
        let personal: PersonalSettings
        do {
            // --config, else config/tagih.toml when present, else the install's PREFIX/etc/tagih.toml.
            let path = global.config ?? (FileManager.default.fileExists(atPath: ConfigLoader.defaultPath) ? nil : Install.systemConfig)
            config = try ConfigLoader.file(explicitPath: path)
            personal = try config.personal(warn: Self.configWarning)
            Self.outputLanguage = Language.resolve(configured: personal.language, environment: environment)
        } catch {
            throw CommandError.usage(error.description)
        }
        // TAGIH_NOW fixes the wall clock (YYYY-MM-DDTHH:MM, the operator's
        // local time unless it has an offset): tests and demos of the
        // contact policy need a known time of day.
        var moment = Date()
        let fixedMoment = !(environment["TAGIH_NOW"] ?? "").isEmpty
        if let text = environment["TAGIH_NOW"], !text.isEmpty {
            guard let at = DateTimeArgument(argument: text) else {
                throw CommandError.usage("TAGIH_NOW=\(text) is not a time as YYYY-MM-DDTHH:MM")
            }
            moment = Date(timeIntervalSince1970: TimeInterval(at.instant(in: Self.systemClock)))
            // 9999-12-31T23:59-12:00 is already year 10000 here: no day can name it.
            guard Self.localDay(moment) != nil else {
                throw CommandError.usage("TAGIH_NOW=\(text) falls outside 0001-01-01 to 9999-12-31 in this time zone")
            }
        }
        if let t = global.today {
            today = t
        } else if let env = environment["TAGIH_TODAY"], !env.isEmpty {
            guard let t = Day(iso: env) else { throw CommandError.usage("TAGIH_TODAY=\(env) is not a date as YYYY-MM-DD") }
            today = t
        } else {
            today = CommandContext.localToday(moment)
        }
        // With --today (and no TAGIH_NOW) the moment is that day at the
        // current time of day (CONTRACT §6): the windows of backdate_hours
        // and the promise horizon are measured from it (R2).
        if !fixedMoment, CommandContext.localToday(moment) != today {
            let seconds = Int64(moment.timeIntervalSince1970)
            let (_, minute) = Self.systemClock.local(seconds)
            moment = Date(timeIntervalSince1970: TimeInterval(Self.systemClock.instant(day: today, minute: minute) + seconds % 60))
        }
        now = moment
        configSource = config.exists ? config.path : "the built-in defaults"
        dbPath = global.db ?? environment["TAGIH_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? personal.databasePath
        let early = Strings(Language.resolve(configured: personal.language, environment: environment))
        do {
            location = try LedgerLocation.parse(dbPath)
        } catch {
            let source = global.db != nil ? "--db" : (environment["TAGIH_DB"] ?? "").isEmpty ? "database.path" : "TAGIH_DB"
            throw CommandError.usage(early.locationProblem(source, error))
        }
        if case .postgres(let uri) = location {
            // The config's rules until the ledger's are read: only `init`
            // works on a database without them, and records these.
            var s = Settings(rules: Rules(), personal: personal)
            do { (s.rules, s.holidaysSource) = try config.rules(warn: Self.configWarning) } catch { throw CommandError.usage(error.description) }
            let (db, stored) = try Self.openRemote(uri, settings: s, environment: environment, strings: early)
            remoteDatabase = db
            if let stored {
                do {
                    s.rules = try Self.ledgerRules(stored, dbPath: uri.display)
                    s.holidaysSource = "the rules of \(uri.display)"
                    (settings, rulesID, rulesProblem) = (s, stored.id, nil)
                } catch {
                    (settings, rulesID, rulesProblem) = (Settings(rules: Rules(), personal: personal), stored.id,
                        "the rules stored in \(uri.display) cannot be read (\(error.description)); an admin can load new ones with `tagih rules load FILE`")
                }
            } else {
                (settings, rulesID, rulesProblem) = (s, nil, nil)
            }
            db.adopt(settings)
        } else {
            remoteDatabase = nil
            (settings, rulesID, rulesProblem) = try Self.effectiveSettings(personal: personal, config: config, dbPath: dbPath)
        }
        language = Language.resolve(configured: settings.language, environment: environment)
    }

    static func configWarning(_ warning: String) {
        FileHandle.standardError.write(Data("tagih: warning: \(warning)\n".utf8))
    }

    /// The one place that decides which rules a command works under (CONTRACT
    /// §1a, R7): the ledger's, whatever config file it is given. Only where
    /// the ledger has none yet (no file, or one `init` has not upgraded) are
    /// they the config's, which is what `init` then records.
    /// Returns the settings, the id of the ledger's rules in force, and why
    /// they could not be read (the command then stops at `session`).
    static func effectiveSettings(personal: PersonalSettings, config: ConfigLoader.ConfigFile,
                                  dbPath: String) throws -> (Settings, Int64?, String?) {
        let stored: StoredRules?
        do {
            stored = try LedgerRules.newest(atPath: dbPath, settings: Settings(rules: Rules(), personal: personal))
        } catch let e as StoreError {
            // A ledger that is busy, damaged or not a ledger at all, said in the reader's language.
            throw CommandError.failed(e.text(Strings(Language.resolve(configured: personal.language, environment: ProcessInfo.processInfo.environment))))
        }
        guard let stored else {
            do {
                var s = Settings(rules: Rules(), personal: personal)
                (s.rules, s.holidaysSource) = try config.rules(warn: Self.configWarning)
                return (s, nil, nil)
            } catch {
                throw CommandError.usage(error.description)
            }
        }
        var s = Settings(rules: Rules(), personal: personal)
        do {
            s.rules = try ledgerRules(stored, dbPath: dbPath)
        } catch {
            // Never the config's instead: built-in defaults, and the command
            // stops at `session` unless it is the admin's repair (`rules load`).
            return (s, stored.id, "the rules stored in \(dbPath) cannot be read (\(error.description)); an admin can load new ones with `tagih rules load FILE`")
        }
        s.holidaysSource = "the rules of \(dbPath)"
        // A config still setting rules is told once that they do not apply
        // here, when they would differ (the shipped defaults that `init`
        // recorded do not).
        let sections = config.ruleSections
        if config.exists, !sections.isEmpty, (try? config.rules().rules) != s.rules {
            configWarning("\(config.path): its rules ([\(sections.joined(separator: "], ["))]) are ignored: the ledger's rules apply "
                          + "(`tagih rules show` prints them; an admin changes them with `tagih rules load FILE`)")
        }
        return (s, stored.id, nil)
    }

    /// This context with the ledger's new rules (a workstation open when an admin loads them).
    func adopting(_ rules: Rules) -> CommandContext {
        var c = self
        c.settings.rules = rules
        c.settings.holidaysSource = "the rules of \(dbPath)"
        return c
    }

    /// The ledger's rules from their stored text, through the same parser as a config's rule sections.
    static func ledgerRules(_ stored: StoredRules, dbPath: String) throws(ConfigError) -> Rules {
        try ConfigLoader.parseRules(stored.toml, path: "\(dbPath) (rules \(stored.id))", strict: false).rules
    }

    /// The local calendar date: the one place the command line reads the clock.
    /// A clock beyond the days a date names gives the nearest one (only a
    /// moment fixed by TAGIH_NOW can be there, and it is refused first).
    static func localToday(_ now: Date = Date()) -> Day {
        localDay(now) ?? (now.timeIntervalSince1970 > 0 ? .latest : .earliest)
    }

    /// The local calendar date of `now`; nil outside 0001-01-01 … 9999-12-31.
    static func localDay(_ now: Date) -> Day? {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone.current
        let c = cal.dateComponents([.era, .year, .month, .day], from: now)
        guard c.era == 1, let y = c.year, let m = c.month, let d = c.day else { return nil }
        return Day(year: y, month: m, day: d)
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

    /// Opens the ledger for `access`: a reading command on one read-only
    /// connection (it never waits for a writer, and works on a read-only
    /// file); a writing one after SQLite's quick check (R20), refusing a
    /// read-only or damaged ledger before anything is written. `pool` is for
    /// the workstation, whose reports read on another thread.
    /// `quickCheck: false` is for `check`, which reports a damaged ledger rather than refusing it.
    /// `beforeQuickCheck` runs on the opened file just before its quick check (`serve` starts its WAL copier there).
    func open(create: Bool = false, cacheMebibytes: Int = 64, access: AppDatabase.Access = .write, pool: Bool = false,
              quickCheck: Bool = true, beforeQuickCheck: ((AppDatabase) throws -> Void)? = nil) throws -> AppDatabase {
        if let remoteDatabase {
            remoteDatabase.adopt(settings)
            return remoteDatabase
        }
        // Under a set-group-ID install, the group's rights open only the install's ledger.
        let db = try Install.open(path: dbPath, settings: settings, create: create, cacheMebibytes: cacheMebibytes, access: access, pool: pool)
        try beforeQuickCheck?(db)
        if access == .write, quickCheck { try db.requireIntact() }
        return db
    }

    /// Opens the ledger and identifies the person: an unknown or inactive
    /// login is refused, and `--as` is for admins only.
    /// A ledger without rules (only `init` works on it) or with rules that
    /// cannot be read is refused: never a fall back to the config's rules.
    /// `repairingRules` lets `rules load` replace unreadable ones.
    /// `requireRules: false` is for `init`, which records them.
    /// `records` (by default: a writing command that is not the workstation)
    /// refuses a moved clock for a non-admin before anything else is judged,
    /// so the refusal never depends on the hour the command happens to run.
    func session(cacheMebibytes: Int = 64, repairingRules: Bool = false, requireRules: Bool = true,
                 access: AppDatabase.Access = .write, pool: Bool = false, quickCheck: Bool = true,
                 records: Bool? = nil, beforeQuickCheck: ((AppDatabase) throws -> Void)? = nil) throws -> (AppDatabase, Session) {
        let db = try open(cacheMebibytes: cacheMebibytes, access: access, pool: pool, quickCheck: quickCheck,
                          beforeQuickCheck: beforeQuickCheck)
        try db.requireCurrentSchema()
        if rulesID == nil, requireRules {
            // Read before the ledger existed (a demo just built, an init
            // under way): its rules now, or a refusal, never the config's.
            guard let stored = try LedgerRules(db).newest() else {
                throw CommandError.failed("\(dbPath) has no rules recorded; run `tagih init` to record them")
            }
            do {
                var s = settings
                s.rules = try Self.ledgerRules(stored, dbPath: dbPath)
                db.adopt(s)
            } catch {
                throw CommandError.failed("the rules stored in \(dbPath) cannot be read (\(error.description))")
            }
        }
        if let rulesProblem, !repairingRules { throw CommandError.failed(rulesProblem) }
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
        let session = Session(user: acting, realLogin: login, today: today, now: now, recordedAt: Date(), clockOverridden: clockOverridden,
                              realRole: me.role)
        if records ?? (access == .write && !pool) { try session.requireRealClock() }
        return (db, session)
    }
}

/// Writes text to standard output, or, for `--output`, to a private file
/// (mode 0600, the person's own, never through a link or onto the ledger:
/// `PrivateFile`), or through a FIFO or character device named there.
/// Text for people is escaped for a terminal; CSV is written `exact`.
func emit(_ text: String, to path: String? = nil, exact: Bool = false) throws {
    let text = exact ? text : terminalText(text)
    if let path {
        do { try OutputFile.write(text, to: path) } catch {
            throw CommandError.failed(Strings(CommandContext.errorLanguage).fileProblem(error.path, error.problem))
        }
    } else {
        print(text, terminator: "")
    }
}

/// A message on standard error, escaped for a terminal (it may name a file or quote a value).
func warn(_ text: String) {
    let text = terminalText(text)
    FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
}
