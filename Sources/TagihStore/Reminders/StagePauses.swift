import TagihCore

/// `tagih remind pause STAGE` / `resume STAGE` (R15): dated records, so the
/// state on a day is derived (the latest record on or before it), and the
/// rules stay as they were loaded.
public struct StagePauses: Sendable {
    public let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    /// The stages paused on `day`.
    static func paused(_ db: any LedgerSQL, on day: Day) throws -> Set<String> {
        let rows = try db.rows("SELECT stage, paused FROM stage_pauses WHERE day <= ? ORDER BY day, id", [.int(Int64(day.ordinal))])
        var state: [String: Bool] = [:]
        for r in rows { state[r.string("stage")] = r.bool("paused") }
        return Set(state.filter(\.value).keys)
    }

    public func paused(on day: Day) throws -> Set<String> {
        try database.read { try Self.paused($0, on: day) }
    }

    /// Pauses (or resumes) `stage` from the session's day, audited. A name
    /// that is no stage of the rules (nor SP1–SP3) is refused; pausing a
    /// paused stage changes nothing and says so (false).
    public func set(_ stage: String, paused: Bool, session: Session) throws -> Bool {
        try StoreError.require(.pauseReminders, session)
        let known = database.settings.rules.reminders.map(\.name) + WarningLetter.allCases.map(\.rawValue)
        guard known.contains(stage) else {
            throw StoreError(.unknownStage(TextField.visible(stage), known: known), exitCode: 2)
        }
        return try database.write { db in
            let now = try Self.paused(db, on: session.today).contains(stage)
            guard now != paused else { return false }
            // The id taken here (not the engine's rowid): the same number on both backends.
            let id = try db.nextID(in: "stage_pauses")
            _ = try db.execute("INSERT INTO stage_pauses(id, stage, day, paused, by_user) VALUES (?, ?, ?, ?, ?)",
                               id, stage, Int64(session.today.ordinal), paused, session.user.login)
            _ = try db.execute(db.dialect.sealAdded(table: SealedTable.stagePauses.rawValue, where: "id = ?"), id)
            try AuditTrail.append(db, session: session, action: paused ? "remind.pause" : "remind.resume", subject: stage,
                                  detail: "from \(session.today.iso)")
            return true
        }
    }
}
