import Foundation
import TagihCore

/// `tagih nightly INBOX` (CONTRACT §4): under a lock, imports the inbox's
/// files kind by kind in name order, files each processed file (and its
/// rejects) away by date, leaves a refused file in place and goes on, then
/// settles plans for every day since the last run and logs the run.
public struct Nightly {
    let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    /// One file's fate.
    public struct FileResult: Sendable {
        public var summary: ImportSummary?
        public var file: String
        /// Why the whole file was refused (it stays in the inbox).
        public var refusal: String?
        /// Where its rejects file was filed, relative to the inbox.
        public var rejectsFiled: String?
        /// Not read at all: a link, a FIFO, a device or a folder.
        public var notRead: NightlyFile.NotRead?

        /// What the run's log keeps of it: the import's counts, and where its
        /// rejects went or why the file stayed.
        public var entry: NightlyFile {
            let name = (file as NSString).lastPathComponent
            if let notRead { return NightlyFile(file: name, notRead: notRead) }
            guard var f = summary?.result else { return NightlyFile(file: name, failure: refusal ?? "") }
            f.file = name
            f.rejects = rejectsFiled
            return f
        }
    }

    public struct Run: Sendable {
        public var files: [FileResult] = []
        public var settledDays: [Day] = []
        public var plansCompleted = 0
        public var plansBroken = 0
        public var promises: [PromiseStatus: Int] = [:]
        public var refused: Int { files.filter { $0.refusal != nil }.count }
        /// The reminders sent after settling (`[remind] out`), or why they failed.
        public var remind: RemindReport?
        public var remindFailure: String?
    }

