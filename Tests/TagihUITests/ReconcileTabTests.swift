import Testing
import TagihCore
import TagihTerminal
@testable import TagihUI

/// The fake's reconciliation: VA payments posted in November 2026 against a
/// statement, worked by hand (the figures of the CLI's golden).
extension FakeLedger {
    func paymentChannels() throws -> [String] { ["QRIS", "VA"] }

    func reconcile(_ request: ReconcileRequest) throws -> ReconcileOutcome {
        reconciled.append(request)
        if request.statement == "missing.csv" {
            throw StoreErrorLike("tidak dapat membaca missing.csv: tidak ada berkas biasa dengan nama itu")
        }
        let d = { (s: String) in Day(iso: s)! }
        let posted: [Reconciliation.Posted] = request.channel == "VA" ? [
            .init(ref: "BCA26120100017", accountNo: "ACC0000001", date: d("2026-11-02"), amount: Money(minor: 1_250_000_00)),
            .init(ref: "BCA26120100018", accountNo: "ACC0000002", date: d("2026-11-02"), amount: Money(minor: 750_500_50)),
            .init(ref: "BCA26120200003", accountNo: "ACC0000001", date: d("2026-11-03"), amount: Money(minor: 99_999_99)),
        ] : (1...30).map { .init(ref: String(format: "QR-%02d", $0), accountNo: "ACC0000005", date: d("2026-11-05"), amount: Money(minor: 10_000_00)) }
        let settled: [Reconciliation.Settled] = request.channel == "VA" ? [
            .init(ref: "BCA26120100017", date: d("2026-11-02"), amount: Money(minor: 1_250_000_00), fee: Money(minor: 4_000_00)),
            .init(ref: "BCA26120200003", date: d("2026-11-03"), amount: Money(minor: 99_999_98), fee: Money(minor: 4_000_00)),
            .init(ref: "BCA-X", date: d("2026-11-03"), amount: Money(minor: 5_000_00), fee: Money(minor: 2_500_50)),
        ] : []
        return ReconcileOutcome(result: try Reconciliation.match(posted: posted, settled: settled), profile: request.channel == "VA" ? "bca-va" : nil)
    }
}

/// An error whose description is the sentence, as the store's are by the time they reach the workstation.
struct StoreErrorLike: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

@Suite struct ReconcileTabTests {
    /// R, then Shift-Tab from the first tab: a lead's last tab, Reconciliation.
    func openReconcile(_ w: Workstation) { w.press(.character("R"), .backTab) }

    func typePath(_ w: Workstation, _ path: String) {
        w.press(.enter)
        w.type(path)
        w.press(.enter)
    }

