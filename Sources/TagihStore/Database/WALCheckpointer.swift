import Foundation
import GRDB

/// Copies the WAL into the ledger file from a thread and connection of its
/// own, for `tagih serve`.
///
/// SQLite checkpoints on the connection that commits, once the WAL passes a
/// thousand pages: the server's single writer then copied ~16 MB into the
/// file and waited for its fsync while every request of the next group
/// waited behind it (a fifth of the server's time in the profile, and its
/// slowest answers). Here the writer only appends to the WAL; this thread
/// copies what is committed (PASSIVE: it never blocks the writer) a few
/// times a second. A sustained load can keep the WAL from ever being copied
/// whole, so past `restartFrames` it waits once for the writer and readers
/// (RESTART) and the next commit starts the WAL afresh.
public final class WALCheckpointer: @unchecked Sendable {
    private let database: AppDatabase
    private let connection: DatabaseQueue
    private let condition = NSCondition()
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    private let interval: TimeInterval
    private let restartFrames: Int
    private let problem: @Sendable (Error) -> Void

    /// `problem` hears a failed checkpoint (not a busy one: the next round tries again).
    public init(_ database: AppDatabase, interval: TimeInterval = Double(ProcessInfo.processInfo.environment["TAGIH_EXP_INTERVAL"] ?? "") ?? 0.2, restartFrames: Int = Int(ProcessInfo.processInfo.environment["TAGIH_EXP_RESTART"] ?? "") ?? 8192,
                problem: @escaping @Sendable (Error) -> Void) throws {
        self.database = database
        self.interval = interval
        self.restartFrames = restartFrames
        self.problem = problem
        var c = Configuration()
        c.busyMode = .timeout(2)
        connection = try DatabaseQueue(path: database.path, configuration: c)
    }

    public func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "tagih-checkpoint"
        thread.start()
    }

    /// Ends the thread (the writer's last commit is copied when the ledger closes).
    public func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func loop() {
        while true {
            condition.lock()
            if !stopping { _ = condition.wait(until: Date().addingTimeInterval(interval)) }
            let done = stopping
            condition.unlock()
            if done { break }
            do {
                let frames = try connection.writeWithoutTransaction { db in try db.checkpoint(.passive).walFrameCount }
                if frames > restartFrames {
                    _ = try connection.writeWithoutTransaction { db in try db.checkpoint(.restart) }
                }
            } catch let e as DatabaseError where e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED {
                continue
            } catch {
                problem(error)
            }
        }
        finished.signal()
    }
}
