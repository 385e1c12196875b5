import TagihCore
import TagihTerminal

/// The frame around every screen: the title bar, the key hints and the
/// status line (user, role, date, ledger — or a message).
enum Chrome {
    static func title(_ b: inout ScreenBuffer, _ text: String, right: String = "") {
        b.fill(row: 0, style: Palette.title)
        b.put(" " + text, x: 0, y: 0, style: Palette.title, maxWidth: b.width - displayWidth(right) - 2)
        if !right.isEmpty { b.putRight(right + " ", right: b.width, y: 0, style: Palette.title) }
    }

    static func bottom(_ b: inout ScreenBuffer, hint: String, state s: AppState) {
        let y = b.height - 1
        b.put(" " + hint, x: 0, y: y - 1, style: Palette.hint)
        let who = "\(s.me.login) (\(s.strings.role(s.me.role))) · \(s.strings.weekdayDate(s.today)) · \(s.database)"
        if let status = s.status, status.isError, displayWidth(status.text) > b.width - 2, b.height > 2 {
            // A refusal longer than the line (its reason and its next allowed
            // time) takes the hint's line too, rather than being cut.
            let lines = wrap(status.text, b.width - 2)
            let two = lines.count > 2 ? [lines[0], fit(lines[1...].joined(separator: " "), b.width - 2)] : lines
            for (i, line) in two.enumerated() {
                let row = y - (two.count - 1) + i
                b.fill(row: row, style: Palette.error)
                b.put(" " + line, x: 0, y: row, style: Palette.error)
            }
        } else if let status = s.status {
            let style = status.isError ? Palette.error : Palette.status
            b.fill(row: y, style: style)
            b.put(" " + fit(status.text, b.width - 2), x: 0, y: y, style: style)
        } else if s.savePending {
            b.fill(row: y, style: Palette.status)
            b.put(" " + fit(s.strings.waitingForLedger, b.width - 2), x: 0, y: y, style: Palette.status)
        } else {
            b.fill(row: y, style: Palette.status)
            b.put(" " + who, x: 0, y: y, style: Palette.status)
        }
    }

    /// One item of a hint line: the keys of its actions (the first key of
    /// each, as the keymap in use binds it here) and a word; or a word alone.
    struct Tip {
        var actions: [Action]
        var word: Strings.UI
        /// Kept when the line is too narrow (help, back, quit).
        var essential = false
        /// Which go first when the line is too narrow: the lowest.
        var rank = 2
        /// Between the keys of its actions: `↑↓`, or `y/Enter`.
        var separator = ""
        /// Every key of its action, not only the first: `F2/Ctrl-S save`
        /// (Ctrl-S is what a person remembers; F2 works where Ctrl-S is flow control).
        var allKeys = false
    }

    /// The one-line hint of a screen, generated from the keymap, in the
    /// screen's order: `Enter open  / search  … ? help  q quit`. An action
    /// with no key in this context, or not offered to this user, is left
    /// out; when the line is wider than the screen, the lowest-ranked items
    /// that are not essential go first, the later of equals first (Help
    /// lists them all).
    static func hint(_ context: Context, _ tips: [Tip], state s: AppState) -> String {
        var items: [(text: String, essential: Bool, rank: Int)] = tips.compactMap { tip in
            let keys = tip.actions.compactMap { a -> String? in
                let bound = (s.keymap.keys[a] ?? []).filter { Self.bindable($0, in: context) }
                guard s.offers(a), let key = bound.first else { return nil }
                return tip.allKeys ? bound.map(Keymap.display).joined(separator: "/") : Keymap.display(key)
            }
            if !tip.actions.isEmpty && keys.count < tip.actions.count { return nil }
            // Arrows read well run together (`←→`); named keys need a slash (`Ctrl-B/Ctrl-F`).
            let separator = tip.separator.isEmpty && keys.contains(where: { $0.count > 1 }) ? "/" : tip.separator
            return ((keys.joined(separator: separator) + " " + s.strings[tip.word]).trimmingCharacters(in: .whitespaces), tip.essential, tip.rank)
        }
        while displayWidth(" " + items.map(\.text).joined(separator: "  ")) > s.width,
              let lowest = items.filter({ !$0.essential }).map(\.rank).min(),
              let i = items.lastIndex(where: { !$0.essential && $0.rank == lowest }) {
            items.remove(at: i)
        }
        return items.map(\.text).joined(separator: "  ")
    }

