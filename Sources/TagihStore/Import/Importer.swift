import Crypto
import Foundation
import GRDB
import TagihCore

public struct ImportOptions: Sendable {
    public var dryRun = false
    /// Forced delimiter; detected from the header when nil.
    public var delimiter: UInt8?
    /// A channel file profile (payments only, CONTRACT §11): its preamble,
    /// delimiter, header names, date and amount formats and channel.
    public var profile: ChannelProfile?
    /// The fewest rows that make a ledger file a bulk load (see `RowPoster`);
    /// tests lower it to exercise that path on small files.
    var bulkMinimum = 50_000
    public init(dryRun: Bool = false, delimiter: UInt8? = nil, profile: ChannelProfile? = nil) {
        self.dryRun = dryRun
        self.delimiter = delimiter
        self.profile = profile
    }
}

/// Loads one billing file (CONTRACT §3).
///
/// The file is read twice, both times streaming: once to hash it (a file
/// imported before posts nothing), then to validate and post. Accepted rows,
/// the cache refresh, the batch record and its audit row commit in a single
/// transaction, so a kill at any moment leaves all of the file or none of it;
/// `--dry-run` runs the very same path and rolls back.
public struct Importer {
    let database: AppDatabase
    /// Thrown to end the transaction without writing (already imported,
    /// refused whole, a dry run): the summary says which.
    private struct RollBack: Error {}
    public init(_ database: AppDatabase) { self.database = database }

    /// How many rejected rows go to standard error (all go to the rejects file).
    static let sampleSize = 10

