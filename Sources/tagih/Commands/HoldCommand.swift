import ArgumentParser
import Foundation
import TagihCore
import TagihStore

extension HoldKind: ExpressibleByArgument {}

/// `tagih hold ACCOUNT_NO --kind K --reason TEXT [--until DATE]` (CONTRACT §9).
struct HoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hold", abstract: "Put an account on hold (leads and admins; a collector: dispute or hardship on an account they may work).",
        discussion: """
        A hold other than hardship takes the account out of the work queue and blocks every collection contact, \
        promise and plan until it ends or is released (no --override lifts it). A hardship hold keeps contact \
        allowed and moves the account below the others of its bucket.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account number.") var accountNo: String
    @Option(help: "dispute, hardship, cease, deceased, bankrupt or legal.") var kind: HoldKind
    @Option(help: "Why, in words.") var reason: String
    @Option(help: ArgumentHelp("The last day it holds (default: no end set).", valueName: "YYYY-MM-DD")) var until: Day?

    func run() throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session()
        let h = try HoldBook(db).place(accountNo: accountNo, kind: kind, reason: reason, until: until, session: session)
        say("hold \(h.id) \(h.kind.rawValue) since \(h.since.iso)" + (h.until.map { " until \($0.iso)" } ?? ", no end set"))
    }
}

/// `tagih release ACCOUNT_NO --kind K --reason TEXT` (CONTRACT §9).
struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release", abstract: "Release an account's holds of a kind from today (leads and admins).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account number.") var accountNo: String
    @Option(help: "dispute, hardship, cease, deceased, bankrupt or legal.") var kind: HoldKind
    @Option(help: "Why, in words.") var reason: String

    func run() throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session()
        for h in try HoldBook(db).release(accountNo: accountNo, kind: kind, reason: reason, session: session) {
            say("hold \(h.id) \(h.kind.rawValue) since \(h.since.iso) released \(ctx.today.iso)")
        }
    }
}
