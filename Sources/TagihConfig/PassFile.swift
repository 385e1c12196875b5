import Foundation
import TagihCore

/// A PostgreSQL password file in libpq's `.pgpass` format (CONTRACT §12):
/// `hostname:port:database:username:password` a line, `*` matching anything
/// in the first four fields, `\:` and `\\` escaping, `#` comments, the first
/// matching line wins. Tagih reads it rather than a password in the URI,
/// which would show in the process list.
public enum PassFile {
    /// The file to read: `database.passfile` from the config, else
    /// `PGPASSFILE`, else `~/.pgpass` (the home of the real user, as libpq).
    public static func path(configured: String?, environment: [String: String]) -> String? {
        if let c = configured, !c.isEmpty { return c }
        if let e = environment["PGPASSFILE"], !e.isEmpty { return e }
        if let pw = getpwuid(getuid()), let dir = pw.pointee.pw_dir { return String(cString: dir) + "/.pgpass" }
        return nil
    }

    /// The password for a connection, from the first matching line of `text`.
    /// An empty password is none (libpq's rule).
    public static func password(in text: String, host: String, port: Int, database: String, user: String) -> String? {
        let wanted = [host, String(port), database, user]
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            if line.hasPrefix("#") { continue }
            let fields = split(line)
            guard fields.count >= 5 else { continue }
            let matches = zip(fields.prefix(4), wanted).allSatisfy { $0 == "*" || $0 == $1 }
            if matches { return fields[4].isEmpty ? nil : fields[4] }
        }
        return nil
    }

    /// The fields of one line: `:` separates, `\` escapes the next character.
    /// The fifth field keeps any further colons (a password may hold them escaped or not, as libpq).
    static func split(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var escaped = false
        for ch in line {
            if escaped { current.append(ch); escaped = false; continue }
            if ch == "\\" { escaped = true; continue }
            if ch == ":" && fields.count < 4 { fields.append(current); current = ""; continue }
            current.append(ch)
        }
        fields.append(current)
        return fields
    }

    /// The host a password file names for a connection: `localhost` for the
    /// default socket folder (or none), else the host or socket folder as written.
    public static func host(for uri: PostgresURI) -> String {
        if let h = uri.host { return h }
        guard let folder = uri.socketFolder, folder != PostgresURI.defaultSocketFolder else { return "localhost" }
        return folder
    }

    /// libpq ignores (with a warning) a password file that group or others
    /// may read or write. The protected install keeps a copy the
    /// set-group-ID binary reads (group `tagih`, mode 0640, §12): a file the
    /// group may only read is accepted when its group is the process's
    /// effective group, and no one else's.
    public static func permissionProblem(mode: UInt32, isRegular: Bool, fileGroup: UInt32, effectiveGroup: UInt32) -> PassFileProblem? {
        guard isRegular else { return .notPlainFile }
        let permissions = mode & 0o7777
        if permissions & 0o077 == 0 { return nil }
        if permissions & 0o037 == 0, fileGroup == effectiveGroup { return nil }
        return .tooOpen(mode: permissions)
    }

    /// Whether a set-group-ID install may read the password file at `path`
    /// with its group's rights to connect to `uri` (CONTRACT §12): only the
    /// install's own file, and only for the install's own URI, as its system
    /// config names them. Any other URI — a server a person starts to catch
    /// the password — never gets a password from that file, whatever
    /// wildcards its lines hold.
    public static func isInstallPassfile(_ path: String, for uri: PostgresURI, install: (uri: PostgresURI, passfile: String)?) -> Bool {
        guard let install, install.passfile.hasPrefix("/") else { return false }
        return uri == install.uri && path == install.passfile
    }

    /// The password for `uri` from the file at `path`; nil when there is
    /// none, the file is missing, or (with a warning) it is too open.
    public static func lookup(_ uri: PostgresURI, user: String, path: String?, warn: (PassFileProblem) -> Void) -> String? {
        guard let path else { return nil }
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        if let problem = permissionProblem(mode: UInt32(st.st_mode), isRegular: (st.st_mode & S_IFMT) == S_IFREG,
                                           fileGroup: UInt32(st.st_gid), effectiveGroup: UInt32(getegid())) {
            warn(problem)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return password(in: String(decoding: data, as: UTF8.self), host: host(for: uri), port: uri.port ?? PostgresURI.defaultPort,
                        database: uri.database, user: user)
    }
}
