/// What the nightly batch did with one file, as its log keeps it: counts and
/// paths rather than a sentence, so the Reports screen and `report nightly`
/// say it in the reader's language (`Strings.nightlyFile`).
public struct NightlyFile: Sendable, Equatable, Codable {
    public var file: String
    public var read = 0, posted = 0, duplicates = 0, rejected = 0
    /// Where its rejects file was filed, relative to the inbox.
    public var rejects: String?
    /// Refused whole (too many rejected rows): nothing posted, it stays in the inbox.
    public var refused = false
    /// The same content was imported before: nothing posted.
    public var alreadyImported = false
    /// It could not be imported at all (unreadable, a bad header): why.
    public var failure: String?
    /// A line an earlier version logged as text, kept as it was written.
    public var text: String?
    /// Not read at all, for what the inbox entry is (it stays in the inbox).
    public var notRead: NotRead?

    /// Inbox entries the batch does not read: it reads plain files only.
    public enum NotRead: String, Sendable, Codable {
        /// A symbolic link: it would import a file from anywhere.
        case symlink
        /// A FIFO, device, socket or folder: reading a FIFO would wait forever.
        case notPlain
    }

    public init(file: String, read: Int = 0, posted: Int = 0, duplicates: Int = 0, rejected: Int = 0, rejects: String? = nil,
                refused: Bool = false, alreadyImported: Bool = false, failure: String? = nil) {
        self.file = file; self.read = read; self.posted = posted; self.duplicates = duplicates; self.rejected = rejected
        self.rejects = rejects; self.refused = refused; self.alreadyImported = alreadyImported; self.failure = failure
    }

    /// A line logged as text by an earlier version.
    public init(text: String) {
        file = ""
        self.text = text
    }

    /// An inbox entry the batch did not read.
    public init(file: String, notRead: NotRead) {
        self.file = file
        self.notRead = notRead
    }

    /// Whether the lead should look at it: the file stayed in the inbox.
    public var stayed: Bool {
        refused || failure != nil || notRead != nil || (text.map { $0.contains("stays in the inbox") || $0.contains("refused") } ?? false)
    }
}

extension Strings {
    /// One file of a nightly run as a sentence: the import's summary line, and
    /// that a refused file stays in the inbox.
    public func nightlyFile(_ f: NightlyFile) -> String {
        if let text = f.text { return text }
        if let n = f.notRead {
            let why = switch (n, language) {
            case (.symlink, .en): "it is a symbolic link; the nightly batch reads plain files only"
            case (.symlink, .id): "itu tautan simbolik; batch malam hanya membaca berkas biasa"
            case (.notPlain, .en): "it is not a plain file (a FIFO, a device or a folder); the nightly batch reads plain files only"
            case (.notPlain, .id): "itu bukan berkas biasa (FIFO, perangkat atau folder); batch malam hanya membaca berkas biasa"
            }
            return language == .id ? "\(f.file): ditolak: \(why); berkas tetap di inbox" : "\(f.file): refused: \(why); it stays in the inbox"
        }
        if let failure = f.failure { return language == .id ? "\(f.file): ditolak: \(failure)" : "\(f.file): refused: \(failure)" }
        let line = importLine(f)
        guard f.refused else { return line }
        return line + (language == .id ? "; berkas tetap di inbox" : "; it stays in the inbox")
    }

    /// What an import did with a file, in one sentence (CONTRACT §3: rows
    /// read, posted, duplicates, rejected). In English it is the line every
    /// `tagih import` prints.
    public func importLine(_ f: NightlyFile, dryRun: Bool = false) -> String {
        // A dry run or a refused file posts nothing: its count is what would have posted.
        let wouldPost = dryRun || f.refused
        var s: String
        switch language {
        case .en:
            if f.alreadyImported { return "\(f.file): already imported (same content as an earlier file); nothing posted" }
            func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
            s = "\(f.file): \(plural(f.read, "row")) read, \(f.posted) \(wouldPost ? "would post" : "posted"), "
                + "\(plural(f.duplicates, "duplicate")), \(f.rejected) rejected"
            if dryRun { s = "dry run, nothing written: " + s }
            if f.refused { s += "; file refused, nothing posted" }
            if let r = f.rejects { s += " (see \(r))" }
        case .id:
            if f.alreadyImported { return "\(f.file): sudah pernah diimpor (isinya sama dengan berkas sebelumnya); tidak ada yang diposting" }
            s = "\(f.file): \(f.read) baris dibaca, \(f.posted) \(wouldPost ? "akan diposting" : "diposting"), "
                + "\(f.duplicates) duplikat, \(f.rejected) ditolak"
            if dryRun { s = "uji coba, tidak ada yang ditulis: " + s }
            if f.refused { s += "; berkas ditolak seluruhnya, tidak ada yang diposting" }
            if let r = f.rejects { s += " (lihat \(r))" }
        }
        return s
    }
}
