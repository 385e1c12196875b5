import Foundation
import GRDB
import TagihCore

/// Users and their roles. Only an admin changes them; every change is audited.
public struct UserDirectory: Sendable {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    static func decode(_ r: SQLRow) -> User? {
        guard let role = Role(rawValue: r.string("role")) else { return nil }
        return User(login: r.string("login"), name: r.string("name"), role: role,
                    discountLimitBasisPoints: r.int("discount_limit_bp").map(Int.init), team: r.text("team"), active: r.bool("active"))
    }

    public func find(_ login: String) throws -> User? {
        try database.read { db in try Self.find(db, login) }
    }

    static func find(_ db: Database, _ login: String) throws -> User? { try find(SQLiteSQL(db), login) }

    static func find(_ db: any LedgerSQL, _ login: String) throws -> User? {
        try db.row("SELECT * FROM users WHERE login = ?", [.text(login)]).flatMap(decode)
    }

    public func list() throws -> [User] {
        try database.read { db in
            try db.rows("SELECT * FROM users ORDER BY login").compactMap(Self.decode)
        }
    }

    /// Creates the first user of a fresh ledger (`init`): no permission to check yet.
    /// `createdBy` is the login that ran `init` (root, under `scripts/install`), recorded as the real person.
    public func bootstrapAdmin(login: String, name: String, today: Day, now: Date, createdBy: String? = nil) throws {
        guard Login.validate(login) == nil else { throw StoreError("the first admin's login \"\(login)\" is not valid", exitCode: 2) }
        let admin = User(login: login, name: name, role: .admin)
        let session = Session(user: admin, realLogin: createdBy ?? login, today: today, now: now)
        try database.write { db in
            guard try db.int("SELECT count(*) FROM users", []) == 0 else { return }
            try Self.insert(db, admin)
            try AuditTrail.append(db, session: session, action: "user.add", subject: login, detail: "role=admin (first user, created by init)")
        }
    }

    static func insert(_ db: Database, _ u: User) throws { try insert(SQLiteSQL(db), u) }

    static func insert(_ db: any LedgerSQL, _ u: User) throws {
        try db.execute("INSERT INTO users(login, name, role, discount_limit_bp, team, active) VALUES (?, ?, ?, ?, ?, ?)",
                       u.login, u.name, u.role.rawValue, u.discountLimitBasisPoints, u.team, u.active)
    }

    static func requireAdmin(_ session: Session, _ what: String) throws {
        try StoreError.require(.manageUsers, session)
    }

    public func add(_ u: User, session: Session) throws {
        try Self.requireAdmin(session, "add users")
        if let problem = Login.validate(u.login) {
            throw StoreError(Strings(.en).loginProblem(u.login, problem), exitCode: 2)
        }
        guard !u.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError("--name must not be empty", exitCode: 2) }
        try Self.requireText(u)
        try database.write { db in
            if try Self.find(db, u.login) != nil { throw StoreError("user \(u.login) already exists; change it with `tagih user set`") }
            try Self.insert(db, u)
            try AuditTrail.append(db, session: session, action: "user.add", subject: u.login, detail: Self.describe(u))
        }
    }

    /// Applies `change` to an existing user.
    public func update(_ login: String, session: Session, change: (inout User) -> Void) throws -> User {
        try Self.requireAdmin(session, "change users")
        return try database.write { db in
            guard var u = try Self.find(db, login) else { throw StoreError("unknown user \(login)") }
            let before = Self.describe(u)
            change(&u)
            guard !u.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw StoreError("--name must not be empty", exitCode: 2) }
            try Self.requireText(u)
            if u.login == session.realLogin, u.role != .admin || !u.active {
                let admins = try db.int("SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND login <> ?", [.text(login)]) ?? 0
                if admins == 0 { throw StoreError("\(login) is the last active admin; make another admin first") }
            }
            try db.execute("UPDATE users SET name = ?, role = ?, discount_limit_bp = ?, team = ?, active = ? WHERE login = ?",
                           u.name, u.role.rawValue, u.discountLimitBasisPoints, u.team, u.active, login)
            try AuditTrail.append(db, session: session, action: "user.set", subject: login, detail: "\(before) -> \(Self.describe(u))")
            return u
        }
    }

    /// A user's name and team are text fields: no control character (R8).
    static func requireText(_ u: User) throws {
        if let why = TextField.refusal("--name", u.name) ?? u.team.flatMap({ TextField.refusal("--team", $0) }) { throw StoreError(why) }
    }

    static func describe(_ u: User) -> String {
        var parts = ["name=\(u.name)", "role=\(u.role.rawValue)"]
        if let d = u.discountLimitBasisPoints { parts.append("discount_limit=\(formatPercent(d))%") }
        if let t = u.team { parts.append("team=\(t)") }
        parts.append(u.active ? "active" : "inactive")
        return parts.joined(separator: " ")
    }
}
