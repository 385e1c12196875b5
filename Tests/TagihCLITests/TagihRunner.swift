import Foundation
import Testing

/// Runs the real `tagih` binary (built beside the test bundle) in a private
/// working folder with a fixed login, time zone and language.
struct TagihRunner {
    let dir: URL
    var user = "admin01"
    var environment: [String: String] = [:]

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
    func start(_ args: [String], stdout: URL? = nil, stderr: URL? = nil) throws -> Process {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args
        p.currentDirectoryURL = dir
        var env = ["USER": user, "TZ": "Asia/Jakarta", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin", "HOME": dir.path]
        env.merge(environment) { $1 }
        p.environment = env
        let devnull = FileHandle(forWritingAtPath: "/dev/null")
        p.standardOutput = try stdout.map { url in FileManager.default.createFile(atPath: url.path, contents: nil); return try FileHandle(forWritingTo: url) } ?? devnull
        p.standardError = try stderr.map { url in FileManager.default.createFile(atPath: url.path, contents: nil); return try FileHandle(forWritingTo: url) } ?? devnull
        try p.run()
        return p
    }

    /// Runs `tagih args` to completion.
    @discardableResult
    func run(_ args: String...) throws -> Result { try run(args) }

    @discardableResult
    func run(_ args: [String]) throws -> Result {
        let id = UUID().uuidString
        let out = dir.appendingPathComponent(".out-\(id)"), err = dir.appendingPathComponent(".err-\(id)")
        let p = try start(args, stdout: out, stderr: err)
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
