import Testing
import TagihCore

/// Every contact refusal and plan error, said for the screen, names no
/// command-line option; in Indonesian it holds none of the English words
/// the command line uses; the command line's English stays as pinned.
@Suite struct RefusalStringsTests {
    static let day = Day(iso: "2026-11-23")!
    static let refusals: [ContactRefusal] = [
        .backdatedTooFar(at: 1_795_000_000, hours: 24), .inTheFuture(at: 1_795_000_000), .promiseNotForOutcome(outcome: "NA"),
        .promiseMissing(outcome: "PTP"), .promiseOutsideHorizon(due: day.adding(days: 40), from: day, to: day.adding(days: 30), days: 30),
        .promiseOutsideHorizon(due: day.adding(days: -1), from: day, to: day.adding(days: 30), days: 30), .promiseNotPositive,
        .promiseAboveBalance(amount: Money(minor: 2_000_000_00), account: "ACC1", balance: Money(minor: 1_000_000_00), on: day, currency: .idr),
        .nextBeforeContactDay(next: day.adding(days: -2), day: day), .overrideWithoutReason,
        .blocked(.notAContactDay(weekday: 7), next: LocalMoment(day: day, minute: 480, zone: "WIB")), .blocked(.dailyLimit(3), next: nil),
    ]
    static let planErrors: [PlanError] = [
        .nothingOwed(.zero), .instalments(400), .discount(10_000), .downPayment(down: Money(minor: 5), total: Money(minor: 4)),
        .instalmentBelowUnit(.zero), .overflow, .beyondCalendar,
    ]
    static let english = ["blocked", "must", "more than", "next allowed", "is before", "promise to pay", "the contact", "needs a reason",
                          "in the future", "ago", "instalments", "discount", "down payment", "owes"]

    @Test func screensNameNoOptionAndIndonesianHasNoEnglish() {
        for language in [Language.en, .id] {
            let s = Strings(language)
            let said = Self.refusals.map { s.contactRefusal($0, options: false) }
                + Self.planErrors.map { s.planError($0, currency: .idr, options: false) }
            for text in said {
                #expect(!text.contains("--"), "\(text)")
                if language == .id {
                    for word in Self.english where text.lowercased().contains(word) { Issue.record("English \"\(word)\" in: \(text)") }
                }
            }
        }
    }

    @Test func theCommandLineKeepsItsEnglishAndNamesItsOptions() {
        let en = Strings(.en)
        #expect(en.contactRefusal(Self.refusals[4], options: true)
                == "--promise-date 2027-01-02 must fall from the contact's day 2026-11-23 to 2026-12-23 (30 days)")
        #expect(en.contactRefusal(Self.refusals[10], options: true) == "blocked: Sunday is not a contact day; next allowed 2026-11-23 08:00 WIB")
        #expect(en.contactRefusal(.blocked(.dailyLimit(3), next: nil), options: true)
                == "blocked: 3 contact attempts already today, the daily limit; not allowed within a year")
        #expect(Strings(.id).contactRefusal(Self.refusals[6], options: true) == "--promise harus lebih dari nol")
        #expect(en.planError(.instalments(400), currency: .idr, options: true) == "--instalments 400: a plan has 1 to 360 instalments")
        #expect(en.planError(.instalments(400), currency: .idr, options: false) == "Instalments 400: a plan has 1 to 360 instalments")
        #expect(Strings(.id).planError(.instalments(400), currency: .idr, options: false) == "Jumlah angsuran 400: rencana berisi 1 sampai 360 angsuran")
    }

    @Test func onlyABlockIsOverridable() {
        #expect(Self.refusals.filter(\.overridable).count == 2)
        #expect(!ContactRefusal.promiseNotPositive.overridable)
    }
}
