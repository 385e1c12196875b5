import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// The lead's screens of issue 16: aging with every bucket or paged, the
/// scope picker, the approvals list, and the collector told of a decision.
@Suite struct AgingPagesTests {
    /// At 132 columns every bucket, the unapplied credit and the balance are
    /// on screen, each the figure `tagih report aging --format csv` prints
    /// (the same export bytes), to the sen.
    @Test func everyBucketAt132ColumnsEqualsTheReportsFigures() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .en, width: 132, height: 40)
        w.press(.character("R"), .character("t"), .end, .enter)
        try expectGolden("reports-aging-132-en", w.screen)
        #expect(w.screen.line(2) == " Amounts in IDR")
        #expect(w.screen.line(3).split(separator: " ") == ["Group", "Accounts", "Current", "1-30", "31-60", "61-90", "91-120", "121+", "Unapplied", "Balance"])
        let report = try ledger.aging(asOf: today, by: .collector, collectors: nil)
        let csv = ReportCSV.aging(report, currency: .idr).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(csv.count == 4)
        for (i, row) in csv.enumerated() {
            let cells = w.screen.line(4 + i).split(separator: " ")
            #expect(cells.count == row.count, "\(cells)")
            #expect(cells[1] == row[1], "accounts of \(row[0])")
            // Every amount, in minor units, as the CSV has it.
            #expect(cells.dropFirst(2).map { minor($0) } == row.dropFirst(2).map { minor($0) }, "\(row[0])")
        }
        // A chosen bucket: the Accounts column counts the accounts in it.
        w.press(.right, .right, .right, .right, .right, .right)
        #expect(w.screen.text.contains(" → 121+"))
        #expect(w.screen.line(4 + 2).split(separator: " ").prefix(2) == ["kol02", "\(report.rows[2].totals.bucketAccounts[5])"])
        #expect(report.rows[2].totals.bucketAccounts[5] == 2 && report.rows[1].totals.bucketAccounts[5] == 0)
        #expect(w.screen.line(4 + 1).split(separator: " ").prefix(2) == ["kol01", "0"])
    }

    /// At 100 columns the whole book's figures (with sen) do not fit on one
    /// line: each group takes two, the second half of the figures under the
    /// first, every amount still the report's; the cursor and the drill-down
    /// work on groups, not lines.
    @Test func at100ColumnsEveryBucketOnTwoLinesAGroup() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .en, width: 100, height: 30)
        w.press(.character("R"), .character("t"), .end, .enter)
        try expectGolden("reports-aging-100-en", w.screen)
        #expect(w.screen.line(3).split(separator: " ") == ["Group", "Accounts", "Current", "1-30", "31-60", "61-90"])
        #expect(w.screen.line(4).split(separator: " ") == ["91-120", "121+", "Unapplied", "Balance"])
        let report = try ledger.aging(asOf: today, by: .collector, collectors: nil)
        let csv = ReportCSV.aging(report, currency: .idr).split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        for (i, row) in csv.enumerated() {
            let cells = w.screen.line(5 + 2 * i).split(separator: " ") + w.screen.line(6 + 2 * i).split(separator: " ")
            #expect(cells.count == row.count && cells[1] == row[1], "\(cells)")
            #expect(cells.dropFirst(2).map { minor($0) } == row.dropFirst(2).map { minor($0) }, "\(row[0])")
        }
        // kol02 is the third group: its two lines are the selected ones, and Enter opens its queue.
        w.press(.down, .down)
        #expect(w.screen.line(9).hasPrefix(" kol02"))
        w.press(.enter)
        #expect(w.state.context == .queue && w.state.queue.scope == .collector("kol02"))
    }

    @Test func theWideTableInBahasaIndonesia() throws {
        let (w, _) = makeWorkstation("lead01", language: .id, width: 132, height: 40)
        w.press(.character("R"))
        try expectGolden("reports-aging-132-id", w.screen)
        #expect(w.screen.line(2) == " Jumlah dalam Rp")
        #expect(w.screen.line(3).contains("Kredit lebih") && w.screen.line(3).contains("Saldo"))
    }

    /// At 80 columns one figure at a time: ←→ page through past due, each
    /// bucket and the unapplied credit; the balance stays; the Accounts
    /// column follows the page.
    @Test func at80ColumnsTheBucketsArePagedWithTheBalanceKept() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .id)
        w.press(.character("R"))
        let team = try ledger.aging(asOf: today, by: .collector, collectors: ["kol01", "kol02", "lead01"])
        #expect(w.screen.line(2).hasPrefix(" [Lewat jatuh tempo] Lancar 1-30"))
        // Past due: the accounts with anything past due.
        #expect(w.screen.line(4).split(separator: " ").prefix(2) == ["kol01", "\(team.rows[0].totals.pastDueAccounts)"])
        w.press(.right)                                       // current
        #expect(w.screen.line(2).contains("[Lancar]"))
        #expect(w.screen.line(3).contains("Lancar") && w.screen.line(3).contains("Saldo"))
        w.press(.right, .right)                               // 1-30, 31-60
        try expectGolden("reports-aging-paged-id", w.screen)
        for (i, row) in team.rows.enumerated() {
            let cells = w.screen.line(4 + i).split(separator: " ")
            #expect(cells[1] == "\(row.totals.bucketAccounts[2])", "the accounts in 31-60 of \(row.group)")
            #expect(cells[2] == Substring(MoneyFormatter(currency: .idr, language: .id).format(row.totals.buckets[2])))
            #expect(cells[3] == Substring(MoneyFormatter(currency: .idr, language: .id).format(try row.totals.balance())), "the balance stays")
        }
        #expect(team.rows[0].totals.bucketAccounts[2] != team.rows[0].totals.accounts, "a bucket's count is not the group's")
        w.press(.left, .left, .left, .left)                   // 1-30, current, past due, then round to the unapplied credit
        #expect(w.screen.line(2).contains("[Kredit lebih]"))
        #expect(w.screen.line(4).split(separator: " ").prefix(2) == ["kol01", "\(team.rows[0].totals.unappliedAccounts)"])
        // The unapplied credit is not a bucket of the queue: the drill-down keeps every bucket.
        w.press(.enter)
        #expect(w.state.context == .queue && w.state.queue.filter.bucket == nil && w.state.queue.scope == .collector("kol01"))
    }
}

