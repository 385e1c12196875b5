import Foundation
import GRDB
import TagihCore

/// What `tagih reconcile` prints: the channel, the period, the statement and the matching.
public struct ReconcileReport: Sendable {
    public var channel: String
    public var from: Day
    public var to: Day
    public var statement: String
    public var result: Reconciliation.Result
}

/// `tagih reconcile` (CONTRACT §11, R3: leads and admins): reads the
/// payments posted for a channel in a period and the channel's settlement
/// statement, and matches them (the matching is Core's).
public struct Reconciler: Sendable {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    public func run(channel: String, statement path: String, from: Day, to: Day, profile: ChannelProfile?,
                    session: Session) throws -> ReconcileReport {
        try StoreError.require(.reconcile, session)
        let settled = try Self.statement(path, profile: profile, currency: database.settings.currency,
                                         limits: database.settings.rules.importLimits)
        // Ordered by id: the same order on both backends.
        let posted = try database.read { db in
            try db.rows("""
                SELECT a.account_no, c.ref, c.date, c.amount FROM credits c JOIN accounts a ON a.id = c.account_id
                WHERE c.source = 'payment' AND c.channel = ?1 AND c.date BETWEEN ?2 AND ?3
                  AND NOT EXISTS (SELECT 1 FROM reversals r WHERE r.credit_id = c.id AND r.date <= ?3)
                ORDER BY c.id
                """, [.text(channel), .int(Int64(from.ordinal)), .int(Int64(to.ordinal))]).map { row in
                Reconciliation.Posted(ref: row.string("ref"), accountNo: row.string("account_no"),
                                      date: Day(ordinal: Int32(row.int("date") ?? 0)), amount: Money(minor: row.int("amount") ?? 0))
            }
        }
        do {
            let result = try Reconciliation.match(posted: posted, settled: settled.filter { (from...to).contains($0.date) })
            return ReconcileReport(channel: channel, from: from, to: to, statement: path, result: result)
        } catch .overflow {
            throw StoreError(ReconcileProblem.totalsOverflow)
        } catch .repeatedRef(let ref) {
            throw StoreError(ReconcileProblem.repeatedRef(path: path, ref: ref))
        }
    }

    /// The channels the ledger's payments came through, in byte order (the
    /// workstation's Reconciliation tab offers them). Read from the
    /// `credits_ref` index (source, channel, ref): no table row is touched.
    public func channels() throws -> [String] {
        try database.read { db in
            try db.rows("SELECT DISTINCT channel FROM credits WHERE source = 'payment' AND channel <> '' ORDER BY channel").map { $0.string("channel") }
        }
    }

    /// A payment reversed by the end of the period is not posted: the
    /// ledger no longer counts it, so a settlement of it shows as
    /// `settled_not_posted` (money received for nothing the ledger holds).
    ///
    /// The statement's lines: with a profile, its layout (its `paid_on`
    /// column is the date, `fee` optional); else section 3's own CSV with
    /// the header `date,ref,amount,fee` (any order, fee optional). A line
    /// that cannot be read refuses the whole statement with its line: a
    /// reconciliation that silently skipped a line would be wrong.
    static func statement(_ path: String, profile: ChannelProfile?, currency: Currency, limits: ImportLimits) throws -> [Reconciliation.Settled] {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { throw StoreError(ReconcileProblem.notAFile(path: path)) }
        let reader = try CSVReader(path: path, maxFieldBytes: limits.largest)
        if let profile { reader.skipLines(profile.skipLines) }
        reader.delimiter = profile?.delimiter ?? reader.detectDelimiter()
        guard let header = reader.next() else { throw StoreError(ReconcileProblem.empty(path: path)) }
        if let problem = header.problem { throw StoreError(ReconcileProblem.headerUnreadable(path: path, line: header.line, why: problem)) }
        var index: [String: Int] = [:]
        for i in 0..<header.fieldCount {
            let text = String(decoding: header.field(i), as: UTF8.self).trimmingASCIISpace()
            let field = profile.map { $0.field(forHeader: text).map { $0 == "paid_on" ? "date" : $0 } } ?? text.lowercased()
            if let field, ["date", "ref", "amount", "fee"].contains(field), index[field] == nil { index[field] = i }
        }
        let missing = ["date", "ref", "amount"].filter { index[$0] == nil }
        guard missing.isEmpty else {
            let names = missing.map { f in profile.map { "\(TextField.quoted($0.columns[f == "date" ? "paid_on" : f] ?? f)) (\(f))" } ?? f }
            throw StoreError(ReconcileProblem.headerLacks(path: path, line: header.line, missing: names))
        }
        var out: [Reconciliation.Settled] = []
        var record = CSVRecord()
        while reader.next(into: &record) {
            func bad(_ field: String?, _ why: ReconcileProblem.Fault) -> StoreError {
                StoreError(ReconcileProblem.badLine(path: path, line: record.line, field: field, why))
            }
            if let problem = record.problem { throw bad(nil, .unreadable(problem)) }
            if record.longField != nil { throw bad(nil, .fieldTooLong(bytes: limits.largest)) }
            guard record.fieldCount == header.fieldCount else {
                throw bad(nil, .columnCount(got: record.fieldCount, header: header.fieldCount))
            }
            func value(_ f: String) throws -> String? {
                guard let i = index[f] else { return nil }
                guard let v = String(validating: record.field(i), as: UTF8.self) else { throw bad(f, .invalidUTF8) }
                let t = v.trimmingASCIISpace()
                if let u = TextField.firstRefused(in: t) { throw bad(nil, .controlCharacter(name: f, code: TextField.code(u))) }
                return t.isEmpty ? nil : t
            }
            guard let ref = try value("ref") else { throw bad("ref", .missing) }
            guard let dateText = try value("date") else { throw bad("date", .missing) }
            guard let date = profile.day(dateText) else {
                throw bad("date", .badDate(dateText, layout: profile.dateLayout))
            }
            func money(_ f: String) throws -> Money {
                guard let text = try value(f) else { if f == "fee" { return .zero }; throw bad(f, .missing) }
                do {
                    return try profile.amount(text, currency: currency)
                } catch {
                    // R9: beyond Int64 is a bad amount, said so.
                    throw bad(f, .badAmount(text, overflow: error == .overflow))
                }
            }
            out.append(Reconciliation.Settled(ref: ref, date: date, amount: try money("amount"), fee: try money("fee")))
        }
        return out
    }
}
