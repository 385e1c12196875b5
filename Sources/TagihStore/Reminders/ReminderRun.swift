import TagihCore

/// What the run did with one stage (CONTRACT §10: one line per stage).
public struct StageCount: Sendable, Equatable {
    public var stage: String
    public var channel: ReminderChannel
    /// Messages the choice picked for the stage today (not paused).
    public var chosen = 0
    public var sent = 0
    /// Blocked messages by reason (they go the next allowed day).
    public var blocked: [ReminderBlock: Int] = [:]
    /// Messages of the stage already sent today (a rerun sends them no more).
    public var skipped = 0
    /// Messages the stage would have sent, had it not been paused (R15).
    public var paused = 0
    /// A `[[reminders]]` letter stage's letters that went inside the warning
    /// letter due the same day: one letter to the address, the SP, which
    /// covers the stage (counted in `chosen`, not in `sent`).
    public var inLetter = 0

    public var blockedCount: Int { blocked.values.reduce(0, +) }

    /// `pre-due (whatsapp): chosen 3, sent 2, blocked 1 (daily limit 1), skipped 0 already sent, paused 0`.
    public var line: String { line(Strings(.en)) }

    /// The line in the reader's language.
    public func line(_ str: Strings) -> String {
        str.remindStageLine(stage: stage, channel: channel.rawValue, chosen: chosen, sent: sent, blocked: blockedCount,
                            reasons: blocked.isEmpty ? nil : str.reminderBlocks(blocked), skipped: skipped, paused: paused, inLetter: inLetter)
    }
}

/// The run's report: a count per stage, the messages it recorded.
public struct RemindReport: Sendable {
    public var day: Day
    public var stages: [StageCount]
    public var dryRun: Bool
    public var sent: Int { stages.reduce(0) { $0 + $1.sent } }
    /// `remind 2026-12-03: 5 messages sent` (or "would be sent").
    public var summary: String { summary(Strings(.en)) }
    public func summary(_ str: Strings) -> String { str.remindSummary(day: day.iso, sent: sent, dryRun: dryRun) }
}

/// `tagih remind` (CONTRACT §10, R13–R15): the day's reminders and letters,
/// each held to the contact policy at the moment it is to go, recorded in
/// one transaction (a `SENT` contact, the message and the stages it covers).
/// The files are written afterwards from the ledger (`ReminderFiles`), so a
/// crash before the commit sends nothing and one after it is healed by the rerun.
public struct ReminderRun: Sendable {
    public let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    var settings: Settings { database.settings }

    /// A message the run will send (or sent).
    struct Planned {
        var accountID: Int64
        var stage: String
        var channel: ReminderChannel
        var to: String
        var language: Language
        var text: String
        var moment: Int64
        var clock: LocalClock
        var phoneNumber: String?
        var covers: [(stage: String, chargeID: Int64)]
    }

    public func run(session: Session, dryRun: Bool) throws -> RemindReport {
        try StoreError.require(.recordMessages, session)
        if dryRun {
            return try database.read { db in try plan(db, session: session, recorder: nil).with(dryRun: true) }
        }
        // Every id the run writes it read or made in this transaction (the
        // charges, its contacts and messages): on SQLite eight million
        // foreign-key look-ups saved on a million-account run. On a server
        // the body runs again whole after a serialization failure (another
        // run, an import): everything it holds is made inside it, and the
        // files are written only after it committed (`NightlyRemind`).
        return try database.writeTrusted { db in
            let recorder = try Recorder(db, session: session)
            let r = try plan(db, session: session, recorder: recorder)
            try recorder.finish()
            let detail = r.stages.filter { $0.sent > 0 }.map { "\($0.stage)=\($0.sent)" }.joined(separator: " ")
            try AuditTrail.append(db, session: session, action: "remind.run", subject: session.today.iso,
                                  detail: "\(r.sent) sent" + (detail.isEmpty ? "" : " " + detail))
            return r
        }
    }

