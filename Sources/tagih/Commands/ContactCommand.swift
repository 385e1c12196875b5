import ArgumentParser
import Foundation
import TagihCore
import TagihStore

/// `tagih can-contact`: may this debtor be contacted now?
struct CanContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "can-contact",
        abstract: "May this debtor be contacted now? Exit 0 allowed, 1 blocked.",
        discussion: "Checks the contact policy ([contact] preset ojk or regf) in the debtor's local time: days, hours, holidays and attempt limits.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The account number.") var accountNo: String
    @Option(help: ArgumentHelp("The moment (default now).", valueName: "YYYY-MM-DDTHH:MM[+HH:MM]")) var at: DateTimeArgument?
    @Option(help: "phone, sms, whatsapp, email, letter or visit.") var channel: Channel = .phone
    @Option(help: ArgumentHelp("The number to call (default the debtor's first usable one).", valueName: "number")) var to: String?

    func run() throws {
        let ctx = try CommandContext(global)
        if let to, !channel.usesNumber {
            throw CommandError.usage("--to \(to) names a phone number; the \(channel.rawValue) channel uses none")
        }
        let (db, _) = try ctx.session(access: .read)
        let (instant, day) = ctx.contactInstant(at)
        // A marked number or a party rule (CONTRACT §9) refuses before any hour is judged.
        if let refusal = try ContactLog(db).partyRefusal(accountNo, channel: channel, to: to, on: day) {
            say(StoreError(refusal).text(ctx.strings))
            throw ExitCode(1)
        }
        let (target, verdict) = try ContactLog(db).verdict(accountNo, channel: channel, at: instant)
        let context = "debtor's time \(target.clock.describe(instant)) (\(target.clock.zone)); \(channel.rawValue); policy \(ctx.settings.contactRules.preset)"
        switch verdict {
        case .allowed:
            say("allowed")
            say(context)
        case .blocked(let reason, let next):
            say(ContactLog.blockedLine(reason, next: next, clock: target.clock))
            say(context)
            throw ExitCode(1)
        }
    }
}

struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Contacts with debtors.", subcommands: [Log.self])

    /// `tagih contact log`: records a contact attempt as the invoking user.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a contact attempt (for scripts and dialers).",
            discussion: """
            The contact policy is checked in the debtor's local time; a blocked contact is refused (exit 1) unless a \
            lead or admin gives --override REASON, which goes into the audit trail. A promise outcome (PTP) needs \
            --promise and --promise-date, from the contact's day up to promises.horizon_days after it, for at most the \
            account's balance; a new promise replaces the account's promises still open. --inbound records a call \
            the debtor made: not an attempt, so neither the hours nor the limits apply.
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The account number.") var accountNo: String
        @Option(help: "phone, sms, whatsapp, email, letter or visit.") var channel: Channel
        @Option(help: "An outcome code of the config (NA, BUSY, VM, WN, TP, RPC, CB, DSP, RTP, PTP by default).") var outcome: String
        @Option(help: "Why the debtor is late: financial, admin, dispute or other.") var reason: DelayReason?
        @Option(help: "A note in words.") var note: String?
        @Option(help: ArgumentHelp("The amount promised.", valueName: "amount")) var promise: String?
        @Option(name: .customLong("promise-date"), help: ArgumentHelp("The day the promised amount is due.", valueName: "YYYY-MM-DD"))
        var promiseDate: Day?
        @Option(help: ArgumentHelp("The next action's day, or day and time for a call back.", valueName: "YYYY-MM-DD[THH:MM]"))
        var next: NextAction?
        @Option(help: ArgumentHelp("When it happened (default now).", valueName: "YYYY-MM-DDTHH:MM[+HH:MM]")) var at: DateTimeArgument?
        @Option(help: ArgumentHelp("Why a blocked contact goes ahead (leads and admins).", valueName: "reason")) var override: String?
        @Flag(help: "The debtor called: allowed at any hour, counted in activity, not an attempt.") var inbound = false
        @Option(help: ArgumentHelp("The number called or written to (phone, sms, whatsapp; default the debtor's first usable one).",
                                   valueName: "number")) var to: String?

        func run() throws {
            let ctx = try CommandContext(global)
            if inbound, override != nil {
                throw CommandError.usage("--override is for a blocked attempt; an inbound call is never blocked")
            }
            if let to, !channel.usesNumber {
                throw CommandError.usage("--to \(to) names a phone number; the \(channel.rawValue) channel uses none")
            }
            guard let code = ctx.settings.outcomes[outcome.uppercased()] else {
                throw CommandError.usage("--outcome \(outcome) is not an outcome code (known: \(ctx.settings.outcomes.codes.map(\.code).joined(separator: ", ")))")
            }
            var promised: (amount: Money, due: Day)?
            switch (promise, promiseDate) {
            case (nil, nil): promised = nil
            case (let text?, let due?):
                do {
                    promised = (try Money.parse(text, currency: ctx.settings.currency), due)
                } catch .overflow {
                    // A well-formed amount beyond what Tagih holds is refused, not misread (§1, R9).
                    throw CommandError.failed("--promise \(text) is beyond the largest amount Tagih can hold exactly")
                } catch {
                    throw CommandError.usage("--promise \(text) is not an amount (digits with at most \(ctx.settings.currency.minorDigits) decimals)")
                }
            case (nil, _?): throw CommandError.failed("--promise-date needs --promise AMOUNT")
            case (_?, nil): throw CommandError.failed("--promise needs --promise-date DATE")
            }
            let (db, session) = try ctx.session()
            let (instant, day) = ctx.contactInstant(at)
            let nextAt = next?.time.map { $0.instant(in: ctx.operatorClock) }
            let nextDay = nextAt.map { ctx.operatorClock.local($0).day } ?? next?.day
            let logged = try ContactLog(db).log(ContactRequest(accountNo: accountNo, channel: channel, outcome: code, reason: reason,
                                                               note: note, promise: promised, nextAction: nextDay, nextActionAt: nextAt,
                                                               at: instant, day: day, override: override, inbound: inbound, to: to),
                                             session: session)
            var line = "contact \(logged.id) logged: \(accountNo) \(channel.rawValue) \(code.code) at \(logged.debtorTime) (debtor's time)"
            if let n = logged.number { line += " to \(n)" }
            if let p = promised { line += ", promise \(ctx.money.format(p.amount)) due \(p.due.iso)" }
            if let n = nextDay { line += ", next action \(n.iso)" + (nextAt.map { " " + BlockReason.clock(ctx.operatorClock.local($0).minute) } ?? "") }
            say(line)
            if let reason = logged.overridden { say("override recorded: \(reason.text)") }
        }
    }
}
