import TagihCore

/// Who works an account (CONTRACT §1a, `tagih assign`): a lead within the
/// team, an admin anywhere; each change audited. All the accounts of one
/// call change together, or none does.
public struct Assignments: Sendable {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    /// Assigns the accounts to `login` (nil: unassigns them); returns how
    /// many changed (an account already theirs is left as it is).
    @discardableResult
    public func assign(_ accountNos: [String], to login: String?, session: Session) throws -> Int {
        try database.write { db in
            var to: User?
            if let login {
                guard let u = try UserDirectory.find(db, login) else { throw StoreError("--to \(login): unknown user") }
                to = u
            }
            var changed = 0
            for no in accountNos {
                guard let id = try db.int("SELECT id FROM accounts WHERE account_no = ?", [.text(no)]) else {
                    throw StoreError(.unknownAccount(no))
                }
                let owner = try PlanBook.owner(db, accountID: id)
                try StoreError.require(.assign(owner, to: to), session)
                guard owner.collector != login else { continue }
                try db.execute("UPDATE accounts SET collector = ? WHERE id = ?", login, id)
                try AuditTrail.append(db, session: session, action: "account.assign", subject: no,
                                      detail: "\(owner.collector ?? "-") -> \(login ?? "-")")
                changed += 1
            }
            return changed
        }
    }
}
