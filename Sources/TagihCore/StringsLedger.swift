/// Why the ledger file itself could not serve a command: SQLite's failures
/// (busy, read-only, full, damaged, not a ledger) as typed values, so the
/// command line and the workstation say them in the reader's language and
/// never show SQLite's raw text.
public enum LedgerFailure: Equatable, Sendable {
    /// Another process held the write lock longer than the busy timeout.
    case busy
    /// The file, its folder or its mount does not let this process write.
    case readOnly(path: String)
    /// The disk (or a file size limit) is full.
    case full
    /// SQLite finds the file damaged (SQLITE_CORRUPT, a failed quick check).
    case damaged(path: String, detail: String?)
    /// The file is not an SQLite database at all.
    case notALedger(path: String)
    /// The file or its companions cannot be opened (permissions, a missing folder).
    case cannotOpen(path: String)
    /// No file at the path (a command that does not create one: `--db` mistyped, TAGIH_DB of another host).
    case missing(path: String)
    /// Anything else SQLite reports, with its result code.
    case other(code: Int32, message: String)
    /// A ledger on a PostgreSQL server, asked for something that runs only on a file so far.
    case notOnServerYet(place: String)
    /// The PostgreSQL server could not be reached, was lost, or refused the work.
    case server(place: String, problem: PostgresServerProblem)
}

extension Strings {
    /// One sentence for a ledger failure.
    public func ledgerFailure(_ f: LedgerFailure) -> String {
        let id = language == .id
        switch f {
        // Short enough for the workstation's status line at 80 columns.
        case .busy:
            return id ? "ledger sibuk (perintah lain sedang menulis); tidak ada yang tersimpan, coba lagi"
                      : "the ledger is busy (another command is writing); nothing was saved, try again"
        case .readOnly(let path):
            return id ? "ledger \(path) hanya-baca; tidak ada yang ditulis"
                      : "the ledger \(path) is read-only; nothing was written"
        case .full:
            return id ? "disk penuh; tidak ada yang tersimpan"
                      : "the disk is full; nothing was saved"
        case .damaged(let path, let detail):
            let d = detail.map { " (\($0))" } ?? ""
            return id ? "ledger \(path) rusak\(d); tidak ada yang ditulis; jalankan `tagih check`"
                      : "the ledger \(path) is damaged\(d); nothing was written; run `tagih check`"
        case .notALedger(let path):
            return id ? "berkas \(path) bukan ledger Tagih" : "the file \(path) is not a Tagih ledger"
        case .cannotOpen(let path):
            return id ? "ledger \(path) tidak dapat dibuka (izin berkas atau foldernya)"
                      : "the ledger \(path) cannot be opened (the rights of the file or its folder)"
        case .missing(let path):
            return id ? "basis data \(path) tidak ada; buat dengan `tagih init` atau sebutkan yang lain dengan --db"
                      : "database \(path) does not exist; create it with `tagih init` or name another with --db"
        case .other(let code, let message):
            return id ? "kesalahan basis data \(code): \(message)" : "database error \(code): \(message)"
        case .notOnServerYet(let place):
            return id ? "\(place): ini belum berjalan di PostgreSQL; tidak ada yang diubah; pakai berkas buku besar"
                      : "\(place): this does not run on PostgreSQL yet; nothing was changed; use a ledger file"
        case .server(let place, let problem):
            return postgresProblem(place, problem)
        }
    }

    /// The status line while a save waits for another writer to finish.
    public var waitingForLedger: String {
        language == .id ? "menunggu ledger (perintah lain sedang menulis)…" : "waiting for the ledger (another command is writing)…"
    }

    /// A second save asked for while one is still waiting.
    public var saveAlreadyWaiting: String {
        language == .id ? "penyimpanan sebelumnya masih menunggu ledger; tunggu sebentar"
                        : "the previous save is still waiting for the ledger; wait a moment"
    }
}