    /// In search and forms printable characters are text, never keys.
    private static func bindable(_ key: Key, in context: Context) -> Bool {
        if context == .search || context == .form, case .character = key { return false }
        return true
    }

    static let queueTips: [Tip] = [
        Tip(actions: [.open], word: .tipOpen), Tip(actions: [.search], word: .tipSearch), Tip(actions: [.bucket], word: .tipBucket),
        Tip(actions: [.segment], word: .tipSegment), Tip(actions: [.sort], word: .tipSort), Tip(actions: [.scope], word: .tipQueue),
        Tip(actions: [.approvals], word: .tipApprovals, rank: 1), Tip(actions: [.reports], word: .tipReports, rank: 1),
        Tip(actions: [.assign], word: .tipAssign, rank: 1),
        Tip(actions: [.help], word: .tipHelp, essential: true), Tip(actions: [.quit], word: .tipQuit, essential: true),
    ]
    static let accountTips: [Tip] = [
        Tip(actions: [.logContact], word: .tipLogContact), Tip(actions: [.negotiate], word: .tipPlan), Tip(actions: [.letter], word: .tipLetter),
        Tip(actions: [.contactNotes], word: .tipNotes),
        Tip(actions: [.up, .down], word: .tipScroll), Tip(actions: [.refresh], word: .tipReload, rank: 1), Tip(actions: [.search], word: .tipSearch),
        Tip(actions: [.help], word: .tipHelp, essential: true), Tip(actions: [.back], word: .tipBack, essential: true),
    ]
    static let searchTips: [Tip] = [
        Tip(actions: [], word: .tipTypeToSearch), Tip(actions: [.up, .down], word: .tipChoose), Tip(actions: [.open], word: .tipOpen),
        Tip(actions: [.clearInput], word: .tipClear), Tip(actions: [.back], word: .tipBack, essential: true),
    ]
    static let approvalsTips: [Tip] = [
        Tip(actions: [.approve], word: .tipApprove), Tip(actions: [.decline], word: .tipDeclineWhy), Tip(actions: [.open], word: .tipTheAccount),
        Tip(actions: [.sort], word: .tipOrder, rank: 1), Tip(actions: [.back], word: .tipBack, essential: true),
    ]
    static let confirmTips: [Tip] = [
        Tip(actions: [.approve, .open], word: .tipApprove, essential: true, separator: "/"), Tip(actions: [.decline], word: .tipDecline, essential: true),
        Tip(actions: [.up, .down], word: .tipSchedule), Tip(actions: [.back], word: .tipBackUndecided, essential: true),
    ]
    static let assignTips: [Tip] = [
        Tip(actions: [.up, .down], word: .tipChoose), Tip(actions: [.open], word: .tipAssign), Tip(actions: [.back], word: .tipCancel, essential: true),
    ]
    /// The `t` tip goes where there is no other scope to switch to (a collector's own figures).
    static func reportsTips(_ s: AppState) -> [Tip] {
        // The Reconciliation tab's own keys are said on its table (channel, month, statement); export once there is a table.
        if let r = s.reportsOnScreen, r.tab == .reconcile {
            return [Tip(actions: [.nextReport], word: .tipReport, rank: 1)]
                + (r.reconcile.outcome != nil ? [Tip(actions: [.export], word: .tipExport)] : [])
                + [Tip(actions: [.help], word: .tipHelp, essential: true), Tip(actions: [.back], word: .tipBack, essential: true)]
        }
        // At 80 columns the conventional keys (Tab, Enter) give way first.
        return [Tip(actions: [.nextReport], word: .tipReport, rank: 1), Tip(actions: [.earlier, .later], word: .tipMonthEnds, separator: " "),
         Tip(actions: [.asOf], word: .tipDay)]
        + (s.scopes.count > 1 ? [Tip(actions: [.scope], word: .tipTeam)] : [])
        + [Tip(actions: [.choicePrevious, .choiceNext], word: .tipBucket), Tip(actions: [.open], word: .tipAccounts, rank: 1),
           Tip(actions: [.export], word: .tipExport), Tip(actions: [.help], word: .tipHelp, essential: true),
           Tip(actions: [.back], word: .tipBack, essential: true)]
    }
    static let contactFormTips = formTips(fields: [.nextField, .previousField], choices: .tipChoose)
    /// The plan form's choice is the frequency.
    static let planFormTips = formTips(fields: [.nextField], choices: .tipEvery)

