import ArgumentParser
import TagihStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the ledger: SQLite integrity, cached figures, allocations, entry hashes and the audit chain.",
        discussion: "Exit 0 only when every check holds.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session()
        try StoreError.require(.check, session)
        let findings = try LedgerCheck(db).run()
        for f in findings {
            if f.ok {
                say("ok    \(f.name): \(f.detail)")
            } else {
                say("FAIL  \(f.name)")
                for p in f.problems { say("      - \(p)") }
            }
        }
        let failed = findings.filter { !$0.ok }
        if !failed.isEmpty {
            throw CommandError.failed("check failed: \(failed.map(\.name).joined(separator: ", ")) of \(ctx.dbPath)")
        }
        say(ctx.strings[.checkPassed])
    }
}
