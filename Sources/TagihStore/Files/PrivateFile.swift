import Foundation
import TagihCore
#if canImport(Glibc)
import Glibc
#endif

/// A file Tagih could not write for a person; `description` is the English sentence.
public struct PrivateFileError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let problem: FileProblem
    public init(path: String, problem: FileProblem) { self.path = path; self.problem = problem }
    public var description: String { Strings(.en).fileProblem(path, problem) }
}

/// The one way Tagih writes a file a person asked for: exports, letters,
/// `--output`, drafts, rejects files (DESIGN §6a).
///
/// - Never through a symbolic link, never onto a device, FIFO or folder, never
///   over another user's file or the ledger: the name is checked with `lstat`.
/// - Written to a new temporary file in the same folder (`O_CREAT | O_EXCL |
///   O_NOFOLLOW`, mode 0600), synced, then renamed over the name: a failed or
///   full-disk write leaves nothing half-written, and `rename` replaces a name,
///   it never writes through what the name pointed to.
/// - With the process's current rights: the executable drops a set-group-ID's
///   group before it writes anything a person names (see `GroupRights`).
public final class PrivateFile {
    /// Files and folders a person's file must never be or replace (the ledger, its companions, the install's data folder).
    nonisolated(unsafe) public static var protected: [String] = []

    public let path: String
    private let tempPath: String
    private var fd: Int32

    /// Opens a new private temporary file for `path`; `commit()` puts it in place.
    public init(path: String) throws(PrivateFileError) {
        self.path = path
        try Self.checkTarget(path)
        let dir = Self.folder(of: path), base = (path as NSString).lastPathComponent
        var tries = 0
        while true {
            let candidate = "\(dir)/.\(base).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            let f = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if f >= 0 { fd = f; tempPath = candidate; break }
            let e = errno
            tries += 1
            if e != EEXIST || tries > 20 { throw PrivateFileError(path: path, problem: Self.problem(errno: e)) }
        }
        // The umask may only take bits away; say 0600 outright all the same.
        _ = fchmod(fd, 0o600)
    }

    /// Writes the whole file at once.
    public static func write(_ text: String, to path: String) throws(PrivateFileError) {
        let f = try PrivateFile(path: path)
        do {
            try f.append(Array(text.utf8))
            try f.commit()
        } catch {
            f.discard()
            throw error
        }
    }

    /// Appends bytes; a short or failed write (a full disk) throws and the caller discards.
    public func append(_ bytes: [UInt8]) throws(PrivateFileError) {
        if let e = Self.writeAll(fd, bytes) { throw PrivateFileError(path: path, problem: Self.problem(errno: e)) }
    }

