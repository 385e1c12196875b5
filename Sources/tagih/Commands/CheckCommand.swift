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
        // Writable when it can be: the name index's own check is a write, rolled back.
        // Never refused for damage: finding it is the point.
        let (db, session) = try ctx.session(access: AppDatabase.isReadOnly(path: ctx.dbPath) ? .read : .write, quickCheck: false, records: false)
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