    /// A form's footer. At 80 columns help goes first, then Ctrl-U and the
    /// choices; saving and leaving always show.
    private static func formTips(fields: [Action], choices: Strings.UI) -> [Tip] {
        [Tip(actions: fields, word: .tipField, rank: 3, separator: "/"),
         Tip(actions: [.choicePrevious, .choiceNext], word: choices),
         Tip(actions: [.clearInput], word: .tipClear, rank: 1),
         Tip(actions: [.save], word: .tipSave, essential: true, allKeys: true),
         Tip(actions: [.back], word: .tipCancel, essential: true),
         Tip(actions: [.help], word: .tipHelp, rank: 0)]
    }
    static let notesTips: [Tip] = [
        Tip(actions: [.up, .down], word: .tipScroll), Tip(actions: [.help], word: .tipHelp, rank: 1), Tip(actions: [.back], word: .tipBack, essential: true),
    ]
    static let helpTips: [Tip] = [
        Tip(actions: [.up, .down], word: .tipScroll), Tip(actions: [.back], word: .tipClose, essential: true),
    ]

    /// Shown instead of the screen when the window is below 80×24.
    static func tooSmall(_ s: AppState) -> ScreenBuffer {
        var b = ScreenBuffer(width: s.width, height: s.height)
        guard s.width > 0, s.height > 0 else { return b }
        let lines = wrap(s.strings[.enlarge], s.width) + ["(\(s.width)×\(s.height))"]
        let top = max(0, (s.height - lines.count) / 2)
        for (i, l) in lines.enumerated() {
            b.put(l, x: max(0, (s.width - displayWidth(l)) / 2), y: top + i, style: i < lines.count - 1 ? Palette.section : .plain)
        }
        return b
    }

    /// Words wrapped to `width` columns.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if displayWidth(candidate) > width, !current.isEmpty {
                lines.append(current)
                current = String(word)
            } else {
                current = candidate
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map { fit($0, width) }
    }
}

/// Draws the whole screen for a state: the screen on top of the stack
/// inside the chrome, or the "enlarge the window" message.
public func render(_ s: AppState) -> ScreenBuffer {
    if s.isTooSmall { return Chrome.tooSmall(s) }
    var b = ScreenBuffer(width: s.width, height: s.height)
    switch s.stack.last {
    case nil: QueueView.draw(&b, s)
    case .account(let a): AccountView.draw(&b, s, a)
    case .search(let st): SearchView.draw(&b, s, st)
    case .help(let h): HelpView.draw(&b, s, h)
    case .contactForm(let f): FormView.draw(&b, s, f)
    case .planForm(let f): PlanFormView.draw(&b, s, f)
    case .approvals(let a): ApprovalsView.draw(&b, s, a)
    case .reports(let r): ReportsView.draw(&b, s, r)
    case .confirmPlan(let c): ConfirmPlanView.draw(&b, s, c)
    case .assignPicker(let p): AssignView.draw(&b, s, p)
    case .contactNotes(let n): NotesView.draw(&b, s, n)
    case .holdForm(let f): HoldFormView.draw(&b, s, f)
    case .phoneList(let p): PhoneListView.draw(&b, s, p)
    case .caseScreen(let c): CaseScreenView.draw(&b, s, c)
    }
    if let p = s.scopePicker { ScopePickerView.draw(&b, s, p) }
    return b
}
