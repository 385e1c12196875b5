/// The party rules of CONTRACT §9, pure: which number may be used for which
/// contact. POJK 22/2023 forbids collecting from anyone but the debtor, so
/// an emergency or workplace number serves only to locate the debtor, and an
/// emergency contact is called only with their consent. These refusals are
/// never lifted by `--override` (R5): an override lifts hours, days and
/// limits, not a marked number or the emergency-party rule.
public enum PartyRules {
    /// The outcomes of a call that only tries to find the debtor: no answer,
    /// busy, a message left, a wrong number, a third party reached.
    public static let locatingOutcomes: Set<String> = ["NA", "BUSY", "VM", "WN", "TP"]

    /// The parties that may be contacted only to locate the debtor.
    public static func onlyToLocate(_ party: PhoneParty) -> Bool { party == .emergency || party == .workplace }

    /// Why a contact through `phone` with outcome `outcome` on `day` is
    /// refused, or nil. `inbound`: the call came from that number (R5):
    /// nobody was disturbed, so neither a mark nor a missing consent refuses
    /// it, but a third party is still never collected from.
    public static func refusal(_ phone: Phone, outcome: String, on day: Day, inbound: Bool = false) -> ContactRefusal? {
        if !inbound, let mark = phone.mark(on: day), mark.status.refusesContact {
            return .numberMarked(number: phone.number, status: mark.status, since: mark.day)
        }
        if !inbound, phone.party == .emergency, !phone.hasConsent {
            return .emergencyWithoutConsent(number: phone.number)
        }
        if onlyToLocate(phone.party), !locatingOutcomes.contains(outcome.uppercased()) {
            return .partyOnlyToLocate(number: phone.number, party: phone.party, outcome: outcome)
        }
        return nil
    }
}
