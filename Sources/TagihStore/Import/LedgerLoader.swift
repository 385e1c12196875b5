import Crypto
import Foundation
import GRDB
import TagihCore

/// Writes a whole book of new accounts with their entries in one pass: the
/// demo's generated history, a million accounts in about twenty seconds
/// where importing the same rows takes a minute.
///
/// An import cannot know an account's position before its last file is in,
/// so it replays the accounts it touched. Here each account arrives with all
/// of its entries, so its position is computed once in memory by the same
/// pure function (`Ledger.position`) and the rows go in with their cached
/// figures already right: no replay, no row rewritten, and the queue's index
/// is built once at the end.
///
/// The rows are trusted (generated, not read from a file): nothing is
/// validated beyond what the schema enforces, and the identities must be new.
/// Everything else is as an import leaves it: one import batch per kind
/// (accounts, charges, payments, adjustments) whose entries hash `tagih check`
/// recomputes, an audit row per batch, the phone and name search, the newest
/// entry day. It all commits in one transaction.
///
/// (`@unchecked Sendable`: `add` and what it mutates belong to the body's
/// thread, the statements to the database's; they meet only in `handoff`.)
public final class LedgerLoader: @unchecked Sendable {
    public struct Account: Sendable {
        public var accountNo, name: String
        public var phone, email, address: String?
        public var timezone: String
        public var segment, collector: String?
        public init(accountNo: String, name: String, phone: String?, email: String?, address: String?,
                    timezone: String, segment: String?, collector: String?) {
            self.accountNo = accountNo; self.name = name; self.phone = phone; self.email = email
            self.address = address; self.timezone = timezone; self.segment = segment; self.collector = collector
        }
    }

    /// An invoice (charges file) or a `debit` adjustment.
    public struct NewCharge: Sendable {
        public var kind: Charge.Kind
        public var ref: String
        public var issue, due: Day
        public var amount: Money
        /// The description, or a debit's reason.
        public var description: String?
        public init(kind: Charge.Kind, ref: String, issue: Day, due: Day, amount: Money, description: String?) {
            self.kind = kind; self.ref = ref; self.issue = issue; self.due = due; self.amount = amount; self.description = description
        }

        /// The batch it goes in: the file it would have come in.
        var batch: ImportKind { kind == .invoice ? .charges : .adjustments }
    }

    /// A payment, or a `credit`/`writeoff` adjustment (channel "").
    public struct NewCredit: Sendable {
        public var kind: Credit.Kind
        public var channel: String
        public var ref: String
        public var date: Day
        public var amount: Money
        /// The charge its `invoice_ref` names: an index into the account's charges.
        public var target: Int?
        /// An adjustment's reason.
        public var note: String?
        public init(kind: Credit.Kind, channel: String, ref: String, date: Day, amount: Money, target: Int?, note: String?) {
            self.kind = kind; self.channel = channel; self.ref = ref; self.date = date; self.amount = amount
            self.target = target; self.note = note
        }

        /// The batch it goes in: the file it would have come in.
        var batch: ImportKind { kind == .payment ? .payments : .adjustments }
    }

    /// A `reversal` adjustment of one of the account's payments.
    public struct NewReversal: Sendable {
        public var ref: String
        public var date: Day
        /// The payment it reverses: an index into the account's credits.
        public var credit: Int
        public var reason: String?
        public init(ref: String, date: Day, credit: Int, reason: String?) {
            self.ref = ref; self.date = date; self.credit = credit; self.reason = reason
        }
    }

    /// What was written, per batch kind.
    public private(set) var counts: [ImportKind: Int] = [:]

    /// The indexes whose keys arrive in no useful order (the queue's, by
    /// collector and oldest due date): built once at the end instead. The
    /// others grow at their end, or at a few places, as accounts go in.
    static let deferredIndexes = ["accounts_queue"]

    /// One account ready to insert: its ids assigned, its cache computed.
    struct Ready {
        var id: Int64
        var account: Account
        var cached: LedgerCache.Cached
        var charges: [NewCharge]
        var open: [Int64]
        var firstCharge: Int64
        var credits: [NewCredit]
        var firstCredit: Int64
        var reversals: [NewReversal]
        var firstReversal: Int64
    }

    private let source: String
    private var batches: [ImportKind: Int64] = [:]
    private var hashers: [ImportKind: EntryHasher] = [:]
    private var phones: PhoneIndex
    private let names: NameIndex
    private var nextAccountID, nextChargeID, nextCreditID, nextReversalID: Int64
    /// The first id this load gives an account: those from it on are sealed at the end.
    private let firstAccountID: Int64
    private var maxDay = Int64.min
    private let insertAccount, insertCharge, insertCredit, insertReversal: Prepared
    /// Accounts computed by `add` (the generator's thread) and inserted by
    /// the database's thread: generating and computing take about as long
    /// as SQLite's inserts, and the two run side by side.
    private let handoff = Handoff<Ready>()
    private var chunk: [Ready] = []
    private static let chunkSize = 512

