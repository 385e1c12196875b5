import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// SQLite's failures become sentences in the reader's language, through one
/// mapping (`StoreError.ledger`), and the ledger's files are judged before
/// SQLite is asked.
@Suite struct LedgerFailureTests {
    let dir: String = {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("tagih-failure-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }()

    @Test(arguments: [
        (ResultCode.SQLITE_BUSY, LedgerFailure.busy),
        (.SQLITE_LOCKED, .busy),
        (.SQLITE_READONLY, .readOnly(path: "/srv/tagih.db")),
        (.SQLITE_FULL, .full),
        (.SQLITE_CORRUPT, .damaged(path: "/srv/tagih.db", detail: nil)),
        (.SQLITE_NOTADB, .notALedger(path: "/srv/tagih.db")),
        (.SQLITE_CANTOPEN, .cannotOpen(path: "/srv/tagih.db")),
    ])
    func eachCodeHasItsSentence(code: ResultCode, failure: LedgerFailure) throws {
        let e = try #require(StoreError.ledger(DatabaseError(resultCode: code, message: "raw text"), path: "/srv/tagih.db"))
        #expect(e.failure == failure)
        #expect(e.exitCode == 1)
        #expect(!e.text(Strings(.en)).contains("raw text") && !e.text(Strings(.en)).contains("SQLite"))
        #expect(e.text(Strings(.id)) != e.text(Strings(.en)), "said in Indonesian too")
    }

    @Test func theFullDiskOfIssue15() throws {
        let raw = DatabaseError(resultCode: .SQLITE_FULL, message: "database or disk is full", sql: "COMMIT TRANSACTION")
        let e = try #require(StoreError.ledger(raw, path: "tagih.db"))
        #expect(e.text(Strings(.en)) == "the disk is full; nothing was saved")
        #expect(e.text(Strings(.id)) == "disk penuh; tidak ada yang tersimpan")
        // A write the device refused (EFBIG under a file size limit) reads the same.
        let ioerr = DatabaseError(resultCode: ResultCode(rawValue: 10 | (3 << 8)), message: "disk I/O error")
        #expect(StoreError.ledger(ioerr, path: "tagih.db")?.failure == .full)
        #expect(StoreError.ledger(CocoaError(.fileNoSuchFile), path: "x") == nil, "not a database error")
    }

    @Test func aFileThatIsNotALedger() throws {
        let path = dir + "/notes.db"
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: path))
        do {
            let db = try AppDatabase.open(path: path, settings: Settings(), access: .read)
            _ = try db.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            Issue.record("opened a file that is not a database")
        } catch let e as StoreError {
            #expect(e.failure == .notALedger(path: path))
            #expect(e.text(Strings(.en)) == "the file \(path) is not a Tagih ledger")
        }
    }

    @Test func aRealBusyLock() throws {
        let path = dir + "/busy.db"
        var settings = Settings()
        settings.busyTimeoutMilliseconds = 200
        let db = try AppDatabase.open(path: path, settings: settings, create: true)
        var c = Configuration()
        c.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: c)
        try other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE; CREATE TABLE held(x)") }
        defer { try? other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        // A reader is not held up by the writer.
        #expect(try db.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") } == 0)
        do {
            try db.writer.write { db in try db.execute(sql: "CREATE TABLE mine(x)") }
            Issue.record("wrote through another writer's lock")
        } catch {
            #expect(StoreError.ledger(error, path: path)?.failure == .busy)
        }
    }

    @Test func theQuickCheckRunsOncePerInterval() throws {
        let db = try AppDatabase.inMemory()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(try db.requireIntact(now: start), "before the first write")
        #expect(try !db.requireIntact(now: start.addingTimeInterval(10)), "not before every write")
        #expect(try !db.requireIntact(now: start.addingTimeInterval(3_599)))
        #expect(try db.requireIntact(now: start.addingTimeInterval(3_601)), "again after an hour")
    }

    @Test func immutableURIsEscapeTheName() {
        #expect(LedgerFiles.immutableURI("/srv/a b/t?x#1%.db") == "file:/srv/a%20b/t%3Fx%231%25.db?immutable=1")
        #expect(LedgerFiles.immutableURI("/srv/buku-é.db") == "file:/srv/buku-%C3%A9.db?immutable=1")
    }
}

/// A command works on one connection at a time (issue 15: `tagih demo`
/// failed now and then with "busy" against its own second connection):
/// only the workstation asks for a pool, whose readers run beside its writer.
@Suite struct LedgerConnectionTests {
    @Test func commandsOpenOneConnection() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tagih-conn-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/t.db"
        let writing = try AppDatabase.open(path: path, settings: Settings(), create: true)
        #expect(try writing.writer is DatabaseQueue)
        #expect(try !writing.writer.configuration.readonly)
        try writing.close()
        let reading = try AppDatabase.open(path: path, settings: Settings(), access: .read)
        #expect(try reading.writer is DatabaseQueue)
        #expect(try reading.writer.configuration.readonly, "a reader never takes the write lock")
        try reading.close()
        let workstation = try AppDatabase.open(path: path, settings: Settings(), pool: true)
        #expect(try workstation.writer is DatabasePool)
        try workstation.close()
    }
}

/// `tagih demo` failed now and then with "busy" (issue 15): SQLite refused to
/// close the ledger because the loader's statements, captured by its worker
/// thread, were not yet finalized. A worker lets go of its body before `join`.
@Suite struct WorkerReleaseTests {
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func set() { lock.withLock { value = true } }
        var isSet: Bool { lock.withLock { value } }
    }

    final class Canary: @unchecked Sendable {
        let flag: Flag
        init(_ flag: Flag) { self.flag = flag }
        deinit { flag.set() }
    }

    @Test func joinReturnsAfterTheBodyIsReleased() {
        for _ in 0..<50 {
            let released = Flag()
            var worker: Worker?
            do {
                let canary = Canary(released)
                worker = Worker { [canary] in _ = canary }
            }
            worker?.join()
            #expect(released.isSet, "the body's captures outlived join")
        }
    }
}
