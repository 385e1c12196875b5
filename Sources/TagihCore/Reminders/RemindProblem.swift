/// Why `tagih remind`, `remind results` or `remind pause` refuses (CONTRACT
/// §10), typed so the command line and the workstation say it in the
/// reader's language (`Strings.remindProblem`); `text(.en)` is the wording
/// scripts and tests pin. Values shown come already made safe for a
/// terminal (`TextField.visible`) by the caller.
public enum RemindProblem: Sendable, Equatable {
    case unknownTimeZone(account: String, zone: String)
    case unknownStage(String, known: [String])
    case emptyResults(file: String)
    case missingColumn(file: String, column: String)
    /// A results row's field: missing, not a message id, status or time.
    case resultField(file: String, line: Int, field: String, value: String?, problem: ResultFieldProblem)
    case noSuchMessage(file: String, line: Int, id: Int64)
    /// The results file cannot be opened.
    case resultsUnreadable(file: String)
    /// A results row the CSV reader cannot split; `why` is its words (an unterminated quote, …).
    case resultRowUnreadable(file: String, line: Int, why: String)
    /// A results row's field holds the control character `code` (R8).
    case resultControlCharacter(file: String, line: Int, field: String, code: String)

    public enum ResultFieldProblem: Sendable, Equatable {
        case missing, notUTF8, notAMessageID, notAStatus, notATime
        /// Longer than the CSV reader keeps (its bytes were never read into memory).
        case tooLong(bytes: Int)
    }
}

extension Strings {
    public func remindProblem(_ p: RemindProblem) -> String {
        let id = language == .id
        switch p {
        case .unknownTimeZone(let account, let zone):
            return id ? "akun \(account) memakai zona waktu \(zone), yang tidak dikenal sistem ini"
                      : "account \(account) has time zone \(zone), which this system does not know"
        case .unknownStage(let name, let known):
            return id ? "tidak ada tahap pengingat \(name) dalam aturan (tahap: \(known.joined(separator: ", ")))"
                      : "no reminder stage \(name) in the rules (stages: \(known.joined(separator: ", ")))"
        case .emptyResults(let file):
            return id ? "\(file): berkas kosong (diharapkan header message_id,status,at)" : "\(file): empty file (expected the header message_id,status,at)"
        case .missingColumn(let file, let column):
            return id ? "\(file) baris 1: header tidak memuat kolom \(column) (diharapkan message_id,status,at)"
                      : "\(file) line 1: the header has no \(column) column (expected message_id,status,at)"
        case .resultsUnreadable(let file):
            return id ? "tidak dapat membaca \(file): berkasnya tidak ada atau tidak dapat dibaca"
                      : "cannot read \(file): no such file or it is not readable"
        case .resultRowUnreadable(let file, let line, let why):
            // The sentences `reconcile` says of a statement's line and `--note` of its text (R8).
            return "\(file) \(id ? "baris" : "line") \(line): \(reconcileFault(.unreadable(why)))"
        case .resultControlCharacter(let file, let line, let field, let code):
            return "\(file) \(id ? "baris" : "line") \(line): \(recordProblem(.controlCharacter(field: field, code: code), options: true))"
        case .noSuchMessage(let file, let line, let message):
            return id ? "\(file) baris \(line), kolom message_id: tidak ada pesan \(message) yang dikirim"
                      : "\(file) line \(line), field message_id: no message \(message) was sent"
        case .resultField(let file, let line, let field, let value, let problem):
            let v = value ?? ""
            let what: String = switch problem {
            case .missing: id ? "kosong" : "missing"
            case .notUTF8: id ? "bukan UTF-8" : "not UTF-8"
            case .notAMessageID: id ? "\(v) bukan nomor pesan" : "\(v) is not a message id"
            case .notAStatus: id ? "\(v) bukan delivered, read atau failed" : "\(v) is not delivered, read or failed"
            case .tooLong(let n): id ? "lebih panjang dari \(n) bita" : "longer than \(n) bytes"
            case .notATime: id ? "\(v) bukan waktu (diharapkan ISO 8601 dengan zona, mis. 2026-11-16T10:01:00+07:00)"
                                 : "\(v) is not a time (expected ISO 8601 with an offset, e.g. 2026-11-16T10:01:00+07:00)"
            }
            return id ? "\(file) baris \(line), kolom \(field): \(what)" : "\(file) line \(line), field \(field): \(what)"
        }
    }
}
