import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// A random book of ~200 accounts kept in memory as the pure model, written
/// as CSV files and imported in several files and orders. Every figure the
/// store gives — from the cache, from a replay, per account — must equal the
/// fold of `Ledger.position` over the in-memory entries.
@Suite struct CacheTests {
    struct ModelAccount {
        var no: String
        var name: String
        var collector: String?
        var segment: String?
        var charges: [Charge] = []
        var credits: [Credit] = []
    }

    /// The book, and the CSV rows of each file in the order they are imported.
    struct Book {
        var accounts: [ModelAccount] = []
        var files: [(kind: ImportKind, name: String, text: String, rows: Int)] = []
        var maxEntryDay = Day(ordinal: Int32.min)
        var firstDay = Day(iso: "2025-01-01")!
    }

    static let collectors: [String?] = [nil, "col01", "col02", "col03"]
    static let segments: [String?] = [nil, "RETAIL", "SME", "Corporate", "&co", "a-team"]
    static let channels = ["BANK_TRANSFER", "VA", "QRIS", "MINIMARKET", "EWALLET"]

    /// Builds the book with a seeded generator.
    static func makeBook(seed: UInt64, accounts count: Int = 200) -> Book {
        var rng = SplitMix64(seed: seed)
        var book = Book()
        let start = book.firstDay
        func randomDay() -> Day { start.adding(days: Int.random(in: 0..<365, using: &rng)) }
        func amount(max: Int64) -> Int64 { Int64.random(in: 1...max, using: &rng) }
        /// The file format, in one of its accepted spellings.
        func text(_ minor: Int64) -> String {
            if minor % 100 == 0 && Bool.random(using: &rng) { return String(minor / 100) }
            if minor % 10 == 0 && Bool.random(using: &rng) { return "\(minor / 100).\((minor % 100) / 10)" }
            return Money(minor: minor).machine(.idr)
        }
        var nextChargeID: Int64 = 1, nextCreditID: Int64 = 1
        var accountRows: [String] = []
        var earlyCharges: [String] = [], lateCharges: [String] = []
        var paymentRows: [String] = []
        var adjustmentRows: [String] = []
        var updateRows: [String] = []
        func note(_ d: Day) { if d > book.maxEntryDay { book.maxEntryDay = d } }

        for i in 0..<count {
            var a = ModelAccount(no: String(format: "K%04d", i), name: "Debitur \(i)",
                                 collector: collectors.randomElement(using: &rng)!, segment: segments.randomElement(using: &rng)!)
            accountRows.append("\(a.no),\(a.name),Asia/Jakarta,\(a.segment ?? ""),\(a.collector ?? "")")

            // Invoices; some share due and issue dates so the ref decides their order.
            var invoices: [(charge: Charge, targeted: Bool)] = []
            for k in 0..<Int.random(in: 0...6, using: &rng) {
                var issue = randomDay(), due = issue.adding(days: Int.random(in: 0...60, using: &rng))
                if let previous = invoices.last, Int.random(in: 0..<4, using: &rng) == 0 {
                    issue = previous.charge.issueDate; due = previous.charge.dueDate
                }
                let ref = "INV-\(i)-\(["a", "B", "c", "D", "e", "F", "g"][k])"
                invoices.append((Charge(id: nextChargeID, ref: ref, issueDate: issue, dueDate: due, amount: Money(minor: amount(max: 500_000_000))), false))
                nextChargeID += 1
                note(issue)
            }

            // Payments, some aimed at an invoice, some reusing a ref on another channel.
            var payments: [(credit: Credit, channel: String, ref: String)] = []
            for k in 0..<Int.random(in: 0...5, using: &rng) {
                let date = randomDay()
                var channel = channels.randomElement(using: &rng)!
                var ref = "TRX-\(i)-\(k)"
                if let p = payments.last, Int.random(in: 0..<5, using: &rng) == 0 {
                    ref = p.ref
                    channel = channels.filter { c in !payments.contains { $0.ref == ref && $0.channel == c } }.randomElement(using: &rng)!
                }
                var target: Int64? = nil
                if !invoices.isEmpty, Int.random(in: 0..<5, using: &rng) < 2 {
                    let j = Int.random(in: 0..<invoices.count, using: &rng)
                    invoices[j].targeted = true
                    target = invoices[j].charge.id
                }
                let c = Credit(id: nextCreditID, kind: .payment, date: date, amount: Money(minor: amount(max: 300_000_000)), targetChargeID: target)
                nextCreditID += 1
                payments.append((c, channel, ref))
                note(date)
                let inv = target.flatMap { t in invoices.first { $0.charge.id == t }?.charge.ref } ?? ""
                paymentRows.append("\(a.no),\(ref),\(date.iso),\(text(c.amount.minor)),\(channel),\(inv)")
            }

            // Reversals of some payments, usually after the payment, now and then before it.
            for j in payments.indices where Int.random(in: 0..<10, using: &rng) < 3 {
                let offset = Int.random(in: -5...90, using: &rng)
                let date = payments[j].credit.date.adding(days: offset)
                payments[j].credit.reversedOn = date
                note(date)
                adjustmentRows.append("\(a.no),ADJ-R\(i)-\(j),\(date.iso),reversal,,,\(payments[j].ref),\(payments[j].channel),,bounced")
            }

            // Credits and write-offs (some aimed at an invoice), debits.
            var credits = payments.map(\.credit)
            for k in 0..<Int.random(in: 0...2, using: &rng) {
                let kind: Credit.Kind = Int.random(in: 0..<3, using: &rng) == 0 ? .writeoff : .credit
                let date = randomDay()
                var target: Int64? = nil
                if !invoices.isEmpty, Bool.random(using: &rng) {
                    let j = Int.random(in: 0..<invoices.count, using: &rng)
                    invoices[j].targeted = true
                    target = invoices[j].charge.id
                }
                let c = Credit(id: nextCreditID, kind: kind, date: date, amount: Money(minor: amount(max: 100_000_000)), targetChargeID: target)
                nextCreditID += 1
                credits.append(c)
                note(date)
                let inv = target.flatMap { t in invoices.first { $0.charge.id == t }?.charge.ref } ?? ""
                adjustmentRows.append("\(a.no),ADJ-C\(i)-\(k),\(date.iso),\(kind.rawValue),\(text(c.amount.minor)),\(inv),,,,adjusted")
            }
            var debits: [Charge] = []
            for k in 0..<(Int.random(in: 0..<4, using: &rng) == 0 ? 1 : 0) {
                let date = randomDay()
                let explicitDue = Bool.random(using: &rng)
                let due = explicitDue ? date.adding(days: Int.random(in: 0...30, using: &rng)) : date
                let d = Charge(id: nextChargeID, ref: "ADJ-D\(i)-\(k)", issueDate: date, dueDate: due, amount: Money(minor: amount(max: 20_000_000)))
                nextChargeID += 1
                debits.append(d)
                note(date)
                adjustmentRows.append("\(a.no),\(d.ref),\(date.iso),debit,\(text(d.amount.minor)),,,,\(explicitDue ? due.iso : ""),late fee")
            }

            for inv in invoices {
                let row = "\(a.no),\(inv.charge.ref),\(inv.charge.issueDate.iso),\(inv.charge.dueDate.iso),\(text(inv.charge.amount.minor)),Tagihan"
                // A charge no credit names may arrive after the payments and adjustments.
                if !inv.targeted && Bool.random(using: &rng) { lateCharges.append(row) } else { earlyCharges.append(row) }
            }
            a.charges = invoices.map(\.charge) + debits
            a.credits = credits

            // A later accounts file moves some accounts to another collector or segment.
            let newCollector = collectors.randomElement(using: &rng)!, newSegment = segments.randomElement(using: &rng)!
            if Int.random(in: 0..<8, using: &rng) == 0, newCollector != a.collector || newSegment != a.segment {
                a.collector = newCollector
                a.segment = newSegment
                // `-` clears a field; an empty one would leave it as it is (CONTRACT §3).
                updateRows.append("\(a.no),\(a.name),Asia/Jakarta,\(a.segment ?? "-"),\(a.collector ?? "-")")
            }
            book.accounts.append(a)
        }

        /// Splits rows into `n` files at random, each shuffled.
        func split(_ rows: [String], into n: Int) -> [[String]] {
            var parts = Array(repeating: [String](), count: n)
            for r in rows { parts[Int.random(in: 0..<n, using: &rng)].append(r) }
            return parts.map { $0.shuffled(using: &rng) }
        }
        let accountsHeader = "account_no,name,timezone,segment,collector"
        let chargesHeader = "account_no,ref,issue_date,due_date,amount,description"
        let paymentsHeader = "account_no,ref,paid_on,amount,channel,invoice_ref"
        let adjustmentsHeader = "account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,due_date,reason"
        func add(_ kind: ImportKind, _ name: String, _ header: String, _ rows: [String]) {
            book.files.append((kind, name, ([header] + rows).joined(separator: "\n") + "\n", rows.count))
        }

        for (n, rows) in split(accountRows, into: 2).enumerated() { add(.accounts, "accounts-\(n).csv", accountsHeader, rows) }
        for (n, rows) in split(earlyCharges, into: 3).enumerated().shuffled(using: &rng) { add(.charges, "charges-\(n).csv", chargesHeader, rows) }
        for (n, rows) in split(paymentRows, into: 2).enumerated().shuffled(using: &rng) { add(.payments, "payments-\(n).csv", paymentsHeader, rows) }
        // The last few adjustment rows (a handful of accounts) go in a file of their own,
        // so its cache refresh takes the per-account path rather than the full pass.
        let smallCount = min(4, adjustmentRows.count)
        let small = Array(adjustmentRows.suffix(smallCount))
        let big = Array(adjustmentRows.dropLast(smallCount))
        for (n, rows) in split(big, into: 2).enumerated().shuffled(using: &rng) { add(.adjustments, "adjustments-\(n).csv", adjustmentsHeader, rows) }
        for (n, rows) in split(lateCharges, into: 2).enumerated().shuffled(using: &rng) { add(.charges, "charges-late-\(n).csv", chargesHeader, rows) }
        add(.adjustments, "adjustments-small.csv", adjustmentsHeader, small.shuffled(using: &rng))
        add(.accounts, "accounts-update.csv", accountsHeader, updateRows.shuffled(using: &rng))
        return book
    }

