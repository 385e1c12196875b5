import Testing
@testable import TagihCore

/// What `tagih remind` and Reports → Reminders say about blocked messages,
/// in the reader's language (issue 18): typed reasons, rendered by Strings.
@Suite struct ReminderWordsTests {
    static let every: [ReminderBlock] = [
        .notAContactDay, .holiday("Natal"), .beforeHours, .afterHours, .dailyLimit, .weeklyPhoneLimit, .restAfterConversation,
        .onHold(.dispute), .noUsableNumber, .noPhoneNumber, .numberRefused, .noEmail, .noPostalAddress,
    ]

    @Test func everyReasonHasItsWordsInBothLanguages() {
        let en = Strings(.en), id = Strings(.id)
        #expect(Self.every.map(en.reminderBlock) == [
            "not a contact day", "holiday (Natal)", "before hours", "after hours", "daily limit", "weekly phone limit",
            "rest after a conversation", "on hold (dispute)", "no usable number", "no phone number", "number refused",
            "no e-mail address", "no postal address",
        ])
        #expect(Self.every.map(id.reminderBlock) == [
            "bukan hari kontak", "hari libur (Natal)", "sebelum jam kontak", "setelah jam kontak", "batas harian",
            "batas telepon mingguan", "jeda setelah percakapan", "ditahan (sengketa)", "tidak ada nomor yang dapat dipakai",
            "tidak ada nomor telepon", "nomor menolak", "tidak ada alamat e-mail", "tidak ada alamat surat",
        ])
        // The CSV keeps the English key whatever the language.
        #expect(Self.every.map(\.key) == Self.every.map(en.reminderBlock))
    }

    @Test func thePolicysReasonsLoseTheirMomentsDetails() {
        let day = Day(iso: "2026-12-03")!
        #expect(ReminderBlock(.dailyLimit(3)) == .dailyLimit)
        #expect(ReminderBlock(.weeklyPhoneLimitAhead(7, through: day)) == .weeklyPhoneLimit)
        #expect(ReminderBlock(.laterPhoneAttempt(on: day, until: day)) == .restAfterConversation)
        #expect(ReminderBlock(.onHold(.cease, since: day)) == .onHold(.cease))
        #expect(ReminderBlock(.beforeHours(now: 400, start: 480)) == .beforeHours)
    }

    @Test func countsAreSortedByTheReadersWords() {
        let counts: [ReminderBlock: Int] = [.onHold(.dispute): 2, .dailyLimit: 1, .noPhoneNumber: 3]
        #expect(Strings(.en).reminderBlocks(counts) == "daily limit 1, no phone number 3, on hold (dispute) 2")
        #expect(Strings(.id).reminderBlocks(counts) == "batas harian 1, ditahan (sengketa) 2, tidak ada nomor telepon 3")
    }

    @Test func theRunsLinesInBothLanguages() {
        let en = Strings(.en), id = Strings(.id)
        #expect(en.remindStageLine(stage: "due-1", channel: "sms", chosen: 3, sent: 2, blocked: 1, reasons: "daily limit 1", skipped: 0, paused: 0)
                == "due-1 (sms): chosen 3, sent 2, blocked 1 (daily limit 1), skipped 0 already sent, paused 0")
        #expect(id.remindStageLine(stage: "due-1", channel: "sms", chosen: 3, sent: 2, blocked: 1, reasons: "batas harian 1", skipped: 0, paused: 0)
                == "due-1 (sms): terpilih 3, terkirim 2, tertahan 1 (batas harian 1), dilewati 0 sudah terkirim, dijeda 0")
        #expect(id.remindSummary(day: "2026-12-03", sent: 5, dryRun: false) == "remind 2026-12-03: 5 pesan terkirim")
        #expect(en.remindSummary(day: "2026-12-03", sent: 1, dryRun: true) == "remind 2026-12-03: 1 message would be sent")
        #expect(id.remindDryRun("remind 2026-12-03: 5 pesan akan dikirim")
                == "remind 2026-12-03: 5 pesan akan dikirim (uji coba: tidak ada yang dicatat atau ditulis)")
        #expect(id.remindFiles(summary: "remind 2026-12-03: 5 pesan terkirim", files: 2, out: "out") == "remind 2026-12-03: 5 pesan terkirim; 2 berkas di out")
    }
}
