import Foundation
import TagihCore

/// One CSV file: a reusable byte buffer flushed with fwrite in 1 MiB chunks.
struct DemoCSVSink {
    static let chunk = 1 << 20
    let path: String
    private var file: UnsafeMutablePointer<FILE>?
    var buf: [UInt8] = []
    private(set) var rows = 0

    /// A sink with no file: a buffer to format into.
    init() {
        path = ""
        file = nil
    }

    /// A file a person asked for (`demo --csv DIR`): private (0600), never
    /// through a symbolic link or onto a device or FIFO (DESIGN §6a).
    init(path: String) throws {
        var st = stat()
        if lstat(path, &st) == 0, (st.st_mode & S_IFMT) != S_IFREG {
            throw DemoLedger.WriteError(path: path, reason: "it is not a plain file")
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0, let f = fdopen(fd, "wb") else {
            let reason = String(cString: strerror(errno))
            throw DemoLedger.WriteError(path: path, reason: reason)
        }
        self.path = path
        file = f
        buf.reserveCapacity(Self.chunk + 64 * 1024)
    }

    @inline(__always) mutating func byte(_ b: UInt8) { buf.append(b) }
    @inline(__always) mutating func bytes(_ b: [UInt8]) { buf.append(contentsOf: b) }
    @inline(__always) mutating func comma() { buf.append(0x2C) }

    /// A text field, quoted (RFC 4180) only when it holds a comma, quote or line break.
    mutating func field(_ b: [UInt8]) {
        var needs = false
        for c in b where c == 0x2C || c == 0x22 || c == 0x0A || c == 0x0D { needs = true; break }
        guard needs else { buf.append(contentsOf: b); return }
        buf.append(0x22)
        for c in b {
            if c == 0x22 { buf.append(0x22) }
            buf.append(c)
        }
        buf.append(0x22)
    }

    /// A non-negative integer in decimal, left-padded with zeros to `width`.
    @inline(__always) mutating func int(_ value: Int, width: Int = 1) {
        DemoGenerator.appendInt(&buf, value, width: width)
    }

    /// A day as ISO `YYYY-MM-DD`.
    @inline(__always) mutating func date(_ ordinal: Int32, _ table: DemoDateTable) {
        let i = Int(ordinal - table.first) * 10
        if i >= 0 && i + 10 <= table.bytes.count {
            buf.append(contentsOf: table.bytes[i..<(i + 10)])
        } else {
            buf.append(contentsOf: Day(ordinal: ordinal).iso.utf8)
        }
    }

    /// The file format: whole units, and the minor digits only when not zero (`1250000`, `275500.50`).
    @inline(__always) mutating func money(_ minor: Int64, unit: Int64, minorDigits: Int) {
        int(Int(minor / unit))
        let frac = minor % unit
        if frac != 0 {
            buf.append(0x2E)
            int(Int(frac), width: minorDigits)
        }
    }

    /// `INV-<yyyymm>-<account digits>`.
    @inline(__always) mutating func invoiceRef(_ month: Int, _ accountDigits: [UInt8]) {
        buf.append(contentsOf: [0x49, 0x4E, 0x56, 0x2D]) // INV-
        int(month / 12, width: 4)
        int(month % 12 + 1, width: 2)
        buf.append(0x2D)
        buf.append(contentsOf: accountDigits)
    }

    /// `BT-00012345` and the like.
    @inline(__always) mutating func paymentRef(_ channel: Int, _ ref: Int, width: Int) {
        buf.append(contentsOf: DemoData.channelPrefixes[channel])
        int(ref, width: width)
    }

    /// Ends a data row; flushes when the buffer has reached a chunk.
    mutating func endRow() throws {
        buf.append(0x0A)
        rows += 1
        if buf.count >= Self.chunk { try flush() }
    }

    /// Ends the header row (not counted).
    mutating func endHeader() { buf.append(0x0A) }

    mutating func flush() throws {
        guard !buf.isEmpty, let file else { return }
        let written = buf.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buf.count else {
            throw DemoLedger.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
        buf.removeAll(keepingCapacity: true)
    }

    mutating func close() throws {
        try flush()
        guard let f = file else { return }
        file = nil
        if fclose(f) != 0 {
            throw DemoLedger.WriteError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Closes without caring (after an error).
    mutating func abandon() {
        if let f = file { fclose(f) }
        file = nil
    }
}

/// ISO dates of a window of days, 10 bytes each, so a row never formats a date.
struct DemoDateTable {
    let first: Int32
    let bytes: [UInt8]

    init(from first: Int32, to last: Int32) {
        self.first = first
        var b: [UInt8] = []
        b.reserveCapacity(Int(last - first + 1) * 10)
        for o in first...last { b.append(contentsOf: Day(ordinal: o).iso.utf8) }
        bytes = b
    }
}