    @Test func aLeadReconcilesAChannelInBothLanguages() throws {
        for language in [Language.en, .id] {
            let (w, ledger) = makeWorkstation("lead01", language: language)
            openReconcile(w)
            #expect(w.state.reportsOnScreen?.tab == .reconcile)
            // The first channel seen; → the next one.
            #expect(w.state.reportsOnScreen?.reconcile.channel == "QRIS")
            w.press(.right)
            #expect(w.state.reportsOnScreen?.reconcile.channel == "VA")
            try expectGolden("reports-reconcile-empty-\(language.rawValue)", w.screen)
            typePath(w, "settlement.csv")
            // This month by default: 1 to 23 November 2026.
            #expect(ledger.reconciled == [ReconcileRequest(channel: "VA", statement: "settlement.csv", from: Day(iso: "2026-11-01")!, to: today)])
            try expectGolden("reports-reconcile-\(language.rawValue)", w.screen)
            let text = w.screen.text
            // Totals by hand: posted 1,250,000.00 + 750,500.50 + 99,999.99 = 2,100,500.49; settled 1,250,000.00 +
            // 99,999.98 + 5,000.00 = 1,354,999.98; fees 4,000 + 4,000 + 2,500.50 = 10,500.50; difference 745,500.51.
            if language == .en {
                #expect(text.contains("Totals: Posted IDR 2,100,500.49 · Settled IDR 1,354,999.98"))
                #expect(text.contains("Fees IDR 10,500.50 · Difference (posted − settled) IDR 745,500.51"))
                #expect(text.contains(" BCA-X          not posted"))
            } else {
                #expect(text.contains("Jumlah: Dibukukan Rp2.100.500,49 · Diselesaikan Rp1.354.999,98"))
                #expect(text.contains("Biaya Rp10.500,50 · Selisih (dibukukan − diselesaikan) Rp745.500,51"))
                #expect(text.contains(" BCA-X          belum dibukukan"))
            }
            for y in 0..<24 { #expect(w.screen.line(y).count <= 80) }
        }
    }

    /// `e` writes the table as `tagih reconcile --format csv` prints it (the
    /// same `ReportCSV.reconciliation`), named for the channel and period; the
    /// status line says where. The CSV is the same bytes in either language.
    @Test func eExportsTheTableAsTheCommandPrintsIt() throws {
        var exported: [String] = []
        for language in [Language.en, .id] {
            let (w, ledger) = makeWorkstation("lead01", language: language)
            openReconcile(w)
            w.press(.right)
            w.press(.character("e"))
            #expect(ledger.exports.isEmpty, "no table yet, nothing to export")
            #expect(!w.screen.line(22).contains(language == .en ? "e export" : "e ekspor"), "no export offered before a table")
            typePath(w, "settlement.csv")
            #expect(w.screen.line(22) == (language == .en ? " Tab report  e export  ? help  Esc back" : " Tab laporan  e ekspor  ? bantuan  Esc kembali"))
            w.press(.character("e"))
            try #require(ledger.exports.count == 1)
            #expect(ledger.exports[0].0 == "reconciliation-VA-2026-11-01-2026-11-23")
            // The fake's VA table by hand, refs in byte order ('-' before digits); the fee of a settled line only.
            #expect(ledger.exports[0].1 == """
                ref,status,account_no,posted_on,posted,settled_on,settled,fee
                BCA-X,settled_not_posted,,,,2026-11-03,5000.00,2500.50
                BCA26120100017,matched,ACC0000001,2026-11-02,1250000.00,2026-11-02,1250000.00,4000.00
                BCA26120100018,posted_not_settled,ACC0000002,2026-11-02,750500.50,,,
                BCA26120200003,amount_differs,ACC0000001,2026-11-03,99999.99,2026-11-03,99999.98,4000.00

                """)
            let outcome = try #require(w.state.reportsOnScreen?.reconcile.outcome)
            #expect(ledger.exports[0].1 == ReportCSV.reconciliation(outcome.result, currency: .idr))
            exported.append(ledger.exports[0].1)
            try expectGolden("reports-reconcile-exported-\(language.rawValue)", w.screen)
            #expect(w.screen.line(23).contains("tagih.db-exports/reconciliation-VA-2026-11-01-2026-11-23.csv"), "\(w.screen.line(23))")
            // Another month is another file.
            w.press(.character("["))
            w.press(.character("e"))
            #expect(ledger.exports.map(\.0) == ["reconciliation-VA-2026-11-01-2026-11-23", "reconciliation-VA-2026-10-01-2026-10-31"])
        }
        #expect(exported[0] == exported[1])
    }

    @Test func wideShowsTheDatesAndFees() throws {
        let (w, _) = makeWorkstation("lead01", language: .en, width: 132, height: 40)
        openReconcile(w)
        w.press(.right)
        typePath(w, "settlement.csv")
        try expectGolden("reports-reconcile-en-132x40", w.screen)
        #expect(w.screen.text.contains("Posted on"))
    }

    @Test func aLongTableIsPagedAt80x24() throws {
        let (w, _) = makeWorkstation("lead01", language: .en)
        openReconcile(w)
        typePath(w, "qris.csv")   // QRIS: thirty payments the channel has not settled
        #expect(w.state.reportsOnScreen?.rowCount == 30)
        #expect(w.screen.text.contains(" QR-01 ") && !w.screen.text.contains(" QR-30 "))
        w.press(.pageDown, .pageDown, .pageDown)
        #expect(w.state.reportsOnScreen?.cursor == 29)
        #expect(w.screen.text.contains(" QR-30 ") && !w.screen.text.contains(" QR-01 "))
        try expectGolden("reports-reconcile-paged-en", w.screen)
        #expect(w.screen.text.contains("Totals: Posted IDR 300,000 · Settled IDR 0"))
    }

    @Test func theMonthMovesAndTheStatementIsReadAgain() {
        let (w, ledger) = makeWorkstation("lead01", language: .en)
        openReconcile(w)
        w.press(.right)
        typePath(w, "settlement.csv")
        w.press(.character("["))
        #expect(ledger.reconciled.last == ReconcileRequest(channel: "VA", statement: "settlement.csv",
                                                           from: Day(iso: "2026-10-01")!, to: Day(iso: "2026-10-31")!))
        w.press(.character("]"))
        #expect(ledger.reconciled.last?.from == Day(iso: "2026-11-01")! && ledger.reconciled.last?.to == today)
        w.press(.character("]"))
        #expect(ledger.reconciled.count == 4, "never past today: the same month read again")
        #expect(ledger.reconciled.last?.to == today)
    }

    @Test func anAnswerToAnEarlierQuestionIsDropped() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .en)
        openReconcile(w)
        w.press(.right)
        typePath(w, "settlement.csv")
        // October's answer arrives after the person moved back to November (a slow worker).
        var late = try #require(w.state.reportsOnScreen)
        late.reconcile.shown = ReconcileRequest(channel: "VA", statement: "settlement.csv", from: Day(iso: "2026-10-01")!, to: Day(iso: "2026-10-31")!)
        late.reconcile.outcome = ReconcileOutcome(result: try Reconciliation.match(posted: [], settled: []), profile: nil)
        var s = w.state
        _ = update(&s, .reportsLoaded(late))
        #expect(s.reportsOnScreen?.reconcile.outcome?.result.rows.count == 4, "November's table stays")
        #expect(ledger.reconciled.count == 1)
    }

    @Test func aStatementThatCannotBeReadIsSaidOnTheTab() {
        let (w, _) = makeWorkstation("lead01", language: .id)
        openReconcile(w)
        typePath(w, "missing.csv")
        #expect(w.screen.text.contains("tidak dapat membaca missing.csv: tidak ada berkas biasa dengan nama itu"))
    }

    @Test func collectorsDoNotSeeTheTab() {
        let (w, _) = makeWorkstation("kol01", language: .en)
        w.press(.character("R"), .backTab)
        #expect(w.state.reportsOnScreen?.tab == .reminders, "Shift-Tab from the first tab: a collector's last tab")
        for _ in 0..<12 {
            w.press(.tab)
            #expect(w.state.reportsOnScreen?.tab != .reconcile)
        }
        #expect(!w.screen.text.contains("Reconciliation"))
    }
}
