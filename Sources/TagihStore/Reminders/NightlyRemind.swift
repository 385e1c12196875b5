import TagihCore

/// A reminder run with its files, as `tagih remind --out DIR` and the
/// nightly batch make it (R14: when the personal config names
/// `[remind] out = DIR`): the run, then its files. The letters' PDFs are
/// made by `render` (TagihLetters, which the store does not link).
public struct NightlyRemind: Sendable {
    public var out: String
    public var render: @Sendable (LetterDocument) throws -> [UInt8]

    public init(out: String, render: @escaping @Sendable (LetterDocument) throws -> [UInt8]) {
        self.out = out; self.render = render
    }

    /// Runs it, reporting each stage's line (after `prefix`); the run's report.
    /// (`strings`: the reader's language; the nightly log stays English.)
    public func run(_ db: AppDatabase, session: Session, prefix: String = "remind ", strings: Strings = Strings(.en),
                    report: (String) -> Void) throws -> RemindReport {
        let r = try ReminderRun(db).run(session: session, dryRun: false)
        for s in r.stages { report(prefix + s.line(strings)) }
        let files = try ReminderFiles(db).write(out: out, day: session.today, render: render)
        report(strings.remindFiles(summary: r.summary(strings), files: files.count, out: TextField.visible(out)))
        return r
    }
}
