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
    static let queries = ["ac", "AC", "acc00", "ab", "a", "s", "si", "acep s", "ac ac", "12", "02", "012", "0012", "b12",
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

    /// Mobile numbers for `count` accounts, drawn so that many share their
    /// first digits (`0812 …`, `0813 …`) and none is in the accounts' order.
    static func phones(_ count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in String(format: "081%d-%04d-%04d", Int.random(in: 2...3, using: &rng),
                                               Int.random(in: 0..<30, using: &rng), Int.random(in: 0..<10_000, using: &rng)) }
    }

    /// A ledger of `accounts` (no collector, no entries), loaded in two
    /// files: the second gives every seventh account its name and phone
    /// here (the first, another name and none), so on a server those rows
    /// are written again, after the others, and a search that read them as
    /// they lie would be in neither the ids' nor the keys' order. With
    /// `phones`, each account has the one at its index.
    static func load(_ accounts: [Account], phones: [String] = [], into db: AppDatabase) throws {
        let scratch = try Scratch()
        let phoneOf = Dictionary(uniqueKeysWithValues: zip(accounts.map(\.no), phones))
        let renamed = Set(accounts.indices.filter { $0 % 7 == 0 })
        func csv(_ rows: [Int], final: Bool) -> String {
            (["account_no,name,timezone,phone"] + rows.map { i in
                let (no, name) = accounts[i]
                return final || !renamed.contains(i) ? "\(no),\(name),Asia/Jakarta,\(phoneOf[no] ?? "")" : "\(no),Yohanes Rumbiak,Asia/Jakarta,"
            }).joined(separator: "\n") + "\n"
        }
        _ = try db.importFile(.accounts, try scratch.write("accounts.csv", csv(Array(accounts.indices), final: false)))
        _ = try db.importFile(.accounts, try scratch.write("renames.csv", csv(renamed.sorted(), final: true)))
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
            for limit in [1, 3, 50] {
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
        Self.same(hits, fileHits)
    }

    /// Phones (no model here: only the file and the server compared): the
    /// accounts a number's first digits find, and how many, are the same.
    @Test(.enabled(if: PostgresLedgers.available, "TAGIH_TEST_PG is unset: run scripts/test, or scripts/pg start and export it"))
    func aPhonesHitsAndCountAreTheFilesOnPostgres() async throws {
        let accounts = Self.accounts(240, seed: 43), phones = Self.phones(240, seed: 43)
        let texts = ["0812", "0813", "08120", "+62 813", "62812", "0812-001"]
        @Sendable func found(_ db: AppDatabase) throws -> [String: [String]] {
            let store = WorkstationStore(db)
            var out: [String: [String]] = [:]
            for t in texts {
                for limit in [1, 3, 50] { out["\(t) \(limit)"] = try store.search(t, limit: limit).map(\.accountNo) }
                out["\(t) count"] = [String(try store.searchCount(t, upTo: 40))]
            }
            return out
        }
        let file = try AppDatabase.inMemory()
        try Self.load(accounts, phones: phones, into: file)
        let fileHits = try found(file)
        #expect(fileHits["0812 50"]?.count == 50 && fileHits["0813 count"] == ["40"])
        let hits = try await PostgresModelScenarioTests.onThread {
            let (db, drop) = try PostgresLedgers.make()
            defer { drop() }
            try Self.load(accounts, phones: phones, into: db)
            return try found(db)
        }
        Self.same(hits, fileHits)
    }

    static func same(_ hits: [String: [String]], _ fileHits: [String: [String]]) {
        #expect(hits.keys.sorted() == fileHits.keys.sorted())
        for key in fileHits.keys.sorted() where hits[key] != fileHits[key] {
            Issue.record("\"\(key)\": \(hits[key] ?? []) on the server, \(fileHits[key] ?? []) on the file")
        }
    }
}
