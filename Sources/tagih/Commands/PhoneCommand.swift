import ArgumentParser
import TagihCore
import TagihStore

extension PhoneParty: ExpressibleByArgument {}
extension PhoneStatus: ExpressibleByArgument {}

/// `tagih phone add|mark|list`: an account's phones, their parties and
/// statuses (CONTRACT §9). R3: anyone who may read the account.
struct PhoneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phone", abstract: "An account's phones: who answers them and whether they may be called.",
        subcommands: [Add.self, Mark.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a number to an account.",
            discussion: """
            An emergency or workplace number serves only to locate the debtor (outcomes NA, BUSY, VM, WN, TP); an \
            emergency number is called only with a recorded --consent. The accounts file's phone column is the \
            debtor's: adding one of its numbers again records its consent.
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account number.") var accountNo: String
        @Argument(help: "The phone number (0812…, +62 812…).") var number: String
        @Option(help: "debtor, emergency, workplace or other.") var party: PhoneParty
        @Option(help: ArgumentHelp("How and when the contact agreed to be called.", valueName: "text")) var consent: String?

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session()
            let r = try PhoneBook(db).add(accountNo: accountNo, number: number, party: party, consent: consent, session: session)
            switch r.change {
            case .added: say("phone \(r.phone.number) added to \(r.accountNo) (\(r.phone.party.rawValue))")
            case .consentRecorded: say("phone \(r.phone.number) of \(r.accountNo): consent recorded")
            case .unchanged: say("phone \(r.phone.number) is already on \(r.accountNo) (\(r.phone.party.rawValue)); nothing changed")
            }
        }
    }

    struct Mark: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a number ok, wrong, disconnected or do-not-call, from today on.",
            discussion: "The mark holds on every account that has the number; any status but ok refuses contact through it.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The phone number.") var number: String
        @Option(help: "ok, wrong, disconnected or do-not-call.") var status: PhoneStatus

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session()
            let r = try PhoneBook(db).mark(number: number, status: status, session: session)
            say("phone \(r.number) marked \(r.status.rawValue) from \(session.today.iso): \(r.accounts.joined(separator: ", "))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "An account's phones with their party, status and consent.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account number.") var accountNo: String
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, _) = try ctx.session(access: .read)
            let phones = try PhoneBook(db).phones(accountNo)
            try emit(PhonesRenderer(phones: phones, asOf: ctx.today, strings: ctx.strings), as: format, to: nil)
        }
    }
}
