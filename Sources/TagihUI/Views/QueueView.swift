import TagihCore
import TagihTerminal

/// The work queue: the accounts to work, in priority order, one per line,
/// with the reason the selected one is where it is.
enum QueueView {
    static func scopeName(_ scope: QueueScope, _ s: AppState) -> String {
        switch scope {
        case .collector(let l) where l == s.me.login: s.strings[.scopeMine]
        case .collector(let l): "\(s.strings[.scopeCollector]) \(l)" + (s.users.first { $0.login == l }.map { " (\($0.name))" } ?? "")
        case .team(let t): "\(s.strings[.scopeTeam]) \(t)"
        case .unassigned: s.strings[.scopeUnassigned]
        case .book: s.strings[.scopeBook]
        }
    }

    static func sortName(_ sort: QueueSort, _ s: AppState) -> String {
        switch sort {
        case .priority: s.strings[.sortPriority]
        case .balance: s.strings[.sortBalance]
        case .daysPastDue: s.strings[.sortDays]
        case .accountNo: s.strings[.sortAccountNo]
        }
    }

    /// Column widths for a screen width: the name takes what is left.
    static func widths(_ width: Int) -> (account: Int, name: Int, balance: Int, days: Int, bucket: Int, last: Int, next: Int) {
        let fixed = 1 + 10 + 17 + 4 + 6 + 9 + 8 + 7 // marker, columns and the gaps between them
        return (10, max(8, width - fixed), 17, 4, 6, 9, 8)
    }

    static func draw(_ b: inout ScreenBuffer, _ s: AppState) {
        let q = s.queue
        let str = s.strings
        let count = q.loaded ? " (\(s.money.count(q.ordered.count)))" : ""
        // A drill-down from a past day's aging says which day its figures are.
        let title = q.asOf.map { str.format(.queueAsOf, $0.iso) } ?? str[.queueTitle]
        Chrome.title(&b, "\(str[.appName]) — \(title)", right: scopeName(q.scope, s) + count)

        let bucketText = q.filter.bucket.map { str.bucketLabel(s.buckets.labels[$0]) } ?? str[.allBuckets]
        let segmentText = (q.filter.segment ?? str[.allSegments]) + (q.filter.held ? " · " + str[.filterHeld] : "")
        let marks = q.marked.isEmpty ? "" : "   + " + str.format(.markedCount, q.marked.count)
        b.put(" \(str[.filterLabel]): \(bucketText) · \(segmentText)   \(str[.sortLabel]): \(sortName(q.sort, s))" + marks, x: 0, y: 1)

        let w = widths(b.width)
        b.put(" " + columns([(str[.colAccount], w.account, .left), (str[.colName], w.name, .left), (str[.colBalance], w.balance, .right),
                             (str[.colDays], w.days, .right), (str[.colBucket], w.bucket, .left), (str[.colLastContact], w.last, .left),
                             (str[.colNext], w.next, .left)]), x: 0, y: 2, style: Palette.header)

        // The reason line is never cut: when it wraps, the list gives up a
        // line for each extra one and is drawn from lower down, the cursor kept on screen.
        let whyLines = Array(Chrome.wrap(why(s), b.width - 2).prefix(3))
        let height = max(1, s.bodyHeight - max(0, whyLines.count - 1))
        let first = min(max(q.top, q.cursor - height + 1), max(0, q.ordered.count - 1))
        if !q.loaded {
            b.put(" " + str[.loading], x: 0, y: 3)
        } else if q.ordered.isEmpty {
            b.put(" " + (q.filter.isEmpty ? str[.queueEmpty] : str[.queueEmptyFiltered]), x: 0, y: 3)
        }
        for i in 0..<height {
            let index = first + i
            guard index < q.ordered.count else { break }
            let key = q.ordered[index]
            let row = q.rows[key.accountID]
            let days = Day.days(from: key.oldestDue, to: s.queueDay)
            let bucket = s.buckets.labels[s.buckets.index(daysPastDue: days)]
            let marker = q.marked[key.accountID] != nil ? "+" : row?.leasedBy != nil ? "*" : " "
            let text = marker + columns([
                (row?.accountNo ?? str[.loading], w.account, .left), (row?.name ?? "", w.name, .left),
                (s.money.format(key.balance), w.balance, .right), (String(days), w.days, .right),
                (str.bucketLabel(bucket), w.bucket, .left),
                (row?.lastContact.map { $0 == s.today ? s.strings[.today] : shortDay($0, s) } ?? "—", w.last, .left), (nextAction(key, s), w.next, .left),
            ])
            let y = 3 + i
            if index == q.cursor {
                b.fill(row: y, style: Palette.selected)
                b.put(text, x: 0, y: y, style: Palette.selected)
            } else {
                // Accounts that may not be called now are dimmed: still there, not yet.
                b.put(text, x: 0, y: y, style: key.blockedNow ? Palette.hint : Palette.days(days))
            }
        }
        for (i, line) in whyLines.enumerated() { b.put(" " + line, x: 0, y: b.height - 2 - whyLines.count + i) }
        Chrome.bottom(&b, hint: Chrome.hint(.queue, Chrome.queueTips, state: s), state: s)
    }

