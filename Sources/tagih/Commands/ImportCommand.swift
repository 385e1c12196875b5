import ArgumentParser
import TagihCore
import TagihStore

extension ImportKind: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load one billing file: accounts, charges, payments or adjustments.",
        discussion: """
        Rows that fail validation go to FILE.rejects.csv; the rest post in one transaction. \
        A file with more than the configured share of rejected rows (default 10%) is refused whole. \
        Re-importing the same file posts nothing.
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "accounts, charges, payments or adjustments.") var kind: ImportKind
    @Argument(help: "The CSV file.") var file: String
    @Flag(name: .customLong("dry-run"), help: "Validate and report; write nothing to the database.") var dryRun = false
    @Option(help: ArgumentHelp("Field delimiter: ',', ';', '|' or 'tab' (else detected from the header).", valueName: "c"))
    var delimiter: String?
    @Option(help: ArgumentHelp("Read a payments file with this channel profile of the rules (its layout, formats and channel).", valueName: "name"))
    var profile: String?

    func run() throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session()
        let delim = try delimiter.map(Self.parseDelimiter)
        if profile != nil, kind != .payments { throw CommandError.usage("--profile reads payments files only, not \(kind.rawValue)") }
        let chosen = try profile.map { try Self.profile(named: $0, in: db.settings.rules) }
        let summary = try Importer(db).run(kind, path: file, options: ImportOptions(dryRun: dryRun, delimiter: delim, profile: chosen),
                                           session: session)
        Self.report(summary)
        if summary.refused {
            throw CommandError.failed("\(file) refused: \(summary.rejected) of \(summary.rowsRead) rows rejected, more than the \(formatPercent(ctx.settings.rejectThresholdBasisPoints))% allowed; nothing posted")
        }
    }

    /// The summary line on standard output; each sampled reject on standard
    /// error as `FILE:LINE: reason`.
    static func report(_ s: ImportSummary) {
        for r in s.sampleRejects { warn("\(s.file):\(r.line): \(r.reason)") }
        if s.rejected > s.sampleRejects.count {
            warn("\(s.file): … and \(s.rejected - s.sampleRejects.count) more rejected rows in \(s.rejectsPath ?? "the rejects file")")
        }
        say(s.line)
    }

    /// The channel profile `--profile NAME` names; a name the rules lack is a usage error listing those they have.
    static func profile(named name: String, in rules: Rules) throws -> ChannelProfile {
        guard let p = rules.profiles.first(where: { $0.name == name }) else {
            let known = rules.profiles.map(\.name)
            throw CommandError.usage("--profile \(TextField.quoted(name)) is not a profile of the rules (\(known.isEmpty ? "the rules name none" : known.joined(separator: ", ")))")
        }
        return p
    }

    static func parseDelimiter(_ s: String) throws -> UInt8 {
        switch s {
        case ",": return UInt8(ascii: ",")
        case ";": return UInt8(ascii: ";")
        case "|": return UInt8(ascii: "|")
        case "tab", "\\t", "\t": return 9
        default: throw CommandError.usage("--delimiter \(s) is not one of ',', ';', '|' or 'tab'")
        }
    }
}
