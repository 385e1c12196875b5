import Foundation
import Testing
import TagihCore

/// Every golden Indonesian screen is read for English that only the
/// English strings hold (issue 16: an Indonesian collector read
/// `--promise-date … must fall from …` and `a discount of 15% is above the
/// limit of 0%`). A screen that shows a refusal has its Indonesian golden
/// here too, so the scan covers the refusals.
@Suite struct IndonesianGoldenTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Words and pieces of sentences found only in English strings and in
    /// the store's English refusals (never in an Indonesian label).
    static let englishOnly = [
        "blocked", "must", "above the limit", "discount of", "--promise", "--next", "--override", "--instalments", "--discount", "--first",
        "next allowed", "is more than", "more than", "daily limit", "not a contact day", "debtor's time", "the contact's",
        "promised by", "is before", "needs a reason", "override reason", "instalments", "in words", "is outside", "balance",
        "approve", "decline", "waits for", "beyond", "only a lead",
        "holds a control character", "text fields", "--note", "unknown account", "no longer", "home folder",
        // issue 17: holds and cases on the workstation
        "no end set", "held accounts", "was due", "in force", "a reason is required", "on hold",
        "to locate only", "no consent", "emergency contact", "only to locate", "do-not-call", "disconnected", "the phones",
        "awaiting approval", "resolution", "extend case", "open a case", "overdue", "is resolved",
        "credited", "in time", "median d", "opened from",
    ]

    static func indonesianGoldens() throws -> [(String, String)] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix("-id.txt") }.sorted().map {
            ($0, try String(contentsOf: dir.appendingPathComponent($0), encoding: .utf8))
        }
    }

    @Test func noIndonesianScreenHoldsEnglishOnlyWords() throws {
        let goldens = try Self.indonesianGoldens()
        #expect(goldens.count >= 15, "the goldens were found")
        for (name, text) in goldens {
            let lower = text.lowercased()
            for word in Self.englishOnly where lower.contains(word) {
                Issue.record("\(name) shows English: \(word)")
            }
        }
    }

    @Test func theRefusalsHaveIndonesianGoldens() throws {
        let names = Set(try Self.indonesianGoldens().map(\.0))
        for name in ["form-blocked-id.txt", "form-override-id.txt", "form-promise-horizon-id.txt", "approve-confirm-id.txt", "plan-form-after-id.txt",
                     "form-note-control-id.txt", "account-gone-id.txt"] {
            #expect(names.contains(name), "\(name) is missing")
        }
    }

    /// The scan can fail: the English refusals it guards against hold its words.
    @Test func theListCatchesTheEnglishRefusals() {
        let en = Strings(.en)
        let samples = [
            ContactRefusal.promiseOutsideHorizon(due: Day(iso: "2027-01-10")!, from: Day(iso: "2026-11-23")!, to: Day(iso: "2026-12-23")!, days: 30)
                .commandLineText,
            en.contactRefusal(.blocked(.dailyLimit(3), next: nil), options: false),
            PlanExcess.discount(1500, limit: 0).text,
            en.contactRefusal(.overrideWithoutReason, options: false),
            en.recordProblem(.controlCharacter(field: "--note", code: "U+0085"), options: false),
            en.recordProblem(.unknownAccount("A9"), options: false),
            en.recordProblem(.accountGone(7), options: false),
        ]
        for s in samples { #expect(Self.englishOnly.contains { s.lowercased().contains($0) }, "\(s)") }
    }
}
