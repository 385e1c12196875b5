import Foundation
import Testing
import TagihCore
@testable import TagihStore

/// What the nightly batch leaves in its log for the Reports screen, and the
/// lead reports scoped to one collector.
@Suite struct NightlyLogTests {
    @Test func eachFileOfARunIsLoggedWithWhereItsRejectsWent() throws {
        let db = try Fixture.ledger()
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path("inbox"), withIntermediateDirectories: true)
        try scratch.write("inbox/accounts-1.csv", "account_no,name,collector\nA1,Satu,col01\nA2,Dua,col02\n")
        var charges = "account_no,ref,issue_date,due_date,amount\nA9,X1,2025-05-01,2025-05-31,5\n"
        for i in 1...10 { charges += "A1,J\(i),2025-05-01,2025-05-31,1000\n" }
        try scratch.write("inbox/charges-1.csv", charges)
        try scratch.write("inbox/payments-1.csv", "account_no,ref,paid_on,amount,channel\nA9,P1,2025-06-20,5,VA\n")
        let run = try Nightly(db).run(inbox: scratch.path("inbox"), dryRun: false, session: Fixture.session) { _ in }
        #expect(run.refused == 1)

        let logged = try #require(try ContactReports(db).nightlyRuns(limit: 5).first)
        #expect(logged.day == Fixture.today && logged.files == 3 && logged.posted == 2 && logged.refused == 1 && logged.rejected == 2)
        // Counts and paths, said in the reader's language: in English as `tagih nightly` printed them.
        #expect(logged.fileResults.map(Strings(.en).nightlyFile) == [
            "accounts-1.csv: 2 rows read, 2 posted, 0 duplicates, 0 rejected",
            "charges-1.csv: 11 rows read, 10 posted, 0 duplicates, 1 rejected (see rejects/2025-06-30/charges-1.csv.rejects.csv)",
            "payments-1.csv: 1 row read, 0 would post, 0 duplicates, 1 rejected; file refused, nothing posted "
                + "(see rejects/2025-06-30/payments-1.csv.rejects.csv); it stays in the inbox",
        ])
        #expect(logged.fileResults.map(Strings(.id).nightlyFile) == [
            "accounts-1.csv: 2 baris dibaca, 2 diposting, 0 duplikat, 0 ditolak",
            "charges-1.csv: 11 baris dibaca, 10 diposting, 0 duplikat, 1 ditolak (lihat rejects/2025-06-30/charges-1.csv.rejects.csv)",
            "payments-1.csv: 1 baris dibaca, 0 akan diposting, 0 duplikat, 1 ditolak; berkas ditolak seluruhnya, tidak ada yang diposting "
                + "(lihat rejects/2025-06-30/payments-1.csv.rejects.csv); berkas tetap di inbox",
        ])
        #expect(logged.fileResults.map(\.stayed) == [false, false, true])
        #expect(scratch.exists("inbox/rejects/2025-06-30/charges-1.csv.rejects.csv"))

        // The same files again: already imported; a file that cannot be read fails alone.
        try scratch.write("inbox/charges-2.csv", "ref,amount\nX,1\n")
        try FileManager.default.copyItem(atPath: scratch.path("inbox/archive/2025-06-30/accounts-1.csv"), toPath: scratch.path("inbox/accounts-1.csv"))
        _ = try Nightly(db).run(inbox: scratch.path("inbox"), dryRun: false, session: Fixture.session) { _ in }
        let again = try #require(try ContactReports(db).nightlyRuns(limit: 5).first)
        #expect(again.fileResults.map(Strings(.id).nightlyFile) == [
            "accounts-1.csv: sudah pernah diimpor (isinya sama dengan berkas sebelumnya); tidak ada yang diposting",
            "charges-2.csv: ditolak: \(scratch.path("inbox/charges-2.csv")) refused: line 1: the header lacks required columns account_no, issue_date, due_date for charges",
            "payments-1.csv: 1 baris dibaca, 0 akan diposting, 0 duplikat, 1 ditolak; berkas ditolak seluruhnya, tidak ada yang diposting "
                + "(lihat rejects/2025-06-30/payments-1.csv.rejects.csv.2); berkas tetap di inbox",
        ])
        #expect(again.fileResults.map(\.stayed) == [false, true, true])
    }

    /// Runs logged by earlier versions hold a line of English text a file:
    /// they read back as they were written.
    @Test func aRunLoggedAsTextReadsBackAsWritten() throws {
        let lines = "accounts.csv: 2 rows read, 2 posted, 0 duplicates, 0 rejected\npayments.csv: refused: bad header; it stays in the inbox"
        let files = Nightly.fileResults(logged: lines)
        #expect(files.map(Strings(.id).nightlyFile) == lines.split(separator: "\n").map(String.init))
        #expect(files.map(\.stayed) == [false, true])
        #expect(Nightly.fileResults(logged: "") == [])
        let one = [NightlyFile(file: "a.csv", read: 1, posted: 1)]
        #expect(Nightly.fileResults(logged: Nightly.logged(one)) == one)
    }

    @Test func rollRatesAndKPIsForOneCollector() throws {
        let db = try Fixture.ledger()
        let scratch = try Scratch()
        try db.importFile(.accounts, try scratch.write("a.csv", "account_no,name,collector\nA1,Satu,col01\nA2,Dua,col02\nA3,Tiga,\n"))
        try db.importFile(.charges, try scratch.write("c.csv", """
            account_no,ref,issue_date,due_date,amount
            A1,I1,2025-04-01,2025-04-30,100000
            A2,I2,2025-04-01,2025-04-30,200000
            A3,I3,2025-05-10,2025-05-20,400000
            """))
        try db.importFile(.payments, try scratch.write("p.csv", "account_no,ref,paid_on,amount,channel\nA2,P1,2025-05-15,200000,VA\n"))
        let reports = LedgerReports(db)
        let from = Day(iso: "2025-04-30")!, to = Day(iso: "2025-05-31")!
        let book = try reports.rollRate(from: from, to: to)
        let col01 = try reports.rollRate(from: from, to: to, collectors: ["col01"])
        let col02 = try reports.rollRate(from: from, to: to, collectors: ["col02"])
        // On 04-30 A1 and A2 were current; A1 rolled to 31-60, A2 paid off. A3 had no charge yet.
        #expect(book.accounts == [2, 0, 0, 0, 0, 0])
        #expect(col01.accounts == [1, 0, 0, 0, 0, 0] && col01.moved[0][2] == Money(minor: 100000_00))
        #expect(col02.moved[0][6] == Money(minor: 200000_00), "closed")
        #expect(try reports.rollRate(from: from, to: to, collectors: ["nobody"]).accounts == [0, 0, 0, 0, 0, 0])

        // Aging of one collector's accounts, from the cache (today) and replayed (an earlier day).
        for (day, cached) in [(Day(iso: "2025-06-30")!, true), (Day(iso: "2025-05-12")!, false)] {
            #expect(try reports.agingUsesCache(asOf: day) == cached)
            let one = try reports.aging(asOf: day, by: .segment, collectors: ["col01"])
            #expect(one.total.accounts == 1 && one.total.buckets.reduce(Money.zero) { try! $0.plus($1) } == Money(minor: 100000_00), "\(day.iso)")
            let team = try reports.aging(asOf: day, by: .collector, collectors: ["col01", "col02"])
            #expect(team.rows.map(\.group) == (cached ? ["col01"] : ["col01", "col02"]), "A2 paid on 05-15; A3 has no collector")
        }

        let may = Day(iso: "2025-05-01")!
        let kpi01 = try reports.kpi(from: may, to: to, collectors: ["col01"])
        #expect(kpi01.beginning == Money(minor: 100000_00) && kpi01.sales == .zero && kpi01.ending == Money(minor: 100000_00))
        let kpiBook = try reports.kpi(from: may, to: to)
        #expect(kpiBook.beginning == Money(minor: 300000_00) && kpiBook.sales == Money(minor: 400000_00) && kpiBook.ending == Money(minor: 500000_00))
    }
}
