/// A payment channel's name as `tagih channel add` takes it (R17): the
/// `channel` of section 3 its payments post under, so also a column value of
/// files and a header value on the wire. Letters, digits, `_`, `-` and `.`,
/// 1 to 32 of them: nothing a header, a log line or a terminal could misread.
public enum ChannelName {
    public static let maxLength = 32

    /// Why a text cannot name a channel (said by `Strings.channelProblem`).
    public enum Fault: Sendable, Equatable {
        case empty, tooLong, characters
    }

    /// Why `name` cannot name a channel, or nil when it can.
    public static func problem(_ name: String) -> Fault? {
        if name.isEmpty { return .empty }
        if name.utf8.count > maxLength { return .tooLong }
        let ok = name.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D || b == 0x2E
        }
        return ok ? nil : .characters
    }
}
