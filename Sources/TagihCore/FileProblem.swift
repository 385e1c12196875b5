/// Why Tagih would not, or could not, write a file a person asked for
/// (an export, a letter, `--output`, a draft, a rejects file).
/// `Strings.fileProblem` says it in one sentence.
public enum FileProblem: Sendable, Equatable {
    /// The name is a symbolic link: Tagih never writes through one.
    case symlink
    /// The name is a device, a FIFO, a socket or a folder, not a plain file.
    case notRegular
    /// The file belongs to another user: Tagih never replaces it.
    case otherOwner
    /// The file is the ledger, one of its companions, or in the ledger's folder.
    case ledger
    /// The folder is missing or is not a folder.
    case noFolder
    /// The operating system refused (no permission on the folder).
    case permission
    /// The disk or the quota is full: nothing was written.
    case diskFull
    /// Any other failure, with the system's own words.
    case system(String)
}

extension Strings {
    public func fileProblem(_ path: String, _ p: FileProblem) -> String {
        let f = Strings.visible(path)
        if language == .id {
            switch p {
            case .symlink: return "tidak menulis \(f): itu tautan simbolik; sebutkan berkas biasa"
            case .notRegular: return "tidak menulis \(f): itu bukan berkas biasa (perangkat, FIFO atau folder)"
            case .otherOwner: return "tidak menulis \(f): berkas itu milik pengguna lain"
            case .ledger: return "tidak menulis \(f): itu buku besar Tagih atau foldernya"
            case .noFolder: return "tidak dapat menulis \(f): foldernya tidak ada"
            case .permission: return "tidak dapat menulis \(f): izin ditolak"
            case .diskFull: return "tidak dapat menulis \(f): disk penuh; tidak ada yang ditulis"
            case .system(let why): return "tidak dapat menulis \(f): \(why)"
            }
        }
        switch p {
        case .symlink: return "not writing \(f): it is a symbolic link; name a plain file"
        case .notRegular: return "not writing \(f): it is not a plain file (a device, a FIFO or a folder)"
        case .otherOwner: return "not writing \(f): the file belongs to another user"
        case .ledger: return "not writing \(f): it is the Tagih ledger or in its folder"
        case .noFolder: return "cannot write \(f): its folder does not exist"
        case .permission: return "cannot write \(f): permission denied"
        case .diskFull: return "cannot write \(f): the disk is full; nothing was written"
        case .system(let why): return "cannot write \(f): \(why)"
        }
    }

    /// Standard output could not be written (`> /dev/full`): what was printed
    /// is incomplete. `p` is nil when the cause is no longer known.
    public func standardOutputProblem(_ p: FileProblem?) -> String {
        let id = language == .id
        let why = switch p {
        case .diskFull?: id ? "disk atau perangkat penuh" : "the disk or device is full"
        case .permission?: id ? "izin ditolak" : "permission denied"
        case .system(let text)?: text
        default: id ? "penulisan gagal" : "a write failed"
        }
        return id ? "tidak dapat menulis keluaran standar: \(why); keluarannya tidak lengkap"
            : "cannot write standard output: \(why); the output is incomplete"
    }
}