@Suite struct ScopePickerTests {
    @Test func aLeadPicksTheScopeOfReportsFromAList() throws {
        let (w, ledger) = makeWorkstation("lead01", language: .en)
        w.press(.character("R"), .character("t"))
        try expectGolden("scope-picker-en", w.screen)
        let text = w.screen.text
        for name in ["team TIM-BARAT", "collector kol01 (Rudi Hartono)", "collector kol02 (Sri Wahyuni)", "my accounts", "unassigned", "whole book"] {
            #expect(text.contains(name), "\(name) is offered")
        }
        #expect(w.state.scopePicker?.selected == .team("TIM-BARAT"), "the list opens on the scope shown")
        // Esc: nothing changes.
        w.press(.escape)
        #expect(w.state.scopePicker == nil && w.state.reportsOnScreen?.scope == .team("TIM-BARAT") && w.state.context == .reports)
        // Other keys do nothing beneath the list (Tab does not change the report).
        w.press(.character("t"), .tab, .character("e"), .down, .down)
        #expect(w.state.reportsOnScreen?.tab == .agingCollector)
        w.press(.enter)
        #expect(w.state.scopePicker == nil && w.state.reportsOnScreen?.scope == .collector("kol02"))
        #expect(w.screen.line(0).hasPrefix(" Tagih — Reports · collector kol02 (Sri Wahyuni)"))
        #expect(w.screen.line(4).hasPrefix(" kol02") && w.screen.line(5).isEmpty)
        // The export's name carries the picked scope.
        w.press(.character("e"))
        w.press(.character("t"), .end, .enter, .character("e"))
        #expect(ledger.exports.map(\.0) == ["aging-collector-kol02-2026-11-23", "aging-collector-book-2026-11-23"])
    }

