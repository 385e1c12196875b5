import GRDB
import TagihCore

/// What the run did with one stage (CONTRACT §10: one line per stage).
public struct StageCount: Sendable, Equatable {
    public var stage: String
    public var channel: ReminderChannel
    /// Messages the choice picked for the stage today (not paused).
    public var chosen = 0
    public var sent = 0
    /// Blocked messages by reason (they go the next allowed day).
    public var blocked: [String: Int] = [:]
    /// Messages of the stage already sent today (a rerun sends them no more).
    public var skipped = 0
    /// Messages the stage would have sent, had it not been paused (R15).
    public var paused = 0

    public var blockedCount: Int { blocked.values.reduce(0, +) }

    /// `pre-due (whatsapp): chosen 3, sent 2, blocked 1 (daily limit 1), skipped 0 already sent, paused 0`.
    public var line: String {
        var s = "\(stage) (\(channel.rawValue)): chosen \(chosen), sent \(sent), blocked \(blockedCount)"
        if !blocked.isEmpty { s += " (" + blocked.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")" }
        return s + ", skipped \(skipped) already sent, paused \(paused)"
    }
}

/// The run's report: a count per stage, the messages it recorded.
public struct RemindReport: Sendable {
    public var day: Day
    public var stages: [StageCount]
    public var dryRun: Bool
    public var sent: Int { stages.reduce(0) { $0 + $1.sent } }
    /// `remind 2026-12-03: 5 messages sent` (or "would be sent").
    public var summary: String { "remind \(day.iso): \(sent) message\(sent == 1 ? "" : "s") \(dryRun ? "would be sent" : "sent")" }
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
            return try database.writer.read { db in try plan(db, session: session).report.with(dryRun: true) }
        }
        return try database.writer.write { db in
            let (planned, report) = try plan(db, session: session)
            try record(db, planned, session: session)
            let detail = report.stages.filter { $0.sent > 0 }.map { "\($0.stage)=\($0.sent)" }.joined(separator: " ")
            try AuditTrail.append(db, session: session, action: "remind.run", subject: session.today.iso,
                                  detail: "\(report.sent) sent" + (detail.isEmpty ? "" : " " + detail))
            return report
        }
    }

    /// The charge key the pure choice sees: the charge's id, zero-padded so
    /// that its order is the ids' (refs may repeat across an account's sources).
    static func key(_ id: Int64) -> String {
        let s = String(id)
        return String(repeating: "0", count: max(0, 19 - s.count)) + s
    }

    func plan(_ db: Database, session: Session) throws -> (planned: [Planned], report: RemindReport) {
        let today = session.today
        let stages = settings.rules.reminders
        let letterStages = ReminderChoice.letterStages(settings.rules.letters)
        let paused = try StagePauses.paused(db, on: today)
        var counts: [String: StageCount] = [:]
        for s in stages + letterStages { counts[s.name] = StageCount(stage: s.name, channel: s.channel) }
        for row in try Row.fetchAll(db, sql: "SELECT stage, count(*) FROM messages WHERE day = ? GROUP BY stage", arguments: [today.ordinal]) {
            let name: String = row[0]
            counts[name]?.skipped = row[1]
        }
        let sent = try Self.sentStages(db)
        let now = Int64(session.now.timeIntervalSince1970)
        var planned: [Planned] = []
        // Read in bulk, not per account (a million accounts): the attempts
        // the limits look at around the run (its moments fall within the
        // next day), and which accounts have holds or phone rows at all.
        let reach = Int64(ContactPolicy.reachDays + 2) * 86_400
        let attempts = try Self.attemptsByAccount(db, from: now - reach, to: now + 86_400 + reach)
        let held = Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT account_id FROM holds"))
        let withPhoneRows = Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT account_id FROM phones"))
        var clocks: [String: LocalClock] = [:]

        // Each account's open charges with what the messages need of the account, in one pass.
        let open = try Row.fetchCursor(db, sql: """
            SELECT c.id, c.account_id, c.due_date, c.open_amount, a.account_no, a.name, a.phone, a.email, a.address, a.timezone,
                   a.language, a.va_number
            FROM charges c JOIN accounts a ON a.id = c.account_id WHERE c.open_amount > 0 ORDER BY c.account_id
            """)
        var account: DebtorRow?
        var charges: [ReminderCharge] = []
        func flush() throws {
            guard var a = account, !charges.isEmpty else { return }
            if let clock = clocks[a.timezone] ?? LocalClock.system(a.timezone) {
                clocks[a.timezone] = clock
                a.clock = clock
            } else {
                throw StoreError("account \(a.accountNo) has time zone \(a.timezone), which this system does not know")
            }
            try planAccount(db, a, charges: charges, stages: stages, letterStages: letterStages, paused: paused,
                            sent: sent[a.id] ?? [], history: attempts[a.id] ?? [], held: held.contains(a.id),
                            phoneRows: withPhoneRows.contains(a.id), today: today, now: now, counts: &counts, into: &planned)
        }
        while let row = try open.next() {
            let id: Int64 = row[1]
            if id != account?.id {
                try flush()
                account = DebtorRow(id: id, accountNo: row[4], name: row[5], phone: row[6], email: row[7], address: row[8], timezone: row[9],
                                    language: row[10], vaNumber: row[11])
                charges.removeAll(keepingCapacity: true)
            }
            charges.append(ReminderCharge(ref: Self.key(row[0]), due: Day(ordinal: row[2]), open: Money(minor: row[3])))
        }
        try flush()
        let order = (stages + letterStages).map(\.name)
        return (planned, RemindReport(day: today, stages: order.compactMap { counts[$0] }, dryRun: false))
    }

    /// What a message needs of its account.
    struct DebtorRow {
        var id: Int64
        var accountNo, name: String
        var phone, email, address: String?
        var timezone: String
        var language, vaNumber: String?
        var clock: LocalClock?
    }

    /// Every attempt from `from` to `to` (unix seconds), by account: one
    /// range of the `contacts_at` index.
    static func attemptsByAccount(_ db: Database, from: Int64, to: Int64) throws -> [Int64: [ContactEvent]] {
        var out: [Int64: [ContactEvent]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT account_id, at, channel, contact FROM contacts INDEXED BY contacts_at WHERE attempt = 1 AND at BETWEEN ? AND ?
            """, arguments: [from, to])
        while let r = try rows.next() {
            out[r[0], default: []].append(ContactEvent(at: r[1], channel: Channel(rawValue: r[2]) ?? .phone, conversation: r[3]))
        }
        return out
    }

    /// The (stage, charge) pairs sent before, by account.
    static func sentStages(_ db: Database) throws -> [Int64: Set<StageSent>] {
        var out: [Int64: Set<StageSent>] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT m.account_id, s.stage, s.charge_id FROM message_stages s JOIN messages m ON m.id = s.message_id
            """)
        while let r = try rows.next() {
            out[r[0], default: []].insert(StageSent(stage: r[1], ref: key(r[2])))
        }
        return out
    }

    /// The account's messages of the day: the choice over the rules' stages
    /// and, for the letters, over its oldest open charge; a paused stage
    /// counted and left out; each message judged at its moment.
    func planAccount(_ db: Database, _ a: DebtorRow, charges: [ReminderCharge], stages: [ReminderStage],
                     letterStages: [ReminderStage], paused: Set<String>, sent: Set<StageSent>, history: [ContactEvent], held: Bool,
                     phoneRows: Bool, today: Day, now: Int64, counts: inout [String: StageCount], into planned: inout [Planned]) throws {
        let oldest = ReminderChoice.oldestOpen(charges).map { [$0] } ?? []
        func choose(_ leaveOut: Set<String>) -> [ReminderChannel: ChosenReminder] {
            var byChannel: [ReminderChannel: ChosenReminder] = [:]
            for c in ReminderChoice.choose(stages: stages.filter { !leaveOut.contains($0.name) }, charges: charges, today: today, sent: sent) {
                byChannel[c.channel] = c
            }
            // A warning letter and a `[[reminders]]` letter stage due the same
            // day are one letter (one message per channel a day, R13): the
            // warning letter, which covers the stage too (its text is the warning letter's).
            for c in ReminderChoice.choose(stages: letterStages.filter { !leaveOut.contains($0.name) }, charges: oldest, today: today, sent: sent) {
                if let other = byChannel[.letter] {
                    var merged = c
                    merged.covers += other.covers
                    byChannel[.letter] = merged
                } else {
                    byChannel[.letter] = c
                }
            }
            return byChannel
        }
        if !paused.isEmpty {
            for c in choose([]).values where paused.contains(c.stage.name) { counts[c.stage.name]?.paused += 1 }
        }
        let chosen = choose(paused)
        guard !chosen.isEmpty else { return }

        let accountID = a.id
        let clock = a.clock!
        let language = a.language.flatMap(Language.init(rawValue:)) ?? settings.rules.defaultLanguage
        let policy = settings.contactPolicy
        // R14: before the debtor's hours the message goes at their start.
        let local = clock.local(now)
        let moment = local.minute < policy.rules.startMinute ? clock.instant(day: local.day, minute: policy.rules.startMinute) : now
        let holds = held ? try HoldBook.holds(db, accountID: accountID) : []
        var history = history
        let phones = phoneRows ? try PhoneBook.phones(db, accountID: accountID) : PhoneBook.merge(imported: a.phone ?? "", rows: [])
        let pastDue = Money(minor: charges.filter { $0.due < today }.reduce(0) { $0 &+ $1.open.minor })
        let money = MoneyFormatter(currency: settings.currency, language: language)
        let idOf = Dictionary(charges.map { ($0.ref, Int64($0.ref)!) }, uniquingKeysWith: { a, _ in a })

        for channel in chosen.keys.sorted() {
            let c = chosen[channel]!
            let name = c.stage.name
            counts[name]?.chosen += 1
            func block(_ why: String) { counts[name]?.blocked[why, default: 0] += 1 }
            if case .blocked(let reason, _) = policy.check(channel.contactChannel, at: moment, clock: clock, history: history, holds: holds) {
                block(reason.countLabel); continue
            }
            var to: String
            var phoneNumber: String?
            switch channel {
            case .sms, .whatsapp:
                // A marked number is never used (CONTRACT §9); the debtor's first usable one is.
                guard let phone = phones.firstUsableDebtor(on: today) else {
                    block(phones.contains { $0.party == .debtor } ? "no usable number" : "no phone number"); continue
                }
                if PartyRules.refusal(phone, outcome: OutcomeTable.sent.code, on: today) != nil { block("number refused"); continue }
                to = phone.number; phoneNumber = phone.number
            case .email:
                guard let e = a.email, !e.isEmpty else { block("no e-mail address"); continue }
                to = e
            case .letter:
                // Letters go to the postal address: a phone's status does not stop them (a hold did, above).
                guard let address = a.address, !address.isEmpty else { block("no postal address"); continue }
                to = address
            }
            let values = ReminderChoice.values(c, name: a.name, accountNo: a.accountNo, pastDue: pastDue, vaNumber: a.vaNumber,
                                               today: today, money: money)
            let body = c.stage.template(language)?.render(values)
            let text: String
            if channel == .letter {
                let letter = try Self.letter(db, accountID: accountID, stage: c.stage, body: body, day: today, settings: settings)
                text = letter?.document.plainText.joined(separator: "\n") ?? (body ?? "")
            } else {
                text = body ?? ""
            }
            planned.append(Planned(accountID: accountID, stage: name, channel: channel, to: to, language: language, text: text,
                                   moment: moment, clock: clock, phoneNumber: phoneNumber,
                                   covers: c.covers.map { ($0.stage, idOf[$0.ref] ?? Int64($0.ref)!) }))
            counts[name]?.sent += 1
            // A message sent is an attempt: the next one of the run counts it.
            history.append(ContactEvent(at: moment, channel: channel.contactChannel, conversation: false))
        }
    }

    /// The letter an account is sent for `stage` on `day` (CONTRACT §10):
    /// every past-due charge; the stage's own text as its body when it is a
    /// `[[reminders]]` stage. Nil for an account no longer on the ledger.
    static func letter(_ db: Database, accountID: Int64, stage: ReminderStage, body: String?, day: Day,
                       settings: Settings) throws -> WarningLetterText? {
        guard let a = try Row.fetchOne(db, sql: "SELECT account_no, name, address, language, va_number FROM accounts WHERE id = ?",
                                       arguments: [accountID]) else { return nil }
        let language = (a["language"] as String?).flatMap(Language.init(rawValue:)) ?? settings.rules.defaultLanguage
        let charges = try Row.fetchAll(db, sql: """
            SELECT ref, due_date, open_amount FROM charges WHERE account_id = ? AND open_amount > 0 AND due_date < ? ORDER BY due_date, id
            """, arguments: [accountID, day.ordinal]).map { LetterCharge(ref: $0[0], due: Day(ordinal: $0[1]), open: Money(minor: $0[2])) }
        return WarningLetterText(letter: stage.name, level: WarningLetter(rawValue: stage.name), body: body, accountNo: a["account_no"],
                                 name: a["name"], address: a["address"], vaNumber: a["va_number"], charges: charges, day: day,
                                 rules: settings.rules.letters, city: settings.rules.companyCity, currency: settings.currency, language: language)
    }

    /// One `SENT` contact per message (made by the running login), the
    /// message, and the stages it covers; ids come in order, gap-free (R21).
    func record(_ db: Database, _ planned: [Planned], session: Session) throws {
        let contact = try db.makeStatement(sql: """
            INSERT INTO contacts(account_id, made_by, real_user, at, day, debtor_day, debtor_time, channel, outcome,
                                 attempt, contact, right_party, promise, note, phone_number)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'SENT', 1, 0, 0, 0, ?, ?)
            """)
        let message = try db.makeStatement(sql: """
            INSERT INTO messages(contact_id, account_id, day, stage, channel, recipient, language, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let covers = try db.makeStatement(sql: "INSERT INTO message_stages(stage, charge_id, message_id) VALUES (?, ?, ?)")
        var touched = Set<Int64>()
        for p in planned {
            try contact.execute(arguments: [p.accountID, session.user.login, session.realLogin, p.moment, session.today.ordinal,
                                            p.clock.local(p.moment).day.ordinal, p.clock.describe(p.moment), p.channel.rawValue,
                                            "reminder \(p.stage)", p.phoneNumber])
            let contactID = db.lastInsertedRowID
            try message.execute(arguments: [contactID, p.accountID, session.today.ordinal, p.stage, p.channel.rawValue, p.to,
                                            p.language.rawValue, p.text])
            let messageID = db.lastInsertedRowID
            for c in p.covers { try covers.execute(arguments: [c.stage, c.chargeID, messageID]) }
            touched.insert(p.accountID)
        }
        for a in touched.sorted() { try ContactLog.refreshQueueCache(db, accountID: a) }
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

extension BlockReason {
    /// The reason without the moment's details, for counting the blocked
    /// messages of a stage: `daily limit`, `holiday (Natal)`, `on hold (dispute)`.
    var countLabel: String {
        switch self {
        case .notAContactDay: "not a contact day"
        case .holiday(let name): "holiday (\(name))"
        case .beforeHours: "before hours"
        case .afterHours: "after hours"
        case .dailyLimit: "daily limit"
        case .weeklyPhoneLimit, .weeklyPhoneLimitAhead: "weekly phone limit"
        case .restAfterConversation, .laterPhoneAttempt: "rest after a conversation"
        case .onHold(let kind, _): "on hold (\(kind.rawValue))"
        }
    }
}
