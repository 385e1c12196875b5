import Foundation
import TagihCore

/// One record of a CSV file as read, before any meaning is given to it.
/// The reader refills one record in place, so a file of millions of rows
/// allocates per row only the strings the caller makes.
struct CSVRecord {
    /// Physical line on which the record starts (1-based).
    var line = 0
    /// Field contents (quotes removed, `""` unescaped), back to back.
    var bytes: [UInt8] = []
    /// Where each field ends in `bytes`.
    var ends: [Int] = []
    /// The record's original bytes, without its line ending (cut at the
    /// reader's record limit: a hostile record never fills memory).
    var raw: [UInt8] = []
    /// Set when the record cannot be split into fields (an unterminated quote,
    /// too many fields, a record over the limit).
    var problem: String?
    /// The first field longer than the reader's field limit: its bytes were
    /// not kept, so the record is rejected naming this field.
    var longField: Int?

    var fieldCount: Int { ends.count }

    func field(_ i: Int) -> ArraySlice<UInt8> {
        bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]]
    }

    mutating func reset(line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        raw.removeAll(keepingCapacity: true)
        problem = nil
        longField = nil
    }
}

/// A streaming RFC 4180 reader over bytes.
///
/// Hand-written rather than taken from a CSV library because the import rules
/// need what general readers do not give: the physical line each record starts
/// on, the record's original bytes for the rejects file, recovery after an
/// unterminated quote (that record is rejected and reading resumes on the next
/// line), invalid UTF-8 reported per field instead of failing the file, and
/// bounded memory and linear time on any input (issue 15):
///
/// - A line ends with LF, CRLF or a bare CR (classic Mac and some bank
///   exports), mixed freely; inside quotes each is data.
/// - It reads 1 MiB at a time and keeps only what a rewind may need: after an
///   unterminated quote, reading resumes right after the line the record
///   started on, from the bytes still buffered — nothing is copied or read
///   twice but those bytes, and a record is given up (as an unterminated
///   quote) once it spans `maxRecordBytes`.
/// - A field is kept up to `maxFieldBytes`; past that its bytes are skipped
///   and the record is rejected naming the field (`longField`), so a 50 MB
///   field costs no memory.
final class CSVReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var pos = 0
    /// File offset of `buffer[0]`.
    private var base = 0
    /// File offset a refill must keep (the rewind point of the record being
    /// read); nil: everything before `pos` may go.
    private var keepFrom: Int?
    private var eof = false
    private var nextLine = 1
    private var atStart = true
    var delimiter: UInt8 = UInt8(ascii: ",")
    /// The longest field kept (the largest import field limit in force).
    let maxFieldBytes: Int
    /// The longest record: its fields together, its raw bytes, and how far a
    /// quote may run before it is taken as unterminated.
    let maxRecordBytes: Int
    /// The most fields a record may have (a line of commas is no record).
    static let maxFields = 1024

    static let chunk = 1 << 20

    init(path: String, maxFieldBytes: Int = 1 << 20, maxRecordBytes: Int = 4 << 20) throws {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw StoreError("cannot read \(path): no such file or it is not readable")
        }
        handle = h
        self.maxFieldBytes = maxFieldBytes
        self.maxRecordBytes = max(maxRecordBytes, maxFieldBytes)
    }

    deinit { try? handle.close() }

    /// Bytes consumed so far (the file offset of the next unread byte).
    var offset: Int { base + pos }

    /// Makes sure at least one unread byte is buffered; false at end of file.
    private func fill() -> Bool {
        if pos < buffer.count { return true }
        if eof { return false }
        // Drop what no rewind can need. What is kept is bounded by
        // `maxRecordBytes` (a record is given up past it), so the moves cost
        // at most a constant factor over reading the bytes once.
        let keep = keepFrom.map { $0 - base } ?? pos
        if keep >= buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if keep > 0 {
            buffer.removeSubrange(0..<keep)
        }
        base += keep
        pos -= keep
        let data = handle.readData(ofLength: CSVReader.chunk)
        if data.isEmpty { eof = true; return false }
        buffer.append(contentsOf: data)
        if atStart {
            atStart = false
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { pos = 3 } // UTF-8 BOM
            return fill()
        }
        return true
    }

    /// The first line's bytes, peeked without consuming, to detect the delimiter.
    func detectDelimiter() -> UInt8 {
        guard fill() else { return delimiter }
        var commas = 0, semicolons = 0, inQuotes = false
        var i = pos
        while i < buffer.count {
            let c = buffer[i]
            if c == 0x22 { inQuotes.toggle() }
            else if !inQuotes {
                if c == 0x0A || c == 0x0D { break }
                if c == 0x2C { commas += 1 } else if c == 0x3B { semicolons += 1 }
            }
            i += 1
        }
        return semicolons > commas ? 0x3B : 0x2C
    }

    /// The state of the record being read (fields kept within the limits).
    private struct Building {
        var fieldLength = 0
        var fieldWasQuoted = false
        /// Set once the record broke a limit: nothing more of it is kept.
        var dropping = false
    }

    private func keepRaw(_ bytes: UnsafeBufferPointer<UInt8>, _ record: inout CSVRecord) {
        let room = maxRecordBytes - record.raw.count
        if room <= 0 { return }
        record.raw.append(contentsOf: bytes.count <= room ? bytes : UnsafeBufferPointer(rebasing: bytes[..<room]))
    }

    private func keepRaw(_ c: UInt8, _ record: inout CSVRecord) {
        if record.raw.count < maxRecordBytes { record.raw.append(c) }
    }

    /// Adds field bytes, within the field and record limits.
    private func keepField(_ bytes: UnsafeBufferPointer<UInt8>, _ record: inout CSVRecord, _ b: inout Building) {
        b.fieldLength += bytes.count
        if b.dropping { return }
        if b.fieldLength > maxFieldBytes {
            record.longField = record.ends.count
            b.dropping = true
        } else if record.bytes.count + bytes.count > maxRecordBytes {
            record.problem = "the row is longer than \(maxRecordBytes) bytes"
            b.dropping = true
        } else {
            record.bytes.append(contentsOf: bytes)
        }
    }

    private func keepField(_ c: UInt8, _ record: inout CSVRecord, _ b: inout Building) {
        b.fieldLength += 1
        if b.dropping { return }
        if b.fieldLength > maxFieldBytes {
            record.longField = record.ends.count
            b.dropping = true
        } else if record.bytes.count >= maxRecordBytes {
            record.problem = "the row is longer than \(maxRecordBytes) bytes"
            b.dropping = true
        } else {
            record.bytes.append(c)
        }
    }

    private func endField(_ record: inout CSVRecord, _ b: inout Building) {
        if !b.dropping {
            if record.ends.count >= Self.maxFields {
                record.problem = "more than \(Self.maxFields) fields"
                b.dropping = true
            } else {
                record.ends.append(record.bytes.count)
            }
        }
        b.fieldLength = 0
        b.fieldWasQuoted = false
    }

    /// Consumes a run of bytes that are none of `stops`, through the raw
    /// buffer (an array slice would retain and release per run); returns
    /// the run, valid until the next `fill()`.
    private func run(until isStop: (UInt8) -> Bool, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let start = pos
        let end = buffer.withUnsafeBufferPointer { all -> Int in
            var i = start
            while i < all.count, !isStop(all[i]) { i += 1 }
            if i > start { body(UnsafeBufferPointer(rebasing: all[start..<i])) }
            return i
        }
        pos = end
    }

    /// Skips to the end of the physical line (keeping its bytes as raw) and
    /// past its line ending: where reading resumes after a record that broke
    /// on its first line.
    private func skipLine(_ record: inout CSVRecord) {
        while fill() {
            run(until: { $0 == 0x0A || $0 == 0x0D }) { keepRaw($0, &record) }
            guard pos < buffer.count else { continue }
            let c = buffer[pos]
            pos += 1
            if c == 0x0D, fill(), buffer[pos] == 0x0A { pos += 1 }
            return
        }
    }

    /// Skips `n` physical lines (a bank export's preamble before its
    /// header, CONTRACT §11), counted, so later rows keep their line numbers.
    func skipLines(_ n: Int) {
        var scratch = CSVRecord()
        for _ in 0..<n where fill() {
            skipLine(&scratch)
            scratch.reset(line: nextLine)
            nextLine += 1
        }
    }

    /// Reads the next non-blank record into `record`; false at end of file.
    func next(into record: inout CSVRecord) -> Bool {
        while true {
            keepFrom = nil
            guard fill() else { return false }
            let startLine = nextLine
            let start = offset
            record.reset(line: startLine)
            var b = Building()
            var inQuotes = false
            var afterClosingQuote = false
            var linesInRecord = 1
            /// Where the record's first line ended inside quotes: where reading
            /// resumes if the record turns out broken; and that line's raw length.
            var rewind: (offset: Int, rawCount: Int)?
            var ended = false
            var broken = false
            var tooLong = false
            let delim = delimiter

            while !ended {
                guard fill() else { break }
                if inQuotes {
                    run(until: { $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) { bytes in
                        keepRaw(bytes, &record)
                        keepField(bytes, &record, &b)
                    }
                    // A quote that runs on past the record limit is taken as
                    // unterminated: reading it further could only fill memory.
                    if offset - start > maxRecordBytes { tooLong = true; break }
                    guard fill() else { break }
                    let c = buffer[pos]
                    pos += 1
                    if c == 0x22 {
                        keepRaw(c, &record)
                        // "" is an escaped quote; a lone quote closes the field.
                        if fill(), buffer[pos] == 0x22 {
                            keepRaw(0x22, &record); pos += 1; keepField(0x22, &record, &b)
                        } else {
                            inQuotes = false
                            afterClosingQuote = true
                        }
                        continue
                    }
                    // A line end inside quotes is data: CRLF, LF or a bare CR, one line each.
                    let lineRaw = record.raw.count
                    keepRaw(c, &record)
                    keepField(c, &record, &b)
                    if c == 0x0D, fill(), buffer[pos] == 0x0A {
                        pos += 1; keepRaw(0x0A, &record); keepField(0x0A, &record, &b)
                    }
                    if rewind == nil {
                        rewind = (offset, lineRaw)
                        keepFrom = offset
                    }
                    linesInRecord += 1
                    continue
                }
                if rewind != nil, offset - start > maxRecordBytes { tooLong = true; break }
                if !afterClosingQuote {
                    // Fast path: the run of ordinary bytes up to the next
                    // delimiter, quote or line end in one go.
                    var any = false
                    run(until: { $0 == delim || $0 == 0x0A || $0 == 0x0D || $0 == 0x22 }) { bytes in
                        any = true
                        keepRaw(bytes, &record)
                        keepField(bytes, &record, &b)
                    }
                    if any { continue }
                }
                let c = buffer[pos]
                pos += 1
                if afterClosingQuote {
                    afterClosingQuote = false
                    // Only a delimiter or a line end may follow a closing
                    // quote. Anything else means the quote that "closed" was
                    // really the opening quote of a later field: the quote
                    // before it was never terminated.
                    if c != delim && c != 0x0A && c != 0x0D {
                        keepRaw(c, &record)
                        broken = true
                        break
                    }
                }
                switch c {
                case 0x0A:
                    ended = true
                case 0x0D:
                    // CRLF or a bare CR: either ends the line.
                    if fill(), buffer[pos] == 0x0A { pos += 1 }
                    ended = true
                case delim:
                    keepRaw(c, &record)
                    endField(&record, &b)
                case 0x22 where b.fieldLength == 0 && !b.fieldWasQuoted:
                    keepRaw(c, &record)
                    inQuotes = true; b.fieldWasQuoted = true
                default:
                    keepRaw(c, &record); keepField(c, &record, &b)
                }
            }

            if inQuotes || broken || tooLong {
                // Unterminated quote: reject the record it starts, then resume
                // reading on the line after the one it started on.
                let problem = inQuotes || tooLong || linesInRecord > 1 ? "unterminated quote" : "text after a closing quote"
                if let r = rewind {
                    pos = r.offset - base
                    if record.raw.count > r.rawCount { record.raw.removeSubrange(r.rawCount...) }
                } else {
                    skipLine(&record)
                }
                keepFrom = nil
                nextLine = startLine + 1
                record.bytes.removeAll(keepingCapacity: true)
                record.ends.removeAll(keepingCapacity: true)
                record.longField = nil
                record.problem = problem
                return true
            }
            nextLine = startLine + linesInRecord
            // A blank line (quotes would be in `raw`) is no record.
            if record.raw.isEmpty { continue }
            endField(&record, &b)
            return true
        }
    }

    /// The next record as a fresh value (for the header and tests).
    func next() -> CSVRecord? {
        var r = CSVRecord()
        return next(into: &r) ? r : nil
    }
}

