import Foundation
import Testing
@testable import TagihStore

/// The CSV reader on hostile bytes (issue 15 items 1, 3, 4): line ends of
/// every kind, quotes that never close, fields of any length.
@Suite struct CSVReaderTests {
    /// Every record of `bytes`: its line, fields as text (or the problem, or
    /// `long N` for a field past the limit).
    static func records(_ bytes: [UInt8], maxField: Int = 1 << 20, maxRecord: Int = 4 << 20) throws -> [(Int, String)] {
        let scratch = try Scratch()
        let reader = try CSVReader(path: try scratch.write("f.csv", bytes: bytes), maxFieldBytes: maxField, maxRecordBytes: maxRecord)
        var out: [(Int, String)] = []
        var r = CSVRecord()
        while reader.next(into: &r) {
            if let p = r.problem { out.append((r.line, p)) } else if let i = r.longField { out.append((r.line, "long \(i)")) } else {
                out.append((r.line, (0..<r.fieldCount).map { String(decoding: r.field($0), as: UTF8.self) }.joined(separator: "|")))
            }
        }
        return out
    }

    static func records(_ text: String) throws -> [String] {
        try records(Array(text.utf8)).map { "\($0.0):\($0.1)" }
    }

    /// A bare CR ends a line like LF and CRLF, also mixed in one file; a CR
    /// inside quotes is data. Before, a CR-only file was one long record.
    @Test func bareCRIsALineEnd() throws {
        #expect(try Self.records("h1,h2\ra,1\rb,2\r") == ["1:h1|h2", "2:a|1", "3:b|2"])
        #expect(try Self.records("h1,h2\r\na,1\rb,2\nc,3\r\n\rd,4") == ["1:h1|h2", "2:a|1", "3:b|2", "4:c|3", "6:d|4"])
        #expect(try Self.records("h\r\"x\ry\",1\rz,2\r") == ["1:h", "2:x\ry|1", "4:z|2"])
        #expect(try Self.records("h\r\"x\r\ny\",1\r\nz\r") == ["1:h", "2:x\r\ny|1", "4:z"])
    }

    /// Text after a closing quote rejects that line only; reading resumes on
    /// the next line. Before, it resumed mid-line and made a row of the rest.
    @Test func aBrokenLineIsRejectedWholeAndReadingResumesOnTheNextLine() throws {
        #expect(try Self.records("a,\"b\"c,d\nx,y\n") == ["1:text after a closing quote", "2:x|y"])
        #expect(try Self.records("a,\"b\"c,d\rx,y\r") == ["1:text after a closing quote", "2:x|y"])
        // An unterminated quote spanning lines: its first line goes, the next lines are read.
        #expect(try Self.records("a,\"b\nc,d\ne,f\n") == ["1:unterminated quote", "2:c|d", "3:e|f"])
        #expect(try Self.records("a,\"b\rc,d\re,\"f") == ["1:unterminated quote", "2:c|d", "3:unterminated quote"])
    }

    /// Lines that each open a quote cost linear time: each used to copy the
    /// rest of the buffer (16k such lines, 176 KB, took 21-48 s in a release
    /// build); 512 KB of them now read in well under the bound even in a
    /// debug build, every line one rejected record.
    @Test func unterminatedQuotesReadInLinearTime() throws {
        let line = Array("A1,\"x\n".utf8)
        var bytes: [UInt8] = []
        let lines = (512 << 10) / line.count
        for _ in 0..<lines { bytes += line }
        let started = Date()
        let got = try Self.records(bytes)
        let seconds = Date().timeIntervalSince(started)
        #expect(got.count == lines)
        #expect(got.allSatisfy { $0.1 == "unterminated quote" })
        #expect(got.last?.0 == lines)
        #expect(seconds < 20, "512 KB of unterminated quotes took \(seconds) s")
    }

    /// A field past the limit is not kept: the record names it, the next
    /// line is read. Quoted or not, with a line end inside or not.
    @Test func aFieldPastTheLimitIsSkippedNotKept() throws {
        let long = String(repeating: "x", count: 5000)
        let got = try Self.records(Array("h,i\na,\(long)\n\"\(long)\",b\n\"x\n\(long)\",c\nd,e\n".utf8), maxField: 4096)
        #expect(got.map(\.0) == [1, 2, 3, 4, 6])
        #expect(got.map(\.1) == ["h|i", "long 1", "long 0", "long 0", "d|e"])
    }

    /// A quote that never closes is given up after the record limit and
    /// reading resumes on the next line; the raw bytes kept stay under it.
    @Test func aQuoteRunningPastTheRecordLimitIsUnterminated() throws {
        var bytes = Array("h\n\"".utf8) + [UInt8](repeating: 0x61, count: 300_000) + Array("\nb\n".utf8)
        var got = try Self.records(bytes, maxField: 1000, maxRecord: 100_000)
        #expect(got.map(\.1) == ["h", "unterminated quote", "b"])
        #expect(got.map(\.0) == [1, 2, 3])
        // Over several lines: each following line is read as itself.
        bytes = Array("h\n\"".utf8) + Array(repeating: Array("aaaa,bbbb\n".utf8), count: 30_000).flatMap { $0 } + Array("z\n".utf8)
        got = try Self.records(bytes, maxField: 1000, maxRecord: 100_000)
        #expect(got.count == 30_002)
        #expect(got[1].1 == "unterminated quote" && got[2].1 == "aaaa|bbbb" && got[2].0 == 3 && got.last!.1 == "z")
    }

    /// A line of a million commas is one rejected record, not a million fields in memory.
    @Test func tooManyFieldsRejectTheRecord() throws {
        let got = try Self.records(Array("h\n".utf8) + [UInt8](repeating: 0x2C, count: 1_000_000) + Array("\nz\n".utf8))
        #expect(got.map(\.1) == ["h", "more than \(CSVReader.maxFields) fields", "z"])
    }
}
