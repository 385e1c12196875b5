import CSQLiteTuning
import Foundation
import GRDB

/// Copies the WAL into the ledger file on a thread of its own, so that the
/// one writer of `tagih serve` never waits for a large copy (issue 19).
///
/// SQLite's automatic checkpoint runs inside the COMMIT that takes the WAL
/// past 1,000 frames, on the committing connection: for `serve`, the group
/// writer, so every payment of the next group waits for it. While a reader
/// holds an older snapshot (a report, `check`, a workstation's quick check:
/// seconds on a million accounts) nothing committed after it may be copied,
/// and the first commit after the reader ends copies everything committed
/// meanwhile, hundreds of megabytes, while a whole group of payments waits.
///
/// Here the writer's connection has a WAL hook instead, and a thread with a
/// connection of its own copies the WAL (PASSIVE: it never waits for a
/// reader or for the writer), then flushes the file (`fdatasync`) while the
/// writer goes on. SQLite starts the WAL over, rather than growing it, only
/// when a write begins with every frame copied, which a thread running
/// beside a steady writer never sees. So once the WAL is `restartAt` frames
/// long and the thread is within `finishUnder` frames of its end, the writer
/// waits in its commit for one last short pass (no new frames meanwhile:
/// 12–20 ms at 2,500 payments/s on the bench ledger, where SQLite's own
/// copies took up to a second), and its next group starts the WAL from its
/// beginning.
///
/// What is copied, and when the WAL starts over, are SQLite's decisions as
/// before (the copy stops at the oldest reader's snapshot either way); only
/// which thread pays for the copy and its flush changes. A pass that fails
/// for another reason than a lock hands the work back to the writer, as
/// SQLite's own checkpoint would do it.
///
/// At start the thread also makes the WAL file long (`Thresholds.fileFrames`:
/// a frame for each of the ledger's pages, at most 1 GiB), with zeros
/// it writes and flushes before the first payment. While a reader holds an
/// old snapshot (a workstation's quick check, `serve`'s own hourly one: 3 s
/// on the bench ledger) the WAL grows past its usual length, and each frame
/// written past the file's end made the file system allocate blocks and
/// record the new length in the writer's path: the payments fell to a third
/// and p99 rose to 60 ms for those seconds, against nothing to see with the
/// file already that long. (Lengthening the file on the thread while the
/// writer runs was tried, a step a commit under the write lock: p99 90 ms.)
/// The zeros go only past the file's end, under the WAL's write lock (an
/// empty `BEGIN IMMEDIATE`), so no frame of any process is overwritten;
/// SQLite's recovery stops at the first frame whose salt does not match, as
/// it does at the old frames left past a new start. SQLite deletes the file
/// when the last connection closes, as before.
public final class WALCheckpointer: @unchecked Sendable {
    /// When the copier acts, in WAL frames (pages).
    public struct Thresholds: Sendable {
        /// A smaller backlog is left for later (SQLite's `wal_autocheckpoint`).
        public var startAt = 1_000
        /// The WAL's length at which the writer lets it start over (128 MB
        /// of 16 KiB pages: the last pass's wait about once a second at the
        /// bench's rate).
        public var restartAt = 8_000
        /// The most frames the writer waits to see copied.
        public var finishUnder = 256
        /// The WAL file's length made at start, in frames; nil: `startAt`
        /// and as many frames as the ledger has pages, at most 1 GiB; 0:
        /// none. A whole file's quick check holds its snapshot for a time
        /// that grows with the ledger's pages: on the bench ledger (71,000
        /// pages, 3 s) the WAL grew by 40,000 frames meanwhile. A quiet
        /// small ledger's file stays small (a test's: a few megabytes).
        public var fileFrames: Int?
        public init() {}
        public init(startAt: Int, restartAt: Int, finishUnder: Int, fileFrames: Int? = nil) {
            self.startAt = startAt
            self.restartAt = restartAt
            self.finishUnder = finishUnder
            self.fileFrames = fileFrames
        }

        /// The frames `fileFrames` stands for, for a ledger file of `ledgerPages` pages of `pageBytes`.
        func fileFrames(ledgerPages: Int, pageBytes: Int) -> Int {
            if let fileFrames { return fileFrames }
            return min(startAt + ledgerPages, (1 << 30) / (pageBytes + WALCheckpointer.frameHeaderBytes))
        }
    }

