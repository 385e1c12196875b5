/// An instant as ISO 8601 in UTC to the millisecond, `2026-12-03T19:26:40.123Z`:
/// the audit trail's `at` and the server's log lines. Written out here
/// rather than by Foundation's ISO8601DateFormatter, which the audit trail
/// made afresh for every row and which was a twentieth of `tagih serve`'s
/// time under load (the same text for every whole millisecond: `UTCStampTests`).
public enum UTCStamp {
    /// `milliseconds` since 1970-01-01T00:00:00Z.
    public static func text(milliseconds ms: Int64) -> String {
        let perDay: Int64 = 86_400_000
        let day = ms >= 0 ? ms / perDay : (ms - perDay + 1) / perDay
        var rest = Int(ms - day * perDay)
        let milli = rest % 1000; rest /= 1000
        let second = rest % 60; rest /= 60
        let minute = rest % 60
        let hour = rest / 60
        return Day(ordinal: Int32(day)).iso + "T" + String(hour).leftPadded(2) + ":" + String(minute).leftPadded(2) + ":"
            + String(second).leftPadded(2) + "." + String(milli).leftPadded(3) + "Z"
    }

    /// Seconds since 1970 (as `Date.timeIntervalSince1970` gives them) to
    /// the nearest millisecond.
    public static func text(seconds: Double) -> String {
        text(milliseconds: Int64((seconds * 1000).rounded()))
    }
}
