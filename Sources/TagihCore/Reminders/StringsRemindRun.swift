/// What `tagih remind` prints, in the reader's language (CONTRACT §10: one
/// line per stage with its counts, then the run's summary). English is the
/// wording scripts and the nightly log read; `remind` stays the first word
/// of the summary in both (it names the command).
extension Strings {
    /// `pre-due (whatsapp): chosen 3, sent 2, blocked 1 (daily limit 1), skipped 0 already sent, paused 0`.
    /// `inLetter`: the stage's letters that went inside the warning letter
    /// of the same day (one letter to the address), said only when some did.
    public func remindStageLine(stage: String, channel: String, chosen: Int, sent: Int, blocked: Int, reasons: String?,
                                skipped: Int, paused: Int, inLetter: Int = 0) -> String {
        let why = reasons.map { " (\($0))" } ?? ""
        let letter = inLetter == 0 ? "" : language == .id ? ", \(inLetter) di dalam surat peringatan" : ", \(inLetter) inside the warning letter"
        return language == .id
            ? "\(stage) (\(channel)): terpilih \(chosen), terkirim \(sent), tertahan \(blocked)\(why), dilewati \(skipped) sudah terkirim, dijeda \(paused)\(letter)"
            : "\(stage) (\(channel)): chosen \(chosen), sent \(sent), blocked \(blocked)\(why), skipped \(skipped) already sent, paused \(paused)\(letter)"
    }

    /// `remind 2026-12-03: 5 messages sent` (or "would be sent").
    public func remindSummary(day: String, sent: Int, dryRun: Bool) -> String {
        language == .id
            ? "remind \(day): \(sent) pesan \(dryRun ? "akan dikirim" : "terkirim")"
            : "remind \(day): \(sent) message\(sent == 1 ? "" : "s") \(dryRun ? "would be sent" : "sent")"
    }

    /// The summary of a run with its files: `…; 2 files in out`.
    public func remindFiles(summary: String, files: Int, out: String) -> String {
        language == .id ? "\(summary); \(files) berkas di \(out)" : "\(summary); \(files) file\(files == 1 ? "" : "s") in \(out)"
    }

    /// The summary of a dry run.
    public func remindDryRun(_ summary: String) -> String {
        language == .id ? "\(summary) (uji coba: tidak ada yang dicatat atau ditulis)" : "\(summary) (dry run: nothing recorded or written)"
    }
}