    /// What the checkpoints did so far (tests).
    public struct Tally: Sendable, Equatable {
        /// Passes the thread ran, and those that copied nothing (a reader held it back).
        public var passes = 0, idlePasses = 0
        /// The passes the writer waited for, and the most frames one of them copied.
        public var waitedPasses = 0, largestWaitedPass = 0
        /// Copies the writer made itself (only after the thread failed).
        public var writerCopies = 0
        /// Times the WAL was seen to start over from its beginning.
        public var restarts = 0
        /// The most frames the WAL held after a commit.
        public var largestWAL = 0
        /// The bytes of zeros written at start to make the WAL file long.
        public var preparedBytes = 0
    }

    public let thresholds: Thresholds
    private let connection: DatabaseQueue
    /// The ledger file, flushed after each pass that left frames to copy.
    private let file: Int32
    private let condition = NSCondition()
    // All below under `condition`.
    private var wanted = false
    private var running = false
    /// The writer waits for the pass it asked for.
    private var writerWaits = false
    private var stopping = false
    private var failed = false
    /// Frames in the WAL after the last commit, and how many of them are in the file.
    private var frames = 0
    private var copied = 0
    /// Counts the WAL's new starts: a pass that began before one says nothing of the new WAL.
    private var generation = 0
    private var tally = Tally()
    /// The WAL file has been made long (or could not be).
    private var lengthened = false

    /// Opens the thread's own connection to the ledger at `path` (with the
    /// rights of this moment: an install opens it while it holds the group's).
    init(path: String, thresholds: Thresholds) throws {
        self.thresholds = thresholds
        var c = Configuration()
        // A checkpoint that finds the lock taken returns at once; nothing else runs here.
        c.busyMode = .immediateError
        connection = try DatabaseQueue(path: path, configuration: c)
        // A first read opens the WAL and its shared memory now, with these
        // rights (a set-group-ID drops them before the first pass).
        let (pageBytes, pages) = try connection.read { db in
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
            return try (Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4_096, Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0)
        }
        file = open(path, O_RDONLY | O_CLOEXEC)
        let frames = thresholds.fileFrames(ledgerPages: pages, pageBytes: pageBytes)
        let goal = frames > 0 ? Self.walHeaderBytes + frames * (pageBytes + Self.frameHeaderBytes) : 0
        // The WAL file is opened now, with these rights; lengthened on the
        // thread, beside the caller's quick check (the one is the disk's
        // work, the other the processor's), before its first pass.
        let wal = open(path + "-wal", O_RDWR | O_CLOEXEC)
        let thread = Thread { [self] in
            let written = wal >= 0 ? Self.lengthen(wal: wal, to: goal, under: connection, until: { [self] in isStopping }) : 0
            if wal >= 0 { close(wal) }
            condition.lock()
            tally.preparedBytes = written
            lengthened = true
            condition.broadcast()
            condition.unlock()
            loop()
        }
        thread.name = "tagih-wal-checkpoint"
        thread.start()
    }

    deinit {
        if file >= 0 { close(file) }
    }

