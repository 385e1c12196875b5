import Foundation
import Testing
import TagihCore
@testable import TagihConfig

/// The import's field limits are rules (issue 15 item 4, R7):
/// `import.max_text_bytes` and `import.max_code_bytes`.
@Suite struct ImportLimitRulesTests {
    func refusal(_ text: String) -> String? {
        do { _ = try ConfigLoader.parseRules(text, path: "r.toml", strict: true); return nil } catch { return error.description }
    }

    /// `rules show` prints both keys with their comments; the text reads back.
    @Test func theLimitsAreShownWithCommentsAndReadBack() throws {
        let shown = RulesText.render(Rules())
        #expect(shown.contains("""
            [import]
            reject_threshold_percent = 10
            # The longest field a row may hold, in bytes; a longer one rejects the row.
            # Text: names, addresses, descriptions, reasons, email, columns Tagih ignores.
            max_text_bytes = 4096
            # Codes: account_no, refs, dates, amounts, phone, channel, kind, timezone, segment, collector.
            max_code_bytes = 64

            """))
        var r = Rules()
        r.importLimits = ImportLimits(textBytes: 10_000, codeBytes: 128)
        let back = try ConfigLoader.parseRules(RulesText.render(r), path: "r.toml", strict: true).rules
        #expect(back.importLimits == r.importLimits)
        #expect(try ConfigLoader.parseRules("[import]\nmax_code_bytes = 32\n", path: "r.toml", strict: true).rules.importLimits
                == ImportLimits(textBytes: 4096, codeBytes: 32))
    }

    /// `rules load` takes positive whole numbers up to 1 MiB, nothing else.
    @Test func rulesLoadValidatesTheLimits() {
        let range = "must be a whole number from 1 to 1048576"
        #expect(refusal("[import]\nmax_text_bytes = 0\n") == "r.toml:2: setting import.max_text_bytes \(range)")
        #expect(refusal("[import]\nmax_code_bytes = -5\n") == "r.toml:2: setting import.max_code_bytes \(range)")
        #expect(refusal("[import]\nmax_text_bytes = 1048577\n") == "r.toml:2: setting import.max_text_bytes \(range)")
        #expect(refusal("[import]\nmax_text_bytes = \"4k\"\n") == "r.toml:2: setting import.max_text_bytes \(range)")
        #expect(refusal("[import]\nmax_text_bytes = 1048576\nmax_code_bytes = 1\n") == nil)
    }
}
