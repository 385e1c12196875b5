// `stdout` is a C global Swift 6 will not touch without this.
@preconcurrency import Glibc
import Foundation
import TagihCore
import TagihStore

enum StandardOutput {
    /// `print` buffers standard output, and `exit` flushes it ignoring any
    /// error: `tagih report aging > /dev/full` would say nothing and exit 0
    /// with the report lost. So the buffer is flushed here, and a write that
    /// failed now or during the run (glibc drops a buffer it could not write,
    /// keeping only the stream's error flag) is a sentence and exit 1. A reader
    /// that went away (EPIPE, `| head`) is not a failure of ours and stays quiet.
    static func finish(_ code: Int32) -> Int32 {
        errno = 0
        let flushed = fflush(stdout) == 0
        let e = errno
        guard !flushed || ferror(stdout) != 0 else { return code }
        if e == EPIPE { return code }
        let strings = Strings(CommandContext.errorLanguage)
        // After a failure during the run its errno is gone: then no cause is named.
        warn("tagih: " + strings.standardOutputProblem(e == 0 ? nil : PrivateFile.problem(errno: e)))
        return code == 0 ? 1 : code
    }
}