    /// The inbox's files to import, in the contract's order: accounts, then
    /// charges, payments, adjustments, each group by name; never a rejects
    /// file. A file whose name matches a channel profile's `file_pattern`
    /// (the first profile by name) is a payments file read with that profile
    /// (CONTRACT §11), whatever its name would say otherwise.
    public static func files(in inbox: String, profiles: [ChannelProfile] = []) throws -> [(kind: ImportKind, path: String, profile: ChannelProfile?)] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: inbox) } catch {
            throw StoreError("cannot read inbox \(inbox): no such folder")
        }
        let candidates = names.filter { !$0.lowercased().hasSuffix(".rejects.csv") && !$0.hasPrefix(".") }
        var profiled: [String: ChannelProfile] = [:]
        for name in candidates {
            // A folder is never a profile's file (the archive under a pattern of `*`).
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: (inbox as NSString).appendingPathComponent(name), isDirectory: &isFolder), isFolder.boolValue { continue }
            if let p = profiles.sorted(by: { $0.name < $1.name }).first(where: { $0.matches(fileName: name) }) { profiled[name] = p }
        }
        var out: [(kind: ImportKind, path: String, profile: ChannelProfile?)] = []
        for kind in [ImportKind.accounts, .charges, .payments, .adjustments] {
            let mine = candidates.filter {
                profiled[$0] != nil ? kind == .payments : $0.hasPrefix(kind.rawValue) && $0.lowercased().hasSuffix(".csv")
            }.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
            out += mine.map { (kind, (inbox as NSString).appendingPathComponent($0), profiled[$0]) }
        }
        return out
    }

    /// Takes the batch's lock: a second run exits at once; a lock left by a
    /// killed run is free again (the kernel drops a dead process's flock).
    public static func lock(_ inbox: String) throws -> Int32 {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: inbox, isDirectory: &isFolder), isFolder.boolValue else {
            throw StoreError("cannot read inbox \(inbox): no such folder")
        }
        let path = (inbox as NSString).appendingPathComponent(".tagih-nightly.lock")
        // Never through a link (a planted link would have the batch create or
        // lock a file elsewhere), and O_NONBLOCK so a FIFO planted there
        // cannot hold the open.
        let fd = open(path, O_CREAT | O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            if errno == ELOOP { throw StoreError("the lock \(path) is a symbolic link; remove it (the batch makes its own)") }
            throw StoreError("cannot create the lock \(path)")
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw StoreError("the lock \(path) is not a plain file; remove it (the batch makes its own)")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw StoreError("another nightly batch is running on \(inbox) (lock \(path)); this one stops")
        }
        return fd
    }

    public func run(inbox: String, dryRun: Bool, session: Session, remind: NightlyRemind? = nil, report: (String) -> Void) throws -> Run {
        try StoreError.require(.runNightly, session)
        try session.requireRealClock()
        let fd = try Self.lock(inbox)
        defer { flock(fd, LOCK_UN); close(fd) }
        var run = Run()
        let day = session.today.iso
        if !dryRun { try Self.checkFilingFolders(inbox, day: day) }
        let importer = Importer(database)
        for (kind, path, profile) in try Self.files(in: inbox, profiles: database.settings.rules.profiles) {
            var result = FileResult(file: path)
            if let notRead = Self.notPlainFile(path) {
                // Left where it is, for a person to look at: a link may point
                // at anything, and a FIFO or device is nobody's import file.
                result.notRead = notRead
                result.refusal = Strings(.en).nightlyFile(result.entry)
                report(result.refusal!)
                run.files.append(result)
                continue
            }
            do {
                var s = try importer.run(kind, path: path, options: ImportOptions(dryRun: dryRun, profile: profile), session: session)
                if s.refused {
                    result.refusal = "\(s.rejected) of \(s.rowsRead) rows rejected"
                } else if !dryRun {
                    try Self.move(path, to: (inbox as NSString).appendingPathComponent("archive/\(day)"))
                }
                if let rejects = s.rejectsPath, !dryRun, FileManager.default.fileExists(atPath: rejects) {
                    let filed = try Self.move(rejects, to: (inbox as NSString).appendingPathComponent("rejects/\(day)"))
                    result.rejectsFiled = "rejects/\(day)/\((filed as NSString).lastPathComponent)"
                    s.rejectsPath = filed
                }
                result.summary = s
                report(s.line)
            } catch let e as StoreError {
                result.refusal = e.description
                report("\((path as NSString).lastPathComponent): refused: \(e.description)")
            }
            if let r = result.refusal, result.summary?.refused == true {
                report("\((path as NSString).lastPathComponent): refused (\(r)); it stays in the inbox")
            }
            run.files.append(result)
        }
        guard !dryRun else { return run }

        // Report the plans that completed or broke since the last run. Nothing
        // is written for them: their status is derived from the ledger, and a
        // completion's discount was posted with the entry that completed it.
        let last = try database.read { db in try db.int("SELECT max(day) FROM nightly_runs") }
        let since = last.map { min(Day(ordinal: Int32($0)), session.today.adding(days: -1)) } ?? session.today.adding(days: -1)
        let changed = try PlanBook(database).changes(after: since, through: session.today)
        run.plansCompleted = changed.completed.count
        run.plansBroken = changed.broken.count
        var d = since.adding(days: 1)
        while d <= session.today { run.settledDays.append(d); d = d.adding(days: 1) }
        run.promises = try ContactReports(database).recentPromiseStatuses(asOf: session.today)
        // After settling, so the day's reminders see the day's payments (R14).
        if let remind {
            do {
                run.remind = try remind.run(database, session: session, report: report)
            } catch {
                run.remindFailure = "\(error)"
                report("remind: failed: \(error)")
            }
        }
        try log(run, inbox: inbox, session: session)
        return run
    }

    /// Why the inbox entry at `path` is not read, or nil for a plain file.
    /// The batch reads plain files only: a symbolic link would import a file
    /// from elsewhere, and reading a FIFO would wait forever for a writer while
    /// the batch holds its lock. Looked at without following a link
    /// (`lstat`), then opened the same way without blocking and checked again
    /// (`fstat`, the same inode). The importer opens the name once more; an
    /// entry swapped in that instant is the importer's to refuse.
    static func notPlainFile(_ path: String) -> NightlyFile.NotRead? {
        // An entry that cannot be looked at (gone, unreadable) is left to the
        // importer, which says why in its own words.
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        switch st.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFLNK: return .symlink
        default: return .notPlain
        }
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return errno == ELOOP ? .symlink : nil }
        defer { close(fd) }
        var opened = stat()
        guard fstat(fd, &opened) == 0, (opened.st_mode & S_IFMT) == S_IFREG,
              opened.st_dev == st.st_dev, opened.st_ino == st.st_ino else { return .notPlain }
        return nil
    }

    /// Refuses the run, before anything is imported, when a folder the batch
    /// files into (`archive`, `rejects`, their day's folder) is a symbolic link
    /// or not a folder: the inbox's files would be moved wherever it points.
    static func checkFilingFolders(_ inbox: String, day: String) throws {
        for sub in ["archive", "archive/\(day)", "rejects", "rejects/\(day)"] {
            let path = (inbox as NSString).appendingPathComponent(sub)
            var st = stat()
            guard lstat(path, &st) == 0 else { continue }
            guard (st.st_mode & S_IFMT) == S_IFDIR else {
                let what = (st.st_mode & S_IFMT) == S_IFLNK ? "a symbolic link" : "not a folder"
                throw StoreError("\(path) is \(what); the nightly batch files the inbox only into folders of its own (remove it)")
            }
        }
    }

    @discardableResult
    static func move(_ path: String, to folder: String) throws -> String {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var target = (folder as NSString).appendingPathComponent((path as NSString).lastPathComponent)
        // Never overwrite an archived file: a second file of the same name gets a suffix.
        var n = 1
        while fm.fileExists(atPath: target) {
            n += 1
            target = (folder as NSString).appendingPathComponent("\((path as NSString).lastPathComponent).\(n)")
        }
        try fm.moveItem(atPath: path, toPath: target)
        return target
    }

    private func log(_ run: Run, inbox: String, session: Session) throws {
        let posted = run.files.filter { $0.refusal == nil }.count
        let rejected = run.files.reduce(0) { $0 + ($1.summary?.rejected ?? 0) }
        let summary = Self.summaryLine(run, day: session.today)
        try database.write { db in
            try db.execute("""
                INSERT INTO nightly_runs(id, day, started_at, inbox, files, posted, refused, rejected, plans_completed, plans_broken, summary,
                                         files_detail)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, try db.nextID(in: "nightly_runs"), session.today.ordinal, AuditTrail.timestamp(session.recordedAt), inbox, run.files.count,
                           posted, run.refused, rejected, run.plansCompleted, run.plansBroken, summary, Self.logged(run.files.map(\.entry)))
            try AuditTrail.append(db, session: session, action: "nightly.run", subject: inbox, detail: summary)
        }
    }

    /// The files of a run as the log stores them: JSON, one object a file.
    static func logged(_ files: [NightlyFile]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(files)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// The files of a logged run. Runs logged by earlier versions hold a
    /// line of English text a file: those are kept as they were written.
    static func fileResults(logged detail: String) -> [NightlyFile] {
        if detail.hasPrefix("["), let files = try? JSONDecoder().decode([NightlyFile].self, from: Data(detail.utf8)) { return files }
        return detail.split(separator: "\n").map { NightlyFile(text: String($0)) }
    }

    public static func summaryLine(_ run: Run, day: Day) -> String {
        let posted = run.files.filter { $0.refusal == nil }.count
        let p = run.promises
        return "nightly \(day.iso): \(run.files.count) files, \(posted) posted, \(run.refused) refused; "
            + "plans settled for \(run.settledDays.count) day\(run.settledDays.count == 1 ? "" : "s"): \(run.plansCompleted) completed, \(run.plansBroken) broken; "
            + "promises due this week: \(p[.open] ?? 0) open, \(p[.kept] ?? 0) kept, \(p[.broken] ?? 0) broken"
            + (run.remind.map { "; reminders: \($0.sent) sent" } ?? "")
            + (run.remindFailure.map { "; reminders failed: \($0)" } ?? "")
    }
}
