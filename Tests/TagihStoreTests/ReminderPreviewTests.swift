import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// The workstation's Reports → Reminders preview (issue 18): the counts of
/// `tagih remind --dry-run` for the same day, read only, for a lead too.
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
}
