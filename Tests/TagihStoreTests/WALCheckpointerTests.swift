import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// `serve`'s writer never pays for a large copy of the WAL (issue 19,
/// `WALCheckpointer`): a reader that holds an old snapshot while thousands
/// of frames are committed leaves them to the thread; the writer waits only
/// for a last pass of at most `finishUnder` frames; the WAL starts over
/// again and again instead of growing; every row is in the file.
///
/// With SQLite's own checkpoint the first commit after the reader ends
/// copies everything committed meanwhile (here about 1,200 frames) in the
/// writer's thread.
@Suite(.serialized) struct WALCheckpointerTests {
    /// Small thresholds, so that a test sees many passes and new starts.
    static let small = WALCheckpointer.Thresholds(startAt: 100, restartAt: 400, finishUnder: 32)

    /// A ledger file (16 KiB pages, WAL) with one table of blobs about a page each.
    static func ledger(_ scratch: Scratch) throws -> AppDatabase {
        // A small page cache: the test process's own peak memory is what the
        // measured spawns of other suites start from (MeasuredRun).
        let db = try AppDatabase.open(path: scratch.path("tagih.db"), settings: Settings(), create: true, cacheMebibytes: 2, pool: true)
        try db.writer.write { db in try db.execute(sql: "CREATE TABLE pad(id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)") }
        return db
    }

    /// One commit of `rows` rows of about a page each (so about `rows` frames).
    static func commit(_ db: AppDatabase, rows: Int, from first: inout Int) throws {
        let start = first
        try db.writer.write { db in
            for i in start..<(start + rows) {
                try db.execute(sql: "INSERT INTO pad(id, bytes) VALUES (?, randomblob(15000))", arguments: [i])
            }
        }
        first += rows
    }

    /// Small commits, a pause between them as under a light load, until the
    /// WAL has started over `times` more times (at most `limit` commits).
    static func commitUntilRestarts(_ db: AppDatabase, _ copier: WALCheckpointer, times: Int = 1, from next: inout Int,
                                    limit: Int = 3_000) throws {
        let goal = copier.counts.restarts + times
        for _ in 0..<limit where copier.counts.restarts < goal {
            try commit(db, rows: 4, from: &next)
            usleep(2_000)
        }
    }

    static func rows(_ db: AppDatabase) throws -> Int? {
        try db.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pad") }
    }

    @Test func aReadersBacklogIsCopiedByTheThreadAndTheWALStartsOver() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let copier = try #require(try db.checkpointAside(Self.small))
        #expect(try db.checkpointAside() === copier)  // asked twice: the one copier

        // A reader's snapshot, held open on a connection of its own.
        var open = Configuration()
        open.allowsUnsafeTransactions = true
        let reader = try DatabaseQueue(path: scratch.path("tagih.db"), configuration: open)
        try reader.inDatabase { db in try db.execute(sql: "BEGIN; SELECT count(*) FROM pad") }
        var next = 0
        for _ in 0..<60 { try Self.commit(db, rows: 20, from: &next) }
        let held = copier.counts
        #expect(held.largestWAL >= 1_200)
        #expect(held.restarts == 0)  // nothing past the reader's snapshot could be copied
        #expect(held.idlePasses > 0)  // passes that found the reader in the way
        #expect(held.waitedPasses == 0)
        #expect(try reader.inDatabase { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pad") } == 0)
        try reader.inDatabase { db in try db.execute(sql: "COMMIT") }

        try Self.commitUntilRestarts(db, copier, times: 2, from: &next)
        let after = copier.counts
        #expect(after.restarts >= 2)
        // The writer waited only for last passes of a few frames, never for the reader's backlog.
        #expect(after.waitedPasses >= 1)
        #expect(after.largestWaitedPass <= Self.small.finishUnder)
        #expect(after.writerCopies == 0)

        db.endCheckpointAside()
        #expect(try Self.rows(db) == next)
        #expect(try db.writer.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") } == ["ok"])
    }

    @Test func aSteadyWriterKeepsTheWALShortAndGetsSQLitesCheckpointBack() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        func autocheckpoint() throws -> Int? {
            try db.writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
        }
        #expect(try autocheckpoint() == 1_000)
        let copier = try #require(try db.checkpointAside(Self.small))
        #expect(try autocheckpoint() == 0)  // the hook replaces SQLite's own
        var next = 0
        // Frames a few at a time: the WAL starts over again and again instead of growing.
        try Self.commitUntilRestarts(db, copier, times: 4, from: &next)
        let counts = copier.counts
        #expect(counts.restarts >= 4)
        #expect(counts.passes >= 4)
        #expect(counts.largestWaitedPass <= Self.small.finishUnder)
        #expect(counts.largestWAL < 2 * Self.small.restartAt)
        #expect(counts.writerCopies == 0)

        db.endCheckpointAside()
        #expect(try autocheckpoint() == 1_000)
        // The thread is gone: later commits run no pass.
        let passes = copier.counts.passes
        try Self.commit(db, rows: 300, from: &next)
        usleep(50_000)
        #expect(copier.counts.passes == passes)
        #expect(try Self.rows(db) == next)
    }

    @Test func aLedgerNotInWALModeHasNoCopier() throws {
        let db = try AppDatabase.inMemory()
        #expect(try db.checkpointAside() == nil)
    }
}
