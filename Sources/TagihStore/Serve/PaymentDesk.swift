import Crypto
import Foundation
import GRDB
import TagihCore

/// What `tagih serve` asks the ledger to post (CONTRACT §11).
public enum DeskRequest: Sendable {
    /// A payment as the import's row fields (`ServeRequests.payment`), of the caller's channel.
    case payment(channel: String, fields: [(String, String)])
    /// The reversal of the channel's payment `ref`, dated `day`.
    case reversal(channel: String, ref: String, reason: String, day: Day)
}

/// How a request ended; the server maps each to its HTTP answer.
public enum DeskAnswer: Sendable, Equatable {
    case posted, reversed, duplicate
    /// The same ref was posted with other content (409).
    case conflict(String)
    /// A row section 3 would reject (422), with the request field to blame.
    case invalid(field: String?, reason: String)
    /// The payment a reversal names does not exist (404).
    case notFound(String)
    /// Another writer (the nightly import) held the ledger past the busy
    /// timeout (503, retry): nothing of it was posted.
    case busy
    /// The ledger is not where it was opened, or this process lost the
    /// rights to it (503, retry): nothing of it was posted.
    case unavailable
    /// The ledger's database server cannot be reached, or the connection
    /// was lost mid-transaction (503, retry): nothing of it was acknowledged.
    case unreachable
    /// The ledger could not take it (500): nothing of it was posted.
    case failed(String)
}

/// Posts the payments and reversals that arrive through `tagih serve`
/// through the import's own validation and posting (`RowValues`,
/// `RowPoster`): one code path, so (channel, ref) idempotency, R9, the
/// balance cache, promises and plan discounts follow as for a file, and a
/// payment sent here and again in the channel's nightly file is one payment
/// (R17).
///
/// A group of requests is one transaction (group commit: one WAL sync for
/// many payments) with one batch record per kind, like a small file named
/// `serve`; each request runs in a savepoint of its own, so one that is
/// refused leaves its neighbours posted. A group that posted nothing leaves
/// no batch. The caller answers the requests only after `post` returns: the
/// commit is durable by then (R19).
public struct PaymentDesk: Sendable {
    public let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    /// Posts `requests` in one transaction as `session` (its real time and
    /// day are the batch's). When the group as a whole fails (an overflow of
    /// the book's totals, R9), each request is tried alone, so only the ones
    /// to blame fail.
    public func post(_ requests: [DeskRequest], session: Session) -> [DeskAnswer] {
        do {
            return try postGroupAgain(requests, session: session)
        } catch {
            // A busy ledger is busy for every request alike: no one-by-one retries, each would wait again.
            let failure = Self.failure(error)
            guard requests.count > 1, failure != .busy, failure != .unavailable, failure != .unreachable else {
                return requests.map { _ in failure }
            }
            return requests.map { r in
                do { return try postGroupAgain([r], session: session)[0] } catch { return Self.failure(error) }
            }
        }
    }

    public static func failure(_ error: Error) -> DeskAnswer {
        if let e = error as? DatabaseError, e.resultCode == .SQLITE_BUSY || e.resultCode == .SQLITE_LOCKED { return .busy }
        // A file (the WAL, its shared memory) that can no longer be opened or written: the rights changed; retry later.
        if let e = error as? DatabaseError, [.SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY].contains(e.resultCode) { return .unavailable }
        // A database server (CONTRACT §12): down or lost is 503 (what was in flight was rolled back by the
        // server, never acknowledged); writers that kept colliding are busy.
        if let e = error as? StoreError, case .server(_, let problem)? = e.failure {
            switch problem {
            case .unreachable, .lost: return .unreachable
            case .serializationRetriesExhausted: return .busy
            case .server(let state, _) where state == Self.uniqueViolation: return .busy
            default: break
            }
        }
        if let e = error as? StoreError, e.description.contains("overflow") { return .invalid(field: "amount", reason: e.description) }
        if let e = error as? StoreError { return .failed(e.description) }
        return .failed("the ledger could not post it (\(type(of: error)))")
    }

    /// SQLSTATE of a unique key taken by another transaction.
    static let uniqueViolation = "23505"
    /// How many times a group runs when another writer took its key first.
    static let uniqueAttempts = 8

