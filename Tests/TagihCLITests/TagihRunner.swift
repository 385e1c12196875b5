import Foundation
import Testing

/// Runs the real `tagih` binary (built beside the test bundle) in a private
/// working folder with a fixed login, time zone and language.
struct TagihRunner {
    let dir: URL
    /// Who the commands act as. The person is always the test process's own
    /// login (identity comes from the real user id, CONTRACT §1); it is the
    /// ledger's first admin, and every other user is reached through the
    /// admin's `--as` (R1).
    var user = "admin01"
    var environment: [String: String] = [:]

    /// The login of the process running the tests.
    static let realLogin: String = {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "uid-\(getuid())"
    }()

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tagih-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    static var binary: URL {
        if let p = ProcessInfo.processInfo.environment["TAGIH_BIN"] { return URL(fileURLWithPath: p) }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent("tagih")
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func read(_ name: String) throws -> String {
        try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
    }

    /// Starts `tagih args` and returns the process without waiting.
    func start(_ args: [String], stdout: URL? = nil, stderr: URL? = nil, acting: Bool = true) throws -> Process {
        let p = Process()
        p.executableURL = Self.binary
        // Help, the version and init take no --as.
        let command = Self.commandIndex(args).map { args[$0] }
        let plain = command == nil || command == "init" || command == "help" || args.contains("--help") || args.contains("--version")
        p.arguments = acting && !plain && user != Self.realLogin ? ["--as", user] + args : args
        p.currentDirectoryURL = dir
        var env = ["TZ": "Asia/Jakarta", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": dir.path]
        env.merge(environment) { $1 }
        p.environment = env
        let devnull = FileHandle(forWritingAtPath: "/dev/null")
        p.standardOutput = try stdout.map { url in _ = FileManager.default.createFile(atPath: url.path, contents: nil); return try FileHandle(forWritingTo: url) } ?? devnull
        p.standardError = try stderr.map { url in _ = FileManager.default.createFile(atPath: url.path, contents: nil); return try FileHandle(forWritingTo: url) } ?? devnull
        try p.run()
        return p
    }

    /// Runs `tagih args` to completion.
    @discardableResult
    func run(_ args: String...) throws -> Result { try run(args) }

    /// Runs `tagih args` as `user`: through `--as` unless that is the real
    /// login. `init` runs as the person; when it creates a ledger, `user` is
    /// added to it as an admin, so tests read as if `user` had made it.
    @discardableResult
    func run(_ args: [String]) throws -> Result {
        if let i = Self.commandIndex(args), args[i] == "init" {
            let r = try runRaw(args, acting: false)
            if r.status == 0, r.stdout.contains("ledger created"), user != Self.realLogin {
                // The ledger and config options, wherever they stand (`--db X`, `--db=X`).
                var globals: [String] = []
                var j = 0
                while j < args.count {
                    let a = args[j]
                    if a == "--db" || a == "--config", j + 1 < args.count { globals += [a, args[j + 1]]; j += 2; continue }
                    if a.hasPrefix("--db=") || a.hasPrefix("--config=") { globals.append(a) }
                    j += 1
                }
                _ = i
                let added = try runRaw(globals + ["user", "add", user, "--name", user, "--role", "admin"], acting: false)
                precondition(added.status == 0, "adding \(user) to the new ledger: \(added.stderr)")
            }
            return r
        }
        return try runRaw(args, acting: true)
    }

    /// Where the command name stands in `args` (after global options and their values).
    static func commandIndex(_ args: [String]) -> Int? {
        var i = 0
        while i < args.count {
            if ["--db", "--config", "--today", "--as"].contains(args[i]) { i += 2; continue }
            if args[i].hasPrefix("--") { i += 1; continue }
            return i
        }
        return nil
    }

    func runRaw(_ args: [String], acting: Bool) throws -> Result {
        let id = UUID().uuidString
        let out = dir.appendingPathComponent(".out-\(id)"), err = dir.appendingPathComponent(".err-\(id)")
        let p = try start(args, stdout: out, stderr: err, acting: acting)
        p.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: err)
        }
        return Result(status: p.terminationStatus,
                      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// Runs and expects exit 0, returning standard output.
    @discardableResult
    func ok(_ args: String..., sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try ok(args, sourceLocation: sourceLocation)
    }

    @discardableResult
    func ok(_ args: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let r = try run(args)
        #expect(r.status == 0, "tagih \(args.joined(separator: " ")) exited \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
        return r.stdout
    }

    /// A fixture file's URL.
    static func fixture(_ relative: String) -> URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(relative)
    }

    func copyFixture(_ relative: String, as name: String? = nil) throws {
        let src = Self.fixture(relative)
        let dst = dir.appendingPathComponent(name ?? src.lastPathComponent)
        try? FileManager.default.removeItem(at: dst)
        try FileManager.default.copyItem(at: src, to: dst)
    }

    func cleanup() { try? FileManager.default.removeItem(at: dir) }
}
