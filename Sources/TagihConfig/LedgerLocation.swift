import TagihCore

/// Where the ledger is (CONTRACT §2, §12): `--db`, `TAGIH_DB` or
/// `database.path` is a file path, or a PostgreSQL connection URI. The value
/// decides; nothing else. Pure: no file or server is looked at here.
public enum LedgerLocation: Sendable, Equatable {
    case file(String)
    case postgres(PostgresURI)

    public static func parse(_ text: String) throws(LedgerLocationProblem) -> LedgerLocation {
        guard PostgresURI.looksLikeURI(text) else { return .file(text) }
        return .postgres(try PostgresURI(parsing: text))
    }

    public var isPostgres: Bool { if case .postgres = self { true } else { false } }
}

/// `postgresql://[USER@][HOST][:PORT]/DBNAME[?host=/SOCKET/FOLDER&sslmode=…]`
/// (`postgres://` too), read as libpq reads it: percent-escapes decoded, a host
/// that is an absolute path is a socket folder, query parameters override the
/// parts before them. A password (in the user part or as `password=`) is
/// refused: it would show in the process list (`ps`), so it comes from a
/// password file (`PassFile`).
public struct PostgresURI: Sendable, Equatable {
    /// nil: the invoking login, as libpq does.
    public var user: String?
    /// A host name or address for TCP; nil with `socketFolder` nil: the default socket folder.
    public var host: String?
    /// The folder holding the server's socket (`host=/SOCKET/FOLDER`, or a host written as a path).
    public var socketFolder: String?
    /// nil: 5432 (also the socket's name, `.s.PGSQL.5432`).
    public var port: Int?
    public var database: String
    public var sslMode: SSLMode?
    public var applicationName: String?
    public var connectTimeoutSeconds: Int?
    /// libpq's `sslrootcert`: the certificates that verify the server
    /// (`system`: the system's store); nil: `~/.postgresql/root.crt`.
    public var sslRootCert: String?
    /// libpq's `sslcert` and `sslkey`: a client certificate the server may
    /// ask for; nil: `~/.postgresql/postgresql.crt` and `.key` when present.
    public var sslCert: String?
    public var sslKey: String?

    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require, verifyCA = "verify-ca", verifyFull = "verify-full"
    }

    public static let defaultPort = 5432
    /// libpq's compiled-in socket folder on Debian and Ubuntu, where PostgreSQL 15 comes from here.
    public static let defaultSocketFolder = "/var/run/postgresql"

    /// Where a connection goes: the socket folder unless a host is named.
    public var effectiveSocketFolder: String? { host == nil ? (socketFolder ?? Self.defaultSocketFolder) : nil }

    static let schemes = ["postgresql://", "postgres://"]

    public static func looksLikeURI(_ text: String) -> Bool {
        schemes.contains { text.hasPrefix($0) }
    }

    public init(user: String? = nil, host: String? = nil, socketFolder: String? = nil, port: Int? = nil, database: String,
                sslMode: SSLMode? = nil) {
        self.user = user; self.host = host; self.socketFolder = socketFolder; self.port = port; self.database = database
        self.sslMode = sslMode
    }

    public init(parsing text: String) throws(LedgerLocationProblem) {
        guard let scheme = Self.schemes.first(where: { text.hasPrefix($0) }) else { throw .malformedURI("it must start with postgresql://") }
        var rest = Substring(text.dropFirst(scheme.count))
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        var query: Substring = ""
        if let q = rest.firstIndex(of: "?") { query = rest[rest.index(after: q)...]; rest = rest[..<q] }
        var authority = rest
        var path: Substring? = nil
        if let slash = rest.firstIndex(of: "/") { authority = rest[..<slash]; path = rest[rest.index(after: slash)...] }

        var user: String? = nil
        if let at = authority.lastIndex(of: "@") {
            let info = authority[..<at]
            // user:password — refused whatever the password, even an empty one.
            if info.contains(":") { throw .passwordInURI }
            user = try Self.decode(info, part: "user")
            authority = authority[authority.index(after: at)...]
        }
        var host: String? = nil
        var port: Int? = nil
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .malformedURI("an IPv6 address lacks its ]") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .malformedURI("unexpected text after the IPv6 address") }
                port = try Self.port(after.dropFirst())
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = try Self.decode(authority[..<colon], part: "host")
            port = try Self.port(authority[authority.index(after: colon)...])
        } else if !authority.isEmpty {
            host = try Self.decode(authority, part: "host")
        }
        if host?.isEmpty == true { host = nil }
        if authority.contains(",") { throw .malformedURI("Tagih connects to one server; name one host") }
        var database = ""
        if let path { database = try Self.decode(path, part: "database name") }

        self.init(user: user?.isEmpty == true ? nil : user, host: host, port: port, database: database)
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let (key, value): (Substring, Substring)
            if let eq = pair.firstIndex(of: "=") { (key, value) = (pair[..<eq], pair[pair.index(after: eq)...]) } else { (key, value) = (pair, "") }
            let v = try Self.decode(value, part: String(key))
            switch key {
            case "host": self.host = v.isEmpty ? nil : v
            case "port": self.port = try Self.port(Substring(v))
            case "user": self.user = v.isEmpty ? nil : v
            case "dbname": self.database = v
            case "sslmode":
                guard let m = SSLMode(rawValue: v) else { throw .badSSLMode(v) }
                self.sslMode = m
            case "application_name": self.applicationName = v
            case "sslrootcert": self.sslRootCert = v.isEmpty ? nil : v
            case "sslcert": self.sslCert = v.isEmpty ? nil : v
            case "sslkey": self.sslKey = v.isEmpty ? nil : v
            case "connect_timeout":
                guard let s = Int(v), s >= 0, s <= 3600 else { throw .malformedURI("connect_timeout=\(v) is not a number of seconds") }
                self.connectTimeoutSeconds = s
            case "password": throw .passwordInURI
            default: throw .unknownParameter(String(key))
            }
        }
        // A host written as a path is the socket folder (libpq's rule).
        if let h = self.host, h.hasPrefix("/") { self.socketFolder = h; self.host = nil }
        guard !self.database.isEmpty else { throw .noDatabase }
    }

    static func port(_ text: Substring) throws(LedgerLocationProblem) -> Int? {
        if text.isEmpty { return nil }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let p = Int(text), (1...65535).contains(p) else {
            throw .badPort(String(text))
        }
        return p
    }

    /// Percent-decoding of one part; a malformed escape or a NUL is refused.
    static func decode(_ text: Substring, part: String) throws(LedgerLocationProblem) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var it = Array(text.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%") {
                guard it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16), v != 0 else {
                    throw .malformedURI("a bad %-escape in the \(part)")
                }
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        guard let s = String(validating: bytes, as: UTF8.self) else { throw .malformedURI("the \(part) is not UTF-8") }
        return s
    }

    /// The URI to show people: never a password (it cannot hold one).
    public var display: String {
        var s = "postgresql://"
        if let user { s += user + "@" }
        if let host { s += host.contains(":") ? "[\(host)]" : host }
        if let port { s += ":\(port)" }
        s += "/" + database
        if let socketFolder { s += "?host=" + socketFolder }
        return s
    }

    /// The server as a sentence names it: its socket folder or host and port, and the database.
    public var serverName: String {
        let p = port ?? Self.defaultPort
        let place = host.map { "\($0):\(p)" } ?? "\(effectiveSocketFolder ?? Self.defaultSocketFolder)/.s.PGSQL.\(p)"
        return "\(place), database \(database)"
    }
}