    /// `postGroup`, run again when another writer committed the same key
    /// first: two servers on one database posting the same (channel, ref),
    /// or taking the same next id, at the same moment. The server reports
    /// most such collisions as serialization failures (retried whole by the
    /// transaction); one it reports as a unique violation is retried here,
    /// and the run after finds the payment posted: a duplicate (CONTRACT §12).
    /// (SQLite has one writer at a time: it never sees this.)
    private func postGroupAgain(_ requests: [DeskRequest], session: Session) throws -> [DeskAnswer] {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try postGroup(requests, session: session)
            } catch let e as StoreError where attempt < Self.uniqueAttempts && Self.isUniqueViolation(e) {
                usleep(useconds_t(Int.random(in: 1...(1 << min(attempt + 2, 7))) * 1000))
            }
        }
    }

    static func isUniqueViolation(_ e: StoreError) -> Bool {
        if case .server(_, .server(let state, _))? = e.failure { return state == uniqueViolation }
        return false
    }

    /// One transaction through the store's seam (SQLite: the trusted
    /// IMMEDIATE transaction, as before; a server: SERIALIZABLE, run again
    /// whole on a serialization failure, so the body starts from nothing
    /// each time: fresh answers, batches and poster).
    private func postGroup(_ requests: [DeskRequest], session: Session) throws -> [DeskAnswer] {
        try StoreError.require(.serve, session)
        let settings = database.settings
        return try database.writeTrusted { db in
            // As the importer: the poster checks every reference itself.
            var answers: [DeskAnswer] = []
            var payments: Desk?, reversals: Desk?
            for r in requests {
                switch r {
                case .payment(let channel, let fields):
                    if payments == nil { payments = try Desk(db, kind: .payments, settings: settings, session: session) }
                    answers.append(try payments!.payment(channel: channel, fields: fields))
                case .reversal(let channel, let ref, let reason, let day):
                    if reversals == nil { reversals = try Desk(db, kind: .adjustments, settings: settings, session: session) }
                    answers.append(try reversals!.reversal(channel: channel, ref: ref, reason: reason, day: day))
                }
            }
            let desks = [payments, reversals].compactMap { $0 }
            for desk in desks { try desk.close(alone: desks.count == 1) }
            return answers
        }
    }
}

/// One kind's batch within a group's transaction.
private final class Desk {
    let db: any LedgerSQL
    let kind: ImportKind
    let settings: Settings
    let session: Session
    let poster: RowPoster
    let batchID: Int64
    var summary: ImportSummary
    private var row = 0

    init(_ db: any LedgerSQL, kind: ImportKind, settings: Settings, session: Session) throws {
        self.db = db
        self.kind = kind
        self.settings = settings
        self.session = session
        let name = "serve"
        // Unique per group (`import_batches` holds (kind, file_hash) unique).
        let hash = "serve-" + UUID().uuidString.lowercased()
        // What `close` rolls back to when nothing posted and no other desk shares the group.
        try db.execute("SAVEPOINT \(Self.savepoint(kind))")
        batchID = try Importer.openBatch(db, kind: kind, path: name, hash: hash, session: session)
        poster = try RowPoster(db: db, kind: kind, batchID: batchID, settings: settings)
        summary = ImportSummary(kind: kind, file: name)
    }

    /// Runs `body` in a savepoint of its own: a refusal undoes only this request.
    private func alone(_ body: () throws -> DeskAnswer) throws -> DeskAnswer {
        row += 1
        summary.rowsRead += 1
        try db.execute("SAVEPOINT desk_row")
        do {
            let answer = try body()
            try db.execute("RELEASE desk_row")
            switch answer {
            case .posted, .reversed: summary.posted += 1
            case .duplicate: summary.duplicates += 1
            default: summary.rejected += 1
            }
            return answer
        } catch let e as RowError {
            try db.execute("ROLLBACK TO desk_row")
            try db.execute("RELEASE desk_row")
            summary.rejected += 1
            // The import's reasons, its field names the request's.
            let field = e.field.map { $0 == "paid_on" ? "paid_at" : $0 }
            if e.field == nil, e.reason.hasPrefix("conflicts with") { return .conflict(e.reason) }
            return .invalid(field: field, reason: e.text)
        }
    }

    func payment(channel: String, fields: [(String, String)]) throws -> DeskAnswer {
        try alone {
            let values = try RowValues(fields: fields + [("channel", channel)], limits: settings.rules.importLimits, currency: settings.currency)
            switch try poster.post(values) {
            case .posted: return .posted
            case .duplicate: return .duplicate
            }
        }
    }