    /// Writes all of `bytes` to `fd`, going on after a short write or EINTR;
    /// the errno of a failed write (ENOSPC on a full disk), or nil.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { b in Glibc.write(fd, b.baseAddress! + done, b.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += n
        }
        return nil
    }

    /// Syncs the file and renames it over `path`, checking the name once more.
    public func commit() throws(PrivateFileError) {
        guard fd >= 0 else { return }
        if fsync(fd) != 0 { let e = errno; discard(); throw PrivateFileError(path: path, problem: Self.problem(errno: e)) }
        if close(fd) != 0 { let e = errno; fd = -1; discard(); throw PrivateFileError(path: path, problem: Self.problem(errno: e)) }
        fd = -1
        do { try Self.checkTarget(path) } catch { discard(); throw error }
        if rename(tempPath, path) != 0 { let e = errno; discard(); throw PrivateFileError(path: path, problem: Self.problem(errno: e)) }
    }

    /// Throws the temporary file away (a failed or abandoned write).
    public func discard() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(tempPath)
    }

    deinit { if fd >= 0 { discard() } }

    static func folder(of path: String) -> String {
        let d = (path as NSString).deletingLastPathComponent
        return d.isEmpty ? "." : d
    }

    /// What is wrong with writing `path` as it stands now, if anything.
    static func checkTarget(_ path: String) throws(PrivateFileError) {
        var dirStat = stat()
        let dir = folder(of: path)
        if stat(dir, &dirStat) != 0 {
            throw PrivateFileError(path: path, problem: errno == EACCES ? .permission : .noFolder)
        }
        guard (dirStat.st_mode & S_IFMT) == S_IFDIR else { throw PrivateFileError(path: path, problem: .noFolder) }
        if isProtected(path, dir: dir) { throw PrivateFileError(path: path, problem: .ledger) }
        var st = stat()
        if lstat(path, &st) != 0 {
            let e = errno
            if e == ENOENT { return }
            throw PrivateFileError(path: path, problem: problem(errno: e))
        }
        switch st.st_mode & S_IFMT {
        case S_IFLNK: throw PrivateFileError(path: path, problem: .symlink)
        case S_IFREG: break
        default: throw PrivateFileError(path: path, problem: .notRegular)
        }
        if st.st_uid != getuid() { throw PrivateFileError(path: path, problem: .otherOwner) }
    }

    /// Whether `path` is a protected file (same device and inode), a companion
    /// of one (`-wal`, `-shm`, `-journal`), or lies in a protected folder.
    static func isProtected(_ path: String, dir: String) -> Bool {
        guard !protected.isEmpty else { return false }
        let realDir = realpath(dir, nil).map { p in defer { free(p) }; return String(cString: p) }
        var target = stat()
        let exists = lstat(path, &target) == 0
        for p in protected {
            for candidate in [p, p + "-wal", p + "-shm", p + "-journal"] {
                var st = stat()
                if exists, stat(candidate, &st) == 0, st.st_dev == target.st_dev, st.st_ino == target.st_ino { return true }
            }
            // A protected folder, or the folder of a protected file spelled another way.
            if let realDir, let real = realpath(p, nil).map({ q in defer { free(q) }; return String(cString: q) }) {
                var st = stat()
                if stat(real, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, real == realDir { return true }
                let base = (path as NSString).lastPathComponent, pbase = (real as NSString).lastPathComponent
                if (real as NSString).deletingLastPathComponent == realDir,
                   [pbase, pbase + "-wal", pbase + "-shm", pbase + "-journal"].contains(base) { return true }
            }
        }
        return false
    }

    public static func problem(errno e: Int32) -> FileProblem {
        switch e {
        case ENOSPC, EDQUOT: .diskFull
        case EACCES, EPERM, EROFS: .permission
        case ENOENT, ENOTDIR: .noFolder
        case ELOOP: .symlink
        case EISDIR: .notRegular
        default: .system(String(cString: strerror(e)))
        }
    }

    /// Makes `path` (and missing parents) a private folder, mode 0700, owned by the
    /// caller; refuses a symbolic link or another user's folder at `path` itself.
    public static func privateFolder(_ path: String) throws(PrivateFileError) {
        var st = stat()
        if lstat(path, &st) != 0 {
            let parent = folder(of: path)
            if parent != path && parent != "/" && parent != "." {
                var pst = stat()
                if stat(parent, &pst) != 0 { try privateFolder(parent) }
            }
            if mkdir(path, 0o700) != 0 && errno != EEXIST { throw PrivateFileError(path: path, problem: problem(errno: errno)) }
            guard lstat(path, &st) == 0 else { throw PrivateFileError(path: path, problem: problem(errno: errno)) }
        }
        switch st.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK: throw PrivateFileError(path: path, problem: .symlink)
        default: throw PrivateFileError(path: path, problem: .notRegular)
        }
        guard st.st_uid == getuid() else { throw PrivateFileError(path: path, problem: .otherOwner) }
        if st.st_mode & 0o077 != 0 { _ = chmod(path, 0o700) }
    }

    /// The person's own state folder for Tagih: `$XDG_STATE_HOME/tagih`, else
    /// `~/.local/state/tagih` (HOME, else the password database's home).
    public static func stateFolder(environment: [String: String]) -> String? {
        if let x = environment["XDG_STATE_HOME"], x.hasPrefix("/") { return x + "/tagih" }
        var home = environment["HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
        if home == nil, let pw = getpwuid(getuid()), let h = pw.pointee.pw_dir { home = String(cString: h) }
        return home.map { $0 + "/.local/state/tagih" }
    }
}
