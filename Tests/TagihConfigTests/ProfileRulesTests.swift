import Foundation
import Testing
import TagihCore
@testable import TagihConfig

/// `[profiles.NAME]` in the ledger's rules (CONTRACT §11, R7): read, refused
/// with the line named, and written back by `rules show` as it was loaded.
@Suite struct ProfileRulesTests {
    static let bca = """
        [profiles.bca-va]
        channel = "VA"
        file_pattern = "bca-va-*.csv"
        delimiter = ";"
        skip_lines = 2
        date_format = "%d/%m/%Y"
        amount_format = "1.250.000,00"
        [profiles.bca-va.columns]
        account_no = "No. VA"
        ref = "No. Referensi"
        paid_on = "Tanggal"
        amount = "Nominal"

        """

    func refusal(_ text: String) -> String? {
        do { _ = try ConfigLoader.parseRules(text, path: "r.toml", strict: true); return nil } catch { return error.description }
    }

    @Test func readsAProfile() throws {
        let r = try ConfigLoader.parseRules(Self.bca, path: "r.toml", strict: true).rules
        #expect(r.profiles.count == 1)
        let p = try #require(r.profiles.first)
        #expect(p.name == "bca-va")
        #expect(p.channel == "VA")
        #expect(p.filePattern == "bca-va-*.csv")
        #expect(p.delimiter == UInt8(ascii: ";"))
        #expect(p.skipLines == 2)
        #expect(p.dateFormat.source == "%d/%m/%Y")
        #expect(p.amountFormat == .dotGrouped)
        #expect(p.columns == ["account_no": "No. VA", "ref": "No. Referensi", "paid_on": "Tanggal", "amount": "Nominal"])
        #expect(p.field(forHeader: "no. referensi") == "ref")
    }

    @Test func rulesShowWritesProfilesBackAsLoaded() throws {
        let r = try ConfigLoader.parseRules(Self.bca, path: "r.toml", strict: true).rules
        let text = RulesText.render(r)
        #expect(text.contains("[profiles.bca-va]\nchannel = \"VA\"\nfile_pattern = \"bca-va-*.csv\"\ndelimiter = \";\"\nskip_lines = 2\n"))
        let back = try ConfigLoader.parseRules(text, path: "r.toml", strict: true).rules
        #expect(back == r)
        #expect(RulesText.render(back) == text)
    }

    @Test func noProfilesByDefault() throws {
        #expect(try ConfigLoader.parseRules("", path: "r.toml", strict: true).rules.profiles.isEmpty)
    }

    @Test(arguments: [
        ("skip_lines = 2", "skip_line = 2", "r.toml:5: profiles.bca-va.skip_line: is not a profile setting"),
        ("date_format = \"%d/%m/%Y\"", "date_format = \"%d/%m/%y\"", "r.toml:6: profiles.bca-va.date_format: %y is not a directive"),
        ("date_format = \"%d/%m/%Y\"", "date_format = \"%d/%m\"", "r.toml:6: profiles.bca-va.date_format: needs %d, %m and %Y"),
        ("amount_format = \"1.250.000,00\"", "amount_format = \"1 250 000\"", "r.toml:7: profiles.bca-va.amount_format: must be"),
        ("delimiter = \";\"", "delimiter = \"::\"", "r.toml:4: profiles.bca-va.delimiter: must be"),
        ("skip_lines = 2", "skip_lines = -1", "r.toml:5: profiles.bca-va.skip_lines: must be a whole number"),
        ("channel = \"VA\"", "channel = \"V A\"", "r.toml:2: profiles.bca-va.channel: must name the payment channel"),
        ("amount = \"Nominal\"", "balance = \"Nominal\"", "r.toml:12: profiles.bca-va.columns.balance is not a field a profile maps"),
        ("amount = \"Nominal\"", "channel = \"Nominal\"", "r.toml:12: profiles.bca-va.columns.channel is not a field a profile maps"),
        ("amount = \"Nominal\"", "invoice_ref = \"Tagihan\"", "r.toml:8: [profiles.bca-va.columns] lacks amount, a required payments field"),
        ("amount = \"Nominal\"", "amount = \"tanggal\"", "r.toml:11: profiles.bca-va.columns.paid_on names the header Tanggal that amount already names"),
    ])
    func refusesWithTheLine(_ old: String, _ new: String, _ expected: String) throws {
        let text = Self.bca.replacingOccurrences(of: old, with: new)
        let why = try #require(refusal(text))
        #expect(why.hasPrefix(expected), "\(why)")
    }

    @Test func refusesAProfileWithoutColumns() throws {
        let why = try #require(refusal("[profiles.x]\nchannel = \"QRIS\"\n"))
        #expect(why.hasPrefix("r.toml:1: profiles.x: [profiles.x.columns] must map account_no, ref, paid_on, amount"), "\(why)")
    }
}
