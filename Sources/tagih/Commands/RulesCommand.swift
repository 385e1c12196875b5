import ArgumentParser
import Foundation
import TagihConfig
import TagihCore
import TagihStore

/// `tagih rules show|load` (CONTRACT §1a, R7): the settings that bind
/// everyone, kept in the ledger. Anyone may read them; only an admin
/// replaces them, and every replacement is audited with its hash.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "The ledger's rules: print them, or replace them (admins).",
        discussion: """
        The rules (contact policy and holidays, outcome codes, promise horizon and grace days, plan lengths, \
        the reject threshold, aging buckets, currency, …) are the ledger's: every command and workstation uses \
        them whatever --config says. Start from `tagih rules show > rules.toml`, edit, then `tagih rules load rules.toml`.
        """,
        subcommands: [Show.self, Load.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the rules in force as TOML (the config file's layout).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, _) = try ctx.session(access: .read)
            guard let stored = try LedgerRules(db).newest() else { throw CommandError.failed("\(ctx.dbPath) has no rules recorded; run `tagih init`") }
            // The parsed rules written out again, not the stored text: rules
            // stored by an older version show every rule this one knows.
            var provenance = "# In force: rules \(stored.id)"
            if let by = stored.loadedBy { provenance += ", loaded by \(TextField.visible(by))" }
            if let at = stored.loadedAt { provenance += " at \(at)" }
            if let day = stored.businessDay { provenance += " (business day \(day))" }
            try emit(provenance + ".\n" + RulesText.render(ctx.settings.rules))
        }
    }

    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Replace the whole set of rules from a file (admins only; a rule the file lacks takes its default).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A TOML file in the layout `tagih rules show` prints.") var file: String

        func run() throws {
            let ctx = try CommandContext(global)
            // Unreadable stored rules are what a load repairs.
            let (db, session) = try ctx.session(repairingRules: true)
            // Before the file is read: a collector learns the rule, not the file's faults.
            try StoreError.require(.manageRules, session)
            guard FileManager.default.fileExists(atPath: file) else { throw CommandError.failed("rules file \(file) does not exist") }
            let text: String
            do { text = try ConfigLoader.readText(file, what: "rules file") } catch { throw CommandError.failed(error.description) }
            let rules: Rules
            do {
                rules = try ConfigLoader.parseRules(text, path: file, strict: true, warn: CommandContext.configWarning).rules
            } catch {
                throw CommandError.failed("\(error.description); the rules are unchanged")
            }
            // Stored as written out from what was read: the same rules are
            // always the same text, and the audit's hash names them.
            guard let stored = try LedgerRules(db).load(RulesText.render(rules), source: file, session: session) else {
                say("\(ctx.dbPath): \(file) holds the rules already in force; nothing changed")
                return
            }
            say("\(ctx.dbPath): rules \(stored.id) loaded from \(file) (sha256 \(stored.hash)); every command and workstation uses them from now on")
        }
    }
}
