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

    /// A reader's snapshot, held open on a connection of its own until its `COMMIT`.
    static func snapshot(_ scratch: Scratch) throws -> DatabaseQueue {
        var open = Configuration()
        open.allowsUnsafeTransactions = true
        let reader = try DatabaseQueue(path: scratch.path("tagih.db"), configuration: open)
        try reader.inDatabase { db in try db.execute(sql: "BEGIN; SELECT count(*) FROM pad") }
        return reader
    }

    static func rows(_ db: AppDatabase) throws -> Int? {
        try db.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pad") }
    }

    @Test func aReadersBacklogIsCopiedByTheThreadAndTheWALStartsOver() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let copier = try #require(try db.checkpointAside(Self.small))
        #expect(try db.checkpointAside() === copier)  // asked twice: the one copier

        let reader = try Self.snapshot(scratch)
        var next = 0
        for _ in 0..<60 { try Self.commit(db, rows: 20, from: &next) }
        // A starved test process (CI: 160 s for this test) may not have run
        // the thread yet: give it up to 30 s to find the reader in the way.
        for _ in 0..<3_000 where copier.counts.idlePasses == 0 { usleep(10_000) }
        let held = copier.counts
        #expect(held.largestWAL >= 1_200)
        #expect(held.restarts == 0)  // nothing past the reader's snapshot could be copied
        #expect(held.idlePasses > 0)  // passes that found the reader in the way
        #expect(held.waitedPasses == 0)
        #expect(try reader.inDatabase { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM pad") } == 0)
        try reader.inDatabase { db in try db.execute(sql: "COMMIT") }

        try Self.commitUntilRestarts(db, copier, times: 2, from: &next)
        // A starved test process (CI runs the suites side by side: this test
        // once took 158 s there) can see the thread catch up by itself before
        // every restart, so that no writer had to wait: commit on until one has.
        for _ in 0..<3_000 where copier.counts.waitedPasses == 0 {
            try Self.commit(db, rows: 4, from: &next)
            usleep(2_000)
        }
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

    /// The bytes of a WAL of `frames` frames of 16 KiB pages.
    static func walBytes(_ frames: Int) -> Int { 32 + frames * (16_384 + 24) }

    static func fileBytes(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// The rows a copy of the ledger file and its WAL (no shared memory:
    /// SQLite recovers the WAL, as after `kill -9` of every process) holds, and its quick check.
    static func recovered(_ scratch: Scratch, _ name: String) throws -> (Int?, [String]) {
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: scratch.path("tagih.db" + suffix), toPath: scratch.path(name + suffix))
        }
        let copy = try DatabaseQueue(path: scratch.path(name))
        return try copy.read { db in
            try (Int.fetchOne(db, sql: "SELECT count(*) FROM pad"), String.fetchAll(db, sql: "PRAGMA quick_check"))
        }
    }

    /// A reader's snapshot makes the WAL grow past its usual length; the
    /// file was made that long at start, so the frames land on zeros already
    /// there, not past the file's end (where each one made the file system
    /// allocate blocks in the writer's path: issue 19's p99 at a workstation's start).
    @Test func theWALFileIsMadeLongBeforeTheFirstPaymentAndTheReadersBacklogFitsInIt() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        var thresholds = Self.small
        thresholds.fileFrames = 1_500
        let copier = try #require(try db.checkpointAside(thresholds))
        db.waitForCheckpointAside()
        let wal = scratch.path("tagih.db-wal")
        let long = Self.fileBytes(wal)
        #expect(long == Self.walBytes(1_500))
        #expect(copier.counts.preparedBytes > Self.walBytes(1_400))  // written here, not there before

        let reader = try Self.snapshot(scratch)
        var next = 0
        for _ in 0..<50 { try Self.commit(db, rows: 20, from: &next) }
        #expect(copier.counts.largestWAL >= 1_000)
        #expect(Self.fileBytes(wal) == long)  // a thousand frames and more, none past the end
        try reader.inDatabase { db in try db.execute(sql: "COMMIT") }
        try Self.commitUntilRestarts(db, copier, times: 1, from: &next)

        // SQLite's recovery stops at the zeros: the frames committed, no more, no less.
        let (rows, check) = try Self.recovered(scratch, "crashed.db")
        #expect(rows == next)
        #expect(check == ["ok"])
        db.endCheckpointAside()
        #expect(try Self.rows(db) == next)
    }

    /// The zeros go only past the file's end under the WAL's write lock: a
    /// writer on another connection committing all the while loses nothing.
    @Test func lengtheningTheWALBesideAnotherWriterOverwritesNoFrame() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let other = try DatabaseQueue(path: scratch.path("tagih.db"), configuration: {
            var c = Configuration()
            c.busyMode = .timeout(10)
            return c
        }())
        let stop = Flag()
        let committed = Counter()
        let writer = Thread {
            var i = 1_000_000
            while !stop.isSet {
                do {
                    try other.write { db in
                        for _ in 0..<8 {
                            try db.execute(sql: "INSERT INTO pad(id, bytes) VALUES (?, randomblob(15000))", arguments: [i])
                            i += 1
                        }
                    }
                    committed.add(8)
                } catch {
                    committed.fail()
                }
            }
            stop.done()
        }
        writer.start()
        // Whatever fails below, the other writer stops (a test that threw must not leave it spinning).
        defer {
            stop.set()
            stop.waitUntilDone()
        }
        usleep(20_000)
        var thresholds = Self.small
        thresholds.fileFrames = 5_000  // 82 MB: six steps of the lock
        let copier = try #require(try db.checkpointAside(thresholds))
        db.waitForCheckpointAside()
        stop.set()
        stop.waitUntilDone()
        #expect(committed.failures == 0)
        #expect(committed.value > 0)
        #expect(copier.counts.preparedBytes > 0)
        #expect(Self.fileBytes(scratch.path("tagih.db-wal")) >= Self.walBytes(5_000))

        let (rows, check) = try Self.recovered(scratch, "crashed.db")
        #expect(rows == committed.value)
        #expect(check == ["ok"])
        db.endCheckpointAside()
        #expect(try Self.rows(db) == committed.value)
    }

    /// `fileFrames: 0` leaves the WAL file as SQLite made it (not even a header of zeros).
    @Test func aCopierToldNoRoomWritesNothing() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        // An empty WAL file, where even 32 bytes written would show.
        try db.writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        let before = Self.fileBytes(scratch.path("tagih.db-wal"))
        #expect(before == 0)
        var thresholds = Self.small
        thresholds.fileFrames = 0
        let copier = try #require(try db.checkpointAside(thresholds))
        db.waitForCheckpointAside()
        #expect(copier.counts.preparedBytes == 0)
        #expect(Self.fileBytes(scratch.path("tagih.db-wal")) == before)
        db.endCheckpointAside()
    }

    @Test func aLedgerNotInWALModeHasNoCopier() throws {
        let db = try AppDatabase.inMemory()
        #expect(try db.checkpointAside() == nil)
    }
}

/// A flag one thread sets and another reads, and the first's end.
private final class Flag: @unchecked Sendable {
    private let condition = NSCondition()
    private var on = false, finished = false
    var isSet: Bool { condition.lock(); defer { condition.unlock() }; return on }
    func set() { condition.lock(); on = true; condition.unlock() }
    func done() { condition.lock(); finished = true; condition.broadcast(); condition.unlock() }
    func waitUntilDone() { condition.lock(); while !finished { condition.wait() }; condition.unlock() }
}

/// Rows committed by another thread, and its failed commits.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var rows = 0, failed = 0
    var value: Int { lock.lock(); defer { lock.unlock() }; return rows }
    var failures: Int { lock.lock(); defer { lock.unlock() }; return failed }
    func add(_ n: Int) { lock.lock(); rows += n; lock.unlock() }
    func fail() { lock.lock(); failed += 1; lock.unlock() }
}
