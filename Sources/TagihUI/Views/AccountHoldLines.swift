import TagihCore

// The account's holds in force and its cases, atop the body (CONTRACT §9):
// what stops collection is read before the figures.
extension AccountView {
    /// The holds in force (kind, since, until or "no end set", reason) and
    /// the cases: each open one with its due date, an overdue one in the
    /// alert colour. Nothing when the account has neither.
    static func holdAndCaseLines(_ d: AccountDetail, _ s: AppState) -> [Line] {
        let str = s.strings
        var out: [Line] = []
        if !d.holds.isEmpty {
            out.append(Line(" " + str.format(.holdsInForce, d.holds.count), Palette.section))
            for h in d.holds {
                let until = h.lastDay.map { str.format(.holdUntil, str.shortDate($0)) } ?? str[.holdNoEnd]
                out.append(Line("   " + str.format(.holdLine, str.holdKind(h.kind), str.shortDate(h.since), until, TextField.visible(h.reason)),
                                h.kind.blocksCollection ? Palette.warning : .plain))
            }
        }
        if !d.cases.isEmpty {
            let open = d.cases.filter { $0.state.status.isUnresolved }
            if open.isEmpty {
                out.append(Line(" " + str.format(.casesNoneOpen, d.cases.count), Palette.section))
            } else {
                out.append(Line(" " + str.format(.casesOpen, open.count, d.cases.count), Palette.section))
                for (c, state) in open {
                    let summary = TextField.visible(c.summary)
                    if state.status == .overdue {
                        out.append(Line("   " + str.format(.caseLineOverdue, c.id, str.caseType(c.type), str.shortDate(state.due), summary),
                                        Palette.warning))
                    } else {
                        out.append(Line("   " + str.format(.caseLine, c.id, str.caseType(c.type), str.caseStatus(state.status),
                                                            str.shortDate(state.due), summary)))
                    }
                }
            }
        }
        return out
    }
}
