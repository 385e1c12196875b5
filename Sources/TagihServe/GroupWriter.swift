import Foundation
import TagihCore
import TagihStore

/// The single writer of `tagih serve` (group commit): requests that arrive
/// while a transaction commits are gathered and posted together in the
/// next one, so one WAL sync serves many payments; each request is answered
/// only after the COMMIT that holds it (a 2xx is durable, R19). Under light
/// load a group is one request and waits for nothing.
final class GroupWriter: @unchecked Sendable {
    typealias Waiter = CheckedContinuation<DeskAnswer, Never>
    private let desk: PaymentDesk
    private let place: LedgerPlace
    private let session: @Sendable () -> Session
    private let condition = NSCondition()
    private var pending: [(DeskRequest, Waiter)] = []
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    /// The most requests one transaction takes.
    static let largestGroup = 512

    init(desk: PaymentDesk, place: LedgerPlace, session: @escaping @Sendable () -> Session) {
        self.desk = desk
        self.place = place
        self.session = session
    }

    func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "tagih-serve-writer"
        thread.start()
    }

    /// Posts `request` with the next group and returns its answer.
    func submit(_ request: DeskRequest) async -> DeskAnswer {
        await withCheckedContinuation { (waiter: Waiter) in
            condition.lock()
            if stopping {
                condition.unlock()
                waiter.resume(returning: .failed("the server is shutting down"))
                return
            }
            pending.append((request, waiter))
            condition.signal()
            condition.unlock()
        }
    }

    /// Posts what is queued, then ends the writer (SIGTERM: nothing taken in is dropped).
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func loop() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty {
                condition.unlock()
                finished.signal()
                return
            }
            let group = Array(pending.prefix(Self.largestGroup))
            pending.removeFirst(group.count)
            condition.unlock()
            // Looked at again just before the write: nothing goes into a file that is no longer the ledger.
            let answers = place.isThere ? desk.post(group.map(\.0), session: session()) : group.map { _ in .unavailable }
            for (i, item) in group.enumerated() { item.1.resume(returning: answers[i]) }
        }
    }
}
