import Foundation
import Testing
import TagihCore
@testable import TagihConfig

/// `--db` as a path or a PostgreSQL URI (CONTRACT §12), and libpq's password file.
@Suite struct LedgerLocationTests {
    typealias U = PostgresURI

    static let accepted: [(String, LedgerLocation)] = [
        ("tagih.db", .file("tagih.db")),
        ("/srv/tagih/ledger.db", .file("/srv/tagih/ledger.db")),
        ("postgresql.db", .file("postgresql.db")),
        ("postgresql:///tagih", .postgres(U(database: "tagih"))),
        ("postgres:///tagih", .postgres(U(database: "tagih"))),
        ("postgresql://db1/tagih", .postgres(U(host: "db1", database: "tagih"))),
        ("postgresql://tagih@db1:6543/ledger", .postgres(U(user: "tagih", host: "db1", port: 6543, database: "ledger"))),
        ("postgresql://[::1]:5433/ledger", .postgres(U(host: "::1", port: 5433, database: "ledger"))),
        ("postgresql:///postgres?host=/tmp/tagih-pg.x1", .postgres(U(socketFolder: "/tmp/tagih-pg.x1", database: "postgres"))),
        ("postgresql://%2Fvar%2Frun%2Fpostgresql/tagih", .postgres(U(socketFolder: "/var/run/postgresql", database: "tagih"))),
        ("postgresql://db1/tagih?sslmode=verify-full", .postgres(U(host: "db1", database: "tagih", sslMode: .verifyFull))),
        ("postgresql://ann@db1/tagih?user=bob&port=7000", .postgres(U(user: "bob", host: "db1", port: 7000, database: "tagih"))),
        ("postgresql:///my%20ledger", .postgres(U(database: "my ledger"))),
    ]

    @Test(arguments: accepted)
    func parses(_ text: String, _ expected: LedgerLocation) throws {
        #expect(try LedgerLocation.parse(text) == expected)
    }

    static let refused: [(String, LedgerLocationProblem)] = [
        ("postgresql://ann:secret@db1/tagih", .passwordInURI),
        ("postgresql://ann:@db1/tagih", .passwordInURI),
        ("postgresql://db1/tagih?password=secret", .passwordInURI),
        ("postgresql://db1", .noDatabase),
        ("postgresql://db1/", .noDatabase),
        ("postgresql://db1:0/tagih", .badPort("0")),
        ("postgresql://db1:99999/tagih", .badPort("99999")),
        ("postgresql://db1:54x/tagih", .badPort("54x")),
        ("postgresql://db1/tagih?sslmode=always", .badSSLMode("always")),
        ("postgresql://db1/tagih?options=-c%20x", .unknownParameter("options")),
        ("postgresql://db1/ta%2", .malformedURI("a bad %-escape in the database name")),
        ("postgresql://db1/ta%00x", .malformedURI("a bad %-escape in the database name")),
    ]

    @Test(arguments: refused)
    func refuses(_ text: String, _ expected: LedgerLocationProblem) {
        #expect(throws: expected) { try LedgerLocation.parse(text) }
    }

    @Test func thePasswordRefusalNamesTheOptionAndNeverEchoesIt() {
        let sentence = Strings(.en).locationProblem("--db", .passwordInURI)
        #expect(sentence.hasPrefix("--db: a password in a PostgreSQL URI is refused"))
        #expect(!sentence.contains("secret"))
        #expect(Strings(.id).locationProblem("TAGIH_DB", .passwordInURI).hasPrefix("TAGIH_DB: kata sandi"))
    }

    @Test func theServerIsNamedByItsSocketOrHostAndItsDatabase() throws {
        #expect(try U(parsing: "postgresql:///ledger?host=/tmp/pg").serverName == "/tmp/pg/.s.PGSQL.5432, database ledger")
        #expect(try U(parsing: "postgresql://db1:6000/ledger").serverName == "db1:6000, database ledger")
        #expect(try U(parsing: "postgresql:///ledger").serverName == "/var/run/postgresql/.s.PGSQL.5432, database ledger")
        #expect(try U(parsing: "postgresql://ann@db1/l?host=/s").display == "postgresql://ann@/l?host=/s")
    }

    // MARK: the password file

