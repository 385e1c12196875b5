import ArgumentParser
import Foundation
import TagihCore
import TagihStore

/// `tagih nightly INBOX` (CONTRACT §4): for cron; never prompts.
struct NightlyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nightly",
        abstract: "The nightly batch: import the inbox, file it away, settle promises and plans, send the day's reminders.",
        discussion: """
        Imports every accounts*.csv, then charges*, payments*, adjustments* (each group in name order), moving each \
        processed file to INBOX/archive/DATE/ and its rejects to INBOX/rejects/DATE/. A refused file stays in place and \
        the batch goes on. Then plans are settled for every day since the last run, and, when the config names [remind] out = DIR, \
        the day's reminders are sent (as tagih remind --out DIR). Exit 0 when every file was posted, \
        1 when any was refused. A second run while one is going exits 1 at once.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The inbox folder billing drops its files into.") var inbox: String
    @Flag(name: .customLong("dry-run"), help: "Show what would be imported; write and move nothing.") var dryRun = false

    func run() throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session()
        // R14: reminders after settling when the personal config names `[remind] out`.
        let remind = ctx.settings.personal.remindOut.map(RemindCommand.setup(out:))
        let result = try Nightly(db).run(inbox: inbox, dryRun: dryRun, session: session, remind: remind) { line in
            // One line a file: a newline in a file's name is shown, not obeyed.
            say(TextField.visible(line))
        }
        if dryRun {
            say("dry run: \(result.files.count) file\(result.files.count == 1 ? "" : "s") would be imported; nothing was written or moved")
        } else {
            say(Nightly.summaryLine(result, day: ctx.today))
        }
        if result.refused > 0 { throw ExitCode(1) }
    }
}
