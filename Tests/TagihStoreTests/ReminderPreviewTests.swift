import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// The workstation's Reports → Reminders preview (issue 18): the counts of
/// `tagih remind --dry-run` for the same day, read only, for a lead too;
/// and the messages an account's screen lists.
@Suite struct ReminderPreviewTests {
    @Test func thePreviewIsTheDryRunOfThatDay() throws {
        let scratch = try Scratch()
        let db = try ReminderRunTests.ledger(scratch)
        // Today's run sent, and a stage paused from today: tomorrow's preview shows both.
        _ = try ReminderRun(db).run(session: ReminderRunTests.session("2025-06-30"), dryRun: false)
        let lead = User(login: "lead1", name: "Lead", role: .lead)
        #expect(try StagePauses(db).set("pre-due", paused: true, session: Session(user: lead, realLogin: "lead1", today: Fixture.today, now: Date())))
        let messagesBefore = try db.count("messages"), contactsBefore = try db.count("contacts")

        var tomorrow = ReminderRunTests.session("2025-07-01")
        let dry = try ReminderRun(db).run(session: tomorrow, dryRun: true)
        tomorrow.user = lead   // a lead may look, though only the batch and admins send
        let (preview, paused) = try ReminderRun(db).preview(session: tomorrow)
        #expect(preview.stages == dry.stages)
        #expect(preview.day == Day(iso: "2025-07-01") && paused == ["pre-due"])
        #expect(preview.stages.contains { $0.sent + $0.blockedCount + $0.paused + $0.skipped > 0 }, "the day has something to count: \(preview.stages.map(\.line))")
        #expect(try db.count("messages") == messagesBefore && db.count("contacts") == contactsBefore, "a preview records nothing")
    }

    /// The account screen's messages: newest first, with the latest gateway result.
    @Test func anAccountsMessagesWithTheirLatestStatus() throws {
        let scratch = try Scratch()
        let db = try ReminderRunTests.ledger(scratch)
        _ = try ReminderRun(db).run(session: ReminderRunTests.session("2025-06-30"), dryRun: false)
        let a2 = try #require(try db.writer.read { try Int64.fetchOne($0, sql: "SELECT id FROM accounts WHERE account_no = 'A2'") })
        let ids = try db.writer.read { try Int64.fetchAll($0, sql: "SELECT id FROM messages WHERE account_id = ? ORDER BY id", arguments: [a2]) }
        #expect(ids.count >= 1)
        let results = try scratch.write("results.csv", "message_id,status,at\n\(ids[0]),delivered,2025-06-30T10:05:00+07:00\n\(ids[0]),read,2025-06-30T11:00:00+07:00\n")
        _ = try MessageResults(db).record(file: results, session: ReminderRunTests.session("2025-06-30"))
        let store = WorkstationStore(db)
        let shown = try store.account(id: a2, asOf: Fixture.today, now: ReminderRunTests.monday10).messages
        #expect(shown.count == ids.count)
        #expect(shown.allSatisfy { $0.day == Fixture.today && $0.to.isEmpty == false })
        // The first message's latest result is "read" (delivered, then read); any other has none yet (shown as "sent").
        // Newest first (one day: the later message first), so the first sent is last.
        #expect(shown.map(\.status) == Array(repeating: nil, count: ids.count - 1) + ["read"])
        #expect(try store.account(id: a2, asOf: Fixture.today.adding(days: -1), now: ReminderRunTests.monday10).messages.isEmpty,
                "as of the day before, nothing was sent yet")
    }
}
