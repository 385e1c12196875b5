import Foundation
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
        try database.read { db in
            try db.rows(Self.gatewaySQL(db), [.text(channel.rawValue), .int(Int64(day.ordinal))]).map {
                GatewayRow(messageID: $0[0].int ?? 0, accountNo: $0[1].text ?? "", to: $0[2].text ?? "", language: $0[3].text ?? "",
                           text: $0[4].text ?? "")
            }
        }
    }

    /// A channel's messages of a day (`?1` the channel, `?2` the day) with their accounts, in id order.
    static func gatewaySQL(_ db: any LedgerSQL) -> String {
        """
        SELECT m.id, a.account_no, m.recipient, m.language, m.text FROM messages m \(db.dialect.indexedBy("messages_channel_day"))
        JOIN accounts a ON a.id = m.account_id WHERE m.channel = ? AND m.day = ? ORDER BY m.id
        """
    }

    /// The gateway file's text: exact CSV (RFC 4180 quoting), LF line ends.
    public static func csv(_ rows: [GatewayRow]) -> String {
        gatewayHeader + "\n" + rows.map(csvLine).joined()
    }

    static func csvLine(_ r: GatewayRow) -> String {
        [String(r.messageID), r.accountNo, r.to, r.language, r.text].map(csvField).joined(separator: ",") + "\n"
    }

    /// The day's letters: file name (`STAGE-ACCOUNT_NO.pdf`) and what each says.
    /// Read in two passes, not two queries a letter (a server's round trips
    /// were most of a day's letters): the letters with their accounts, then
    /// the past-due charges of those accounts, in each letter's order.
    public func letters(day: Day) throws -> [(file: String, letter: WarningLetterText)] {
        let settings = database.settings
        let ordinal = SQLValue.int(Int64(day.ordinal))
        return try database.read { db in
            let index = db.dialect.indexedBy("messages_channel_day")
            let rows = try db.rows("""
                SELECT m.account_id, m.stage, a.account_no, a.name, a.address, a.language, a.va_number
                FROM messages m \(index) JOIN accounts a ON a.id = m.account_id WHERE m.channel = 'letter' AND m.day = ? ORDER BY m.id
                """, [ordinal])
            guard !rows.isEmpty else { return [] }
            var pastDue: [Int64: [LetterCharge]] = [:]
            let charges = try db.cursor("""
                SELECT c.account_id, c.ref, c.due_date, c.open_amount FROM charges c
                WHERE c.open_amount > 0 AND c.due_date < ?1
                  AND c.account_id IN (SELECT account_id FROM messages \(index) WHERE channel = 'letter' AND day = ?1)
                ORDER BY c.account_id, c.due_date, c.id
                """, [ordinal])
            while try charges.step() {
                pastDue[charges.int(0), default: []].append(
                    LetterCharge(ref: charges.text(1) ?? "", due: Day(ordinal: Int32(charges.int(2))), open: Money(minor: charges.int(3))))
            }
            var out: [(String, WarningLetterText)] = []
            for r in rows {
                let stageName = r[1].text ?? "", accountID = r[0].int ?? 0
                let stage = settings.rules.reminders.first { $0.name == stageName }
                    ?? ReminderStage(name: stageName, days: 0, channel: .letter, templates: [:])
                // A [[reminders]] letter stage's text is the letter's body; rendered as the run did.
                let body = stage.templates.isEmpty ? nil : try Self.body(db, accountID: accountID, stage: stage, day: day, settings: settings)
                let language = r[5].text.flatMap(Language.init(rawValue:)) ?? settings.rules.defaultLanguage
                let letter = WarningLetterText(letter: stage.name, level: WarningLetter(rawValue: stage.name), body: body,
                                               accountNo: r[2].text ?? "", name: r[3].text ?? "", address: r[4].text, vaNumber: r[6].text,
                                               charges: pastDue[accountID] ?? [], day: day, rules: settings.rules.letters,
                                               city: settings.rules.companyCity, currency: settings.currency, language: language)
                out.append(("\(stageName)-\(letter.accountNo).pdf", letter))
            }
            return out
        }
    }

    /// A `[[reminders]]` letter stage's text for the account, from the message the run recorded.
    static func body(_ db: any LedgerSQL, accountID: Int64, stage: ReminderStage, day: Day, settings: Settings) throws -> String? {
        let ordinal = SQLValue.int(Int64(day.ordinal))
        guard let a = try db.row("SELECT account_no, name, language, va_number FROM accounts WHERE id = ?", [.int(accountID)]),
              let oldest = try db.row("""
                SELECT c.id, c.due_date, c.open_amount FROM message_stages s JOIN charges c ON c.id = s.charge_id
                JOIN messages m ON m.id = s.message_id WHERE m.account_id = ? AND m.day = ? AND s.stage = ? ORDER BY c.due_date, c.id LIMIT 1
                """, [.int(accountID), ordinal, .text(stage.name)]) else { return nil }
        let language = a.text("language").flatMap(Language.init(rawValue:)) ?? settings.rules.defaultLanguage
        let pastDue = try db.int("SELECT coalesce(sum(open_amount), 0) FROM charges WHERE account_id = ? AND open_amount > 0 AND due_date < ?",
                                 [.int(accountID), ordinal]) ?? 0
        let charge = ReminderCharge(ref: ReminderRun.key(oldest[0].int ?? 0), due: Day(ordinal: Int32(oldest[1].int ?? 0)),
                                    open: Money(minor: oldest[2].int ?? 0))
        let chosen = ChosenReminder(stage: stage, charge: charge, covers: [])
        let values = ReminderChoice.values(chosen, name: a.string("name"), accountNo: a.string("account_no"), pastDue: Money(minor: pastDue),
                                           vaNumber: a.text("va_number"), today: day, money: MoneyFormatter(currency: settings.currency, language: language))
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
            let (name, ordinal) = (SQLValue.text(channel.rawValue), SQLValue.int(Int64(day.ordinal)))
            let any = try database.read { db in
                try db.int("SELECT 1 FROM messages \(db.dialect.indexedBy("messages_channel_day")) WHERE channel = ? AND day = ? LIMIT 1",
                           [name, ordinal]) != nil
            }
            guard any else { continue }
            try database.read { db in
                // Each row's bytes straight from the ledger into the file's buffer
                // (no String per field on SQLite: a million rows spent seconds there).
                let rows = try db.cursor(Self.gatewaySQL(db), [name, ordinal])
                try Self.writeFile(to: path, group: out) { append in
                    var chunk = Array((Self.gatewayHeader + "\n").utf8)
                    while try rows.step() {
                        chunk.append(contentsOf: String(rows.int(0)).utf8)
                        for column in Int32(1)...4 {
                            chunk.append(0x2C)
                            rows.withBytes(column) { Self.appendField($0, to: &chunk) }
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