    /// Imports every file of the book; each must post every row.
    /// Imports the book's files; with `bulkMinimum`, every file of more rows
    /// than that takes the bulk path (cache indexes dropped, rebuilt at the end).
    @discardableResult
    static func load(_ book: Book, into db: AppDatabase, scratch: Scratch, bulkMinimum: Int = 50_000) throws -> Int {
        var bulk = 0
        for f in book.files {
            var options = ImportOptions()
            options.bulkMinimum = bulkMinimum
            let s = try Importer(db).run(f.kind, path: try scratch.write(f.name, f.text), options: options, session: Fixture.session)
            #expect(s.rowsRead == f.rows && s.posted == f.rows && s.rejected == 0 && s.duplicates == 0 && !s.refused,
                    "\(f.name): \(s.line) \(s.sampleRejects)")
            if s.bulkLoad { bulk += 1 }
        }
        return bulk
    }

    /// The aging report the pure functions give, of the accounts of
    /// `collectors` when given ("" for the accounts with none).
    static func expectedAging(_ book: Book, asOf day: Day, by grouping: AgingGrouping,
                              collectors: Set<String>? = nil) throws -> AgingReport {
        var groups: [String: AgingTotals] = [:]
        for a in book.accounts where collectors?.contains(a.collector ?? "") ?? true {
            let p = try Ledger.position(charges: a.charges, credits: a.credits, asOf: day)
            let name: String
            switch grouping {
            case .none: name = "all"
            case .collector: name = a.collector ?? AgingReport.noGroup
            case .segment: name = a.segment ?? AgingReport.noGroup
            }
            var t = groups[name] ?? AgingTotals(bucketCount: Buckets.standard.count)
            try t.add(p, buckets: .standard)
            groups[name] = t
        }
        return try AgingReport(asOf: day, grouping: grouping, buckets: .standard, groups: groups)
    }

    static func expectSame(_ actual: AgingReport, _ expected: AgingReport, _ context: String) {
        #expect(actual.rows.map(\.group) == expected.rows.map(\.group), "\(context)")
        #expect(actual.rows.map(\.totals) == expected.rows.map(\.totals), "\(context)")
        #expect(actual.total == expected.total, "\(context)")
        #expect(actual.asOf == expected.asOf)
    }

    /// Seed 7 loads its files as bulk loads: the same figures must come out.
    @Test(arguments: [(UInt64(20_251_123), 50_000), (7, 20)])
    func storeAgreesWithThePureModel(seed: UInt64, bulkMinimum: Int) throws {
        let book = Self.makeBook(seed: seed)
        let scratch = try Scratch()
        let db = try Fixture.ledger(collectors: ["col01", "col02", "col03"])
        let bulk = try Self.load(book, into: db, scratch: scratch, bulkMinimum: bulkMinimum)
        #expect(bulkMinimum < 50_000 ? bulk >= 1 : bulk == 0, "the charges files as bulk loads: \(bulk)")
        // Whichever path the import took, the cache indexes are all there after it.
        #expect(try db.count("sqlite_master", where: "type = 'index' AND name IN ('charges_open', 'accounts_active', 'accounts_queue')") == 3)
        let reports = LedgerReports(db)

        // The book is not degenerate: it has every kind of entry and state.
        #expect(try db.count("charges", where: "source = 'debit'") > 10)
        #expect(try db.count("credits", where: "source = 'writeoff'") > 10)
        #expect(try db.count("credits", where: "charge_id IS NOT NULL") > 50)
        #expect(try db.count("reversals") > 30)
        #expect(try db.count("accounts", where: "unapplied > 0") > 5)
        #expect(try db.count("accounts", where: "open_total > 0") > 50)
        #expect(try db.text("SELECT value FROM meta WHERE key = 'max_entry_day'") == String(book.maxEntryDay.ordinal))

        // (a) On or after the newest entry: answered from the cache.
        for day in [book.maxEntryDay, book.maxEntryDay.adding(days: 15), Day(iso: "2026-06-30")!] {
            #expect(try reports.agingUsesCache(asOf: day))
            for g in AgingGrouping.allCases {
                Self.expectSame(try reports.aging(asOf: day, by: g), try Self.expectedAging(book, asOf: day, by: g), "cache \(day.iso) by \(g)")
            }
        }
        // The same figures as PostgreSQL's path reads them (`groupedAging`), run here on
        // SQLite: against the model, and against the streamed pass for a collector's and a team's subset.
        for day in [book.maxEntryDay, book.maxEntryDay.adding(days: 45), Day(iso: "2026-06-30")!] {
            for g in AgingGrouping.allCases {
                let grouped = try db.read { sql in try reports.groupedAging(sql, asOf: day, by: g) }
                let model = try Self.expectedAging(book, asOf: day, by: g)
                Self.expectSame(try AgingReport(asOf: day, grouping: g, buckets: .standard, groups: grouped), model, "grouped \(day.iso) by \(g)")
                for only: Set<String> in [["col01"], ["col01", "col03"], ["nobody"]] {
                    let (summed, streamed) = try db.read { sql in
                        (try reports.groupedAging(sql, asOf: day, by: g, collectors: only),
                         try reports.cachedAging(sql, asOf: day, by: g, collectors: only))
                    }
                    #expect(summed == streamed, "\(day.iso) by \(g) for \(only)")
                }
            }
        }
        let today = try Self.expectedAging(book, asOf: book.maxEntryDay.adding(days: 15), by: .none)
        #expect(today.total.accounts > 50)

        // (b) Earlier days: replayed from the entries.
        let earlier = ["2024-12-31", "2025-02-14", "2025-04-30", "2025-07-01", "2025-09-30"].map { Day(iso: $0)! } + [book.maxEntryDay.adding(days: -1)]
        for day in earlier {
            #expect(try !reports.agingUsesCache(asOf: day))
            for g in AgingGrouping.allCases {
                Self.expectSame(try reports.aging(asOf: day, by: g), try Self.expectedAging(book, asOf: day, by: g), "replay \(day.iso) by \(g)")
            }
        }
        #expect(try reports.aging(asOf: earlier[0], by: .none).rows.map(\.totals.accounts) == [0])

        // (c) One account as of a day equals its pure position.
        let refByID = Dictionary(uniqueKeysWithValues: try db.writer.read { d in
            try Row.fetchAll(d, sql: "SELECT id, ref FROM charges").map { ($0["id"] as Int64, $0["ref"] as String) }
        })
        var rng = SplitMix64(seed: seed ^ 0xA11CE)
        let sample = (0..<30).map { _ in book.accounts.randomElement(using: &rng)! }
        for a in sample {
            for day in earlier + [book.maxEntryDay, Day(iso: "2026-03-01")!] {
                let stored = try reports.account(a.no, asOf: day)
                let pure = try Ledger.position(charges: a.charges, credits: a.credits, asOf: day)
                let context = "\(a.no) as of \(day.iso)"
                #expect(stored.accountNo == a.no && stored.collector == a.collector && stored.segment == a.segment, "\(context)")
                #expect(stored.position.openCharges.map(\.charge.ref) == pure.openCharges.map(\.charge.ref), "\(context)")
                #expect(stored.position.openCharges.map(\.open) == pure.openCharges.map(\.open), "\(context)")
                #expect(stored.position.openCharges.map(\.daysPastDue) == pure.openCharges.map(\.daysPastDue), "\(context)")
                #expect(stored.position.openCharges.map(\.charge.dueDate) == pure.openCharges.map(\.charge.dueDate), "\(context)")
                let pureRefs = Dictionary(uniqueKeysWithValues: a.charges.map { ($0.id, $0.ref) })
                #expect(stored.position.allocation.map { refByID[$0.chargeID] } == pure.allocation.map { pureRefs[$0.chargeID] }, "\(context)")
                #expect(stored.position.allocation.map(\.open) == pure.allocation.map(\.open), "\(context)")
                #expect(stored.position.unapplied == pure.unapplied, "\(context)")
                #expect(stored.position.balance == pure.balance, "\(context)")
                #expect(stored.position.pastDue == pure.pastDue, "\(context)")
                #expect(stored.position.oldestDaysPastDue == pure.oldestDaysPastDue, "\(context)")
            }
        }

        // The cached columns themselves equal the position after every entry.
        let cached = try db.writer.read { d in
            try Row.fetchAll(d, sql: "SELECT account_no, open_total, unapplied, oldest_due FROM accounts")
        }
        let byNo = Dictionary(uniqueKeysWithValues: book.accounts.map { ($0.no, $0) })
        for r in cached {
            let a = try #require(byNo[r["account_no"]])
            let p = try Ledger.position(charges: a.charges, credits: a.credits, asOf: .end)
            #expect(r["open_total"] as Int64 == p.openTotal.minor, "\(a.no)")
            #expect(r["unapplied"] as Int64 == p.unapplied.minor, "\(a.no)")
            #expect(r["oldest_due"] as Int64? == p.openCharges.first.map { Int64($0.charge.dueDate.ordinal) }, "\(a.no)")
        }

        // (d) The check finds nothing wrong.
        let findings = try LedgerCheck(db).run()
        #expect(findings.count == 11)
        for f in findings { #expect(f.ok, "\(f.name): \(f.problems)") }
    }

    /// CONTRACT §5: the position "is a pure function of its entries ... (import
    /// order never matters)". An invoice and a `debit` adjustment may carry the
    /// same ref (separate identities, §3); with equal due and issue dates too,
    /// pay order (due, issue, ref) ties and which of the two stays open must
    /// still not depend on which file was imported first.
    @Test func importOrderDoesNotMatterWhenAnInvoiceAndADebitShareTheirRef() throws {
        let invoice = "account_no,ref,issue_date,due_date,amount,description\nA001,X-1,2025-01-01,2025-01-31,100,\n"
        let debit = "account_no,ref,date,kind,amount,invoice_ref,payment_ref,channel,due_date,reason\nA001,X-1,2025-01-01,debit,50,,,,2025-01-31,\n"
        let payment = "account_no,ref,paid_on,amount,channel,invoice_ref\nA001,P-1,2025-02-01,120,VA,\n"
        var positions: [[String]] = []
        for invoiceFirst in [true, false] {
            let scratch = try Scratch()
            let db = try Fixture.ledger()
            try db.importFile(.accounts, try scratch.write("accounts.csv", "account_no,name\nA001,Budi\n"))
            let files: [(ImportKind, String, String)] = [(.charges, "charges.csv", invoice), (.adjustments, "adjustments.csv", debit)]
            for (kind, name, text) in invoiceFirst ? files : files.reversed() {
                #expect(try db.importFile(kind, try scratch.write(name, text)).posted == 1)
            }
            #expect(try db.importFile(.payments, try scratch.write("payments.csv", payment)).posted == 1)
            let p = try LedgerReports(db).account("A001", asOf: Fixture.today).position
            #expect(p.balance == Money(minor: 3_000))
            positions.append(p.openCharges.map { "\($0.charge.ref) amount \($0.charge.amount.minor) open \($0.open.minor)" })
        }
        #expect(positions[0] == positions[1], "the open charge depends on import order")
    }

    /// Re-importing every file of the book changes nothing; importing its
    /// rows again under new names only counts duplicates.
    @Test func reimportingTheBookChangesNothing() throws {
        let book = Self.makeBook(seed: 99, accounts: 60)
        let scratch = try Scratch()
        let db = try Fixture.ledger(collectors: ["col01", "col02", "col03"])
        try Self.load(book, into: db, scratch: scratch)
        let day = book.maxEntryDay
        let before = try LedgerReports(db).aging(asOf: day, by: .segment)
        let counts = try db.tableCounts()
        for f in book.files {
            #expect(try db.importFile(f.kind, scratch.path(f.name)).alreadyImported)
            // (The first accounts files would move updated accounts back: not rows of the same content.)
            guard f.kind != .accounts || f.name == "accounts-update.csv" else { continue }
            let again = try db.importFile(f.kind, try scratch.write("again-" + f.name, f.text + "\n"))
            #expect(again.posted == 0 && again.duplicates == f.rows && again.rejected == 0, "\(f.name): \(again.line) \(again.sampleRejects)")
        }
        #expect(try db.count("charges") == counts["charges"])
        #expect(try db.count("credits") == counts["credits"])
        #expect(try db.count("reversals") == counts["reversals"])
        Self.expectSame(try LedgerReports(db).aging(asOf: day, by: .segment), before, "after re-import")
        Self.expectSame(before, try Self.expectedAging(book, asOf: day, by: .segment), "model")
        #expect(try db.failedChecks() == [])
    }
}
