import Foundation
import Testing

/// `tagih remind` through the real binary (CONTRACT §10, R13–R16): the
/// gateway files row by row, a letter's text through pdftotext, reruns,
/// delivery results, a STOP reply, pauses.
@Suite(.serialized) struct RemindCLITests {
    /// Monday 16 November 2026, 10:00 in Jakarta. A1 is due in three days
    /// (the pre-due WhatsApp), A2 a day late (the SMS after the due date,
    /// and the pre-due WhatsApp it has not had), A3 fifteen days late with
    /// no phone (its SP1 letter goes; its phone messages cannot).
    static func ledger() throws -> TagihRunner {
        var t = try TagihRunner()
        try t.ok("init")
        try t.ok("user", "add", "lead01", "--name", "Hendra", "--role", "lead", "--team", "T1")
        try t.write("accounts.csv", """
            account_no,name,phone,address,timezone,language,va_number
            A1,Siti Rahayu,0812-3456-7890,"Jl. Melati 3, Bogor",Asia/Jakarta,id,8808001
            A2,"Budi, S.E.",0813-2222-3333,,Asia/Jakarta,en,8808002
            A3,Made Wirawan,,"Jl. Kenanga 9, Denpasar",Asia/Jakarta,,

            """)
        try t.write("charges.csv", """
            account_no,ref,issue_date,due_date,amount
            A1,INV1,2026-10-19,2026-11-19,1000000
            A2,INV2,2026-10-15,2026-11-15,250000
            A3,INV3,2026-10-01,2026-11-01,6000000

            """)
        for k in ["accounts", "charges"] { try t.ok("import", k, "\(k).csv") }
        t.environment["TAGIH_NOW"] = "2026-11-16T10:00"
        return t
    }

