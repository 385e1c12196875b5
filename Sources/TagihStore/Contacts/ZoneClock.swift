import Foundation
import TagihCore

extension LocalClock {
    /// A clock for an IANA zone from the system's zone data; nil for an unknown zone.
    public static func system(_ zone: String) -> LocalClock? {
        guard let tz = TimeZone(identifier: zone) else { return nil }
        let known = ZoneNames.abbreviation(zone)
        return LocalClock(
            zone: zone,
            offset: { tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))) },
            abbreviation: { instant in
                if let known { return known }
                let date = Date(timeIntervalSince1970: TimeInterval(instant))
                // Foundation names some zones only as GMT±h; say UTC±h then.
                if let a = tz.abbreviation(for: date), !a.hasPrefix("GMT") { return a }
                return ZoneNames.utcOffset(tz.secondsFromGMT(for: date))
            })
    }
}
