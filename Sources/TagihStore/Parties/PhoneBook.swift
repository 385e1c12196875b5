import Foundation
import GRDB
import TagihCore

/// What `phone add` did.
public struct PhoneAdded: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        /// A new number on the account.
        case added
        /// The number was there: its consent was recorded.
        case consentRecorded
        /// The number was there with that party and consent: nothing to do.
        case unchanged
    }
    public var accountNo: String
    public var phone: Phone
    public var change: Change
}

/// What `phone mark` did: the accounts holding the number, in account order.
public struct PhoneMarked: Sendable, Equatable {
    public var number: String
    public var status: PhoneStatus
    public var accounts: [String]
}

/// An account's phones and their marks (CONTRACT §9).
///
/// The accounts file's `phone` column is the debtor's: its numbers are the
/// account's first debtor phones without a `phones` row of their own. A row
/// is made for one only when something must be recorded about it (a mark, a
/// consent), so importing a million accounts writes no more than before and
/// a changed `phone` column needs nothing kept in step; a number a person
/// has spoken about keeps its row, party and marks whatever a later file says.
public struct PhoneBook: Sendable {
    public let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    /// The account's phones: the accounts file's numbers first (in the
    /// field's order), then the numbers added, in the order they were added.
    public func phones(_ accountNo: String) throws -> [Phone] {
        try database.read { db in try Self.phones(db, accountID: Self.account(db, accountNo).id) }
    }

    static func account(_ db: Database, _ accountNo: String) throws -> (id: Int64, phone: String?) { try account(SQLiteSQL(db), accountNo) }

    static func account(_ db: any LedgerSQL, _ accountNo: String) throws -> (id: Int64, phone: String?) {
        guard let row = try db.row("SELECT id, phone FROM accounts WHERE account_no = ?", [.text(accountNo)]) else {
            throw StoreError("unknown account \(accountNo)")
        }
        return (row.int("id") ?? 0, row.text("phone"))
    }

    static func phones(_ db: Database, accountID: Int64) throws -> [Phone] { try phones(SQLiteSQL(db), accountID: accountID) }

    static func phones(_ db: any LedgerSQL, accountID: Int64) throws -> [Phone] {
        let imported = try db.text("SELECT phone FROM accounts WHERE id = ?", [.int(accountID)]) ?? ""
        var marks: [Int64: [PhoneMark]] = [:]
        for r in try db.rows("""
            SELECT m.phone_id, m.day, m.status, m.by_user FROM phone_marks m JOIN phones p ON p.id = m.phone_id
            WHERE p.account_id = ? ORDER BY m.id
            """, [.int(accountID)]) {
            guard let status = PhoneStatus(rawValue: r.string("status")) else { continue }
            marks[r.int("phone_id") ?? 0, default: []].append(PhoneMark(day: Day(ordinal: Int32(r.int("day") ?? 0)), status: status,
                                                                          by: r.string("by_user")))
        }
        let rows = try db.rows("SELECT id, number, party, consent FROM phones WHERE account_id = ? ORDER BY id", [.int(accountID)]).map { r in
            Phone(id: r.int("id") ?? 0, number: r.string("number"), party: PhoneParty(rawValue: r.string("party")) ?? .other,
                  consent: r.text("consent"), marks: marks[r.int("id") ?? 0] ?? [])
        }
        return merge(imported: imported, rows: rows)
    }

    /// The account's phones from its imported `phone` column and its phone
    /// rows: the imported numbers first (a row of the same number in its
    /// place), then the other rows.
    static func merge(imported: String, rows: [Phone]) -> [Phone] {
        var rows = rows
        var out: [Phone] = []
        for number in PhoneKey.numbers(imported) {
            guard let key = PhoneKey.key(number), !out.contains(where: { $0.key == key }) else { continue }
            if let i = rows.firstIndex(where: { $0.key == key }) {
                out.append(rows.remove(at: i))
            } else {
                out.append(Phone(number: number, party: .debtor))
            }
        }
        return out + rows
    }

