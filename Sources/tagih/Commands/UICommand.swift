import ArgumentParser
import Foundation
import TagihConfig
import TagihCore
import TagihStore
import TagihTerminal
import TagihUI

struct UICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Open the terminal workstation (the default command).",
        discussion: "Keys: ? help, / search, Enter open, Esc back, q quit. Rebind them in config/keys.toml.")
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session(cacheMebibytes: WorkstationLauncher.cacheMebibytes)
        throw ExitCode(try WorkstationLauncher.run(ctx, database: db, session: session))
    }
}

/// The store answers the workstation's questions as they are.
extension WorkstationStore: WorkstationData {}

/// Opens the workstation for a session: keymap, state, terminal, loop.
enum WorkstationLauncher {
    /// The workstation reads a screenful at a time and stays open all day:
    /// a small page cache keeps it well under 100 MB on a million accounts.
    static let cacheMebibytes = 8

    static func keymap(_ ctx: CommandContext) throws -> Keymap {
        let path = KeysLoader.path(forConfig: ctx.global.config)
        do {
            return try Keymap.standard.overriding(try KeysLoader.load(path: path))
        } catch let e as ConfigError {
            throw CommandError.usage(e.description)
        } catch let e as Keymap.Invalid {
            throw CommandError.usage("\(path): \(e.description)")
        }
    }

    static func state(_ ctx: CommandContext, database: AppDatabase, session: Session, keymap: Keymap) -> AppState {
        AppState(me: session.user, today: ctx.today, database: (ctx.dbPath as NSString).lastPathComponent,
                 language: ctx.language, currency: ctx.settings.currency, buckets: ctx.settings.buckets, keymap: keymap)
    }

    /// Runs until the user quits; returns the exit code (0, or 128 + signal).
    static func run(_ ctx: CommandContext, database: AppDatabase, session: Session) throws -> Int32 {
        let keymap = try keymap(ctx)
        let terminal = Terminal()
        do {
            try terminal.open(environment: ctx.environment)
        } catch {
            throw CommandError.usage(error.description)
        }
        let workstation = Workstation(state: state(ctx, database: database, session: session, keymap: keymap),
                                      data: WorkstationStore(database), clock: { Int64(Date().timeIntervalSince1970) })
        return workstation.run(terminal: terminal)
    }
}
