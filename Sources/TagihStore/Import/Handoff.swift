import Foundation

/// A bounded queue from one producer thread to one consumer.
///
/// Items travel in chunks, so the lock is taken once per chunk rather than
/// per row, and at most `capacity` chunks wait: memory stays flat however
/// long the stream, and a producer faster than its consumer simply waits.
/// Either side can stop the other: the producer by finishing with an error
/// (the consumer's `take` throws it), the consumer by `cancel` (the
/// producer's next `put` returns false).
final class Handoff<T>: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [[T]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private let capacity: Int

    init(capacity: Int = 8) { self.capacity = capacity }

    /// Hands over a chunk, waiting while the queue is full. False when the
    /// consumer has cancelled: the producer should stop.
    func put(_ chunk: [T]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        chunks.append(chunk)
        condition.broadcast()
        return true
    }

    /// The producer is done; `error` when it failed.
    func finish(_ error: (any Error)? = nil) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next chunk, waiting for one; nil once the producer has finished
    /// and every chunk was taken. Throws the producer's error.
    func take() throws -> [T]? {
        condition.lock()
        defer { condition.unlock() }
        while chunks.isEmpty && !finished { condition.wait() }
        if let failure { throw failure }
        if chunks.isEmpty { return nil }
        let chunk = chunks.removeFirst()
        condition.broadcast()
        return chunk
    }

    /// The consumer gives up: a waiting or later `put` returns false.
    func cancel() {
        condition.lock()
        cancelled = true
        chunks.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}

/// Runs `body` on a new thread; `join` waits for it to end.
///
/// Everything the body captured is released before `join` returns: the
/// thread object outlives the body by a moment, and a capture it kept (a
/// loader holding prepared statements of the caller's connection) would be
/// finalized on that thread while the caller goes on using or closing the
/// connection — `tagih demo` then failed now and then with "unable to close
/// due to unfinalized statements" (issue 15).
final class Worker: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)

    /// The body runs on the new thread only, so it need not be `Sendable`;
    /// the slot is emptied there, before `done` is signalled.
    private final class Slot: @unchecked Sendable { var run: (() -> Void)? }

    init(_ body: @escaping () -> Void) {
        let slot = Slot()
        slot.run = body
        let thread = Thread { [done, slot] in
            slot.run?()
            slot.run = nil
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    func join() { done.wait() }
}
