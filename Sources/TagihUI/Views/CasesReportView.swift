import TagihCore
import TagihTerminal

/// The Reports screen's Cases tab: by month, one row per case type with the
/// columns of `report cases` (opened, resolved, in time, overdue open,
/// median days, credited), the overdue figure in the alert colour.
enum CasesReportView {
    static func row(_ r: ReportsState, _ index: Int) -> (month: CaseMonth, row: CaseReportRow)? {
        let n = CaseType.allCases.count
        guard r.caseMonths.indices.contains(index / n) else { return nil }
        let m = r.caseMonths[index / n]
        return (m, m.rows[index % n])
    }

    static func rows(_ r: ReportsState, _ s: AppState) -> [Line] {
        let str = s.strings
        let amountWidth = max(14, r.caseMonths.flatMap(\.rows).map { displayWidth(s.money.format($0.credited)) }.max() ?? 0)
        func cols(_ c: [String]) -> String {
            // Within 80 columns with a credited total up to IDR 99,999,999.99; a larger one widens its column, never cut.
            " " + columns([(c[0], 8, .left), (c[1], 12, .left), (c[2], 6, .right), (c[3], 8, .right), (c[4], 7, .right), (c[5], 7, .right),
                           (c[6], 8, .right), (c[7], amountWidth, .right)])
        }
        var out = [Line(cols([str[.colMonth], str[.colType], str[.colOpened], str[.colResolved], str[.colInTime], str[.colOverdueOpen],
                              str[.colMedian], str[.colCredited]]))]
        for m in r.caseMonths {
            let (y, mo, _) = m.from.components
            let month = "\(y)-\(String(mo).leftPadded(2))"
            for (k, row) in m.rows.enumerated() {
                out.append(Line(cols([k == 0 ? month : "", str.caseType(row.type), String(row.opened), String(row.resolved), String(row.resolvedInTime),
                                      String(row.overdueOpen), row.medianDaysTenths.map(Cases.tenths) ?? "—", s.money.format(row.credited)]),
                                row.overdueOpen > 0 ? Palette.warning : .plain))
            }
        }
        return out
    }

    /// The selected row's period, said as the command that gives the same figures.
    static func detail(_ r: ReportsState, _ s: AppState) -> [Line] {
        guard let (m, row) = row(r, r.cursor) else { return [] }
        let str = s.strings
        return [Line(str.format(.casesMonthDetail, m.from.iso.prefix(7), str.caseType(row.type), str.shortDate(m.from), str.shortDate(m.to),
                                m.from.iso, m.to.iso), Palette.hint)]
    }

    /// As CSV: `month,` then `report cases`'s columns.
    static func csv(_ r: ReportsState, _ s: AppState) -> String {
        var out = "month,type,opened,resolved,resolved_in_time,overdue_open,median_days,credited\n"
        for m in r.caseMonths {
            for row in m.rows {
                out += "\(m.from.iso.prefix(7)),\(row.type.rawValue),\(row.opened),\(row.resolved),\(row.resolvedInTime),\(row.overdueOpen),"
                    + "\(row.medianDaysTenths.map(Cases.tenths) ?? ""),\(row.credited.machine(s.money.currency))\n"
            }
        }
        return out
    }
}
