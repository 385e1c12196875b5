import Foundation
import Testing

/// On PostgreSQL an import posts its rows 2,000 at a time (`RowPosterChunks`):
/// a chunk's accounts and refs are looked up together and its new rows
/// written by multi-row inserts. These files cross chunk boundaries and put
/// the cases a chunk must get right at both ends of one: a ref repeated in
/// the same chunk (identical, then different), repeated in a later chunk, an
/// account changed twice in one chunk, an account whose charges are not
/// together (the cache's sums are gathered per account), unknown accounts,
/// a payment naming another account's invoice or none, a payment ref again with another amount,
/// adjustments that name rows of their own chunk (see `writeFiles`), the same payment ref
/// on two channels. The file and its migration must answer, reject and
/// write exactly the same, and `check` pass on both (an account added and
/// changed by one file was once sealed twice, on both backends).
@Suite struct PostgresImportChunksTests {
    typealias PG = PostgresInitCLITests
    typealias Channels = PostgresChannelsCLITests
    typealias Imports = PostgresImportCLITests

    static func writeFiles(_ t: TagihRunner) throws {
        var accounts = "account_no,name,phone,collector\n"
        for i in 1...2_400 { accounts += "C\(i),Nasabah \(i),0812\(String(format: "%07d", i)),\n" }
        // In the first chunk: C3 again as it is, C4 again with a new phone (both still waiting in the chunk's insert).
        accounts += "C3,Nasabah 3,0812\(String(format: "%07d", 3)),\nC4,Nasabah 4,0813-9999-0004,\n"
        // C1998 is the first chunk's last row; the second chunk changes it near its start (its insert still waiting).
        accounts += "C1998,Nasabah 1998 Baru,0899-1998-0000,\n"
        accounts += "X1,Bad Login,,no.such.login\n"
        try t.write("accounts.csv", Self.moving(accounts, lines: [2_402, 2_403, 2_404], to: [10, 11, 2_004]))

        var charges = "account_no,ref,issue_date,due_date,amount,description\n"
        for i in 1...2_200 {
            charges += "C\(i),CH\(i),2026-10-\(String(format: "%02d", i % 28 + 1)),2026-11-\(String(format: "%02d", i % 28 + 1)),\(i * 1000),\n"
            // Near the first chunk's end, then again near the second's start.
            if i == 1_995 || i == 2_000 { charges += "C1995,CH1995X,2026-10-20,2026-11-20,1995,\n" }
        }
        // The same accounts again, away from their first charge; a demo account that has payments.
        for i in 1...300 { charges += "C\(i),CH2-\(i),2026-11-01,2026-11-20,\(i)50.25,second\n" }
        charges += "ACC0000001,CH-D1,2026-11-15,2026-12-15,75000,Demo\nNOPE,CH-X,2026-11-01,2026-11-30,1000,\n"
        // CH10 again as posted and CH11 with another amount (in the first chunk); CH5 again in the second.
        charges += "C10,CH10,2026-10-11,2026-11-11,10000,\nC11,CH11,2026-10-12,2026-11-12,99,\nC5,CH5,2026-10-06,2026-11-06,5000,\n"
        let lines = charges.split(separator: "\n", omittingEmptySubsequences: false).count
        try t.write("charges.csv", Self.moving(charges, lines: [lines - 3, lines - 2, lines - 1], to: [50, 60, 2_100]))

        var payments = "account_no,ref,paid_on,amount,channel,invoice_ref\n"
        for i in 1...2_300 { payments += "C\(i),P\(i),2026-11-2\(i % 9),\(i * 400),VA,\(i % 3 == 0 && i <= 2_200 ? "CH\(i)" : "")\n" }
        payments += "C7,P7,2026-11-27,2800,VA,\nC8,P8,2026-11-28,1,VA,\nC9,P9,2026-11-20,3600,QRIS,\n"
        payments += "C12,P-OTHER,2026-11-20,100,VA,CH13\nC14,P-NONE,2026-11-20,100,VA,NO-SUCH-INVOICE\nNOPE,P-X,2026-11-20,5,VA,\n"
        try t.write("payments.csv", payments)

        // Adjustments: debits across two chunks, and among them a credit against
        // a debit of the same chunk, that debit again as posted, a credit under a
        // debit's ref, a reversal twice and another of the same payment; in the
        // second chunk a reversal without a channel and again with one, a
        // write-off against a debit just added, a credit against another
        // account's invoice.
        var adjustments = ["account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,reason"]
        for i in 1...2_100 {
            adjustments.append("C\(i),AD\(i),2026-11-25,debit,\(i)00,,,,fee")
            if i == 28 {
                adjustments += ["C5,AC1,2026-11-26,credit,50,AD5,,,goodwill", "C5,AD5,2026-11-25,debit,500,,,,fee",
                                "C6,AD6,2026-11-25,credit,600,,,,fee", "C20,RV1,2026-11-27,reversal,,,P20,VA,bounced",
                                "C20,RV1,2026-11-27,reversal,,,P20,VA,bounced", "C20,RV2,2026-11-27,reversal,,,P20,VA,again",
                                "C22,RV5,2026-11-27,reversal,,,P22,VA,bounced", "C23,RV6,2026-11-27,reversal,,,P24,VA,not theirs",
                                "C25,RV7,2026-11-27,reversal,,,NO-SUCH-PAYMENT,VA,unknown", "C26,RV8,2026-11-27,reversal,9.99,,P26,VA,part"]
            }
            // The first chunk's last rows, then the second chunk's first, which
            // name them while their inserts are still waiting: a credit against
            // a debit, a payment reversed again (first without a channel), a
            // ref again with another kind, a debit again as posted.
            if i == 1_985 {
                adjustments += ["C1985,AX1,2026-11-25,debit,300,,,,fee", "C30,RV20,2026-11-28,reversal,,,P30,,no channel",
                                "C31,AX2,2026-11-25,debit,100,,,,fee"]
            }
            if i == 1_988 {
                adjustments += ["C1985,AC5,2026-11-28,credit,50,AX1,,,against the debit before", "C30,RV21,2026-11-28,reversal,,,P30,VA,again",
                                "C31,AX2,2026-11-25,credit,100,,,,another kind", "C1985,AX1,2026-11-25,debit,300,,,,fee"]
            }
            if i == 2_050 {
                adjustments += ["C21,RV3,2026-11-28,reversal,,,P21,,bounced", "C21,RV4,2026-11-28,reversal,,,P21,VA,twice",
                                "C2050,AC2,2026-11-28,writeoff,10,AD2050,,,small", "C7,AC3,2026-11-28,credit,70,CH8,,,",
                                "C22,RV9,2026-11-28,reversal,,,P22,VA,again later", "C20,RV1,2026-11-27,reversal,,,P20,VA,bounced",
                                "C27,RV10,2026-11-28,reversal,,,P27,VA,bounced", "C27,RV11,2026-11-28,reversal,,,P27,VA,twice"]
            }
        }
        try t.write("adjustments.csv", adjustments.joined(separator: "\n") + "\n")
        // A later file: payments reversed before it (again, and as posted), one not yet, one on the wrong channel.
        try t.write("adjustments2.csv", """
            account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,reason
            C27,RV12,2026-11-29,reversal,,,P27,VA,later
            C28,RV13,2026-11-29,reversal,,,P28,VA,bounced
            C22,RV5,2026-11-27,reversal,,,P22,VA,bounced
            C29,RV14,2026-11-29,reversal,,,P29,QRIS,wrong channel

            """ + (1...30).map { "C\($0),AD3-\($0),2026-11-29,debit,100,,,,fee\n" }.joined())
    }

