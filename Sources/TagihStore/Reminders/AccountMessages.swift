import GRDB
import TagihCore

extension MessageResults {
    /// The messages an account was sent up to `day`, newest first, each with
    /// its latest delivery result (the last recorded, as `status(messageID:)`).
    static func sent(_ db: Database, accountID: Int64, upTo day: Day) throws -> [SentMessage] {
        try sent(SQLiteSQL(db), accountID: accountID, upTo: day)
    }

    static func sent(_ db: any LedgerSQL, accountID: Int64, upTo day: Day) throws -> [SentMessage] {
        try db.rows("""
            SELECT m.day, m.stage, m.channel, m.recipient,
                   (SELECT r.status FROM message_results r WHERE r.message_id = m.id ORDER BY r.id DESC LIMIT 1)
            FROM messages m WHERE m.account_id = ? AND m.day <= ? ORDER BY m.day DESC, m.id DESC
            """, [.int(accountID), .int(Int64(day.ordinal))]).map {
            SentMessage(day: Day(ordinal: Int32($0[0].int ?? 0)), stage: $0[1].text ?? "", channel: ReminderChannel(rawValue: $0[2].text ?? "") ?? .sms,
                        to: $0[3].text ?? "", status: $0[4].text)
        }
    }
}

extension AccountDetail {
    func withMessages(_ messages: [SentMessage]) -> AccountDetail { var d = self; d.messages = messages; return d }
}
