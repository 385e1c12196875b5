import Foundation
import TagihConfig
import TagihCore
import TagihPostgres
import TagihStore

/// `tagih init --db postgresql://…` (CONTRACT §12, R6): Tagih's schema in an
/// existing database (its owner made it with `createdb`), the first admin
/// and the rules when it is new; a no-op on a current one.
///
/// This is `init`'s own PostgreSQL branch until the store has its seam
/// (DESIGN §6): the rows it writes — the admin, the rules, and the two audit
/// rows that record them with their table seals — are exactly what the
/// SQLite `init` writes (`UserDirectory.bootstrapAdmin`,
/// `LedgerRules.recordInitial`), hashed by the same functions, so `check`
/// and `migrate` will find the same chain on both backends.
enum InitPostgres {
    static func run(_ ctx: CommandContext, uri: PostgresURI, adminLogin: String) throws {
        let db = try connect(ctx, uri)
        defer { db.close() }
        let place = uri.display
        do {
            let outcome = try PostgresSchema.install(db)
            let recorded = try db.transaction { db in try bootstrap(db, ctx, adminLogin: adminLogin) }
            if recorded.admin {
                say("\(place): ledger created; \(adminLogin) is its admin")
            } else {
                say("\(place): schema \(outcome == .created ? "created" : "up to date")")
            }
            if recorded.rules { say("\(place): rules recorded from \(ctx.configSource) (`tagih rules show` prints them)") }
        } catch let f as PostgresFailure {
            throw CommandError.failed(f.text(ctx.strings))
        } catch PostgresSchema.Refusal.notEmpty(let tables) {
            throw CommandError.failed("\(place) holds tables that are not Tagih's (\(tables.prefix(5).joined(separator: ", "))\(tables.count > 5 ? ", …" : "")); "
                                      + "give Tagih a database of its own (createdb)")
        } catch PostgresSchema.Refusal.newer(let unknown) {
            throw CommandError.failed("\(place) holds a schema from a newer Tagih (\(unknown.joined(separator: ", "))); use that version")
        }
    }

    /// Connects as the URI's user (else the invoking login), with the
    /// password from the password file when one matches.
    static func connect(_ ctx: CommandContext, _ uri: PostgresURI) throws -> PGConnection {
        try CommandContext.connect(uri, passfile: ctx.settings.personal.databasePassfile, environment: ctx.environment, strings: ctx.strings)
    }

    /// The first admin (when the ledger has no user) and the rules (when it
    /// has none), each with its audit row; inside the caller's transaction.
    static func bootstrap(_ db: PGConnection, _ ctx: CommandContext, adminLogin: String) throws -> (admin: Bool, rules: Bool) {
        var admin = false
        var actor = ctx.osLogin
        if try count(db, "users") == 0, try count(db, "audit") == 0 {
            let name = InitCommand.fullName(adminLogin)
            let user: [PGValue] = [.text(adminLogin), .text(name), .text("admin"), .null, .null, .int(1)]
            try db.execute("INSERT INTO users(login, name, role, discount_limit_bp, team, active) VALUES ($1, $2, $3, $4, $5, $6)", user)
            try append(db, ctx, actor: adminLogin, action: "user.add", subject: adminLogin,
                       detail: "role=admin (first user, created by init)", sealed: ("users", PostgresSeals.rowHash(table: "users", user)))
            admin = true
            actor = adminLogin
        }
        guard try count(db, "rules") == 0 else { return (admin, false) }
        let toml = RulesText.render(ctx.settings.rules)
        let at = AuditTrail.timestamp(Date())
        let row: [PGValue] = [.int(1), .text(toml), .text(at), .text(actor), .text(ctx.today.iso)]
        try db.execute("INSERT INTO rules(id, toml, loaded_at, loaded_by, business_day) VALUES ($1, $2, $3, $4, $5)", row)
        try append(db, ctx, actor: actor, action: "rules.init", subject: "rules 1",
                   detail: "sha256=\(LedgerRules.hash(toml)) from=\(ctx.configSource)", sealed: ("rules", PostgresSeals.rowHash(table: "rules", row)))
        return (admin, true)
    }

    static func count(_ db: PGConnection, _ table: String) throws -> Int64 {
        try db.query("SELECT count(*) FROM \(table)").first?.first?.int ?? 0
    }

    /// One audit row chained to the one before (`AuditTrail.append`'s rule),
    /// recording the new seal of the one table the change moved by one row.
    static func append(_ db: PGConnection, _ ctx: CommandContext, actor: String, action: String, subject: String, detail: String,
                       sealed: (table: String, row: [UInt8])) throws {
        let last = try db.query("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").first
        let id = (last?[0].int ?? 0) + 1
        let prev = last?[1].text ?? AuditTrail.genesis
        let pointer = "sealed_at." + sealed.table
        // The table's newest recorded seal (zero on a new ledger) plus this row.
        let seal = PostgresSeals.add(try PostgresSeals.newestRecorded(db, table: sealed.table), sealed.row)
        let seals = "\(sealed.table)=\(PostgresSeals.hex(seal))"
        let at = AuditTrail.timestamp(Date())
        let day = ctx.today.iso
        let h = AuditTrail.hash(id: id, at: at, day: day, actor: actor, realUser: ctx.osLogin, action: action, subject: subject,
                                detail: detail, prev: prev, seals: seals)
        try db.execute("""
            INSERT INTO audit(id, at, business_day, actor, real_user, action, subject, detail, prev_hash, hash, seals)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            """, [.int(id), .text(at), .text(day), .text(actor), .text(ctx.osLogin), .text(action), .text(subject), .text(detail),
                  .text(prev), .text(h), .text(seals)])
        for (key, value) in [(pointer, String(id)), ("audit_head", h)] {
            try db.execute("INSERT INTO meta(key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                           [.text(key), .text(value)])
        }
    }
}
