/// A reminder or letter the account was sent, as its screen lists it.
public struct SentMessage: Sendable, Equatable {
    public var day: Day
    public var stage: String
    public var channel: ReminderChannel
    /// The number, address or postal address it went to.
    public var to: String
    /// The gateway's latest result (`delivered`, `read`, `failed`); nil: none yet, "sent".
    public var status: String?

    public init(day: Day, stage: String, channel: ReminderChannel, to: String, status: String?) {
        self.day = day; self.stage = stage; self.channel = channel; self.to = to; self.status = status
    }
}
