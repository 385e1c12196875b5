import Foundation
import TagihConfig
import TagihCore
import TagihPostgres
import TagihStore

/// Opening a ledger on a PostgreSQL server (CONTRACT §12): the connection
/// with the password from the password file, then the same `AppDatabase`
/// every command works through — only the door differs.
extension CommandContext {
    /// Connects as the URI's user (else the invoking login), with the
    /// password from the password file when one matches (the protected
    /// install's copy with the group's rights, for its URI only: `Install.password`).
    static func connect(_ uri: PostgresURI, passfile configured: String?, environment: [String: String],
                        strings: Strings) throws -> PGConnection {
        let user = uri.user ?? realLogin
        let path = PassFile.path(configured: configured, environment: environment)
        let password = try Install.password(for: uri, user: user, path: path) { problem in
            warn("tagih: warning: " + strings.passFileProblem(path ?? "", problem))
        }
        do {
            return try PGConnection(uri, login: realLogin, password: password, application: applicationName)
        } catch {
            throw CommandError.failed(error.text(strings))
        }
    }

    /// What a database administrator sees of this process on the server
    /// (`application_name` in `pg_stat_activity`, `%a` in the log), unless the
    /// URI names one: the command and the person at the terminal, say
    /// `tagih import (kol01)`. In a protected install everyone connects as
    /// the one role Tagih owns, so the role alone says nothing of who holds
    /// the writers' turn or a long report.
    static var applicationName: String {
        (["tagih"] + TagihMain.commandPath).joined(separator: " ") + " (\(realLogin))"
    }

    /// The ledger in the database of `uri` with the rules it holds, or (a
    /// database `init` has not set up yet) none: `settings` keep the config's
    /// rules then, which only `init` uses.
    static func openRemote(_ uri: PostgresURI, settings: Settings, environment: [String: String],
                           strings: Strings) throws -> (AppDatabase, StoredRules?) {
        let pg = try connect(uri, passfile: settings.personal.databasePassfile, environment: environment, strings: strings)
        let db = AppDatabase(remote: PostgresLedger(pg), settings: settings)
        do {
            guard try db.remote?.schemaIsCurrent() == true else { return (db, nil) }
            return (db, try LedgerRules(db).newest())
        } catch let e as StoreError {
            throw CommandError.failed(e.text(strings))
        }
    }
}