    static func pdfText(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = ["-layout", path, "-"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test func theDaysFilesRowByRowThenARerunAddsNothing() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let out = try t.ok("remind", "--out", "out")
        #expect(out == """
            pre-due (whatsapp): chosen 2, sent 2, blocked 0, skipped 0 already sent, paused 0
            due-1 (sms): chosen 2, sent 1, blocked 1 (no phone number 1), skipped 0 already sent, paused 0
            late-7 (whatsapp): chosen 1, sent 0, blocked 1 (no phone number 1), skipped 0 already sent, paused 0
            SP1 (letter): chosen 1, sent 1, blocked 0, skipped 0 already sent, paused 0
            SP2 (letter): chosen 0, sent 0, blocked 0, skipped 0 already sent, paused 0
            SP3 (letter): chosen 0, sent 0, blocked 0, skipped 0 already sent, paused 0
            remind 2026-11-16: 4 messages sent; 3 files in out

            """)
        // Message ids in the order the run went: by account, then sms, whatsapp, email, letter.
        #expect(try t.read("out/whatsapp-2026-11-16.csv") == """
            message_id,account_no,to,language,text
            1,A1,0812-3456-7890,id,"Yth. Siti Rahayu, tagihan A1 sebesar Rp1.000.000 jatuh tempo 2026-11-19."
            3,A2,0813-2222-3333,en,"Dear Budi, S.E., IDR 250,000 on A2 is due on 2026-11-15."

            """)
        #expect(try t.read("out/sms-2026-11-16.csv") == """
            message_id,account_no,to,language,text
            2,A2,0813-2222-3333,en,"Dear Budi, S.E., IDR 250,000 on A2 was due on 2026-11-15. Pay to VA 8808002."

            """)
        // R14: the out folder's group, mode 0640.
        let attrs = try FileManager.default.attributesOfItem(atPath: t.path("out/sms-2026-11-16.csv"))
        #expect((attrs[.posixPermissions] as? Int) == 0o640)
        let dirGroup = try FileManager.default.attributesOfItem(atPath: t.path("out"))[.groupOwnerAccountID] as? Int
        #expect(attrs[.groupOwnerAccountID] as? Int == dirGroup)

        // The SP1 letter: Indonesian (the default), the e-Meterai note above Rp5.000.000.
        let letter = try Self.pdfText(t.path("out/letters/SP1-A3.pdf"))
        for expected in ["SURAT PERINGATAN PERTAMA (SP1)", "Nomor: SP1/A3/2026-11-16", "Made Wirawan", "Jl. Kenanga 9, Denpasar",
                         "INV3 1 November 2026 15 Rp6.000.000", "Jumlah yang harus dibayar: Rp6.000.000", "e-Meterai"] {
            #expect(letter.contains(expected), "missing \(expected) in: \(letter)")
        }
        let pdf = try Data(contentsOf: URL(fileURLWithPath: t.path("out/letters/SP1-A3.pdf")))

        // A rerun the same day sends nothing new and writes the same files (R16: the same bytes).
        let again = try t.ok("remind", "--out", "out")
        #expect(again.hasSuffix("remind 2026-11-16: 0 messages sent; 3 files in out\n"))
        #expect(again.contains("SP1 (letter): chosen 0, sent 0, blocked 0, skipped 1 already sent, paused 0"))
        #expect(try t.read("out/whatsapp-2026-11-16.csv").split(separator: "\n").count == 3)
        #expect(try Data(contentsOf: URL(fileURLWithPath: t.path("out/letters/SP1-A3.pdf"))) == pdf)

        // Files lost after the commit (a crash between the two) are made again from the ledger.
        try FileManager.default.removeItem(atPath: t.path("out"))
        _ = try t.ok("remind", "--out", "out")
        #expect(try t.read("out/sms-2026-11-16.csv").hasPrefix("message_id,account_no,to,language,text\n2,A2,"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: t.path("out/letters/SP1-A3.pdf"))) == pdf)
        #expect(try t.ok("check").contains("ok"))
    }

    @Test func aDryRunWritesNothing() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        let dry = try t.ok("remind", "--out", "out", "--dry-run")
        #expect(dry.contains("pre-due (whatsapp): chosen 2, sent 2,"))
        #expect(dry.hasSuffix("remind 2026-11-16: 4 messages would be sent (dry run: nothing recorded or written)\n"))
        #expect(!FileManager.default.fileExists(atPath: t.path("out")))
        #expect(try t.ok("remind", "--out", "out").contains("4 messages sent"))
    }

    @Test func resultsAreRecordedWholeAndAStopReplyStopsTheMessages() throws {
        var t = try Self.ledger()
        defer { t.cleanup() }
        _ = try t.ok("remind", "--out", "out")
        // A bad row refuses the file, naming file, line and field; nothing is recorded.
        try t.write("bad.csv", "message_id,status,at\n1,delivered,2026-11-16T10:01:00+07:00\n2,sent,2026-11-16T10:02:00+07:00\n")
        let bad = try t.run("remind", "results", "bad.csv")
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.csv line 3, field status: sent is not delivered, read or failed"), "\(bad.stderr)")
        try t.write("time.csv", "message_id,status,at\n1,read,yesterday\n")
        #expect(try t.run("remind", "results", "time.csv").stderr.contains("time.csv line 2, field at: yesterday is not a time"))
        try t.write("unknown.csv", "message_id,status,at\n99,read,2026-11-16T11:00:00+07:00\n")
        #expect(try t.run("remind", "results", "unknown.csv").stderr.contains("unknown.csv line 2, field message_id: no message 99 was sent"))
        try t.write("ok.csv", "message_id,status,at\n1,delivered,2026-11-16T10:01:00+07:00\n3,read,2026-11-16T10:05:00+07:00\n")
        #expect(try t.ok("remind", "results", "ok.csv") == "results ok.csv: 2 rows, 2 recorded, 0 already recorded\n")
        #expect(try t.ok("remind", "results", "ok.csv") == "results ok.csv: 2 rows, 0 recorded, 2 already recorded\n")
        #expect(try t.ok("check").contains("ok"))

        // A2 replies STOP: the number is marked do-not-call, and its next stage (late-7, due 22 November) does not go.
        #expect(try t.ok("phone", "mark", "0813-2222-3333", "--status", "do-not-call").hasPrefix("phone 0813-2222-3333 marked do-not-call"))
        t.environment["TAGIH_NOW"] = "2026-11-23T10:00"
        let monday = try t.ok("remind", "--out", "out")
        #expect(monday.contains("late-7 (whatsapp): chosen 2, sent 0, blocked 2 (no phone number 1, no usable number 1)"), "\(monday)")
        #expect(!(try t.read("out/sms-2026-11-23.csv")).contains("0813-2222-3333"))
    }

    @Test func aLeadPausesAStageAndTheRunReportsIt() throws {
        var t = try Self.ledger()
        defer { t.cleanup() }
        t.user = "lead01"
        #expect(try t.ok("remind", "pause", "pre-due") == "stage pre-due paused from 2026-11-16\n")
        #expect(try t.run("remind", "--out", "out").status == 1, "a lead does not send")
        t.user = "admin01"
        let out = try t.ok("remind", "--out", "out")
        #expect(out.contains("pre-due (whatsapp): chosen 0, sent 0, blocked 0, skipped 0 already sent, paused 2"), "\(out)")
        t.user = "lead01"
        #expect(try t.ok("remind", "resume", "pre-due") == "stage pre-due resumed from 2026-11-16\n")
        t.user = "admin01"
        #expect(try t.ok("remind", "--out", "out").contains("pre-due (whatsapp): chosen 2, sent 2,"))
        #expect(try t.run("remind", "pause", "nope").status == 2)
    }

    /// R14: the nightly batch sends the day's reminders after settling when
    /// the personal config names `[remind] out`, and says so in its summary and log.
    @Test func theNightlyBatchSendsTheDaysReminders() throws {
        let t = try Self.ledger()
        defer { t.cleanup() }
        try FileManager.default.createDirectory(atPath: t.path("inbox"), withIntermediateDirectories: true)
        let r = try t.run("nightly", "inbox")
        #expect(r.status == 0 && !r.stdout.contains("reminders"), "no [remind] out: no reminders")
        try t.write("config/tagih.toml", "[remind]\nout = \"out\"\n")
        let night = try t.run("--today", "2026-11-16", "nightly", "inbox")
        #expect(night.status == 0, "\(night.stderr)")
        #expect(night.stdout.contains("remind SP1 (letter): chosen 1, sent 1,"), "\(night.stdout)")
        #expect(night.stdout.hasSuffix("; reminders: 4 sent\n"), "\(night.stdout)")
        #expect(try t.read("out/sms-2026-11-16.csv").contains("2,A2,0813-2222-3333,en,"))
        #expect(FileManager.default.fileExists(atPath: t.path("out/letters/SP1-A3.pdf")))
        #expect(try t.ok("--today", "2026-11-16", "report", "nightly").contains("reminders: 4 sent"))
    }
}
