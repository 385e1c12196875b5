import Foundation
import GRDB
import TagihCore
#if canImport(Glibc)
import Glibc
#endif

/// The files of a day's messages, written from the ledger (CONTRACT §10,
/// R14): `DIR/CHANNEL-DATE.csv` for a gateway, every message of that
/// channel and day, and `DIR/letters/STAGE-ACCOUNT_NO.pdf`. Because they
/// are made from what was recorded, a rerun the same day rewrites them with
/// the same rows plus the new ones, and heals a crash between the commit and
/// the files. Each is written to a temporary name and renamed, with the out
/// folder's group and mode 0640, so a gateway never reads half a file.
public struct ReminderFiles: Sendable {
    public let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    /// A gateway row: `message_id,account_no,to,language,text`.
    public struct GatewayRow: Sendable, Equatable {
        public var messageID: Int64
        public var accountNo, to, language, text: String
    }

    public static let gatewayHeader = "message_id,account_no,to,language,text"

    /// The day's messages of `channel`, in id order.
    public func gatewayRows(_ channel: ReminderChannel, day: Day) throws -> [GatewayRow] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.id, a.account_no, m.recipient, m.language, m.text FROM messages m INDEXED BY messages_channel_day
                JOIN accounts a ON a.id = m.account_id WHERE m.channel = ? AND m.day = ? ORDER BY m.id
                """, arguments: [channel.rawValue, day.ordinal]).map {
                GatewayRow(messageID: $0[0], accountNo: $0[1], to: $0[2], language: $0[3], text: $0[4])
            }
        }
    }

    /// The gateway file's text: exact CSV (RFC 4180 quoting), LF line ends.
    public static func csv(_ rows: [GatewayRow]) -> String {
        gatewayHeader + "\n" + rows.map(csvLine).joined()
    }

    static func csvLine(_ r: GatewayRow) -> String {
        [String(r.messageID), r.accountNo, r.to, r.language, r.text].map(csvField).joined(separator: ",") + "\n"
    }

    /// The day's letters: file name (`STAGE-ACCOUNT_NO.pdf`) and what each says.
    public func letters(day: Day) throws -> [(file: String, letter: WarningLetterText)] {
        let settings = database.settings
        return try database.writer.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT account_id, stage FROM messages INDEXED BY messages_channel_day WHERE channel = 'letter' AND day = ? ORDER BY id
                """, arguments: [day.ordinal])
            var out: [(String, WarningLetterText)] = []
            for r in rows {
                let stageName: String = r[1]
                let stage = settings.rules.reminders.first { $0.name == stageName }
                    ?? ReminderStage(name: stageName, days: 0, channel: .letter, templates: [:])
                // A [[reminders]] letter stage's text is the letter's body; rendered as the run did.
                let body = stage.templates.isEmpty ? nil : try Self.body(db, accountID: r[0], stage: stage, day: day, settings: settings)
                guard let letter = try ReminderRun.letter(db, accountID: r[0], stage: stage, body: body, day: day, settings: settings) else { continue }
                out.append(("\(stageName)-\(letter.accountNo).pdf", letter))
            }
            return out
        }
    }

    /// A `[[reminders]]` letter stage's text for the account, from the message the run recorded.
    static func body(_ db: Database, accountID: Int64, stage: ReminderStage, day: Day, settings: Settings) throws -> String? {
        guard let a = try Row.fetchOne(db, sql: "SELECT account_no, name, language, va_number FROM accounts WHERE id = ?", arguments: [accountID]),
              let oldest = try Row.fetchOne(db, sql: """
                SELECT c.id, c.due_date, c.open_amount FROM message_stages s JOIN charges c ON c.id = s.charge_id
                JOIN messages m ON m.id = s.message_id WHERE m.account_id = ? AND m.day = ? AND s.stage = ? ORDER BY c.due_date, c.id LIMIT 1
                """, arguments: [accountID, day.ordinal, stage.name]) else { return nil }
        let language = (a["language"] as String?).flatMap(Language.init(rawValue:)) ?? settings.rules.defaultLanguage
        let pastDue = try Int64.fetchOne(db, sql: "SELECT coalesce(sum(open_amount), 0) FROM charges WHERE account_id = ? AND open_amount > 0 AND due_date < ?",
                                         arguments: [accountID, day.ordinal]) ?? 0
        let charge = ReminderCharge(ref: ReminderRun.key(oldest[0]), due: Day(ordinal: oldest[1]), open: Money(minor: oldest[2]))
        let chosen = ChosenReminder(stage: stage, charge: charge, covers: [])
        let values = ReminderChoice.values(chosen, name: a["name"], accountNo: a["account_no"], pastDue: Money(minor: pastDue),
                                           vaNumber: a["va_number"], today: day, money: MoneyFormatter(currency: settings.currency, language: language))
        return stage.template(language)?.render(values)
    }

    /// Writes the day's files into `out` (made when missing): one CSV per
    /// channel with messages that day, and the letters, each PDF made by
    /// `render`. Returns the paths written.
    public func write(out: String, day: Day, render: (LetterDocument) throws -> [UInt8]) throws -> [String] {
        try Self.folder(out)
        var written: [String] = []
        for channel in ReminderChannel.allCases where channel != .letter {
            // Streamed from a cursor into the file: a day of a million messages is never one string.
            let path = "\(out)/\(channel.rawValue)-\(day.iso).csv"
            let any = try database.writer.read { db in
                try Bool.fetchOne(db, sql: "SELECT 1 FROM messages INDEXED BY messages_channel_day WHERE channel = ? AND day = ? LIMIT 1",
                                  arguments: [channel.rawValue, day.ordinal]) ?? false
            }
            guard any else { continue }
            try database.writer.read { db in
                // Each row's bytes straight from SQLite into the file's buffer (no
                // String per field: a million rows spent seconds there).
                let rows = try Prepared(db, """
                    SELECT m.id, a.account_no, m.recipient, m.language, m.text FROM messages m INDEXED BY messages_channel_day
                    JOIN accounts a ON a.id = m.account_id WHERE m.channel = ? AND m.day = ? ORDER BY m.id
                    """).bind(.text(channel.rawValue), .int(Int64(day.ordinal)))
                try Self.writeFile(to: path, group: out) { append in
                    var chunk = Array((Self.gatewayHeader + "\n").utf8)
                    while try rows.step() {
                        chunk.append(contentsOf: String(rows.int(0)).utf8)
                        for column in Int32(1)...4 {
                            chunk.append(0x2C)
                            Self.appendField(rows.bytes(column), to: &chunk)
                        }
                        chunk.append(0x0A)
                        if chunk.count >= 1 << 20 { try append(chunk); chunk.removeAll(keepingCapacity: true) }
                    }
                    try append(chunk)
                }
            }
            written.append(path)
        }
        let letters = try letters(day: day)
        if !letters.isEmpty {
            try Self.folder(out + "/letters")
            for (file, letter) in letters {
                let path = "\(out)/letters/\(file)"
                let pdf = try render(letter.document)
                try Self.writeFile(to: path, group: out) { try $0(pdf) }
                written.append(path)
            }
        }
        return written
    }

    /// `csvField` over a field's UTF-8 bytes, appended to `out`: quoted only
    /// when it holds a comma, a quote or a line break, each quote doubled.
    static func appendField(_ field: UnsafeRawBufferPointer?, to out: inout [UInt8]) {
        guard let field else { return }
        guard field.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            out.append(contentsOf: field); return
        }
        out.append(0x22)
        for b in field {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }

    static func folder(_ path: String) throws {
        var st = stat()
        if lstat(path, &st) == 0 {
            guard st.st_mode & S_IFMT == S_IFDIR else { throw StoreError(.notAFolder(path: TextField.visible(path))) }
            return
        }
        guard mkdir(path, 0o750) == 0 || errno == EEXIST else {
            throw StoreError(.folderNotMade(path: TextField.visible(path), why: String(cString: strerror(errno))))
        }
    }

    /// Writes what `produce` hands its `append` to a temporary name beside
    /// `path`, gives it the group of the folder `group` and mode 0640, syncs
    /// it and renames it over `path`; on any failure the name is untouched.
    static func writeFile(to path: String, group: String, produce: ((([UInt8]) throws -> Void)) throws -> Void) throws {
        func fail(_ step: RemindFileProblem.WriteStep) -> StoreError {
            StoreError(.notWritten(path: TextField.visible(path), step: step, why: String(cString: strerror(errno))))
        }
        var dir = stat()
        guard stat(group, &dir) == 0 else { throw fail(.outFolder) }
        let temp = path + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw fail(.open) }
        do {
            try produce { bytes in
                var failed = false
                bytes.withUnsafeBytes { raw in
                    var done = 0
                    while done < raw.count {
                        let n = Glibc.write(fd, raw.baseAddress! + done, raw.count - done)
                        if n < 0 { if errno == EINTR { continue }; failed = true; return }
                        done += n
                    }
                }
                if failed { throw fail(.write) }
            }
            // The folder's group (a gateway's account reads it), then 0640.
            _ = fchown(fd, uid_t.max, dir.st_gid)
            guard fchmod(fd, 0o640) == 0, fsync(fd) == 0 else { throw fail(.sync) }
            guard close(fd) == 0 else { throw fail(.close) }
        } catch {
            close(fd)
            unlink(temp)
            throw error
        }
        guard rename(temp, path) == 0 else {
            let e = fail(.rename)
            unlink(temp)
            throw e
        }
    }
}