    @Test func theQueuesScopeKeyOpensTheSameListInBahasaIndonesia() throws {
        let (w, _) = makeWorkstation("lead01", language: .id, width: 132, height: 40)
        w.press(.character("t"))
        try expectGolden("scope-picker-132-id", w.screen)
        #expect(w.screen.text.contains("Akun siapa"))
        w.press(.end, .up, .enter)                            // unassigned
        #expect(w.state.queue.scope == .unassigned && w.state.queue.ordered.map(\.accountID) == [9])
        // A collector has no list: one sentence, nothing opens.
        let (kol, _) = makeWorkstation("kol01", language: .id)
        kol.press(.character("R"), .character("t"))
        #expect(kol.state.scopePicker == nil && kol.state.reportsOnScreen?.scope == .collector("kol01"))
    }
}

@Suite struct ApprovalsListTests {
    static func pending(_ ledger: FakeLedger) throws -> [PlanRecord] {
        let schedule = try Plans.schedule(PlanTerms(balance: Money(minor: 3_125_000_00), discountBasisPoints: 2500, instalments: 10,
                                                    first: today.adding(days: 7)), currency: .idr)
        func record(_ id: Int64, _ account: Int64, _ no: String, _ by: String) -> PlanRecord {
            PlanRecord(id: id, accountID: account, accountNo: no, proposedBy: by, start: today.adding(days: Int(id) - 9), schedule: schedule,
                       note: "debitur di-PHK, istri berjualan di pasar, dua anak sekolah; minta keringanan sampai pertengahan tahun depan",
                       beyond: "x", status: .pending, statusDay: today, decision: .pending, decidedOn: today,
                       paid: schedule.lines.map { _ in .zero },
                       excesses: [.discount(2500, limit: 0), .instalments(10, limit: 6), .length(first: schedule.firstDue, last: schedule.lastDue, months: 6)])
        }
        return [record(7, 6, "ACC0000006", "kol01"), record(8, 2, "ACC0000002", "kol01")]
    }

