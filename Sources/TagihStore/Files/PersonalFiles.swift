import Foundation
import TagihCore

/// Where a person's own files go: drafts in their state folder, exports and
/// letters in their home. Paths only; `PrivateFile` writes them.
public enum PersonalFiles {
    /// `$XDG_STATE_HOME/tagih/drafts/<ledger>-<key>/<login>.txt` (else under
    /// `~/.local/state`): keyed by the ledger's absolute path and the login.
    public static func draftPath(ledger: String, login: String, environment: [String: String]) -> String? {
        guard Login.validate(login) == nil, let state = PrivateFile.stateFolder(environment: environment) else { return nil }
        return "\(state)/drafts/\(ledgerKey(ledger))/\(login).txt"
    }

    /// `tagih.db-1f2e3d4c5b6a7980`: the file's name (for people) and a hash of its absolute path (to tell ledgers apart).
    public static func ledgerKey(_ ledger: String) -> String {
        let absolute = ledger.hasPrefix("/") ? ledger : FileManager.default.currentDirectoryPath + "/" + ledger
        let canonical = (absolute as NSString).standardizingPath
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 // FNV-1a: a stable name, not a secret
        for b in canonical.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        let base = String((canonical as NSString).lastPathComponent.unicodeScalars.map { c in
            (c.value < 0x80 && (c.properties.isAlphabetic || c.properties.numericType != nil || c == "." || c == "_" || c == "-")) ? Character(c) : "_"
        }.prefix(64))
        return "\(base)-\(String(h, radix: 16).leftPadded(16))"
    }

    /// `~/tagih/<name>` (HOME, else the password database's home).
    public static func folder(_ name: String, environment: [String: String]) -> String? {
        var home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        if home == nil, let pw = getpwuid(getuid()), let h = pw.pointee.pw_dir { home = String(cString: h) }
        return home.map { "\($0)/tagih/\(name)" }
    }
}
