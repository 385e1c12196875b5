import TagihCore
import TagihTerminal

/// The aging tabs of the Reports screen. When every bucket, the unapplied
/// credit and the balance fit the width (a 100-column terminal with a
/// team's figures), they are all shown, as `tagih report aging` prints them.
/// Otherwise one figure is shown at a time — past due, a bucket, or the
/// unapplied credit — paged with ←→, the balance always beside it. Amounts
/// are exact to the sen, never cut; the Accounts column counts the accounts
/// behind the figure shown.
enum AgingTable {
    /// What a page (the chosen column, `ReportsState.column`) shows: nil is
    /// past due (all buckets but current), 0..<n a bucket, n the unapplied credit.
    static func pageCount(_ buckets: Buckets) -> Int { buckets.count + 2 }

    static func isUnapplied(_ column: Int?, _ buckets: Buckets) -> Bool { column == buckets.count }

    /// The figure a column shows, as a positive amount (unapplied as the CSV shows it).
    static func amount(_ t: AgingTotals, _ column: Int?) -> Int64 {
        guard let c = column else { return t.buckets.dropFirst().reduce(0) { $0 &+ $1.minor } }
        return c < t.buckets.count ? t.buckets[c].minor : t.unapplied.minor
    }

    /// The accounts behind the figure a column shows.
    static func accounts(_ t: AgingTotals, _ column: Int?) -> Int {
        guard let c = column else { return t.pastDueAccounts }
        return c < t.bucketAccounts.count ? t.bucketAccounts[c] : t.unappliedAccounts
    }

    static func label(_ column: Int?, _ s: AppState) -> String {
        guard let c = column else { return s.strings[.pastDue] }
        return c < s.buckets.count ? s.strings.bucketLabel(s.buckets.labels[c]) : s.strings[.unapplied]
    }

    static func balance(_ t: AgingTotals) -> Int64 { (try? t.balance().minor) ?? 0 }

    /// The rows to show: the total under the groups when there is more than one.
    static func groups(_ a: AgingReport, _ s: AppState) -> [(name: String, totals: AgingTotals, style: Style)] {
        let str = s.strings
        var out = a.rows.map { ($0.group == AgingReport.noGroup ? str[.none] : str.bucketLabel($0.group), $0.totals, Style.plain) }
        if a.rows.count > 1 { out.append((str[.total], a.total, Palette.section)) }
        return out
    }

    static func groupWidth(_ a: AgingReport) -> Int { max(8, min(12, a.rows.map { displayWidth($0.group) }.max() ?? 0)) }

    /// Every bucket, the unapplied credit and the balance, when they fit
    /// `width`: on one line a group, or, where one line is too narrow (a
    /// 100-column terminal and amounts with sen), on two — the first half
    /// of the figures above the second, in the same columns. Amounts are
    /// without the currency (named on the line above). `stack` is how many
    /// lines a group (and the header) takes.
    static func wide(_ r: ReportsState, _ a: AgingReport, _ s: AppState) -> (lines: [Line], stack: Int)? {
        let str = s.strings, m = s.money
        let rows = groups(a, s)
        let figures: [Int?] = Array(0...s.buckets.count)
        let counts = rows.map { row in String(r.column.map { accounts(row.totals, $0) } ?? row.totals.accounts) }
        let accountsWidth = max(displayWidth(str[.accounts]), counts.map(displayWidth).max() ?? 0)
        let cells = rows.map { row in figures.map { m.plain(Money(minor: amount(row.totals, $0))) } + [m.plain(Money(minor: balance(row.totals)))] }
        let headers = figures.map { label($0, s) } + [str[.balance]]
        let widths: [Int] = headers.indices.map { i in max(displayWidth(headers[i]), cells.map { displayWidth($0[i]) }.max() ?? 0) }
        let gw = groupWidth(a)
        // Two lines a group only from 100 columns: below, one figure a page reads better.
        for stack in 1...(s.width >= 100 ? 2 : 1) {
            let perLine = (widths.count + stack - 1) / stack
            // A slot holds figure j on the first line, j + perLine on the second.
            let slots: [Int] = (0..<perLine).map { j in stride(from: j, to: widths.count, by: perLine).map { widths[$0] }.max() ?? 0 }
            let amountsWidth: Int = slots.reduce(0) { $0 + 1 + $1 }
            guard 1 + gw + 1 + accountsWidth + amountsWidth <= s.width else { continue }
            func lines(_ name: String, _ count: String, _ amounts: [String], style: Style) -> [Line] {
                (0..<stack).map { l in
                    let part = Array(amounts.dropFirst(l * perLine).prefix(perLine))
                    let figures: [(String, Int, Align)] = zip(part, slots).map { ($0, $1, Align.right) }
                    return Line(" " + columns([(l == 0 ? name : "", gw, .left), (l == 0 ? count : "", accountsWidth, .right)] + figures), style)
                }
            }
            var out = lines(str[.group], str[.accounts], headers, style: Palette.header)
            for (i, row) in rows.enumerated() { out += lines(row.name, counts[i], cells[i], style: row.style) }
            return (out, stack)
        }
        return nil
    }

