import ArgumentParser
import TagihCore
import TagihLetters
import TagihStore

/// `tagih remind --out DIR [--dry-run]` (CONTRACT §10, R13–R15): the day's
/// reminders and warning letters, held to the contact policy; and its
/// subcommands `results`, `pause`, `resume`.
struct RemindCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind", abstract: "Send the day's reminders and warning letters (admin and batch).",
        discussion: """
        Each account gets at most one message per channel a day, for its most advanced due stage; a stage goes once \
        per charge. Every message is checked against the contact policy at the moment it goes (the run's moment, or \
        the start of the debtor's hours); a blocked one goes the next allowed day. Messages sent are recorded as SENT \
        contacts, then written to DIR/CHANNEL-DATE.csv and DIR/letters/STAGE-ACCOUNT_NO.pdf.
        """,
        subcommands: [Results.self, Pause.self, Resume.self])
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The folder for the gateway files and the letters.", valueName: "DIR")) var out: String?
    @Flag(help: "Choose and check the messages, print the counts, write nothing.") var dryRun = false

    func run() throws {
        // The config first, so that even this usage error is said in the person's language.
        let ctx = try CommandContext(global)
        guard let out else { throw StoreError(.needsOut, exitCode: 2) }
        let (db, session) = try ctx.session()
        for line in try Self.remind(db, session: session, out: out, dryRun: dryRun, strings: ctx.strings) { say(line) }
    }

    /// The run, then its files (from the ledger); the lines to print.
    static func remind(_ db: AppDatabase, session: Session, out: String, dryRun: Bool, strings: Strings) throws -> [String] {
        var lines: [String] = []
        if dryRun {
            let report = try ReminderRun(db).run(session: session, dryRun: true)
            return report.stages.map { $0.line(strings) } + [strings.remindDryRun(report.summary(strings))]
        }
        _ = try setup(out: out).run(db, session: session, prefix: "", strings: strings) { lines.append($0) }
        return lines
    }

    /// The run with its files, the letters made by LetterPDF (also the nightly batch's).
    static func setup(out: String) -> NightlyRemind {
        NightlyRemind(out: out) { doc in
            do { return try LetterPDF.render(doc) } catch {
                throw StoreError(.letterNotMade(letter: TextField.visible(doc.title), why: "\(error)"))
            }
        }
    }

    struct Results: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a gateway's delivery results: message_id,status,at (delivered, read, failed).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The gateway's results file.") var file: String

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session()
            let s = try MessageResults(db).record(file: file, session: session)
            say(ctx.strings.remindResults(file: TextField.visible(file), rows: s.rows, recorded: s.recorded, duplicates: s.duplicates))
        }
    }

    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pause a reminder stage from today (leads and admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The stage's name (or SP1, SP2, SP3).") var stage: String
        func run() throws { try RemindCommand.setPause(global, stage, paused: true) }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a paused reminder stage from today (leads and admins).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The stage's name (or SP1, SP2, SP3).") var stage: String
        func run() throws { try RemindCommand.setPause(global, stage, paused: false) }
    }

    static func setPause(_ global: GlobalOptions, _ stage: String, paused: Bool) throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session()
        let changed = try StagePauses(db).set(stage, paused: paused, session: session)
        say(ctx.strings.remindPause(stage: TextField.visible(stage), paused: paused, changed: changed, day: session.today.iso))
    }
}
