import ArgumentParser
import Foundation
import TagihCore
import TagihStore

/// `tagih audit`: the audit trail for admins (CONTRACT §2): when (the real
/// clock), the business day, who, as whom, what and on what; oldest first.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "The audit trail (admins): real time, business day, person, acting user, action, target.",
        discussion: "--from and --to select by the real date of each change, in the local time zone.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("First day (YYYY-MM-DD).", valueName: "date")) var from: Day?
    @Option(help: ArgumentHelp("Last day (YYYY-MM-DD).", valueName: "date")) var to: Day?
    @Option(help: "table, csv or json.") var format: OutputFormat = .table

    func run() throws {
        let ctx = try CommandContext(global)
        let (db, session) = try ctx.session(access: .read)
        try StoreError.require(.readAudit, session)
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let rows = try AuditTrail.rows(db, from: from, to: to) { at in iso.date(from: at).map { CommandContext.localToday($0) } }
        switch format {
        case .csv:
            var out = "at,business_day,actor,as_user,action,target,detail\n"
            for r in rows {
                out += [r.at, r.businessDay, r.actor, r.asUser, r.action, r.target, r.detail].map(csvField).joined(separator: ",") + "\n"
            }
            try emit(out, exact: true)
        case .json:
            try emit(JSON.array(rows.map { r in
                .object([("at", .string(r.at)), ("business_day", .string(r.businessDay)), ("actor", .string(r.actor)),
                         ("as_user", .string(r.asUser)), ("action", .string(r.action)), ("target", .string(r.target)),
                         ("detail", .string(r.detail))])
            }).rendered())
        case .table:
            var t = TextTable(headers: ["at", "day", "actor", "as", "action", "target"], align: [.left, .left, .left, .left, .left, .left])
            for r in rows { t.rows.append([r.at, r.businessDay, r.actor, r.asUser, r.action, r.target]) }
            try emit(t.rendered())
        }
    }
}