    public func run(_ kind: ImportKind, path: String, options: ImportOptions = .init(), session: Session) throws -> ImportSummary {
        try StoreError.require(.importFiles, session)
        try session.requireRealClock()
        var summary = ImportSummary(kind: kind, file: path)
        summary.dryRun = options.dryRun
        // A regular file only: a FIFO or a device would hang the read (and
        // the ledger's write lock) or never end; a folder is no file.
        var st = stat()
        guard stat(path, &st) == 0 else { throw StoreError("cannot read \(path): no such file") }
        guard st.st_mode & S_IFMT == S_IFREG else {
            throw StoreError("cannot read \(path): it is not a regular file (a folder, FIFO, device or socket)")
        }
        let fileHash = try Self.hashFile(path)

        let limits = database.settings.rules.importLimits
        // The header is read (and a bad one refused) before the ledger is
        // opened for writing; each run of the transaction reads the rows anew.
        func openFile() throws -> (reader: CSVReader, columns: ColumnMap, headerEnd: Int) {
            let reader = try CSVReader(path: path, maxFieldBytes: limits.largest)
            if let profile = options.profile {
                guard kind == .payments else { throw StoreError("a channel profile reads payments files only, not \(kind.rawValue)", exitCode: 2) }
                reader.skipLines(profile.skipLines)
            }
            reader.delimiter = options.delimiter ?? options.profile?.delimiter ?? reader.detectDelimiter()
            guard let header = reader.next() else {
                if let p = options.profile, p.skipLines > 0 {
                    throw StoreError("\(path) refused: no header line after the \(p.skipLines) lines profile \(p.name) skips")
                }
                throw StoreError("\(path) refused: the file is empty (no header line)")
            }
            let columns = try Self.columns(kind, header: header, path: path, limits: limits, profile: options.profile)
            return (reader, columns, reader.offset)
        }
        var opened: (reader: CSVReader, columns: ColumnMap, headerEnd: Int)? = try openFile()

        var rejects = RejectsWriter(inputPath: path)
        let started = summary
        do {
            // The poster validates every reference itself, so SQLite need not
            // look each one up again on insert (`writeTrusted`). On a server
            // a serialization failure runs this whole body again: it starts
            // from a fresh summary, rejects file and reading of the file.
            try database.writeTrusted { db in
                summary = started
                rejects.discard()
                rejects = RejectsWriter(inputPath: path)
                let file = try opened ?? openFile()
                opened = nil
                let reader = file.reader, columns = file.columns
                if try db.int("SELECT count(*) FROM import_batches WHERE kind = ? AND file_hash = ?", [.text(kind.rawValue), .text(fileHash)]) ?? 0 > 0 {
                    summary.alreadyImported = true
                    throw RollBack()
                }
                let batchID = try Self.openBatch(db, kind: kind, path: path, hash: fileHash, session: session)
                let poster = try RowPoster(db: db, kind: kind, batchID: batchID, settings: database.settings,
                                           bulkMinimum: options.bulkMinimum)
                /// Posts one row (or rejects it), in file order either way.
                func take(_ values: Result<RowValues, RowError>, line: Int, raw: [UInt8]) throws {
                    do {
                        switch try poster.post(values.get()) {
                        case .posted: summary.posted += 1
                        case .duplicate: summary.duplicates += 1
                        }
                    } catch let e as RowError {
                        summary.rejected += 1
                        try rejects.add(line: line, reason: e.text, raw: raw)
                        if summary.sampleRejects.count < Self.sampleSize { summary.sampleRejects.append((line, e.text)) }
                    }
                }
                let currency = database.settings.currency
                var record = CSVRecord()
                let chunkRows = poster.chunkRows
                if chunkRows == 1 {
                    while reader.next(into: &record) {
                        summary.rowsRead += 1
                        try take(Result { () throws(RowError) in try RowValues(record: record, columns: columns, currency: currency) },
                                 line: record.line, raw: record.raw)
                    }
                } else {
                    // On a server: a chunk's rows are parsed, then looked up
                    // together, then posted in order (`RowPosterChunks`); a
                    // chunk's inserts are written while the next is posted,
                    // the last ones by `endChunk`.
                    var chunk: [(values: Result<RowValues, RowError>, line: Int, raw: [UInt8])] = []
                    chunk.reserveCapacity(chunkRows)
                    func postChunk() throws {
                        try poster.beginChunk(chunk.compactMap { try? $0.values.get() })
                        for row in chunk { try take(row.values, line: row.line, raw: row.raw) }
                        chunk.removeAll(keepingCapacity: true)
                    }
                    while reader.next(into: &record) {
                        summary.rowsRead += 1
                        chunk.append((Result { () throws(RowError) in try RowValues(record: record, columns: columns, currency: currency) },
                                      record.line, record.raw))
                        if chunk.count == chunkRows { try postChunk() }
                    }
                    if !chunk.isEmpty { try postChunk() }
                    try poster.endChunk()
                }
                if summary.rowsRead == 0, try Self.hasContent(path, after: file.headerEnd) {
                    // Bytes after the header that gave no row were read wrong:
                    // never report such a file as posted (issue 15).
                    throw StoreError("no row could be read after the header of \(path) (its line ends or quoting are not CSV Tagih reads)")
                }
                if database.settings.refuses(rejected: summary.rejected, of: summary.rowsRead) {
                    summary.refused = true
                    throw RollBack()
                }
                // A dry run refreshes the cache too (then rolls back), so a
                // file whose totals would overflow is reported as refused.
                try poster.finish()
                summary.bulkLoad = poster.isBulkLoad
                try Self.closeBatch(db, batchID: batchID, summary: summary, entriesHash: poster.entriesHash, newAccountsAfter: kind == .accounts ? poster.sealedThrough : nil,
                                    session: session)
                if !options.dryRun && (kind == .payments || kind == .adjustments) {
                    // A payment or a reversal can complete a plan or undo a completion:
                    // its discount moves in this same transaction (CONTRACT §8).
                    try PlanBook.reconcileDiscounts(db, accounts: poster.touched, settings: database.settings, session: session)
                }
                summary.batchID = batchID
                if options.dryRun { throw RollBack() }
            }
        } catch is RollBack {
            // Nothing written: already imported, refused whole, or a dry run.
        } catch {
            rejects.discard()
            if let e = error as? StoreError {
                throw StoreError("importing \(path) failed, nothing posted: \(e.description)", exitCode: e.exitCode)
            }
            // SQLite's failure (busy, full, read-only) as the one mapping says it, never its raw text.
            if let e = error as? DatabaseError, let mapped = StoreError.ledger(e, path: database.path) {
                throw StoreError("importing \(path) failed, nothing posted: \(mapped.description)")
            }
            if let e = error as? PrivateFileError { throw StoreError("importing \(path) failed, nothing posted: \(e.description)") }
            throw error
        }
        if !summary.alreadyImported {
            // Puts the rejects file in place, or removes a stale one from an
            // earlier run. The rows are in the ledger by now: say so.
            do { try rejects.finish() } catch {
                throw StoreError("\(path): \(summary.posted) rows posted, but its rejects file could not be written: \(error.description)")
            }
            if summary.rejected > 0 { summary.rejectsPath = rejects.finalPath }
        }
        if options.dryRun { summary.batchID = nil }
        return summary
    }

    /// SHA-256 of the file's bytes, streamed.
    static func hashFile(_ path: String) throws -> String {
        guard let h = FileHandle(forReadingAtPath: path) else { throw StoreError("cannot read \(path)") }
        defer { try? h.close() }
        var hasher = SHA256()
        while true {
            let data = h.readData(ofLength: CSVReader.chunk)
            if data.isEmpty { break }
            hasher.update(data: data)
        }
        return hasher.finalize().hex
    }

