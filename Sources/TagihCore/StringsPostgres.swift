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
    /// A hot standby (streaming replication): it serves reading commands only.
    case standby
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
        case (.en, .unknownParameter(let v)): "\(source): the URI parameter \(v) is not one Tagih reads (host, port, user, sslmode, sslrootcert, sslcert, sslkey, application_name, connect_timeout)"
        case (.id, .unknownParameter(let v)): "\(source): parameter URI \(v) tidak dikenal Tagih (host, port, user, sslmode, sslrootcert, sslcert, sslkey, application_name, connect_timeout)"
        case (.en, .badSSLMode(let v)): "\(source): sslmode=\(v) is not one of disable, allow, prefer, require, verify-ca, verify-full"
        case (.id, .badSSLMode(let v)): "\(source): sslmode=\(v) bukan salah satu dari disable, allow, prefer, require, verify-ca, verify-full"
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
        case (.en, .standby):
            "the PostgreSQL server \(server) is a read-only standby: it serves reports, not records; nothing was changed (record on the primary)"
        case (.id, .standby):
            "server PostgreSQL \(server) adalah standby hanya-baca: melayani laporan, bukan pencatatan; tidak ada yang diubah (catat di server utama)"
        }
    }
}

/// Why `tagih migrate` refuses (CONTRACT §2, §12), as typed values.
public enum MigrateRefusal: Sendable, Equatable {
    /// `--to` names a ledger of the same kind as `--db` (a file, or PostgreSQL): a usage error.
    case sameKind(target: String, postgres: Bool)
    case adminsOnly(login: String, role: String)
    /// The rules of `CommandContext.session`, read from a PostgreSQL ledger's users.
    case notAUser(login: String, ledger: String)
    case deactivated(login: String, ledger: String)
    case asOnlyForAdmins(login: String, role: String)
    case unknownAsUser(String)
    /// The source is not a PostgreSQL database holding Tagih's current schema.
    case sourceNotALedger(String)
    case targetIsFolder(String)
    /// An existing file that is neither empty nor an empty Tagih ledger.
    case targetNotALedger(String)
    case targetNotEmpty(path: String, table: String, rows: Int64)
    /// The two ends disagree on a table's columns (a Tagih of another version made one of them).
    case tablesDiffer(table: String, target: String)
    /// A copied row names a row of `parent` that the copy does not hold.
    case danglingRow(table: String, rowid: Int64?, parent: String)
}

extension Strings {
    public func migrateRefusal(_ r: MigrateRefusal) -> String {
        switch (language, r) {
        case (.en, .sameKind(let t, true)):
            "--to: \(t) is a PostgreSQL database, as --db is; migrate copies a PostgreSQL ledger into a new ledger file (give a file path)"
        case (.id, .sameKind(let t, true)):
            "--to: \(t) adalah basis data PostgreSQL, sama seperti --db; migrate menyalin buku besar PostgreSQL ke berkas buku besar baru (beri jalur berkas)"
        case (.en, .sameKind(let t, false)):
            "--to: \(t) is not a PostgreSQL URI (postgresql://HOST/DBNAME); migrate copies a ledger file into PostgreSQL, or a PostgreSQL ledger into a file"
        case (.id, .sameKind(let t, false)):
            "--to: \(t) bukan URI PostgreSQL (postgresql://HOST/DBNAME); migrate menyalin berkas buku besar ke PostgreSQL, atau buku besar PostgreSQL ke berkas"
        case (.en, .adminsOnly(let l, let role)): "migrate copies the whole ledger: admins only; \(l) is a \(role)"
        case (.id, .adminsOnly(let l, let role)): "migrate menyalin seluruh buku besar: hanya admin; \(l) adalah \(role)"
        case (.en, .notAUser(let l, let db)):
            "login \(l) is not a Tagih user of \(db); an admin can add it with `tagih user add \(l) --name NAME --role collector`"
        case (.id, .notAUser(let l, let db)):
            "login \(l) bukan pengguna Tagih di \(db); admin dapat menambahkannya dengan `tagih user add \(l) --name NAME --role collector`"
        case (.en, .deactivated(let l, let db)): "login \(l) is deactivated in \(db)"
        case (.id, .deactivated(let l, let db)): "login \(l) dinonaktifkan di \(db)"
        case (.en, .asOnlyForAdmins(let l, let role)): "--as is allowed only to admins; \(l) is a \(role)"
        case (.id, .asOnlyForAdmins(let l, let role)): "--as hanya untuk admin; \(l) adalah \(role)"
        case (.en, .unknownAsUser(let l)): "--as \(l): unknown user"
        case (.id, .unknownAsUser(let l)): "--as \(l): pengguna tidak dikenal"
        case (.en, .sourceNotALedger(let db)): "\(db) holds no current Tagih ledger; run `tagih init --db \(db)` first"
        case (.id, .sourceNotALedger(let db)): "\(db) tidak berisi buku besar Tagih versi ini; jalankan dulu `tagih init --db \(db)`"
        case (.en, .targetIsFolder(let p)): "--to: \(p) is a folder; name a new ledger file"
        case (.id, .targetIsFolder(let p)): "--to: \(p) adalah folder; sebutkan berkas buku besar baru"
        case (.en, .targetNotALedger(let p)):
            "--to: \(p) already exists and is not an empty Tagih ledger; migrate copies only into a new or empty file"
        case (.id, .targetNotALedger(let p)):
            "--to: \(p) sudah ada dan bukan buku besar Tagih yang kosong; migrate hanya menyalin ke berkas baru atau kosong"
        case (.en, .targetNotEmpty(let p, let t, let n)):
            "--to: \(p) is not empty (its table \(t) has \(n) rows); migrate copies only into an empty ledger"
        case (.id, .targetNotEmpty(let p, let t, let n)):
            "--to: \(p) tidak kosong (tabel \(t) berisi \(n) baris); migrate hanya menyalin ke buku besar yang kosong"
        case (.en, .tablesDiffer(let t, let target)):
            "the table \(t) has other columns in \(target) than in the ledger copied; both ends must be made by this version of Tagih"
        case (.id, .tablesDiffer(let t, let target)):
            "tabel \(t) di \(target) memiliki kolom yang berbeda dari buku besar yang disalin; kedua ujung harus dibuat oleh versi Tagih ini"
        case (.en, .danglingRow(let t, let id, let parent)):
            "a row of \(t)\(id.map { " (rowid \($0))" } ?? "") names a row of \(parent) that the ledger copied does not hold"
        case (.id, .danglingRow(let t, let id, let parent)):
            "sebuah baris \(t)\(id.map { " (rowid \($0))" } ?? "") merujuk baris \(parent) yang tidak ada di buku besar yang disalin"
        }
    }

    /// Ends the sentence of a copy that failed: nothing of it stays.
    public func migrateUndone(_ target: String, removed: Bool) -> String {
        switch (language, removed) {
        case (.en, true): "nothing was copied, and \(target) was removed"
        case (.id, true): "tidak ada yang disalin, dan \(target) dihapus"
        case (.en, false): "nothing was copied; \(target) is as it was"
        case (.id, false): "tidak ada yang disalin; \(target) tetap seperti semula"
        }
    }
}
