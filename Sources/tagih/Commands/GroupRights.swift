import Foundation
import TagihConfig
import TagihCore
import TagihStore

/// A set-group-ID install (contract §1a, R6; DESIGN §6a): the binary is
/// `root:tagih` mode 2755, the ledger's folder `root:tagih` 2770. The group's
/// rights open the install's ledger and its companions, and nothing else.
///
/// The process drops to the person's own group at once (`start`), and raises
/// the group only around opening that ledger, on one connection that is
/// opened and read while raised (a pool would open more connections later,
/// on other threads). Everything a person names — exports, letters,
/// `--output`, drafts, rejects files, a new ledger — is therefore made with
/// the person's own rights; no thread ever runs with the group while another
/// writes a person's file.
enum GroupRights {
    /// The set-group-ID's group, when the binary runs as one (egid ≠ gid at start).
    nonisolated(unsafe) private(set) static var group: gid_t?

    /// First thing in `main`: drop the group, and forget the variables that
    /// would choose where SQLite puts its temporary files.
    static func start() {
        let effective = getegid(), real = getgid()
        guard effective != real else { return }
        group = effective
        guard setegid(real) == 0 else {
            FileHandle.standardError.write(Data("tagih: cannot drop the set-group-ID group; stopping\n".utf8))
            exit(1)
        }
        unsetenv("TMPDIR"); unsetenv("SQLITE_TMPDIR")
        // New files are the person's and private unless Tagih says otherwise.
        umask(0o077)
    }

    static var isSetGroupID: Bool { group != nil }

    /// Runs `body` with the group's rights, then drops them again whatever happens.
    static func raised<T>(_ body: () throws -> T) throws -> T {
        guard let group else { return try body() }
        guard setegid(group) == 0 else { throw CommandError.failed("cannot take the install's group rights") }
        defer {
            if setegid(getgid()) != 0 {
                FileHandle.standardError.write(Data("tagih: cannot drop the set-group-ID group; stopping\n".utf8))
                exit(1)
            }
        }
        return try body()
    }
}

/// Where this binary is installed: `PREFIX/bin/tagih` gives `PREFIX/etc/tagih.toml`,
/// and that config's `database.path` is the install's ledger.
enum Install {
    /// PREFIX, from the binary's own path (`/proc/self/exe`), when it sits in a `bin` folder.
    static let prefix: String? = {
        guard let real = realpath("/proc/self/exe", nil) else { return nil }
        defer { free(real) }
        let exe = String(cString: real) as NSString
        let bin = exe.deletingLastPathComponent as NSString
        guard bin.lastPathComponent == "bin" else { return nil }
        return bin.deletingLastPathComponent
    }()

