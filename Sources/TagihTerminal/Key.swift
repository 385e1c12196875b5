import CNcursesw

/// A key press, decoded from what `wget_wch` returns. Screens and keymaps
/// speak in these, never in curses codes.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// Ctrl plus a letter, as the lowercase letter (`control("c")` is Ctrl-C).
    case control(Character)
    case resize
    case unknown(UInt32)

    /// Decodes a `wget_wch` result: `isKeyCode` when it returned
    /// `KEY_CODE_YES` (a special key), else `value` is a character.
    public static func decode(_ value: UInt32, isKeyCode: Bool) -> Key {
        if isKeyCode {
            switch Int32(bitPattern: value) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_BTAB: return .backTab
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case KEY_ENTER: return .enter
            case KEY_RESIZE: return .resize
            case (KEY_F0 + 1)...(KEY_F0 + 63): return .function(Int(Int32(bitPattern: value) - KEY_F0))
            default: return .unknown(value)
            }
        }
        switch value {
        case 10, 13: return .enter
        case 9: return .tab
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        default:
            guard let scalar = Unicode.Scalar(value) else { return .unknown(value) }
            return .character(Character(scalar))
        }
    }

    /// The key's name in keymaps and help: `Enter`, `Ctrl-C`, `F1`, `/`.
    public var name: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-\(c.uppercased())"
        case .resize: return "Resize"
        case .unknown(let v): return "Key-\(v)"
        }
    }

    /// Parses a name as written in `config/keys.toml` (case-insensitive for
    /// named keys: `enter`, `ctrl-c`, `f5`, `shift-tab`, `pgdn`); a single
    /// character stands for itself.
    public init?(name: String) {
        if name.count == 1, let c = name.first { self = .character(c); return }
        let lower = name.lowercased()
        let named: [String: Key] = [
            "space": .character(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
            "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace, "delete": .delete, "del": .delete,
            "up": .up, "down": .down, "left": .left, "right": .right, "home": .home, "end": .end,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
        ]
        if let k = named[lower] { self = k; return }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter, c.isASCII { self = .control(c); return }
        if lower.hasPrefix("f"), let n = Int(lower.dropFirst()), (1...63).contains(n) { self = .function(n); return }
        return nil
    }
}
