import Foundation
import TagihStore

/// Where the endpoint's reads of the ledger (inquiries, channel secrets) run.
///
/// On a file they run where the request is (SQLite reads its pages in
/// microseconds; as before). On a database server (CONTRACT §12) they run on
/// threads of their own, each owning one connection, as the group writer
/// owns its own: `PGConnection` blocks its caller until the server answers,
/// and PostgresNIO finishes its work on Swift's concurrency pool, so a
/// request handler that waited on it there could take the pool's last
/// threads and never be woken (DESIGN §6, docs/postgres.md). A request
/// hands its job to the queue and is resumed with the answer; the handlers'
/// threads never wait on the server.
final class LedgerThreads: @unchecked Sendable {
    private let inline: AppDatabase?
    private let condition = NSCondition()
    private var jobs: [(AppDatabase) -> Void] = []
    private var stopping = false

    /// The reads run in place on `database` (a ledger file).
    init(inline database: AppDatabase) {
        inline = database
    }

    /// One thread per connection in `connections` (a ledger on a server).
    init(connections: [AppDatabase]) {
        inline = nil
        for (i, db) in connections.enumerated() {
            let thread = Thread { [self] in loop(db) }
            thread.name = "tagih-serve-reader-\(i)"
            thread.start()
        }
    }

    /// `body`'s result, computed on a reader's thread with its connection (or here, on a file).
    func run<T: Sendable>(_ body: @escaping @Sendable (AppDatabase) -> T) async -> T {
        if let inline { return body(inline) }
        return await withCheckedContinuation { (waiter: CheckedContinuation<T, Never>) in
            condition.lock()
            jobs.append { db in waiter.resume(returning: body(db)) }
            condition.signal()
            condition.unlock()
        }
    }

    /// Ends the threads once the jobs taken in are done.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func loop(_ db: AppDatabase) {
        while true {
            condition.lock()
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty {
                condition.unlock()
                return
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job(db)
        }
    }
}
