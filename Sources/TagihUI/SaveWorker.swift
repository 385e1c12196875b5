import Foundation
import TagihCore

/// One save to the ledger and the event that reports it. A refusal or a
/// failure (a lock held past the busy timeout, a full disk) is the event
/// that keeps the form on screen with the sentence; a contact refusal comes
/// typed, for `update` to say in the reader's language.
struct SaveJob: @unchecked Sendable {
    let data: WorkstationData
    let effect: Effect

    func run() -> Event {
        do {
            switch effect {
            case .logContact(let request, let accountID):
                return .contactLogged(try data.logContact(request), accountID: accountID)
            case .proposePlan(let accountNo, let terms, let note, let accountID):
                return .planProposed(try data.proposePlan(accountNo: accountNo, terms: terms, note: note), accountID: accountID)
            case .decidePlan(let id, let approve, let note):
                return .planDecided(id, try data.decidePlan(id, approve: approve, note: note))
            case .assign(let nos, let to, let ids):
                return .assigned(try data.assign(nos, to: to), to: to, ids: ids)
            case .placeHold(let no, let kind, let reason, let until, let accountID):
                _ = try data.placeHold(accountNo: no, kind: kind, reason: reason, until: until)
                return .holdChanged(placed: true, kind, accountNo: no, accountID: accountID)
            case .releaseHold(let no, let kind, let reason, let accountID):
                _ = try data.releaseHold(accountNo: no, kind: kind, reason: reason)
                return .holdChanged(placed: false, kind, accountNo: no, accountID: accountID)
            case .markPhone(let number, let status, let accountID):
                let accounts = try data.markPhone(number: number, status: status)
                return .phoneMarked(number: number, status, accounts: accounts.count, accountID: accountID)
            case .caseAction(let request, let accountID):
                return .caseDone(try data.caseAction(request), accountID: accountID)
            default:
                return .failed("not a save")
            }
        } catch let refusal as ContactRefusal {
            return .contactRefused(refusal)
        } catch let problem as RecordProblem {
            return .recordRefused(problem)
        } catch {
            let text = String(describing: error)
            let message = text.count > 200 ? String(text.prefix(199)) + "…" : text
            return .failed(message)
        }
    }
}

/// Runs saves one at a time on a thread of their own, so a save waiting
/// for another process's write lock leaves the keys working; the key loop
/// collects the answer between key reads.
final class SaveWorker: @unchecked Sendable {
    private let lock = NSLock()
    private let done = DispatchSemaphore(value: 0)
    private var result: Event?
    private var running = false
    private let group = DispatchGroup()

    func start(_ job: SaveJob) {
        lock.withLock { running = true; result = nil }
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let event = job.run()
            lock.withLock { result = event }
            group.leave()
            done.signal()
        }
    }

    /// The finished save's event, waiting up to `seconds` for it; nil while none has finished.
    func finished(waiting seconds: Double) -> [Event]? {
        guard lock.withLock({ running }) else { return nil }
        if seconds > 0 {
            _ = seconds.isFinite ? done.wait(timeout: .now() + seconds) : { done.wait(); return .success }()
        } else if done.wait(timeout: .now()) == .timedOut {
            return nil
        }
        return lock.withLock { () -> [Event]? in
            guard let r = result else { return nil }
            result = nil
            running = false
            return [r]
        }
    }

    /// Blocks until the save under way has finished, or `seconds` have passed.
    func wait(seconds: Double = .infinity) {
        if seconds.isFinite { _ = group.wait(timeout: .now() + seconds) } else { group.wait() }
    }
}
