import Testing
@testable import TagihCore

/// Every cell of CONTRACT §1a's table (and R3, R4), allowed and refused.
@Suite struct AuthorityTests {
    static let kol = User(login: "kol01", name: "Rudi", role: .collector, team: "T1")
    static let kol2 = User(login: "kol02", name: "Sri", role: .collector, team: "T1")
    static let kolT2 = User(login: "kol09", name: "Ani", role: .collector, team: "T2")
    static let lead = User(login: "lead01", name: "Hendra", role: .lead, team: "T1")
    static let leadT2 = User(login: "lead02", name: "Theresia", role: .lead, team: "T2")
    static let admin = User(login: "adm", name: "Admin", role: .admin)
    static let batch = User(login: "tagih", name: "Nightly", role: .batch)

    static let mine = AccountOwner(accountNo: "A1", collector: "kol01", team: "T1")
    static let colleague = AccountOwner(accountNo: "A2", collector: "kol02", team: "T1")
    static let otherTeam = AccountOwner(accountNo: "A9", collector: "kol09", team: "T2")
    static let unassigned = AccountOwner(accountNo: "A0", collector: nil, team: nil)

    func allowed(_ u: User, _ p: Permission) -> Bool { Authority.refusal(u, p) == nil }

    @Test func roleOnlyActions() {
        let table: [(Permission, Set<Role>)] = [
            (.logContact, [.collector, .lead, .admin]),
            (.overridePolicy, [.lead, .admin]),
            (.recordMessages, [.admin, .batch]),
            (.importFiles, [.admin, .batch]),
            (.runNightly, [.admin, .batch]),
            (.check, [.admin, .batch]),
            (.channels, [.admin, .batch]),
            (.serve, [.admin, .batch]),
            (.manageUsers, [.admin]),
            (.manageRules, [.admin]),
            (.readAudit, [.admin]),
            (.reconcile, [.lead, .admin]),
            (.readReports, [.collector, .lead, .admin, .batch]),
        ]
        for (p, roles) in table {
            for u in [Self.kol, Self.lead, Self.admin, Self.batch] {
                #expect(allowed(u, p) == roles.contains(u.role), "\(u.role) \(p)")
            }
        }
        #expect(Authority.refusal(Self.kol, .importFiles) == .role(.collector, .importFiles))
    }

    @Test func proposingAPlan() {
        #expect(allowed(Self.kol, .proposePlan(Self.mine)))
        #expect(allowed(Self.kol, .proposePlan(Self.unassigned)))
        #expect(Authority.refusal(Self.kol, .proposePlan(Self.colleague)) == .notTheirAccount("A2", collector: "kol02"))
        #expect(allowed(Self.lead, .proposePlan(Self.colleague)) && allowed(Self.lead, .proposePlan(Self.unassigned)))
        #expect(Authority.refusal(Self.lead, .proposePlan(Self.otherTeam)) == .notTheTeam("A9", team: "T2"))
        #expect(allowed(Self.admin, .proposePlan(Self.otherTeam)))
        #expect(Authority.refusal(Self.batch, .proposePlan(Self.mine)) == .role(.batch, .proposePlan))
    }

    func decide(_ k: PlanDecisionKind, _ a: AccountOwner, by proposer: String, team: String? = "T1", within: Bool = true) -> Permission {
        .decidePlan(k, account: a, proposer: proposer, proposerTeam: team, withinAuthority: within)
    }

