import TagihCore

/// What the workstation asks of the ledger. The store answers it in SQL
/// (`TagihStore.WorkstationStore`); tests answer it from memory. The UI
/// never sees SQL.
public protocol WorkstationData {
    func queueKeys(_ scope: QueueScope, today: Day) throws -> QueueKeys
    func queueRows(_ ids: [Int64], me: String, now: Int64) throws -> [Int64: QueueRow]
    func search(_ text: String, limit: Int) throws -> [SearchHit]
    func account(id: Int64, asOf day: Day) throws -> AccountDetail
    func users() throws -> [User]
    /// Takes or renews the lease for `login`; returns the other holder when someone else has it.
    func takeLease(account: Int64, login: String, now: Int64) throws -> LeaseHolder?
    func releaseLease(account: Int64, login: String) throws
}
