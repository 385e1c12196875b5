import TagihCore

/// Reports → Reminders: tomorrow's run per stage, as `tagih remind
/// --dry-run` counts it, and under the table the selected stage's blocked
/// messages by reason. A paused stage shows what it would have sent.
enum RemindersView {
    static func rows(_ r: ReportsState, _ s: AppState) -> [Line] {
        let str = s.strings
        var out = [Line(" " + columns([(str[.colStage], 14, .left), (str[.colChannel], 9, .left), (str[.colChosen], 8, .right),
                                        (str[.colToSend], 8, .right), (str[.colBlocked], 9, .right), (str[.colPaused], 7, .right),
                                        (str[.colSent], 6, .right), (str[.colState], 8, .left)]))]
        if r.reminders.isEmpty { out.append(Line(" " + str[.noStages], Palette.hint)) }
        for p in r.reminders {
            out.append(Line(" " + columns([(p.stage, 14, .left), (p.channel.rawValue, 9, .left), (String(p.chosen), 8, .right),
                                           (String(p.toSend), 8, .right), (String(p.blockedCount), 9, .right),
                                           (String(p.pausedCount), 7, .right), (String(p.alreadySent), 6, .right),
                                           (p.isPaused ? str[.pausedWord] : str[.activeWord], 8, .left)]),
                            p.isPaused ? Palette.warning : .plain))
        }
        return out
    }

    /// The selected stage's blocked messages, counted per reason (the
    /// contact policy's reasons, as `remind --dry-run` prints them).
    static func detail(_ r: ReportsState, _ s: AppState) -> [Line] {
        guard r.reminders.indices.contains(r.cursor) else { return [] }
        let p = r.reminders[r.cursor]
        // A letter stage due with a warning letter goes inside it: say so, or the lead sees it "to send 0".
        let inLetter = p.inLetter > 0 ? [Line(s.strings.format(.inWarningLetter, p.stage, p.inLetter), Palette.hint)] : []
        guard !p.blocked.isEmpty else { return [Line(s.strings.format(.nothingBlocked, p.stage), Palette.hint)] + inLetter }
        return [Line(s.strings.format(.blockedBy, p.stage, s.strings.reminderBlocks(p.blocked)), Palette.section)] + inLetter
    }

    static func period(_ s: AppState) -> String { s.strings.format(.period, s.strings.shortDate(s.today.adding(days: 1))) }

    /// The preview as CSV, one line per stage (blocked reasons as `reason=count;…`).
    static func csv(_ r: ReportsState) -> String {
        var out = "stage,channel,chosen,to_send,blocked,blocked_reasons,paused,already_sent,state\n"
        for p in r.reminders {
            // The reasons' stable English keys: a CSV is read by programs.
            let reasons = p.blocked.map { ($0.key.key, $0.value) }.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ";")
            out += [csvField(p.stage), p.channel.rawValue, String(p.chosen), String(p.toSend), String(p.blockedCount),
                    csvField(reasons), String(p.pausedCount), String(p.alreadySent), p.isPaused ? "paused" : "active"].joined(separator: ",") + "\n"
        }
        return out
    }
}