    static let passfile = #"""
    # comment
    db1:5432:tagih:ann:first
    db1:5432:tagih:ann:second
    *:*:other:*:any\:colon
    /tmp/pg:5432:*:bob:socket-one
    localhost:*:*:carol:local
    db\:2:5432:*:*:escaped-host
    db3:5432:*:*:
    """#

    static let lookups: [(String, Int, String, String, String?)] = [
        ("db1", 5432, "tagih", "ann", "first"),               // first match wins
        ("db1", 5433, "tagih", "ann", nil),                   // the port must match
        ("db9", 1, "other", "zed", "any:colon"),              // wildcards and \:
        ("/tmp/pg", 5432, "x", "bob", "socket-one"),          // a socket folder as written
        ("localhost", 5432, "x", "carol", "local"),
        ("db:2", 5432, "x", "y", "escaped-host"),
        ("db3", 5432, "x", "y", nil),                          // an empty password is none
        ("db1", 5432, "tagih", "dan", nil),
    ]

    @Test(arguments: lookups)
    func matchesLikeLibpq(_ host: String, _ port: Int, _ db: String, _ user: String, _ expected: String?) {
        #expect(PassFile.password(in: Self.passfile, host: host, port: port, database: db, user: user) == expected)
    }

    @Test func theDefaultSocketFolderIsLocalhostAnyOtherIsItsPath() throws {
        #expect(PassFile.host(for: try U(parsing: "postgresql:///t")) == "localhost")
        #expect(PassFile.host(for: try U(parsing: "postgresql:///t?host=/var/run/postgresql")) == "localhost")
        #expect(PassFile.host(for: try U(parsing: "postgresql:///t?host=/tmp/pg")) == "/tmp/pg")
        #expect(PassFile.host(for: try U(parsing: "postgresql://db1/t")) == "db1")
    }

    static let modes: [(UInt32, Bool, UInt32, PassFileProblem?)] = [
        (0o100600, true, 7, nil),
        (0o100400, true, 7, nil),
        (0o100640, true, 7, nil),                        // the protected install's group file
        (0o100640, false, 7, .tooOpen(mode: 0o640)),     // someone else's group
        (0o100660, true, 7, .tooOpen(mode: 0o660)),      // group may write
        (0o100644, true, 7, .tooOpen(mode: 0o644)),      // others may read
        (0o100604, true, 7, .tooOpen(mode: 0o604)),
    ]

    @Test(arguments: modes)
    func passFilePermissions(_ mode: UInt32, _ sameGroup: Bool, _ gid: UInt32, _ expected: PassFileProblem?) {
        #expect(PassFile.permissionProblem(mode: mode, isRegular: true, fileGroup: gid, effectiveGroup: sameGroup ? gid : gid + 1) == expected)
    }

    @Test func aPassFileTooOpenIsIgnoredWithAWarningAndAPrivateOneIsRead() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("pgpass").path
        try "db1:*:tagih:ann:pw\n".write(toFile: path, atomically: false, encoding: .utf8)
        let uri = try U(parsing: "postgresql://db1/tagih")
        chmod(path, 0o644)
        var warnings: [PassFileProblem] = []
        #expect(PassFile.lookup(uri, user: "ann", path: path, warn: { warnings.append($0) }) == nil)
        #expect(warnings == [.tooOpen(mode: 0o644)])
        chmod(path, 0o600)
        #expect(PassFile.lookup(uri, user: "ann", path: path, warn: { warnings.append($0) }) == "pw")
        #expect(PassFile.lookup(uri, user: "ann", path: dir.path, warn: { warnings.append($0) }) == nil)
        #expect(warnings.last == .notPlainFile)
    }

    /// The protected install's password file opens with the group's rights
    /// only for the install's own URI: a person naming it for a server of
    /// their own (or the same server by another name) gets nothing from it.
    @Test func theInstallPassFileServesOnlyTheInstallURI() throws {
        let install = (uri: try U(parsing: "postgresql://tagih_owner@db1/tagih"), passfile: "/usr/local/etc/tagih.pgpass")
        let file = install.passfile
        #expect(PassFile.isInstallPassfile(file, for: try U(parsing: "postgresql://tagih_owner@db1/tagih"), install: install))
        #expect(PassFile.isInstallPassfile(file, for: try U(parsing: "postgres://tagih_owner@db1:5432/tagih"), install: install) == false)
        #expect(PassFile.isInstallPassfile(file, for: try U(parsing: "postgresql://tagih_owner@evil/tagih"), install: install) == false)
        #expect(PassFile.isInstallPassfile(file, for: try U(parsing: "postgresql://tagih_owner@/tagih?host=/home/kol/s"), install: install) == false)
        #expect(PassFile.isInstallPassfile(file, for: try U(parsing: "postgresql://other@db1/tagih"), install: install) == false)
        #expect(PassFile.isInstallPassfile(file, for: try U(parsing: "postgresql://tagih_owner@db1/tagih?sslmode=disable"), install: install) == false)
        #expect(PassFile.isInstallPassfile("/usr/local/etc/../etc/tagih.pgpass", for: install.uri, install: install) == false)
        #expect(PassFile.isInstallPassfile("/home/kol/.pgpass", for: install.uri, install: install) == false)
        #expect(PassFile.isInstallPassfile(file, for: install.uri, install: nil) == false)
        #expect(PassFile.isInstallPassfile("tagih.pgpass", for: install.uri, install: (install.uri, "tagih.pgpass")) == false)
    }

    @Test func thePassFileComesFromTheConfigThenPGPASSFILE() {
        #expect(PassFile.path(configured: "/etc/tagih/pgpass", environment: ["PGPASSFILE": "/x"]) == "/etc/tagih/pgpass")
        #expect(PassFile.path(configured: nil, environment: ["PGPASSFILE": "/x"]) == "/x")
        #expect(PassFile.path(configured: nil, environment: [:])?.hasSuffix("/.pgpass") == true)
    }

    @Test func theConfigReadsDatabasePassfile() throws {
        let p = try ConfigLoader.parsePersonal("[database]\npassfile = \"/etc/tagih/pgpass\"\n", path: "t.toml")
        #expect(p.databasePassfile == "/etc/tagih/pgpass")
    }
}