    /// `text` with the given lines (1-based, the header is line 1) moved to
    /// the given places, in order.
    static func moving(_ text: String, lines: [Int], to places: [Int]) -> String {
        var all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let moved = lines.map { all[$0 - 1] }
        for l in lines.sorted(by: >) { all.remove(at: l - 1) }
        for (line, place) in zip(moved, places) { all.insert(line, at: place - 1) }
        return all.joined(separator: "\n")
    }

    @Test(.enabled(if: PG.server != nil))
    func filesOfManyChunksPostAsRowByRow() throws {
        let t = try Channels.runner()
        defer { t.cleanup() }
        let (file, _) = try Channels.demo(t, accounts: 30)
        try Self.writeFiles(t)
        try PG.withDatabase { name, uri in
            try Channels.migrate(t, file, to: uri)
            let accounts = try Imports.same(t, file, uri, ["import", "accounts", "accounts.csv"], status: 0, rejects: "accounts.csv.rejects.csv")
            #expect(accounts.stdout == "accounts.csv: 2404 rows read, 2402 posted, 1 duplicate, 1 rejected (see accounts.csv.rejects.csv)\n",
                    "\(accounts)")
            let charges = try Imports.same(t, file, uri, ["import", "charges", "charges.csv"], status: 0, rejects: "charges.csv.rejects.csv")
            #expect(charges.stdout == "charges.csv: 2507 rows read, 2502 posted, 3 duplicates, 2 rejected (see charges.csv.rejects.csv)\n",
                    "\(charges)")
            #expect(charges.stderr.contains("charges.csv:60: conflicts with charge CH11 already posted with a different"), "\(charges)")
            let payments = try Imports.same(t, file, uri, ["import", "payments", "payments.csv"], status: 0, rejects: "payments.csv.rejects.csv")
            #expect(payments.stdout == "payments.csv: 2306 rows read, 2301 posted, 1 duplicate, 4 rejected (see payments.csv.rejects.csv)\n",
                    "\(payments)")
            #expect(payments.stderr.contains("payments.csv:2303: conflicts with payment VA/P8 already posted with a different amount"), "\(payments)")
            #expect(payments.stderr.contains("invoice_ref: CH13 is a charge of another account"), "\(payments)")
            #expect(payments.stderr.contains("unknown invoice ref NO-SUCH-INVOICE for this account"), "\(payments)")
            let adjustments = try Imports.same(t, file, uri, ["import", "adjustments", "adjustments.csv"], status: 0,
                                               rejects: "adjustments.csv.rejects.csv")
            #expect(adjustments.stdout == "adjustments.csv: 2125 rows read, 2110 posted, 4 duplicates, 11 rejected (see adjustments.csv.rejects.csv)\n",
                    "\(adjustments)")
            for reason in ["conflicts with adjustment AD6 already posted with a different kind (debit)", "was already reversed by RV1",
                           "was already reversed by RV3", "invoice_ref: CH8 is a charge of another account",
                           "payment_ref: payment P24 belongs to another account", "unknown payment VA/NO-SUCH-PAYMENT for this account",
                           "amount: a reversal reverses the whole payment", "payment VA/P22 was already reversed by RV5",
                           "payment VA/P27 was already reversed by RV10", "payment VA/P30 was already reversed by RV20",
                           "conflicts with adjustment AX2 already posted with a different kind (debit)"] {
                // All of them in the rejects file (the terminal shows the first ten).
                #expect(try t.read("adjustments.csv.rejects.csv").contains(reason), "\(reason): \(adjustments)")
            }
            let again = try Imports.same(t, file, uri, ["import", "adjustments", "adjustments2.csv"], status: 0,
                                         rejects: "adjustments2.csv.rejects.csv")
            #expect(again.stdout == "adjustments2.csv: 34 rows read, 31 posted, 1 duplicate, 2 rejected (see adjustments2.csv.rejects.csv)\n",
                    "\(again)")
            #expect(again.stderr.contains("payment VA/P27 was already reversed by RV10"), "\(again)")
            #expect(again.stderr.contains("unknown payment QRIS/P29 for this account"), "\(again)")
            for args in [["report", "aging", "--format", "csv"], ["account", "C4", "--format", "json"], ["statement", "C9", "--format", "csv"],
                         ["statement", "C5", "--format", "csv"], ["statement", "C20", "--format", "csv"], ["statement", "C2050", "--format", "csv"],
                         ["statement", "C27", "--format", "csv"], ["statement", "C28", "--format", "csv"],
                         ["statement", "C1985", "--format", "csv"], ["account", "C1998", "--format", "json"], ["statement", "C1995", "--format", "csv"]] {
                _ = try Imports.same(t, file, uri, args, status: 0)
            }
            try Imports.sameRows(name, file)
            try Channels.checkPasses(t, file, uri)
        }
    }
}
