import Foundation
import TagihConfig
import TagihCore
import TagihPostgres
import TagihStore

/// Fresh PostgreSQL ledgers for the store's conformance suite: the private
/// server scripts/test starts (TAGIH_TEST_PG, scripts/pg). Without it (a
/// developer's plain `swift test`) the PostgreSQL runs are skipped;
/// scripts/test always sets it.
enum PostgresLedgers {
    static let uriText: String? = ProcessInfo.processInfo.environment["TAGIH_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: Bool { uriText != nil }

    static let login: String = {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return "root"
    }()

    /// A database of its own with Tagih's schema and no user, as `tagih init`
    /// leaves it before the first admin; `drop` removes it.
    static func make(settings: Settings = Settings()) throws -> (AppDatabase, drop: () -> Void) {
        let server = try PostgresURI(parsing: uriText!)
        let name = "m_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try PGConnection(server, login: login)
        try admin.execute("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8'")
        var target = server
        target.database = String(name)
        let pg = try PGConnection(target, login: login)
        _ = try PostgresSchema.install(pg)
        let db = AppDatabase(remote: PostgresLedger(pg), settings: settings)
        return (db, {
            pg.close()
            _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            admin.close()
        })
    }
}
