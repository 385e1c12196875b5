import Dispatch
import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// Two `AppDatabase` instances (two connection pools, as two processes would
/// have) on one file import different files at the same time: both succeed
/// and every row is there exactly once.
@Suite struct ConcurrencyTests {
    static let accounts = 300
    static let rowsPerFile = 4_000

    /// A charges file of `rowsPerFile` rows; returns its path and total in minor units.
    static func chargesFile(_ scratch: Scratch, _ name: String, prefix: String) throws -> (path: String, total: Int64) {
        var text = "account_no,ref,issue_date,due_date,amount,description\n"
        var total: Int64 = 0
        for i in 0..<rowsPerFile {
            let amount = Int64(1_000 + i % 997)
            total += amount * 100
            text += "A\(i % accounts),\(prefix)-\(i),2025-01-0\(1 + i % 9),2025-02-0\(1 + i % 9),\(amount),Tagihan \(i)\n"
        }
        return (try scratch.write(name, text), total)
    }

    /// Collects results from several threads.
    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [String: Result<ImportSummary, any Error>] = [:]
        func set(_ key: String, _ value: Result<ImportSummary, any Error>) { lock.withLock { values[key] = value } }
        subscript(_ key: String) -> Result<ImportSummary, any Error>? { lock.withLock { values[key] } }
    }

    @Test func twoPoolsImportAtOnce() throws {
        let scratch = try Scratch()
        let path = scratch.path("tagih.db")
        let first = try AppDatabase.open(path: path, settings: Settings(), create: true)
        #expect(try first.migrate())
        try Fixture.addUsers(first, collectors: ["col01"])
        var csv = "account_no,name,timezone,collector\n"
        for i in 0..<Self.accounts { csv += "A\(i),Debitur \(i),Asia/Makassar,col01\n" }
        #expect(try first.importFile(.accounts, try scratch.write("accounts.csv", csv)).posted == Self.accounts)

        let second = try AppDatabase.open(path: path, settings: Settings())
        #expect(try !second.migrate()) // already set up
        try second.requireCurrentSchema()
        #expect(try second.count("accounts") == Self.accounts)

        let a = try Self.chargesFile(scratch, "charges-a.csv", prefix: "A")
        let b = try Self.chargesFile(scratch, "charges-b.csv", prefix: "B")
        let payments = (0..<Self.accounts).map { "A\($0),TRX-\($0),2025-03-01,500,VA,\n" }.joined()
        let p = try scratch.write("payments.csv", "account_no,ref,paid_on,amount,channel,invoice_ref\n" + payments)

        let results = Results()
        let session = Fixture.session
        let jobs: [(String, AppDatabase, ImportKind, String)] = [
            ("a", first, .charges, a.path), ("b", second, .charges, b.path), ("p", second, .payments, p),
        ]
        // Both charges files start together; the payments file then runs against both.
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let (key, db, kind, file) = jobs[i]
            results.set(key, Result { try Importer(db).run(kind, path: file, session: session) })
        }
        let (key, db, kind, file) = jobs[2]
        results.set(key, Result { try Importer(db).run(kind, path: file, session: session) })

        for key in ["a", "b"] {
            let s = try #require(results[key]).get()
            #expect(s.posted == Self.rowsPerFile && s.rejected == 0 && s.duplicates == 0 && !s.refused, "\(key): \(s.line)")
        }
        #expect(try #require(results["p"]).get().posted == Self.accounts)

        for db in [first, second] {
            #expect(try db.count("charges") == 2 * Self.rowsPerFile)
            #expect(try db.count("import_batches") == 4)
            #expect(try db.int("SELECT sum(amount) FROM charges") == a.total + b.total)
            let aging = try LedgerReports(db).aging(asOf: Fixture.today, by: .none)
            #expect(try aging.total.balance() == Money(minor: a.total + b.total - Int64(Self.accounts) * 50_000))
            #expect(aging.total.accounts == Self.accounts)
            #expect(try db.failedChecks() == [])
        }
    }

    @Test func twoTasksImportIntoOneFileAtOnce() async throws {
        let scratch = try Scratch()
        let path = scratch.path("tagih.db")
        let setup = try AppDatabase.open(path: path, settings: Settings(), create: true)
        try setup.migrate()
        try Fixture.addUsers(setup, collectors: [])
        var csv = "account_no,name\n"
        for i in 0..<Self.accounts { csv += "A\(i),Debitur \(i)\n" }
        try setup.importFile(.accounts, try scratch.write("accounts.csv", csv))

        let a = try Self.chargesFile(scratch, "charges-a.csv", prefix: "X")
        let b = try Self.chargesFile(scratch, "charges-b.csv", prefix: "Y")
        let session = Fixture.session
        async let ra = Task.detached {
            try Importer(try AppDatabase.open(path: path, settings: Settings())).run(.charges, path: a.path, session: session)
        }.value
        async let rb = Task.detached {
            try Importer(try AppDatabase.open(path: path, settings: Settings())).run(.charges, path: b.path, session: session)
        }.value
        let (sa, sb) = try await (ra, rb)
        #expect(sa.posted == Self.rowsPerFile && sb.posted == Self.rowsPerFile)
        #expect(sa.batchID != sb.batchID)

        let reader = try AppDatabase.open(path: path, settings: Settings())
        #expect(try reader.count("charges") == 2 * Self.rowsPerFile)
        #expect(try reader.count("charges", where: "ref LIKE 'X-%'") == Self.rowsPerFile)
        #expect(try reader.int("SELECT sum(open_amount) FROM charges") == a.total + b.total)
        #expect(try reader.failedChecks() == [])
    }
}
