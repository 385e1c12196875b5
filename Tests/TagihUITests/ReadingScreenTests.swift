import Testing
import TagihCore
import TagihTerminal
import TagihUI

/// Issue 16, reading: search by a number's end and its capped count, the
/// way back from an account opened through search, days to due, text that
/// wraps instead of being cut, Help's End, and hints from the keymap.
@Suite struct ReadingScreenTests {
    @Test func searchFindsAnAccountByTheEndOfItsNumber() throws {
        let (w, _) = makeWorkstation("kol01")
        w.press(.character("/"))
        w.type("0003")
        guard case .search(let st) = w.state.stack.last else { Issue.record("not on search"); return }
        #expect(st.hits.map(\.accountNo) == ["ACC0000003"])
        try expectGolden("search-suffix-id", w.screen)
    }

    @Test func aCappedSearchSaysOfHowMany() throws {
        let (w, _) = makeWorkstation("kol01", language: .en)
        w.press(.character("/"))
        w.type("acc")
        #expect(w.screen.line(2) == " 10 found")
        // The shell counted more than it could show (the store stops the list at 200).
        guard case .search(let st) = w.state.stack.last else { Issue.record("not on search"); return }
        w.send(.searched("acc", st.hits, total: 2_448))
        #expect(w.screen.line(2) == " 10 of 2,448 shown: type more to narrow")
        w.send(.searched("acc", st.hits, total: 10_000))
        #expect(w.screen.line(2) == " 10 of 10,000+ shown: type more to narrow")
        let (id, _) = makeWorkstation("kol01")
        id.press(.character("/"))
        id.type("acc")
        id.send(.searched("acc", st.hits, total: 2_448))
        #expect(id.screen.line(2) == " 10 dari 2.448 ditampilkan: ketik lebih banyak untuk menyaring")
    }

    @Test func escFromAnAccountOpenedThroughSearchReturnsToTheResults() throws {
        let (w, ledger) = makeWorkstation("kol01", language: .en)
        w.press(.character("/"))
        w.type("acc")
        w.press(.down, .down, .enter)
        #expect(w.state.context == .account)
        w.press(.escape)
        guard case .search(let st) = w.state.stack.last else { Issue.record("not back on search"); return }
        #expect(st.text == "acc" && st.cursor == 2 && st.hits.count == 10, "query kept, the row selected")
        try expectGolden("search-back-en", w.screen)
        // `/` from an account opened through search is a new search in its place.
        w.press(.enter)
        #expect(w.state.context == .account)
        w.press(.character("/"))
        #expect(w.state.stack.count == 1, "not piled on the account")
        guard case .search(let fresh) = w.state.stack.last else { Issue.record("not on a new search"); return }
        #expect(fresh.text.isEmpty && fresh.hits.isEmpty)
        #expect(ledger.leases[3] == nil, "the account's lease is given back")
    }

    @Test func contactedSaysTodayLikeNext() throws {
        let ledger = FakeLedger.standard()
        for (i, day) in [(5, today), (1, today.adding(days: -2))] {
            ledger.accounts[i].contacts.append(ContactRecord(id: Int64(i), at: fixedNow, day: day, debtorTime: "", madeBy: "kol01",
                                                             channel: .phone, outcome: "NA", reason: nil, note: nil, promise: nil,
                                                             nextAction: nil, override: nil))
        }
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        let rows = (3..<21).map { w.screen.line($0) }
        #expect(rows.contains { $0.contains("ACC0000006") && $0.contains(" today ") }, "\(rows)")
        #expect(rows.contains { $0.contains("ACC0000002") && $0.contains(" 21 Nov ") }, "\(rows)")
        let (id, _) = makeWorkstation("kol01", ledger: ledger)
        #expect((3..<21).map { id.screen.line($0) }.contains { $0.contains("ACC0000006") && $0.contains(" hari ini ") })
    }

