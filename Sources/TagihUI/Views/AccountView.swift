import Foundation
import TagihCore
import TagihTerminal

/// The account workspace: who the debtor is and what time it is for them,
/// the position today, then a scrolling body of open charges, payments and
/// adjustments, and the sections contacts, promises and plans will fill.
enum AccountView {
    /// Rows 1…7 hold the header; the body scrolls below it.
    static let headerRows = 7

    /// Body rows on screen: between the header and the two bottom lines.
    static func visibleRows(_ s: AppState) -> Int { max(1, s.height - 3 - headerRows - 1) }

    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ a: AccountState) {
        let str = s.strings
        guard let d = a.detail else {
            Chrome.title(&b, "\(str[.appName]) — \(str[.accountTitle])")
            b.put(" " + str[.loading], x: 0, y: 2)
            Chrome.bottom(&b, hint: Chrome.hint(.account, Chrome.accountTips, state: s), state: s)
            return
        }
        Chrome.title(&b, "\(d.accountNo)  \(d.name)", right: [d.segment, d.collector].compactMap { $0 }.joined(separator: " · "))
        b.put(headerForm(phonesLine(d, s), b.width), x: 0, y: 1)
        b.put(headerForm(addressLine(d, s), b.width), x: 0, y: 2)
        let verdict = verdict(d, channel: .phone, state: s)
        // The verdict whole when it fits; else its first part here and the reason, whole, atop the body.
        let line = verdictLine(d, channel: .phone, state: s)
        let shown = displayWidth(line) <= b.width - 2 ? line : verdictParts(d, channel: .phone, state: s).head
        b.put(" " + fit(shown, b.width - 2), x: 0, y: 3, style: verdict.isAllowed ? .plain : Palette.warning)

        let p = d.position
        b.put(" \(str[.colBalance]) \(s.money.format(p.balance))  ·  \(str[.pastDue]) \(s.money.format(p.pastDue))  ·  "
              + "\(str[.unapplied]) \(s.money.format(p.unapplied))", x: 0, y: 4, style: Palette.section)
        b.put(" " + fit(agingLine(d, state: s).header, b.width - 2), x: 0, y: 5)
        if let who = a.heldBy {
            b.put(" " + str.format(.leaseHeldBy, "\(who.name) (\(who.login))"), x: 0, y: 6, style: Palette.warning)
        } else {
            b.put(" " + str[.leaseNote], x: 0, y: 6, style: Palette.hint)
        }

        let lines = bodyLines(d, state: s)
        let top = 1 + headerRows
        for i in 0..<visibleRows(s) {
            let index = a.scroll + i
            guard index < lines.count else { break }
            b.put(lines[index].text, x: 0, y: top + i, style: lines[index].style)
        }
        if lines.count > visibleRows(s) {
            b.putRight("\(a.scroll + 1)–\(min(lines.count, a.scroll + visibleRows(s)))/\(lines.count)", right: b.width, y: top - 1, style: Palette.hint)
        }
        Chrome.bottom(&b, hint: Chrome.hint(.account, Chrome.accountTips, state: s), state: s)
    }

    /// The oldest past due and each bucket's open amount: whole in the
    /// header when it fits; else the header keeps the buckets that fit
    /// whole (then `+N ↓`) and `rest` has them all, for atop the body.
    static func agingLine(_ d: AccountDetail, state s: AppState) -> (header: String, rest: String?) {
        let str = s.strings
        var totals = Array(repeating: Int64(0), count: s.buckets.count)
        for c in d.position.openCharges { totals[s.buckets.index(daysPastDue: Day.days(from: c.charge.dueDate, to: s.today))] += c.open.minor }
        let parts = totals.indices.reversed().filter { totals[$0] != 0 }
            .map { "\(str.bucketLabel(s.buckets.labels[$0])) \(s.money.format(Money(minor: totals[$0])))" }
        let oldest = "\(str[.oldestPastDue]) \(d.position.oldestDaysPastDue) \(str[.days])"
        let whole = ([oldest] + parts).joined(separator: "  ·  ")
        guard displayWidth(whole) > s.width - 2 else { return (whole, nil) }
        var shown = [oldest]
        for (i, part) in parts.enumerated() {
            let more = "  ·  +\(parts.count - i - 1) ↓"
            guard displayWidth((shown + [part]).joined(separator: "  ·  ") + more) <= s.width - 2 else {
                return (shown.joined(separator: "  ·  ") + "  ·  +\(parts.count - i) ↓", parts.joined(separator: "  ·  "))
            }
            shown.append(part)
        }
        return (whole, nil)
    }

    /// The scrolling part, laid out for the screen width.
    static func bodyLines(_ d: AccountDetail, state s: AppState) -> [Line] {
        let str = s.strings
        var out: [Line] = []
        let p = d.position

        // What the header has no room for is read here, never cut: a long
        // block reason, the buckets beyond the header's line.
        let line = verdictLine(d, channel: .phone, state: s)
        let reason = displayWidth(line) > s.width - 2 ? verdictParts(d, channel: .phone, state: s).reason : nil
        if let reason { out.append(Line(" " + reason, Palette.warning)) }
        if let review = reviewLine(d, s) { out.append(review) }
        let holdLines = holdAndCaseLines(d, s) + phoneSection(d, s)
        out += holdLines
        out += contactOverflow(d, s)
        if let rest = agingLine(d, state: s).rest {
            // Packed a whole bucket at a time: a label never parts from its amount.
            var current = ""
            for part in rest.components(separatedBy: "  ·  ") {
                let next = current.isEmpty ? " " + part : current + "  ·  " + part
                if displayWidth(next) > s.width, !current.isEmpty {
                    out.append(Line(current))
                    current = " " + part
                } else {
                    current = next
                }
            }
            if !current.isEmpty { out.append(Line(current)) }
        }
        if reason != nil || agingLine(d, state: s).rest != nil || !holdLines.isEmpty { out.append(Line("")) }
        out.append(Line(" \(str[.charges]) (\(p.openCharges.count))", Palette.section))
        if p.openCharges.isEmpty {
            out.append(Line("   " + str[.noCharges]))
        } else {
            // The issue date only when there is room for it.
            let wide = s.width >= 100
            // Amounts and days are never cut: their columns take the widest, the reference gives way.
            let amountWidth = max(16, p.openCharges.map { max(displayWidth(s.money.format($0.charge.amount)), displayWidth(s.money.format($0.open))) }.max() ?? 0)
            let daysWidth = max(5, displayWidth(str[.colDays]),
                                p.openCharges.map { displayWidth(daysText(Day.days(from: $0.charge.dueDate, to: s.today), str)) }.max() ?? 0)
            let refWidth = max(8, min(18, s.width - 3 - 11 - 2 * amountWidth - daysWidth - 5 - (wide ? 14 : 0)))
            func chargeColumns(_ ref: String, _ due: String, _ amount: String, _ open: String, _ days: String, _ issued: String) -> String {
                "   " + columns([(ref, refWidth, .left), (due, 11, .left), (amount, amountWidth, .right), (open, amountWidth, .right), (days, daysWidth, .right)]
                             + (wide ? [(issued, 13, .left)] : [])) // two spaces and the date, whole
            }
            out.append(Line(chargeColumns(str[.colRef], str[.colDue], str[.colAmount], str[.colOpen], str[.colDays], "  " + str[.colIssued]),
                            Palette.header))
            for c in p.openCharges {
                let days = Day.days(from: c.charge.dueDate, to: s.today)
                out.append(Line(chargeColumns(c.charge.ref, str.shortDate(c.charge.dueDate), s.money.format(c.charge.amount),
                                              s.money.format(c.open), daysText(days, str), "  " + str.shortDate(c.charge.issueDate)),
                                Palette.days(days)))
            }
        }
        out.append(Line(""))
        out.append(Line(" \(str[.activity]) (\(d.activity.count))", Palette.section))
        if d.activity.isEmpty {
            out.append(Line("   " + str[.noActivity]))
        } else {
            func signed(_ e: LedgerActivity) -> String { (e.kind == .debit || e.kind == .reversal ? "+" : "-") + s.money.format(e.amount) }
            let amountWidth = max(16, d.activity.map { displayWidth(signed($0)) }.max() ?? 0)
            let refWidth = max(8, 18 - (amountWidth - 16))
            out.append(Line("   " + columns([(str[.colDate], 11, .left), (str[.colKind], 11, .left), (str[.colChannel], 13, .left),
                                             (str[.colRef], refWidth, .left), (str[.colAmount], amountWidth, .right)]) + " " + str[.colNote], Palette.header))
            for e in d.activity {
                var note = e.note ?? ""
                if let r = e.reversedOn { note = str.format(.reversedOn, str.shortDate(r)) + (note.isEmpty ? "" : "; " + note) }
                out.append(Line("   " + columns([(str.shortDate(e.date), 11, .left), (kindName(e.kind, str), 11, .left),
                                                 (e.channel ?? "", 13, .left), (e.ref, refWidth, .left),
                                                 (signed(e), amountWidth, .right)]) + " " + note,
                                e.reversedOn != nil ? Palette.hint : .plain))
            }
        }
        out.append(Line(""))
        out.append(Line(" \(str[.contacts]) (\(d.contacts.count))", Palette.section))
        if d.contacts.isEmpty { out.append(Line("   " + str[.noContactsYet], Palette.hint)) }
        for c in d.contacts {
            var parts = contactParts(c, state: s)
            if let note = c.note { parts.append("“\(note)”") }
            out.append(Line("   " + parts.joined(separator: "  ")))
        }
        out.append(Line(""))
        out.append(Line(" \(str[.promises]) (\(d.promises.count))", Palette.section))
        if d.promises.isEmpty { out.append(Line("   " + str[.noPromisesYet], Palette.hint)) }
        for p in d.promises {
            out.append(Line("   " + str.format(.promiseMade, s.money.format(p.amount), p.madeBy, str.shortDate(p.madeOn), str.shortDate(p.due),
                                                  str.promiseStatus(p.status), s.money.format(p.paid)),
                            p.status == .broken ? Palette.warning : p.status == .kept ? Style(color: .green) : .plain))
        }
        out.append(Line(""))
        out.append(Line(" \(str[.plans]) (\(d.plans.count))", Palette.section))
        if d.plans.isEmpty { out.append(Line("   " + str[.noPlansYet], Palette.hint)) }
        for (k, p) in d.plans.enumerated() {
            let sch = p.schedule
            let paid = Money(minor: p.paid.reduce(0) { $0 + $1.minor })
            out.append(Line("   " + str.format(.planLine, p.id, str.planStatus(p.status.rawValue), sch.terms.instalments, str.every(sch.terms.frequency),
                                                  s.money.format(sch.total), formatPercent(sch.terms.discountBasisPoints), s.money.format(paid)),
                            p.status == .broken ? Palette.warning : p.status == .active ? Palette.section : .plain))
            // The newest plan's lines, each with its state today.
            guard k == 0 else { continue }
            let amountWidth = max(15, sch.lines.map { displayWidth(s.money.format($0.amount)) }.max() ?? 0)
            for (line, covered) in zip(sch.lines, p.paid) {
                let state: String = covered >= line.amount ? str[.lineKept]
                    : line.due < s.today ? str[.lineLate] : covered.isPositive ? str[.linePartly] : str[.lineDue]
                out.append(Line("     " + columns([(String(line.n), 3, .right), (str.shortDate(line.due), 12, .left),
                                                   (s.money.format(line.amount), amountWidth, .right), (s.money.format(covered), amountWidth, .right), (state, 10, .left)]),
                                line.due < s.today && covered < line.amount ? Palette.warning : .plain))
            }
        }
        out += messageLines(d, s)
        // Nothing is cut: a line wider than the screen (a note, a promise,
        // an override's reason) goes on under itself, indented.
        // Column headings are labels: fitted, not wrapped.
        return out.flatMap { l in
            l.style == Palette.header ? [Line(fit(l.text, s.width), l.style)] : wrapKeepingSpaces(l.text, s.width).map { Line($0, l.style) }
        }
    }

    /// A contact as a line shows it, without its note: when (the debtor's
    /// time), how, the outcome, by whom, and what it promised or overrode.
    static func contactParts(_ c: ContactRecord, state s: AppState) -> [String] {
        let str = s.strings
        var parts = [c.debtorTime, FormView.channelName(c.channel, str), c.outcome, c.madeBy]
        if let r = c.reason { parts.append(FormView.reasonName(r, str)) }
        if let p = c.promise { parts.append(str.format(.contactPromise, s.money.format(p.amount), str.shortDate(p.due))) }
        if let n = c.nextAction { parts.append(str.format(.contactNext, str.shortDate(n))) }
        if let o = c.override { parts.append(str.format(.contactOverride, o)) }
        return parts
    }

    /// A line broken at spaces into lines of at most `width` columns, its
    /// spacing kept (columns stay aligned); the continuations indented two
    /// more than the line. A word longer than a line is cut only then.
    static func wrapKeepingSpaces(_ text: String, _ width: Int) -> [String] {
        guard displayWidth(text) > width, width > 10 else { return [fit(text, width)] }
        let indent = String(repeating: " ", count: min(width / 2, text.prefix { $0 == " " }.count + 2))
        var out: [String] = []
        var rest = Substring(text)
        var prefix = ""
        while displayWidth(prefix + rest) > width {
            let room = width - displayWidth(prefix)
            // The last space that keeps the line within the room (not a leading one).
            var cut: String.Index?
            var used = 0
            var i = rest.startIndex
            while i < rest.endIndex {
                used += displayWidth(String(rest[i]))
                if used > room { break }
                if rest[i] == " ", rest[..<i].contains(where: { $0 != " " }) { cut = i }
                i = rest.index(after: i)
            }
            guard let at = cut else { break } // one long word: cut below
            out.append(prefix + rest[..<at].replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
            rest = rest[at...].drop { $0 == " " }
            prefix = indent
        }
        out.append(fit(prefix + rest, width))
        return out
    }

    /// Days past due, or for a charge not yet due the days until it is (`in 17 d`), never a bare 0.
    static func daysText(_ days: Int, _ str: Strings) -> String {
        days < 0 ? str.format(.dueIn, -days) : String(days)
    }

    static func kindName(_ k: LedgerActivity.Kind, _ str: Strings) -> String {
        switch k {
        case .payment: str[.kindPayment]
        case .credit: str[.kindCredit]
        case .writeoff: str[.kindWriteoff]
        case .debit: str[.kindDebit]
        case .reversal: str[.kindReversal]
        }
    }

    /// May the debtor be reached on `channel` now (the contact policy, live)?
    static func verdict(_ d: AccountDetail, channel: Channel, state s: AppState) -> ContactVerdict {
        guard let clock = d.clock else { return .allowed }
        // The holds in force: one other than hardship blocks every channel (CONTRACT §9).
        return s.policy.check(channel, at: s.contactInstant.at, clock: clock, history: d.recentAttempts, holds: d.holds)
    }

    /// `Debtor's time: Mon 23 Nov 2026 14:05 WITA (Asia/Makassar) — contact allowed now`,
    /// or blocked until when, with a countdown and the reason.
    static func verdictLine(_ d: AccountDetail, channel: Channel, state s: AppState) -> String {
        let str = s.strings
        let at = s.contactInstant.at
        guard let clock = d.clock else { return "\(localTime(zone: d.timeZone, now: at, strings: str)) \(str[.localTime])" }
        let time = "\(shortTime(at, clock: clock, today: s.today, strings: str)) \(str[.localTime])"
        switch verdict(d, channel: channel, state: s) {
        case .allowed:
            return "\(time) — \(str[.verdictAllowed])"
        case .blocked(let reason, let next?):
            let when = shortTime(next, clock: clock, today: s.today, strings: str)
            return "\(time) — \(str.format(.verdictBlockedUntil, when)) (\(str.format(.inDuration, str.duration(next - at)))): \(str.blockReason(reason))"
        case .blocked(let reason, nil):
            return "\(time) — \(str.format(.verdictBlockedLong, str.blockReason(reason)))" + holdEnd(reason, str)
        }
    }

    /// A hold with no end set says so (CONTRACT §9), where a time would be.
    static func holdEnd(_ reason: BlockReason, _ str: Strings) -> String {
        reason.isHold ? ", " + str[.holdNoEnd] : ""
    }

    /// The verdict in two parts, for a screen too narrow for it whole: the
    /// time and whether (until when) contact is allowed; and the reason.
    static func verdictParts(_ d: AccountDetail, channel: Channel, state s: AppState) -> (head: String, reason: String?) {
        let str = s.strings
        let at = s.contactInstant.at
        guard let clock = d.clock else { return (verdictLine(d, channel: channel, state: s), nil) }
        let time = "\(shortTime(at, clock: clock, today: s.today, strings: str)) \(str[.localTime])"
        switch verdict(d, channel: channel, state: s) {
        case .allowed:
            return (verdictLine(d, channel: channel, state: s), nil)
        case .blocked(let reason, let next?):
            let when = shortTime(next, clock: clock, today: s.today, strings: str)
            return ("\(time) — \(str.format(.verdictBlockedUntil, when)) (\(str.format(.inDuration, str.duration(next - at))))", str.blockReason(reason))
        case .blocked(let reason, nil):
            return (time, str.format(.verdictBlockedLong, str.blockReason(reason)) + holdEnd(reason, str))
        }
    }

    /// `Mon 14:05 WITA` within the week ahead, else `Mon 7 Dec 2026 14:05 WITA`.
    static func shortTime(_ instant: Int64, clock: LocalClock, today: Day, strings: Strings) -> String {
        let (day, minute) = clock.local(instant)
        let near = abs(Day.days(from: today, to: day)) < 7
        let date = near ? strings.weekdayDate(day).split(separator: " ").first.map(String.init) ?? "" : strings.weekdayDate(day)
        return "\(date) \(BlockReason.clock(minute)) \(clock.abbreviation(at: instant))"
    }

    /// `Mon 23 Nov 2026 14:05 WITA`: what time it is where the debtor lives.
    static func localTime(zone: String, now: Int64, strings: Strings) -> String {
        guard let tz = TimeZone(identifier: zone) else { return zone }
        let date = Date(timeIntervalSince1970: TimeInterval(now))
        let offset = tz.secondsFromGMT(for: date)
        let local = now + Int64(offset)
        let day = Day(ordinal: Int32((local - ((local % 86_400) + 86_400) % 86_400) / 86_400))
        let minutes = Int(((local % 86_400) + 86_400) % 86_400) / 60
        let clock = String(minutes / 60).leftPadded(2) + ":" + String(minutes % 60).leftPadded(2)
        let name = ZoneNames.abbreviation(zone) ?? ZoneNames.utcOffset(offset)
        return "\(strings.weekdayDate(day)) \(clock) \(name)"
    }
}

extension Strings.Key {
    func label(_ s: Strings) -> String { s[self] }
}
