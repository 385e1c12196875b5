/// What can be wrong with a PostgreSQL ledger's location, its password file
/// or its server (CONTRACT §12), as typed values; `Strings` says them.
public enum LedgerLocationProblem: Error, Sendable, Equatable {
    /// `postgresql://user:secret@…`: it would show in the process list.
    case passwordInURI
    /// Not `postgresql://[USER@][HOST][:PORT]/DBNAME[?host=…&sslmode=…]`; the detail names the part.
    case malformedURI(String)
    /// No `/DBNAME`.
    case noDatabase
    case badPort(String)
    case unknownParameter(String)
    case badSSLMode(String)
}

/// Why a password file is not used (libpq's rules; a warning, never fatal).
public enum PassFileProblem: Sendable, Equatable {
    case notPlainFile
    /// Readable or writable by group or others (beyond the protected install's 0640 group file).
    case tooOpen(mode: UInt32)
}

/// A PostgreSQL server that could not be reached or was lost mid-command.
public enum PostgresServerProblem: Sendable, Equatable, Hashable {
    case unreachable(detail: String)
    case lost
    case authentication(detail: String)
    /// An error the server reported (SQLSTATE and its message).
    case server(sqlState: String, message: String)
    case serializationRetriesExhausted(attempts: Int)
}

extension Strings {
    /// `source` names where the location came from: `--db`, `TAGIH_DB` or `database.path`.
    public func locationProblem(_ source: String, _ p: LedgerLocationProblem) -> String {
        switch (language, p) {
        case (.en, .passwordInURI):
            "\(source): a password in a PostgreSQL URI is refused (it would show in the process list); put it in a password file named by database.passfile or PGPASSFILE"
        case (.id, .passwordInURI):
            "\(source): kata sandi di dalam URI PostgreSQL ditolak (akan terlihat di daftar proses); simpan di berkas kata sandi yang ditunjuk database.passfile atau PGPASSFILE"
        case (.en, .malformedURI(let d)):
            "\(source): not a PostgreSQL URI as postgresql://[USER@][HOST][:PORT]/DBNAME[?host=/SOCKET/FOLDER&sslmode=…] (\(d))"
        case (.id, .malformedURI(let d)):
            "\(source): bukan URI PostgreSQL berbentuk postgresql://[USER@][HOST][:PORT]/DBNAME[?host=/SOCKET/FOLDER&sslmode=…] (\(d))"
        case (.en, .noDatabase): "\(source): the PostgreSQL URI names no database (postgresql://HOST/DBNAME)"
        case (.id, .noDatabase): "\(source): URI PostgreSQL tidak menyebut basis data (postgresql://HOST/DBNAME)"
        case (.en, .badPort(let v)): "\(source): the port \(v) is not a number from 1 to 65535"
        case (.id, .badPort(let v)): "\(source): port \(v) bukan angka 1 sampai 65535"
        case (.en, .unknownParameter(let v)): "\(source): the URI parameter \(v) is not one Tagih reads (host, port, user, sslmode, application_name, connect_timeout)"
        case (.id, .unknownParameter(let v)): "\(source): parameter URI \(v) tidak dikenal Tagih (host, port, user, sslmode, application_name, connect_timeout)"
        case (.en, .badSSLMode(let v)): "\(source): sslmode=\(v) is not one of disable, allow, prefer, require, verify-ca, verify-full"
        case (.id, .badSSLMode(let v)): "\(source): sslmode=\(v) bukan salah satu dari disable, allow, prefer, require, verify-ca, verify-full"
        }
    }

    /// A command given a PostgreSQL ledger before it has a PostgreSQL path.
    public func notOnPostgresYet(_ uri: String) -> String {
        switch language {
        case .en: "\(uri): this command does not run on PostgreSQL yet; use a ledger file"
        case .id: "\(uri): perintah ini belum berjalan di PostgreSQL; pakai berkas buku besar"
        }
    }

    public func passFileProblem(_ path: String, _ p: PassFileProblem) -> String {
        switch (language, p) {
        case (.en, .notPlainFile): "password file \(path) is not a plain file; it is not used"
        case (.id, .notPlainFile): "berkas kata sandi \(path) bukan berkas biasa; tidak dipakai"
        case (.en, .tooOpen(let m)):
            "password file \(path) has group or world access (mode \(String(m, radix: 8))); it is not used: permissions should be u=rw (0600) or less"
        case (.id, .tooOpen(let m)):
            "berkas kata sandi \(path) bisa dibaca grup atau semua orang (mode \(String(m, radix: 8))); tidak dipakai: izinnya harus u=rw (0600) atau kurang"
        }
    }

    /// `server` names the server: its host or socket folder, and the database.
    public func postgresProblem(_ server: String, _ p: PostgresServerProblem) -> String {
        switch (language, p) {
        case (.en, .unreachable(let d)): "the PostgreSQL server \(server) cannot be reached (\(d))"
        case (.id, .unreachable(let d)): "server PostgreSQL \(server) tidak dapat dihubungi (\(d))"
        case (.en, .lost): "the connection to the PostgreSQL server \(server) was lost; nothing of this command was saved"
        case (.id, .lost): "sambungan ke server PostgreSQL \(server) terputus; tidak ada yang tersimpan dari perintah ini"
        case (.en, .authentication(let d)): "the PostgreSQL server \(server) refused the login (\(d))"
        case (.id, .authentication(let d)): "server PostgreSQL \(server) menolak login (\(d))"
        case (.en, .server(let s, let m)): "the PostgreSQL server \(server) reported \(s): \(m)"
        case (.id, .server(let s, let m)): "server PostgreSQL \(server) melaporkan \(s): \(m)"
        case (.en, .serializationRetriesExhausted(let n)):
            "the PostgreSQL server \(server) kept refusing the change as conflicting with others (tried \(n) times); nothing was saved, try again"
        case (.id, .serializationRetriesExhausted(let n)):
            "server PostgreSQL \(server) terus menolak perubahan karena bentrok dengan yang lain (dicoba \(n) kali); tidak ada yang tersimpan, coba lagi"
        }
    }
}
