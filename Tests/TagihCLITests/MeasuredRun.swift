import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run of the real binary with what `Process` does not tell: its peak
/// memory, whether a signal ended it, and a time bound (issue 15: hostile
/// files must not crash, hang or take more than 256 MB).
struct MeasuredRun {
    /// The exit code; nil when a signal ended the process.
    var status: Int32?
    var signal: Int32?
    /// Peak resident memory of the process, in MiB (`wait4`'s `ru_maxrss`).
    var maxRSSMiB: Int
    var seconds: Double
    var timedOut: Bool
    var stderr: String
}

extension TagihRunner {
    /// Runs `tagih args` (as `user`, like `run`) under `timeout` seconds and
    /// measures it. Spawned with `posix_spawn` and reaped with `wait4`, so
    /// the memory is this process's own, not the test runner's children's.
    func measured(_ args: [String], timeout: Double = 60) throws -> MeasuredRun {
        let full = user != Self.realLogin ? ["--as", user] + args : args
        let errPath = path(".err-\(UUID().uuidString)")
        defer { unlink(errPath) }
        // The shell enters the folder and redirects, then `exec`s the binary:
        // the process measured is tagih itself.
        let argv = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\" >/dev/null 2>\"$TAGIH_TEST_STDERR\"", dir.path, Self.binary.path] + full
        var env = ["TZ": "Asia/Jakarta", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": dir.path, "TAGIH_TEST_STDERR": errPath]
        env.merge(environment) { $1 }
        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        // The child starts with no signal blocked or ignored: the test
        // runner's own mask would otherwise hide a crash that is a signal.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attr, &none)
        posix_spawnattr_setsigdefault(&attr, &all)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, "/bin/sh", nil, &attr, cArgs, cEnv)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        let started = Date()
        var status: Int32 = 0
        var usage = rusage()
        var timedOut = false
        while true {
            let r = wait4(pid, &status, WNOHANG, &usage)
            if r == pid { break }
            if r < 0 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if !timedOut && Date().timeIntervalSince(started) > timeout {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(2000)
        }
        let signal = status & 0x7F
        return MeasuredRun(status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal,
                           maxRSSMiB: Int(usage.ru_maxrss) / 1024, seconds: Date().timeIntervalSince(started),
                           timedOut: timedOut, stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}
