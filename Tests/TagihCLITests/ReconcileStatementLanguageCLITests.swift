import Foundation
import Testing

/// The refusals of `tagih reconcile` and `tagih statement` in the reader's
/// language (issue 19): Bahasa Indonesia for a user whose language is id,
/// the command line's English otherwise, the same exit codes either way.
@Suite struct ReconcileStatementLanguageCLITests {
    @Test func reconcileRefusalsInIndonesian() throws {
        var t = try ReconcileCLITests.ledger()
        defer { t.cleanup() }
        t.environment["LANG"] = "id_ID.UTF-8"
        let args = ["reconcile", "--channel", "VA", "--from", "2026-12-01", "--to", "2026-12-02"]
        try t.write("bad.csv", "date,ref,amount,fee\n2026-12-01,R1,10,0\n2026-12-01,R2,1.000,0\n")
        let bad = try t.run(args + ["--statement", "bad.csv"])
        #expect(bad.status == 1 && bad.stdout.isEmpty)
        #expect(bad.stderr == "tagih: bad.csv ditolak: baris 3: amount: jumlah salah 1.000\n", "\(bad.stderr)")

        try t.write("twice.csv", "date,ref,amount\n2026-12-01,R1,10\n2026-12-02,R1,10\n")
        let twice = try t.run(args + ["--statement", "twice.csv"])
        #expect(twice.status == 1)
        #expect(twice.stderr == "tagih: twice.csv ditolak: referensi R1 tercantum dua kali di laporan\n", "\(twice.stderr)")

        try t.write("nohead.csv", "tanggal,ref\n2026-12-01,R1\n")
        let lacks = try t.run(args + ["--statement", "nohead.csv"])
        #expect(lacks.stderr == "tagih: nohead.csv ditolak: baris 1: baris judul laporan tidak memuat date, amount\n", "\(lacks.stderr)")

        try t.write("baddate.csv", "date,ref,amount\n2026-02-30,R1,10\n")
        let date = try t.run(args + ["--statement", "baddate.csv"])
        #expect(date.stderr == "tagih: baddate.csv ditolak: baris 2: date: tanggal salah 2026-02-30 (seharusnya tanggal yang ada, dalam bentuk YYYY-MM-DD)\n",
                "\(date.stderr)")

        let missing = try t.run(args + ["--statement", "tidak-ada.csv"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "tagih: tidak dapat membaca tidak-ada.csv: tidak ada berkas biasa dengan nama itu\n", "\(missing.stderr)")

        let backwards = try t.run(["reconcile", "--channel", "VA", "--statement", "settlement.csv", "--from", "2026-12-02", "--to", "2026-12-01"])
        #expect(backwards.status == 2)
        #expect(backwards.stderr == "tagih: --from 2026-12-02 sesudah --to 2026-12-01\n", "\(backwards.stderr)")

        // The same refusal in English for an English reader: the command line's wording, unchanged.
        t.environment["LANG"] = "C.UTF-8"
        let english = try t.run(args + ["--statement", "twice.csv"])
        #expect(english.stderr == "tagih: twice.csv refused: ref R1 is on the statement twice\n", "\(english.stderr)")
    }

    @Test func statementRefusalsInIndonesian() throws {
        var t = try StatementCLITests.example()
        defer { t.cleanup() }
        t.environment["LANG"] = "id_ID.UTF-8"
        let unknown = try t.run("--db", "ex.db", "statement", "A999")
        #expect(unknown.status == 1 && unknown.stderr == "tagih: akun A999 tidak dikenal\n", "\(unknown.stderr)")
        let backwards = try t.run("--db", "ex.db", "statement", "A001", "--from", "2025-03-01", "--to", "2025-02-01")
        #expect(backwards.status == 2 && backwards.stderr == "tagih: --from 2025-03-01 sesudah --to 2025-02-01\n", "\(backwards.stderr)")
        let future = try t.run("--db", "ex.db", "--today", "2025-06-30", "statement", "A001", "--from", "2025-07-01")
        #expect(future.status == 2 && future.stderr == "tagih: --from 2025-07-01 sesudah hari ini 2025-06-30; berikan --to\n", "\(future.stderr)")
    }
}
