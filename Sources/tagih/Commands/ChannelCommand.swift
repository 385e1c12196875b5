import ArgumentParser
import Foundation
import TagihCore
import TagihStore

/// `tagih channel add|rotate|list` (CONTRACT §11, R3: admins and the batch
/// login; R17, R23): the payment channels `tagih serve` accepts and their
/// secrets. A secret goes to standard output alone, once, so a script can
/// take it (`SECRET=$(tagih channel add VA)`); the words go to standard error.
struct ChannelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "channel", abstract: "Manage the payment channels of `tagih serve` and their secrets.",
        subcommands: [Add.self, Rotate.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a payment channel and print its new secret (admins and batch).",
            discussion: "The name is the payment channel of its payments (VA, QRIS, BCA_VA, ...). The secret is printed once, as 64 hex digits.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The channel's name.") var name: String

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session()
            let secret = try ChannelBook(db).add(name, session: session)
            try emit(secret + "\n", exact: true)
            warn(ctx.strings.channelNotice(.added(name)))
        }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Give a channel a new secret and print it (admins and batch).",
            discussion: "Without --grace the old secret is refused at once (a running server within 10 seconds); with it both work until the grace ends.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The channel's name.") var name: String
        // Text, read in `run`, so a bad value is said in the reader's language (the parser's words are English).
        @Option(help: ArgumentHelp("Minutes the old secret keeps working (1 to 10080).", valueName: "minutes")) var grace: String?

        func run() throws {
            let ctx = try CommandContext(global)
            let minutes = try grace.map { text in
                guard let g = Int(text), (1...ChannelProblem.longestGrace).contains(g) else {
                    throw CommandError.usage(ctx.strings.channelProblem(.badGrace(text)))
                }
                return g
            }
            let (db, session) = try ctx.session()
            let secret = try ChannelBook(db).rotate(name, graceMinutes: minutes, session: session)
            try emit(secret + "\n", exact: true)
            warn(ctx.strings.channelNotice(.rotated(name, graceMinutes: minutes)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the payment channels (never their secrets).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

        func run() throws {
            let ctx = try CommandContext(global)
            let (db, session) = try ctx.session(access: .read)
            let channels = try ChannelBook(db).list(session: session)
            let grace = { (c: ChannelInfo) in c.graceUntil }
            switch format {
            case .csv:
                var out = "name,created,rotated,grace_until\n"
                for c in channels { out += [c.name, c.created, c.rotated ?? "", grace(c) ?? ""].map(csvField).joined(separator: ",") + "\n" }
                try emit(out, exact: true)
            case .json:
                try emit(JSON.array(channels.map { c in
                    .object([("name", .string(c.name)), ("created", .string(c.created)), ("rotated", c.rotated.map(JSON.string) ?? .null),
                             ("grace_until", grace(c).map(JSON.string) ?? .null)])
                }).rendered())
            case .table:
                let w = ctx.strings
                var t = TextTable(headers: [w[.channel], w[.created], w[.rotated], w[.graceUntil]], align: [.left, .left, .left, .left])
                for c in channels { t.rows.append([c.name, c.created, c.rotated ?? "—", grace(c) ?? "—"]) }
                try emit(channels.isEmpty ? w[.noChannels] + "\n" : t.rendered())
            }
        }
    }
}