    /// One figure and the balance, with a bar of the figure's share of the balance.
    static func paged(_ r: ReportsState, _ a: AgingReport, _ s: AppState) -> [Line] {
        let str = s.strings, m = s.money
        let rows = groups(a, s)
        let shownLabel = label(r.column, s)
        // Amount columns are as wide as the widest amount: the bar shrinks
        // (or goes, leaving the percentage) when a big book leaves no room for it.
        let amountWidth = max(displayWidth(shownLabel), displayWidth(str[.balance]),
                              rows.map { max(displayWidth(m.format(Money(minor: amount($0.totals, r.column)))),
                                             displayWidth(m.format(Money(minor: balance($0.totals))))) }.max() ?? 0)
        let gw = groupWidth(a)
        let fixed = 1 + gw + 1 + 8 + 2 * (1 + amountWidth) + 5
        let barWidth = min(8, max(0, s.width - fixed - 1))
        func line(_ group: String, _ t: AgingTotals, style: Style) -> Line {
            let part = amount(t, r.column), whole = balance(t)
            let share = whole > 0 ? Int(min(100, max(0, part * 100 / max(1, whole)))) : 0
            let filled = share * barWidth / 100
            let bar = barWidth < 3 ? "" : " " + String(repeating: "█", count: filled) + String(repeating: "·", count: barWidth - filled)
            let text = " " + columns([(group, gw, .left), (String(accounts(t, r.column)), 8, .right), (m.format(Money(minor: part)), amountWidth, .right),
                                      (m.format(Money(minor: whole)), amountWidth, .right)])
            return Line(text + bar + " \(share)%".leftPadded(5, with: " "), style == .plain && share >= 50 ? Palette.warning : style)
        }
        return [Line(" " + columns([(str[.group], gw, .left), (str[.accounts], 8, .right), (shownLabel, amountWidth, .right),
                                     (str[.balance], amountWidth, .right)]) + (barWidth < 3 ? "" : String(repeating: " ", count: barWidth + 1)) + "    %")]
            + rows.map { line($0.name, $0.totals, style: $0.style) }
    }

    /// The line above the table: the currency of a wide table's amounts, or
    /// the pages of a paged one with the one shown marked, and the key that pages.
    static func strip(_ r: ReportsState, _ a: AgingReport, _ s: AppState) -> String {
        let str = s.strings
        if wide(r, a, s) != nil {
            let cur = s.money.currency
            return str.format(.agingAmountsIn, s.money.language == .id ? cur.localSymbol : cur.code)
        }
        let pages: [Int?] = [nil] + Array(0...s.buckets.count)
        let names = pages.map { $0 == r.column ? "[\(label($0, s))]" : label($0, s) }
        let keys = Keymap.display(s.keymap.keys[.choicePrevious]?.first ?? .left) + Keymap.display(s.keymap.keys[.choiceNext]?.first ?? .right)
        let all = names.joined(separator: " ") + "  (\(keys))"
        if displayWidth(all) <= s.width - 2 { return all }
        let i = pages.firstIndex(of: r.column) ?? 0
        return "\(names[i]) \(i + 1)/\(pages.count)  (\(keys))"
    }
}
