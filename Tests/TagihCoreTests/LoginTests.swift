import Testing
import TagihCore

/// Logins as they enter Tagih (contract §1a, issue 14).
@Suite struct LoginTests {
    @Test func plainLoginsPass() {
        for login in ["kol01", "a", "Budi.Santoso", "team_lead-2", String(repeating: "x", count: 32), "_svc"] {
            #expect(Login.validate(login) == nil, "\(login)")
            #expect(User.isValidLogin(login))
        }
    }

    @Test func eachProblemIsTyped() {
        #expect(Login.validate("") == .empty)
        #expect(Login.validate(String(repeating: "x", count: 33)) == .tooLong(33))
        #expect(Login.validate("../../login/pwned") == .character("/", position: 3))
        #expect(Login.validate("ab\u{1B}[2J") == .character("\u{1B}", position: 3))
        #expect(Login.validate("line\nbreak") == .character("\n", position: 5))
        #expect(Login.validate("budi santoso") == .character(" ", position: 5))
        #expect(Login.validate("bü") == .character("ü", position: 2))
        #expect(Login.validate("-rf") == .badStart)
        #expect(Login.validate(".hidden") == .badStart)
        #expect(Login.validate("..") == .badStart)
    }

    @Test func theSentenceNamesTheCharacterAndNeverCarriesAControlCharacter() {
        let en = Strings(.en).loginProblem("ab\u{1B}[2J", .character("\u{1B}", position: 3))
        #expect(en == "login \"ab?[2J\" is not valid: character 3 (U+001B) is not allowed; use 1 to 32 letters, digits, '.', '_' or '-', not starting with '.' or '-'")
        #expect(!en.unicodeScalars.contains { $0.value < 0x20 })
        let id = Strings(.id).loginProblem("a/b", .character("/", position: 2))
        #expect(id == "login \"a/b\" tidak sah: karakter ke-2 ('/') tidak diizinkan; gunakan 1 sampai 32 huruf, angka, '.', '_' atau '-', tidak diawali '.' atau '-'")
        #expect(Strings(.en).loginProblem(String(repeating: "x", count: 40), .tooLong(40)).contains("it has 40 characters"))
    }

    @Test func batchIsARoleThatRanksBelowPeople() {
        #expect(Role(rawValue: "batch") == .batch)
        #expect(Role.batch < .collector && Role.collector < .lead && Role.lead < .admin)
        // Batch proposes no discount on its own authority.
        let auth = PlanAuthority.of(User(login: "cron", name: "Cron", role: .batch), longest: [:])
        #expect(auth.discountLimitBasisPoints == 0)
    }
}
