import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// `LedgerLoader` writes accounts with their entries and a cache computed in
/// memory; the ledger it leaves must be the one importing the same rows
/// leaves, to the cached open amount of every charge.
@Suite struct LedgerLoaderTests {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// Three accounts: a targeted payment with excess and a reversed one, a
    /// late fee and a credit note; a write-off leaving unapplied credit; no
    /// entries at all.
    static let accountsCSV = """
        account_no,name,phone,email,address,timezone,segment,collector
        A001,Siti Rahayu,0812-3456-7890,siti@example.id,"Jl. Merdeka No. 1, Bandung",Asia/Jakarta,RETAIL,col01
        A002,PT Maju Jaya,+62 21 5550123,,,Asia/Makassar,KORPORAT,
        A003,Nur,,,,Asia/Jayapura,,col02

        """
    static let chargesCSV = """
        account_no,ref,issue_date,due_date,amount,description
        A001,INV-1,2025-01-01,2025-01-31,1000,Tagihan Januari
        A001,INV-2,2025-02-01,2025-03-03,500.50,
        A002,INV-3,2025-03-01,2025-03-31,200,

        """
    static let paymentsCSV = """
        account_no,ref,paid_on,amount,channel,invoice_ref
        A001,P-1,2025-02-10,1200,VA,INV-2
        A001,P-2,2025-03-01,100,QRIS,
        A002,P-3,2025-04-01,150,BANK_TRANSFER,

        """
    static let adjustmentsCSV = """
        account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,due_date,reason
        A001,FEE-1,2025-03-05,debit,25,INV-1,,,2025-03-20,Denda
        A001,CN-1,2025-03-06,credit,10,INV-1,,,,Koreksi
        A001,REV-1,2025-03-07,reversal,,,P-2,QRIS,,Ditolak
        A002,WO-1,2025-05-01,writeoff,100,,,,,Hapus buku

        """

    static func load(_ db: AppDatabase) throws -> [ImportKind: Int] {
        let a1 = LedgerLoader.Account(accountNo: "A001", name: "Siti Rahayu", phone: "0812-3456-7890", email: "siti@example.id",
                                      address: "Jl. Merdeka No. 1, Bandung", timezone: "Asia/Jakarta", segment: "RETAIL", collector: "col01")
        let a2 = LedgerLoader.Account(accountNo: "A002", name: "PT Maju Jaya", phone: "+62 21 5550123", email: nil, address: nil,
                                      timezone: "Asia/Makassar", segment: "KORPORAT", collector: nil)
        let a3 = LedgerLoader.Account(accountNo: "A003", name: "Nur", phone: nil, email: nil, address: nil,
                                      timezone: "Asia/Jayapura", segment: nil, collector: "col02")
        return try LedgerLoader.load(db, source: "test", session: Fixture.session) { loader in
            try loader.add(a1, charges: [
                .init(kind: .invoice, ref: "INV-1", issue: day("2025-01-01"), due: day("2025-01-31"), amount: Money(minor: 100_000), description: "Tagihan Januari"),
                .init(kind: .invoice, ref: "INV-2", issue: day("2025-02-01"), due: day("2025-03-03"), amount: Money(minor: 50_050), description: nil),
                .init(kind: .debit, ref: "FEE-1", issue: day("2025-03-05"), due: day("2025-03-20"), amount: Money(minor: 2_500), description: "Denda"),
            ], credits: [
                .init(kind: .payment, channel: "VA", ref: "P-1", date: day("2025-02-10"), amount: Money(minor: 120_000), target: 1, note: nil),
                .init(kind: .payment, channel: "QRIS", ref: "P-2", date: day("2025-03-01"), amount: Money(minor: 10_000), target: nil, note: nil),
                .init(kind: .credit, channel: "", ref: "CN-1", date: day("2025-03-06"), amount: Money(minor: 1_000), target: 0, note: "Koreksi"),
            ], reversals: [
                .init(ref: "REV-1", date: day("2025-03-07"), credit: 1, reason: "Ditolak"),
            ])
            try loader.add(a2, charges: [
                .init(kind: .invoice, ref: "INV-3", issue: day("2025-03-01"), due: day("2025-03-31"), amount: Money(minor: 20_000), description: nil),
            ], credits: [
                .init(kind: .payment, channel: "BANK_TRANSFER", ref: "P-3", date: day("2025-04-01"), amount: Money(minor: 15_000), target: nil, note: nil),
                .init(kind: .writeoff, channel: "", ref: "WO-1", date: day("2025-05-01"), amount: Money(minor: 10_000), target: nil, note: "Hapus buku"),
            ], reversals: [])
            try loader.add(a3, charges: [], credits: [], reversals: [])
        }
    }

