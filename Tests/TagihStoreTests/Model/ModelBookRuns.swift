import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// The model book (`CacheTests.makeBook`) loaded into a new ledger, on
/// SQLite or on a PostgreSQL database of its own, and what a test's
/// `disagreements` finds there recorded as issues (the PostgreSQL run is on
/// a thread of its own, where no test is current: hence sentences returned).
enum ModelBookRuns {
    static func onSQLite(seed: UInt64, accounts: Int, users: (AppDatabase) throws -> Void,
                         _ disagreements: (AppDatabase, CacheTests.Book) throws -> [String]) throws {
        let book = CacheTests.makeBook(seed: seed, accounts: accounts)
        let db = try AppDatabase.inMemory(settings: Settings())
        try users(db)
        try CacheTests.load(book, into: db, scratch: try Scratch())
        for p in try disagreements(db, book).prefix(20) { Issue.record(Comment(rawValue: p)) }
    }

    static func onPostgres(seed: UInt64, accounts: Int, users: @escaping @Sendable (AppDatabase) throws -> Void,
                           _ disagreements: @escaping @Sendable (AppDatabase, CacheTests.Book) throws -> [String]) async throws {
        let problems = try await PostgresModelScenarioTests.onThread {
            let book = CacheTests.makeBook(seed: seed, accounts: accounts)
            let (db, drop) = try PostgresLedgers.make()
            defer { drop() }
            try users(db)
            try CacheTests.load(book, into: db, scratch: try Scratch())
            return try disagreements(db, book)
        }
        for p in problems.prefix(20) { Issue.record(Comment(rawValue: "postgres: " + p)) }
    }
}