    /// Replaces the automatic checkpoint of the writer's connection `db` with this one.
    func install(on db: Database) {
        let me = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, _, frames in
            guard let context else { return SQLITE_OK }
            Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().committed(connection, frames: Int(frames))
            return SQLITE_OK
        }, me)
    }

    /// Gives the writer's connection `db` SQLite's automatic checkpoint back, and ends the thread.
    func uninstall(from db: Database) {
        // SQLite's default, which Tagih never changes elsewhere.
        sqlite3_wal_autocheckpoint(db.sqliteConnection, 1_000)
        condition.lock()
        stopping = true
        condition.broadcast()
        while running || !lengthened { condition.wait() }
        condition.unlock()
    }

    private var isStopping: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopping
    }

    /// Returns once the WAL file has been made long, before the first payment.
    public func waitUntilLengthened() {
        condition.lock()
        while !lengthened { condition.wait() }
        condition.unlock()
    }

    public var counts: Tally {
        condition.lock()
        defer { condition.unlock() }
        return tally
    }

    /// The hook, on the writer's thread: its connection has just committed,
    /// and the WAL holds `now` frames.
    private func committed(_ db: OpaquePointer?, frames now: Int) {
        condition.lock()
        if now < frames {
            // The WAL started over: its frames are new ones, none copied yet.
            copied = 0
            generation += 1
            tally.restarts += 1
        }
        frames = now
        tally.largestWAL = max(tally.largestWAL, now)
        let backlog = now - copied
        let t = thresholds
        guard now >= t.startAt, backlog > 0, !running, !stopping else { return condition.unlock() }
        if failed {
            condition.unlock()
            copyHere(db)
        } else if now >= t.restartAt, backlog <= t.finishUnder {
            // The last few frames, copied while this writer adds none.
            wanted = true
            writerWaits = true
            condition.signal()
            let limit = Date().addingTimeInterval(1)
            while wanted || running, condition.wait(until: limit) {}
            writerWaits = false
            condition.unlock()
        } else {
            if backlog >= t.startAt || now >= t.restartAt {
                wanted = true
                condition.signal()
            }
            condition.unlock()
        }
    }

    /// SQLite's own checkpoint, in the writer's commit (the thread failed).
    private func copyHere(_ db: OpaquePointer?) {
        var log: Int32 = 0, done: Int32 = 0
        guard sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, &log, &done) == SQLITE_OK else { return }
        condition.lock()
        tally.writerCopies += 1
        copied = Int(done)
        condition.unlock()
    }

    private func loop() {
        while true {
            condition.lock()
            while (!wanted || failed) && !stopping { condition.wait() }
            if stopping {
                condition.unlock()
                return
            }
            wanted = false
            running = true
            let before = copied, started = generation, waited = writerWaits
            condition.unlock()
            var done: Int?
            var broken = false
            do {
                done = try connection.writeWithoutTransaction { db in try db.checkpoint(.passive).checkpointedFrameCount }
            } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
                // Another checkpoint holds the lock (a command closing the ledger): the next commit asks again.
            } catch {
                // The writer copies from now on, as SQLite's own checkpoint would.
                broken = true
            }
            condition.lock()
            running = false
            failed = failed || broken
            tally.passes += 1
            if let done, generation == started { copied = max(copied, done) }
            let nothing = copied == before, partial = copied < frames
            if nothing { tally.idlePasses += 1 }
            if waited {
                tally.waitedPasses += 1
                tally.largestWaitedPass = max(tally.largestWaitedPass, copied - before)
            }
            condition.broadcast()
            condition.unlock()
            if nothing {
                // A reader's snapshot holds the copy back: ask again a little later, not in a spin.
                usleep(10_000)
            } else if partial, file >= 0 {
                // SQLite flushes the file only after a pass that copies the
                // whole WAL, and then every page copied since the last such
                // pass, while the writer may be waiting for it (70–100 ms on
                // the bench ledger). Flushed here, the last pass flushes only its own.
                fdatasync(file)
            }
        }
    }

    static let walHeaderBytes = 32, frameHeaderBytes = 24

    /// Writes zeros past the end of the WAL file `wal` until it is
    /// `bytes` long, 16 MB under each hold of the WAL's write lock, then
    /// flushes the file once, so that the file system allocates the blocks
    /// now, before the first payment (1 GiB: 3–4 s on the bench machine,
    /// beside the start's quick check of 3 s; a flush after each step,
    /// under the lock, took 6 s alone). Another process's
    /// write transaction holding the lock is waited for (10 ms naps, 5 s in
    /// all); then the file is left as it is, as it is when `stop` says so.
    /// Returns the bytes written.
    private static func lengthen(wal: Int32, to bytes: Int, under connection: DatabaseQueue, until stop: () -> Bool) -> Int {
        func length() -> Int {
            var st = stat()
            return fstat(wal, &st) == 0 ? Int(st.st_size) : bytes
        }
        guard length() < bytes else { return 0 }
        let zeros = [UInt8](repeating: 0, count: 16 << 20)
        var written = 0, naps = 0
        while length() < bytes, naps < 500, !stop() {
            do {
                try connection.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        // Under the write lock no process writes a frame, so
                        // every byte past the file's end is free to write.
                        let end = length()
                        let n = zeros.withUnsafeBytes { pwrite(wal, $0.baseAddress, min($0.count, bytes - end), off_t(end)) }
                        guard n > 0 else { throw DatabaseError(resultCode: .SQLITE_IOERR) }
                        written += n
                        return .rollback
                    }
                }
            } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
                naps += 1
                usleep(10_000)
            } catch {
                break
            }
        }
        if written > 0 { fdatasync(wal) }
        return written
    }
}