    /// Everything an account's rows and cache hold, by account number and ref.
    static func snapshot(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { d in
            let accounts = try String.fetchAll(d, sql: """
                SELECT account_no || '|' || name || '|' || ifnull(phone, '∅') || '|' || ifnull(email, '∅') || '|' || ifnull(address, '∅') || '|'
                    || timezone || '|' || ifnull(segment, '∅') || '|' || ifnull(collector, '∅') || '|' || open_total || '|' || unapplied || '|'
                    || ifnull(oldest_due, '∅') || '|' || credit_count FROM accounts ORDER BY account_no
                """)
            let charges = try String.fetchAll(d, sql: """
                SELECT a.account_no || '|' || c.source || '|' || c.ref || '|' || c.issue_date || '|' || c.due_date || '|' || c.amount || '|'
                    || ifnull(c.description, '∅') || '|' || c.open_amount || '|' || b.kind
                FROM charges c JOIN accounts a ON a.id = c.account_id JOIN import_batches b ON b.id = c.batch_id ORDER BY c.source, c.ref
                """)
            let credits = try String.fetchAll(d, sql: """
                SELECT a.account_no || '|' || c.source || '|' || c.channel || '|' || c.ref || '|' || c.date || '|' || c.amount || '|'
                    || ifnull(t.ref, '∅') || '|' || ifnull(c.note, '∅') || '|' || b.kind
                FROM credits c JOIN accounts a ON a.id = c.account_id JOIN import_batches b ON b.id = c.batch_id
                LEFT JOIN charges t ON t.id = c.charge_id ORDER BY c.source, c.channel, c.ref
                """)
            let reversals = try String.fetchAll(d, sql: """
                SELECT r.ref || '|' || r.date || '|' || c.ref || '|' || ifnull(r.reason, '∅') FROM reversals r JOIN credits c ON c.id = r.credit_id ORDER BY r.ref
                """)
            let phones = try String.fetchAll(d, sql: "SELECT p.phone_key || '|' || a.account_no FROM account_phones p JOIN accounts a ON a.id = p.account_id ORDER BY 1")
            let meta = try String.fetchAll(d, sql: "SELECT value FROM meta WHERE key = 'max_entry_day'")
            return accounts + charges + credits + reversals + phones + meta
        }
    }

    @Test func theLoadedLedgerIsTheImportedOne() throws {
        let imported = try Fixture.ledger()
        let scratch = try Scratch()
        try imported.importFile(.accounts, scratch.write("accounts.csv", Self.accountsCSV))
        try imported.importFile(.charges, scratch.write("charges.csv", Self.chargesCSV))
        try imported.importFile(.payments, scratch.write("payments.csv", Self.paymentsCSV))
        try imported.importFile(.adjustments, scratch.write("adjustments.csv", Self.adjustmentsCSV))

        let loaded = try Fixture.ledger()
        let counts = try Self.load(loaded)
        #expect(counts == [.accounts: 3, .charges: 3, .payments: 3, .adjustments: 4])

        let expected = try Self.snapshot(imported)
        #expect(try Self.snapshot(loaded) == expected)
        // The cache is not trivially right: A001 has INV-1 partly open, A002 unapplied credit.
        #expect(expected.contains("A001|Siti Rahayu|0812-3456-7890|siti@example.id|Jl. Merdeka No. 1, Bandung|Asia/Jakarta|RETAIL|col01|31550|0|\(Self.day("2025-01-31").ordinal)|3"))
        #expect(expected.contains("A002|PT Maju Jaya|+62 21 5550123|∅|∅|Asia/Makassar|KORPORAT|∅|0|5000|∅|2"))

        // Four batches, each rehashed equal by `check`, which finds nothing wrong;
        // the name search finds the loaded accounts.
        #expect(try loaded.count("import_batches") == 4)
        #expect(try loaded.failedChecks() == [])
        #expect(try loaded.count("accounts_fts", where: "accounts_fts MATCH 'maju'") == 1)
        #expect(try loaded.count("audit", where: "action LIKE 'import.%'") == 4)
    }

    @Test func aFailedLoadLeavesNothing() throws {
        let db = try Fixture.ledger()
        let before = try db.tableCounts()
        let account = LedgerLoader.Account(accountNo: "A001", name: "Siti", phone: nil, email: nil, address: nil,
                                           timezone: "Asia/Jakarta", segment: nil, collector: nil)
        struct Halt: Error {}
        #expect(throws: Halt.self) {
            try LedgerLoader.load(db, source: "test", session: Fixture.session) { loader in
                for i in 0..<2_000 {
                    var a = account
                    a.accountNo = "A\(i)"
                    try loader.add(a, charges: [], credits: [], reversals: [])
                }
                throw Halt()
            }
        }
        // An insert that fails (a duplicate account number) stops the generating side too.
        #expect(throws: DatabaseError.self) {
            try LedgerLoader.load(db, source: "test", session: Fixture.session) { loader in
                for _ in 0..<100_000 { try loader.add(account, charges: [], credits: [], reversals: []) }
            }
        }
        #expect(try db.tableCounts() == before)
    }
}