    /// Loads the accounts `body` adds in one transaction as `session`; `source`
    /// names the batches (their `file_name` is `source-KIND`). `body` runs on
    /// a thread of its own while this one inserts what it adds.
    public static func load(_ database: AppDatabase, source: String, session: Session,
                            _ body: @escaping (LedgerLoader) throws -> Void) throws -> [ImportKind: Int] {
        try database.writer.writeWithoutTransaction { db in
            // Every reference is made here from the ids just assigned, as import does.
            var counts: [ImportKind: Int] = [:]
            try db.inTrustedTransaction {
                try db.withoutIndexes(deferredIndexes) {
                    let loader = try LedgerLoader(db, source: source, session: session)
                    let producer = Worker {
                        do {
                            try body(loader)
                            try loader.handOver()
                            loader.handoff.finish()
                        } catch {
                            loader.handoff.finish(error)
                        }
                    }
                    do {
                        while let ready = try loader.handoff.take() {
                            for r in ready { try loader.insert(r) }
                        }
                    } catch {
                        loader.handoff.cancel()
                        producer.join()
                        throw error
                    }
                    producer.join()
                    try loader.finish(db, session: session)
                    counts = loader.counts
                }
                return .commit
            }
            return counts
        }
    }

    /// The consumer stopped (an insert failed): the producer stops too.
    struct Stopped: Error {}

