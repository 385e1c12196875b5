import Foundation
import Testing
import TagihCore
@testable import TagihConfig

/// The ledger's rules (CONTRACT §1a, R7): a config file splits into what is
/// personal and what is a rule, and the rules' text reads back as the rules
/// it was written from.
@Suite struct RulesTextTests {
    func rules(_ text: String, strict: Bool = true) throws(ConfigError) -> Rules {
        try ConfigLoader.parseRules(text, path: "r.toml", strict: strict).rules
    }

    func refusal(_ text: String) -> String? {
        do { _ = try rules(text); return nil } catch { return error.description }
    }

    @Test func personalAndRuleSectionsAreReadApart() throws {
        let text = """
            [database]
            path = "team.db"
            [ui]
            language = "en"
            [remind]
            out = "/srv/out"
            [contact]
            start = "00:00"
            end = "24:00"
            [plans]
            collector_max_instalments = 36
            """
        let personal = try ConfigLoader.parsePersonal(text, path: "c.toml")
        #expect(personal.databasePath == "team.db" && personal.language == "en" && personal.remindOut == "/srv/out")
        var warnings: [String] = []
        let r = try ConfigLoader.parseRules(text, path: "c.toml", strict: false) { warnings.append($0) }.rules
        #expect(r.contactRules.startMinute == 0 && r.contactRules.endMinute == 1440)
        #expect(r.planLongest[.collector] == .some(36))
        #expect(warnings.isEmpty, "\(warnings)")
        let file = ConfigLoader.ConfigFile(path: "c.toml", text: text, exists: true)
        #expect(file.ruleSections == ["contact", "plans"])
        #expect(ConfigLoader.ConfigFile(path: "c.toml", text: "[ui]\nlanguage = \"id\"\n", exists: true).ruleSections.isEmpty)
        // The whole config still reads both halves.
        let s = try ConfigLoader.parse(text, path: "c.toml")
        #expect(s.personal == personal && s.rules == r && s.databasePath == "team.db" && s.contactRules.endMinute == 1440)
    }

    @Test func backdateHoursIsARule() throws {
        #expect(Rules().backdateHours == 24)
        #expect(try rules("[contact]\nbackdate_hours = 6\n").backdateHours == 6)
        #expect(refusal("[contact]\nbackdate_hours = -1\n") == "r.toml:2: setting contact.backdate_hours must be a whole number from 0 to 8760")
    }

    /// `rules show` prints every rule, so its text loads back as the same
    /// rules and writes out as the same bytes.
    @Test func theDefaultsRoundTrip() throws {
        var defaults = Rules()
        defaults.holidays = try HolidayFile.load(configured: nil).days
        let text = RulesText.render(defaults)
        let back = try rules(text)
        #expect(back == defaults)
        #expect(RulesText.render(back) == text)
        #expect(text.contains("\n[contact]\n") && text.contains("\nstart = \"08:00\"\n") && text.contains("\nbackdate_hours = 24\n"))
        // The holidays are the dates themselves, not a path.
        #expect(text.contains("\n\"2026-12-25\" = \"Kelahiran Yesus Kristus\"\n"))
        #expect(!text.contains("holidays-id.csv"))
    }

    @Test func changedRulesRoundTrip() throws {
        var r = Rules()
        r.currency = Currency.known["JPY"]!
        r.defaultTimeZone = "Asia/Makassar"
        r.buckets = try Buckets(edges: [15, 45])
        r.rejectThresholdBasisPoints = 1250
        r.contactRules = .regf
        r.contactRules.startMinute = 9 * 60 + 30
        r.contactRules.maxAttemptsPerDay = 2
        r.contactRules.phoneRestDaysAfterConversation = nil
        r.holidays = [Day(iso: "2027-01-01")!: "New \"Year\" \\ day", Day(iso: "2026-08-17")!: "Hari Kemerdekaan"]
        r.backdateHours = 2
        r.outcomes = OutcomeTable(codes: [OutcomeCode(code: "NA", meaning: "tidak diangkat"),
                                          OutcomeCode(code: "PTP", meaning: "janji\tbayar", contact: true, rightParty: true, promise: true),
                                          OutcomeCode(code: "X_1", meaning: "é", attempt: false)])
        r.promiseHorizonDays = 14
        r.promiseGraceDays = 0
        r.planLongest = [.collector: 3, .lead: nil, .admin: 60]
        r.companyName = "PT \"Kredit\" Maju"
        r.companyCity = "Surabaya"
        let text = RulesText.render(r)
        let back = try rules(text)
        #expect(back == r)
        #expect(RulesText.render(back) == text)
        #expect(text.contains("reject_threshold_percent = 12.5\n") && text.contains("lead_max_instalments = 0\n"))
        // An empty holiday table is no holidays, not the default file.
        r.holidays = [:]
        #expect(try rules(RulesText.render(r)).holidays.isEmpty)
    }