    /// Maps header positions to known column names; refuses a header that
    /// lacks or repeats a required column.
    /// Whether the file holds anything but line ends after `offset`: read
    /// only for a file that gave no row, as a check on the reader itself.
    static func hasContent(_ path: String, after offset: Int) throws -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { throw StoreError("cannot read \(path)") }
        defer { try? h.close() }
        try h.seek(toOffset: UInt64(offset))
        while true {
            let data = h.readData(ofLength: CSVReader.chunk)
            if data.isEmpty { return false }
            if data.contains(where: { $0 != 0x0A && $0 != 0x0D }) { return true }
        }
    }

    /// With a profile, the header is the bank's: its names map to the
    /// contract's fields, and the channel is the profile's, never a column.
    static func columns(_ kind: ImportKind, header: CSVRecord, path: String, limits: ImportLimits = .standard,
                        profile: ChannelProfile? = nil) throws -> ColumnMap {
        if let problem = header.problem { throw StoreError("\(path) refused: line \(header.line): the header cannot be read (\(problem))") }
        if let i = header.longField {
            throw StoreError("\(path) refused: line \(header.line): the header's column \(i + 1) is longer than \(limits.largest) bytes")
        }
        let known = Set(kind.required + kind.optional)
        var seen: Set<String> = []
        var out: [String?] = []
        var labels: [String] = []
        for i in 0..<header.fieldCount {
            guard let text = String(validating: header.field(i), as: UTF8.self) else {
                throw StoreError("\(path) refused: line \(header.line): the header is not valid UTF-8")
            }
            let trimmed = text.trimmingASCIISpace()
            let name = profile.map { $0.field(forHeader: trimmed) ?? "" } ?? trimmed.lowercased()
            // Labels name columns in messages on a terminal: no control characters.
            // Cut and escaped: a label names a column in every reject message.
            labels.append(trimmed.isEmpty ? "column \(i + 1)" : TextField.quoted(profile == nil ? name : trimmed))
            if known.contains(name) {
                if !seen.insert(name).inserted { throw StoreError("\(path) refused: line \(header.line): the header repeats column \(name)") }
                out.append(name)
            } else {
                out.append(nil)
            }
        }
        let missing = kind.required.filter { !seen.contains($0) && !(profile != nil && $0 == "channel") }
        if let profile, !missing.isEmpty {
            let names = missing.map { "\(TextField.quoted(profile.columns[$0] ?? $0)) (\($0))" }
            throw StoreError("\(path) refused: line \(header.line): the header lacks column\(missing.count > 1 ? "s" : "") \(names.joined(separator: ", ")) of profile \(profile.name)")
        }
        if !missing.isEmpty {
            throw StoreError("\(path) refused: line \(header.line): the header lacks required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) for \(kind.rawValue)")
        }
        var map = ColumnMap(names: out, labels: labels, limits: limits)
        map.profile = profile
        return map
    }

    static func openBatch(_ db: Database, kind: ImportKind, path: String, hash: String, session: Session) throws -> Int64 {
        try openBatch(SQLiteSQL(db), kind: kind, path: path, hash: hash, session: session)
    }

    static func openBatch(_ db: any LedgerSQL, kind: ImportKind, path: String, hash: String, session: Session) throws -> Int64 {
        let id = try db.nextID(in: "import_batches")
        try db.execute("""
            INSERT INTO import_batches(id, kind, file_name, file_hash, rows_read, posted, duplicates, rejected, entries_hash, imported_by, imported_at, business_day)
            VALUES (?, ?, ?, ?, 0, 0, 0, 0, '', ?, ?, ?)
            """, id, kind.rawValue, (path as NSString).lastPathComponent, hash, session.user.login,
                           AuditTrail.timestamp(session.recordedAt), Int64(session.today.ordinal))
        return id
    }

    /// Closes a batch with its audit row. `newAccountsAfter`: for an accounts
    /// batch, the highest account id before it (the accounts it added are sealed).
    static func closeBatch(_ db: Database, batchID: Int64, summary: ImportSummary, entriesHash: String, newAccountsAfter: Int64? = nil,
                           session: Session) throws {
        try closeBatch(SQLiteSQL(db), batchID: batchID, summary: summary, entriesHash: entriesHash, newAccountsAfter: newAccountsAfter,
                       session: session)
    }

    static func closeBatch(_ db: any LedgerSQL, batchID: Int64, summary: ImportSummary, entriesHash: String, newAccountsAfter: Int64? = nil,
                           session: Session) throws {
        // New accounts have no seal trigger (TableSeals.triggers): sealed here in one statement.
        if let after = newAccountsAfter { try db.execute(db.dialect.sealAdded(table: SealedTable.accounts.rawValue, where: "id > ?"), after) }
        try db.execute("UPDATE import_batches SET rows_read = ?, posted = ?, duplicates = ?, rejected = ?, entries_hash = ? WHERE id = ?",
                       summary.rowsRead, summary.posted, summary.duplicates, summary.rejected, entriesHash, batchID)
        try AuditTrail.append(db, session: session, action: "import.\(summary.kind.rawValue)", subject: "batch \(batchID)",
                              detail: "file=\((summary.file as NSString).lastPathComponent) rows=\(summary.rowsRead) posted=\(summary.posted) duplicates=\(summary.duplicates) rejected=\(summary.rejected) entries=\(entriesHash)")
    }
}