/// Where a rejects file's bytes go: a `PrivateFile`, or in a test a file
/// that fails like a full disk.
protocol RejectsSink: AnyObject {
    func append(_ bytes: [UInt8]) throws(PrivateFileError)
    func commit() throws(PrivateFileError)
    func discard()
}

extension PrivateFile: RejectsSink {}

/// Writes the rejects file (`line,reason,raw`) through `PrivateFile`: a new
/// private temporary file (mode 0600, the person's own) moved into place only
/// when the import finishes, so a killed run never leaves a half-written or
/// stale rejects file that looks final, and a symlink or another user's file
/// at the name is refused. A failed write (a full disk) throws a
/// `PrivateFileError`, which the import turns into its refusal sentence
/// after discarding the temporary file: never a crash (issue 15).
final class RejectsWriter {
    /// How a rejects file is opened; a test swaps in a failing one for its own task.
    /// (Untyped throws: the compiler crashes on a typed-throws closure here;
    /// what it throws is a `PrivateFileError`.)
    @TaskLocal static var open: @Sendable (String) throws -> RejectsSink = { path in try PrivateFile(path: path) }

    let finalPath: String
    private var file: RejectsSink?
    private(set) var count = 0

    init(inputPath: String) {
        finalPath = inputPath + ".rejects.csv"
    }

    func add(line: Int, reason: String, raw: [UInt8]) throws {
        let f: RejectsSink
        if let open = file {
            f = open
        } else {
            f = try Self.open(finalPath)
            file = f
            try f.append(Array("line,reason,raw\n".utf8))
        }
        count += 1
        let text = String(decoding: raw, as: UTF8.self) // invalid bytes become U+FFFD
        let row = "\(line),\(csvField(reason)),\(csvField(text))\n"
        try f.append(Array(row.utf8))
    }

    /// Puts the file in place, or removes a stale one of ours when nothing was rejected.
    func finish() throws(PrivateFileError) {
        if let f = file {
            file = nil
            try f.commit()
        } else {
            var st = stat()
            if lstat(finalPath, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_uid == getuid(), unlink(finalPath) != 0 {
                throw PrivateFileError(path: finalPath, problem: PrivateFile.problem(errno: errno))
            }
        }
    }

    func discard() {
        file?.discard()
        file = nil
    }
}
