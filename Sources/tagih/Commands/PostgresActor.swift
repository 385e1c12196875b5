import TagihCore
import TagihPostgres

/// Who acts on a PostgreSQL ledger, read from its `users` table by the rules
/// `CommandContext.session` applies to a ledger file: the invoking login
/// must be an active Tagih user there, and `--as` is for admins only.
///
/// Only `migrate` (PostgreSQL → file) needs it so far. It is to be replaced
/// by the store seam's session (AppDatabase's PostgreSQL backend), which
/// reads the person the same way for every command; then this file goes.
enum PostgresActor {
    /// The acting login and its role, or the refusal `session` would give.
    static func acting(_ pg: PGConnection, _ ctx: CommandContext, ledger: String) throws -> (login: String, role: String) {
        let s = ctx.strings
        func find(_ login: String) throws -> (role: String, active: Bool)? {
            guard let row = try pg.query("SELECT role, active FROM users WHERE login = $1", [.text(login)]).first,
                  let role = row[0].text else { return nil }
            return (role, row[1].int != 0)
        }
        let login = ctx.osLogin
        guard let me = try find(login) else { throw CommandError.failed(s.migrateRefusal(.notAUser(login: login, ledger: ledger))) }
        guard me.active else { throw CommandError.failed(s.migrateRefusal(.deactivated(login: login, ledger: ledger))) }
        guard let other = ctx.global.actAs, other != login else { return (login, me.role) }
        guard me.role == "admin" else { throw CommandError.failed(s.migrateRefusal(.asOnlyForAdmins(login: login, role: me.role))) }
        guard let them = try find(other) else { throw CommandError.failed(s.migrateRefusal(.unknownAsUser(other))) }
        return (other, them.role)
    }
}
