import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// The workstation's count of what a search finds (`searchCount`: "200 of
/// 1,234"), held to a model of the search's rules written from its
/// documentation, not from its SQL: exactly the accounts the rules find,
/// counted up to the bound. Each rule is read unordered for the count, so
/// the accounts a rule stops at are any of its matches; the count must not
/// depend on which. The accounts' numbers and names meet one another (`ac`
/// is the start of most numbers and of some names' words, `12` the end of
/// some numbers), so the rules overlap and each can stop at the bound.
/// On SQLite and on PostgreSQL, where the search's own hits must also come
/// in the same order as on the file.
@Suite struct SearchCountTests {
    typealias Account = (no: String, name: String)

    static let firstNames = ["Siti", "Budi", "Acep", "Andi", "Agus", "Bayu", "Sri", "Ani"]
    static let lastNames = ["Santoso", "Acang", "Abdullah", "Hartono", "Budiman", "Sitompul"]
    static let queries = ["ac", "AC", "acc00", "ab", "a", "s", "si", "acep s", "ac ac", "12", "012", "0012", "b12",
                          "budi", "bud", "zz", "acc0012", "ab0012", "1"]
    static let bounds = [1, 2, 7, 40, 100, 10_000]

    /// `count` accounts: two numbers in three `ACC…`, one `AB…`; a first and a last name drawn.
    static func accounts(_ count: Int, seed: UInt64) -> [Account] {
        var rng = SplitMix64(seed: seed)
        return (1...count).map { i in
            let no = i % 3 == 0 ? String(format: "AB%04d", i) : String(format: "ACC%04d", i)
            return (no, "\(firstNames.randomElement(using: &rng)!) \(lastNames.randomElement(using: &rng)!)")
        }
    }

    /// The accounts the text finds, by the rules `WorkstationStore.search`
    /// documents: the number's start (as typed, or in capitals), the
    /// number's end (a text of two or more letters, digits, `-`, `/` or `.`
    /// with a digit in it, any case), and the name: every word of the text
    /// the start of one of the name's words, any case. (No phones here.)
    static func model(_ text: String, _ accounts: [Account]) -> Set<String> {
        let q = text.trimmingCharacters(in: .whitespaces)
        guard !q.isEmpty else { return [] }
        let tail = q.count >= 2 && q.contains(where: \.isNumber) && q.allSatisfy { $0.isLetter || $0.isNumber || "-/.".contains($0) }
        let words = q.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        var found: Set<String> = []
        for a in accounts {
            let nameWords = a.name.lowercased().split(separator: " ")
            if a.no.hasPrefix(q) || a.no.hasPrefix(q.uppercased())
                || (tail && a.no.uppercased().hasSuffix(q.uppercased()))
                || (!words.isEmpty && words.allSatisfy { w in nameWords.contains { $0.hasPrefix(w) } }) {
                found.insert(a.no)
            }
        }
        return found
    }

    /// A ledger of `accounts` (no collector, no entries), loaded in two
    /// files: the second renames every seventh account to its name here, so
    /// on a server those names' rows are written again, after the others,
    /// and a search that read them as they lie would not be in id order.
    static func load(_ accounts: [Account], into db: AppDatabase) throws {
        let scratch = try Scratch()
        func csv(_ rows: [Account]) -> String {
            (["account_no,name,timezone"] + rows.map { "\($0.no),\($0.name),Asia/Jakarta" }).joined(separator: "\n") + "\n"
        }
        let renamed = Set(accounts.indices.filter { $0 % 7 == 0 })
        let first = accounts.indices.map { renamed.contains($0) ? (accounts[$0].no, "Yohanes Rumbiak") : accounts[$0] }
        _ = try db.importFile(.accounts, try scratch.write("accounts.csv", csv(first)))
        _ = try db.importFile(.accounts, try scratch.write("renames.csv", csv(renamed.sorted().map { accounts[$0] })))
    }

    /// What differs from the model, as sentences; and every search's hits,
    /// for comparing the backends.
    static func disagreements(_ db: AppDatabase, _ accounts: [Account]) throws -> (problems: [String], hits: [String: [String]]) {
        let store = WorkstationStore(db)
        var problems: [String] = []
        var hits: [String: [String]] = [:]
        for q in queries {
            let want = model(q, accounts).count
            for bound in bounds {
                let got = try store.searchCount(q, upTo: bound)
                if got != min(want, bound) { problems.append("\"\(q)\" up to \(bound): \(got), the model \(min(want, bound))") }
            }
            for limit in [3, 50] {
                let found = try store.search(q, limit: limit).map(\.accountNo)
                hits["\(q) \(limit)"] = found
                if found.count != min(want, limit) { problems.append("\"\(q)\" limit \(limit): \(found.count) hits, the model \(min(want, limit))") }
                if !Set(found).isSubset(of: model(q, accounts)) { problems.append("\"\(q)\": a hit the rules do not find") }
            }
        }
        return (problems, hits)
    }

    @Test func theCountIsTheModelsUpToItsBoundOnSQLite() throws {
        let accounts = Self.accounts(240, seed: 41)
        let db = try AppDatabase.inMemory()
        try Self.load(accounts, into: db)
        let (problems, _) = try Self.disagreements(db, accounts)
        #expect(problems == [])
        // The model is not empty-handed: the rules overlap and stop.
        #expect(Self.model("ac", accounts).count > 160)
        #expect(Self.model("12", accounts).count == 3)
        #expect(Self.model("acep s", accounts).count > 0)
    }

    @Test(.enabled(if: PostgresLedgers.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
    func theCountIsTheModelsUpToItsBoundAndTheHitsTheFilesOnPostgres() async throws {
        let accounts = Self.accounts(240, seed: 41)
        let file = try AppDatabase.inMemory()
        try Self.load(accounts, into: file)
        let (_, fileHits) = try Self.disagreements(file, accounts)
        let (problems, hits) = try await PostgresModelScenarioTests.onThread {
            let (db, drop) = try PostgresLedgers.make()
            defer { drop() }
            try Self.load(accounts, into: db)
            return try Self.disagreements(db, accounts)
        }
        #expect(problems == [])
        #expect(hits == fileHits)
    }
}
