/// Wall-clock time in one time zone, for the contact policy. The zone's
/// rules come from outside (the store builds one from the system's zone
/// data), so the core stays free of I/O and of the clock: instants are unix
/// seconds passed in.
public struct LocalClock: Sendable {
    /// The IANA name, e.g. `Asia/Makassar`.
    public let zone: String
    /// Seconds east of UTC at an instant (changes across DST).
    let offset: @Sendable (Int64) -> Int
    /// The zone's short name at an instant (`WIB`, `EST`).
    let abbreviationAt: @Sendable (Int64) -> String

    public init(zone: String, offset: @escaping @Sendable (Int64) -> Int, abbreviation: @escaping @Sendable (Int64) -> String) {
        self.zone = zone
        self.offset = offset
        abbreviationAt = abbreviation
    }

    /// A zone with one fixed offset (tests, and zones without DST).
    public static func fixed(_ zone: String, hours: Int, minutes: Int = 0, abbreviation: String) -> LocalClock {
        let seconds = hours * 3600 + (hours < 0 ? -minutes : minutes) * 60
        return LocalClock(zone: zone, offset: { _ in seconds }, abbreviation: { _ in abbreviation })
    }

    /// The local day and minute of the day (0…1439) at an instant.
    public func local(_ instant: Int64) -> (day: Day, minute: Int) {
        let wall = instant + Int64(offset(instant))
        let dayNumber = wall >= 0 ? wall / 86_400 : (wall - 86_399) / 86_400
        return (Day(ordinal: Int32(dayNumber)), Int(wall - dayNumber * 86_400) / 60)
    }

    /// The instant of a local day and minute: the offset is looked up at a
    /// first guess and once more at the instant it gives, which is exact
    /// everywhere but inside a DST gap or overlap (2 a.m. in most zones,
    /// never a contact hour).
    public func instant(day: Day, minute: Int) -> Int64 {
        let wall = Int64(day.ordinal) * 86_400 + Int64(minute) * 60
        let guess = wall - Int64(offset(wall))
        return wall - Int64(offset(guess))
    }

    public func abbreviation(at instant: Int64) -> String { abbreviationAt(instant) }

    /// `2026-11-09 08:00 WIB`.
    public func describe(_ instant: Int64) -> String {
        let (d, m) = local(instant)
        return "\(d.iso) \(String(m / 60).leftPadded(2)):\(String(m % 60).leftPadded(2)) \(abbreviation(at: instant))"
    }
}