    /// R7: a key the file lacks takes its default.
    @Test func aMissingRuleTakesItsDefault() throws {
        let r = try rules("[promises]\ngrace_days = 5\n")
        var expected = Rules()
        expected.promiseGraceDays = 5
        expected.holidays = try HolidayFile.load(configured: nil).days
        #expect(r == expected)
    }

    /// A refused rules file names the file, the line and the key.
    @Test func aBadRulesFileNamesLineAndKey() {
        #expect(refusal("# rules\n\n[contact]\npreset = \"ojk\"\nstart = \"8am\"\n")
                == "r.toml:5: setting contact.start must be a time as \"HH:MM\", e.g. \"08:00\"")
        #expect(refusal("[contact]\nstrat = \"08:00\"\n") == "r.toml:2: setting contact.strat is not a rule Tagih knows")
        #expect(refusal("[ledger]\ncurrency = \"IDR\"\n[lettres]\nx = 1\n") == "r.toml:3: [lettres] is not a section of rules Tagih knows")
        #expect(refusal("[contact]\nend = \"20:00\"\n[contact.holidays]\n\"2026-02-30\" = \"x\"\n")
                == "r.toml:4: setting contact.holidays.2026-02-30 is not a date as YYYY-MM-DD")
        #expect(refusal("[contact.holidays]\n\"2026-01-01\" = 1\n") == "r.toml:2: setting contact.holidays.2026-01-01 must be the holiday's name")
        #expect(refusal("[company]\nname = \"PT\\u001BX\"\n")?.hasPrefix("r.toml:2: setting company.name holds a control character") == true)
        #expect(refusal("[outcomes]\nNA = { meaning = 3 }\n") == "r.toml:2: outcomes.NA.meaning must be a string")
        // The same text in a config file only warns about the unknown key.
        var warnings: [String] = []
        _ = try? ConfigLoader.parseRules("[contact]\nstrat = \"08:00\"\n", path: "c.toml", strict: false) { warnings.append($0) }
        #expect(warnings == ["c.toml: unknown setting contact.strat ignored"])
    }

    @Test func personalSectionsInARulesFileAreIgnoredWithAWarning() throws {
        var warnings: [String] = []
        let r = try ConfigLoader.parseRules("[ui]\nlanguage = \"en\"\n[promises]\nhorizon_days = 10\n", path: "r.toml", strict: true) { warnings.append($0) }.rules
        #expect(r.promiseHorizonDays == 10)
        #expect(warnings == ["r.toml: [ui] is a personal setting, not a rule; ignored (set it in your config file)"])
    }

    @Test func linesOfKeys() {
        let text = "a = 1\n[contact]\n  start = \"x\"\n# end = 1\nend=2\n[contact.holidays]\n\"2026-01-01\" = \"y\"\n[outcomes]\nNA = { }\n"
        #expect(TOMLLines.line(section: "contact", key: "start", in: text) == 3)
        #expect(TOMLLines.line(section: "contact", key: "end", in: text) == 5)
        #expect(TOMLLines.line(section: "contact", key: "weekdays", in: text) == 2, "absent: the section's line")
        #expect(TOMLLines.line(section: "contact.holidays", key: "2026-01-01", in: text) == 7)
        #expect(TOMLLines.line(section: "outcomes", key: "NA", in: text) == 9)
        #expect(TOMLLines.line(section: "plans", key: "x", in: text) == nil)
    }
}