    /// `phone add`: a number on the account with its party and consent. A
    /// number already there keeps its party (refused if another is asked);
    /// a consent given for it is recorded.
    public func add(accountNo: String, number: String, party: PhoneParty, consent: String?, session: Session) throws -> PhoneAdded {
        for (name, text) in [("NUMBER", number as String?), ("--consent", consent)] {
            if let text, let why = TextField.refusal(name, text) { throw StoreError(why) }
        }
        let number = number.trimmingCharacters(in: .whitespaces)
        let consent = consent.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        guard PhoneKey.key(number) != nil else {
            throw StoreError(.notAPhoneNumber(number))
        }
        return try database.write { db in
            try StoreError.require(.changePhones, session)
            let account = try Self.account(db, accountNo)
            let phones = try Self.phones(db, accountID: account.id)
            let detail = "party=\(party.rawValue)" + (consent.map { " consent=\($0)" } ?? "")
            if let had = phones.find(number) {
                guard had.party == party else { throw StoreError(.numberHasParty(number: had.number, account: accountNo, party: had.party)) }
                if let id = had.id {
                    guard let consent, consent != had.consent else { return PhoneAdded(accountNo: accountNo, phone: had, change: .unchanged) }
                    try db.execute("UPDATE phones SET consent = ? WHERE id = ?", consent, id)
                    try AuditTrail.append(db, session: session, action: "phone.consent", subject: "\(accountNo) phone \(had.number)", detail: detail)
                    var p = had
                    p.consent = consent
                    return PhoneAdded(accountNo: accountNo, phone: p, change: .consentRecorded)
                }
                // The accounts file's number: it gets its row to hold the consent.
                guard consent != nil else { return PhoneAdded(accountNo: accountNo, phone: had, change: .unchanged) }
                var p = had
                p.consent = consent
                p.id = try Self.insert(db, account: account.id, p, session: session)
                try AuditTrail.append(db, session: session, action: "phone.consent", subject: "\(accountNo) phone \(had.number)", detail: detail)
                return PhoneAdded(accountNo: accountNo, phone: p, change: .consentRecorded)
            }
            var p = Phone(number: number, party: party, consent: consent)
            p.id = try Self.insert(db, account: account.id, p, session: session)
            // (The search by phone stays over the accounts file's numbers:
            // `check` proves account_phones against exactly those.)
            try AuditTrail.append(db, session: session, action: "phone.add", subject: "\(accountNo) phone \(number)", detail: detail)
            return PhoneAdded(accountNo: accountNo, phone: p, change: .added)
        }
    }

    static func insert(_ db: any LedgerSQL, account: Int64, _ p: Phone, session: Session) throws -> Int64 {
        let id = try db.nextID(in: "phones")
        try db.execute("""
            INSERT INTO phones(id, account_id, number, phone_key, party, consent, added_day, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, id, account, p.number, p.key, p.party.rawValue, p.consent, session.today.ordinal, session.user.login)
        return id
    }

    /// `phone mark`: the number's status from today on, on every account
    /// that has it (a number is wrong or do-not-call whoever's it is).
    public func mark(number: String, status: PhoneStatus, session: Session) throws -> PhoneMarked {
        if let why = TextField.refusal("NUMBER", number) { throw StoreError(why) }
        guard let key = PhoneKey.key(number) else {
            throw StoreError(.notAPhoneNumber(number))
        }
        return try database.write { db in
            try StoreError.require(.changePhones, session)
            // Accounts with a row for the number, and those that have it only in their phone column.
            var ids = try db.rows("SELECT id, account_id FROM phones WHERE phone_key = ? ORDER BY id", [.text(key)])
                .map { (phone: $0.int("id") ?? 0, account: $0.int("account_id") ?? 0) }
            let listed = try db.rows("SELECT account_id FROM account_phones WHERE phone_key = ? ORDER BY account_id", [.text(key)])
                .map { $0[0].int ?? 0 }
            for account in listed where !ids.contains(where: { $0.account == account }) {
                guard let p = try Self.phones(db, accountID: account).first(where: { $0.key == key && $0.id == nil }) else { continue }
                ids.append((try Self.insert(db, account: account, p, session: session), account))
            }
            guard !ids.isEmpty else { throw StoreError(.numberOnNoAccount(number)) }
            let at = AuditTrail.timestamp(session.recordedAt)
            for id in ids {
                try db.execute("INSERT INTO phone_marks(id, phone_id, day, status, by_user, at) VALUES (?, ?, ?, ?, ?, ?)",
                               try db.nextID(in: "phone_marks"), id.phone, session.today.ordinal, status.rawValue, session.user.login, at)
            }
            let accounts = try ids.map(\.account).sorted().map { id in
                try db.text("SELECT account_no FROM accounts WHERE id = ?", [.int(id)]) ?? ""
            }
            try AuditTrail.append(db, session: session, action: "phone.mark", subject: "phone \(number)",
                                  detail: "status=\(status.rawValue) accounts=\(accounts.joined(separator: ","))")
            return PhoneMarked(number: number, status: status, accounts: accounts)
        }
    }
}
