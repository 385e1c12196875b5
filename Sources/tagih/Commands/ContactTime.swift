import ArgumentParser
import Foundation
import TagihCore
import TagihStore

/// `--at DATETIME` (CONTRACT §6): `YYYY-MM-DDTHH:MM`, optionally with an
/// offset (`+07:00`, `-05:00`, `Z`); without one, the operator's local time.
struct DateTimeArgument: ExpressibleByArgument {
    var day: Day
    var minute: Int
    /// Seconds east of UTC, when the text gave an offset.
    var offset: Int?

    init?(argument: String) {
        let s = Substring(argument)
        guard s.count >= 16, let t = s.firstIndex(of: "T"), s.distance(from: s.startIndex, to: t) == 10,
              let day = Day(iso: s[..<t]) else { return nil }
        let rest = s[s.index(after: t)...]
        let time = rest.prefix(5)
        let parts = time.split(separator: ":")
        guard time.count == 5, parts.count == 2, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        var zone = rest.dropFirst(5)
        // Seconds are accepted and ignored: contacts are logged to the minute.
        if zone.hasPrefix(":"), zone.count >= 3, Int(zone.dropFirst().prefix(2)) != nil { zone = zone.dropFirst(3) }
        self.day = day
        minute = h * 60 + m
        if zone.isEmpty {
            offset = nil
        } else if zone == "Z" {
            offset = 0
        } else {
            let sign: Int
            switch zone.first {
            case "+": sign = 1
            case "-": sign = -1
            default: return nil
            }
            let digits = zone.dropFirst().replacingOccurrences(of: ":", with: "")
            guard digits.count == 4, let oh = Int(digits.prefix(2)), let om = Int(digits.suffix(2)), oh <= 14, om < 60 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        }
    }

    /// The instant this names: its offset when it has one, else the local time of `clock`.
    func instant(in clock: LocalClock) -> Int64 {
        if let offset { return Int64(day.ordinal) * 86_400 + Int64(minute) * 60 - Int64(offset) }
        return clock.instant(day: day, minute: minute)
    }
}

/// `--next`: a day, or a day and time (a call back at 14:00).
struct NextAction: ExpressibleByArgument {
    var day: Day?
    var time: DateTimeArgument?
    init?(argument: String) {
        if argument.contains("T") {
            guard let t = DateTimeArgument(argument: argument) else { return nil }
            time = t
        } else {
            guard let d = Day(iso: argument) else { return nil }
            day = d
        }
    }
}

extension CommandContext {

    /// The operator's clock (`TZ`).
    var operatorClock: LocalClock { Self.systemClock }

    static var systemClock: LocalClock {
        LocalClock.system(TimeZone.current.identifier) ?? .fixed("UTC", hours: 0, abbreviation: "UTC")
    }

    /// The instant a contact command is about and its day in the operator's
    /// local time: `--at`, else now — and with `--today`, that day at the
    /// current time of day.
    func contactInstant(_ at: DateTimeArgument?) -> (instant: Int64, day: Day) {
        let clock = operatorClock
        let instant: Int64
        if let at {
            instant = at.instant(in: clock)
        } else {
            let nowSeconds = Int64(now.timeIntervalSince1970)
            let (_, minute) = clock.local(nowSeconds)
            instant = clock.instant(day: today, minute: minute) + nowSeconds % 60
        }
        return (instant, clock.local(instant).day)
    }
}

extension Channel: ExpressibleByArgument {}
extension DelayReason: ExpressibleByArgument {}
