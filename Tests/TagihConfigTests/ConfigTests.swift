import Foundation
import Testing
import TagihCore
@testable import TagihConfig

/// The shipped config files say what Tagih does, and contact settings are read strictly.
@Suite struct ConfigTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theBuiltInHolidaysAreTheShippedFile() throws {
        let shipped = try String(contentsOf: Self.root.appendingPathComponent("config/holidays-id.csv"), encoding: .utf8)
        #expect(BuiltinHolidays.csv + "\n" == shipped, "run scripts/sync-holidays after editing config/holidays-id.csv")
        let days = try HolidayFile.parse(shipped, path: "config/holidays-id.csv")
        #expect(days[Day(iso: "2026-12-25")!] == "Kelahiran Yesus Kristus")
        #expect(days[Day(iso: "2026-03-20")!]?.hasPrefix("Cuti Bersama") == true)
        #expect(days[Day(iso: "2025-08-18")!] != nil, "the 2025 amendment")
        for year in 2025...2027 {
            #expect(days.keys.filter { $0.components.year == year }.count >= 20, "holidays of \(year)")
        }
    }

    @Test func theShippedConfigIsTheDefaults() throws {
        var s = try ConfigLoader.load(explicitPath: Self.root.appendingPathComponent("config/tagih.toml").path)
        var defaults = try ConfigLoader.load(explicitPath: nil)
        s.holidaysSource = ""
        defaults.holidaysSource = ""
        #expect(s == defaults)
        #expect(s.contactRules == .ojk && s.outcomes == .standard && s.promiseGraceDays == 2 && s.promiseHorizonDays == 30)
        #expect(!s.holidays.isEmpty)
    }

    @Test func contactOverrides() throws {
        let s = try ConfigLoader.parse("""
            [contact]
            preset = "regf"
            start = "09:00"
            end = "19:30"
            weekdays = [1, 2, 3, 4, 5]
            max_attempts_per_day = 2
            phone_rest_days_after_conversation = 0
            [promises]
            grace_days = 5
            [outcomes]
            NA = { meaning = "tidak diangkat" }
            JANJI = { meaning = "janji bayar", contact = true, right_party = true, promise = true }
            """, path: "t.toml")
        #expect(s.contactRules.preset == "regf" && s.contactRules.startMinute == 540 && s.contactRules.endMinute == 1170)
        #expect(s.contactRules.weekdays == [1, 2, 3, 4, 5] && s.contactRules.maxAttemptsPerDay == 2)
        #expect(s.contactRules.phoneRestDaysAfterConversation == nil && s.contactRules.maxPhoneAttemptsPer7Days == 7)
        #expect(s.promiseGraceDays == 5)
        #expect(s.outcomes.codes.map(\.code) == ["NA", "JANJI"], "known codes first, in the contract's order")
        #expect(s.outcomes["JANJI"] == OutcomeCode(code: "JANJI", meaning: "janji bayar", contact: true, rightParty: true, promise: true))
        #expect(s.outcomes["NA"]?.attempt == true && s.outcomes["NA"]?.contact == false)
    }

    @Test(arguments: [
        ("[contact]\npreset = \"us\"", "t.toml: setting contact.preset is us; use \"ojk\" or \"regf\""),
        ("[contact]\nstart = \"8am\"", "t.toml: setting contact.start must be a time as \"HH:MM\", e.g. \"08:00\""),
        ("[contact]\nstart = \"20:00\"\nend = \"08:00\"", "t.toml: setting contact.end must be later than contact.start"),
        ("[contact]\nweekdays = [0, 1]", "t.toml: setting contact.weekdays must list ISO weekdays from 1 (Monday) to 7 (Sunday)"),
        ("[contact]\nholidays = \"nowhere.csv\"", "holiday file nowhere.csv (contact.holidays) does not exist"),
        ("[outcomes]\nNA = \"no answer\"", "t.toml: outcomes.NA must be a table such as { meaning = \"...\", contact = true }"),
        ("[outcomes]\nNA = { contact = \"yes\" }", "t.toml: outcomes.NA.contact must be true or false"),
        ("[outcomes]\nNA = { reached = true }", "t.toml: outcomes.NA.reached is not a flag (meaning, attempt, contact, right_party, promise)"),
        ("[promises]\ngrace_days = -1", "t.toml: setting promises.grace_days must be a whole number from 0 to 365"),
    ])
    func badContactSettings(_ text: String, _ message: String) {
        #expect(throws: ConfigError.self) { try ConfigLoader.parse(text, path: "t.toml") }
        do { _ = try ConfigLoader.parse(text, path: "t.toml") } catch { #expect(error.description == message) }
    }

    @Test func holidayFileErrorsNameTheLine() throws {
        func message(_ text: String) -> String? {
            do { _ = try HolidayFile.parse(text, path: "h.csv"); return nil } catch { return error.description }
        }
        #expect(message("# c\ndate,name\n2026-13-01,X\n") == "h.csv:3: date: 2026-13-01 is not a date as YYYY-MM-DD")
        #expect(message("date,name\n2026-01-01,A\n2026-01-01,B\n") == "h.csv:3: date: 2026-01-01 is listed twice")
        #expect(message("day,what\n") == "h.csv:1: expected the header date,name")
        #expect(message("date,name\n2026-01-01\n") == "h.csv:2: name: missing (expected date,name)")
        #expect(try HolidayFile.parse("date,name\r\n2026-01-01,\"Tahun Baru, Masehi\"\r\n", path: "h.csv")
                == [Day(iso: "2026-01-01")!: "Tahun Baru, Masehi"])
    }

    /// Issue 13 item 8: `reject_threshold_percent` went through a Double and
    /// `%.2f`, so `12.345` was silently rounded to 12.35 and a quoted
    /// `"12.5"` refused. It is read as a decimal now: at most two places,
    /// never rounded, and the refusal compares in integers.
    @Test func rejectThresholdIsParsedExactly() throws {
        func threshold(_ value: String) throws(ConfigError) -> Int {
            try ConfigLoader.parse("[import]\nreject_threshold_percent = \(value)\n", path: "t.toml").rejectThresholdBasisPoints
        }
        #expect(try threshold("10") == 1000)
        #expect(try threshold("12.5") == 1250)
        #expect(try threshold("0.01") == 1)
        #expect(try threshold("100.0") == 10_000)
        #expect(try threshold("\"7.25\"") == 725)
        for bad in ["12.345", "10.005", "-1", "100.01", "101", "\"ten\"", "1e-5"] {
            #expect(throws: ConfigError.self, "\(bad)") { try threshold(bad) }
        }
        // 12.5% of 8 rows is exactly 1: one reject is allowed, two are not.
        var s = Settings()
        s.rejectThresholdBasisPoints = try threshold("12.5")
        #expect(!s.refuses(rejected: 1, of: 8))
        #expect(s.refuses(rejected: 2, of: 8))
    }
}
