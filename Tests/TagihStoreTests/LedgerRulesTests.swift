import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// The ledger's rules (CONTRACT §1a, R7): stored append-only, the newest
/// row in force, recorded once by `init`, replaced only by an admin, audited
/// with the hash of the new text.
@Suite struct LedgerRulesTests {
    let first = "[contact]\nstart = \"08:00\"\n"
    let second = "[contact]\nstart = \"09:00\"\n"

    @Test func initRecordsTheFirstRulesOnceAndAudits() throws {
        let db = try Fixture.ledger()
        let rules = LedgerRules(db)
        #expect(try rules.newest() == nil && rules.newestID() == nil)
        let stored = try #require(try rules.recordInitial(first, source: "config/tagih.toml", session: Fixture.session))
        #expect(stored.toml == first && stored.loadedBy == "admin" && stored.businessDay == "2025-06-30")
        #expect(try rules.newest() == stored && rules.newestID() == stored.id)
        // A second init keeps the rules the ledger has.
        #expect(try rules.recordInitial(second, source: "other.toml", session: Fixture.session) == nil)
        #expect(try rules.newest()?.toml == first)
        #expect(try db.text("SELECT action || ' ' || subject || ' ' || detail FROM audit ORDER BY id DESC LIMIT 1")
                == "rules.init rules \(stored.id) sha256=\(LedgerRules.hash(first)) from=config/tagih.toml")
        #expect(LedgerRules.hash(first).count == 64 && LedgerRules.hash(first) != LedgerRules.hash(second))
    }

    @Test func onlyAnAdminLoadsRules() throws {
        let db = try Fixture.ledger()
        let rules = LedgerRules(db)
        try rules.recordInitial(first, source: "init", session: Fixture.session)
        let audit = try db.count("audit")
        let collector = Session(user: try #require(try UserDirectory(db).find("col01")), realLogin: "admin", today: Fixture.today, now: Date())
        do {
            _ = try rules.load(second, source: "r.toml", session: collector)
            Issue.record("a collector loaded rules")
        } catch let e as StoreError {
            #expect(e.description == "only an admin may change the rules; col01 is a collector")
        }
        #expect(try rules.newest()?.toml == first && db.count("rules") == 1 && db.count("audit") == audit)

        let loaded = try #require(try rules.load(second, source: "r.toml", session: Fixture.session))
        #expect(try rules.newest() == loaded && db.count("rules") == 2)
        #expect(try db.text("SELECT detail FROM audit ORDER BY id DESC LIMIT 1") == "sha256=\(LedgerRules.hash(second)) from=r.toml")
        // The rules already in force: nothing recorded.
        #expect(try rules.load(second, source: "r.toml", session: Fixture.session) == nil)
        #expect(try db.count("rules") == 2 && db.count("audit") == audit + 1)
        #expect(try db.writer.read { try AuditTrail.verify($0) }.isEmpty)
    }

    @Test func theRulesAreAppendOnly() throws {
        let db = try Fixture.ledger()
        try LedgerRules(db).recordInitial(first, source: "init", session: Fixture.session)
        #expect(throws: DatabaseError.self) { try db.writer.write { try $0.execute(sql: "UPDATE rules SET toml = 'x'") } }
        #expect(throws: DatabaseError.self) { try db.writer.write { try $0.execute(sql: "DELETE FROM rules") } }
        #expect(try LedgerRules(db).newest()?.toml == first)
    }

    /// What the command line reads before it opens a ledger: nothing for a
    /// missing file or one whose schema predates the rules, else the newest.
    @Test func readingTheRulesOfAFile() throws {
        let scratch = try Scratch()
        #expect(try LedgerRules.newest(atPath: scratch.path("none.db"), settings: Settings()) == nil)
        #expect(!scratch.exists("none.db"), "never creates the file")
        let path = scratch.path("l.db")
        let db = try AppDatabase.open(path: path, settings: Settings(), create: true)
        try db.migrate()
        #expect(try LedgerRules.newest(atPath: path, settings: Settings()) == nil)
        try Fixture.addUsers(db, collectors: [])
        try LedgerRules(db).recordInitial(first, source: "init", session: Fixture.session)
        _ = try LedgerRules(db).load(second, source: "r.toml", session: Fixture.session)
        #expect(try LedgerRules.newest(atPath: path, settings: Settings())?.toml == second)
        try db.close()
        try scratch.write("junk.db", "not a database, just text that is long enough to have a header of sorts........................................")
        #expect(throws: StoreError.self) { try LedgerRules.newest(atPath: scratch.path("junk.db"), settings: Settings()) }
    }

    /// A ledger made before the rules gets their table from `v8-rules`,
    /// empty: `init` then records the config's rules in it.
    @Test func theMigrationAddsAnEmptyRulesTable() throws {
        let db = AppDatabase(writer: try DatabaseQueue(configuration: AppDatabase.configuration(Settings())), settings: Settings(), path: ":memory:")
        try Schema.migrator.migrate(db.writer, upTo: "v7-derived-plans")
        #expect(try db.writer.read { try !$0.tableExists("rules") })
        #expect(try LedgerRules(db).newest() == nil && LedgerRules(db).newestID() == nil)
        #expect(throws: StoreError.self) { try db.requireCurrentSchema() }
        try db.migrate()
        try db.requireCurrentSchema()
        #expect(try db.count("rules") == 0)
        try Fixture.addUsers(db, collectors: [])
        #expect(try LedgerRules(db).recordInitial(first, source: "config/tagih.toml", session: Fixture.session)?.id == 1)
    }

    /// A workstation adopts new rules: every store operation reads them from then on.
    @Test func theDatabaseAdoptsNewSettings() throws {
        let db = try Fixture.ledger()
        #expect(db.settings.contactRules.endMinute == 20 * 60)
        var s = db.settings
        s.contactRules.endMinute = 18 * 60
        db.adopt(s)
        #expect(db.settings.contactRules.endMinute == 18 * 60 && ContactLog(db).settings.contactPolicy.rules.endMinute == 18 * 60)
    }
}
