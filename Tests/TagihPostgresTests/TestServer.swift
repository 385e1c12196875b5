import Foundation
import TagihConfig
import TagihPostgres

/// The private PostgreSQL server scripts/test starts (scripts/pg): its URI is
/// TAGIH_TEST_PG. Without it (a developer's plain `swift test`) the
/// PostgreSQL tests are skipped; scripts/test always sets it, and a server
/// it names that cannot be reached fails them.
enum TestServer {
    static let uriText: String? = ProcessInfo.processInfo.environment["TAGIH_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: Bool { uriText != nil }

    static var uri: PostgresURI {
        get throws { try PostgresURI(parsing: uriText!) }
    }

    static let login: String = {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "root"
    }()

    /// A fresh empty database for one test (`CREATE DATABASE t_<random>
    /// TEMPLATE template0`), dropped afterwards, whatever the test did.
    static func withDatabase<T>(_ body: (PostgresURI) throws -> T) throws -> T {
        let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try PGConnection(try uri, login: login)
        defer { admin.close() }
        try admin.execute("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
        defer { _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        var target = try uri
        target.database = String(name)
        return try body(target)
    }

    /// Runs `body` on a thread of its own, off Swift's cooperative pool: the
    /// client blocks its caller until NIO answers, and PostgresNIO completes
    /// some of its work in Tasks, which need a free pool thread (the pool has
    /// one per core, and tests run in parallel).
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Connected to a fresh database.
    static func withConnection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        try withDatabase { target in
            let db = try PGConnection(target, login: login)
            defer { db.close() }
            return try body(db)
        }
    }
}