    /// The charge key the pure choice sees: the charge's id, zero-padded so
    /// that its order is the ids' (refs may repeat across an account's sources).
    static func key(_ id: Int64) -> String {
        // (Digits into a fixed buffer: made for each of millions of charges.)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buf in
            var n = id.magnitude, i = 19
            repeat { i -= 1; buf[i] = 0x30 &+ UInt8(n % 10); n /= 10 } while n > 0 && i > 0
            while i > 0 { i -= 1; buf[i] = 0x30 }
            return String(decoding: UnsafeBufferPointer(rebasing: buf[0..<19]), as: UTF8.self)
        }
    }

    /// Chooses and judges every account's messages; each account's are
    /// handed to `recorder` as soon as they are judged (nil: a dry run), so
    /// the run holds one account's messages at a time, not the book's.
    /// With `collectors`, only the accounts assigned to those logins (the
    /// workstation's preview follows its scope; a run is the whole book).
    func plan(_ db: any LedgerSQL, session: Session, recorder: Recorder?, collectors: Set<String>? = nil) throws -> RemindReport {
        let today = session.today
        let stages = settings.rules.reminders
        let letterStages = ReminderChoice.letterStages(settings.rules.letters)
        let paused = try StagePauses.paused(db, on: today)
        var counts: [String: StageCount] = [:]
        for s in stages + letterStages { counts[s.name] = StageCount(stage: s.name, channel: s.channel) }
        for row in try db.rows("SELECT stage, count(*) FROM messages WHERE day = ? GROUP BY stage", [.int(Int64(today.ordinal))]) {
            counts[row[0].text ?? ""]?.skipped = Int(row[1].int ?? 0)
        }
        let sent = try Self.sentStages(db)
        let now = Int64(session.now.timeIntervalSince1970)
        var planned: [Planned] = []
        // Read in bulk, not per account (a million accounts): the attempts
        // the limits look at around the run (its moments fall within the
        // next day), and which accounts have holds or phone rows at all.
        let reach = Int64(ContactPolicy.reachDays + 2) * 86_400
        let attempts = try Self.attempts(db, from: now - reach, to: now + 86_400 + reach)
        let held = try Self.accounts(db, "SELECT DISTINCT account_id FROM holds")
        let withPhoneRows = try Self.accounts(db, "SELECT DISTINCT account_id FROM phones")
        // Each time zone's clock and the run's moment there (R14), worked out once.
        var clocks: [String: (clock: LocalClock, moment: Int64)] = [:]
        let context = Context(stages: stages, letterStages: letterStages, paused: paused, today: today, now: now,
                              policy: settings.contactPolicy, defaultLanguage: settings.rules.defaultLanguage, currency: settings.currency,
                              texts: recorder != nil)

        // Each account's open charges with what the messages need of the account, in one pass.
        // (The order of an account's charges does not matter: the choice is a
        // pure function of the set, and the letters order theirs themselves.)
        let open = try db.cursor("""
            SELECT c.id, c.account_id, c.due_date, c.open_amount, a.account_no, a.name, a.phone, a.email, a.address, a.timezone,
                   a.language, a.va_number, a.collector
            FROM charges c JOIN accounts a ON a.id = c.account_id WHERE c.open_amount > 0 ORDER BY c.account_id
            """, [])
        var account: DebtorRow?
        var charges: [ReminderCharge] = []
        func flush() throws {
            guard var a = account, !charges.isEmpty, a.inScope else { return }
            if let known = clocks[a.timezone] {
                (a.clock, a.moment) = known
            } else if let clock = LocalClock.system(a.timezone) {
                // R14: before the debtor's hours the message goes at their start.
                let local = clock.local(now), start = context.policy.rules.startMinute
                let moment = local.minute < start ? clock.instant(day: local.day, minute: start) : now
                clocks[a.timezone] = (clock, moment)
                (a.clock, a.moment) = (clock, moment)
            } else {
                throw StoreError(.unknownTimeZone(account: TextField.visible(a.accountNo), zone: TextField.visible(a.timezone)))
            }
            planned.removeAll(keepingCapacity: true)
            try planAccount(db, a, charges: charges, context, sent: Set(try sent.take(a.id)), history: try attempts.take(a.id),
                            held: held.contains(a.id), phoneRows: withPhoneRows.contains(a.id), counts: &counts, into: &planned)
            if let recorder, !planned.isEmpty { try recorder.record(planned) }
        }
        while try open.step() {
            let id = open.int(1)
            if id != account?.id {
                try flush()
                account = DebtorRow(id: id, accountNo: open.text(4) ?? "", name: open.text(5) ?? "", phone: open.text(6), email: open.text(7),
                                    address: open.text(8), timezone: open.text(9) ?? "", language: open.text(10), vaNumber: open.text(11),
                                    inScope: collectors == nil || LedgerReports.counts(open.text(12), in: collectors))
                charges.removeAll(keepingCapacity: true)
            }
            charges.append(ReminderCharge(ref: Self.key(open.int(0)), due: Day(ordinal: Int32(open.int(2))), open: Money(minor: open.int(3))))
        }
        try flush()
        let order = (stages + letterStages).map(\.name)
        return RemindReport(day: today, stages: order.compactMap { counts[$0] }, dryRun: false)
    }

    /// What a message needs of its account.
    struct DebtorRow {
        var id: Int64
        var accountNo, name: String
        var phone, email, address: String?
        var timezone: String
        var language, vaNumber: String?
        /// Whether the account is among the collectors asked for.
        var inScope = true
        var clock: LocalClock?
        /// When its messages go: the run's moment, or the start of the debtor's hours (R14).
        var moment: Int64 = 0
    }

    /// What every account's choice reads, worked out once a run (not once an account).
    struct Context {
        var stages, letterStages: [ReminderStage]
        var paused: Set<String>
        var today: Day
        var now: Int64
        var policy: ContactPolicy
        var defaultLanguage: Language
        var currency: Currency
        /// Whether the messages' texts are wanted (a run records them; a dry
        /// run and the preview only count, and skip reading each letter's charges).
        var texts = true
    }

    /// The (stage, charge) pairs sent before, account by account.
    static func sentStages(_ db: any LedgerSQL) throws -> ByAccount<StageSent> {
        try ByAccount(db, sql: """
            SELECT c.account_id, s.stage, s.charge_id FROM message_stages s JOIN charges c ON c.id = s.charge_id ORDER BY c.account_id
            """) { StageSent(stage: $0.text(1) ?? "", ref: key($0.int(2))) }
    }

    /// The attempts from `from` to `to` (unix seconds), account by account.
    static func attempts(_ db: any LedgerSQL, from: Int64, to: Int64) throws -> ByAccount<ContactEvent> {
        try ByAccount(db, sql: """
            SELECT account_id, at, channel, contact FROM contacts \(db.dialect.indexedBy("contacts_account"))
            WHERE at BETWEEN ? AND ? AND attempt = 1 ORDER BY account_id
            """, arguments: [.int(from), .int(to)]) {
            ContactEvent(at: $0.int(1), channel: Channel(rawValue: $0.text(2) ?? "") ?? .phone, conversation: $0.int(3) != 0)
        }
    }

    /// The ids a query of one column gives (accounts with holds, with phone rows).
    static func accounts(_ db: any LedgerSQL, _ sql: String) throws -> Set<Int64> {
        var out: Set<Int64> = []
        let c = try db.cursor(sql, [])
        while try c.step() { out.insert(c.int(0)) }
        return out
    }

    /// The account's messages of the day: the choice over the rules' stages
    /// and, for the letters, over its oldest open charge; a paused stage
    /// counted and left out; each message judged at its moment.
    func planAccount(_ db: any LedgerSQL, _ a: DebtorRow, charges: [ReminderCharge], _ context: Context, sent: Set<StageSent>,
                     history: [ContactEvent], held: Bool, phoneRows: Bool, counts: inout [String: StageCount],
                     into planned: inout [Planned]) throws {
        let (stages, letterStages, paused, today) = (context.stages, context.letterStages, context.paused, context.today)
        let oldest = ReminderChoice.oldestOpen(charges).map { [$0] } ?? []
        // With the letter stage that went inside the warning letter, if one did.
        func choose(_ leaveOut: Set<String>) -> (byChannel: [ReminderChannel: ChosenReminder], inLetter: String?) {
            var byChannel: [ReminderChannel: ChosenReminder] = [:]
            var inLetter: String?
            for c in ReminderChoice.choose(stages: leaveOut.isEmpty ? stages : stages.filter { !leaveOut.contains($0.name) }, charges: charges, today: today, sent: sent) {
                byChannel[c.channel] = c
            }
            // A warning letter and a `[[reminders]]` letter stage due the same
            // day are one letter (one message per channel a day, R13): the
            // warning letter, which covers the stage too (its text is the warning
            // letter's). Two letters to the same address the same day would
            // repeat the same demand; the SP is the one the law asks for.
            for c in ReminderChoice.choose(stages: leaveOut.isEmpty ? letterStages : letterStages.filter { !leaveOut.contains($0.name) }, charges: oldest, today: today, sent: sent) {
                if let other = byChannel[.letter] {
                    var merged = c
                    merged.covers += other.covers
                    byChannel[.letter] = merged
                    inLetter = other.stage.name
                } else {
                    byChannel[.letter] = c
                }
            }
            return (byChannel, inLetter)
        }
        if !paused.isEmpty {
            for c in choose([]).byChannel.values where paused.contains(c.stage.name) { counts[c.stage.name]?.paused += 1 }
        }
        let (chosen, inLetter) = choose(paused)
        guard !chosen.isEmpty else { return }

        let accountID = a.id
        let clock = a.clock!
        let language = a.language.flatMap(Language.init(rawValue:)) ?? context.defaultLanguage
        let policy = context.policy
        let moment = a.moment
        let holds = held ? try HoldBook.holds(db, accountID: accountID) : []
        var history = history
        let phones = phoneRows ? try PhoneBook.phones(db, accountID: accountID) : PhoneBook.merge(imported: a.phone ?? "", rows: [])
        let pastDue = Money(minor: charges.filter { $0.due < today }.reduce(0) { $0 &+ $1.open.minor })
        let money = MoneyFormatter(currency: context.currency, language: language)

        for channel in chosen.keys.sorted() {
            let c = chosen[channel]!
            let name = c.stage.name
            // The letter stage inside the warning letter shares its fate.
            let also = channel == .letter ? inLetter : nil
            counts[name]?.chosen += 1
            if let also { counts[also]?.chosen += 1 }
            func block(_ why: ReminderBlock) {
                counts[name]?.blocked[why, default: 0] += 1
                if let also { counts[also]?.blocked[why, default: 0] += 1 }
            }
            if case .blocked(let reason, _) = policy.check(channel.contactChannel, at: moment, clock: clock, history: history, holds: holds) {
                block(ReminderBlock(reason)); continue
            }
            var to: String
            var phoneNumber: String?
            switch channel {
            case .sms, .whatsapp:
                // A marked number is never used (CONTRACT §9); the debtor's first usable one is.
                guard let phone = phones.firstUsableDebtor(on: today) else {
                    block(phones.contains { $0.party == .debtor } ? .noUsableNumber : .noPhoneNumber); continue
                }
                if PartyRules.refusal(phone, outcome: OutcomeTable.sent.code, on: today) != nil { block(.numberRefused); continue }
                to = phone.number; phoneNumber = phone.number
            case .email:
                guard let e = a.email, !e.isEmpty else { block(.noEmail); continue }
                to = e
            case .letter:
                // Letters go to the postal address: a phone's status does not stop them (a hold did, above).
                guard let address = a.address, !address.isEmpty else { block(.noPostalAddress); continue }
                to = address
            }
            let values = ReminderChoice.values(c, name: a.name, accountNo: a.accountNo, pastDue: pastDue, vaNumber: a.vaNumber,
                                               today: today, money: money)
            let body = c.stage.template(language)?.render(values)
            let text: String
            if channel == .letter, !context.texts {
                text = ""
            } else if channel == .letter {
                // (The account as read with its charges: one query a letter, for the past-due charges' refs.)
                let letter = try Self.letter(db, accountID: accountID, accountNo: a.accountNo, name: a.name, address: a.address,
                                             language: language, vaNumber: a.vaNumber, stage: c.stage, body: body, day: today, settings: settings)
                text = letter.document.plainText.joined(separator: "\n")
            } else {
                text = body ?? ""
            }
            planned.append(Planned(accountID: accountID, stage: name, channel: channel, to: to, language: language, text: text,
                                   moment: moment, clock: clock, phoneNumber: phoneNumber,
                                   covers: c.covers.map { ($0.stage, Int64($0.ref)!) }))
            counts[name]?.sent += 1
            if let also { counts[also]?.inLetter += 1 }
            // A message sent is an attempt: the next one of the run counts it.
            history.append(ContactEvent(at: moment, channel: channel.contactChannel, conversation: false))
        }
    }

    /// The letter an account is sent for `stage` on `day` (CONTRACT §10):
    /// every past-due charge; the stage's own text as its body when it is a
    /// `[[reminders]]` stage. The account's row is in hand (read with its charges).
    static func letter(_ db: any LedgerSQL, accountID: Int64, accountNo: String, name: String, address: String?, language: Language,
                       vaNumber: String?, stage: ReminderStage, body: String?, day: Day, settings: Settings) throws -> WarningLetterText {
        let charges = try db.rows("""
            SELECT ref, due_date, open_amount FROM charges WHERE account_id = ? AND open_amount > 0 AND due_date < ? ORDER BY due_date, id
            """, [.int(accountID), .int(Int64(day.ordinal))]).map {
            LetterCharge(ref: $0[0].text ?? "", due: Day(ordinal: Int32($0[1].int ?? 0)), open: Money(minor: $0[2].int ?? 0))
        }
        return WarningLetterText(letter: stage.name, level: WarningLetter(rawValue: stage.name), body: body, accountNo: accountNo,
                                 name: name, address: address, vaNumber: vaNumber, charges: charges, day: day,
                                 rules: settings.rules.letters, city: settings.rules.companyCity, currency: settings.currency, language: language)
    }

}

