import Foundation
import GRDB
import Testing
import TagihCore
@testable import TagihStore

/// `tagih remind` in the store (CONTRACT §10, R13–R15): each stage once per
/// charge across reruns and days, each message held to the contact policy
/// at its moment, blocked stages going the next allowed day, pauses.
@Suite struct ReminderRunTests {
    /// Monday 2025-06-30 (Fixture.today), 10:00 WIB.
    static let monday10 = ContactOrderTests.wib("2025-06-30", 10)

    static func session(_ day: String, hour: Int = 10) -> Session {
        Session(user: Fixture.admin, realLogin: "admin", today: Day(iso: day)!,
                now: Date(timeIntervalSince1970: TimeInterval(ContactOrderTests.wib(day, hour))))
    }

    /// Five debtors in Jakarta under the standard stages (pre-due -3
    /// WhatsApp, due-1 +1 SMS, late-7 +7 WhatsApp) and letters (SP1 at 7):
    /// A1 due in three days; A2 ten days late; A3 the same, on hold; A4 the
    /// same, its number marked do-not-call; A5 the same, with three calls
    /// today already (the daily limit).
    static func ledger(_ scratch: Scratch, settings: Settings = Settings()) throws -> AppDatabase {
        let db = try Fixture.ledger(settings: settings)
        try db.importFile(.accounts, try scratch.write("r-a.csv", """
            account_no,name,phone,address,timezone,language,va_number
            A1,Siti,0812-1111-0001,Jl. Satu 1,Asia/Jakarta,id,88001
            A2,Budi,0812-1111-0002,Jl. Dua 2,Asia/Jakarta,en,88002
            A3,Citra,0812-1111-0003,Jl. Tiga 3,Asia/Jakarta,,
            A4,Dewi,0812-1111-0004,Jl. Empat 4,Asia/Jakarta,,
            A5,Eka,0812-1111-0005,Jl. Lima 5,Asia/Jakarta,,

            """))
        try db.importFile(.charges, try scratch.write("r-c.csv", """
            account_no,ref,issue_date,due_date,amount
            A1,R-1,2025-06-01,2025-07-03,1000000
            A2,R-2,2025-05-20,2025-06-20,2500000
            A3,R-3,2025-05-20,2025-06-20,300000
            A4,R-4,2025-05-20,2025-06-20,400000
            A5,R-5,2025-05-20,2025-06-20,500000

            """))
        _ = try HoldBook(db).place(accountNo: "A3", kind: .dispute, reason: "disputes the charge", until: nil, session: Fixture.session)
        _ = try PhoneBook(db).mark(number: "0812-1111-0004", status: .doNotCall, session: Fixture.session)
        for h in [8, 9] { _ = try ContactOrderTests.log(db, "A5", "NA", ContactOrderTests.wib("2025-06-30", h)) }
        _ = try ContactOrderTests.log(db, "A5", "NA", ContactOrderTests.wib("2025-06-30", 9, 30))
        return db
    }

    static func messages(_ db: AppDatabase) throws -> [String] {
        try db.writer.read { d in
            try Row.fetchAll(d, sql: """
                SELECT a.account_no, m.stage, m.channel, m.recipient, m.day FROM messages m JOIN accounts a ON a.id = m.account_id ORDER BY m.id
                """).map { "\($0[0] as String) \($0[1] as String) \($0[2] as String) \($0[3] as String) \(Day(ordinal: $0[4]).iso)" }
        }
    }

    static func line(_ r: RemindReport, _ stage: String) -> String? { r.stages.first { $0.stage == stage }?.line }

