import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// Shared set-up for the store tests: the acting admin, scratch folders,
/// ledgers with users, and small database probes.
enum Fixture {
    static let today = Day(iso: "2025-06-30")!
    static let admin = User(login: "admin", name: "Admin", role: .admin)
    static var session: Session { Session(user: admin, realLogin: "admin", today: today, now: Date()) }

    /// The admin's session with the clock at `instant`: a contact is logged
    /// as it happens (within `backdate_hours`), as a test logs it.
    static func session(at instant: Int64) -> Session {
        Session(user: admin, realLogin: "admin", today: today, now: Date(timeIntervalSince1970: TimeInterval(instant)))
    }

    /// A fresh in-memory ledger with the admin and the given collectors.
    static func ledger(settings: Settings = Settings(), collectors: [String] = ["col01", "col02"]) throws -> AppDatabase {
        let db = try AppDatabase.inMemory(settings: settings)
        try addUsers(db, collectors: collectors)
        return db
    }

    static func addUsers(_ db: AppDatabase, collectors: [String]) throws {
        try UserDirectory(db).bootstrapAdmin(login: "admin", name: "Admin", today: today, now: Date())
        for c in collectors {
            try UserDirectory(db).add(User(login: c, name: "Collector \(c)", role: .collector), session: session)
        }
    }

    /// The folder the test target's `Fixtures` resource was copied to.
    static func resource(_ relative: String) throws -> URL {
        let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return root.appendingPathComponent(relative)
    }
}

/// A temporary folder, removed when the value goes away.
final class Scratch {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tagih-store-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let p = path(name)
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    /// Copies a file into the folder (fixtures are read-only inputs; the
    /// rejects file is written beside the input).
    @discardableResult
    func copy(_ source: URL, as name: String? = nil) throws -> String {
        let p = path(name ?? source.lastPathComponent)
        try FileManager.default.copyItem(at: source, to: URL(fileURLWithPath: p))
        return p
    }

    func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: path(name)).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
}

extension AppDatabase {
    /// Imports one file as the admin.
    @discardableResult
    func importFile(_ kind: ImportKind, _ path: String, dryRun: Bool = false, delimiter: UInt8? = nil) throws -> ImportSummary {
        try Importer(self).run(kind, path: path, options: ImportOptions(dryRun: dryRun, delimiter: delimiter), session: Fixture.session)
    }

    func count(_ table: String, where condition: String = "1") throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE \(condition)") ?? -1 }
    }

    func int(_ sql: String, _ arguments: StatementArguments = []) throws -> Int64? {
        try writer.read { db in try Int64.fetchOne(db, sql: sql, arguments: arguments) }
    }

    func text(_ sql: String, _ arguments: StatementArguments = []) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: sql, arguments: arguments) }
    }

    /// Row counts of every table an import writes, for before/after comparisons.
    func tableCounts() throws -> [String: Int] {
        var out: [String: Int] = [:]
        for t in ["accounts", "charges", "credits", "reversals", "import_batches", "audit", "meta"] { out[t] = try count(t) }
        return out
    }

    /// The names of the checks that failed.
    func failedChecks() throws -> [String] {
        try LedgerCheck(self).run().filter { !$0.ok }.map(\.name)
    }
}

