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
    /// The record's original bytes, without its line ending.
    var raw: [UInt8] = []
    /// Set when the record cannot be split into fields (an unterminated quote).
    var problem: String?

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
    }
}

/// A streaming RFC 4180 reader over bytes.
///
/// Hand-written rather than taken from a CSV library because the import rules
/// need what general readers do not give: the physical line each record starts
/// on, the record's original bytes for the rejects file, recovery after an
/// unterminated quote (that record is rejected and reading resumes on the next
/// line), invalid UTF-8 reported per field instead of failing the file, and
/// constant memory on files of any size (it reads 1 MiB at a time).
final class CSVReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var pos = 0
    private var eof = false
    private var nextLine = 1
    private var atStart = true
    var delimiter: UInt8 = UInt8(ascii: ",")
    /// A quoted field longer than this is taken as an unterminated quote.
    let maxRecordBytes: Int

    static let chunk = 1 << 20

    init(path: String, maxRecordBytes: Int = 4 << 20) throws {
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw StoreError("cannot read \(path): no such file or it is not readable")
        }
        handle = h
        self.maxRecordBytes = maxRecordBytes
    }

    deinit { try? handle.close() }

    /// Makes sure at least one unread byte is buffered; false at end of file.
    private func fill() -> Bool {
        if pos < buffer.count { return true }
        if eof { return false }
        let data = handle.readData(ofLength: CSVReader.chunk)
        if data.isEmpty { eof = true; buffer = []; pos = 0; return false }
        buffer = [UInt8](data)
        pos = 0
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

    /// Reads the next non-blank record into `record`; false at end of file.
    func next(into record: inout CSVRecord) -> Bool {
        while true {
            guard fill() else { return false }
            let startLine = nextLine
            record.reset(line: startLine)
            var fieldStart = 0
            var inQuotes = false
            var fieldWasQuoted = false
            var afterClosingQuote = false
            var linesInRecord = 1
            var ended = false
            var broken = false

            while !ended {
                guard fill() else { break }
                if !inQuotes && !afterClosingQuote {
                    // Fast path: copy the run of ordinary bytes up to the next
                    // delimiter, quote or line end in one go.
                    let start = pos
                    let delim = delimiter
                    let end = buffer.withUnsafeBufferPointer { b -> Int in
                        var i = start
                        while i < b.count {
                            let x = b[i]
                            if x == delim || x == 0x0A || x == 0x0D || x == 0x22 { break }
                            i += 1
                        }
                        if i > start {
                            // Through the raw buffer: an array slice would retain and release per run.
                            let run = UnsafeBufferPointer(rebasing: b[start..<i])
                            record.bytes.append(contentsOf: run)
                            record.raw.append(contentsOf: run)
                        }
                        return i
                    }
                    if end > start {
                        pos = end
                        continue
                    }
                }
                let c = buffer[pos]
                pos += 1
                if inQuotes {
                    record.raw.append(c)
                    if c == 0x22 {
                        // "" is an escaped quote; a lone quote closes the field.
                        if fill(), buffer[pos] == 0x22 {
                            record.raw.append(0x22); pos += 1; record.bytes.append(0x22)
                        } else {
                            inQuotes = false
                            afterClosingQuote = true
                        }
                    } else {
                        if c == 0x0A { linesInRecord += 1 }
                        record.bytes.append(c)
                        if record.raw.count > maxRecordBytes { break }
                    }
                    continue
                }
                if afterClosingQuote {
                    afterClosingQuote = false
                    // Only a delimiter or a line end may follow a closing
                    // quote. Anything else means the quote that "closed" was
                    // really the opening quote of a later field: the quote
                    // before it was never terminated.
                    if c != delimiter && c != 0x0A && c != 0x0D {
                        record.raw.append(c)
                        broken = true
                        break
                    }
                }
                switch c {
                case 0x0A:
                    ended = true
                case 0x0D:
                    if fill(), buffer[pos] == 0x0A { pos += 1; ended = true } else { record.raw.append(c); record.bytes.append(c) }
                case delimiter:
                    record.raw.append(c)
                    record.ends.append(record.bytes.count); fieldStart = record.bytes.count; fieldWasQuoted = false
                case 0x22 where record.bytes.count == fieldStart && !fieldWasQuoted:
                    record.raw.append(c)
                    inQuotes = true; fieldWasQuoted = true
                default:
                    record.raw.append(c); record.bytes.append(c)
                }
            }

            if inQuotes || broken {
                // Unterminated quote: reject the record it starts, then resume
                // reading on the line after the one it started on.
                let problem = inQuotes || linesInRecord > 1 ? "unterminated quote" : "text after a closing quote"
                let raw = record.raw
                let firstLineEnd = raw.firstIndex(of: 0x0A) ?? raw.count
                var firstLine = Array(raw[..<firstLineEnd])
                if firstLine.last == 0x0D { firstLine.removeLast() }
                let rest = firstLineEnd < raw.count ? Array(raw[(firstLineEnd + 1)...]) : []
                buffer = rest + buffer[pos...]
                pos = 0
                nextLine = startLine + 1
                record.raw = firstLine
                record.bytes.removeAll()
                record.ends.removeAll()
                record.problem = problem
                return true
            }
            nextLine = startLine + linesInRecord
            record.ends.append(record.bytes.count)
            if record.raw.isEmpty && !fieldWasQuoted { continue } // blank line
            return true
        }
    }

    /// The next record as a fresh value (for the header and tests).
    func next() -> CSVRecord? {
        var r = CSVRecord()
        return next(into: &r) ? r : nil
    }
}

/// Writes the rejects file (`line,reason,raw`) through `PrivateFile`: a new
/// private temporary file (mode 0600, the person's own) moved into place only
/// when the import finishes, so a killed run never leaves a half-written or
/// stale rejects file that looks final, and a symlink or another user's file
/// at the name is refused.
final class RejectsWriter {
    let finalPath: String
    private var file: PrivateFile?
    private(set) var count = 0

    init(inputPath: String) {
        finalPath = inputPath + ".rejects.csv"
    }

    func add(line: Int, reason: String, raw: [UInt8]) throws {
        if file == nil {
            let f = try PrivateFile(path: finalPath)
            file = f
            try f.append(Array("line,reason,raw\n".utf8))
        }
        count += 1
        let text = String(decoding: raw, as: UTF8.self) // invalid bytes become U+FFFD
        let row = "\(line),\(csvField(reason)),\(csvField(text))\n"
        try file!.append(Array(row.utf8))
    }

    /// Puts the file in place, or removes a stale one of ours when nothing was rejected.
    func finish() throws {
        if let f = file {
            file = nil
            try f.commit()
        } else {
            var st = stat()
            if lstat(finalPath, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, st.st_uid == getuid() {
                try FileManager.default.removeItem(atPath: finalPath)
            }
        }
    }

    func discard() {
        file?.discard()
        file = nil
    }
}
