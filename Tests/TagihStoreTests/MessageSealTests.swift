import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// The message tables are sealed like the contacts (issue 18): `check`
/// finds a sent message, the stages it covers, a delivery result or a
/// stage's pause changed outside Tagih; an upgraded ledger's messages are
/// sealed as they stand.
@Suite struct MessageSealTests {
    /// The reminders ledger after Monday's run, one delivery result and a pause.
    static func ledger(_ scratch: Scratch) throws -> AppDatabase {
        let db = try ReminderRunTests.ledger(scratch)
        _ = try ReminderRun(db).run(session: ReminderRunTests.session("2025-06-30"), dryRun: false)
        let results = try scratch.write("results.csv", "message_id,status,at\n1,delivered,2025-06-30T10:01:00+07:00\n")
        #expect(try MessageResults(db).record(file: results, session: Fixture.session).recorded == 1)
        let lead = Session(user: User(login: "lead1", name: "Lead", role: .lead), realLogin: "lead1", today: Fixture.today, now: Date())
        #expect(try StagePauses(db).set("due-1", paused: true, session: lead))
        return db
    }

    @Test func aLedgerWithMessagesIsProvedAndEachRunRecordsTheirSeals() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        #expect(try TableSealTests.failed(db).isEmpty)
        let seals = try db.writer.read { d in
            try Row.fetchAll(d, sql: "SELECT action, seals FROM audit WHERE action LIKE 'remind.%' ORDER BY id").map { "\($0[0] as String) \($0[1] as String)" }
        }
        #expect(seals.count == 3)
        #expect(seals[0].hasPrefix("remind.run contacts=") && seals[0].contains(";message_stages=") && seals[0].contains(";messages="), "\(seals[0])")
        #expect(seals[1].hasPrefix("remind.results message_results="), "\(seals[1])")
        #expect(seals[2].hasPrefix("remind.pause stage_pauses="), "\(seals[2])")
        // A second day's run adds to the seals and is proved too.
        _ = try ReminderRun(db).run(session: ReminderRunTests.session("2025-07-01"), dryRun: false)
        // (A5's SMS waits: due-1 is paused.)
        #expect(try db.count("messages", where: "day = \(Day(iso: "2025-07-01")!.ordinal)") == 1)
        #expect(try TableSealTests.failed(db).isEmpty)
    }

    @Test(arguments: [
        ("messages", "UPDATE messages SET text = 'Bayar sekarang juga' WHERE id = 1"),
        ("messages", "UPDATE messages SET recipient = '0899-0000-0000' WHERE id = 2"),
        ("messages", "DELETE FROM message_stages WHERE message_id = 6; DELETE FROM messages WHERE id = 6"),
        ("message_stages", "DELETE FROM message_stages WHERE stage = 'SP1'"),
        ("message_stages", "UPDATE message_stages SET message_id = 1 WHERE message_id = 2"),
        ("message_results", "UPDATE message_results SET status = 'failed'"),
        ("message_results", "INSERT INTO message_results(message_id, status, at) VALUES (2, 'read', '2025-06-30T11:00:00+07:00')"),
        ("stage_pauses", "DELETE FROM stage_pauses"),
    ])
    func anEditOfAMessageOutsideTagihIsFound(table: String, sql: String) throws {
        for dropTriggers in [true, false] {
            let scratch = try Scratch()
            let db = try Self.ledger(scratch)
            try TableSealTests.editOutsideTagih(db, sql, dropTriggers: dropTriggers)
            let problems = try TableSealTests.failed(db)["sealed tables"] ?? []
            #expect(problems.contains { $0.hasPrefix("table \(table): its rows differ") }, "\(sql) \(dropTriggers) \(problems)")
        }
    }

    /// A ledger with messages from before the message seals: the upgrade
    /// seals them as they stand (`init` records it), then an edit is found.
    @Test func anUpgradedLedgerKeepsPassingCheck() throws {
        let db = AppDatabase(writer: try DatabaseQueue(configuration: AppDatabase.configuration(Settings())), settings: Settings(), path: ":memory:")
        try Schema.migrator.migrate(db.writer, upTo: "v13-reminders")
        try db.writer.write { d in
            try d.execute(sql: """
                INSERT INTO users(login, name, role) VALUES ('admin', 'Admin', 'admin');
                INSERT INTO accounts(account_no, name, timezone) VALUES ('A1', 'Siti', 'Asia/Jakarta');
                INSERT INTO contacts(account_id, made_by, real_user, at, day, debtor_day, debtor_time, channel, outcome, attempt, contact,
                                     right_party, promise, note) VALUES (1, 'admin', 'admin', 1751252400, 20269, 20269, '10:00', 'sms', 'SENT', 1, 0, 0, 0, 'reminder due-1');
                INSERT INTO messages(contact_id, account_id, day, stage, channel, recipient, language, text)
                VALUES (1, 1, 20269, 'due-1', 'sms', '0812-1111-0001', 'id', 'Yth. Siti');
                INSERT INTO message_results(message_id, status, at) VALUES (1, 'delivered', '2025-06-30T10:01:00+07:00');
                INSERT INTO stage_pauses(stage, day, paused, by_user) VALUES ('due-1', 20269, 1, 'admin');
                """)
        }
        try Schema.migrator.migrate(db.writer)
        #expect(try AuditTrail.recordUpgradeSeals(db, session: Fixture.session))
        // (The rows were written by hand, past the caches and the name index: only the seals are asked.)
        let failed = try TableSealTests.failed(db)
        #expect(failed["sealed tables"] == nil, "\(failed)")
        let seals = try db.writer.read { try String.fetchOne($0, sql: "SELECT seals FROM audit WHERE action = 'ledger.seal'") } ?? ""
        for table in ["messages", "message_results", "stage_pauses"] { #expect(seals.contains(table + "="), "\(seals)") }
        try TableSealTests.editOutsideTagih(db, "UPDATE messages SET text = 'x'", dropTriggers: true)
        #expect(try TableSealTests.failed(db)["sealed tables"] == ["table messages: its rows differ from what the audit trail sealed (a row was added, changed or removed outside Tagih)"])
    }
}
