/// Why `tagih channel add|rotate` refused (CONTRACT §11, R17, R23), typed so
/// the reader hears it in their language (`Strings.channelProblem`); the
/// English is the command line's wording that scripts and tests pin.
public enum ChannelProblem: Error, Sendable, Equatable {
    /// A name no channel can have (a usage error, exit 2).
    case badName(String, ChannelName.Fault)
    case exists(String)
    case unknown(String)
    /// `--grace` as typed: not 1 to `ChannelProblem.longestGrace` minutes (a usage error, exit 2).
    case badGrace(String)

    /// A week: the longest an old secret may keep working after a rotation.
    public static let longestGrace = 10_080

    /// Exit 2 for what the command line got wrong, 1 for work refused (CONTRACT §2).
    public var exitCode: Int32 {
        switch self {
        case .badName, .badGrace: 2
        case .exists, .unknown: 1
        }
    }
}

/// What `tagih channel add|rotate` tells the person on standard error beside
/// the secret (which goes to standard output alone).
public enum ChannelNotice: Sendable, Equatable {
    case added(String)
    /// `graceMinutes`: how long the old secret keeps working; nil: refused from now on.
    case rotated(String, graceMinutes: Int?)
}

/// Why `tagih serve` could not start or stopped (a usage error for `--listen`, else exit 1).
public enum ServeProblem: Error, Sendable, Equatable {
    case badListen(String)
    case noHost(String)
    /// Another process listens there already.
    case addressInUse(String)
    /// Any other failure of the server; `detail` is the system's own words.
    case failed(listen: String, detail: String)
}

/// The lines `tagih serve` writes for the person who runs it (not the
/// per-request log line, whose format is fixed by the README).
public enum ServeNotice: Sendable, Equatable {
    /// Ends with HOST:PORT in both languages, so a script can take the port from the last colon.
    case listening(String)
    case stopped
    /// `detail`: why, already in the reader's language.
    case quickCheckFailed(String)
    /// The file at the ledger's path is no longer the one opened (moved, replaced) or cannot be read and written.
    case ledgerGone(String)
    case ledgerBack(String)
}

extension Strings {
    public func channelProblem(_ p: ChannelProblem) -> String {
        let id = language == .id
        switch p {
        case .badName(let name, let fault):
            let why: String
            switch fault {
            case .empty: why = id ? "nama kanal tidak boleh kosong" : "a channel name cannot be empty"
            case .tooLong: why = id ? "nama kanal paling banyak \(ChannelName.maxLength) karakter"
                                    : "a channel name has at most \(ChannelName.maxLength) characters"
            case .characters: why = id ? "nama kanal hanya memuat huruf A-Z, angka, '_', '-' dan '.' (misalnya VA atau BCA_VA)"
                                       : "a channel name holds only letters A-Z, digits, '_', '-' and '.' (such as VA or BCA_VA)"
            }
            // An empty name has nothing to name.
            return name.isEmpty ? why : "\(id ? "kanal" : "channel") \(TextField.quoted(name)): \(why)"
        case .exists(let name):
            return id ? "kanal \(name) sudah ada; `tagih channel rotate \(name)` memberinya rahasia baru"
                      : "channel \(name) exists already; `tagih channel rotate \(name)` gives it a new secret"
        case .unknown(let name):
            return id ? "tidak ada kanal \(TextField.quoted(name)); `tagih channel list` menampilkan kanal yang ada"
                      : "no channel \(TextField.quoted(name)); `tagih channel list` shows the channels"
        case .badGrace(let text):
            return id ? "--grace menerima 1 sampai \(ChannelProblem.longestGrace) menit (seminggu), bukan \(TextField.quoted(text))"
                      : "--grace takes 1 to \(ChannelProblem.longestGrace) minutes (a week), not \(TextField.quoted(text))"
        }
    }

    public func channelNotice(_ n: ChannelNotice) -> String {
        let id = language == .id
        switch n {
        case .added(let name):
            return id ? "kanal \(name) ditambahkan; rahasianya di atas hanya ditampilkan kali ini: serahkan kepada agen pengumpul lewat jalur yang aman"
                      : "channel \(name) added; its secret above is shown only this once: give it to the collecting agent over a safe path"
        case .rotated(let name, let grace?):
            return id ? "kanal \(name) mendapat rahasia baru, hanya ditampilkan kali ini; rahasia lama masih berlaku \(grace) menit lagi"
                      : "channel \(name) has a new secret, shown only this once; the old one works \(grace) more minute\(grace == 1 ? "" : "s")"
        case .rotated(let name, nil):
            return id ? "kanal \(name) mendapat rahasia baru, hanya ditampilkan kali ini; rahasia lama ditolak mulai sekarang"
                      : "channel \(name) has a new secret, shown only this once; the old one is refused from now on"
        }
    }

    public func serveProblem(_ p: ServeProblem) -> String {
        let id = language == .id
        switch p {
        case .badListen(let text):
            return id ? "--listen \(TextField.quoted(text)) bukan HOST:PORT (misalnya 127.0.0.1:8750)"
                      : "--listen \(TextField.quoted(text)) is not HOST:PORT (such as 127.0.0.1:8750)"
        case .noHost(let text):
            return id ? "--listen \(TextField.quoted(text)) tidak menyebut host (misalnya 127.0.0.1:8750)"
                      : "--listen \(TextField.quoted(text)) names no host (such as 127.0.0.1:8750)"
        case .addressInUse(let listen):
            return id ? "tidak dapat mendengarkan di \(listen): alamat itu sedang dipakai (server lain, atau `tagih serve` sebelumnya)"
                      : "cannot listen on \(listen): the address is in use (another server, or an earlier `tagih serve`)"
        case .failed(let listen, let detail):
            return id ? "serve di \(listen) berhenti: \(detail)" : "serve on \(listen) stopped: \(detail)"
        }
    }

    public func serveNotice(_ n: ServeNotice) -> String {
        let id = language == .id
        switch n {
        case .listening(let address): return id ? "mendengarkan di \(address)" : "listening on \(address)"
        case .stopped: return id ? "berhenti: setiap permintaan yang sudah diterima telah dijawab" : "stopped: every request taken in was answered"
        case .quickCheckFailed(let why):
            return id ? "tagih serve: pemeriksaan cepat per jam gagal: \(why)" : "tagih serve: the hourly quick check failed: \(why)"
        case .ledgerGone(let path):
            return id ? "tagih serve: \(path) bukan lagi berkas yang dibuka serve, atau tidak dapat dibaca (dipindah, diganti atau haknya diubah); "
                        + "setiap permintaan dijawab 503 sampai ledger itu kembali (jalankan ulang serve untuk berkas baru)"
                      : "tagih serve: \(path) is not the file serve opened, or cannot be read (moved, replaced or its rights changed); "
                        + "every request is answered 503 until that ledger is back (restart serve for a new file)"
        case .ledgerBack(let path):
            return id ? "tagih serve: \(path) kembali; melayani lagi" : "tagih serve: \(path) is back; serving again"
        }
    }
}