    @Test func decidingAPlan() {
        for k in [PlanDecisionKind.approve, .decline, .cancel] {
            #expect(Authority.refusal(Self.kol, decide(k, Self.mine, by: "kol02")) == .role(.collector, decide(k, Self.mine, by: "kol02").name))
            #expect(allowed(Self.lead, decide(k, Self.mine, by: "kol01")), "a lead decides the team's plans")
            #expect(Authority.refusal(Self.lead, decide(k, Self.otherTeam, by: "kol09", team: "T2")) == .notTheTeam("A9", team: "T2"))
            #expect(Authority.refusal(Self.lead, decide(k, Self.mine, by: "lead01")) == .ownProposal, "never one's own proposal")
            #expect(allowed(Self.admin, decide(k, Self.otherTeam, by: "kol09", team: "T2")))
            #expect(Authority.refusal(Self.admin, decide(k, Self.mine, by: "adm")) == .ownProposal)
            #expect(Authority.refusal(Self.batch, decide(k, Self.mine, by: "kol01")) != nil)
        }
        // Approving needs the lead's own authority; declining and cancelling do not (R3).
        #expect(Authority.refusal(Self.lead, decide(.approve, Self.mine, by: "kol01", within: false)) == .beyondAuthority)
        #expect(allowed(Self.lead, decide(.decline, Self.mine, by: "kol01", within: false)))
        #expect(allowed(Self.admin, decide(.approve, Self.mine, by: "kol01", within: false)))
        // An unassigned account's plan belongs to the proposer's team.
        #expect(allowed(Self.lead, decide(.approve, Self.unassigned, by: "kol01", team: "T1")))
        #expect(Authority.refusal(Self.leadT2, decide(.approve, Self.unassigned, by: "kol01", team: "T1")) == .notTheTeam("A0", team: "T1"))
    }

    @Test func assigningAccounts() {
        #expect(allowed(Self.lead, .assign(Self.colleague, to: Self.kol)) && allowed(Self.lead, .assign(Self.unassigned, to: Self.kol2)))
        #expect(allowed(Self.lead, .assign(Self.mine, to: nil)), "a lead may unassign within the team")
        #expect(Authority.refusal(Self.lead, .assign(Self.otherTeam, to: Self.kol)) == .notTheTeam("A9", team: "T2"))
        #expect(Authority.refusal(Self.lead, .assign(Self.mine, to: Self.kolT2)) == .assigneeNotInTeam("kol09"))
        #expect(allowed(Self.admin, .assign(Self.otherTeam, to: Self.kol)))
        #expect(Authority.refusal(Self.admin, .assign(Self.mine, to: Self.batch)) == .assigneeRole("tagih", .batch))
        #expect(Authority.refusal(Self.kol, .assign(Self.mine, to: Self.kol2)) == .role(.collector, .assign))
    }

    @Test func userLists() {
        let all = [Self.kol, Self.kol2, Self.kolT2, Self.lead, Self.leadT2, Self.admin, Self.batch]
        #expect(all.filter { Authority.lists($0, for: Self.kol) }.map(\.login) == ["kol01"])
        #expect(all.filter { Authority.lists($0, for: Self.lead) }.map(\.login) == ["kol01", "kol02", "lead01"])
        #expect(all.filter { Authority.lists($0, for: Self.admin) }.count == all.count)
    }

    @Test func reportScopes() {
        #expect(Authority.scope(Self.kol) == .own("kol01") && Authority.scope(Self.kol, book: true) == .own("kol01"))
        #expect(Authority.scope(Self.lead) == .team("T1") && Authority.scope(Self.lead, book: true) == .book)
        #expect(Authority.scope(Self.admin) == .book && Authority.scope(Self.batch) == .book)
    }

    @Test func refusalsNameTheRoleAndTheRuleInBothLanguages() {
        let en = Strings(.en), id = Strings(.id)
        #expect(en.refusal(.role(.collector, .importFiles), actor: Self.kol) == "only an admin or the batch login may import files; kol01 is a collector")
        #expect(id.refusal(.role(.collector, .importFiles), actor: Self.kol) == "hanya admin atau login batch yang boleh mengimpor berkas; kol01 adalah kolektor")
        #expect(en.refusal(.ownProposal, actor: Self.lead) == "nobody decides a plan they proposed themselves (lead01)")
        #expect(en.refusal(.beyondAuthority, actor: Self.lead) == "the plan is beyond lead01's own authority: it waits for an admin")
        #expect(en.refusal(.notTheTeam("A9", team: "T2"), actor: Self.lead) == "lead01 leads team T1; account A9 belongs to team T2")
    }
}