    @Test func newestOrOldestFirstWithTheDebtorAndBothBalances() throws {
        let ledger = FakeLedger.standard()
        ledger.pending = try Self.pending(ledger)
        let (w, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        w.press(.character("a"))
        #expect(w.screen.line(0).hasPrefix(" Tagih — Approvals · oldest first (o)"))
        // The debtor's name (at 80 columns as much as the amounts leave room for).
        #expect(w.screen.line(2).contains("ACC0000006") && w.screen.line(2).contains("Andi Syamsud"))
        #expect(w.screen.line(3).contains("ACC0000002") && w.screen.line(3).contains("Bayu Effendi"))
        try expectGolden("approvals-oldest-en", w.screen)
        // o: newest first, the cursor on the newest.
        w.press(.character("o"))
        #expect(w.screen.line(0).hasPrefix(" Tagih — Approvals · newest first (o)"))
        #expect(w.state.stack.last.flatMap { if case .approvals(let a) = $0 { a.plans.map(\.id) } else { nil } } == [Int64(8), 7])
        #expect(w.screen.line(2).contains("ACC0000002") && w.screen.line(3).contains("ACC0000006"))
        // The balance today, as the account reads it, beside the proposal's: plan 8 (proposed on 22 Nov), then plan 7 (21 Nov).
        let m = MoneyFormatter(currency: .idr, language: .en)
        let six = try ledger.account(id: 6, asOf: today, now: fixedNow).position.balance
        let two = try ledger.account(id: 2, asOf: today, now: fixedNow).position.balance
        #expect(six != two)
        #expect(w.screen.text.contains("Balance today \(m.format(two)) · at the proposal IDR 3,125,000 (22 Nov 2026)"))
        w.press(.down)
        #expect(w.screen.text.contains("Balance today \(m.format(six)) · at the proposal IDR 3,125,000 (21 Nov 2026)"))
        // The reasons are read whole (wrapped), the payments beside the schedule.
        #expect(w.screen.text.contains("discount 25% above the limit of 0%"))
        let payments = try ledger.account(id: 6, asOf: today, now: fixedNow).activity
        #expect(w.screen.text.contains("Payments and adjustments (\(payments.count))"))
        w.press(.character("o"))
        #expect(w.screen.line(0).hasPrefix(" Tagih — Approvals · oldest first (o)"))
    }

    /// A collector's case credit waits for a lead (R22): it is on Approvals
    /// after the plans, with the case, the credit asked and the balance
    /// today; `y` opens its case screen with the approve form, and back on
    /// the list it is gone.
    @Test func aCaseCreditAwaitingApprovalIsListedAndDecidedOnItsCase() throws {
        let ledger = FakeLedger.standard()
        ledger.pending = try Self.pending(ledger)
        guard case .opened(let id, _, _) = try ledger.caseAction(.open(accountNo: "ACC0000002", type: .dispute, summary: "tagihan ganda bulan Oktober",
                                                                        charges: [], amount: nil, via: .phone))
        else { Issue.record("no case"); return }
        _ = try ledger.caseAction(.resolve(id, outcome: .upheld, note: "tagihan ganda terbukti, kredit sebesar satu tagihan", credit: Money(minor: 150_000_00)))
        ledger.caseActor = "lead01"
        let (w, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        w.press(.character("a"))
        #expect(w.screen.line(0).hasSuffix("3"), "two plans and a case credit: \(w.screen.line(0))")
        #expect(w.screen.line(4).contains("ACC0000002") && w.screen.line(4).contains("kol01") && w.screen.line(4).contains("IDR 150,000")
                && w.screen.line(4).contains("case credit"), "\(w.screen.line(4))")
        w.press(.down, .down)
        let m = MoneyFormatter(currency: .idr, language: .en)
        let balance = try ledger.account(id: 2, asOf: today, now: fixedNow).position.balance
        #expect(w.screen.text.contains("Balance today \(m.format(balance)) · credit asked IDR 150,000"))
        #expect(w.screen.text.contains("“tagihan ganda terbukti, kredit sebesar satu tagihan”"))
        #expect(w.screen.text.contains("y approve or d decline on the case's screen · Enter the case with its account"))
        try expectGolden("approvals-case-credit-en", w.screen)
        // y: the case screen over its account, the approve form open; F2 approves.
        w.press(.character("y"))
        #expect(w.state.context == .cases)
        #expect(w.screen.text.contains("Approve the credit of case \(id) (it takes effect today)"))
        w.press(.function(2))
        #expect(ledger.caseSaves.last == .decide(id, approve: true, note: nil))
        #expect(w.screen.text.contains("Credit of case \(id) approved: the case is resolved."))
        // Back to the list: read again, the case credit gone, the plans still there.
        w.press(.escape, .escape)
        #expect(w.state.context == .approvals)
        #expect(w.screen.line(0).hasSuffix("2") && !w.screen.text.contains("case credit"))
    }

    @Test func aCaseCreditInIndonesianAndDeclinedFromTheList() throws {
        let ledger = FakeLedger.standard()
        guard case .opened(let id, _, _) = try ledger.caseAction(.open(accountNo: "ACC0000006", type: .complaint, summary: "bunga dihitung dua kali",
                                                                        charges: [], amount: nil, via: .ojk))
        else { Issue.record("no case"); return }
        _ = try ledger.caseAction(.resolve(id, outcome: .partly, note: "sebagian", credit: Money(minor: 25_000_00)))
        ledger.caseActor = "lead01"
        let (w, _) = makeWorkstation("lead01", language: .id, ledger: ledger)
        w.press(.character("a"))
        #expect(w.screen.line(2).contains("kredit kasus") && w.screen.line(2).contains("ACC0000006"), "\(w.screen.line(2))")
        #expect(w.screen.text.contains("kredit diminta Rp25.000"))
        #expect(w.screen.text.contains("penyelesaian dikabulkan sebagian dengan kredit Rp25.000 oleh kol01"))
        try expectGolden("approvals-case-credit-id", w.screen)
        // d: the decline form on the case screen; a reason is required there.
        w.press(.character("d"))
        #expect(w.screen.text.contains("Tolak kredit kasus \(id) (kasus dibuka kembali)"))
        w.press(.character("b"), .character("u"), .character("k"), .character("t"), .character("i"), .function(2))
        #expect(ledger.caseSaves.last == .decide(id, approve: false, note: "bukti"))
        w.press(.escape, .escape)
        #expect(w.state.context == .approvals && w.screen.text.contains(Strings(.id)[.approvalsNone]))
    }

    @Test func reasonsAreNeverCutEvenAt132Columns() throws {
        let ledger = FakeLedger.standard()
        ledger.pending = try Self.pending(ledger)
        // Words as written (the proposer's authority changed since): longer than a line of 132 columns.
        ledger.pending[0].excesses = nil
        ledger.pending[0].beyond = "diskon 25% di atas batas 0%; 10 angsuran, lebih dari 6; pembayaran terakhir 30 Agu 2027, lebih dari 6 bulan setelah yang pertama; diajukan ulang setelah penolakan"
        let (w, _) = makeWorkstation("lead01", language: .id, width: 132, height: 40, ledger: ledger)
        w.press(.character("a"))
        try expectGolden("approvals-132-id", w.screen)
        let why = Strings(.id).planBeyond(ledger.pending[0])!
        #expect(displayWidth(why) > 128, "a reason wider than the line: \(why)")
        let shown = (0..<40).map { w.screen.line($0) }.filter { $0.hasPrefix("   ") && !$0.contains("…") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(shown.contains(why), "every word of the reasons: \(shown)")
        // And on the confirmation.
        w.press(.character("y"))
        try expectGolden("approve-confirm-132-id", w.screen)
        let confirm = (5..<12).map { w.screen.line($0).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(confirm.contains(why))
    }

    @Test func anEmptyDeclineReasonSaysSo() {
        let ledger = FakeLedger.standard()
        ledger.pending = (try? Self.pending(ledger)) ?? []
        let (w, _) = makeWorkstation("lead01", language: .en, ledger: ledger)
        w.press(.character("a"), .character("d"), .enter)
        #expect(w.screen.line(23) == " A reason is required to decline: type it, then Enter (Esc cancels).")
        #expect(ledger.decisions.isEmpty)
        w.type("   ")
        w.press(.enter)
        #expect(w.screen.line(23).hasPrefix(" A reason is required"), "spaces are no reason")
        let (id, _) = makeWorkstation("lead01", language: .id, ledger: ledger)
        id.press(.character("a"), .character("d"), .enter)
        #expect(id.screen.line(23) == " Alasan wajib diisi untuk menolak: ketik alasannya, lalu Enter (Esc batal).")
    }
}

@Suite struct PlanReviewScreenTests {
    static func reviewed(_ ledger: FakeLedger, _ decision: PlanDecision, note: String?) throws {
        let schedule = try Plans.schedule(PlanTerms(balance: Money(minor: 2_500_000_00), discountBasisPoints: 1500, instalments: 8,
                                                    first: today.adding(days: 7)), currency: .idr)
        var p = PlanRecord(id: 12, accountID: 6, accountNo: "ACC0000006", proposedBy: "kol01", start: today, schedule: schedule, note: nil,
                           beyond: "x", status: PlanStatus(decision), statusDay: today, decision: decision, decidedOn: today,
                           paid: schedule.lines.map { _ in .zero })
        p.review = PlanReview(planID: 12, decision: decision, by: "lead01", day: today, note: note)
        ledger.plans[6] = [p]
        ledger.marks[6] = (decision == .active ? .planApproved : .planDeclined, 0, nil)
    }

    /// The decision on the queue's reason line (the account selected) and atop the account's body.
    func expectTold(_ decision: PlanDecision, note: String?, _ language: Language, _ text: String, golden: String) throws {
        let ledger = FakeLedger.standard()
        try Self.reviewed(ledger, decision, note: note)
        let (w, _) = makeWorkstation("kol01", language: language, ledger: ledger)
        #expect(w.state.queue.selected?.accountID == 6)
        let why = w.screen.line(20) + w.screen.line(21)
        #expect(why.contains(text), "\(why)")
        try expectGolden("queue-\(golden)", w.screen)
        w.press(.enter)
        #expect(w.screen.line(8) == " " + text)
        try expectGolden("account-\(golden)", w.screen)
    }

    @Test func theCollectorReadsWhoApprovedOnTheQueueAndTheAccount() throws {
        try expectTold(.active, note: nil, .en, "Plan 12 approved by lead01 on 23 Nov 2026", golden: "plan-approved-en")
    }

    @Test func aDeclineWithItsReasonInBahasaIndonesia() throws {
        try expectTold(.declined, note: "diskon terlalu besar", .id, "Rencana 12 ditolak lead01 pada 23 Nov 2026: “diskon terlalu besar”",
                       golden: "plan-declined-id")
    }
}

@Suite struct NothingCutAt80Tests {
    /// A blocked account keeps its priority reason beside the block.
    @Test func theWhyLineShowsTheBlockAndThePriorityWhole() throws {
        let ledger = FakeLedger.standard()
        let tomorrow8 = Int64(today.adding(days: 1).ordinal) * 86_400 + 1 * 3600
        ledger.marks = [5: (.promiseDueToday, tomorrow8, nil)]
        let (w, _) = makeWorkstation("kol01", language: .id, ledger: ledger)
        w.press(.end)
        #expect(w.state.queue.selected?.accountID == 5)
        let why = w.screen.line(20) + w.screen.line(21)
        #expect(why.contains("belum boleh dihubungi sebelum Sel 08:00 WIB; janji bayar jatuh tempo hari ini; lewat 34 hari (31-60), Rp450.000"), "\(why)")
        #expect(w.screen.line(19).hasPrefix(">") || w.screen.text.contains("ACC0000005"), "the selected line stays on screen")
        try expectGolden("queue-why-blocked-id", w.screen)
    }

    @Test func longPhonesAndAddressAreReadWholeOnTheAccount() throws {
        let ledger = FakeLedger.standard()
        ledger.accounts[5].phone = "0811 222 333 / 0812 9876 5432 / +62 21 555 0101 / 0857 1234 5678 / 0813 0000 9999"
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        w.press(.character("/"))
        w.type("ACC0000006")
        w.press(.enter)
        #expect(w.screen.line(1).hasSuffix(" ↓") && displayWidth(w.screen.line(1)) <= 80)
        #expect(!w.screen.line(1).contains("…"), "whole numbers only in the header")
        let body = (8..<22).map { w.screen.line($0) }.joined(separator: " ")
        for number in ["0811 222 333", "0812 9876 5432", "+62 21 555 0101", "0857 1234 5678", "0813 0000 9999"] {
            #expect(body.contains(number), "\(number) is read in the body")
        }
        try expectGolden("account-long-phones-en", w.screen)
    }
}

/// An amount as a screen or a CSV writes it (English grouping), in minor units.
private func minor(_ s: Substring) -> Int64 {
    let plain = s.replacingOccurrences(of: ",", with: "")
    let parts = plain.split(separator: ".")
    let whole = Int64(parts[0])! * 100
    return whole + (parts.count > 1 ? Int64(parts[1])! : 0)
}
