import Foundation
import TOMLKit

/// Reads key bindings from `keys.toml`: a `[keys]` table of action name →
/// key name or list of key names. Which names are valid is the UI's
/// business (`Keymap.overriding`); this only reads the file.
public enum KeysLoader {
    /// `keys.toml` beside the config file in use, else `config/keys.toml`.
    public static func path(forConfig configPath: String?) -> String {
        guard let configPath else { return "config/keys.toml" }
        return ((configPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("keys.toml")
    }

    /// The bindings in the file, in name order; none when the file is absent.
    public static func load(path: String) throws(ConfigError) -> [(action: String, keys: [String])] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let table = try ConfigLoader.table(ConfigLoader.readText(path, what: "key file"), path: path)
        guard let keys = table["keys"] else { return [] }
        guard let t = keys.table else { throw ConfigError(description: "\(path): keys must be a table ([keys])") }
        var out: [(String, [String])] = []
        for name in t.keys.sorted() {
            let value = t[name]!
            if let s = value.string {
                out.append((name, [s]))
            } else if let a = value.array, a.allSatisfy({ $0.string != nil }) {
                out.append((name, a.map { $0.string! }))
            } else {
                throw ConfigError(description: "\(path): keys.\(name) must be a key name or a list of key names")
            }
        }
        return out
    }
}
