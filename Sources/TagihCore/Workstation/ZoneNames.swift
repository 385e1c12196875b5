/// The names people use for time zones. Indonesia's three zones go by WIB,
/// WITA and WIT, which the system's zone data does not know.
public enum ZoneNames {
    static let indonesian: [String: String] = [
        "Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB",
        "Asia/Makassar": "WITA", "Asia/Ujung_Pandang": "WITA",
        "Asia/Jayapura": "WIT",
    ]

    /// `WIB` for `Asia/Jakarta`; nil for zones without a well-known name here.
    public static func abbreviation(_ zone: String) -> String? { indonesian[zone] }

    /// `UTC+7`, `UTC+5:30`, `UTC-3` for an offset in seconds.
    public static func utcOffset(_ seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : "+"
        let m = abs(seconds) / 60
        return "UTC\(sign)\(m / 60)" + (m % 60 == 0 ? "" : ":" + String(m % 60).leftPadded(2))
    }
}
