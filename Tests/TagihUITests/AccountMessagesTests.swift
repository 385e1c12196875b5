import Testing
import TagihCore
import TagihTerminal
import TagihUI

extension AccountDetail {
    func withSent(_ m: [SentMessage]) -> AccountDetail { var d = self; d.messages = m; return d }
}

/// The account screen lists the reminders and letters sent, newest first, with their delivery status (issue 18).
@Suite struct AccountMessagesTests {
    static let sent = [
        SentMessage(day: Day(iso: "2026-11-20")!, stage: "SP1", channel: .letter, to: "Jl. Merdeka No. 1, Kelurahan Gambir, Kecamatan Gambir, Jakarta Pusat 10110", status: nil),
        SentMessage(day: Day(iso: "2026-11-14")!, stage: "late-7", channel: .whatsapp, to: "+6281211110001", status: "read"),
        SentMessage(day: Day(iso: "2026-11-08")!, stage: "due-1", channel: .sms, to: "+6281211110001", status: "failed"),
    ]

    @Test func newestFirstWithTheirStatusInBothLanguages() throws {
        for (language, width, height) in [(Language.en, 80, 24), (.id, 80, 24), (.en, 132, 40), (.id, 132, 40)] {
            let ledger = FakeLedger.standard()
            for a in ledger.accounts { ledger.sent[a.id] = Self.sent }
            let (w, _) = makeWorkstation("kol01", language: language, width: width, height: height, ledger: ledger)
            w.press(.enter)
            #expect(w.state.context == .account)
            w.press(.end)
            try expectGolden("account-messages-\(language.rawValue)-\(width)x\(height)", w.screen)
            let text = w.screen.text
            if language == .en {
                #expect(text.contains(" Messages sent (3)"))
                #expect(text.contains("   20 Nov 2026 SP1          letter    sent       Jl. Merdeka No. 1,"))
                #expect(text.contains("   14 Nov 2026 late-7       whatsapp  read       +6281211110001"))
                #expect(text.contains("   8 Nov 2026  due-1        sms       failed     +6281211110001"))
            } else {
                #expect(text.contains(" Pesan terkirim (3)"))
                #expect(text.contains("SP1          letter    terkirim   Jl. Merdeka No. 1,"))
                #expect(text.contains("late-7       whatsapp  dibaca     +6281211110001"))
                #expect(text.contains("due-1        sms       gagal      +6281211110001"))
            }
            #expect(text.contains("Jakarta Pusat 10110"), "a long address wraps, never cut")
            for y in 0..<height { #expect(w.screen.line(y).count <= width) }
        }
    }
}
