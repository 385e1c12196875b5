import ArgumentParser
import Foundation
import TagihCore
import TagihStore

/// Entry point. Parses the command line itself so that it can keep the
/// contract's promises that swift-argument-parser does not: global options
/// before or after the command name, and exit 2 with one sentence on any
/// usage error (the parser's own default is 64 and a page of help).
@main
enum TagihMain {
    static func main() {
        // A set-group-ID install drops the group before anything else runs.
        GroupRights.start()
        let args = reorderGlobalOptions(Array(CommandLine.arguments.dropFirst()))
        let code = run(args)
        exit(StandardOutput.finish(code))
    }

    /// The parser's message as one line: its first line, and the list of
    /// allowed values it puts on the lines after ("one of the following:")
    /// joined onto it, so a wrong `--channel` names the right ones.
    static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard var first = lines.first?.replacingOccurrences(of: "Error: ", with: "") else { return "invalid command line" }
        let items = lines.dropFirst().filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
        if first.hasSuffix(":"), !items.isEmpty { first += " " + items.joined(separator: ", ") }
        return first
    }

    static func run(_ args: [String]) -> Int32 {
        var command: ParsableCommand
        do {
            command = try Tagih.parseAsRoot(args)
            commandPath = path(to: type(of: command)) ?? []
        } catch {
            // --help, `help`, --version: let the parser print them and exit 0.
            if Tagih.exitCode(for: error) == .success { Tagih.exit(withError: error) }
            let message = Self.oneLine(Tagih.message(for: error))
            warn("tagih: \(message). See `tagih --help`.")
            return 2
        }
        do {
            try command.run()
            return 0
        } catch let e as CommandError {
            warn("tagih: \(e.message)")
            return e.exitCode
        } catch let e as StoreError {
            warn("tagih: \(e.text(Strings(CommandContext.errorLanguage)))")
            return e.exitCode
        } catch let e as ExitCode {
            return e.rawValue
        } catch {
            if let e = StoreError.ledger(error, path: AppDatabase.openedPath ?? "") {
                warn("tagih: \(e.text(Strings(CommandContext.errorLanguage)))")
                return e.exitCode
            }
            // A command group run without its subcommand shows its help.
            if Tagih.exitCode(for: error) == .success { Tagih.exit(withError: error) }
            warn("tagih: \(error)")
            return 1
        }
    }

    /// The command this process runs, as typed: `["report", "aging"]`
    /// (`["ui"]` for a bare `tagih`). Set once, before the command runs.
    nonisolated(unsafe) private(set) static var commandPath: [String] = []

    /// The subcommands' names from `root` down to `leaf`, nil when `leaf`
    /// is not below it.
    static func path(to leaf: ParsableCommand.Type, from root: ParsableCommand.Type = Tagih.self) -> [String]? {
        if ObjectIdentifier(leaf) == ObjectIdentifier(root) { return [] }
        for sub in root.configuration.subcommands {
            if let rest = path(to: leaf, from: sub) { return [sub._commandName] + rest }
        }
        return nil
    }

    /// Moves global options (`--db X`, `--db=X`, …) from wherever they stand
    /// to the end, before any `--`, so the leaf command parses them.
    static func reorderGlobalOptions(_ args: [String]) -> [String] {
        var rest: [String] = [], globals: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" { rest += args[i...]; break }
            let name = a.split(separator: "=", maxSplits: 1).first.map(String.init) ?? a
            if GlobalOptions.valued.contains(name) {
                if a.contains("=") {
                    globals.append(a)
                } else if i + 1 < args.count {
                    globals += [a, args[i + 1]]
                    i += 1
                } else {
                    globals.append(a) // let the parser report the missing value
                }
            } else {
                rest.append(a)
            }
            i += 1
        }
        if let dash = rest.firstIndex(of: "--") {
            rest.insert(contentsOf: globals, at: dash)
            return rest
        }
        return rest + globals
    }
}

struct Tagih: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tagih",
        abstract: "Tagih — a collections workstation and ledger for the terminal.",
        discussion: """
        Global options (--db, --config, --today, --as) may stand before or after the command.
        Exit codes: 0 done, 1 failed or refused, 2 usage or configuration error.
        """,
        version: "0.1.0",
        subcommands: [UICommand.self, DemoCommand.self, InitCommand.self, UserCommand.self, ImportCommand.self, NightlyCommand.self,
                      ReportCommand.self, AccountCommand.self, CanContactCommand.self, ContactCommand.self, PlanCommand.self, HoldCommand.self,
                      ReleaseCommand.self, CaseCommand.self, AssignCommand.self,
                      RulesCommand.self, CheckCommand.self, AuditCommand.self, UIBenchCommand.self, PhoneCommand.self, StatementCommand.self,
                      ReconcileCommand.self, RemindCommand.self, ChannelCommand.self, ServeCommand.self, MigrateCommand.self],
        defaultSubcommand: UICommand.self
    )
}
