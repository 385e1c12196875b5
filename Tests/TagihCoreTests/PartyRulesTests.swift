import Testing
import TagihCore

/// The party rules of CONTRACT §9: a marked number refuses contact; an
/// emergency number needs a recorded consent; an emergency or workplace
/// number serves only to locate the debtor (NA, BUSY, VM, WN, TP).
@Suite struct PartyRulesTests {
    static let day = Day(iso: "2026-11-23")!
    static let outcomes = OutcomeTable.standard.codes.map(\.code) + ["SENT"]

    static func phone(_ party: PhoneParty, consent: String?, status: PhoneStatus) -> Phone {
        Phone(id: 1, number: "0812-3456-7890", party: party, consent: consent,
              marks: status == .ok ? [] : [PhoneMark(day: day.adding(days: -3), status: status, by: "col01")])
    }

    /// Every party × outcome × consent × status, against the contract's
    /// words: the mark first (nobody may be called on it), then the consent,
    /// then what a third party may be asked.
    @Test(arguments: PhoneParty.allCases, PhoneStatus.allCases)
    func everyCombination(party: PhoneParty, status: PhoneStatus) {
        for consent in [nil, "", "  ", "agreed by phone 2026-11-01"] as [String?] {
            for outcome in Self.outcomes {
                let p = Self.phone(party, consent: consent, status: status)
                let got = PartyRules.refusal(p, outcome: outcome, on: Self.day)
                let hasConsent = consent.map { !$0.allSatisfy { $0 == " " } } ?? false
                let locating = ["NA", "BUSY", "VM", "WN", "TP"].contains(outcome)
                let want: ContactRefusal?
                if status != .ok {
                    want = .numberMarked(number: "0812-3456-7890", status: status, since: Self.day.adding(days: -3))
                } else if party == .emergency && !hasConsent {
                    want = .emergencyWithoutConsent(number: "0812-3456-7890")
                } else if (party == .emergency || party == .workplace) && !locating {
                    want = .partyOnlyToLocate(number: "0812-3456-7890", party: party, outcome: outcome)
                } else {
                    want = nil
                }
                #expect(got == want, "\(party) \(status) consent=\(consent ?? "nil") \(outcome)")
            }
        }
    }

