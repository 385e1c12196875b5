import Testing
@testable import TagihCore

/// Which stage an account is due (CONTRACT §10, R13), written as tables from
/// the contract: before the due date, on each threshold, a charge paid in
/// between, a blocked stage going the next day, one message per channel.
@Suite struct ReminderChoiceTests {
    static func day(_ s: String) -> Day { Day(iso: s)! }
    static func t(_ s: String) -> MessageTemplate { try! MessageTemplate(s) }
    static let stages = [
        ReminderStage(name: "pre", days: -3, channel: .whatsapp, templates: [.id: t("a")]),
        ReminderStage(name: "d1", days: 1, channel: .sms, templates: [.id: t("b")]),
        ReminderStage(name: "d7", days: 7, channel: .whatsapp, templates: [.id: t("c")]),
        ReminderStage(name: "d30", days: 30, channel: .whatsapp, templates: [.id: t("d")]),
    ]
    static let due = day("2026-11-10")
    static func charge(_ ref: String = "INV-1", due: Day = due, open: Int64 = 100_000_00) -> ReminderCharge {
        ReminderCharge(ref: ref, due: due, open: Money(minor: open))
    }
    static func choose(_ today: String, _ charges: [ReminderCharge], sent: Set<StageSent> = []) -> [String] {
        ReminderChoice.choose(stages: stages, charges: charges, today: day(today), sent: sent)
            .map { "\($0.stage.channel.rawValue):\($0.stage.name):\($0.charge.ref)" }
    }

    @Test(arguments: [
        ("2026-11-06", [String]()),                         // four days before: nothing yet
        ("2026-11-07", ["whatsapp:pre:INV-1"]),             // three days before
        ("2026-11-10", ["whatsapp:pre:INV-1"]),             // blocked until the due date: still goes while open
        ("2026-11-11", ["sms:d1:INV-1", "whatsapp:pre:INV-1"]),
        ("2026-11-17", ["sms:d1:INV-1", "whatsapp:d7:INV-1"]),   // the most advanced stage per channel
        ("2026-12-10", ["sms:d1:INV-1", "whatsapp:d30:INV-1"]),
    ])
    func aStageIsDueFromItsDayOn(_ today: String, _ expected: [String]) {
        #expect(Self.choose(today, [Self.charge()]) == expected)
    }

    @Test func aSentStageNeverGoesAgainAndItsCoveredStagesCountAsSent() {
        let chosen = ReminderChoice.choose(stages: Self.stages, charges: [Self.charge()], today: Self.day("2026-11-17"), sent: [])
        let whatsapp = chosen.first { $0.stage.channel == .whatsapp }!
        #expect(Set(whatsapp.covers) == [StageSent(stage: "pre", ref: "INV-1"), StageSent(stage: "d7", ref: "INV-1")])
        let sent = Set(chosen.flatMap(\.covers))
        #expect(Self.choose("2026-11-17", [Self.charge()], sent: sent).isEmpty, "the same day again: nothing new")
        #expect(Self.choose("2026-11-30", [Self.charge()], sent: sent).isEmpty)
        #expect(Self.choose("2026-12-10", [Self.charge()], sent: sent) == ["whatsapp:d30:INV-1"])
    }

    @Test func aChargePaidInBetweenGetsNothing() {
        #expect(Self.choose("2026-11-17", [Self.charge(open: 0)]).isEmpty)
        // Two charges: the paid one drops out, the other decides the stage.
        let other = Self.charge("INV-2", due: Self.day("2026-11-15"))
        #expect(Self.choose("2026-11-17", [Self.charge(open: 0), other]) == ["sms:d1:INV-2", "whatsapp:pre:INV-2"])
    }

    @Test func tiesGoToTheOldestCharge() {
        let a = Self.charge("B", due: Self.day("2026-11-01")), b = Self.charge("A", due: Self.day("2026-11-02"))
        #expect(Self.choose("2026-11-12", [b, a]) == ["sms:d1:B", "whatsapp:d7:B"])
    }

    @Test func theTemplateValues() {
        let c = ReminderChoice.choose(stages: Self.stages, charges: [Self.charge()], today: Self.day("2026-11-17"), sent: [])
        let money = MoneyFormatter(currency: .idr, language: .id)
        let late = ReminderChoice.values(c[1], name: "Budi", accountNo: "A1", pastDue: Money(minor: 150_000_00), vaNumber: "88",
                                         today: Self.day("2026-11-17"), money: money)
        #expect(late.all == [.name: "Budi", .account_no: "A1", .amount_due: "Rp150.000", .due_date: "2026-11-10", .days_late: "7", .va_number: "88"])
        let pre = ReminderChoice.choose(stages: Self.stages, charges: [Self.charge()], today: Self.day("2026-11-08"), sent: [])[0]
        let early = ReminderChoice.values(pre, name: "Budi", accountNo: "A1", pastDue: Money(minor: 0), vaNumber: nil,
                                          today: Self.day("2026-11-08"), money: money)
        #expect(early[.amount_due] == "Rp100.000" && early[.days_late] == "0" && early[.va_number] == "")
    }

    @Test func lettersFollowTheOldestOpenCharge() {
        let rules = LetterRules()
        #expect(rules.letter(daysPastDue: 6) == nil)
        #expect(rules.letter(daysPastDue: 7) == .sp1)
        #expect(rules.letter(daysPastDue: 59) == .sp2)
        #expect(rules.letter(daysPastDue: 60) == .sp3)
        let charges = [Self.charge("N", due: Self.day("2026-11-20")), Self.charge("O", due: Self.day("2026-10-01")), Self.charge("P", due: Self.day("2026-09-01"), open: 0)]
        #expect(ReminderChoice.oldestOpen(charges)?.ref == "O")
        let letters = ReminderChoice.choose(stages: ReminderChoice.letterStages(rules), charges: [ReminderChoice.oldestOpen(charges)!],
                                            today: Self.day("2026-11-03"), sent: [])
        #expect(letters.map(\.stage.name) == ["SP2"])
        #expect(Set(letters[0].covers.map(\.stage)) == ["SP1", "SP2"])
    }

    @Test(arguments: [("{name}{name}", [MessageTemplate.Field.name]), ("plain", []), ("{va_number} {days_late}", [.va_number, .days_late])])
    func templatesNameTheirFields(_ text: String, _ fields: [MessageTemplate.Field]) throws {
        #expect(try MessageTemplate(text).fields == fields)
    }

    @Test func badTemplates() {
        #expect(throws: MessageTemplate.Problem.unknownField("nama")) { try MessageTemplate("Halo {nama}") }
        #expect(throws: MessageTemplate.Problem.unbalancedBrace) { try MessageTemplate("Halo {name") }
        #expect(throws: MessageTemplate.Problem.unbalancedBrace) { try MessageTemplate("Halo name}") }
        #expect(throws: MessageTemplate.Problem.empty) { try MessageTemplate("") }
    }
}