    @Test func everyBucketsAmountIsReadWholeAt80Columns() throws {
        let ledger = FakeLedger.standard()
        // Open amounts in five buckets: too many for the header's line at 80.
        for (n, daysLate) in [10, 40, 70, 100, 150].enumerated() {
            ledger.accounts[0].charges.append(Charge(id: 900 + Int64(n), ref: "INV-B\(n)", issueDate: today.adding(days: -daysLate - 30),
                                                     dueDate: today.adding(days: -daysLate), amount: Money(minor: 123_456_789_50)))
        }
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        w.press(.character("/"))
        w.type("0001")
        w.press(.enter)
        try expectGolden("account-buckets-en", w.screen)
        #expect(w.screen.line(5).hasSuffix("↓") && !w.screen.line(5).contains("…"), "\(w.screen.line(5))")
        // Packed a whole bucket at a time above the body.
        #expect((8..<11).map { w.screen.line($0) } == [" 121+ IDR 123,456,789.50  ·  91-120 IDR 123,456,789.50",
                                                      " 61-90 IDR 123,456,789.50  ·  31-60 IDR 123,456,789.50", " 1-30 IDR 124,706,789.50"])
        #expect(w.screen.line(14).hasSuffix("26 Jun 2026 IDR 123,456,789.50 IDR 123,456,789.50   150"), "amounts whole: \(w.screen.line(13))")
    }

    @Test func theAccountAt132Columns() throws {
        let ledger = FakeLedger.standard()
        ledger.accounts[0].charges.append(Charge(id: 999, ref: "INV-0001-9", issueDate: today.adding(days: -7),
                                                 dueDate: Day(iso: "2026-12-10")!, amount: Money(minor: 300_000_00)))
        for language in [Language.en, .id] {
            let (w, _) = makeWorkstation("kol01", language: language, width: 132, height: 40, ledger: ledger)
            w.press(.character("/"))
            w.type("0001")
            w.press(.enter)
            try expectGolden("account-132-\(language == .en ? "en" : "id")", w.screen)
        }
    }

    @Test func helpEndGoesToTheBottom() throws {
        let (w, _) = makeWorkstation("lead01", language: .en)
        w.press(.character("?"), .end)
        guard case .help(let h) = w.state.stack.last else { Issue.record("not on help"); return }
        #expect(h.scroll > 0)
        try expectGolden("help-queue-end-en", w.screen)
        w.press(.home)
        guard case .help(let top) = w.state.stack.last else { return }
        #expect(top.scroll == 0)
    }

    @Test func aChargeNotYetDueShowsItsDaysToDue() throws {
        let ledger = FakeLedger.standard()
        // Issued last week, due on 10 Dec 2026: 17 days after 23 Nov.
        ledger.accounts[0].charges.append(Charge(id: 999, ref: "INV-0001-9", issueDate: today.adding(days: -7),
                                                 dueDate: Day(iso: "2026-12-10")!, amount: Money(minor: 300_000_00)))
        let (w, _) = makeWorkstation("kol01", language: .en, ledger: ledger)
        w.press(.character("/"))
        w.type("0001")
        w.press(.enter)
        try expectGolden("account-not-due-en", w.screen)
        #expect(w.screen.line(11) == "   INV-0001-9         10 Dec 2026      IDR 300,000      IDR 300,000 in 17 d")
    }

    @Test func aLongContactNoteAndABlockReasonAreReadWhole() throws {
        let ledger = FakeLedger.standard()
        let note = "Debtor asked to be called back after the harvest; the husband pays from the shop's takings every second Friday, "
            + "so the promise follows that."
        let at = fixedNow - 86_400
        ledger.accounts[5].contacts.append(ContactRecord(id: 1, at: at, day: today.adding(days: -1), debtorTime: "Min 14:30 WIB",
                                                         madeBy: "kol01", channel: .phone, outcome: "PTP", reason: nil, note: note,
                                                         promise: (Money(minor: 250_000_000), Day(iso: "2026-11-30")!), nextAction: nil,
                                                         override: nil))
        // 22:30 in Jayapura: blocked, with a reason too long for one line at 80 columns.
        let (w, _) = makeWorkstation("kol01", language: .id, ledger: ledger, now: fixedNow + 6 * 3600)
        w.press(.character("/"))
        w.type("0006")
        w.press(.enter, .end)
        try expectGolden("account-long-note-id", w.screen)
        let text = (0..<24).map { w.screen.line($0) }.joined(separator: "\n")
        #expect(!text.contains("follows…") && !text.contains("every second…"), "the note is not cut")
        let joined = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(joined.contains("every second Friday, so the promise follows that.”"))
        w.press(.home)
        try expectGolden("account-blocked-reason-id", w.screen)
        #expect(w.screen.line(8) == " mulai 20:00 waktu debitur tidak boleh dihubungi", "the reason whole, atop the body")
    }

    @Test func hintsFollowTheKeymap() throws {
        let (w, _) = makeWorkstation("kol01", language: .en)
        w.press(.enter)
        #expect(w.screen.line(22) == " c contact  n plan  l letter  Enter notes  ↑↓ scroll  / search  ? help  Esc back")
        let rebound = try Keymap.standard.overriding([(action: "log-contact", keys: ["C"]), (action: "cases", keys: ["K"]), (action: "help", keys: ["F1"]),
                                                      (action: "open", keys: ["o"]), (action: "sort", keys: ["s"])])
        let (r, _) = makeWorkstation("kol01", language: .en, keymap: rebound)
        #expect(r.screen.line(22) == " o open  / search  b bucket  g segment  s sort  t queue  F1 help  q quit")
        r.press(.character("o"))
        #expect(r.screen.line(22) == " C contact  n plan  l letter  Enter notes  ↑↓ scroll  F1 help  Esc back")
        r.press(.function(1))
        #expect(r.screen.line(22).hasSuffix("Esc close"))
        let (id, _) = makeWorkstation("kol01")
        id.press(.character("/"))
        #expect(id.screen.line(22) == " ketik untuk mencari  ↑↓ pilih  Enter buka  Ctrl-U hapus  Esc kembali")
    }
}
