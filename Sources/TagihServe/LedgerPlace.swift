import Foundation

/// Whether the ledger the server opened is still the file at its path. An
/// open SQLite connection keeps reading and writing its file after the file
/// is moved away, replaced (a backup put back with `mv`) or its rights are
/// taken away: measured, a payment sent after `mv tagih.db elsewhere` was
/// answered 201 and posted into the moved file, and the reversal of an
/// earlier one too — answers nobody reading the ledger at its path would
/// ever see. So every signed request, and every group before it is posted,
/// looks first (a `stat` and an `access`, a few microseconds): while the file
/// is not the one opened, or this process may no longer read and write it,
/// the answer is 503 with Retry-After and nothing is read or posted; when the
/// same file is back, serving goes on.
///
/// Where the path cannot be looked at from the start (a set-group-ID install
/// drops the group that opens the data folder once the ledger is open), there
/// is nothing to compare with and the check is off.
final class LedgerPlace: @unchecked Sendable {
    let path: String
    private let identity: (device: UInt64, inode: UInt64)?
    /// Whether `access` said yes at the start (root always may; a person may lose the right).
    private let checksRights: Bool
    private let lock = NSLock()
    private var wasThere = true
    /// Told once each way when the ledger goes and comes back.
    private let changed: @Sendable (_ isThere: Bool) -> Void

    init(_ path: String, changed: @escaping @Sendable (_ isThere: Bool) -> Void) {
        self.path = path
        self.changed = changed
        var st = stat()
        if stat(path, &st) == 0 {
            identity = (UInt64(st.st_dev), UInt64(st.st_ino))
            checksRights = access(path, R_OK | W_OK) == 0
        } else {
            identity = nil
            checksRights = false
        }
    }

    /// Whether the file at the path is the ledger opened, readable and writable by this process now.
    var isThere: Bool {
        let there = look()
        lock.lock()
        let moved = there != wasThere
        wasThere = there
        lock.unlock()
        if moved { changed(there) }
        return there
    }

    private func look() -> Bool {
        guard let identity else { return true }
        var st = stat()
        guard stat(path, &st) == 0, UInt64(st.st_dev) == identity.device, UInt64(st.st_ino) == identity.inode else { return false }
        return !checksRights || access(path, R_OK | W_OK) == 0
    }
}
