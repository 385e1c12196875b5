/// An open charge as the reminder run sees it on the run's day.
public struct ReminderCharge: Sendable, Equatable {
    public var ref: String
    public var due: Day
    /// What is still owed on it (positive).
    public var open: Money
    public init(ref: String, due: Day, open: Money) { self.ref = ref; self.due = due; self.open = open }
}

/// A stage sent for a charge: the unit of "once per charge" (R13).
public struct StageSent: Hashable, Sendable {
    public var stage: String
    public var ref: String
    public init(stage: String, ref: String) { self.stage = stage; self.ref = ref }
}

/// The message chosen for one account and channel on one day.
public struct ChosenReminder: Sendable, Equatable {
    /// The most advanced due stage on the channel.
    public var stage: ReminderStage
    /// The charge that made it due (the text's due date and days late).
    public var charge: ReminderCharge
    /// Every (stage, charge) due on the channel today: sending the message
    /// counts them all as sent (R13), so none of them goes again.
    public var covers: [StageSent]

    public init(stage: ReminderStage, charge: ReminderCharge, covers: [StageSent]) {
        self.stage = stage; self.charge = charge; self.covers = covers
    }
}

/// Which reminders an account is due today (CONTRACT §10, R13), as a pure
/// function of its open charges, the stages and what was sent before: the
/// same inputs give the same choice whatever order things were logged in.
///
/// A stage is due for a charge from the day `due + days` on, while the
/// charge is open and until it has been sent: a stage the policy blocked
/// goes the next day it is allowed. An account gets at most one message per
/// channel a day, for its most advanced due stage (the most days; then the
/// oldest charge; then the rules' order).
public enum ReminderChoice {
    public static func choose(stages: [ReminderStage], charges: [ReminderCharge], today: Day,
                              sent: Set<StageSent>) -> [ChosenReminder] {
        var best: [ReminderChannel: (stage: Int, charge: ReminderCharge)] = [:]
        var covers: [ReminderChannel: [StageSent]] = [:]
        for (si, stage) in stages.enumerated() {
            for charge in charges where charge.open.isPositive {
                guard charge.due.adding(days: stage.days) <= today else { continue }
                let key = StageSent(stage: stage.name, ref: charge.ref)
                guard sent.isEmpty || !sent.contains(key) else { continue }
                covers[stage.channel, default: []].append(key)
                if let b = best[stage.channel], !advances((si, charge), over: b, stages) { continue }
                best[stage.channel] = (si, charge)
            }
        }
        return best.keys.sorted().map { channel in
            let b = best[channel]!
            return ChosenReminder(stage: stages[b.stage], charge: b.charge, covers: covers[channel]!)
        }
    }

    private static func advances(_ a: (stage: Int, charge: ReminderCharge), over b: (stage: Int, charge: ReminderCharge),
                                 _ stages: [ReminderStage]) -> Bool {
        let (da, db) = (stages[a.stage].days, stages[b.stage].days)
        if da != db { return da > db }
        if a.charge.due != b.charge.due { return a.charge.due < b.charge.due }
        if a.stage != b.stage { return a.stage < b.stage }
        return a.charge.ref < b.charge.ref
    }

    /// The warning letters as stages: SP1–SP3 go by the days past due of the
    /// account's oldest open charge, so they are judged on that charge alone.
    public static func letterStages(_ rules: LetterRules) -> [ReminderStage] {
        rules.thresholds.map { ReminderStage(name: $0.letter.rawValue, days: $0.days, channel: .letter, templates: [:]) }
    }

    /// The oldest open charge (by due date, then ref): the one letters follow.
    public static func oldestOpen(_ charges: [ReminderCharge]) -> ReminderCharge? {
        charges.filter { $0.open.isPositive }.min { ($0.due, $0.ref) < ($1.due, $1.ref) }
    }

    /// The template's values for a chosen message (CONTRACT §10): the amount
    /// due is the account's past-due amount, or, for a stage before the due
    /// date, the charge's open amount, in the template's language.
    public static func values(_ c: ChosenReminder, name: String, accountNo: String, pastDue: Money, vaNumber: String?,
                              today: Day, money: MoneyFormatter) -> ReminderValues {
        ReminderValues(chosen: c, name: name, accountNo: accountNo, pastDue: pastDue, vaNumber: vaNumber, today: today, money: money)
    }
}

/// A message's field values, each made only when its template names it
/// (a run renders a million messages; formatting an amount no template
/// shows was a twentieth of its choosing).
public struct ReminderValues: Sendable {
    let chosen: ChosenReminder
    let name, accountNo: String
    let pastDue: Money
    let vaNumber: String?
    let today: Day
    let money: MoneyFormatter

    public subscript(_ field: MessageTemplate.Field) -> String {
        switch field {
        case .name: name
        case .account_no: accountNo
        case .amount_due: money.format(chosen.stage.days < 0 || !pastDue.isPositive ? chosen.charge.open : pastDue)
        case .due_date: chosen.charge.due.iso
        case .days_late: String(max(0, today.ordinal - chosen.charge.due.ordinal))
        case .va_number: vaNumber ?? ""
        }
    }

    /// Every field's value.
    public var all: [MessageTemplate.Field: String] {
        Dictionary(uniqueKeysWithValues: MessageTemplate.Field.allCases.map { ($0, self[$0]) })
    }
}
