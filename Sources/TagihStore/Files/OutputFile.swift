import Foundation
import TagihCore
#if canImport(Glibc)
import Glibc
#endif

/// Where `--output` writes (reports, letters, exports).
///
/// A new name or a plain file is written as a `PrivateFile` (a private
/// temporary file renamed over the name). A FIFO or a character device that
/// already stands at the name is written *through*, as the shell's `>` would
/// (`--output /dev/stdout`, a pipe to another program): renaming over it would
/// replace the device with a file (as root, `/dev/full` itself). Every other
/// kind (a symbolic link, a folder, a block device, a socket) is refused by
/// `PrivateFile`. Every write error, and the close's, is reported: a full
/// device is never a success.
public enum OutputFile {
    public static func write(_ text: String, to path: String) throws(PrivateFileError) {
        var st = stat()
        guard lstat(path, &st) == 0, [S_IFIFO, S_IFCHR].contains(st.st_mode & S_IFMT) else {
            return try PrivateFile.write(text, to: path)
        }
        // O_NOFOLLOW: the name was checked with lstat, and a link put there
        // since is not followed. No O_CREAT: nothing is made here.
        let fd = open(path, O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw PrivateFileError(path: path, problem: PrivateFile.problem(errno: errno)) }
        var opened = stat()
        guard fstat(fd, &opened) == 0, opened.st_mode & S_IFMT == st.st_mode & S_IFMT, opened.st_rdev == st.st_rdev else {
            close(fd)
            throw PrivateFileError(path: path, problem: .notRegular)
        }
        if let e = PrivateFile.writeAll(fd, Array(text.utf8)) {
            close(fd)
            throw PrivateFileError(path: path, problem: PrivateFile.problem(errno: e))
        }
        if close(fd) != 0 { throw PrivateFileError(path: path, problem: PrivateFile.problem(errno: errno)) }
    }
}
