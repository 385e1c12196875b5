import Foundation
import Testing

/// `tagih channel` and `tagih serve` speak to the person in their language
/// (issue 19): Bahasa Indonesia for a user whose language is id, the command
/// line's English otherwise, the same exit codes either way. The secret on
/// standard output, the HTTP answers and the per-request log line stay exact.
@Suite(.serialized) struct ChannelServeLanguageCLITests {
    static func indonesian(_ t: TagihRunner) -> TagihRunner {
        var id = t
        id.environment["LANG"] = "id_ID.UTF-8"
        return id
    }

    @Test func channelResultsAndRefusalsInBothLanguages() throws {
        let en = try TagihRunner()
        defer { en.cleanup() }
        try en.ok("init")
        let id = Self.indonesian(en)

        let addedID = try id.run("channel", "add", "VA")
        #expect(addedID.status == 0 && ChannelCLITests.isSecret(addedID.stdout), "the secret alone on stdout: \(addedID.stdout)")
        #expect(addedID.stderr == "kanal VA ditambahkan; rahasianya di atas hanya ditampilkan kali ini: "
                + "serahkan kepada agen pengumpul lewat jalur yang aman\n", "\(addedID.stderr)")
        let addedEN = try en.run("channel", "add", "QRIS")
        #expect(addedEN.status == 0 && ChannelCLITests.isSecret(addedEN.stdout))
        #expect(addedEN.stderr == "channel QRIS added; its secret above is shown only this once: give it to the collecting agent over a safe path\n",
                "\(addedEN.stderr)")

        // A channel that exists: exit 1, no secret.
        let twiceID = try id.run("channel", "add", "VA")
        #expect(twiceID.status == 1 && twiceID.stdout.isEmpty)
        #expect(twiceID.stderr == "tagih: kanal VA sudah ada; `tagih channel rotate VA` memberinya rahasia baru\n", "\(twiceID.stderr)")
        let twiceEN = try en.run("channel", "add", "VA")
        #expect(twiceEN.status == 1 && twiceEN.stderr == "tagih: channel VA exists already; `tagih channel rotate VA` gives it a new secret\n",
                "\(twiceEN.stderr)")

        // A name no channel can have: a usage error.
        let nameID = try id.run("channel", "add", "V A")
        #expect(nameID.status == 2 && nameID.stdout.isEmpty)
        #expect(nameID.stderr == "tagih: kanal V A: nama kanal hanya memuat huruf A-Z, angka, '_', '-' dan '.' (misalnya VA atau BCA_VA)\n",
                "\(nameID.stderr)")
        let longEN = try en.run("channel", "add", String(repeating: "A", count: 33))
        #expect(longEN.status == 2 && longEN.stderr == "tagih: channel \(String(repeating: "A", count: 33)): a channel name has at most 32 characters\n",
                "\(longEN.stderr)")

        // Rotating a channel that does not exist: exit 1, no secret.
        let unknownID = try id.run("channel", "rotate", "NOPE")
        #expect(unknownID.status == 1 && unknownID.stdout.isEmpty)
        #expect(unknownID.stderr == "tagih: tidak ada kanal NOPE; `tagih channel list` menampilkan kanal yang ada\n", "\(unknownID.stderr)")
        let unknownEN = try en.run("channel", "rotate", "NOPE")
        #expect(unknownEN.status == 1 && unknownEN.stderr == "tagih: no channel NOPE; `tagih channel list` shows the channels\n", "\(unknownEN.stderr)")

        // A bad --grace, out of range or not a number: a usage error, the secret unchanged.
        for bad in ["0", "10081", "abc", "-5"] {
            let graceID = try id.run("channel", "rotate", "VA", "--grace=\(bad)")
            #expect(graceID.status == 2 && graceID.stdout.isEmpty, "--grace \(bad)")
            #expect(graceID.stderr == "tagih: --grace menerima 1 sampai 10080 menit (seminggu), bukan \(bad)\n", "\(graceID.stderr)")
            let graceEN = try en.run("channel", "rotate", "VA", "--grace=\(bad)")
            #expect(graceEN.status == 2 && graceEN.stderr == "tagih: --grace takes 1 to 10080 minutes (a week), not \(bad)\n", "\(graceEN.stderr)")
        }
        let audit = try en.ok("audit", "--format", "csv")
        #expect(!audit.contains("channel.rotate"), "no refused rotation was recorded")

        // Rotations, with and without a grace.
        let graced = try id.run("channel", "rotate", "VA", "--grace", "30")
        #expect(graced.status == 0 && ChannelCLITests.isSecret(graced.stdout))
        #expect(graced.stderr == "kanal VA mendapat rahasia baru, hanya ditampilkan kali ini; rahasia lama masih berlaku 30 menit lagi\n",
                "\(graced.stderr)")
        let one = try en.run("channel", "rotate", "VA", "--grace", "1")
        #expect(one.stderr == "channel VA has a new secret, shown only this once; the old one works 1 more minute\n", "\(one.stderr)")
        let now = try id.run("channel", "rotate", "QRIS")
        #expect(now.stderr == "kanal QRIS mendapat rahasia baru, hanya ditampilkan kali ini; rahasia lama ditolak mulai sekarang\n", "\(now.stderr)")
        let nowEN = try en.run("channel", "rotate", "QRIS")
        #expect(nowEN.stderr == "channel QRIS has a new secret, shown only this once; the old one is refused from now on\n", "\(nowEN.stderr)")
    }

    @Test func serveRefusesToStartInBothLanguages() throws {
        let en = try TagihRunner.serveLedger()
        defer { en.cleanup() }
        let id = Self.indonesian(en)
        for bad in ["8750", "127.0.0.1:70000"] {
            let r = try id.run("serve", "--listen", bad)
            #expect(r.status == 2 && r.stderr == "tagih: --listen \(bad) bukan HOST:PORT (misalnya 127.0.0.1:8750)\n", "\(r.stderr)")
            let e = try en.run("serve", "--listen", bad)
            #expect(e.status == 2 && e.stderr == "tagih: --listen \(bad) is not HOST:PORT (such as 127.0.0.1:8750)\n", "\(e.stderr)")
        }
        let noHost = try id.run("serve", "--listen", ":8750")
        #expect(noHost.status == 2 && noHost.stderr == "tagih: --listen :8750 tidak menyebut host (misalnya 127.0.0.1:8750)\n", "\(noHost.stderr)")

        // The port taken by a running server: exit 1, one sentence.
        let s = try ServeHarness(en)
        let takenID = try id.run("serve", "--listen", "127.0.0.1:\(s.port)")
        #expect(takenID.status == 1)
        #expect(takenID.stderr == "tagih: tidak dapat mendengarkan di 127.0.0.1:\(s.port): alamat itu sedang dipakai "
                + "(server lain, atau `tagih serve` sebelumnya)\n", "\(takenID.stderr)")
        let takenEN = try en.run("serve", "--listen", "127.0.0.1:\(s.port)")
        #expect(takenEN.status == 1)
        #expect(takenEN.stderr == "tagih: cannot listen on 127.0.0.1:\(s.port): the address is in use (another server, or an earlier `tagih serve`)\n",
                "\(takenEN.stderr)")
        #expect(s.stop() == 0)
        #expect(s.stderr.hasSuffix("stopped: every request taken in was answered\n"), "\(s.stderr)")

        // A ledger it cannot open: none there, or a file that is no ledger.
        let missingID = try id.run("--db", "tidak-ada.db", "serve", "--listen", "127.0.0.1:0")
        #expect(missingID.status == 1 && missingID.stderr == "tagih: basis data tidak-ada.db tidak ada; buat dengan `tagih init` atau sebutkan yang lain dengan --db\n",
                "\(missingID.stderr)")
        let missingEN = try en.run("--db", "tidak-ada.db", "serve", "--listen", "127.0.0.1:0")
        #expect(missingEN.status == 1 && missingEN.stderr == "tagih: database tidak-ada.db does not exist; create it with `tagih init` or name another with --db\n",
                "\(missingEN.stderr)")
        #expect(!FileManager.default.fileExists(atPath: en.path("tidak-ada.db")), "no ledger left behind")
        try en.write("not-a-ledger.db", String(repeating: "not a database\n", count: 100))
        let notLedgerID = try id.run("--db", "not-a-ledger.db", "serve", "--listen", "127.0.0.1:0")
        #expect(notLedgerID.status == 1 && notLedgerID.stderr == "tagih: berkas not-a-ledger.db bukan ledger Tagih\n", "\(notLedgerID.stderr)")
        let notLedgerEN = try en.run("--db", "not-a-ledger.db", "serve", "--listen", "127.0.0.1:0")
        #expect(notLedgerEN.status == 1 && notLedgerEN.stderr == "tagih: the file not-a-ledger.db is not a Tagih ledger\n", "\(notLedgerEN.stderr)")
    }

    /// The start and stop lines in Indonesian; the per-request line keeps its fixed format.
    @Test func serveStartsAndStopsInIndonesian() async throws {
        let en = try TagihRunner.serveLedger()
        defer { en.cleanup() }
        let secret = try en.addChannel("VA")
        let id = Self.indonesian(en)
        let err = en.dir.appendingPathComponent("serve-id.err")
        let p = try id.start(["serve", "--listen", "127.0.0.1:0"], stderr: err)
        let port = ServeHarness.port(err, of: p, prefix: "mendengarkan di 127.0.0.1:")
        let found = try #require(port, "no start line: \((try? String(contentsOf: err, encoding: .utf8)) ?? "")")
        // One signed inquiry, for a log line.
        let asked = try await ServeHarness.send(port: found, "/v1/inquiry", #"{"account_no":"8801"}"#, secret: secret)
        #expect(asked.status == 200, "\(asked.text)")
        p.terminate()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = try String(contentsOf: err, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.first == "mendengarkan di 127.0.0.1:\(found)")
        // The request's line: time, channel, method and path, status, ref, milliseconds — the same words in any language.
        let fields = lines.count == 3 ? lines[1].split(separator: " ").map(String.init) : []
        #expect(fields.count == 7 && fields[1] == "VA" && fields[2] == "POST" && fields[3] == "/v1/inquiry" && fields[4] == "200"
                && fields[5] == "8801" && fields[6].hasSuffix("ms"), "\(fields)")
        #expect(lines.last == "berhenti: setiap permintaan yang sudah diterima telah dijawab")
    }
}
