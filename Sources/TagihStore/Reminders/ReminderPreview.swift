import TagihCore

extension ReminderRun {
    /// The run of `session.today` counted as `remind --dry-run` counts it,
    /// for the workstation's preview (Reports → Reminders): the same
    /// planning, read only, so it needs no right to record messages; with
    /// the stages paused that day.
    /// With `collectors`, only the accounts of those logins (the screen's scope).
    public func preview(session: Session, collectors: Set<String>? = nil) throws -> (report: RemindReport, paused: Set<String>) {
        try database.read { db in
            (try plan(db, session: session, recorder: nil, collectors: collectors).with(dryRun: true), try StagePauses.paused(db, on: session.today))
        }
    }
}