    private init(_ db: Database, source: String, session: Session) throws {
        self.source = source
        func next(_ table: String) throws -> Int64 { (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM \(table)")) ?? 1 }
        nextAccountID = try next("accounts")
        firstAccountID = nextAccountID
        nextChargeID = try next("charges")
        nextCreditID = try next("credits")
        nextReversalID = try next("reversals")
        phones = try PhoneIndex(db)
        names = try NameIndex(db)
        insertAccount = try Prepared(db, """
            INSERT INTO accounts(id, account_no, name, phone, email, address, timezone, segment, collector,
                                 open_total, unapplied, oldest_due, credit_count)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertCharge = try Prepared(db, """
            INSERT INTO charges(id, account_id, source, ref, issue_date, due_date, amount, description, batch_id, open_amount)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertCredit = try Prepared(db, """
            INSERT INTO credits(id, account_id, source, channel, ref, date, amount, charge_id, note, batch_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertReversal = try Prepared(db, """
            INSERT INTO reversals(id, account_id, ref, date, credit_id, reason, batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        // A content hash unique to this load, so the batches never collide with a file's.
        let stamp = SHA256.hash(data: Data("\(source) \(AuditTrail.timestamp(session.now)) \(nextAccountID)".utf8)).hex
        for kind in ImportKind.allCases {
            batches[kind] = try Importer.openBatch(db, kind: kind, path: "\(source)-\(kind.rawValue)", hash: stamp, session: session)
            hashers[kind] = EntryHasher()
        }
    }

    /// Adds one new account with all of its entries: assigns their ids,
    /// computes the account's cache from them and hashes them into their
    /// batches, then queues the rows for insertion. Called from `load`'s body.
    public func add(_ account: Account, charges: [NewCharge], credits: [NewCredit], reversals: [NewReversal]) throws {
        let accountID = nextAccountID
        nextAccountID += 1
        let firstCharge = nextChargeID, firstCredit = nextCreditID, firstReversal = nextReversalID
        nextChargeID += Int64(charges.count)
        nextCreditID += Int64(credits.count)
        nextReversalID += Int64(reversals.count)

        // The position after every entry, and the cache it gives, as `LedgerCache` would replay it.
        var reversedOn = [Day?](repeating: nil, count: credits.count)
        for r in reversals { reversedOn[r.credit] = r.date }
        let ledgerCharges = charges.enumerated().map { i, c in
            Charge(id: firstCharge + Int64(i), kind: c.kind, ref: c.ref, issueDate: c.issue, dueDate: c.due, amount: c.amount)
        }
        let ledgerCredits = credits.enumerated().map { i, c in
            Credit(id: firstCredit + Int64(i), kind: c.kind, date: c.date, amount: c.amount,
                   targetChargeID: c.target.map { firstCharge + Int64($0) }, reversedOn: reversedOn[i])
        }
        let p = try checkedMoney("account \(account.accountNo) balance") { () throws(MoneyError) in
            try Ledger.position(charges: ledgerCharges, credits: ledgerCredits, asOf: .end)
        }
        var open = charges.map(\.amount.minor)
        for a in p.allocation { open[Int(a.chargeID - firstCharge)] = a.open.minor }

        // The rows' fingerprints, in id order per batch as `check` rehashes them.
        phones.add(account: accountID, phone: account.phone)
        counts[.accounts, default: 0] += 1
        for (i, c) in charges.enumerated() {
            hashers[c.batch]!.charge(id: firstCharge + Int64(i), accountID: accountID, source: c.kind.rawValue, ref: c.ref,
                                     issue: Int64(c.issue.ordinal), due: Int64(c.due.ordinal), amount: c.amount.minor, description: c.description)
            note(c.batch, day: c.issue)
        }
        for (i, c) in credits.enumerated() {
            hashers[c.batch]!.credit(id: firstCredit + Int64(i), accountID: accountID, source: c.kind.rawValue, channel: c.channel, ref: c.ref,
                                     date: Int64(c.date.ordinal), amount: c.amount.minor, chargeID: c.target.map { firstCharge + Int64($0) },
                                     note: c.note)
            note(c.batch, day: c.date)
        }
        for (i, r) in reversals.enumerated() {
            hashers[.adjustments]!.reversal(id: firstReversal + Int64(i), accountID: accountID, ref: r.ref, date: Int64(r.date.ordinal),
                                            creditID: firstCredit + Int64(r.credit), reason: r.reason)
            note(.adjustments, day: r.date)
        }

        chunk.append(Ready(id: accountID, account: account, cached: LedgerCache.Cached(p, credits: credits.count), charges: charges, open: open, firstCharge: firstCharge, credits: credits, firstCredit: firstCredit,
                           reversals: reversals, firstReversal: firstReversal))
        if chunk.count >= Self.chunkSize { try handOver() }
    }

    private func handOver() throws {
        guard !chunk.isEmpty else { return }
        guard handoff.put(chunk) else { throw Stopped() }
        chunk.removeAll(keepingCapacity: true)
    }

    private func note(_ kind: ImportKind, day: Day) {
        counts[kind, default: 0] += 1
        maxDay = max(maxDay, Int64(day.ordinal))
    }

    /// Writes one account's rows (on the database's thread).
    private func insert(_ r: Ready) throws {
        let a = r.account, cached = r.cached
        try insertAccount.bind(.int(r.id), .text(a.accountNo), .text(a.name), .opt(a.phone), .opt(a.email), .opt(a.address),
                               .text(a.timezone), .opt(a.segment), .opt(a.collector), .int(cached.open), .int(cached.unapplied),
                               .opt(cached.oldestDue), .int(cached.credits)).run()
        for (i, c) in r.charges.enumerated() {
            try insertCharge.bind(.int(r.firstCharge + Int64(i)), .int(r.id), .text(c.kind.rawValue), .text(c.ref), .int(Int64(c.issue.ordinal)),
                                  .int(Int64(c.due.ordinal)), .int(c.amount.minor), .opt(c.description), .int(batches[c.batch]!), .int(r.open[i])).run()
        }
        for (i, c) in r.credits.enumerated() {
            try insertCredit.bind(.int(r.firstCredit + Int64(i)), .int(r.id), .text(c.kind.rawValue), .text(c.channel), .text(c.ref),
                                  .int(Int64(c.date.ordinal)), .int(c.amount.minor), .opt(c.target.map { r.firstCharge + Int64($0) }),
                                  .opt(c.note), .int(batches[c.batch]!)).run()
        }
        for (i, v) in r.reversals.enumerated() {
            try insertReversal.bind(.int(r.firstReversal + Int64(i)), .int(r.id), .text(v.ref), .int(Int64(v.date.ordinal)),
                                    .int(r.firstCredit + Int64(v.credit)), .opt(v.reason), .int(batches[.adjustments]!)).run()
        }
    }

    /// The search indexes, the newest entry day and the batches' totals and
    /// hashes, once every account is in.
    private func finish(_ db: Database, session: Session) throws {
        try phones.flush()
        try names.finish(db)
        if maxDay > Int64.min { try db.noteEntryDay(maxDay) }
        try BookTotals.recompute(db)
        for kind in ImportKind.allCases {
            var summary = ImportSummary(kind: kind, file: "\(source)-\(kind.rawValue)")
            summary.rowsRead = counts[kind] ?? 0
            summary.posted = summary.rowsRead
            try Importer.closeBatch(db, batchID: batches[kind]!, summary: summary, entriesHash: hashers[kind]!.finalize(),
                                    newAccountsAfter: kind == .accounts ? firstAccountID - 1 : nil, session: session)
        }
    }
}
