import Foundation
import TagihCore

/// `tagih remind results FILE` (CONTRACT §10): a gateway's
/// `message_id,status,at` rows (`delivered`, `read`, `failed`), recorded on
/// each message. Like an import, the file is all or nothing: a bad row
/// refuses it with one sentence naming the file, the line and the field,
/// and nothing is recorded. A result already recorded is not recorded twice.
public struct MessageResults: Sendable {
    public let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    public struct Summary: Sendable, Equatable {
        public var rows = 0
        public var recorded = 0
        public var duplicates = 0
    }

    static let statuses: Set<String> = ["delivered", "read", "failed"]

    public func record(file: String, session: Session) throws -> Summary {
        try StoreError.require(.recordMessages, session)
        let shown = TextField.visible(file)
        guard let reader = try? CSVReader(path: file) else { throw StoreError(.resultsUnreadable(file: shown)) }
        var rows: [(line: Int, id: Int64, status: String, at: String)] = []
        var columns: [String: Int] = [:]
        func text(_ r: CSVRecord, _ i: Int) -> String? { String(validating: r.field(i), as: UTF8.self) }
        guard let header = reader.next() else { throw StoreError(.emptyResults(file: shown)) }
        for i in 0..<header.fieldCount {
            if let name = text(header, i)?.lowercased().trimmingCharacters(in: .whitespaces) { columns[name] = i }
        }
        for name in ["message_id", "status", "at"] where columns[name] == nil {
            throw StoreError(.missingColumn(file: shown, column: name))
        }
        while let r = reader.next() {
            if r.fieldCount == 1 && r.field(0).isEmpty { continue }  // a blank line
            func field(_ name: String) throws -> String {
                let i = columns[name]!
                if let p = r.problem { throw StoreError(.resultRowUnreadable(file: shown, line: r.line, why: p)) }
                // Its bytes were skipped, not kept: it would read as empty.
                if r.longField == i {
                    throw StoreError(.resultField(file: shown, line: r.line, field: name, value: nil, problem: .tooLong(bytes: reader.maxFieldBytes)))
                }
                guard i < r.fieldCount else { throw StoreError(.resultField(file: shown, line: r.line, field: name, value: nil, problem: .missing)) }
                guard let v = text(r, i) else { throw StoreError(.resultField(file: shown, line: r.line, field: name, value: nil, problem: .notUTF8)) }
                if let u = TextField.firstRefused(in: v) {
                    throw StoreError(.resultControlCharacter(file: shown, line: r.line, field: name, code: TextField.code(u)))
                }
                guard !v.isEmpty else { throw StoreError(.resultField(file: shown, line: r.line, field: name, value: nil, problem: .missing)) }
                return v
            }
            let idText = try field("message_id")
            guard let id = Int64(idText), id > 0 else {
                throw StoreError(.resultField(file: shown, line: r.line, field: "message_id", value: TextField.visible(idText), problem: .notAMessageID))
            }
            let status = try field("status").lowercased()
            guard Self.statuses.contains(status) else {
                throw StoreError(.resultField(file: shown, line: r.line, field: "status", value: TextField.visible(status), problem: .notAStatus))
            }
            let at = try field("at")
            guard Self.timestamp(at) else {
                throw StoreError(.resultField(file: shown, line: r.line, field: "at", value: TextField.visible(at), problem: .notATime))
            }
            rows.append((r.line, id, status, at))
        }
        // Set-based, the same statements on both backends: the rows go into a
        // temporary table (hundreds to a statement on a server), then one
        // look-up finds the first row naming no message, and one INSERT …
        // SELECT records each result not recorded before — once, at its first
        // line, numbered in the file's order from the table's highest id
        // (R21: as SQLite's rowid numbered them one by one). A row already
        // recorded is a duplicate; one a concurrent writer records in the
        // meantime makes the server run the transaction again.
        return try database.write { db in
            var s = Summary()
            s.rows = rows.count
            try db.execute("CREATE TEMP TABLE remind_results (line BIGINT, message_id BIGINT, status TEXT, at TEXT)", [])
            let batch = RowBatch(db, columns: 4, [("INSERT INTO remind_results(line, message_id, status, at) ", "")])
            for row in rows {
                batch.add(.int(Int64(row.line)), .int(row.id), .text(row.status), .text(row.at))
                if batch.isFull { try batch.flush() }
            }
            try batch.flush()
            if let missing = try db.row("""
                SELECT r.line, r.message_id FROM remind_results r WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = r.message_id)
                ORDER BY r.line LIMIT 1
                """) {
                throw StoreError(.noSuchMessage(file: shown, line: Int(missing[0].int ?? 0), id: missing[1].int ?? 0))
            }
            let base = try db.int("SELECT coalesce(max(id), 0) FROM message_results") ?? 0
            s.recorded = try db.execute("""
                INSERT INTO message_results(id, message_id, status, at)
                SELECT ? + row_number() OVER (ORDER BY f.line), f.message_id, f.status, f.at
                FROM (SELECT min(line) AS line, message_id, status, at FROM remind_results GROUP BY message_id, status, at) AS f
                WHERE NOT EXISTS (SELECT 1 FROM message_results x WHERE x.message_id = f.message_id AND x.status = f.status AND x.at = f.at)
                ORDER BY f.line
                ON CONFLICT (message_id, status, at) DO NOTHING
                """, [.int(base)])
            s.duplicates = s.rows - s.recorded
            try db.execute("DROP TABLE remind_results", [])
            if s.recorded > 0 {
                try db.execute(db.dialect.sealAdded(table: SealedTable.messageResults.rawValue, where: "id > ?"), [.int(base)])
                try AuditTrail.append(db, session: session, action: "remind.results", subject: file,
                                      detail: "\(s.recorded) recorded, \(s.duplicates) already recorded")
            }
            return s
        }
    }

    /// Whether `text` is an ISO 8601 moment with its offset (`Z` or `±hh:mm`).
    static func timestamp(_ text: String) -> Bool {
        let f = ISO8601DateFormatter()
        if f.date(from: text) != nil { return true }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: text) != nil
    }

    /// A message's latest delivery status, if any.
    public func status(messageID: Int64) throws -> String? {
        try database.read { db in
            try db.text("SELECT status FROM message_results WHERE message_id = ? ORDER BY id DESC LIMIT 1", [.int(messageID)])
        }
    }
}
