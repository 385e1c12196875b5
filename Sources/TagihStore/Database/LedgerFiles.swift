import Foundation

/// What the file system says about a ledger and its WAL companions
/// (`-wal`, `-shm`), before SQLite is asked: whether this process can write
/// it at all, and whether a WAL holds pages the file itself lacks.
enum LedgerFiles {
    /// The folder holding `path` (`.` for a bare file name).
    static func folder(_ path: String) -> String {
        let f = (path as NSString).deletingLastPathComponent
        return f.isEmpty ? "." : f
    }

    /// Whether a writer would fail for want of rights: the file is not
    /// writable (its mode, or a read-only mount, which even root cannot
    /// write), or a companion SQLite must create or write cannot be (a
    /// read-only folder without them).
    static func isReadOnly(_ path: String) -> Bool {
        if !writable(path) { return true }
        let folderWritable = writable(folder(path))
        for companion in [path + "-wal", path + "-shm"] {
            if FileManager.default.fileExists(atPath: companion) {
                if !writable(companion) { return true }
            } else if !folderWritable {
                return true
            }
        }
        return false
    }

    /// Writable with the rights in effect: a set-group-ID install writes its
    /// ledger with the group's, which `access` (the real ids) would not see.
    static func writable(_ path: String) -> Bool { faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) == 0 }

    /// Whether a non-empty WAL lies beside the file: it may hold committed
    /// pages the file lacks, so the file is never read `immutable` then.
    static func hasPendingWAL(_ path: String) -> Bool {
        var st = stat()
        return stat(path + "-wal", &st) == 0 && st.st_size > 0
    }

    /// The URI that reads the file as it is, without locks or companions.
    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        // Every byte but letters, digits and `/-._~` percent-encoded (UTF-8 names too).
        let text = absolute.utf8.map { b -> String in
            let plain = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "/-._~".utf8.contains(b)
            return plain ? String(UnicodeScalar(b)) : String(format: "%%%02X", b)
        }.joined()
        return "file:\(text)?immutable=1"
    }
}
