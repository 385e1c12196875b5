import TagihCore
import TagihTerminal

/// Negotiate plan: the terms on the left of each line, the schedule and
/// totals recomputed below on every render, the user's authority and
/// whether this plan is within it.
enum PlanFormView {
    static func label(_ f: PlanForm.Field, _ str: Strings) -> String {
        switch f {
        case .discount: str[.fieldDiscount]
        case .target: str[.fieldTarget]
        case .down: str[.fieldDown]
        case .instalments: str[.fieldInstalments]
        case .frequency: str[.fieldFrequency]
        case .first: str[.fieldFirst]
        case .note: str[.fieldNote]
        }
    }

    /// Schedule lines there is room for on a screen `height` lines high
    /// (below the seven terms, the totals, two lines of excesses and the
    /// column header): what a page of PgDn scrolls by.
    static func scheduleRoom(_ height: Int) -> Int { max(0, height - 18) }

    static func draw(_ b: inout ScreenBuffer, _ s: AppState, _ f: PlanForm) {
        let str = s.strings
        let authority = PlanAuthority.of(s.me, longest: s.planLongest)
        Chrome.title(&b, "\(str[.planTitle]) — \(f.accountNo)")
        let limit = authority.discountLimitBasisPoints.map { "≤ \(formatPercent($0))%" } ?? str[.planNoLimit]
        let longest = authority.maxInstalments.map { "≤ \($0) ×" } ?? str[.planNoLimit]
        b.put(" \(str[.planBalance]) \(s.money.format(f.balance))  ·  " + str.format(.planAuthority, limit, longest), x: 0, y: 1, style: Palette.section,
              maxWidth: b.width - 1)
        var y = 3
        for field in PlanForm.Field.allCases {
            let focused = field == f.focus
            b.put(" " + pad(label(field, str), 20), x: 0, y: y, style: focused ? Palette.section : .plain)
            let value = field == .frequency ? "< \(str.every(f.frequency)) >" : "[" + f.input(field).shown(focused: focused, width: b.width - 25) + "]"
            let width = b.put(value, x: 22, y: y, style: focused ? Palette.selected : .plain, maxWidth: b.width - 23)
            if field == .target || field == .down {
                // The amount as understood, before it is saved.
                let (echo, style) = FormView.amountEcho(f.text(field), s)
                if !echo.isEmpty, 22 + width + 3 < b.width { b.put(echo, x: 22 + width + 3, y: y, style: style, maxWidth: b.width - (22 + width + 3)) }
            }
            y += 1
        }
        y += 1
        switch f.terms(currency: s.money.currency) {
        case .failure(let p):
            b.put(" \(label(p.field, str)): \(str[p.message])", x: 0, y: y, style: Palette.warning)
        case .success(let terms):
            do {
                let plan = try Plans.schedule(terms, currency: s.money.currency)
                b.put(" " + str.format(.planTotals, "\(formatPercent(terms.discountBasisPoints))% \(s.money.format(plan.discount))",
                                       s.money.format(plan.total), str.shortDate(plan.lastDue)),
                      x: 0, y: y, style: Palette.section)
                let beyond = authority.exceeded(plan).map(str.planExcess)
                if beyond.isEmpty {
                    b.put(" " + str[.planWithin], x: 0, y: y + 1, style: Style(color: .green))
                } else {
                    b.put(" " + str[.planBeyond], x: 0, y: y + 1, style: Palette.warning)
                    // Every excess read whole: wrapped onto a second line, the schedule below it.
                    let lines = Chrome.wrap(beyond.joined(separator: "; "), b.width - 4).prefix(2)
                    for (i, line) in lines.enumerated() { b.put("   " + line, x: 0, y: y + 2 + i, style: Palette.warning) }
                    y += lines.count - 1
                }
                b.put("   " + columns([(str[.colNo], 3, .right), (str[.colDue], 12, .left), (str[.colAmount], 16, .right)]),
                      x: 0, y: y + 3, style: Palette.header)
                // The schedule scrolls (PgUp/PgDn): a line on either end says what is above or below.
                let room = max(0, b.height - 2 - (y + 4))   // down to the line above the keys
                let count = plan.lines.count
                let fits = count <= room
                let top = fits ? 0 : min(f.scheduleTop, max(0, count - (room - 1)))
                let above = top > 0 ? 1 : 0
                let shown = fits ? count : max(0, room - above - (top + room - above < count ? 1 : 0))
                var row = y + 4
                if above == 1 {
                    b.put("   " + str.format(.planEarlier, top), x: 0, y: row, style: Palette.hint)
                    row += 1
                }
                for line in plan.lines.dropFirst(top).prefix(shown) {
                    b.put("   " + columns([(String(line.n), 3, .right), (str.shortDate(line.due), 12, .left), (s.money.format(line.amount), 16, .right)]),
                          x: 0, y: row)
                    row += 1
                }
                if top + shown < count { b.put("   " + str.format(.planMore, count - top - shown), x: 0, y: row, style: Palette.hint) }
            } catch {
                b.put(" " + fit(str.planError(error, currency: s.money.currency, options: false), b.width - 2), x: 0, y: y, style: Palette.warning)
            }
        }
        Chrome.bottom(&b, hint: Chrome.hint(.form, Chrome.planFormTips, state: s), state: s)
    }
}
