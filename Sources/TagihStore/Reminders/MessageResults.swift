import Foundation
import GRDB
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
        return try database.writer.write { db in
            var s = Summary()
            let base = try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) FROM message_results") ?? 0
            for row in rows {
                s.rows += 1
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM messages WHERE id = ?", arguments: [row.id]) ?? false else {
                    throw StoreError(.noSuchMessage(file: shown, line: row.line, id: row.id))
                }
                try db.execute(sql: "INSERT INTO message_results(message_id, status, at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                               arguments: [row.id, row.status, row.at])
                if db.changesCount > 0 { s.recorded += 1 } else { s.duplicates += 1 }
            }
            if s.recorded > 0 {
                try TableSeals.sealAdded(db, .messageResults, where: "id > ?", arguments: [base])
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
        try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT status FROM message_results WHERE message_id = ? ORDER BY id DESC LIMIT 1", arguments: [messageID])
        }
    }
}