    @Test func eachStageGoesOncePerChargeHeldToThePolicy() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let run = ReminderRun(db)
        let first = try run.run(session: Self.session("2025-06-30"), dryRun: false)
        let sentMonday = [
            "A1 pre-due whatsapp 0812-1111-0001 2025-06-30",
            "A2 due-1 sms 0812-1111-0002 2025-06-30",
            "A2 late-7 whatsapp 0812-1111-0002 2025-06-30",
            "A2 SP1 letter Jl. Dua 2 2025-06-30",
            // A do-not-call number stops the phone messages, not the letter.
            "A4 SP1 letter Jl. Empat 4 2025-06-30",
            // The daily limit used by calls stops the phone messages, not the letter.
            "A5 SP1 letter Jl. Lima 5 2025-06-30",
        ]
        #expect(try Self.messages(db) == sentMonday)
        #expect(Self.line(first, "late-7") == "late-7 (whatsapp): chosen 4, sent 1, blocked 3 (daily limit 1, no usable number 1, on hold (dispute) 1), skipped 0 already sent, paused 0")
        #expect(Self.line(first, "SP1") == "SP1 (letter): chosen 4, sent 3, blocked 1 (on hold (dispute) 1), skipped 0 already sent, paused 0")
        #expect(Self.line(first, "pre-due") == "pre-due (whatsapp): chosen 1, sent 1, blocked 0, skipped 0 already sent, paused 0")
        // The same line in Bahasa Indonesia: the reasons are typed, worded by Strings.
        #expect(first.stages.first { $0.stage == "late-7" }?.line(Strings(.id))
                == "late-7 (whatsapp): terpilih 4, terkirim 1, tertahan 3 (batas harian 1, ditahan (sengketa) 1, tidak ada nomor yang dapat dipakai 1), dilewati 0 sudah terkirim, dijeda 0")
        #expect(first.summary(Strings(.id)) == "remind 2025-06-30: 6 pesan terkirim")
        // Each message is a SENT contact by the running login, at the run's moment, with the number used.
        #expect(try db.count("contacts", where: "outcome = 'SENT' AND made_by = 'admin' AND at = \(Self.monday10)") == 6)
        #expect(try db.text("SELECT group_concat(coalesce(phone_number, '-'), ' ') FROM (SELECT c.phone_number FROM contacts c JOIN messages m ON m.contact_id = c.id ORDER BY m.id)")
                == "0812-1111-0001 0812-1111-0002 0812-1111-0002 - - -")
        // The late WhatsApp covers the pre-due stage of the same charge: it never goes after.
        #expect(try db.count("message_stages") == 7)
        #expect(first.sent == 6)

        // A rerun the same day sends nothing new.
        let again = try run.run(session: Self.session("2025-06-30", hour: 15), dryRun: false)
        #expect(again.sent == 0)
        #expect(try Self.messages(db) == sentMonday)
        #expect(Self.line(again, "SP1") == "SP1 (letter): chosen 1, sent 0, blocked 1 (on hold (dispute) 1), skipped 3 already sent, paused 0")

        // The next day: the stages the daily limit blocked go; nothing else does.
        let tuesday = try run.run(session: Self.session("2025-07-01"), dryRun: false)
        #expect(try Self.messages(db) == sentMonday + ["A5 due-1 sms 0812-1111-0005 2025-07-01", "A5 late-7 whatsapp 0812-1111-0005 2025-07-01"])
        #expect(tuesday.sent == 2)
        // The message counts for the limits: A5 has 3 calls and 2 messages on two days, never 4 on one.
        #expect(try db.count("contacts", where: "account_id = 5 AND day = \(Day(iso: "2025-07-01")!.ordinal)") == 2)
        #expect(try db.failedChecks() == [])
    }

    @Test func aMessageBeforeTheHoursGoesAtTheirStartAndTheTextIsTheTemplates() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        _ = try ReminderRun(db).run(session: Self.session("2025-06-30", hour: 2), dryRun: false)
        // R14: a run at 02:00 sends at 08:00 in the debtor's time.
        #expect(try db.int("SELECT min(at) FROM contacts WHERE outcome = 'SENT'") == ContactOrderTests.wib("2025-06-30", 8))
        #expect(try db.text("SELECT text FROM messages WHERE stage = 'pre-due'")
                == "Yth. Siti, tagihan A1 sebesar Rp1.000.000 jatuh tempo 2025-07-03.")
        #expect(try db.text("SELECT text FROM messages WHERE stage = 'due-1'")
                == "Dear Budi, IDR 2,500,000 on A2 was due on 2025-06-20. Pay to VA 88002.")
    }

    @Test func aRunAfterTheHoursSendsTheImmediateMessagesTheNextAllowedDay() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let late = try ReminderRun(db).run(session: Self.session("2025-06-30", hour: 21), dryRun: false)
        #expect(Self.line(late, "pre-due") == "pre-due (whatsapp): chosen 1, sent 0, blocked 1 (after hours 1), skipped 0 already sent, paused 0")
        #expect(try db.count("messages", where: "channel IN ('sms', 'whatsapp')") == 0)
        _ = try ReminderRun(db).run(session: Self.session("2025-07-01"), dryRun: false)
        #expect(try db.count("messages", where: "stage = 'pre-due' AND day = \(Day(iso: "2025-07-01")!.ordinal)") == 1)
    }

    @Test func aPausedStageIsSkippedAndReportedUntilResumed() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let lead = User(login: "lead1", name: "Lead", role: .lead)
        let leadSession = Session(user: lead, realLogin: "lead1", today: Fixture.today, now: Date())
        #expect(try StagePauses(db).set("due-1", paused: true, session: leadSession))
        #expect(try !StagePauses(db).set("due-1", paused: true, session: leadSession), "already paused")
        #expect(throws: StoreError.self) { try StagePauses(db).set("nope", paused: true, session: leadSession) }
        let collector = Session(user: User(login: "col01", name: "C", role: .collector), realLogin: "col01", today: Fixture.today, now: Date())
        #expect(throws: StoreError.self) { try StagePauses(db).set("late-7", paused: true, session: collector) }
        let r = try ReminderRun(db).run(session: Self.session("2025-06-30"), dryRun: false)
        #expect(Self.line(r, "due-1") == "due-1 (sms): chosen 0, sent 0, blocked 0, skipped 0 already sent, paused 4")
        #expect(try db.count("messages", where: "stage = 'due-1'") == 0)
        #expect(try db.count("audit", where: "action = 'remind.pause'") == 1)
        let resumed = Session(user: lead, realLogin: "lead1", today: Day(iso: "2025-07-01")!, now: Date())
        #expect(try StagePauses(db).set("due-1", paused: false, session: resumed))
        #expect(try StagePauses(db).paused(on: Fixture.today) == ["due-1"], "the state on a day is derived from the dated records")
        _ = try ReminderRun(db).run(session: Self.session("2025-07-01"), dryRun: false)
        #expect(try db.count("messages", where: "stage = 'due-1' AND account_id = 2") == 1)
    }

    /// A `[[reminders]]` letter stage due the same day as SP1: one letter to
    /// the address, the SP1, which covers the stage; the stage's line says its
    /// letters went inside it (and shares a hold's block), and it never goes after.
    @Test func aLetterStageDueWithAWarningLetterGoesInsideIt() throws {
        var settings = Settings()
        settings.rules.reminders.append(ReminderStage(name: "letter-7", days: 7, channel: .letter,
                                                      templates: [.id: try MessageTemplate("Yth. {name}, mohon segera dibayar.")]))
        let scratch = try Scratch()
        let db = try Self.ledger(scratch, settings: settings)
        let first = try ReminderRun(db).run(session: Self.session("2025-06-30"), dryRun: false)
        #expect(try db.count("messages", where: "channel = 'letter'") == 3)
        #expect(try db.count("messages", where: "stage = 'letter-7'") == 0)
        #expect(try db.count("message_stages", where: "stage = 'letter-7'") == 3)
        #expect(Self.line(first, "SP1") == "SP1 (letter): chosen 4, sent 3, blocked 1 (on hold (dispute) 1), skipped 0 already sent, paused 0")
        #expect(Self.line(first, "letter-7")
                == "letter-7 (letter): chosen 4, sent 0, blocked 1 (on hold (dispute) 1), skipped 0 already sent, paused 0, 3 inside the warning letter")
        let tuesday = try ReminderRun(db).run(session: Self.session("2025-07-01"), dryRun: false)
        #expect(try db.count("messages", where: "channel = 'letter'") == 3, "the stage was covered: no second letter")
        #expect(tuesday.stages.first { $0.stage == "letter-7" }?.sent == 0)
        #expect(try db.failedChecks() == [])
    }

    /// The workstation's preview counts the accounts of its scope (R4): the
    /// five debtors are no one's, so a collector's scope previews nothing and
    /// the unassigned scope previews what the whole book does.
    @Test func thePreviewFollowsTheScope() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let run = ReminderRun(db)
        let book = try run.preview(session: Self.session("2025-06-30")).report.stages
        #expect(book.reduce(0) { $0 + $1.chosen } == 13, "pre-due 1, due-1 4, late-7 4, SP1 4")
        #expect(try run.preview(session: Self.session("2025-06-30"), collectors: [""]).report.stages == book)
        let none = try run.preview(session: Self.session("2025-06-30"), collectors: ["col01"]).report.stages
        #expect(none.map(\.stage) == book.map(\.stage) && none.allSatisfy { $0.chosen == 0 && $0.sent == 0 && $0.blocked.isEmpty })
    }

    @Test func aDryRunRecordsNothingAndCountsTheSame() throws {
        let scratch = try Scratch()
        let db = try Self.ledger(scratch)
        let dry = try ReminderRun(db).run(session: Self.session("2025-06-30"), dryRun: true)
        #expect(try db.count("messages") == 0 && db.count("contacts", where: "outcome = 'SENT'") == 0)
        let real = try ReminderRun(db).run(session: Self.session("2025-06-30"), dryRun: false)
        #expect(dry.stages == real.stages)
        // Only the batch and admins send.
        let collector = Session(user: User(login: "col01", name: "C", role: .collector), realLogin: "col01", today: Fixture.today, now: Date())
        #expect(throws: StoreError.self) { try ReminderRun(db).run(session: collector, dryRun: true) }
    }
}
