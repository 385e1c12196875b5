import Testing
import TagihCore
@testable import TagihConfig

/// `[[reminders]]` and `[letters]` in the ledger's rules (CONTRACT §10): an
/// unknown field, a duplicate name or a bad channel refuses the file, naming
/// the line; what loads reads back through `rules show` unchanged.
@Suite struct ReminderRulesTests {
    func rules(_ text: String) throws(ConfigError) -> Rules {
        try ConfigLoader.parseRules(text, path: "r.toml", strict: true).rules
    }

    func refusal(_ text: String) -> String? {
        do { _ = try rules(text); return nil } catch { return error.description }
    }

    static let contractExample = """
        [[reminders]]
        name = "pre-due"          # unique
        days = -3
        channel = "whatsapp"
        template.id = "Yth. {name}, tagihan {account_no} sebesar {amount_due} jatuh tempo {due_date}."
        template.en = "Dear {name}, {amount_due} on {account_no} is due on {due_date}."

        [letters]
        sp1_days = 7
        sp2_days = 30
        sp3_days = 60
        sender_name = "PT Contoh Finance"
        sender_address = "Jl. Sudirman 1, Jakarta"
        """

    @Test func theContractsExampleLoads() throws {
        let r = try rules(Self.contractExample)
        #expect(r.reminders.count == 1)
        let s = r.reminders[0]
        #expect(s.name == "pre-due" && s.days == -3 && s.channel == .whatsapp)
        #expect(s.templates[.id]?.fields == [.name, .account_no, .amount_due, .due_date])
        #expect(s.templates[.en]?.render([.name: "Budi", .amount_due: "IDR 5", .account_no: "A1", .due_date: "2026-11-26"])
                == "Dear Budi, IDR 5 on A1 is due on 2026-11-26.")
        #expect(r.letters == LetterRules(sp1Days: 7, sp2Days: 30, sp3Days: 60, senderName: "PT Contoh Finance",
                                         senderAddress: "Jl. Sudirman 1, Jakarta"))
    }

    @Test func withoutStagesTheBuiltInOnesHold() throws {
        let r = try rules("[letters]\nsp1_days = 10\nsp2_days = 20\nsp3_days = 40\n")
        #expect(r.reminders == ReminderStage.standard)
        #expect(r.letters.sp1Days == 10 && r.letters.senderName == "PT Tagih Nusantara")
    }

    @Test(arguments: [
        ("[[reminders]]\nname = \"a\"\ndays = 1\nchannel = \"sms\"\ntemplate.id = \"Halo {nama}\"\n",
         "r.toml:5: reminders.template.id of a: {nama} is not a field ({name}, {account_no}, {amount_due}, {due_date}, {days_late}, {va_number})"),
        ("[[reminders]]\nname = \"a\"\ndays = 1\nchannel = \"sms\"\ntemplate.id = \"x\"\n\n[[reminders]]\nname = \"a\"\ndays = 2\nchannel = \"sms\"\ntemplate.id = \"y\"\n",
         "r.toml:8: reminders.name a is used twice (SP1, SP2 and SP3 are the letters' own)"),
        ("[[reminders]]\nname = \"a\"\ndays = 1\nchannel = \"fax\"\ntemplate.id = \"x\"\n",
         "r.toml:4: reminders.channel of a must be one of sms, whatsapp, email, letter"),
        ("[[reminders]]\nname = \"a\"\ndays = 1\nchannel = \"sms\"\ntemplate.id = \"Halo {name\"\n",
         "r.toml:5: reminders.template.id of a: a { without its } (or a } without its {)"),
        ("[[reminders]]\nname = \"a\"\ndays = 1\nchannel = \"sms\"\n",
         "r.toml:1: reminders.template of a must give template.id and/or template.en"),
        ("[[reminders]]\nname = \"a\"\ndays = 1\nchannel = \"sms\"\ntemplate.id = \"x\"\ncolour = \"red\"\n",
         "r.toml:6: reminders.colour is not a stage setting (name, days, channel, template.id, template.en)"),
        ("[[reminders]]\nname = \"sp1\"\ndays = 1\nchannel = \"sms\"\ntemplate.id = \"x\"\n",
         "r.toml:2: reminders.name sp1 is used twice (SP1, SP2 and SP3 are the letters' own)"),
        ("[[reminders]]\nname = \"a/b\"\ndays = 1\nchannel = \"sms\"\ntemplate.id = \"x\"\n",
         "r.toml:2: reminders.name a/b must be letters, digits, - and _ (it names files), at most 32"),
        ("[letters]\nsp1_days = 30\nsp2_days = 30\n",
         "r.toml:1: setting letters.sp3_days must come after sp2_days, which must come after sp1_days"),
        ("[letters]\nfoo = 1\n", "r.toml:2: setting letters.foo is not a rule Tagih knows"),
    ])
    func aBadStageIsRefusedWithItsLine(_ text: String, _ message: String) {
        #expect(refusal(text) == message)
    }

    @Test func rulesShowReadsBackAsTheSameRules() throws {
        var r = try rules(Self.contractExample)
        r.reminders.append(ReminderStage(name: "sp-letter", days: 45, channel: .letter,
                                         templates: [.en: try MessageTemplate("Account {account_no}: \"{amount_due}\" late {days_late} days")]))
        let text = RulesText.render(r)
        #expect(try rules(text) == r)
        #expect(RulesText.render(try rules(text)) == text)
    }
}

/// R13: `SENT` is built in: every table has it, none may redefine it.
@Suite struct SentOutcomeTests {
    @Test func everyTableKnowsSentAndNoneListsIt() throws {
        let r = try ConfigLoader.parseRules("[outcomes]\nOK = { meaning = \"ok\", contact = true }\n", path: "r.toml", strict: true).rules
        #expect(r.outcomes.codes.map(\.code) == ["OK"], "forms never offer SENT")
        let sent = try #require(r.outcomes["SENT"])
        #expect(sent.attempt && !sent.contact && !sent.rightParty && !sent.promise)
        #expect(OutcomeTable.standard["SENT"] == sent)
    }

    @Test func sentCannotBeRedefined() {
        do {
            _ = try ConfigLoader.parseRules("[outcomes]\nSENT = { meaning = \"x\", contact = true }\n", path: "r.toml", strict: true)
            Issue.record("accepted")
        } catch {
            #expect(error.description == "r.toml:2: outcomes.SENT is built in (a reminder sent: an attempt, not a contact); it cannot be redefined")
        }
    }
}
