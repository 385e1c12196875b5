import Foundation
import Testing

/// `tagih statement` (issue 17): the worked example's accounts with every
/// figure computed by hand here, and agreement with `tagih account --as-of`
/// at both ends of any period, on the example and on a random ledger.
@Suite(.serialized) struct StatementCLITests {
    static func example() throws -> TagihRunner {
        let t = try ExampleGoldenTests.loadedExample()
        for k in ["accounts", "charges", "payments", "adjustments"] { _ = try t.run("--db", "ex.db", "import", k, "\(k).csv") }
        return t
    }

    /// A004 of the example: INV-401 (Rp1.200.000, 2025-01-01, due 01-31),
    /// paid by TRX-1001 on 02-05 (MINIMARKET), reversed by ADJ-401 on 05-10.
    @Test func a004ByHand() throws {
        let t = try Self.example()
        defer { t.cleanup() }
        let table = try t.ok("--db", "ex.db", "--today", "2025-06-30", "statement", "A004", "--from", "2025-01-01")
        #expect(table == """
            Statement of account A004  Yohanes Kambu
            Period 1 January 2025 – 30 June 2025

            Opening position, as of 31 December 2024: Balance IDR 0, Past due IDR 0

              Date        Entry     Ref       Details                                       Amount        Balance
              ──────────  ────────  ────────  ────────────────────────────────────  ──────────────  ─────────────
              2025-01-01  charge    INV-401   due 2025-01-31                         IDR 1,200,000  IDR 1,200,000
              2025-02-05  payment   TRX-1001  MINIMARKET                            -IDR 1,200,000          IDR 0
              2025-05-10  reversal  ADJ-401   reverses TRX-1001; Dana ditolak bank   IDR 1,200,000  IDR 1,200,000

              Charges and reversals: IDR 2,400,000
              Payments and credits: IDR 1,200,000

            Closing position, as of 30 June 2025: Balance IDR 1,200,000, Past due IDR 1,200,000

            """)
        // Without --from: from the first entry, the same lines.
        #expect(try t.ok("--db", "ex.db", "--today", "2025-06-30", "statement", "A004") == table)
        let csv = try t.ok("--db", "ex.db", "statement", "A004", "--from", "2025-02-01", "--to", "2025-05-31", "--format", "csv")
        #expect(csv == """
            date,kind,ref,description,amount,balance,past_due
            2025-01-31,opening,,,,1200000.00,0.00
            2025-02-05,payment,TRX-1001,,-1200000.00,0.00,
            2025-05-10,reversal,ADJ-401,Dana ditolak bank,1200000.00,1200000.00,
            2025-05-31,closing,,,,1200000.00,1200000.00

            """)
    }

    /// A005: INV-501 Rp800.000 (2024-12-01, due 12-31), the debit ADJ-501
    /// Rp50.000 on 2025-02-01 (due 02-15), the write-off ADJ-502 Rp850.000
    /// on 06-01; in Indonesian, and as JSON.
    @Test func a005InIndonesianAndJSON() throws {
        var t = try Self.example()
        defer { t.cleanup() }
        let json = try t.ok("--db", "ex.db", "statement", "A005", "--from", "2025-01-01", "--to", "2025-03-31", "--format", "json")
        let o = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        #expect(o["opening"] as? [String: String] == ["as_of": "2024-12-31", "balance": "800000.00", "past_due": "0.00"])
        #expect(o["closing"] as? [String: String] == ["as_of": "2025-03-31", "balance": "850000.00", "past_due": "850000.00"])
        let lines = o["lines"] as! [[String: Any]]
        #expect(lines.count == 1)
        #expect(lines[0]["ref"] as? String == "ADJ-501" && lines[0]["kind"] as? String == "debit" && lines[0]["amount"] as? String == "50000.00"
                && lines[0]["balance"] as? String == "850000.00" && lines[0]["due_date"] as? String == "2025-02-15")
        #expect(o["charged"] as? String == "50000.00" && o["credited"] as? String == "0.00")
        t.environment["LANG"] = "id_ID.UTF-8"
        #expect(try t.ok("--db", "ex.db", "statement", "A005", "--from", "2025-04-01", "--to", "2025-06-30") == """
            Rekening koran A005  PT Maju, Tbk
            Periode 1 April 2025 – 30 Juni 2025

            Posisi awal, per 31 Maret 2025: Saldo Rp850.000, Lewat jatuh tempo Rp850.000

              Tanggal     Jenis       Referensi  Keterangan          Jumlah  Saldo
              ──────────  ──────────  ─────────  ──────────────  ──────────  ─────
              2025-06-01  hapus buku  ADJ-502    Dihapusbukukan  -Rp850.000    Rp0

              Tagihan dan pembatalan: Rp0
              Pembayaran dan pengurangan: Rp850.000

            Posisi akhir, per 30 Juni 2025: Saldo Rp0, Lewat jatuh tempo Rp0

            """)
    }

    /// Errors: an unknown account, a period backwards, a bad date; `--output` writes a private file.
    @Test func errorsAndOutput() throws {
        let t = try Self.example()
        defer { t.cleanup() }
        let unknown = try t.run("--db", "ex.db", "statement", "A999")
        #expect(unknown.status == 1 && unknown.stderr == "tagih: unknown account A999\n")
        #expect(try t.run("--db", "ex.db", "statement", "A001", "--from", "2025-03-01", "--to", "2025-02-01").status == 2)
        #expect(try t.run("--db", "ex.db", "statement", "A001", "--from", "2025-02-30").status == 2)
        #expect(try t.ok("--db", "ex.db", "statement", "A006", "--to", "2025-06-30", "--format", "csv", "--output", "a006.csv") == "")
        #expect(try t.read("a006.csv") == """
            date,kind,ref,description,amount,balance,past_due
            2025-02-09,opening,,,,0.00,0.00
            2025-02-10,charge,INV-601,,400000.00,400000.00,
            2025-03-05,credit,ADJ-601,Nota kredit,-100000.00,300000.00,
            2025-06-30,closing,,,,300000.00,300000.00

            """)
        let mode = try FileManager.default.attributesOfItem(atPath: t.path("a006.csv"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A collector reads any single account's statement (R3, R4).
        var c = t
        c.user = "col02"
        #expect(try c.run("--db", "ex.db", "statement", "A001", "--to", "2025-06-30").status == 0)
    }

    /// Opening and closing agree with `account --as-of` (the day before
    /// --from, and --to) and the lines lead from one to the other.
    static func agree(_ t: TagihRunner, db: String, account: String, from: String, to: String) throws {
        let json = try t.ok("--db", db, "statement", account, "--from", from, "--to", to, "--format", "json")
        let o = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let opening = o["opening"] as! [String: String], closing = o["closing"] as! [String: String]
        for (end, day) in [(opening, opening["as_of"]!), (closing, to)] {
            let a = try JSONSerialization.jsonObject(with: Data(try t.ok("--db", db, "account", account, "--as-of", day, "--format", "json").utf8))
                as! [String: Any]
            #expect(end["balance"] == a["balance"] as? String, "\(account) \(from)…\(to) balance as of \(day)")
            #expect(end["past_due"] == a["past_due"] as? String, "\(account) \(from)…\(to) past due as of \(day)")
        }
        var running = cents(opening["balance"]!)
        for l in o["lines"] as! [[String: Any]] {
            running += cents(l["amount"] as! String)
            #expect(cents(l["balance"] as! String) == running)
            let date = l["date"] as! String
            #expect(date >= from && date <= to || l["kind"] as? String == "reversal", "\(date) outside \(from)…\(to)")
        }
        #expect(running == cents(closing["balance"]!))
    }

    static func cents(_ s: String) -> Int64 {
        let negative = s.hasPrefix("-")
        let parts = s.drop { $0 == "-" }.split(separator: ".")
        let v = Int64(parts[0])! * 100 + (parts.count > 1 ? Int64(parts[1])! : 0)
        return negative ? -v : v
    }

    @Test func theExampleAgreesWithAccountOnBothDays() throws {
        let t = try Self.example()
        defer { t.cleanup() }
        let periods = [("2024-12-01", "2025-01-31"), ("2025-01-01", "2025-03-31"), ("2025-02-10", "2025-02-10"), ("2025-03-01", "2025-06-30")]
        for n in 1...8 {
            for (from, to) in periods { try Self.agree(t, db: "ex.db", account: String(format: "A%03d", n), from: from, to: to) }
        }
    }

    /// A random ledger (seeded): charges, payments naming an invoice or not,
    /// credits, write-offs, debits, reversals; every entry dated in a period
    /// is a line, and both ends agree with `account`.
    @Test(arguments: [17, 2026])
    func aRandomLedgerAgrees(seed: UInt64) throws {
        let t = try TagihRunner()
        defer { t.cleanup() }
        var rng = ModelRNG(seed: seed)
        let day0 = Date(timeIntervalSince1970: 1_735_689_600) // 2025-01-01
        func iso(_ d: Int) -> String {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX"); f.timeZone = TimeZone(identifier: "UTC"); f.dateFormat = "yyyy-MM-dd"
            return f.string(from: day0.addingTimeInterval(TimeInterval(d) * 86_400))
        }
        var accounts = "account_no,name\n", charges = "account_no,ref,issue_date,due_date,amount\n"
        var payments = "account_no,ref,paid_on,amount,channel,invoice_ref\n"
        var adjustments = "account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,due_date\n"
        var dated: [String: [String]] = [:]   // account -> the dates of its entries
        for a in 1...4 {
            let no = "R\(a)"
            accounts += "\(no),Random \(a)\n"
            var invoices: [(ref: String, day: Int)] = []
            for c in 0..<rng.int(1...5) {
                let d = rng.int(0...150), ref = "\(no)-INV-\(c)"
                charges += "\(no),\(ref),\(iso(d)),\(iso(d + rng.int(0...40))),\(rng.int(1...900_000)).\(String(format: "%02d", rng.int(0...99)))\n"
                invoices.append((ref, d)); dated[no, default: []].append(iso(d))
            }
            var paid: [(ref: String, day: Int)] = []
            for p in 0..<rng.int(0...4) {
                let d = rng.int(0...170), ref = "\(no)-PAY-\(p)"
                let target = rng.int(0...2) == 0 ? rng.pick(invoices).ref : ""
                payments += "\(no),\(ref),\(iso(d)),\(rng.int(1...600_000)).50,VA,\(target)\n"
                paid.append((ref, d)); dated[no, default: []].append(iso(d))
            }
            for j in 0..<rng.int(0...3) {
                let d = rng.int(0...170), kind = rng.pick(["credit", "writeoff", "debit"])
                adjustments += "\(no),\(no)-ADJ-\(j),\(iso(d)),\(kind),\(rng.int(1...200_000)),,,,\(kind == "debit" ? iso(d + 10) : "")\n"
                dated[no, default: []].append(iso(d))
            }
            if let p = paid.first, rng.int(0...1) == 0 {
                let d = p.day + rng.int(0...30)
                adjustments += "\(no),\(no)-REV,\(iso(d)),reversal,,,\(p.ref),VA,\n"
                dated[no, default: []].append(iso(d))
            }
        }
        try t.write("accounts.csv", accounts); try t.write("charges.csv", charges)
        try t.write("payments.csv", payments); try t.write("adjustments.csv", adjustments)
        _ = try t.ok("--db", "r.db", "init")
        for k in ["accounts", "charges", "payments", "adjustments"] {
            let out = try t.ok("--db", "r.db", "import", k, "\(k).csv")
            #expect(out.contains(" 0 rejected"), "\(k): \(out)")
        }
        for a in 1...4 {
            let no = "R\(a)"
            for _ in 0..<3 {
                let x = rng.int(0...180), y = rng.int(0...180)
                let (from, to) = (iso(min(x, y)), iso(max(x, y)))
                try Self.agree(t, db: "r.db", account: no, from: from, to: to)
                let csv = try t.ok("--db", "r.db", "statement", no, "--from", from, "--to", to, "--format", "csv")
                let lines = csv.split(separator: "\n").count - 3
                #expect(lines == dated[no, default: []].filter { $0 >= from && $0 <= to }.count, "\(no) \(from)…\(to): every entry of the period")
            }
        }
    }
}
