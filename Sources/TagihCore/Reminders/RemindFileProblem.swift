/// Why `tagih remind` could not make its files (CONTRACT §10: the out
/// folder, the gateway files, the letters), or was not told where to put
/// them; typed like `RemindProblem` so the command line says it in the
/// reader's language (`Strings.remindFileProblem`). `text(.en)` is the
/// wording the nightly log and scripts read. The operating system's own
/// words (`why`) stay as they are: they are a detail for whoever fixes the
/// folder, and the sentence around them is the reader's. Paths come already
/// made safe for a terminal (`TextField.visible`) by the caller.
public enum RemindFileProblem: Sendable, Equatable {
    /// `tagih remind` without `--out DIR` (a usage error).
    case needsOut
    /// A letter's PDF could not be made; `why` is the PDF library's.
    case letterNotMade(letter: String, why: String)
    /// The out folder (or its `letters` folder) is something else.
    case notAFolder(path: String)
    case folderNotMade(path: String, why: String)
    /// A file of the out folder could not be written at `step`.
    case notWritten(path: String, step: WriteStep, why: String)

    /// Where writing a file failed (its temporary name is removed; the old file stays).
    public enum WriteStep: Sendable, Equatable { case outFolder, open, write, sync, close, rename }
}

extension Strings {
    public func remindFileProblem(_ p: RemindFileProblem) -> String {
        let id = language == .id
        switch p {
        case .needsOut:
            return id ? "tagih remind memerlukan --out DIR" : "tagih remind needs --out DIR"
        case .letterNotMade(let letter, let why):
            return id ? "tidak dapat membuat surat \(letter): \(why)" : "cannot make the letter \(letter): \(why)"
        case .notAFolder(let path):
            return id ? "\(path) bukan folder" : "\(path) is not a folder"
        case .folderNotMade(let path, let why):
            return id ? "tidak dapat membuat folder \(path): \(why)" : "cannot make the folder \(path): \(why)"
        case .notWritten(let path, let step, let why):
            let at: String = switch step {
            case .outFolder: id ? "folder keluaran" : "the out folder"
            case .open: id ? "membuka" : "open"
            case .write: id ? "menulis" : "write"
            case .sync: id ? "menyimpan ke disk" : "sync"
            case .close: id ? "menutup" : "close"
            case .rename: id ? "mengganti nama" : "rename"
            }
            return id ? "tidak dapat menulis \(path): \(at): \(why)" : "cannot write \(path): \(at): \(why)"
        }
    }

    /// `remind results FILE`'s line: `results in.csv: 3 rows, 2 recorded, 1 already recorded`.
    /// `results` stays the first word in both languages (it names the command).
    public func remindResults(file: String, rows: Int, recorded: Int, duplicates: Int) -> String {
        language == .id
            ? "results \(file): \(rows) baris, \(recorded) dicatat, \(duplicates) sudah tercatat"
            : "results \(file): \(rows) rows, \(recorded) recorded, \(duplicates) already recorded"
    }

    /// `remind pause|resume STAGE`: what changed from `day`, or that nothing did.
    public func remindPause(stage: String, paused: Bool, changed: Bool, day: String) -> String {
        let id = language == .id
        switch (changed, paused) {
        case (true, true): return id ? "tahap \(stage) dijeda mulai \(day)" : "stage \(stage) paused from \(day)"
        case (true, false): return id ? "tahap \(stage) dilanjutkan mulai \(day)" : "stage \(stage) resumed from \(day)"
        case (false, true): return id ? "tahap \(stage) sudah dijeda; tidak ada yang berubah" : "stage \(stage) is already paused; nothing changed"
        case (false, false): return id ? "tahap \(stage) tidak sedang dijeda; tidak ada yang berubah" : "stage \(stage) is not paused; nothing changed"
        }
    }
}