    /// Every account in a queue has a next action: the one a contact set,
    /// else the day contact opens, else today.
    static func nextAction(_ key: QueueKey, _ s: AppState) -> String {
        if let next = key.nextAction {
            if let at = key.nextActionAt, next == s.today { return BlockReason.clock(s.operatorClock.local(at).minute) }
            return next == s.today ? s.strings[.today] : shortDay(next, s)
        }
        if key.blockedNow {
            let day = s.operatorClock.local(key.opensAt).day
            return day == s.today ? s.strings[.today] : shortDay(day, s)
        }
        return s.strings[.today]
    }

    /// `23 Nov` (the year only when it is not this year's).
    static func shortDay(_ d: Day, _ s: AppState) -> String {
        let text = s.strings.shortDate(d)
        return d.components.year == s.today.components.year ? String(text.dropLast(5)) : text
    }

    /// The line under the list: why the selected account is where it is,
    /// its rank, and who else is working it.
    static func why(_ s: AppState) -> String {
        let q = s.queue
        guard let key = q.selected else { return "" }
        let str = s.strings
        let r = WorkQueue.reason(for: key, today: s.queueDay, buckets: s.buckets)
        // A blocked account keeps the reason it would stand where it does once contact opens.
        var open = key
        open.opensAt = 0
        let under = r.rule == .blockedNow ? WorkQueue.reason(for: open, today: s.queueDay, buckets: s.buckets).rule : nil
        // Someone else at the account matters more than why it is here: it comes first.
        let lease = q.rows[key.accountID]?.leasedBy.map { str.format(.beingWorkedBy, $0) + " — " } ?? ""
        func text(_ rule: QueueRule) -> String? {
            switch rule {
            case .blockedNow:
                str.format(.whyBlocked, AccountView.shortTime(key.opensAt, clock: s.operatorClock, today: s.today, strings: str))
            case .promiseDueToday: str[.whyPromiseDue]
            case .brokenPromise: str[.whyBroken]
            case .instalmentDue: str[.whyInstalmentDue]
            case .instalmentMissed: str[.whyInstalmentMissed]
            case .planDecided:
                // Who decided, when (and why a decline), when the line's details say.
                q.rows[key.accountID]?.planReview.map { str.format(.whyPlanReviewed, str.planReviewText($0)) }
                    ?? (key.flag == .planDeclined ? str[.whyPlanDeclined] : str[.whyPlanApproved])
            case .actionDue:
                str.format(.whyActionDue, (key.nextAction.map { shortDay($0, s) } ?? str[.today])
                    + (key.nextActionAt.map { " " + BlockReason.clock(s.operatorClock.local($0).minute) } ?? ""))
            case .caseDue: str[.whyCaseDue]
            case .oldestBucket, .balance: nil
            }
        }
        let rule = ([text(r.rule)] + [under.flatMap(text)]).compactMap { $0 }.joined(separator: "; ")
        return "\(str[.whyLabel]) (\(str.format(.rankOf, q.cursor + 1, q.ordered.count))): " + lease + (rule.isEmpty ? "" : rule + "; ")
            + str.format(.whyOldestBucket, r.days, str.bucketLabel(s.buckets.labels[r.bucket]))
            + ", \(s.money.format(key.balance))"
    }
}