/// Rows read along with the accounts in id order and handed out one
/// account at a time (a merge): a million accounts' calls or stages sent
/// are never in memory at once.
final class ByAccount<T> {
    private let rows: any SQLCursor
    private let make: (any SQLCursor) -> T
    private var pending: (account: Int64, value: T)?
    private var done = false

    /// `sql` selects the account id first, in increasing order.
    init(_ db: any LedgerSQL, sql: String, arguments: [SQLValue] = [], make: @escaping (any SQLCursor) -> T) throws {
        rows = try db.cursor(sql, arguments)
        self.make = make
    }

    /// The account's rows; accounts are asked for in increasing id order.
    func take(_ account: Int64) throws -> [T] {
        var out: [T] = []
        while true {
            if pending == nil {
                guard !done, try rows.step() else { done = true; return out }
                pending = (rows.int(0), make(rows))
            }
            guard let p = pending, p.account <= account else { return out }
            if p.account == account { out.append(p.value) }
            pending = nil
        }
    }
}

/// Records the run's messages as it goes, inside the run's one
/// transaction (CONTRACT §10), a chunk of messages at a time: the chunk's
/// `SENT` contacts (made by the running login) in one statement from a small
/// temporary table, then the messages and the stages they cover in
/// multi-row statements (`RowBatch`). (A statement per contact would make
/// SQLite keep a statement journal for each, because of the contacts' seal
/// trigger: a million messages took minutes. The messages and stages have no
/// insert trigger; their contacts exist before them, as their foreign key
/// asks — deferring that key instead made SQLite search the stages for every
/// message.) Ids are given in order from the tables' highest, gap-free (R21).
///
/// The same statements on both backends (`LedgerSQL`): on SQLite a message
/// is staged by one prepared insert into the temporary table, in-process;
/// on a server the staging, the messages and the stages each go hundreds
/// of rows to a statement (`SQLDialect.valuesRows`), so a run of a hundred
/// thousand messages takes hundreds of round trips, not a hundred thousand.
/// Everything it holds is made in its transaction: a transaction the server
/// runs again starts a new one.
final class Recorder {
    let db: any LedgerSQL
    let session: Session
    let contactBase, messageBase: Int64
    let staged, messages, stages: RowBatch
    var seq: Int64 = 0
    /// The messages staged but not yet written, from `flushed + 1` on.
    var pending: [ReminderRun.Planned] = []
    var flushed: Int64 = 0
    static let chunk = 20_000
    /// The debtor's day and time at a message's moment, by zone: a run has
    /// one moment a zone (R14), and working it out for each of a million
    /// messages was most of the recording outside SQLite.
    var debtorTimes: [ZoneMoment: (day: Int64, time: String)] = [:]
    struct ZoneMoment: Hashable { var zone: String; var moment: Int64 }

