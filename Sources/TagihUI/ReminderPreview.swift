import TagihCore

/// One stage of tomorrow's reminder run as `tagih remind --dry-run` counts
/// it (Reports → Reminders): the store's figures, carried to the screen.
public struct ReminderStagePreview: Sendable, Equatable {
    public var stage: String
    public var channel: ReminderChannel
    public var chosen: Int
    /// Would go (`sent` of the dry run).
    public var toSend: Int
    /// Blocked by the contact policy, by reason.
    public var blocked: [ReminderBlock: Int]
    /// Would have gone, had the stage not been paused.
    public var pausedCount: Int
    /// Already sent that day (a rerun sends them no more).
    public var alreadySent: Int
    /// Whether the stage is paused on the day previewed.
    public var isPaused: Bool
    /// A letter stage's letters that would go inside the warning letter of the same day.
    public var inLetter: Int

    public init(stage: String, channel: ReminderChannel, chosen: Int, toSend: Int, blocked: [ReminderBlock: Int], pausedCount: Int,
                alreadySent: Int, isPaused: Bool, inLetter: Int = 0) {
        self.stage = stage; self.channel = channel; self.chosen = chosen; self.toSend = toSend; self.blocked = blocked
        self.pausedCount = pausedCount; self.alreadySent = alreadySent; self.isPaused = isPaused; self.inLetter = inLetter
    }

    public var blockedCount: Int { blocked.values.reduce(0, +) }
}

extension WorkstationData {
    /// Tomorrow's run previewed (a ledger without reminders: none).
    public func reminderPreview(day: Day, collectors: Set<String>?) throws -> [ReminderStagePreview] { [] }
    /// Pauses or resumes a stage from today as the user; false when it already was so.
    public func setStagePaused(_ stage: String, paused: Bool) throws -> Bool { false }
}