    /// The reversal of the channel's payment `ref`: an adjustments row of
    /// kind `reversal`, its own ref `REV-<channel>-<ref>`. A payment reversed
    /// already (by this endpoint or a file) is a duplicate (R18).
    func reversal(channel: String, ref: String, reason: String, day: Day) throws -> DeskAnswer {
        try alone {
            guard let p = try db.row("""
                SELECT a.account_no, c.id FROM credits c JOIN accounts a ON a.id = c.account_id
                WHERE c.source = 'payment' AND c.channel = ? AND c.ref = ?
                """, [.text(channel), .text(ref)]) else {
                return .notFound("no payment \(TextField.quoted(ref)) of channel \(channel)")
            }
            let creditID = p[1].int ?? 0
            if try db.int("SELECT 1 FROM reversals WHERE credit_id = ?", [.int(creditID)]) != nil { return .duplicate }
            let values = try RowValues(fields: [("account_no", p[0].text ?? ""), ("ref", Self.reversalRef(channel: channel, ref: ref, limit: settings.rules.importLimits.codeBytes)), ("date", day.iso), ("kind", "reversal"),
                                                ("payment_ref", ref), ("channel", channel), ("reason", reason)],
                                       limits: settings.rules.importLimits, currency: settings.currency)
            switch try poster.post(values) {
            case .posted: return .reversed
            case .duplicate: return .duplicate
            }
        }
    }

    /// `REV-<channel>-<ref>`; past the ref column's limit, `REV-` and a
    /// digest of the two, so a payment with the longest ref can be reversed too.
    static func reversalRef(channel: String, ref: String, limit: Int) -> String {
        let plain = "REV-\(channel)-\(ref)"
        if plain.utf8.count <= limit { return plain }
        return "REV-" + SHA256.hash(data: Data("\(channel)\u{1F}\(ref)".utf8)).hex.prefix(40)
    }

    static func savepoint(_ kind: ImportKind) -> String { "desk_batch_\(kind.rawValue)" }

    /// Refreshes the cache, closes the batch with its audit row and moves
    /// plan discounts, as an import does; or, when nothing was posted,
    /// leaves no trace of the batch.
    func close(alone: Bool) throws {
        guard summary.posted > 0 else {
            // Duplicates and refusals wrote nothing: the batch goes too, so
            // a retry storm leaves no empty batches and audit rows behind.
            // The group's only desk rolls back to before its batch: a DELETE
            // has every table that may name a batch searched for it (no
            // index holds `batch_id`): 1.4 s at 1M accounts on PostgreSQL,
            // reading every charge and credit (measured when the turn ran
            // SERIALIZABLE; now REPEATABLE READ, the search is the same). Beside
            // another desk, whose requests may have come after this one's
            // savepoint, the row is deleted.
            if alone {
                try db.execute("ROLLBACK TO \(Self.savepoint(kind))")
                try db.execute("RELEASE \(Self.savepoint(kind))")
            } else {
                try db.execute("DELETE FROM import_batches WHERE id = ?", batchID)
            }
            return
        }
        try poster.finish()
        try Importer.closeBatch(db, batchID: batchID, summary: summary, entriesHash: poster.entriesHash, session: session)
        try PlanBook.reconcileDiscounts(db, accounts: poster.touched, settings: settings, session: session)
    }
}

/// The answer to an inquiry (CONTRACT §11, R18).
public struct Inquiry: Sendable, Equatable {
    public var accountNo: String
    public var maskedName: String
    public var amountDue: Money
    public var dueDate: Day?
}

extension PaymentDesk {
    /// What account `accountNo` owes as of `today`; nil for an unknown account.
    public func inquiry(_ accountNo: String, today: Day) throws -> Inquiry? {
        let exists = try database.read { db in
            try db.int("SELECT 1 FROM accounts WHERE account_no = ?", [.text(accountNo)]) != nil
        }
        guard exists else { return nil }
        let a = try LedgerReports(database).account(accountNo, asOf: today)
        let p = a.position
        let due = p.openCharges.filter { $0.open.isPositive }.map(\.charge.dueDate).min()
        return Inquiry(accountNo: a.accountNo, maskedName: MaskedName.of(a.name),
                       amountDue: p.balance.isPositive ? p.balance : Money(minor: 0), dueDate: due)
    }
}