    init(_ db: any LedgerSQL, session: Session) throws {
        self.db = db
        self.session = session
        contactBase = try db.int("SELECT coalesce(max(id), 0) FROM contacts") ?? 0
        messageBase = try db.int("SELECT coalesce(max(id), 0) FROM messages") ?? 0
        // (BIGINT: SQLite's INTEGER affinity, PostgreSQL's 64 bits; `seq` is SQLite's rowid.)
        try db.execute("""
            CREATE TEMP TABLE remind_sent (seq INTEGER PRIMARY KEY, account_id BIGINT, at BIGINT, debtor_day BIGINT,
                                           debtor_time TEXT, channel TEXT, stage TEXT, phone_number TEXT)
            """, [])
        staged = RowBatch(db, columns: 8, size: 1, [("INSERT INTO remind_sent(seq, account_id, at, debtor_day, debtor_time, channel, stage, phone_number) ", "")])
        messages = RowBatch(db, columns: 9, size: 32, [
            ("INSERT INTO messages(id, contact_id, account_id, day, stage, channel, recipient, language, text) ", "")])
        // Each stage row sealed as it is written: message_stages has no index
        // by message to find the run's rows again afterwards.
        stages = RowBatch(db, columns: 3, [
            ("INSERT INTO message_stages(stage, charge_id, message_id) ", ""),
            db.dialect.sealValues(table: SealedTable.messageStages.rawValue)])
    }

