import TagihCore
import TagihTerminal

/// Which keys mean which action: data, not code. The defaults follow the
/// contract (`?` help, `/` search, Enter open, Esc back, `q` quit) and the
/// habits of less/vi users (j/k); `config/keys.toml` may rebind any action.
public struct Keymap: Sendable, Equatable {
    /// Keys per action, in the order help shows them.
    public private(set) var keys: [Action: [Key]]

    public static let standard = Keymap(keys: [
        .help: [.character("?"), .function(1)],
        .search: [.character("/")],
        .open: [.enter],
        .back: [.escape, .character("q")],
        .quit: [.character("q")],
        .up: [.up, .character("k")],
        .down: [.down, .character("j")],
        .pageUp: [.pageUp],
        .pageDown: [.pageDown, .character(" ")],
        .top: [.home],
        .bottom: [.end],
        .bucket: [.character("b")],
        .segment: [.character("g")],
        .sort: [.character("o")],
        .scope: [.character("t")],
        .clearFilters: [.character("x")],
        .refresh: [.character("r")],
        .clearInput: [.control("u")],
        .logContact: [.character("c")],
        .save: [.function(2), .control("s")],
        .nextField: [.tab, .down, .enter],
        .previousField: [.backTab, .up],
        .choiceNext: [.right],
        .choicePrevious: [.left],
        .negotiate: [.character("n")],
        .approvals: [.character("a")],
        .approve: [.character("y")],
        .decline: [.character("d")],
        .letter: [.character("l")],
        .reports: [.character("R")],
        .export: [.character("e")],
        .nextReport: [.tab],
        .previousReport: [.backTab],
        .earlier: [.character("[")],
        .later: [.character("]")],
        .asOf: [.character("d")],
        .assign: [.character("A")],
        .mark: [.character("m")],
        .held: [.character("h")],
        .hold: [.character("H")],
        .phones: [.character("p")],
        .cases: [.character("C")],
        .contactNotes: [.enter],
        .pauseStage: [.character("p")],
    ])

    /// A problem in the keymap overrides, as one sentence.
    public struct Invalid: Error, CustomStringConvertible, Equatable {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// The standard keymap with some actions rebound: action name → key
    /// names (`"?"`, `"Enter"`, `"Ctrl-R"`, `"F5"`). A rebound action loses
    /// its default keys; two actions of one screen may not share a key.
    public func overriding(_ overrides: [(action: String, keys: [String])]) throws(Invalid) -> Keymap {
        var out = self
        for (name, keyNames) in overrides {
            guard let action = Action(rawValue: name) else {
                throw Invalid(description: "unknown action \(name) (known: \(Action.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            var keys: [Key] = []
            for k in keyNames {
                guard let key = Key(name: k) else { throw Invalid(description: "action \(name): unknown key name \(k)") }
                keys.append(key)
            }
            out.keys[action] = keys
        }
        for context in Context.allCases {
            var seen: [Key: Action] = [:]
            for action in Action.allCases where action.contexts.contains(context) {
                for key in out.keys[action] ?? [] {
                    if context == .search || context == .form, case .character = key { continue }
                    if let other = seen[key], other != action {
                        throw Invalid(description: "key \(key.name) is bound to both \(other.rawValue) and \(action.rawValue)")
                    }
                    seen[key] = action
                }
            }
        }
        return out
    }

    /// The action a key means in a context, if any. In search, printable
    /// characters are text, never actions.
    public func action(for key: Key, in context: Context) -> Action? {
        if context == .search || context == .form, case .character = key { return nil }
        for action in Action.allCases where action.contexts.contains(context) {
            if keys[action]?.contains(key) == true { return action }
        }
        return nil
    }

    /// Key names for help: `?, F1`.
    public func names(_ action: Action, in context: Context) -> String {
        (keys[action] ?? []).filter { key in
            if context == .search || context == .form, case .character = key { return false }
            return true
        }.map(Self.display).joined(separator: ", ")
    }

    static func display(_ k: Key) -> String {
        switch k {
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        default: k.name
        }
    }
}