    /// `PREFIX/etc/tagih.toml`, when it exists.
    static var systemConfig: String? {
        guard let prefix else { return nil }
        let path = (prefix as NSString).appendingPathComponent("etc/tagih.toml")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// The system config's settings, trusted only when root owns that config
    /// and nobody else may write it.
    private static func trustedSettings() -> Settings? {
        guard let config = systemConfig else { return nil }
        var st = stat()
        guard stat(config, &st) == 0, st.st_uid == 0, st.st_mode & 0o022 == 0 else { return nil }
        return try? ConfigLoader.load(explicitPath: config)
    }

    /// The install's ledger: `database.path` of the trusted system config, when it is a file.
    static let ledger: String? = {
        guard let settings = trustedSettings(), settings.databasePath.hasPrefix("/") else { return nil }
        return (settings.databasePath as NSString).standardizingPath
    }()

    /// The install's PostgreSQL ledger (`scripts/install --postgres`, §12):
    /// the URI and the password file of the trusted system config.
    static let postgres: (uri: PostgresURI, passfile: String)? = {
        guard let settings = trustedSettings(), case .postgres(let uri)? = try? LedgerLocation.parse(settings.databasePath),
              let passfile = settings.personal.databasePassfile else { return nil }
        return (uri, passfile)
    }()

    /// The password for `uri` from the password file at `path`. The install's
    /// copy (root:GROUP, mode 0640) is read with the group's rights, and only
    /// for the install's URI (`PassFile.isInstallPassfile`); any other file
    /// with the person's own rights, as libpq would.
    static func password(for uri: PostgresURI, user: String, path: String?, warn: (PassFileProblem) -> Void) throws -> String? {
        if GroupRights.isSetGroupID, let path, PassFile.isInstallPassfile(path, for: uri, install: postgres) {
            return try GroupRights.raised { PassFile.lookup(uri, user: user, path: path, warn: warn) }
        }
        return PassFile.lookup(uri, user: user, path: path, warn: warn)
    }

    /// The install's data folder (the ledger's folder), resolved.
    static var dataFolder: String? { ledger.map { ($0 as NSString).deletingLastPathComponent } }

    enum Place: Equatable { case installLedger, inDataFolder, elsewhere }

    /// Where `path` lies, judged by its folder resolved with the person's rights
    /// (the person cannot see inside the data folder, but can resolve the folder itself).
    static func place(of path: String) -> Place {
        guard let ledger, let data = dataFolder, let realData = resolved(data) else { return .elsewhere }
        let dir = (path as NSString).deletingLastPathComponent
        guard let realDir = resolved(dir.isEmpty ? "." : dir) else { return .elsewhere }
        if realDir != realData { return .elsewhere }
        return (path as NSString).lastPathComponent == (ledger as NSString).lastPathComponent ? .installLedger : .inDataFolder
    }

    static func resolved(_ path: String) -> String? {
        guard let r = realpath(path, nil) else { return nil }
        defer { free(r) }
        return String(cString: r)
    }

    /// Runs `body` with the group's rights when `path` is the install's
    /// ledger under set-group-ID (another connection to it), else as it is.
    static func withRights<T>(for path: String, _ body: () throws -> T) throws -> T {
        guard GroupRights.isSetGroupID, ledger != nil, place(of: path) == .installLedger || path == ledger else { return try body() }
        return try GroupRights.raised(body)
    }

    /// Opens the ledger at `path` with the right rights:
    /// - the install's ledger, under set-group-ID: with the group's rights, by its
    ///   canonical path, on one connection; a missing one is never created with them;
    /// - any other file in the install's data folder: refused under set-group-ID;
    /// - anything else: with the person's own rights, as usual.
    static func open(path: String, settings: Settings, create: Bool, cacheMebibytes: Int, access: AppDatabase.Access = .write,
                     pool: Bool = false) throws -> AppDatabase {
        // Whatever the rights, a person's files are never written over the ledger.
        PrivateFile.protected = [path] + (dataFolder.map { [$0] } ?? [])
        guard GroupRights.isSetGroupID, let ledger else {
            return try AppDatabase.open(path: path, settings: settings, create: create, cacheMebibytes: cacheMebibytes, access: access, pool: pool)
        }
        switch place(of: path) {
        case .elsewhere:
            return try AppDatabase.open(path: path, settings: settings, create: create, cacheMebibytes: cacheMebibytes, access: access, pool: pool)
        case .inDataFolder:
            throw CommandError.failed("\(path) is in the install's data folder \(dataFolder ?? ""); only its ledger \(ledger) is opened there")
        case .installLedger:
            let exists = try GroupRights.raised { FileManager.default.fileExists(atPath: ledger) }
            // A missing ledger is made by `scripts/install` (root), never with the group's rights.
            guard exists else {
                return try AppDatabase.open(path: ledger, settings: settings, create: create, cacheMebibytes: cacheMebibytes, access: access, pool: pool)
            }
            return try GroupRights.raised {
                try AppDatabase.open(path: ledger, settings: settings, create: false, cacheMebibytes: cacheMebibytes, access: access, tempInMemory: true)
            }
        }
    }
}