    /// One account's messages.
    func record(_ planned: [ReminderRun.Planned]) throws {
        for p in planned {
            seq += 1
            let at = ZoneMoment(zone: p.clock.zone, moment: p.moment)
            let local = debtorTimes[at] ?? (Int64(p.clock.local(p.moment).day.ordinal), p.clock.describe(p.moment))
            debtorTimes[at] = local
            staged.add(.int(seq), .int(p.accountID), .int(p.moment), .int(local.day), .text(local.time),
                       .text(p.channel.rawValue), .text(p.stage), .opt(p.phoneNumber))
            if staged.isFull { try staged.flush() }
            pending.append(p)
        }
        if pending.count >= Self.chunk { try flush() }
    }

    /// The pending messages' contacts, then the messages and their stages.
    func flush() throws {
        try staged.flush()
        guard !pending.isEmpty else { return }
        try db.execute("""
            INSERT INTO contacts(id, account_id, made_by, real_user, at, day, debtor_day, debtor_time, channel, outcome,
                                 attempt, contact, right_party, promise, note, phone_number)
            SELECT ? + seq, account_id, ?, ?, at, ?, debtor_day, debtor_time, channel, 'SENT', 1, 0, 0, 0, 'reminder ' || stage, phone_number
            FROM remind_sent WHERE seq > ? ORDER BY seq
            """, [.int(contactBase), .text(session.user.login), .text(session.realLogin), .int(Int64(session.today.ordinal)), .int(flushed)])
        let day = Int64(session.today.ordinal)
        // (The messages before the stages that point to them, as their foreign key asks.)
        func write() throws { try messages.flush(); try stages.flush() }
        for p in pending {
            flushed += 1
            let id = messageBase + flushed
            messages.add(.int(id), .int(contactBase + flushed), .int(p.accountID), .int(day), .text(p.stage),
                         .text(p.channel.rawValue), .text(p.to), .text(p.language.rawValue), .text(p.text))
            for c in p.covers { stages.add(.text(c.stage), .int(c.chargeID), .int(id)) }
            if messages.isFull || stages.isFull { try write() }
        }
        try write()
        pending.removeAll(keepingCapacity: true)
    }

    /// The last chunk, then the seal of the messages.
    func finish() throws {
        try flush()
        // The message tables are sealed here, not by triggers (`SealedTable.sealedByWriter`).
        try db.execute(db.dialect.sealAdded(table: SealedTable.messages.rawValue, where: "id > ?"), [.int(messageBase)])
        // (No queue cache to bring up to date: a SENT contact sets no next
        // action, and the last contact's day is read, not cached.)
        try db.execute("DROP TABLE remind_sent", [])
    }
}

extension RemindReport {
    func with(dryRun: Bool) -> RemindReport { var r = self; r.dryRun = dryRun; return r }
}

extension ReminderChannel {
    /// The contact channel a message of this kind is logged under.
    var contactChannel: Channel { Channel(rawValue: rawValue)! }
}

extension ChosenReminder {
    var channel: ReminderChannel { stage.channel }
}
