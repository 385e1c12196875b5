import TagihCore
import TagihTerminal

/// The hold form: the holds in force on top (what a release can name),
/// then the fields, each on its own line.
enum HoldFormView {
    static func label(_ f: HoldForm.Field, _ str: Strings) -> String {
        switch f {
        case .action: str[.holdFieldAction]
        case .kind: str[.holdFieldKind]
        case .reason: str[.holdFieldReason]
        case .until: str[.holdFieldUntil]
        }
    }

    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ f: HoldForm) {
        let str = s.strings
        Chrome.title(&b, str.format(.holdTitle, f.accountNo))
        let held = f.inForce.isEmpty ? str[.holdNoneInForce] : f.inForce.map(str.holdKind).joined(separator: ", ")
        b.put(" " + str.format(.holdsNow, held), x: 0, y: 1, style: Palette.section, maxWidth: b.width - 1)
        var y = 3
        for field in f.fields {
            let focused = field == f.focus
            b.put(" " + pad(label(field, str), 12), x: 0, y: y, style: focused ? Palette.section : .plain)
            let value: String
            switch field {
            case .action: value = "< \(f.release ? str[.holdRelease] : str[.holdPlace]) >"
            case .kind: value = "< \(str.holdKind(f.kind)) >"
            case .reason, .until: value = "[" + f.input(field).shown(focused: focused, width: b.width - 17) + "]"
            }
            b.put(value, x: 14, y: y, style: focused ? Palette.selected : .plain, maxWidth: b.width - 15)
            if field == .until { b.put(" " + str[.untilHint], x: 0, y: y + 1, style: Palette.hint, maxWidth: b.width - 1) }
            y += 1
        }
        let save = s.keymap.names(.save, in: .form)
        Chrome.bottom(&b, hint: str.format(.tipHoldKeys, save), state: s)
    }
}