    /// Pinned rows, so the table above cannot drift with the code.
    @Test func pinnedRows() {
        let ok = Self.phone(.debtor, consent: nil, status: .ok)
        #expect(PartyRules.refusal(ok, outcome: "PTP", on: Self.day) == nil)
        #expect(PartyRules.refusal(Self.phone(.other, consent: nil, status: .ok), outcome: "RPC", on: Self.day) == nil)
        #expect(PartyRules.refusal(Self.phone(.workplace, consent: nil, status: .ok), outcome: "TP", on: Self.day) == nil)
        #expect(PartyRules.refusal(Self.phone(.workplace, consent: nil, status: .ok), outcome: "PTP", on: Self.day)
                == .partyOnlyToLocate(number: "0812-3456-7890", party: .workplace, outcome: "PTP"))
        #expect(PartyRules.refusal(Self.phone(.emergency, consent: "ok by SMS", status: .ok), outcome: "na", on: Self.day) == nil,
                "codes are matched as the table writes them, whatever the case")
        #expect(PartyRules.refusal(Self.phone(.emergency, consent: nil, status: .ok), outcome: "NA", on: Self.day)
                == .emergencyWithoutConsent(number: "0812-3456-7890"))
        #expect(PartyRules.refusal(Self.phone(.debtor, consent: nil, status: .doNotCall), outcome: "NA", on: Self.day)
                == .numberMarked(number: "0812-3456-7890", status: .doNotCall, since: Self.day.adding(days: -3)))
    }

    /// A call the debtor made from a number (R5) disturbs nobody: a mark or
    /// a missing consent does not refuse it; a third party is still never
    /// collected from.
    @Test func inboundCalls() {
        let marked = Self.phone(.debtor, consent: nil, status: .wrong)
        #expect(PartyRules.refusal(marked, outcome: "PTP", on: Self.day, inbound: true) == nil)
        let emergency = Self.phone(.emergency, consent: nil, status: .doNotCall)
        #expect(PartyRules.refusal(emergency, outcome: "TP", on: Self.day, inbound: true) == nil)
        #expect(PartyRules.refusal(emergency, outcome: "PTP", on: Self.day, inbound: true)
                == .partyOnlyToLocate(number: "0812-3456-7890", party: .emergency, outcome: "PTP"))
    }

    /// A status is dated: what holds on a day is the last mark made on or
    /// before it; on one day the last one recorded wins.
    @Test func statusOnADay() {
        let d = Self.day
        let p = Phone(number: "0812", party: .debtor, marks: [
            PhoneMark(day: d, status: .wrong, by: "a"), PhoneMark(day: d.adding(days: 5), status: .disconnected, by: "b"),
            PhoneMark(day: d.adding(days: 5), status: .ok, by: "c"), PhoneMark(day: d.adding(days: 9), status: .doNotCall, by: "d"),
        ])
        let expected: [(Int, PhoneStatus)] = [(-1, .ok), (0, .wrong), (4, .wrong), (5, .ok), (8, .ok), (9, .doNotCall), (400, .doNotCall)]
        for (offset, status) in expected { #expect(p.status(on: d.adding(days: offset)) == status, "day +\(offset)") }
        #expect(PartyRules.refusal(p, outcome: "NA", on: d.adding(days: -1)) == nil, "a contact before the mark was allowed")
        #expect(PartyRules.refusal(p, outcome: "NA", on: d.adding(days: 6)) == nil, "marked ok again")
        #expect(PartyRules.refusal(p, outcome: "NA", on: d.adding(days: 2)) == .numberMarked(number: "0812", status: .wrong, since: d))
    }

    /// The debtor's first usable number on a day, and finding a number by its key.
    @Test func choosingTheNumber() {
        let d = Self.day
        let phones = [
            Phone(number: "0811-111", party: .emergency, consent: "yes"),
            Phone(number: "0812-222", party: .debtor, marks: [PhoneMark(day: d, status: .wrong, by: "a")]),
            Phone(number: "+62 813 333", party: .debtor),
        ]
        #expect(phones.firstUsableDebtor(on: d.adding(days: -1))?.number == "0812-222")
        #expect(phones.firstUsableDebtor(on: d)?.number == "+62 813 333")
        #expect(phones.find("0813333")?.number == "+62 813 333")
        #expect(phones.find("62811111")?.party == .emergency)
        #expect(phones.find("0899") == nil && phones.find("--") == nil)
    }

    /// The policy's one call: no phone (a letter, a visit) is never refused by a party rule.
    @Test func thePolicyAsksThePartyRules() {
        let policy = ContactPolicy(rules: .ojk)
        let ptp = OutcomeTable.standard["PTP"]!
        #expect(policy.partyRefusal(nil, outcome: ptp, on: Self.day, inbound: false) == nil)
        #expect(policy.partyRefusal(Self.phone(.workplace, consent: nil, status: .ok), outcome: ptp, on: Self.day, inbound: false)
                == .partyOnlyToLocate(number: "0812-3456-7890", party: .workplace, outcome: "PTP"))
    }

    /// The refusals in both languages: the screen names no option, the
    /// Indonesian holds no English, none is overridable (R5).
    @Test func refusalsSaidInBothLanguages() {
        let refusals: [ContactRefusal] = [
            .numberMarked(number: "0812", status: .doNotCall, since: Self.day),
            .partyOnlyToLocate(number: "0812", party: .emergency, outcome: "PTP"),
            .emergencyWithoutConsent(number: "0812"), .unknownNumber(number: "0899", account: "A1"), .noUsableDebtorNumber(account: "A1"),
            .notAPhoneNumber("12"), .numberHasParty(number: "0812", account: "A1", party: .emergency), .numberOnNoAccount("0899"),
        ]
        for r in refusals {
            #expect(!r.overridable)
            #expect(!Strings(.en).contactRefusal(r, options: false).contains("--"))
            #expect(!Strings(.id).contactRefusal(r, options: false).contains("--"))
            for word in ["number", "marked", "consent", "refused", "debtor's", "account"] {
                #expect(!Strings(.id).contactRefusal(r, options: false).contains(word), "\(word): \(Strings(.id).contactRefusal(r, options: false))")
            }
        }
        #expect(refusals[0].commandLineText == "number 0812 is marked do-not-call since 2026-11-23: it may not be contacted")
        #expect(Strings(.id).contactRefusal(refusals[0], options: true) == "nomor 0812 ditandai jangan dihubungi sejak 2026-11-23: tidak boleh dihubungi")
        #expect(refusals[1].commandLineText
                == "number 0812 is an emergency contact's: only to locate the debtor, never to collect; outcome PTP is refused (allowed: BUSY, NA, TP, VM, WN)")
        #expect(refusals[3].commandLineText == "--to 0899 is not a number of account A1 (tagih phone list A1)")
        #expect(refusals[6].commandLineText == "0812 is already on account A1 as an emergency number; a number keeps its party")
        #expect(Strings(.id).contactRefusal(refusals[6], options: true) == "0812 sudah tercatat di akun A1 sebagai nomor darurat; pihak sebuah nomor tidak berubah")
        #expect(Strings(.en).contactRefusal(.numberMarked(number: "08\u{1B}12", status: .wrong, since: Self.day), options: true)
                == "number 08\u{FFFD}12 is marked wrong since 2026-11-23: it may not be contacted", "stored text reaches a terminal made safe")
    }
}
